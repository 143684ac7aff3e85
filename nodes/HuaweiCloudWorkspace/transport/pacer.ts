import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { workspaceBaseUrl } from '../../../credentials/common/endpoints';

export interface PacerLimits {
	/** Ceiling of requests started per second. */
	requestsPerSecond: number;
	/** Requests allowed in flight at once. */
	maxConcurrent: number;
}

/** After a 429 the rate drops to this share of itself; each success wins back this share of the ceiling. */
const DECREASE_FACTOR = 0.7;
const INCREASE_SHARE = 0.05;
const MIN_RATE = 0.2;
/**
 * Near the rate that was last throttled, each success wins back only this share of the ceiling,
 * so the pacer creeps up on the server's real limit instead of running into it again at once.
 * With the limit below the configured ceiling (Huawei publishes 100 to 200 calls a minute), fast
 * recovery alone would hit a 429 every few requests.
 */
const CAUTIOUS_INCREASE_SHARE = 0.005;
const CAUTIOUS_FROM = 0.85;
/**
 * Requests are spaced this much wider than 1/rate. A gateway counts requests in a sliding
 * one-second window by arrival: with starts exactly 1/rate apart, any request that reaches it a
 * millisecond later than the one five places after it (timer drift, a busy event loop, the network)
 * puts six in a window and earns a 429 and a retry. 3% costs 3% of throughput and absorbs about
 * 30 ms of jitter at 5 requests a second; measured against the emulator at its limit (1,000 items,
 * 5/s) exact spacing lost 71 requests to 429 and 20% of the time.
 */
const SPACING_MARGIN = 1.03;

/**
 * Spaces requests evenly under a rate and caps how many are in flight, adapting the rate down when
 * Huawei throttles and back up as requests succeed. n8n starts every item's request at once; the
 * pacer is what turns that burst into a steady stream the API accepts.
 */
export class Pacer {
	private rate: number;
	/** The rate in force when the last 429 came back; recovery slows down near it. */
	private throttledRate = Infinity;
	/** When the rate was last lowered: 429s for requests started before that were sent too fast already counted. */
	private lastDecreaseAt = -Infinity;
	private nextStartAt = 0;
	private inFlight = 0;
	private readonly waiting: Array<() => void> = [];

	constructor(
		private limits: PacerLimits,
		private readonly now: () => number = Date.now,
		private readonly wait: (ms: number) => Promise<void> = sleep,
	) {
		this.rate = limits.requestsPerSecond;
	}

	/** The latest run's settings apply to everyone sharing this pacer. */
	setLimits(limits: PacerLimits): void {
		if (limits.requestsPerSecond !== this.limits.requestsPerSecond) {
			this.rate = limits.requestsPerSecond;
			this.throttledRate = Infinity;
		}
		this.limits = limits;
		this.wakeWaiting();
	}

	get currentRate(): number {
		return this.rate;
	}

	/**
	 * Resolves when this request may start; call the returned function when it has finished. The
	 * function's `startedAt` is when the request was let go, for onThrottled.
	 */
	async acquire(): Promise<(() => void) & { startedAt: number }> {
		if (this.inFlight < this.limits.maxConcurrent) {
			this.inFlight++;
		} else {
			// A finishing request hands its place over directly, so inFlight already counts this one.
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		}
		const now = this.now();
		const startAt = Math.max(now, this.nextStartAt);
		this.nextStartAt = startAt + (1000 / this.rate) * SPACING_MARGIN;
		if (startAt > now) await this.wait(startAt - now);
		// A timer that fired late (a busy event loop) must not let the next requests catch up on
		// the schedule: that would bunch them together. The spacing counts from the actual start.
		const startedAt = this.now();
		if (startedAt > startAt) this.nextStartAt = Math.max(this.nextStartAt, startedAt + (1000 / this.rate) * SPACING_MARGIN);
		let released = false;
		const release = () => {
			if (released) return;
			released = true;
			const next = this.inFlight <= this.limits.maxConcurrent ? this.waiting.shift() : undefined;
			if (next) next();
			else this.inFlight--;
		};
		return Object.assign(release, { startedAt });
	}

	/**
	 * A 429 came back for a request started at `startedAt`. Requests already in flight when the
	 * rate was lowered were sent at the old rate; their 429s say nothing new, and lowering again for
	 * each of them would collapse the rate after one burst (0.7^10 for ten in flight).
	 */
	onThrottled(startedAt: number = this.now()): void {
		if (startedAt < this.lastDecreaseAt) return;
		this.throttledRate = this.rate;
		this.rate = Math.max(MIN_RATE, this.rate * DECREASE_FACTOR);
		this.lastDecreaseAt = this.now();
	}

	onSuccess(): void {
		const ceiling = this.limits.requestsPerSecond;
		const share = this.rate < this.throttledRate * CAUTIOUS_FROM ? INCREASE_SHARE : CAUTIOUS_INCREASE_SHARE;
		this.rate = Math.min(ceiling, this.rate + ceiling * share);
	}

	private wakeWaiting(): void {
		while (this.waiting.length > 0 && this.inFlight < this.limits.maxConcurrent) {
			this.inFlight++;
			this.waiting.shift()?.();
		}
	}
}

/** Requests with the same endpoint, project and identity share Huawei's rate limit, and so a pacer. */
function pacerKey(credentials: ICredentialDataDecryptedObject): string {
	const identity =
		credentials.authType === 'accessKey'
			? credentials.accessKeyId
			: credentials.authType === 'password'
				? `${String(credentials.domainName)}/${String(credentials.userName)}`
				: 'token';
	let endpoint: string;
	try {
		endpoint = workspaceBaseUrl(credentials);
	} catch {
		endpoint = 'invalid-endpoint';
	}
	return [endpoint, credentials.projectId, credentials.authType, identity].map(String).join('|');
}

/**
 * One pacer per endpoint and identity: every run and item of the same credential shares its
 * budget. The node holds one registry for as long as n8n keeps it loaded, i.e. the process.
 */
export class PacerRegistry {
	private readonly pacers = new Map<string, Pacer>();

	constructor(
		private readonly now: () => number = Date.now,
		private readonly wait: (ms: number) => Promise<void> = sleep,
	) {}

	for(credentials: ICredentialDataDecryptedObject, limits: PacerLimits): Pacer {
		const key = pacerKey(credentials);
		let pacer = this.pacers.get(key);
		if (!pacer) {
			pacer = new Pacer(limits, this.now, this.wait);
			this.pacers.set(key, pacer);
		} else {
			pacer.setLimits(limits);
		}
		return pacer;
	}
}
