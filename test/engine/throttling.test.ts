/* eslint-disable no-console -- developer and test tooling: runs under Node, never shipped in the n8n package */
import { startEmulator, type Emulator } from '../emulator';
import { credentialsFor, desktop, params } from './fixtures';
import { restartN8n, runNode } from './harness';

/**
 * Throttle-safe by default: with the node's default Rate Limiting settings (`throttling: {}`), 1,000
 * items against a gateway that allows 5 requests a second and 10 in flight all succeed, close to
 * the fastest the limit allows. n8n starts all 1,000 requests at once; only the pacer stands
 * between that burst and the gateway. Each run takes about 200 s.
 */
const ITEMS = 1000;
const PER_SECOND = 5;
const DESKTOPS = 100;
const KEYS_PER_DESKTOP = ITEMS / DESKTOPS; // 10, the emulator's tag quota per desktop
const BOUND_MS = 1.3 * (ITEMS / PER_SECOND) * 1000;
const TIMEOUT_MS = BOUND_MS + 60_000;

/**
 * Each run gets its own throttled emulator (so its own gateway limit and, being another endpoint,
 * its own pacer), which lets the two 200-second runs go side by side instead of one after the other.
 */
const emulators: Emulator[] = [];

async function throttledEmulator(): Promise<{ emu: Emulator; ids: string[] }> {
	const emu = await startEmulator({ seed: false });
	emulators.push(emu);
	const ids: string[] = [];
	for (let d = 0; d < DESKTOPS; d++) {
		ids.push(emu.addDesktop({ desktop_id: `th000000-0000-4000-8000-${String(d).padStart(12, '0')}`, computer_name: `th-${d}` }).desktop_id);
	}
	emu.setRateLimit({ perSecond: PER_SECOND, maxInFlight: 10 });
	return { emu, ids };
}

beforeAll(() => restartN8n());
afterAll(async () => {
	await Promise.all(emulators.map((emu) => emu.close()));
});

/** Item i tags desktop i % 100 with key k{i / 100}: every (desktop, key) pair exactly once. */
function tagItems(ids: string[]) {
	return Array.from({ length: ITEMS }, (_, i) => ({
		id: ids[i % DESKTOPS],
		key: `k${Math.floor(i / DESKTOPS)}`,
		value: `v${i}`,
	}));
}

function report(emu: Emulator, label: string, elapsedMs: number) {
	const { byStatus, maxInFlight, requests } = emu.stats();
	console.log(
		`${label}: ${ITEMS} items in ${(elapsedMs / 1000).toFixed(1)} s (bound ${(BOUND_MS / 1000).toFixed(0)} s), ` +
			`${requests} requests, ${byStatus[429] ?? 0} answered 429, max in flight ${maxInFlight}`,
	);
}

test.concurrent(
	'Tag > Create: 1,000 items with the default settings all succeed, each tag applied, within 1.3x of the rate limit',
	async () => {
		const { emu, ids } = await throttledEmulator();
		const input = tagItems(ids);
		const started = Date.now();
		const { items, error } = await runNode({
			credentials: credentialsFor(emu, 'token'),
			parameters: params('tag', 'create', {
				desktopId: desktop('={{ $json.id }}'),
				key: '={{ $json.key }}',
				value: '={{ $json.value }}',
				throttling: {},
			}),
			items: input,
			continueOnFail: true,
		});
		const elapsed = Date.now() - started;
		report(emu, 'Tag > Create', elapsed);

		expect(error).toBeUndefined();
		const failed = items.filter((item) => item.json.success !== true);
		expect(failed).toEqual([]);
		expect(items).toHaveLength(ITEMS);
		// Output i belongs to input i.
		items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toEqual({ success: true, desktopId: input[i].id, key: input[i].key, value: input[i].value });
		});
		// Final state: every desktop holds exactly its 10 tags with the expected values.
		for (let d = 0; d < DESKTOPS; d++) {
			const expected = Array.from({ length: KEYS_PER_DESKTOP }, (_, k) => ({ key: `k${k}`, value: `v${k * DESKTOPS + d}` }));
			const tags = [...(emu.getDesktop(ids[d])?.tags ?? [])].sort((a, b) => a.key.localeCompare(b.key));
			expect(tags).toEqual(expected.sort((a, b) => a.key.localeCompare(b.key)));
		}
		// Successful tag.create requests: one per (desktop, key); a repeat would be a retry of a success.
		const applied = new Map<string, number>();
		for (const r of emu.requests) {
			if (r.route !== 'tag.create' || r.status !== 204) continue;
			const pair = `${r.segments[3]}|${(JSON.parse(r.body) as { tag: { key: string } }).tag.key}`;
			applied.set(pair, (applied.get(pair) ?? 0) + 1);
		}
		expect(applied.size).toBe(ITEMS);
		expect([...applied.values()].filter((n) => n !== 1)).toEqual([]);
		expect(emu.requests.every((r) => r.route === 'tag.create')).toBe(true);
		expect(emu.stats().maxInFlight).toBeLessThanOrEqual(10);
		expect(elapsed).toBeLessThanOrEqual(BOUND_MS);
	},
	TIMEOUT_MS,
);

test.concurrent(
	'Tag > Get Many: 1,000 items with the default settings all succeed with the right tags, within 1.3x of the rate limit',
	async () => {
		const { emu, ids } = await throttledEmulator();
		for (let d = 0; d < DESKTOPS; d++) {
			emu.updateDesktop(ids[d], { tags: [{ key: 'n', value: String(d) }, { key: 'env', value: d % 2 ? 'odd' : 'even' }] });
		}
		const input = Array.from({ length: ITEMS }, (_, i) => ({ id: ids[i % DESKTOPS] }));
		const started = Date.now();
		const { items, error } = await runNode({
			credentials: credentialsFor(emu, 'token'),
			parameters: params('tag', 'getAll', { desktopId: desktop('={{ $json.id }}'), throttling: {} }),
			items: input,
			continueOnFail: true,
		});
		const elapsed = Date.now() - started;
		report(emu, 'Tag > Get Many', elapsed);

		expect(error).toBeUndefined();
		expect(items.filter((item) => item.json.error !== undefined)).toEqual([]);
		// Two tags per desktop, two output items per input item, each paired with its input.
		expect(items).toHaveLength(2 * ITEMS);
		const byItem = new Map<number, Array<[unknown, unknown, unknown]>>();
		for (const item of items) {
			const index = (item.pairedItem as { item: number }).item;
			byItem.set(index, [...(byItem.get(index) ?? []), [item.json.desktopId, item.json.key, item.json.value]]);
		}
		expect(byItem.size).toBe(ITEMS);
		for (let i = 0; i < ITEMS; i++) {
			const d = i % DESKTOPS;
			expect(byItem.get(i)).toEqual([
				[ids[d], 'n', String(d)],
				[ids[d], 'env', d % 2 ? 'odd' : 'even'],
			]);
		}
		expect(emu.requests.filter((r) => r.route === 'tag.list' && r.status === 200).length).toBeGreaterThanOrEqual(ITEMS);
		expect(emu.stats().maxInFlight).toBeLessThanOrEqual(10);
		expect(elapsed).toBeLessThanOrEqual(BOUND_MS);
	},
	TIMEOUT_MS,
);
