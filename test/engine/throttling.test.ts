import { restartN8n, runNode } from './harness';
import { credentialsFor, desktop, params } from './fixtures';
import {
	closeEmulators,
	expectCreateWithinTheLimit,
	report,
	SECONDS,
	throttledEmulator,
	TIMEOUT_MS,
} from './throttlingCases';

/**
 * The automatic rate, with the node's default Rate Limiting settings (`throttling: {}`): against
 * gateways that allow 2, 5 and 20 requests a second (10 in flight), 60 seconds' worth of items all
 * succeed, each written once, within 1.3x of the minimum the limit allows, with under 5% of the
 * requests answered 429. n8n starts every item's request at once; only the pacer stands between
 * that burst and the gateway, and it has to find the limit by itself. Each limit gets its own
 * emulator (another endpoint, so another pacer), which lets the runs go side by side: about 70 s.
 * The limit of 50 runs alone in throttlingAt50.test.ts: its 3,000 items would take the CPU from the others.
 */
beforeAll(() => restartN8n());
afterAll(closeEmulators);

test.concurrent.each([2, 5, 20])(
	'Tag > Create against a limit of %i a second: 60 s of items with the default settings all succeed, each tag written once, within 1.3x, under 5% answered 429',
	expectCreateWithinTheLimit,
	TIMEOUT_MS,
);

test.concurrent(
	'Tag > Get Many: 300 items against 5 a second with the default settings all succeed with the right tags, within 1.3x',
	async () => {
		const limit = 5;
		const items = SECONDS * limit;
		const { emu, ids } = await throttledEmulator(limit, 100);
		for (let d = 0; d < ids.length; d++) {
			emu.updateDesktop(ids[d], {
				tags: [
					{ key: 'n', value: String(d) },
					{ key: 'env', value: d % 2 ? 'odd' : 'even' },
				],
			});
		}
		const input = Array.from({ length: items }, (_, i) => ({ id: ids[i % ids.length] }));
		const started = Date.now();
		const { items: output, error } = await runNode({
			credentials: credentialsFor(emu, 'token'),
			parameters: params('tag', 'getAll', {
				desktopId: desktop('={{ $json.id }}'),
				throttling: {},
			}),
			items: input,
			continueOnFail: true,
		});
		const elapsed = Date.now() - started;
		const minimumMs = (items / limit) * 1000;
		report(emu, 'Tag > Get Many', items, elapsed, minimumMs);

		expect(error).toBeUndefined();
		expect(output.filter((item) => item.json.error !== undefined)).toEqual([]);
		// Two tags per desktop, two output items per input item, each paired with its input.
		expect(output).toHaveLength(2 * items);
		const byItem = new Map<number, Array<[unknown, unknown, unknown]>>();
		for (const item of output) {
			const index = (item.pairedItem as { item: number }).item;
			byItem.set(index, [
				...(byItem.get(index) ?? []),
				[item.json.desktopId, item.json.key, item.json.value],
			]);
		}
		expect(byItem.size).toBe(items);
		for (let i = 0; i < items; i++) {
			const d = i % ids.length;
			expect(byItem.get(i)).toEqual([
				[ids[d], 'n', String(d)],
				[ids[d], 'env', d % 2 ? 'odd' : 'even'],
			]);
		}
		expect(emu.stats().maxInFlight).toBeLessThanOrEqual(10);
		expect(elapsed).toBeLessThanOrEqual(1.3 * minimumMs);
	},
	TIMEOUT_MS,
);
