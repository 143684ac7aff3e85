/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- developer and test tooling: runs under Node, never shipped in the n8n package */
/* eslint-disable no-console -- developer tooling: runs under Node, never shipped in the n8n package */
/**
 * The trigger against a project of N desktops (default 10,000): one baseline poll, one poll without
 * changes, and one poll after 100 status changes, 100 tag changes, 50 creations and 50 deletions,
 * each through a real n8n-core PollContext (test/engine/trigger/pollHarness.ts) against the emulator.
 *   npx tsx test/bench/trigger.ts [N]          (or npm run bench:trigger)
 * Per poll: API calls, wall time, peak heap growth during the poll (sampled every 5 ms), the saved
 * static data in bytes and per desktop. Twice: pacing lifted (the node's own cost) and the default
 * automatic pacing from a fresh process (what a user's first polls get).
 */
import './nodeSourceResolution';

import { performance } from 'node:perf_hooks';

import { startEmulator, type Emulator } from '../emulator';
import { credentialsFor, UNTHROTTLED } from '../engine/fixtures';
import { ActiveTrigger, deleteDesktop } from '../engine/trigger/pollHarness';

const N = Number(process.argv[2] ?? 10000);
const id = (n: number) => `b7000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

interface Row {
	pacing: string;
	poll: string;
	calls: number;
	events: number;
	seconds: number;
	peakHeapMb: number;
	staticBytes: number;
}

async function measuredPoll(emu: Emulator, active: ActiveTrigger, pacing: string, poll: string): Promise<Row> {
	emu.clearRequests();
	const before = process.memoryUsage().heapUsed;
	let peak = before;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
	const start = performance.now();
	const { items, error } = await active.poll();
	const seconds = (performance.now() - start) / 1000;
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().heapUsed);
	if (error) throw new Error(`${poll} failed: ${error.message}`);
	return {
		pacing,
		poll,
		calls: emu.requests.filter((request) => request.route === 'desktop.list').length,
		events: items?.length ?? 0,
		seconds,
		peakHeapMb: (peak - before) / 2 ** 20,
		staticBytes: Buffer.byteLength(active.savedStaticData),
	};
}

async function run(emu: Emulator, pacing: 'unthrottled' | 'default'): Promise<Row[]> {
	emu.reset();
	for (let n = 0; n < N; n++) {
		const user = `user${String(n).padStart(5, '0')}`;
		emu.addDesktop({
			desktop_id: id(n),
			computer_name: `wks-bench-${String(n).padStart(5, '0')}`,
			user_name: user,
			tags: [
				{ key: 'env', value: n % 2 ? 'dev' : 'prod' },
				{ key: 'owner', value: user },
			],
		});
	}
	const active = new ActiveTrigger(
		{
			events: ['desktopCreated', 'desktopDeleted', 'desktopStatusChanged', 'desktopTagsChanged'],
			throttling: pacing === 'unthrottled' ? UNTHROTTLED : {},
		},
		credentialsFor(emu, 'token'),
	);
	const rows = [await measuredPoll(emu, active, pacing, 'baseline'), await measuredPoll(emu, active, pacing, 'no changes')];
	for (let n = 0; n < 100; n++) emu.updateDesktop(id(n), { status: 'SHUTOFF' });
	for (let n = 100; n < 200; n++) emu.updateDesktop(id(n), { tags: [{ key: 'env', value: 'test' }] });
	for (let n = 200; n < 250; n++) await deleteDesktop(emu, id(n));
	for (let n = 0; n < 50; n++) emu.addDesktop({ computer_name: `wks-new-${n}`, user_name: `new${n}` });
	rows.push(await measuredPoll(emu, active, pacing, '300 changes'));
	return rows;
}

async function main(): Promise<void> {
	const emu = await startEmulator({ seed: false });
	try {
		const rows = [...(await run(emu, 'unthrottled')), ...(await run(emu, 'default'))];
		console.log(`\nTrigger poll over ${N.toLocaleString('en-US')} desktops (2 tags each)\n`);
		console.log('| pacing | poll | list calls | events | time (s) | peak heap growth (MB) | static data (bytes) | bytes per desktop |');
		console.log('|---|---|---|---|---|---|---|---|');
		for (const r of rows) {
			console.log(
				`| ${r.pacing} | ${r.poll} | ${r.calls} | ${r.events} | ${r.seconds.toFixed(2)} | ${r.peakHeapMb.toFixed(1)} | ${r.staticBytes.toLocaleString('en-US')} | ${(r.staticBytes / N).toFixed(0)} |`,
			);
		}
	} finally {
		await emu.close();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
