/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- developer and test tooling: runs under Node, never shipped in the n8n package */
/**
 * The node inside a real n8n (the pinned runtime, the packed package) against a raw undici client:
 *   npx tsx test/bench/realN8n.ts      # or: npm run bench:n8n
 * A workflow Manual Trigger -> Code (N items) -> Tag > Get Many runs under `n8n execute-batch`; the
 * node's own execution time is read from n8n's run data, so n8n's start-up is not counted. The raw
 * client runs in a worker thread, as n8n runs in a process of its own, with the same concurrency.
 * BENCH_N8N_PROFILE=<dir> writes CPU profiles of the n8n process there (node --cpu-prof);
 * BENCH_CONCURRENCY (default 50) sets the requests in flight for both; BENCH_LATENCY_MS (default 0)
 * makes the emulator answer that much later, as a remote API would.
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

import { startEmulator, type Emulator } from '../emulator';
import {
	buildAndPack,
	COMMUNITY_NODE_TYPE,
	emulatorTokenCredential,
	ensureRuntime,
	itemsOf,
	N8nInstance,
	n8nId,
	withCredential,
	type WorkflowJson,
} from '../e2e/n8n';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
/** Added by the emulator to every answer, as a stand-in for the network between n8n and Huawei. */
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 0);
const SIZES = (process.env.BENCH_SIZES ?? '1000,5000').split(',').map(Number);
const DESKTOPS = 100;
const NODE = 'Workspace';

function workflow(label: string, n: number, credential: { id: string; name: string }): WorkflowJson {
	const ids = Array.from({ length: DESKTOPS }, (_, d) => desktopId(d));
	return withCredential(
		{
			id: n8nId(label),
			name: label,
			nodes: [
				{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{
					name: 'Items',
					type: 'n8n-nodes-base.code',
					typeVersion: 2,
					position: [200, 0],
					parameters: {
						jsCode: `const ids = ${JSON.stringify(ids)};\nreturn Array.from({ length: ${n} }, (_, i) => ({ json: { id: ids[i % ids.length] } }));`,
					},
				},
				{
					name: NODE,
					type: COMMUNITY_NODE_TYPE,
					typeVersion: 1,
					position: [400, 0],
					parameters: {
						resource: 'tag',
						operation: 'getAll',
						desktopId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
						throttling: { requestsPerSecond: 100000, maxConcurrent: CONCURRENCY },
					},
				},
			],
			connections: {
				Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
				Items: { main: [[{ node: NODE, type: 'main', index: 0 }]] },
			},
		},
		credential,
	);
}

function desktopId(d: number): string {
	return `be000000-0000-4000-8000-${String(d).padStart(12, '0')}`;
}

/** Runs a warm-up and then each size in one worker, so that every measured run has a warm JIT. */
const RAW_CLIENT = `
const { workerData, parentPort } = require('node:worker_threads');
const { Pool } = require(workerData.undici);
const { url, token, paths, sizes, concurrency } = workerData;
async function run(n) {
	const pool = new Pool(url, { connections: concurrency });
	let next = 0;
	let ok = 0;
	const worker = async () => {
		while (next < n) {
			const i = next++;
			const response = await pool.request({ method: 'GET', path: paths[i % paths.length], headers: { 'x-auth-token': token, accept: 'application/json' } });
			const body = await response.body.json();
			if (response.statusCode === 200 && Array.isArray(body.tags)) ok++;
		}
	};
	const started = performance.now();
	await Promise.all(Array.from({ length: concurrency }, worker));
	const ms = performance.now() - started;
	await pool.close();
	if (ok !== n) throw new Error('raw client: ' + ok + ' of ' + n + ' succeeded');
	return ms;
}
(async () => {
	await run(1000);
	const ms = [];
	for (const n of sizes) ms.push(await run(n));
	parentPort.postMessage(ms);
})();
`;

async function rawRuns(emu: Emulator, sizes: number[]): Promise<Map<number, number>> {
	const paths = Array.from({ length: DESKTOPS }, (_, d) => `/v2/${emu.projectId}/desktops/${desktopId(d)}/tags`);
	const worker = new Worker(RAW_CLIENT, {
		eval: true,
		workerData: { undici: require.resolve('undici'), url: emu.url, token: emu.token, paths, sizes, concurrency: CONCURRENCY },
	});
	try {
		const ms = await new Promise<number[]>((resolve, reject) => {
			worker.once('message', resolve);
			worker.once('error', reject);
		});
		return new Map(sizes.map((n, i) => [n, ms[i]]));
	} finally {
		await worker.terminate();
	}
}

async function main() {
	const runtime = await ensureRuntime((line) => console.log(line));
	const tarball = await buildAndPack();
	const emu = await startEmulator({ seed: false });
	for (let d = 0; d < DESKTOPS; d++) {
		emu.addDesktop({ desktop_id: desktopId(d), computer_name: `bench-${d}`, tags: [{ key: 'env', value: 'bench' }, { key: 'n', value: String(d) }] });
	}
	emu.setLatency(LATENCY_MS);
	const n8n = await N8nInstance.create({ runtime, tarball, env: process.env.BENCH_N8N_PROFILE ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_N8N_PROFILE}` } : {} });
	try {
		const credential = emulatorTokenCredential(emu, { id: n8nId('crbench'), name: 'bench' });
		await n8n.importCredentials([credential]);
		// A warm-up run first, then each size: n8n loads and compiles the node on its first run.
		const runs = [{ label: 'benchwarm', n: 200 }, ...SIZES.map((n) => ({ label: `bench${n}`, n }))];
		await n8n.importWorkflows(runs.map(({ label, n }) => workflow(label, n, credential)));
		const raw = await rawRuns(emu, SIZES);

		emu.clearRequests();
		const started = performance.now();
		const results = await n8n.executeWorkflows(runs.map(({ label }) => n8nId(label)));
		console.log(`execute-batch: ${((performance.now() - started) / 1000).toFixed(1)} s including n8n start-up`);
		const expectedRequests = runs.reduce((sum, { n }) => sum + n, 0);
		if (emu.requests.length !== expectedRequests) throw new Error(`expected ${expectedRequests} requests, got ${emu.requests.length}`);

		const rows: string[] = [];
		for (const n of SIZES) {
			const result = results[n8nId(`bench${n}`)];
			if (!result.success) throw new Error(`run of ${n} items failed: ${JSON.stringify(result.error)}`);
			const items = itemsOf(result, NODE);
			if (items.length !== 2 * n) throw new Error(`expected ${2 * n} items, got ${items.length}`);
			const nodeMs = result.runData[NODE][0].executionTime ?? NaN;
			const rawMs = raw.get(n) ?? NaN;
			rows.push(
				`| ${n.toLocaleString('en')} | ${(n / (nodeMs / 1000)).toFixed(0)} | ${(n / (rawMs / 1000)).toFixed(0)} | ${(nodeMs / rawMs).toFixed(2)}x |`,
			);
		}
		console.log(
			[
				'',
				`n8n ${runtime.n8nVersion} on Node ${runtime.nodeVersion}; raw client on Node ${process.version}; ${CONCURRENCY} in flight, ${LATENCY_MS} ms added latency`,
				'| items | node in n8n items/s | raw undici items/s | node / raw |',
				'|---:|---:|---:|---:|',
				...rows,
			].join('\n'),
		);
	} finally {
		await n8n.dispose();
		await emu.close();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
