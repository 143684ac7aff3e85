import { sleep } from 'n8n-workflow';

export interface PacerLimits {
	/** A hard ceiling of requests started per second; undefined: found automatically. */
	requestsPerSecond?: number;
	/** Requests allowed in flight at once. */
	maxConcurrent: number;
}

/** How the rate moves; the README's "How the rate is found" tells the same in words. */
const RATE = {
	/**
	 * Automatic mode starts here: under every limit Huawei publishes (100 to 200 calls a minute per
	 * API), so that a new account or API is not met with a burst. What the pacer then learns is kept
	 * for the process, so the next run starts where this one ended.
	 */
	start: 2,
	/** Automatic mode never goes above this, whatever Huawei accepts. */
	automaticMax: 1000,
	/** After a 429 the rate drops to this share of itself, and never below `min`. */
	decrease: 0.7,
	min: 0.2,
	/**
	 * Before the first 429 (slow start) each success adds `slowStartShare` of the rate, shared among
	 * the requests out at the time: the rate grows 1.5x per round trip, like TCP's slow start, so an
	 * API with no limit is not held back by the safe start for long (2 to 1,000 a second in about 15
	 * round trips and a second of successes). The overshoot stays small: the rate at most 1.5x'd since
	 * the last answer, and the first 429 sets the rate to what Huawei accepted in its window (see
	 * onThrottled), not to a share of the overshoot.
	 */
	slowStartShare: 0.5,
	/**
	 * After the first 429 each success adds to the rate: at most `fastShare` of the rate that was
	 * last throttled (and at most `step`) up to `cautiousFrom` of it,
	 * then `cautiousShare` of it, so that from 85% to 95% of the throttled rate takes about 50
	 * requests whatever the limit: the pacer creeps up on the server's real limit instead of running
	 * into it again at once.
	 */
	step: 0.5,
	fastShare: 0.05,
	cautiousFrom: 0.85,
	cautiousShare: 0.002,
	/**
	 * Just under the throttled rate the pacer settles: successes add nothing from `settleFrom` of it
	 * on, and only probes (below) go higher. Network jitter puts an extra request in the gateway's
	 * window now and then when the rate is within a few percent of the limit; creeping up there
	 * would trade every few dozen requests for a 429.
	 */
	settleFrom: 0.95,
	/**
	 * Huawei's gateway counts requests in a sliding one-second window, so for up to a second after the
	 * rate was lowered, 429s still come from requests counted at the old rate: the rate is lowered at
	 * most once per window.
	 */
	windowMs: 1000,
	/**
	 * Requests are spaced this much wider than 1/rate. A gateway counts requests in a sliding
	 * one-second window by arrival: with starts exactly 1/rate apart, any request that reaches it a
	 * millisecond later than the one five places after it (timer drift, a busy event loop, the
	 * network) puts six in a window and earns a 429 and a retry. 3% costs 3% of throughput and absorbs
	 * about 30 ms of jitter at 5 requests a second; measured against the emulator at its limit (1,000
	 * items, 5/s) exact spacing lost 71 requests to 429 and 20% of the time.
	 */
	spacingMargin: 1.03,
	/**
	 * A timer that fires up to this late keeps its request's place in the schedule, so the next one
	 * is due one spacing after where this one should have started: timers in Node fire a millisecond
	 * or more late, and at 50 requests a second 2 ms per start would add up to 10% fewer requests.
	 * Within the margin above, the gateway's window still never holds more than the rate. A start
	 * later than this (a stalled event loop) restarts the schedule from itself: no burst follows.
	 */
	catchUpMs: 15,
	/**
	 * A rate learned from 429s may be another process's doing: in n8n's queue mode the workers share
	 * the account's limit, and a worker that met it while another was busy settles at its share and,
	 * settled, would keep that share after the other finished. So a pacer that has settled and is
	 * still held back by its rate probes: it raises the rate by `probeStep` requests a second for one
	 * window. Accepted throughout, it keeps the rate and probes again at once with twice the step;
	 * refused, it goes back to the rate before the probe and waits twice as long before the next one
	 * (from `probeGapMs` up to `probeGapMaxMs`). A refused probe costs about one 429: against a
	 * limit the pacer has found, one in the first 10 seconds, then one every 20 to 30 seconds (at 2
	 * requests a second, under 2% of them in the long run).
	 * A 429 outside a probe means the limit shrank or someone else took part of it: the wait is back
	 * at its shortest, to take the share back soon after it is free; and while the rate is below
	 * `squeezedBelow` of the best rate Huawei took since the first 429, refused probes do not
	 * lengthen the wait either. Simulated, two or three workers
	 * sharing 5 or 20 a second, started together or seconds apart, finish within 1.3x of the minimum
	 * the limit allows (test/unit/pacerSharedLimit.test.ts); without probes, up to 13x.
	 */
	probeStep: 1,
	probeGapMs: 10_000,
	probeGapMaxMs: 30_000,
	squeezedBelow: 0.7,
};

/**
 * The requests of one credential identity in flight at once, across its APIs: Max Concurrent
 * Requests holds for the identity, whichever APIs its requests call.
 */
export class Slots {
	private inFlight = 0;
	private readonly waiting: Array<() => void> = [];

	constructor(private max: number) {}

	setMax(max: number): void {
		this.max = max;
		while (this.waiting.length > 0 && this.inFlight < this.max) {
			this.inFlight++;
			this.waiting.shift()?.();
		}
	}

	async take(): Promise<void> {
		if (this.inFlight < this.max) {
			this.inFlight++;
			return;
		}
		// A finishing request hands its place over directly, so inFlight already counts this one.
		await new Promise<void>((resolve) => this.waiting.push(resolve));
	}

	give(): void {
		const next = this.inFlight <= this.max ? this.waiting.shift() : undefined;
		if (next) next();
		else this.inFlight--;
	}
}

/**
 * Spaces the requests of one API evenly under a rate, adapting the rate down when Huawei throttles
 * and back up as requests succeed, and takes each request's place among the identity's slots. n8n
 * starts every item's request at once; the pacer is what turns that burst into a steady stream the
 * API accepts.
 */
export class Pacer {
	private rate: number;
	/** The rate in force when the last 429 came back; recovery slows down near it. */
	private throttledRate = Infinity;
	/** When the rate was last lowered: 429s for requests started before that were sent too fast already counted. */
	private lastDecreaseAt = -Infinity;
	/** Where the last request's start stands in the schedule; the next one is due 1/rate (plus the margin) later. */
	private scheduledAt = -Infinity;
	/** No request starts before this (a Retry-After). */
	private holdUntil = 0;
	/** Requests take their start one after another, each when the previous one has started. */
	private turn: Promise<unknown> = Promise.resolve();
	/** Requests started and not yet answered. */
	private sent = 0;
	/** Start times of the requests Huawei accepted in slow start, kept for one window. */
	private readonly accepted: number[] = [];
	/** The probe under way: the rate before it and when it began (see RATE.probeStep). */
	private probe: { base: number; since: number } | undefined;
	private nextProbeAt = Infinity;
	private probeGapMs = RATE.probeGapMs;
	private probeStep = RATE.probeStep;
	/** The highest rate Huawei has taken since the first 429: far below it, this pacer is likely squeezed. */
	private bestRate = 0;

	constructor(
		private limits: PacerLimits,
		private readonly now: () => number = Date.now,
		private readonly wait: (ms: number) => Promise<void> = sleep,
		private readonly slots: Slots = new Slots(limits.maxConcurrent),
	) {
		this.rate = limits.requestsPerSecond ?? RATE.start;
	}

	/**
	 * The latest run's settings apply to everyone sharing this pacer. A new ceiling is a rate the
	 * user says Huawei allows: the pacer starts from it and forgets what it learned; going back to
	 * automatic keeps the learned rate.
	 */
	setLimits(limits: PacerLimits): void {
		if (
			limits.requestsPerSecond !== undefined &&
			limits.requestsPerSecond !== this.limits.requestsPerSecond
		) {
			this.rate = limits.requestsPerSecond;
			this.throttledRate = Infinity;
			this.probe = undefined;
			this.nextProbeAt = Infinity;
		}
		this.limits = limits;
		this.slots.setMax(limits.maxConcurrent);
	}

	private get ceiling(): number {
		return this.limits.requestsPerSecond ?? RATE.automaticMax;
	}

	get currentRate(): number {
		return this.rate;
	}

	/**
	 * Resolves when this request may start; call the returned function when it has finished. The
	 * function's `startedAt` is when the request was let go, for onThrottled.
	 */
	async acquire(): Promise<(() => void) & { startedAt: number }> {
		await this.slots.take();
		const started = this.turn.then(async () => await this.startWhenDue());
		this.turn = started.catch(() => undefined);
		const startedAt = await started;
		this.sent++;
		let released = false;
		const release = () => {
			if (released) return;
			released = true;
			this.sent--;
			this.slots.give();
		};
		return Object.assign(release, { startedAt });
	}

	/**
	 * Lets the next request go when it is due. The spacing is taken from the rate at this moment,
	 * not when the request arrived: n8n hands over every item at once, and a rate lowered by a 429
	 * must hold for the requests already waiting. A timer that fired more than `catchUpMs` late (a
	 * busy event loop) does not let the next requests catch up: the spacing counts from the actual
	 * start.
	 */
	private async startWhenDue(): Promise<number> {
		this.maybeProbe();
		const dueAt = Math.max(
			this.scheduledAt + (1000 / this.rate) * RATE.spacingMargin,
			this.holdUntil,
		);
		const now = this.now();
		if (dueAt > now) await this.wait(dueAt - now);
		const startedAt = this.now();
		this.scheduledAt = dueAt > now && startedAt - dueAt <= RATE.catchUpMs ? dueAt : startedAt;
		return startedAt;
	}

	/** Starts a probe when one is due and this request would otherwise wait for its turn. */
	private maybeProbe(): void {
		const now = this.now();
		if (
			this.probe !== undefined ||
			now < this.nextProbeAt ||
			this.rate >= this.ceiling ||
			this.scheduledAt + 1000 / this.rate <= now
		)
			return;
		this.probe = { base: this.rate, since: now };
		this.rate = Math.min(this.ceiling, this.rate + this.probeStep);
		this.throttledRate = Math.max(this.throttledRate, this.rate);
	}

	/**
	 * A 429 came back for a request started at `startedAt`. Requests already in flight when the
	 * rate was lowered were sent at the old rate; their 429s say nothing new, and lowering again for
	 * each of them would collapse the rate after one burst (0.7^10 for ten in flight).
	 */
	onThrottled(startedAt: number = this.now(), retryAfterMs?: number): void {
		// Huawei asked everyone to hold off: no request of this identity starts before then.
		if (retryAfterMs !== undefined)
			this.holdUntil = Math.max(this.holdUntil, this.now() + retryAfterMs);
		if (this.probe && startedAt >= this.probe.since) {
			this.probeRefused(this.probe.base);
			return;
		}
		if (this.probe) {
			// Refused at the rate before the probe: that rate is too high now, whatever the probe finds.
			this.rate = this.probe.base;
			this.probe = undefined;
		}
		if (startedAt < this.lastDecreaseAt || this.now() - this.lastDecreaseAt < RATE.windowMs) return;
		this.probeGapMs = RATE.probeGapMs;
		this.probeStep = RATE.probeStep;
		this.nextProbeAt = this.now() + this.probeGapMs;
		// Only the first 429 reads what was accepted; from then on nothing is recorded (onSuccess).
		const acceptedInWindow =
			this.throttledRate === Infinity
				? this.accepted.filter((t) => t > startedAt - RATE.windowMs && t <= startedAt).length
				: 0;
		this.accepted.length = 0;
		if (acceptedInWindow > 0) {
			// The first 429: the gateway had just accepted its limit in the window before this request,
			// which this process counts as the successes started then, give or take those still
			// unanswered. Resume there, and probe no higher than that count plus the unanswered.
			this.throttledRate = Math.min(this.rate, acceptedInWindow + this.sent);
			this.rate = Math.max(RATE.min, Math.min(this.rate, acceptedInWindow));
		} else {
			this.throttledRate = this.rate;
			this.rate = Math.max(RATE.min, this.rate * RATE.decrease);
		}
		this.lastDecreaseAt = this.now();
	}

	/** The probe's rate was refused: back to the rate before it, and wait longer before the next. */
	private probeRefused(base: number): void {
		this.rate = base;
		this.throttledRate = base;
		this.probe = undefined;
		this.lastDecreaseAt = this.now();
		// A larger step refused says nothing of the smallest one: only that one lengthens the wait. Far
		// below a rate Huawei took before, the share is likely held by another process: keep looking often.
		if (this.probeStep === RATE.probeStep && base >= this.bestRate * RATE.squeezedBelow) {
			this.probeGapMs = Math.min(RATE.probeGapMaxMs, this.probeGapMs * 2);
		}
		this.nextProbeAt = this.now() + this.probeGapMs;
		this.probeStep = RATE.probeStep;
	}

	/** A request started at `startedAt` (its acquire's startedAt) was accepted. */
	onSuccess(startedAt: number = this.now()): void {
		if (this.probe && startedAt >= this.probe.since + RATE.windowMs) {
			// A whole window at the probe's rate was accepted: keep it, and try a larger step at once.
			this.probe = undefined;
			this.probeStep *= 2;
			this.nextProbeAt = this.now();
		}
		if (this.throttledRate !== Infinity && !this.probe) this.bestRate = Math.max(this.bestRate, this.rate);
		if (this.throttledRate === Infinity) {
			this.accepted.push(startedAt);
			while (this.accepted[0] <= startedAt - RATE.windowMs) this.accepted.shift();
		}
		const throttled = this.throttledRate;
		const step =
			throttled === Infinity
				? (this.rate * RATE.slowStartShare) / Math.max(1, this.sent)
				: this.rate < throttled * RATE.cautiousFrom
					? Math.min(RATE.step, throttled * RATE.fastShare)
					: this.rate < throttled * RATE.settleFrom
						? throttled * RATE.cautiousShare
						: 0;
		this.rate = Math.min(this.ceiling, this.rate + step);
	}
}

/**
 * Per credential identity (endpoint, project, who) one set of slots, and per API one pacer: Huawei
 * limits each API separately, so what one API taught says nothing about another. Every run and item
 * of the same credential shares them. The node holds one registry for as long as n8n keeps it
 * loaded, i.e. the process.
 */
export class PacerRegistry {
	private readonly pacers = new Map<string, Pacer>();
	private readonly slots = new Map<string, Slots>();

	constructor(
		private readonly now: () => number = Date.now,
		private readonly wait: (ms: number) => Promise<void> = sleep,
	) {}

	/** `identity` is the credential's identityKey, `api` the Huawei API's name. */
	for(identity: string, api: string, limits: PacerLimits): Pacer {
		const key = `${identity}\n${api}`;
		let pacer = this.pacers.get(key);
		if (pacer) {
			pacer.setLimits(limits);
			return pacer;
		}
		let slots = this.slots.get(identity);
		if (!slots) {
			slots = new Slots(limits.maxConcurrent);
			this.slots.set(identity, slots);
		} else {
			slots.setMax(limits.maxConcurrent);
		}
		pacer = new Pacer(limits, this.now, this.wait, slots);
		this.pacers.set(key, pacer);
		return pacer;
	}
}
