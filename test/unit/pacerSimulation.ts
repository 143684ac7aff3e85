/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling, never shipped */
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

export interface Outcome {
	/** When the process's last request was answered, from the start of the simulation. */
	finishedAtMs: number;
	throttled: number;
	attempts: number;
}

/** One n8n process (a worker in queue mode): its own pacer, its items, when its run starts. */
export interface SimulatedProcess {
	items: number;
	startAtMs?: number;
	/** Max Requests per Second; undefined: automatic. */
	ceiling?: number;
}

/**
 * Processes sending to one gateway that admits `limit` requests in any sliding second (by arrival,
 * half a round trip after the start, a refused request not counted), each through its own pacer
 * with 10 in flight, as n8n's worker processes share an account's limit.
 */
export async function simulate(
	limit: number,
	roundTripMs: number,
	processes: SimulatedProcess[],
): Promise<Outcome[]> {
	const clock = simulatedClock();
	const random = jitter();
	const admitted: number[] = [];
	let pending = processes.reduce((sum, p) => sum + p.items, 0);
	const outcomes = processes.map(() => ({ finishedAtMs: 0, throttled: 0, attempts: 0 }));
	const send = async (pacer: Pacer, outcome: Outcome) => {
		for (let attempt = 1; ; attempt++) {
			const release = await pacer.acquire();
			outcome.attempts++;
			await clock.wait(roundTripMs / 2);
			const arrivedAt = clock.now();
			while (admitted.length > 0 && admitted[0] <= arrivedAt - 1000) admitted.shift();
			const accepted = admitted.length < limit;
			if (accepted) admitted.push(arrivedAt);
			await clock.wait(roundTripMs / 2);
			if (accepted) {
				pacer.onSuccess(release.startedAt);
				release();
				pending--;
				outcome.finishedAtMs = Math.max(outcome.finishedAtMs, clock.now());
				return;
			}
			release();
			outcome.throttled++;
			pacer.onThrottled(release.startedAt);
			await clock.wait(retryDelayMs(attempt, undefined, random));
		}
	};
	for (const [i, process] of processes.entries()) {
		const pacer = new Pacer({ requestsPerSecond: process.ceiling, maxConcurrent: 10 }, clock.now, clock.wait);
		void clock.wait(process.startAtMs ?? 0).then(() => {
			for (let n = 0; n < process.items; n++) void send(pacer, outcomes[i]);
		});
	}
	await clock.runUntil(() => pending === 0);
	return outcomes;
}
