import { Pacer } from '../../nodes/HuaweiCloudWorkspace/transport/pacer';
import { retryDelayMs } from '../../nodes/HuaweiCloudWorkspace/transport/retry';

/**
 * The automatic rate as n8n drives it: every item handed over at once, 10 in flight, answers that
 * take a round trip, 429s retried after the client's own back-off. Time is simulated (a
 * discrete-event clock that jumps to the next timer once every promise has settled), so a 60-second
 * run takes milliseconds and the figures do not depend on how busy the machine is.
 */
function simulatedClock() {
	let now = 0;
	const timers: Array<{ at: number; fire: () => void }> = [];
	return {
		now: () => now,
		wait: async (ms: number) =>
			await new Promise<void>((fire) => timers.push({ at: now + Math.max(0, ms), fire })),
		async runUntil(done: () => boolean): Promise<void> {
			for (;;) {
				// A macrotask turn lets every promise chain the last timer woke run to its next wait.
				// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- test tooling, never shipped
				for (let i = 0; i < 3; i++) await new Promise((settled) => setImmediate(settled));
				if (done()) return;
				timers.sort((a, b) => a.at - b.at);
				const next = timers.shift();
				if (!next) throw new Error('nothing left to wait for, yet not done');
				now = next.at;
				next.fire();
			}
		},
	};
}

/** A fixed sequence in [0, 1) for the back-off's jitter, so that every run is the same. */
function jitter(): () => number {
	let seed = 42;
	return () => {
		seed = (seed * 1103515245 + 12345) % 2 ** 31;
		return seed / 2 ** 31;
	};
}

interface Outcome {
	elapsedMs: number;
	throttled: number;
	attempts: number;
}

/**
 * `items` requests against a gateway that admits `limit` in any sliding second (by arrival, half a
 * round trip after the start), through one pacer, `maxConcurrent` 10.
 */
async function run(
	limit: number,
	items: number,
	roundTripMs: number,
	ceiling?: number,
): Promise<Outcome> {
	const clock = simulatedClock();
	const random = jitter();
	const pacer = new Pacer({ requestsPerSecond: ceiling, maxConcurrent: 10 }, clock.now, clock.wait);
	const admitted: number[] = [];
	let done = 0;
	let throttled = 0;
	let attempts = 0;
	const send = async () => {
		for (let attempt = 1; ; attempt++) {
			const release = await pacer.acquire();
			attempts++;
			await clock.wait(roundTripMs / 2);
			const arrivedAt = clock.now();
			const accepted = admitted.filter((t) => t > arrivedAt - 1000).length < limit;
			if (accepted) admitted.push(arrivedAt);
			await clock.wait(roundTripMs / 2);
			if (accepted) {
				pacer.onSuccess(release.startedAt);
				release();
				done++;
				return;
			}
			release();
			throttled++;
			pacer.onThrottled(release.startedAt);
			await clock.wait(retryDelayMs(attempt, undefined, random));
		}
	};
	for (let i = 0; i < items; i++) void send();
	await clock.runUntil(() => done === items);
	return { elapsedMs: clock.now(), throttled, attempts };
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
