/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- developer and test tooling: runs under Node, never shipped in the n8n package */
/**
 * The automatic rate inside a real n8n against a rate-limited account:
 *   npx tsx test/bench/limitInN8n.ts     # or: npm run bench:limit
 * Manual Trigger -> Code (BENCH_ITEMS, default 300, items) -> Tag > Create with the default settings
 * (automatic rate, 10 in flight), against an emulator whose gateway allows BENCH_LIMITS (default 5,20)
 * requests in any sliding second. For each limit, a fresh n8n process (`n8n execute-batch`) runs the
 * workflow twice: the first run starts from nothing, the second from what the first learned. The
 * node's execution time is read from n8n's run data, so n8n's start-up is not counted.
 */
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

const ITEMS = Number(process.env.BENCH_ITEMS ?? 300);
const LIMITS = (process.env.BENCH_LIMITS ?? '5,20').split(',').map(Number);
const KEYS_PER_DESKTOP = 10; // the emulator's tag quota per desktop
const DESKTOPS = Math.ceil(ITEMS / KEYS_PER_DESKTOP);
const NODE = 'Workspace';

function desktopId(d: number): string {
	return `bf000000-0000-4000-8000-${String(d).padStart(12, '0')}`;
}

function workflow(label: string, run: number, credential: { id: string; name: string }): WorkflowJson {
	const ids = Array.from({ length: DESKTOPS }, (_, d) => desktopId(d));
	// Item i writes key k{i / desktops} on desktop i % desktops: every (desktop, key) once per run.
	const jsCode = `const ids = ${JSON.stringify(ids)};\nreturn Array.from({ length: ${ITEMS} }, (_, i) => ({ json: { id: ids[i % ids.length], key: 'k' + Math.floor(i / ids.length), value: 'run${run}-' + i } }));`;
	return withCredential(
		{
			id: n8nId(label),
			name: label,
			nodes: [
				{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{ name: 'Items', type: 'n8n-nodes-base.code', typeVersion: 2, position: [200, 0], parameters: { jsCode } },
				{
					name: NODE,
					type: COMMUNITY_NODE_TYPE,
					typeVersion: 1,
					position: [400, 0],
					parameters: {
						resource: 'tag',
						operation: 'create',
						desktopId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
						key: '={{ $json.key }}',
						value: '={{ $json.value }}',
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

async function measure(
	runtime: Awaited<ReturnType<typeof ensureRuntime>>,
	tarball: string,
	emu: Emulator,
	limit: number,
): Promise<string[]> {
	emu.setRateLimit({ perSecond: limit, maxInFlight: 10 });
	emu.clearRequests();
	const n8n = await N8nInstance.create({ runtime, tarball });
	try {
		const credential = emulatorTokenCredential(emu, { id: n8nId(`crlimit${limit}`), name: 'bench' });
		await n8n.importCredentials([credential]);
		const runs = [1, 2].map((run) => ({ run, label: `limit${limit}run${run}` }));
		await n8n.importWorkflows(runs.map(({ label, run }) => workflow(label, run, credential)));
		const results = await n8n.executeWorkflows(runs.map(({ label }) => n8nId(label)));
		const throttled = emu.requests.filter((r) => r.status === 429).length;
		const rows: string[] = [];
		for (const { run, label } of runs) {
			const result = results[n8nId(label)];
			if (!result.success) throw new Error(`${label} failed: ${JSON.stringify(result.error)}`);
			const failed = itemsOf(result, NODE).filter((item) => item.success !== true).length;
			if (failed > 0) throw new Error(`${label}: ${failed} items failed`);
			const seconds = (result.runData[NODE][0].executionTime ?? NaN) / 1000;
			const minimum = ITEMS / limit;
			rows.push(
				`| ${limit} | ${run === 1 ? 'first (fresh process)' : 'second'} | ${seconds.toFixed(1)} | ${minimum.toFixed(0)} | ${(seconds / minimum).toFixed(2)}x |`,
			);
		}
		rows.push(`| ${limit} | both runs: ${emu.requests.length} requests, ${throttled} answered 429 | | | |`);
		return rows;
	} finally {
		await n8n.dispose();
	}
}

async function main() {
	const runtime = await ensureRuntime((line) => console.log(line));
	const tarball = await buildAndPack();
	const emu = await startEmulator({ seed: false });
	try {
		for (let d = 0; d < DESKTOPS; d++) emu.addDesktop({ desktop_id: desktopId(d), computer_name: `limit-${d}` });
		const rows: string[] = [];
		for (const limit of LIMITS) rows.push(...(await measure(runtime, tarball, emu, limit)));
		console.log(
			[
				'',
				`n8n ${runtime.n8nVersion}; ${ITEMS} Tag > Create items per run, default settings`,
				'| limit (requests/s) | run | node time (s) | minimum (s) | / minimum |',
				'|---:|---|---:|---:|---:|',
				...rows,
			].join('\n'),
		);
	} finally {
		await emu.close();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
