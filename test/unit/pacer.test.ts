import { identityKey } from '../../nodes/HuaweiCloudWorkspace/transport/identity';
import { Pacer, PacerRegistry } from '../../nodes/HuaweiCloudWorkspace/transport/pacer';

/** A clock that only moves when the pacer waits, so start times are exact. */
function fakeTime() {
	let now = 0;
	const waits: number[] = [];
	return {
		now: () => now,
		wait: async (ms: number) => {
			waits.push(ms);
			now += ms;
		},
		advance: (ms: number) => (now += ms),
		waits,
	};
}

const flush = async () => {
	for (let i = 0; i < 50; i++) await Promise.resolve();
};

describe('spacing', () => {
	test('starts are spaced 1/rate apart plus the 3% margin, never closer', async () => {
		const time = fakeTime();
		const pacer = new Pacer({ requestsPerSecond: 5, maxConcurrent: 10 }, time.now, time.wait);
		const starts: number[] = [];
		for (let i = 0; i < 6; i++) {
			const release = await pacer.acquire();
			starts.push(release.startedAt);
			release();
		}
		expect(starts).toEqual([0, 206, 412, 618, 824, 1030]);
		// Five starts fit in no sliding one-second window with a sixth.
		for (let i = 5; i < starts.length; i++) expect(starts[i] - starts[i - 5]).toBeGreaterThanOrEqual(1000);
	});

	test('a start that comes late pushes the following ones, so they do not bunch up', async () => {
		let now = 0;
		const pacer = new Pacer({ requestsPerSecond: 10, maxConcurrent: 10 }, () => now, async (ms) => {
			now += ms + 50; // every timer fires 50 ms late
		});
		const starts: number[] = [];
		for (let i = 0; i < 4; i++) {
			const release = await pacer.acquire();
			starts.push(release.startedAt);
			release();
		}
		const gaps = starts.slice(1).map((s, i) => s - starts[i]);
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(103);
	});

	test('a timer that fires a few ms late keeps the schedule: lateness does not add up, and no second holds more than the rate', async () => {
		let now = 0;
		const pacer = new Pacer({ requestsPerSecond: 10, maxConcurrent: 10 }, () => now, async (ms) => {
			now += ms + 5; // every timer fires 5 ms late
		});
		const starts: number[] = [];
		for (let i = 0; i < 21; i++) {
			const release = await pacer.acquire();
			starts.push(release.startedAt);
			release();
		}
		// 20 spacings of 103 ms, plus one timer's lateness (not 20 of them).
		expect(starts[20] - starts[0]).toBe(20 * 103 + 5);
		for (let i = 10; i < starts.length; i++) expect(starts[i] - starts[i - 10]).toBeGreaterThanOrEqual(1000);
	});

	test('idle time is not banked: after a pause the next request does not get a burst', async () => {
		const time = fakeTime();
		const pacer = new Pacer({ requestsPerSecond: 2, maxConcurrent: 10 }, time.now, time.wait);
		(await pacer.acquire())();
		time.advance(10_000);
		const a = await pacer.acquire();
		const b = await pacer.acquire();
		expect(a.startedAt).toBe(10_000);
		expect(b.startedAt - a.startedAt).toBe(515);
	});
});

describe('concurrency', () => {
	test('at most maxConcurrent in flight; a finishing request hands its place to the next in line', async () => {
		const time = fakeTime();
		const pacer = new Pacer({ requestsPerSecond: 1e6, maxConcurrent: 2 }, time.now, time.wait);
		const order: string[] = [];
		const acquired: Array<(() => void) | undefined> = [];
		const pending = ['a', 'b', 'c', 'd'].map((name, i) =>
			pacer.acquire().then((release) => {
				order.push(name);
				acquired[i] = release;
			}),
		);
		await flush();
		expect(order).toEqual(['a', 'b']);
		acquired[0]?.();
		await flush();
		expect(order).toEqual(['a', 'b', 'c']);
		// Releasing twice frees one place, not two.
		acquired[0]?.();
		await flush();
		expect(order).toEqual(['a', 'b', 'c']);
		acquired[1]?.();
		await Promise.all(pending);
		expect(order).toEqual(['a', 'b', 'c', 'd']);
		acquired[2]?.();
		acquired[3]?.();
		// All places are free again: two start at once, the third waits.
		const next: string[] = [];
		for (const name of ['e', 'f', 'g']) void pacer.acquire().then(() => next.push(name));
		await flush();
		expect(next).toEqual(['e', 'f']);
	});

	test('raising maxConcurrent through setLimits lets waiting requests start', async () => {
		const time = fakeTime();
		const pacer = new Pacer({ requestsPerSecond: 1e6, maxConcurrent: 1 }, time.now, time.wait);
		const started: number[] = [];
		for (let i = 0; i < 3; i++) void pacer.acquire().then(() => started.push(i));
		await flush();
		expect(started).toEqual([0]);
		pacer.setLimits({ requestsPerSecond: 1e6, maxConcurrent: 3 });
		await flush();
		expect(started).toEqual([0, 1, 2]);
	});

	test('lowering maxConcurrent: releases do not hand over until in flight is below the new cap', async () => {
		const time = fakeTime();
		const pacer = new Pacer({ requestsPerSecond: 1e6, maxConcurrent: 3 }, time.now, time.wait);
		const releases = await Promise.all([pacer.acquire(), pacer.acquire(), pacer.acquire()]);
		pacer.setLimits({ requestsPerSecond: 1e6, maxConcurrent: 1 });
		let started = false;
		void pacer.acquire().then(() => (started = true));
		releases[0]();
		await flush();
		expect(started).toBe(false);
		releases[1]();
		await flush();
		expect(started).toBe(false);
		releases[2]();
		await flush();
		expect(started).toBe(true);
	});
});

describe('adaptive rate', () => {
	test('a 429 lowers the rate to 70%; each success adds 5% of the throttled rate (at most 0.5), only 0.2% of it from 85% on, none from 95% on (only probes go higher)', () => {
		const time = fakeTime();
		const pacer = new Pacer({ requestsPerSecond: 10, maxConcurrent: 10 }, time.now, time.wait);
		pacer.onThrottled(0);
		expect(pacer.currentRate).toBeCloseTo(7);
		pacer.onSuccess(); // below 85% of 10
		expect(pacer.currentRate).toBeCloseTo(7.5);
		pacer.onSuccess();
		pacer.onSuccess();
		expect(pacer.currentRate).toBeCloseTo(8.5);
		pacer.onSuccess(); // from 8.5 on: cautious, 0.2% of 10
		expect(pacer.currentRate).toBeCloseTo(8.52);
		for (let i = 0; i < 1000; i++) pacer.onSuccess();
		expect(pacer.currentRate).toBeGreaterThanOrEqual(9.5);
		expect(pacer.currentRate).toBeLessThan(9.52);
	});

	test('without a ceiling the rate starts at 2 a second; before any 429 each success adds half of it', () => {
		const time = fakeTime();
		const pacer = new Pacer({ maxConcurrent: 10 }, time.now, time.wait);
		expect(pacer.currentRate).toBe(2);
		for (let i = 0; i < 10; i++) pacer.onSuccess(0);
		expect(pacer.currentRate).toBeCloseTo(2 * 1.5 ** 10);
	});

	test('in slow start the growth is shared among the requests out: 1.5x per round trip, not per answer', async () => {
		const time = fakeTime();
		const pacer = new Pacer({ maxConcurrent: 10 }, time.now, time.wait);
		const out = [];
		for (let i = 0; i < 4; i++) out.push(await pacer.acquire());
		// Four out: the first answer adds a quarter of half the rate.
		pacer.onSuccess(out[0].startedAt);
		expect(pacer.currentRate).toBeCloseTo(2.25);
		out[0]();
		out[1]();
		// Two out now (the third and the fourth), the next answer adds half of half of 2.25.
		pacer.onSuccess(out[2].startedAt);
		expect(pacer.currentRate).toBeCloseTo(2.25 * 1.25);
	});

	test('the first 429 resumes at the count Huawei accepted in the second before the throttled request, and probes no higher than that count plus those unanswered', async () => {
		const time = fakeTime();
		const pacer = new Pacer({ maxConcurrent: 10 }, time.now, time.wait);
		// 12 accepted, started 100 ms apart from 0 to 1,100 ms, while the rate climbed far above them.
		for (let i = 0; i < 12; i++) pacer.onSuccess(i * 100);
		expect(pacer.currentRate).toBeGreaterThan(100);
		const unanswered = await pacer.acquire();
		time.advance(1250);
		// The throttled request started at 1,150: the second before it holds the 10 started from 200 on.
		pacer.onThrottled(1150);
		expect(pacer.currentRate).toBe(10);
		// Probing stops at 10 + 1 unanswered = 11; 10 is past 85% of it, so the steps are cautious (0.2%).
		pacer.onSuccess(1300);
		expect(pacer.currentRate).toBeCloseTo(10 + 11 * 0.002);
		unanswered();
	});

	test('a first 429 with nothing accepted in the window before it lowers the rate to 70%', () => {
		const time = fakeTime();
		const pacer = new Pacer({ maxConcurrent: 10 }, time.now, time.wait);
		time.advance(5000);
		pacer.onSuccess(0);
		pacer.onThrottled(4000);
		expect(pacer.currentRate).toBeCloseTo(3 * 0.7);
	});

	test('a Retry-After holds every start of the identity until it has passed', async () => {
		const time = fakeTime();
		const pacer = new Pacer({ requestsPerSecond: 100, maxConcurrent: 10 }, time.now, time.wait);
		const first = await pacer.acquire();
		first();
		pacer.onThrottled(first.startedAt, 2000);
		const next = await pacer.acquire();
		expect(next.startedAt).toBeGreaterThanOrEqual(2000);
	});

	test('429s of requests started before the last decrease, or within a second of it, do not lower the rate again', () => {
		const time = fakeTime();
		const pacer = new Pacer({ requestsPerSecond: 10, maxConcurrent: 10 }, time.now, time.wait);
		time.advance(1000);
		pacer.onThrottled(900);
		pacer.onThrottled(950); // in flight when the rate was lowered
		pacer.onThrottled(999);
		expect(pacer.currentRate).toBeCloseTo(7);
		time.advance(100);
		pacer.onThrottled(1050); // sent at the lowered rate, but the gateway's window still counts the old ones
		expect(pacer.currentRate).toBeCloseTo(7);
		time.advance(1000);
		pacer.onThrottled(2050); // a window later, still throttled: lower again
		expect(pacer.currentRate).toBeCloseTo(4.9);
	});

	test('the rate never falls below 0.2 per second', () => {
		const time = fakeTime();
		const pacer = new Pacer({ requestsPerSecond: 5, maxConcurrent: 10 }, time.now, time.wait);
		for (let i = 0; i < 50; i++) {
			time.advance(1000);
			pacer.onThrottled();
		}
		expect(pacer.currentRate).toBeCloseTo(0.2);
	});

	test('the lowered rate widens the spacing of later starts', async () => {
		const time = fakeTime();
		const pacer = new Pacer({ requestsPerSecond: 10, maxConcurrent: 10 }, time.now, time.wait);
		const first = await pacer.acquire();
		first();
		pacer.onThrottled(first.startedAt);
		// Spacing is taken when a request's turn comes, so the lowered rate holds from the next start on.
		const second = await pacer.acquire();
		const third = await pacer.acquire();
		expect(second.startedAt).toBeCloseTo((1000 / 7) * 1.03);
		expect(third.startedAt - second.startedAt).toBeCloseTo((1000 / 7) * 1.03);
	});
});

describe('setLimits', () => {
	test('a new ceiling replaces the adapted rate and forgets the throttled rate', () => {
		const time = fakeTime();
		const pacer = new Pacer({ requestsPerSecond: 10, maxConcurrent: 10 }, time.now, time.wait);
		time.advance(100);
		pacer.onThrottled(50);
		pacer.setLimits({ requestsPerSecond: 20, maxConcurrent: 10 });
		expect(pacer.currentRate).toBe(20);
		pacer.onThrottled(60);
		expect(pacer.currentRate).toBeCloseTo(20); // started before the decrease that already counted
		time.advance(1000);
		pacer.onThrottled(1005);
		expect(pacer.currentRate).toBeCloseTo(14);
		pacer.onSuccess(); // the throttled rate is now 20: 14 is below 85% of it, +0.5
		expect(pacer.currentRate).toBeCloseTo(14.5);
	});

	test('going back to automatic keeps what was learned', () => {
		const time = fakeTime();
		const pacer = new Pacer({ requestsPerSecond: 10, maxConcurrent: 10 }, time.now, time.wait);
		pacer.onThrottled(0);
		pacer.setLimits({ maxConcurrent: 10 });
		expect(pacer.currentRate).toBeCloseTo(7);
	});

	test('the same ceiling again keeps the adapted rate', () => {
		const time = fakeTime();
		const pacer = new Pacer({ requestsPerSecond: 10, maxConcurrent: 10 }, time.now, time.wait);
		pacer.onThrottled(0);
		pacer.setLimits({ requestsPerSecond: 10, maxConcurrent: 4 });
		expect(pacer.currentRate).toBeCloseTo(7);
	});
});

/**
 * The automatic rate against a simulated gateway that accepts `limit` requests in any sliding
 * second and answers 429 beyond (as Huawei's APIG and the emulator do). One request at a time,
 * answered at once, on a clock that moves only when the pacer waits: the control law alone.
 */
function gateway(limitAt: (accepted: number) => number) {
	const accepted: number[] = [];
	let throttled = 0;
	return {
		async send(pacer: Pacer): Promise<void> {
			for (;;) {
				const release = await pacer.acquire();
				const at = release.startedAt;
				const inWindow = accepted.filter((t) => t > at - 1000).length;
				release();
				if (inWindow >= limitAt(accepted.length)) {
					throttled++;
					pacer.onThrottled(at);
					continue;
				}
				accepted.push(at);
				pacer.onSuccess();
				return;
			}
		},
		get accepted() {
			return accepted.length;
		},
		get throttled() {
			return throttled;
		},
		get lastAt() {
			return accepted[accepted.length - 1];
		},
	};
}

async function run(pacer: Pacer, server: ReturnType<typeof gateway>, requests: number): Promise<void> {
	for (let i = 0; i < requests; i++) await server.send(pacer);
}

describe('automatic rate, against a simulated gateway', () => {
	test.each([2, 5, 20, 50])('converges from below on a limit of %i a second: 60 seconds of work within 1.3x, under 5%% answered 429', async (limit) => {
		const time = fakeTime();
		const pacer = new Pacer({ maxConcurrent: 1 }, time.now, time.wait);
		const server = gateway(() => limit);
		const requests = 60 * limit;
		await run(pacer, server, requests);
		const minimumMs = ((requests - limit) / limit) * 1000;
		expect(server.lastAt).toBeLessThanOrEqual(1.3 * minimumMs);
		expect(server.throttled / (requests + server.throttled)).toBeLessThan(0.05);
	});

	test('converges from above: a ceiling of 50 against a limit of 20 settles near 20, 429s under 10%', async () => {
		const time = fakeTime();
		const pacer = new Pacer({ requestsPerSecond: 50, maxConcurrent: 1 }, time.now, time.wait);
		const server = gateway(() => 20);
		await run(pacer, server, 1200);
		expect(server.lastAt).toBeLessThanOrEqual(1.3 * 59_000);
		// Each 429 here is retried at once; the client waits a back-off first, so it sees fewer.
		expect(server.throttled).toBeLessThan(120);
		expect(pacer.currentRate).toBeLessThanOrEqual(21);
	});

	test('follows a limit that drops mid-run from 20 to 5 a second', async () => {
		const time = fakeTime();
		const pacer = new Pacer({ maxConcurrent: 1 }, time.now, time.wait);
		const server = gateway((accepted) => (accepted < 600 ? 20 : 5));
		await run(pacer, server, 900);
		const before = server.throttled;
		const startOfLast = server.lastAt;
		await run(pacer, server, 300);
		// The last 300 requests, at the new limit: close to 60 s, few 429s.
		expect(server.lastAt - startOfLast).toBeLessThanOrEqual(1.3 * 60_000);
		expect(server.throttled - before).toBeLessThan(15);
		expect(pacer.currentRate).toBeLessThanOrEqual(5.5);
	});

	test('a ceiling below the limit is never passed and meets no 429', async () => {
		const time = fakeTime();
		const pacer = new Pacer({ requestsPerSecond: 5, maxConcurrent: 1 }, time.now, time.wait);
		const server = gateway(() => 20);
		await run(pacer, server, 300);
		expect(server.throttled).toBe(0);
		expect(pacer.currentRate).toBe(5);
		expect(server.lastAt).toBeGreaterThanOrEqual((299 / 5) * 1000);
	});

	test('two runs sharing a credential: the second starts near the limit the first found', async () => {
		const time = fakeTime();
		const registry = new PacerRegistry(time.now, time.wait);
		const credentials = { authType: 'accessKey', accessKeyId: 'AK', projectId: 'p', region: 'ap-southeast-1' };
		const server = gateway(() => 20);
		await run(registry.for(identityKey(credentials), 'CreateTag', { maxConcurrent: 1 }), server, 600);
		const second = registry.for(identityKey(credentials), 'CreateTag', { maxConcurrent: 1 });
		expect(second.currentRate).toBeGreaterThanOrEqual(0.7 * 20);
		const startedAt = server.lastAt;
		await run(second, server, 200);
		expect(server.lastAt - startedAt).toBeLessThanOrEqual(1.3 * 10_000);
	});
});

/**
 * Probing above a rate learned from 429s (pacer.ts RATE.probeStep): what lets a worker take back the
 * share of the limit another worker held. Each case drives one pacer that is held back by its rate
 * (requests always waiting), on a clock that moves only when the pacer waits.
 */
describe('probing above the learned rate', () => {
	/** A pacer throttled once at 10 a second, then settled at 10 (its first 429 with 10 accepted). */
	async function settledAtTen() {
		const time = fakeTime();
		const pacer = new Pacer({ maxConcurrent: 10 }, time.now, time.wait);
		for (let i = 0; i < 10; i++) pacer.onSuccess(0);
		pacer.onThrottled(0);
		expect(pacer.currentRate).toBe(10);
		/** Starts `n` requests one after another, answering each as `answer` says, and returns the rates seen. */
		const send = async (n: number, answer: (startedAt: number) => 'ok' | '429' = () => 'ok') => {
			const rates: number[] = [];
			for (let i = 0; i < n; i++) {
				const release = await pacer.acquire();
				rates.push(pacer.currentRate);
				if (answer(release.startedAt) === 'ok') pacer.onSuccess(release.startedAt);
				else pacer.onThrottled(release.startedAt);
				release();
			}
			return rates;
		};
		return { time, pacer, send };
	}

	test('no probe within 10 seconds of a 429; then the rate goes 1 a second higher for one window', async () => {
		const { time, send } = await settledAtTen();
		const rates = await send(120);
		const probeAt = rates.findIndex((r) => r > 10);
		expect(probeAt).toBeGreaterThan(0);
		expect(rates[probeAt]).toBe(11);
		// Requests at 10 a second (plus the 3% margin): the first probe comes at about 10 seconds.
		expect(probeAt).toBeGreaterThanOrEqual(97);
		expect(time.now()).toBeGreaterThan(10_000);
	});

	test('a probe accepted for a whole window is kept, and the next one doubles the step: 11, 13, 17, 25, 41', async () => {
		const { send } = await settledAtTen();
		const rates = await send(200);
		expect([...new Set(rates.filter((r) => r > 10))]).toEqual([11, 13, 17, 25, 41]);
	});

	test('far below a rate Huawei took before (another worker now holds the share), a refused probe does not lengthen the wait', async () => {
		const { time, pacer, send } = await settledAtTen();
		await send(20);
		// Another process takes half of the limit: two 429s a window apart bring this one down to 4.9.
		pacer.onThrottled(time.now());
		time.advance(1100);
		pacer.onThrottled(time.now());
		expect(pacer.currentRate).toBeCloseTo(4.9);
		// What is left for this process: 5 in any sliding second, by start time.
		const admitted: number[] = [];
		const refusedAt: number[] = [];
		await send(400, (startedAt) => {
			if (admitted.filter((t) => t > startedAt - 1000).length < 5) {
				admitted.push(startedAt);
				return 'ok';
			}
			refusedAt.push(startedAt);
			return '429';
		});
		// Once it has settled near 5 (a few 429s climbing back first), a refused probe every 10 s.
		const gaps = refusedAt.slice(1).map((t, i) => Math.round((t - refusedAt[i]) / 1000));
		expect(gaps.slice(-4)).toEqual([10, 10, 10, 10]);
	});

	test('a probe never goes above a ceiling, and a pacer at its ceiling does not probe', async () => {
		const time = fakeTime();
		const pacer = new Pacer({ requestsPerSecond: 10.5, maxConcurrent: 10 }, time.now, time.wait);
		pacer.onThrottled(0);
		for (let i = 0; i < 200; i++) pacer.onSuccess(time.now());
		const rates: number[] = [];
		for (let i = 0; i < 300; i++) {
			const release = await pacer.acquire();
			rates.push(pacer.currentRate);
			pacer.onSuccess(release.startedAt);
			release();
		}
		expect(Math.max(...rates)).toBe(10.5);
		expect(rates.at(-1)).toBe(10.5);
	});

	test('a refused probe goes back to the rate before it; the next probe waits twice as long as the first, then 30 seconds, no longer', async () => {
		const { time, pacer, send } = await settledAtTen();
		// A gateway admitting 10 in any sliding second, by start time.
		const admitted: number[] = [];
		const refusedAt: number[] = [];
		const ratesAfter: number[] = [];
		await send(1300, (startedAt) => {
			const inWindow = admitted.filter((t) => t > startedAt - 1000).length;
			if (inWindow < 10) {
				admitted.push(startedAt);
				return 'ok';
			}
			refusedAt.push(startedAt);
			queueMicrotask(() => ratesAfter.push(pacer.currentRate));
			return '429';
		});
		expect(time.now()).toBeGreaterThan(125_000);
		const gaps = refusedAt.slice(1).map((t, i) => Math.round((t - refusedAt[i]) / 1000));
		// The probe's first request over the limit is refused at once, so each gap is the wait itself.
		expect(gaps.slice(0, 4)).toEqual([20, 30, 30, 30]);
		expect(new Set(ratesAfter)).toEqual(new Set([10]));
	});
});

describe('one identity, several APIs', () => {
	test('each API learns its own rate: a 429 on one leaves the others where they were', () => {
		const time = fakeTime();
		const registry = new PacerRegistry(time.now, time.wait);
		const create = registry.for('identity', 'CreateTag', { maxConcurrent: 10 });
		for (let i = 0; i < 5; i++) create.onSuccess(0);
		time.advance(2000);
		registry.for('identity', 'ListDesktops', { maxConcurrent: 10 }).onThrottled(1500);
		expect(registry.for('identity', 'CreateTag', { maxConcurrent: 10 }).currentRate).toBeCloseTo(
			2 * 1.5 ** 5,
		);
		expect(registry.for('identity', 'ListDesktops', { maxConcurrent: 10 }).currentRate).toBeCloseTo(1.4);
		expect(registry.for('other identity', 'CreateTag', { maxConcurrent: 10 }).currentRate).toBe(2);
	});

	test('Max Concurrent Requests holds for the identity across its APIs', async () => {
		const time = fakeTime();
		const registry = new PacerRegistry(time.now, time.wait);
		const create = registry.for('identity', 'CreateTag', { requestsPerSecond: 1000, maxConcurrent: 2 });
		const list = registry.for('identity', 'ListDesktops', { requestsPerSecond: 1000, maxConcurrent: 2 });
		const first = await create.acquire();
		await list.acquire();
		let third = false;
		const waiting = create.acquire().then(() => (third = true));
		await flush();
		expect(third).toBe(false);
		first();
		await waiting;
		expect(third).toBe(true);
		// Another identity has slots of its own.
		await registry.for('other identity', 'CreateTag', { requestsPerSecond: 1000, maxConcurrent: 2 }).acquire();
	});
});
