import { sleep } from 'n8n-workflow';

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
 * Spaces requests evenly under a rate and caps how many are in flight, adapting the rate down when
 * Huawei throttles and back up as requests succeed. n8n starts every item's request at once; the
 * pacer is what turns that burst into a steady stream the API accepts.
 */
export class Pacer {
	private rate: number;
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
		if (limits.requestsPerSecond !== this.limits.requestsPerSecond) this.rate = limits.requestsPerSecond;
		this.limits = limits;
		this.wakeWaiting();
	}

	get currentRate(): number {
		return this.rate;
	}

	/** Resolves when this request may start; call the returned function when it has finished. */
	async acquire(): Promise<() => void> {
		if (this.inFlight < this.limits.maxConcurrent) {
			this.inFlight++;
		} else {
			// A finishing request hands its place over directly, so inFlight already counts this one.
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		}
		const now = this.now();
		const startAt = Math.max(now, this.nextStartAt);
		this.nextStartAt = startAt + 1000 / this.rate;
		if (startAt > now) await this.wait(startAt - now);
		let released = false;
		return () => {
			if (released) return;
			released = true;
			const next = this.inFlight <= this.limits.maxConcurrent ? this.waiting.shift() : undefined;
			if (next) next();
			else this.inFlight--;
		};
	}

	onThrottled(): void {
		this.rate = Math.max(MIN_RATE, this.rate * DECREASE_FACTOR);
	}

	onSuccess(): void {
		this.rate = Math.min(this.limits.requestsPerSecond, this.rate + this.limits.requestsPerSecond * INCREASE_SHARE);
	}

	private wakeWaiting(): void {
		while (this.waiting.length > 0 && this.inFlight < this.limits.maxConcurrent) {
			this.inFlight++;
			this.waiting.shift()?.();
		}
	}
}

const pacers = new Map<string, Pacer>();

/** One pacer per endpoint and identity: every run and item of the same credential shares its budget. */
export function pacerFor(key: string, limits: PacerLimits): Pacer {
	let pacer = pacers.get(key);
	if (!pacer) {
		pacer = new Pacer(limits);
		pacers.set(key, pacer);
	} else {
		pacer.setLimits(limits);
	}
	return pacer;
}

/** For tests: forget all pacers. */
export function resetPacers(): void {
	pacers.clear();
}
