import { causeChain } from './errors';

/**
 * Which failures are worth another attempt, and how long to wait first. Pure, so that the policy
 * can be tested without a server.
 */

export type FailureKind = 'throttled' | 'transient' | 'final';

export interface Failure {
	kind: FailureKind;
	/** From the Retry-After header, when the server sent one. */
	retryAfterMs?: number;
}

const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);
const TRANSIENT_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
]);

function parseRetryAfter(value: unknown, now: number): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function classifyFailure(error: unknown, now: number = Date.now()): Failure {
	for (const link of causeChain(error)) {
		const status = Number(link.httpCode);
		const retryAfter = (link.errorResponse as { retry_after?: unknown } | undefined)?.retry_after;
		if (status === 429) return { kind: 'throttled', retryAfterMs: parseRetryAfter(retryAfter, now) };
		if (TRANSIENT_STATUSES.has(status)) {
			return { kind: 'transient', retryAfterMs: parseRetryAfter(retryAfter, now) };
		}
		if (Number.isFinite(status) && status >= 400) return { kind: 'final' };
		if (typeof link.code === 'string' && TRANSIENT_CODES.has(link.code)) return { kind: 'transient' };
		if (typeof link.message === 'string' && /socket hang up|timeout of \d+ms exceeded|timed out/i.test(link.message)) {
			return { kind: 'transient' };
		}
	}
	return { kind: 'final' };
}

export interface RetryLimits {
	/** Attempts in all, the first included. */
	maxAttempts: number;
	/** Longest total time spent waiting between attempts. */
	maxWaitMs: number;
}

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

/**
 * Exponential backoff with full jitter, so that items throttled together do not come back
 * together; never shorter than the server's Retry-After.
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, random: () => number = Math.random): number {
	const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
	const jittered = Math.round(ceiling / 2 + (random() * ceiling) / 2);
	return Math.max(jittered, retryAfterMs ?? 0);
}
