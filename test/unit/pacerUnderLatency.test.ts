import { simulate, type Outcome } from './pacerSimulation';

/** `items` requests through one pacer against a gateway admitting `limit` a second (pacerSimulation.ts). */
async function run(
	limit: number,
	items: number,
	roundTripMs: number,
	ceiling?: number,
): Promise<{ elapsedMs: number } & Omit<Outcome, 'finishedAtMs'>> {
	const [{ finishedAtMs, throttled, attempts }] = await simulate(limit, roundTripMs, [{ items, ceiling }]);
	return { elapsedMs: finishedAtMs, throttled, attempts };
}

describe('automatic rate, 10 in flight, with round trips', () => {
	const cases = [2, 50, 200].flatMap((roundTripMs) =>
		[2, 5, 20, 50].map((limit) => [limit, roundTripMs] as const),
	);
	test.each(cases)(
		'a limit of %i a second, %i ms round trips: 60 seconds of work within 1.3x of the minimum, under 5%% answered 429',
		async (limit, roundTripMs) => {
			const items = 60 * limit;
			const { elapsedMs, throttled, attempts } = await run(limit, items, roundTripMs);
			// 10 in flight also bound the rate: 10 per round trip.
			const possible = Math.min(limit, (10 * 1000) / roundTripMs);
			expect(elapsedMs).toBeLessThanOrEqual(1.3 * (items / possible) * 1000);
			expect(throttled / attempts).toBeLessThan(0.05);
		},
	);

	test.each([2, 50])(
		'no limit, %i ms round trips: a fresh pacer does 1,000 requests within 2.5 s of the rate lifted',
		async (roundTripMs) => {
			const lifted = await run(Infinity, 1000, roundTripMs, 100_000);
			const automatic = await run(Infinity, 1000, roundTripMs);
			expect(automatic.throttled).toBe(0);
			expect(automatic.elapsedMs - lifted.elapsedMs).toBeLessThanOrEqual(2500);
		},
	);
});
