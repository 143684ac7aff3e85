/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets, no-console -- developer and test tooling: runs under Node, never shipped in the n8n package */
/**
 * Throughput and overhead of the node on loopback against the emulator:
 *   npx tsx test/bench/throughput.ts
 * Items per second through n8n's engine (harness runNode, Tag > Get Many, pacing lifted out of the
 * way) against a raw undici client at the same concurrency (the floor) and against n8n's own HTTP
 * client at that concurrency (the floor for any node that sends through n8n's request helpers),
 * memory peaks, the cost of signing one request, and IAM logins per run in password mode.
 */
import './nodeSourceResolution';

import { performance } from 'node:perf_hooks';

import { OutboundHttp } from '@n8n/backend-network';
import { Container } from '@n8n/di';
import { Pool } from 'undici';

import { signRequestOptions } from '../../credentials/common/signRequestOptions';
import { startEmulator, type Emulator } from '../emulator';
import { credentialsFor, desktop, params } from '../engine/fixtures';
import { restartN8n, runNode } from '../engine/harness';

const CONCURRENCY = 50;
const THROTTLING = { requestsPerSecond: 100000, maxConcurrent: CONCURRENCY };
const SIZES = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map(Number);
const DESKTOPS = 100;

interface Peak {
	rssMb: number;
	heapMb: number;
}

/** Samples memory every 10 ms while `run` runs. */
async function withMemoryPeak<T>(run: () => Promise<T>): Promise<{ result: T; peak: Peak }> {
	global.gc?.();
	const peak = { rss: 0, heap: 0 };
	const sample = () => {
		const { rss, heapUsed } = process.memoryUsage();
		peak.rss = Math.max(peak.rss, rss);
		peak.heap = Math.max(peak.heap, heapUsed);
	};
	sample();
	const timer = setInterval(sample, 10);
	try {
		const result = await run();
		sample();
		return { result, peak: { rssMb: peak.rss / 2 ** 20, heapMb: peak.heap / 2 ** 20 } };
	} finally {
		clearInterval(timer);
	}
}

function ids(emu: Emulator): string[] {
	return emu.listDesktops().map((d) => d.desktop_id);
}

async function nodeRun(emu: Emulator, n: number): Promise<{ ms: number; peak: Peak }> {
	emu.clearRequests();
	restartN8n();
	const list = ids(emu);
	const items = Array.from({ length: n }, (_, i) => ({ id: list[i % list.length] }));
	const started = performance.now();
	const { result, peak } = await withMemoryPeak(() =>
		runNode({
			credentials: credentialsFor(emu, 'token'),
			parameters: params('tag', 'getAll', { desktopId: desktop('={{ $json.id }}'), throttling: THROTTLING }),
			items,
		}),
	);
	const ms = performance.now() - started;
	if (result.error) throw new Error(`node run failed: ${result.error.message}`);
	if (result.items.length !== 2 * n) throw new Error(`expected ${2 * n} items, got ${result.items.length}`);
	if (emu.requests.length !== n) throw new Error(`expected ${n} requests, got ${emu.requests.length}`);
	return { ms, peak };
}

/**
 * Sends the n GETs of a floor with CONCURRENCY workers; `get` sends one and says whether the answer
 * was a tag list.
 */
async function floorRun(
	name: string,
	emu: Emulator,
	n: number,
	get: (path: string) => Promise<boolean>,
): Promise<{ ms: number; peak: Peak }> {
	emu.clearRequests();
	const list = ids(emu);
	let next = 0;
	let ok = 0;
	const worker = async () => {
		while (next < n) {
			const i = next++;
			if (await get(`/v2/${emu.projectId}/desktops/${list[i % list.length]}/tags`)) ok++;
		}
	};
	const started = performance.now();
	const { peak } = await withMemoryPeak(() => Promise.all(Array.from({ length: CONCURRENCY }, worker)));
	const ms = performance.now() - started;
	if (ok !== n) throw new Error(`${name}: ${ok} of ${n} succeeded`);
	return { ms, peak };
}

async function rawRun(emu: Emulator, n: number): Promise<{ ms: number; peak: Peak }> {
	const pool = new Pool(emu.url, { connections: CONCURRENCY });
	try {
		return await floorRun('raw client', emu, n, async (path) => {
			const response = await pool.request({
				method: 'GET',
				path,
				headers: { 'x-auth-token': emu.token, accept: 'application/json' },
			});
			const body = (await response.body.json()) as { tags?: unknown[] };
			return response.statusCode === 200 && Array.isArray(body.tags);
		});
	} finally {
		await pool.close();
	}
}

/**
 * The same GETs through the client behind n8n's `httpRequest` and `httpRequestWithAuthentication`
 * helpers (n8n-core hands every node request to it), with nothing of n8n's node engine around them.
 */
async function n8nClientRun(emu: Emulator, n: number): Promise<{ ms: number; peak: Peak }> {
	const client = Container.get(OutboundHttp).requests();
	return await floorRun('n8n client', emu, n, async (path) => {
		const response = await client.request<{ tags?: unknown[] }>({
			method: 'GET',
			url: `${emu.url}${path}`,
			headers: { 'X-Auth-Token': emu.token, Accept: 'application/json' },
			json: true,
			returnFullResponse: true,
		});
		return response.statusCode === 200 && Array.isArray(response.body.tags);
	});
}

function signingCost(): { perCallUs: number; calls: number } {
	const calls = 20000;
	const keys = { accessKeyId: 'EMULATORAK0000000001', secretAccessKey: 'emulator-secret-key-0000000000000000000001', projectId: '0123456789abcdef0123456789abcdef' };
	const now = new Date();
	for (let i = 0; i < 1000; i++) signRequestOptions({ method: 'POST', baseURL: 'https://workspace.ap-southeast-1.myhuaweicloud.com', url: `/v2/p/desktops/d${i}/tags`, body: { tag: { key: 'k', value: 'v' } } }, keys, now);
	const started = performance.now();
	for (let i = 0; i < calls; i++) {
		signRequestOptions(
			{
				method: 'POST',
				baseURL: 'https://workspace.ap-southeast-1.myhuaweicloud.com',
				url: `/v2/0123456789abcdef0123456789abcdef/desktops/de500000-0000-4000-8000-${String(i).padStart(12, '0')}/tags`,
				qs: {},
				headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
				body: { tag: { key: `k${i}`, value: 'v' } },
			},
			keys,
			now,
		);
	}
	return { perCallUs: ((performance.now() - started) * 1000) / calls, calls };
}

async function iamLogins(emu: Emulator, n: number): Promise<number> {
	emu.clearRequests();
	restartN8n();
	const list = ids(emu);
	const { error } = await runNode({
		credentials: credentialsFor(emu, 'password'),
		parameters: params('tag', 'getAll', { desktopId: desktop('={{ $json.id }}'), throttling: THROTTLING }),
		items: Array.from({ length: n }, (_, i) => ({ id: list[i % list.length] })),
	});
	if (error) throw new Error(error.message);
	return emu.iamLogins;
}

async function main() {
	const emu = await startEmulator({ seed: false });
	for (let d = 0; d < DESKTOPS; d++) {
		emu.addDesktop({ desktop_id: `be000000-0000-4000-8000-${String(d).padStart(12, '0')}`, computer_name: `bench-${d}`, tags: [{ key: 'env', value: 'bench' }, { key: 'n', value: String(d) }] });
	}
	// Warm up both paths (JIT, sockets).
	await nodeRun(emu, 200);
	await rawRun(emu, 200);
	await n8nClientRun(emu, 200);

	const rows: string[] = [];
	const rate = (n: number, ms: number) => (n / (ms / 1000)).toFixed(0);
	const mb = ({ peak }: { peak: Peak }) => `${peak.rssMb.toFixed(0)} / ${peak.heapMb.toFixed(0)}`;
	for (const n of SIZES) {
		const raw = await rawRun(emu, n);
		const client = await n8nClientRun(emu, n);
		const node = await nodeRun(emu, n);
		rows.push(
			`| ${n.toLocaleString('en')} | ${rate(n, node.ms)} | ${rate(n, client.ms)} | ${rate(n, raw.ms)} | ${(node.ms / raw.ms).toFixed(2)}x | ${(client.ms / raw.ms).toFixed(2)}x | ${(node.ms / client.ms).toFixed(2)}x | ${mb(node)} | ${mb(client)} | ${mb(raw)} |`,
		);
		console.log(rows[rows.length - 1]);
	}
	const signing = signingCost();
	const logins = await iamLogins(emu, 1000);
	await emu.close();

	console.log(
		[
			'',
			'| items | node items/s | n8n client items/s | raw undici items/s | node / raw | n8n client / raw | node / n8n client | node peak RSS / heap MB | n8n client peak | raw peak |',
			'|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
			...rows,
			'',
			`AK/SK signing: ${signing.perCallUs.toFixed(1)} µs per request (${signing.calls.toLocaleString('en')} calls of signRequestOptions)`,
			`Password mode, 1,000 items: ${logins} IAM login(s)`,
		].join('\n'),
	);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
