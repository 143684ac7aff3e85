/* eslint-disable no-console -- developer and test tooling: runs under Node, never shipped in the n8n package */
import { startEmulator, type Emulator } from '../emulator';
import { credentialsFor, desktop, params } from './fixtures';
import { runNode } from './harness';

/**
 * What the throttling suites share: a gateway per run that allows `limit` requests a second and 10
 * in flight, and 60 seconds' worth of Tag > Create items against it with the default settings.
 */
export const SECONDS = 60;
const KEYS_PER_DESKTOP = 10; // the emulator's tag quota per desktop
export const TIMEOUT_MS = 1.3 * SECONDS * 1000 + 60_000;

const emulators: Emulator[] = [];

export async function throttledEmulator(
	limit: number,
	desktops: number,
): Promise<{ emu: Emulator; ids: string[] }> {
	const emu = await startEmulator({ seed: false });
	emulators.push(emu);
	const ids: string[] = [];
	for (let d = 0; d < desktops; d++) {
		ids.push(
			emu.addDesktop({
				desktop_id: `th000000-0000-4000-8000-${String(d).padStart(12, '0')}`,
				computer_name: `th-${d}`,
			}).desktop_id,
		);
	}
	emu.setRateLimit({ perSecond: limit, maxInFlight: 10 });
	return { emu, ids };
}

export async function closeEmulators(): Promise<void> {
	await Promise.all(emulators.map((emu) => emu.close()));
}

export function report(
	emu: Emulator,
	label: string,
	items: number,
	elapsedMs: number,
	minimumMs: number,
	preparedMs?: number,
) {
	const { byStatus, maxInFlight, requests } = emu.stats();
	const sending =
		preparedMs === undefined
			? ''
			: `; from the first request ${((elapsedMs - preparedMs) / 1000).toFixed(1)} s, ${((elapsedMs - preparedMs) / minimumMs).toFixed(2)}x`;
	console.log(
		`${label}: ${items} items in ${(elapsedMs / 1000).toFixed(1)} s (minimum ${(minimumMs / 1000).toFixed(0)} s, ` +
			`${(elapsedMs / minimumMs).toFixed(2)}x${sending}), ${requests} requests, ${byStatus[429] ?? 0} answered 429 ` +
			`(${(((byStatus[429] ?? 0) / requests) * 100).toFixed(1)}%), max in flight ${maxInFlight}`,
	);
}

/**
 * 60 s of Tag > Create items against a limit of `limit` a second, with the default settings: all
 * succeed, each (desktop, key) written once, within 1.3x of the minimum, under 5% answered 429.
 * The time is counted from the first request: n8n's engine prepares every item of a declarative
 * node (its parameters, expressions and request) before it lets the first request go, about 2.5 ms
 * an item here, 7.6 s of the 3,000 items at 50 a second and twice that on a loaded machine, and no
 * pacing can overlap it. The wall time is printed beside it.
 */
export async function expectCreateWithinTheLimit(limit: number): Promise<void> {
	const items = SECONDS * limit;
	const desktops = Math.ceil(items / KEYS_PER_DESKTOP);
	const { emu, ids } = await throttledEmulator(limit, desktops);
	// Item i tags desktop i % desktops with key k{i / desktops}: every (desktop, key) pair once.
	const input = Array.from({ length: items }, (_, i) => ({
		id: ids[i % desktops],
		key: `k${Math.floor(i / desktops)}`,
		value: `v${i}`,
	}));
	const started = Date.now();
	const { items: output, error } = await runNode({
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
	const minimumMs = (items / limit) * 1000;
	const preparedMs = Math.min(...emu.requests.map((r) => r.receivedAt)) - started;
	report(emu, `limit ${limit}/s`, items, elapsed, minimumMs, preparedMs);

	expect(error).toBeUndefined();
	expect(output.filter((item) => item.json.success !== true)).toEqual([]);
	expect(output).toHaveLength(items);
	output.forEach((item, i) => {
		expect(item.pairedItem).toEqual({ item: i });
		expect(item.json).toEqual({
			success: true,
			desktopId: input[i].id,
			key: input[i].key,
			value: input[i].value,
		});
	});
	// Successful tag.create requests: one per (desktop, key); a repeat would be a retry of a success.
	const applied = new Map<string, number>();
	for (const r of emu.requests) {
		if (r.route !== 'tag.create' || r.status !== 204) continue;
		const pair = `${r.segments[3]}|${(JSON.parse(r.body) as { tag: { key: string } }).tag.key}`;
		applied.set(pair, (applied.get(pair) ?? 0) + 1);
	}
	expect(applied.size).toBe(items);
	expect([...applied.values()].filter((n) => n !== 1)).toEqual([]);
	for (const item of input)
		expect(emu.getDesktop(item.id)?.tags).toContainEqual({ key: item.key, value: item.value });
	const { byStatus, maxInFlight, requests } = emu.stats();
	expect(maxInFlight).toBeLessThanOrEqual(10);
	expect((byStatus[429] ?? 0) / requests).toBeLessThan(0.05);
	expect(elapsed - preparedMs).toBeLessThanOrEqual(1.3 * minimumMs);
}
