/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- developer and test tooling: runs under Node, never shipped in the n8n package */
/* eslint-disable no-console -- developer tooling: runs under Node, never shipped in the n8n package */
/**
 * Stopping N desktops with Desktop > Stop and Wait for Completion, through n8n's engine (harness
 * runNode) against the emulator, each power transition taking TRANSITION_MS (emulator clock):
 *   npx tsx test/bench/power.ts            (or npm run bench:power)
 * Counts the API calls by kind (look-ups and status polls are GET /desktops; power requests are
 * POST /desktops/action) and the wall time, with the default pacing (5 requests/s, what a user gets)
 * and with pacing lifted. The node's poll schedule is its own (2 s, growing by half to 15 s).
 */
import './nodeSourceResolution';

import { performance } from 'node:perf_hooks';

import { startEmulator, type Emulator } from '../emulator';
import { credentialsFor, desktop, params } from '../engine/fixtures';
import { restartN8n, runNode } from '../engine/harness';

const N = 1000;
const TRANSITION_MS = 2000;
const id = (n: number) => `bf000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

interface Measure {
	n: number;
	pacing: string;
	lookUpsAndPolls: number;
	powerRequests: number;
	seconds: number;
	stopped: number;
}

async function measure(emu: Emulator, n: number, pacing: 'unthrottled' | 'default'): Promise<Measure> {
	emu.reset();
	restartN8n();
	const ids = Array.from({ length: n }, (_, i) => emu.addDesktop({ desktop_id: id(i), computer_name: `bench-${i}` }).desktop_id);
	const base = params('desktop', 'stop', { desktopId: desktop('={{ $json.desktop_id }}'), options: { waitForCompletion: true, timeout: 5 } });
	const parameters = pacing === 'default' ? { ...base, throttling: {} } : base;
	const start = performance.now();
	const { items, error } = await runNode({ credentials: credentialsFor(emu, 'token'), parameters, items: ids.map((desktop_id) => ({ desktop_id })) });
	const seconds = (performance.now() - start) / 1000;
	if (error) throw new Error(`N=${n} failed: ${error.message}`);
	if (items.some((item) => item.json.status !== 'SHUTOFF')) throw new Error(`N=${n}: an item did not end SHUTOFF`);
	const byRoute = emu.stats().byRoute;
	const stopped = ids.filter((desktopId) => emu.getDesktop(desktopId)?.status === 'SHUTOFF').length;
	return { n, pacing, lookUpsAndPolls: byRoute['desktop.list'] ?? 0, powerRequests: byRoute['desktop.action'] ?? 0, seconds, stopped };
}

async function main(): Promise<void> {
	const emu = await startEmulator({ seed: false, powerTransitionMs: TRANSITION_MS });
	const rows: Measure[] = [];
	try {
		await measure(emu, 100, 'unthrottled');
		rows.push(await measure(emu, N, 'unthrottled'));
		rows.push(await measure(emu, N, 'default'));
	} finally {
		await emu.close();
	}
	console.log(`Transition time ${TRANSITION_MS} ms per desktop (emulator)\n`);
	console.log('| N | pacing | GET /desktops (look-ups + polls) | POST /desktops/action | wall time (s) | desktops SHUTOFF |');
	console.log('|---:|---|---:|---:|---:|---:|');
	for (const row of rows) {
		console.log(`| ${row.n} | ${row.pacing} | ${row.lookUpsAndPolls} | ${row.powerRequests} | ${row.seconds.toFixed(2)} | ${row.stopped} |`);
	}
	console.log(`\nNode ${process.version}, ${process.platform}/${process.arch}`);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
