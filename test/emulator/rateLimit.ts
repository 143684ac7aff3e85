import type { RateLimit } from './types';

/**
 * Gateway-style throttling: a sliding one-second window of admitted requests plus a cap on
 * requests being processed at once. Real time, not the skewed clock: throttling is about the
 * client's actual pace.
 */
export class RateLimiter {
	private limit: RateLimit | null = null;
	private admittedAt: number[] = [];
	private admittedInFlight = 0;

	set(limit: RateLimit | null): void {
		this.limit = limit;
		this.admittedAt = [];
	}

	/** True when admitted; the caller must then call release() once the response is done. */
	tryAdmit(): boolean {
		const now = Date.now();
		if (this.limit?.perSecond !== undefined) {
			this.admittedAt = this.admittedAt.filter((t) => now - t < 1000);
			if (this.admittedAt.length >= this.limit.perSecond) return false;
		}
		if (this.limit?.maxInFlight !== undefined && this.admittedInFlight >= this.limit.maxInFlight) return false;
		this.admittedAt.push(now);
		this.admittedInFlight++;
		return true;
	}

	release(): void {
		this.admittedInFlight = Math.max(0, this.admittedInFlight - 1);
	}
}
