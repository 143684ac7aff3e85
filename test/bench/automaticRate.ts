/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- developer and test tooling: runs under Node, never shipped in the n8n package */
/**
 * Is the automatic rate the bottleneck on a fast API with no limit? `npx tsx test/bench/automaticRate.ts`
 * runs Tag > Get Many on 1,000 items (BENCH_ITEMS) against the unthrottled emulator on loopback, 50 in
 * flight, three ways, twice each, alternating: the rate lifted by a ceiling of 100,000 a second; the
 * automatic rate in a fresh n8n process (it starts at 2 a second); the automatic rate in a second run
 * of the same process (it starts where the first ended).
 */
import './nodeSourceResolution';

import { performance } from 'node:perf_hooks';

import { startEmulator, type Emulator } from '../emulator';
import { credentialsFor, desktop, params } from '../engine/fixtures';
import { restartN8n, runNode } from '../engine/harness';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1000);
const IN_FLIGHT = 50;

async function run(emu: Emulator, throttling: Record<string, number>): Promise<number> {
	const list = emu.listDesktops().map((d) => d.desktop_id);
	const started = performance.now();
	const { error, items } = await runNode({
		credentials: credentialsFor(emu, 'token'),
		parameters: params('tag', 'getAll', { desktopId: desktop('={{ $json.id }}'), throttling }),
		items: Array.from({ length: ITEMS }, (_, i) => ({ id: list[i % list.length] })),
	});
	if (error || items.length === 0) throw new Error(`run failed: ${error?.message ?? 'no items'}`);
	return ITEMS / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
	const emu = await startEmulator();
	const rows: Array<[string, number]> = [];
	for (let round = 0; round < 2; round++) {
		restartN8n();
		rows.push(['ceiling 100,000/s (rate lifted)', await run(emu, { requestsPerSecond: 100000, maxConcurrent: IN_FLIGHT })]);
		restartN8n();
		rows.push(['automatic, fresh process', await run(emu, { maxConcurrent: IN_FLIGHT })]);
		rows.push(['automatic, second run', await run(emu, { maxConcurrent: IN_FLIGHT })]);
	}
	await emu.close();
	console.log(`| ${ITEMS} items, ${IN_FLIGHT} in flight | items/s |\n|---|---:|`);
	for (const [label, rate] of rows) console.log(`| ${label} | ${rate.toFixed(0)} |`);
}

void main();
