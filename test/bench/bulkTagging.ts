/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- developer and test tooling: runs under Node, never shipped in the n8n package */
/* eslint-disable no-console -- developer tooling: runs under Node, never shipped in the n8n package */
/**
 * Tagging N desktops through n8n's engine (harness runNode) against the emulator, per desktop
 * (Tag > Create, one request per item) against Tag > Add to Many Desktops (batch-tags, 100 desktops
 * a request):
 *   npx tsx test/bench/bulkTagging.ts            (or npm run bench:bulk)
 * Both run with pacing lifted (UNTHROTTLED) so that the node is measured, not the rate limit; then
 * the per-desktop path at N=100 and the bulk path at N=1,000 with the default pacing (5 requests/s),
 * which is what a user gets.
 */
import './nodeSourceResolution';

import { performance } from 'node:perf_hooks';

import { startEmulator, type Emulator } from '../emulator';
import { credentialsFor, desktop, params } from '../engine/fixtures';
import { restartN8n, runNode } from '../engine/harness';

const SIZES = [100, 1000, 10000];
const id = (n: number) => `be000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

interface Measure {
	path: string;
	n: number;
	pacing: string;
	calls: number;
	seconds: number;
	tagged: number;
}

async function measure(
	emu: Emulator,
	path: 'per-desktop' | 'bulk',
	n: number,
	pacing: 'unthrottled' | 'default',
): Promise<Measure> {
	emu.reset();
	restartN8n();
	const ids = Array.from({ length: n }, (_, i) => emu.addDesktop({ desktop_id: id(i), computer_name: `bench-${i}` }).desktop_id);
	const base =
		path === 'bulk'
			? params('tag', 'bulkCreate', { desktopId: desktop('={{ $json.desktop_id }}'), tags: { tag: [{ key: 'env', value: 'dev' }] } })
			: params('tag', 'create', { desktopId: desktop('={{ $json.desktop_id }}'), key: 'env', value: 'dev' });
	const parameters = pacing === 'default' ? { ...base, throttling: {} } : base;
	const start = performance.now();
	const { error } = await runNode({
		credentials: credentialsFor(emu, 'token'),
		parameters,
		items: ids.map((desktop_id) => ({ desktop_id })),
	});
	const seconds = (performance.now() - start) / 1000;
	if (error) throw new Error(`${path} N=${n} failed: ${error.message}`);
	const tagged = ids.filter((desktopId) => emu.getDesktop(desktopId)?.tags.some((tag) => tag.key === 'env')).length;
	return { path, n, pacing, calls: emu.stats().requests, seconds, tagged };
}

async function main(): Promise<void> {
	const emu = await startEmulator({ seed: false });
	const rows: Measure[] = [];
	try {
		// One warm-up run so that module loading and JIT do not land on the first measurement.
		await measure(emu, 'bulk', 100, 'unthrottled');
		for (const n of SIZES) {
			rows.push(await measure(emu, 'per-desktop', n, 'unthrottled'));
			rows.push(await measure(emu, 'bulk', n, 'unthrottled'));
		}
		rows.push(await measure(emu, 'per-desktop', 100, 'default'));
		rows.push(await measure(emu, 'bulk', 1000, 'default'));
	} finally {
		await emu.close();
	}
	console.log('| path | N | pacing | API calls | wall time (s) | desktops tagged |');
	console.log('|---|---:|---|---:|---:|---:|');
	for (const row of rows) {
		console.log(`| ${row.path} | ${row.n} | ${row.pacing} | ${row.calls} | ${row.seconds.toFixed(2)} | ${row.tagged} |`);
	}
	console.log(`\nNode ${process.version}, ${process.platform}/${process.arch}`);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
