/**
 * The bulk planner against Huawei's rules for POST /desktops/batch-tags (a desktop at most once per
 * request, at most 100 desktops per request, at most 20 tags per desktop entry) and against the
 * meaning of the items: sending the plan round after round must leave every desktop with the tags it
 * would have if the items were applied one by one, in order. Random inputs, a fixed seed.
 */
import { type BulkItem, planBulkRequests } from '../../nodes/HuaweiCloudWorkspace/resources/tag/bulkPlan';

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function randomItems(next: () => number, count: number, desktops: number, keys: number): BulkItem[] {
	return Array.from({ length: count }, (_, itemIndex) => {
		const tagCount = 1 + Math.floor(next() * 6);
		const tags = new Map<string, string>();
		for (let t = 0; t < tagCount; t++) tags.set(`k${Math.floor(next() * keys)}`, `v${Math.floor(next() * 3)}`);
		return {
			itemIndex,
			desktopId: `d${Math.floor(next() * desktops)}`,
			tags: [...tags].map(([key, value]) => ({ key, value })),
		};
	});
}

/** Tag Create semantics, one item after the other: a key is added or its value overwritten. */
function applyOneByOne(items: BulkItem[]): Map<string, Map<string, string>> {
	const state = new Map<string, Map<string, string>>();
	for (const item of items) {
		const tags = state.get(item.desktopId) ?? new Map<string, string>();
		for (const { key, value } of item.tags) tags.set(key, value);
		state.set(item.desktopId, tags);
	}
	return state;
}

const cases = [
	{ name: 'few desktops, many repeats', seed: 1, count: 300, desktops: 7, keys: 4 },
	{ name: 'many desktops, few repeats', seed: 2, count: 450, desktops: 400, keys: 6 },
	{ name: 'wide keys, so entries fill up to 20 tags', seed: 3, count: 200, desktops: 5, keys: 60 },
	{ name: 'exactly 100 desktops, each once', seed: 4, count: 100, desktops: 100, keys: 1 },
];

describe.each(cases)('planBulkRequests: $name', ({ seed, count, desktops, keys }) => {
	const items = randomItems(random(seed), count, desktops, keys);
	const plan = planBulkRequests(items);
	const requests = plan.flat();

	test('no request names a desktop twice or holds more than 100 desktops', () => {
		for (const request of requests) {
			expect(request.length).toBeGreaterThan(0);
			expect(request.length).toBeLessThanOrEqual(100);
			expect(new Set(request.map((entry) => entry.desktopId)).size).toBe(request.length);
		}
	});

	test('no entry holds more than 20 tags or one key twice', () => {
		for (const entry of requests.flat()) {
			expect(entry.tags.length).toBeLessThanOrEqual(20);
			expect(new Set(entry.tags.map((tag) => tag.key)).size).toBe(entry.tags.length);
		}
	});

	test('every item is in exactly one entry, and only with its own desktop', () => {
		const seen = requests.flat().flatMap((entry) => entry.itemIndexes.map((index) => ({ index, desktopId: entry.desktopId })));
		expect(seen.map((s) => s.index).sort((a, b) => a - b)).toEqual(items.map((item) => item.itemIndex));
		for (const { index, desktopId } of seen) expect(desktopId).toBe(items[index].desktopId);
	});

	test('sending the rounds in order leaves the tags that one-by-one application would', () => {
		const state = new Map<string, Map<string, string>>();
		for (const round of plan) {
			// Requests of one round may run side by side, so no desktop may be in two of them.
			const inRound = round.flat().map((entry) => entry.desktopId);
			expect(new Set(inRound).size).toBe(inRound.length);
			for (const entry of round.flat()) {
				const tags = state.get(entry.desktopId) ?? new Map<string, string>();
				for (const { key, value } of entry.tags) tags.set(key, value);
				state.set(entry.desktopId, tags);
			}
		}
		expect(state).toEqual(applyOneByOne(items));
	});
});

test('100 desktops fit one request, 101 need two', () => {
	const items = (n: number): BulkItem[] =>
		Array.from({ length: n }, (_, i) => ({ itemIndex: i, desktopId: `d${i}`, tags: [{ key: 'k', value: 'v' }] }));
	expect(planBulkRequests(items(100)).flat()).toHaveLength(1);
	expect(planBulkRequests(items(101)).flat().map((request) => request.length)).toEqual([100, 1]);
});
