import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { classifyFailure, retryDelayMs } from '../../nodes/HuaweiCloudWorkspace/transport/retry';

const node: INode = {
	id: 'n',
	name: 'Workspace',
	type: 'CUSTOM.huaweiCloudWorkspace',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** The error throwIfFailed raises for a Huawei error answer. */
function apiError(status: number, retryAfter: string | null = null) {
	return new NodeApiError(
		node,
		{ httpCode: String(status), error_code: 'X', error_msg: 'm', request_id: null, retry_after: retryAfter },
		{ message: `HTTP ${status}`, httpCode: String(status) },
	);
}

function codeError(code: string, message = 'failed') {
	return Object.assign(new Error(message), { code });
}

const NOW = Date.parse('2025-01-01T00:00:00Z');

describe('classifyFailure', () => {
	test('429 is throttled, with or without Retry-After', () => {
		expect(classifyFailure(apiError(429), NOW)).toEqual({ kind: 'throttled', retryAfterMs: undefined });
		expect(classifyFailure(apiError(429, '3'), NOW)).toEqual({ kind: 'throttled', retryAfterMs: 3000 });
	});

	test.each([500, 502, 503, 504])('%i is transient', (status) => {
		expect(classifyFailure(apiError(status), NOW).kind).toBe('transient');
	});

	test('a 503 keeps its Retry-After', () => {
		expect(classifyFailure(apiError(503, '2'), NOW)).toEqual({ kind: 'transient', retryAfterMs: 2000 });
	});

	test.each([400, 401, 403, 404, 409, 422, 501])('%i is final', (status) => {
		expect(classifyFailure(apiError(status), NOW)).toEqual({ kind: 'final' });
	});

	test.each(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET'])(
		'connection error %s is transient',
		(code) => {
			expect(classifyFailure(codeError(code), NOW)).toEqual({ kind: 'transient' });
		},
	);

	test.each(['socket hang up', 'timeout of 1000ms exceeded', 'The request timed out'])('message %p is transient', (message) => {
		expect(classifyFailure(new Error(message), NOW).kind).toBe('transient');
	});

	test('other errors, and things that are not errors, are final', () => {
		expect(classifyFailure(codeError('ENOTFOUND'), NOW)).toEqual({ kind: 'final' });
		expect(classifyFailure(new Error('Tag Key is required'), NOW)).toEqual({ kind: 'final' });
		expect(classifyFailure(new NodeOperationError(node, 'Desktop ID is required'), NOW)).toEqual({ kind: 'final' });
		expect(classifyFailure(undefined, NOW)).toEqual({ kind: 'final' });
		expect(classifyFailure('ECONNRESET', NOW)).toEqual({ kind: 'final' });
	});

	test('a connection error wrapped by n8n, twice, is found through the causes', () => {
		const wrapped = new Error('outer', { cause: new Error('middle', { cause: codeError('ECONNRESET', 'read ECONNRESET') }) });
		expect(classifyFailure(wrapped, NOW)).toEqual({ kind: 'transient' });
		const api = new NodeApiError(node, codeError('ECONNRESET', 'read ECONNRESET') as unknown as JsonObject);
		expect(classifyFailure(api, NOW).kind).toBe('transient');
	});

	test('the first link that has an HTTP status decides: a 400 wrapping a reset is final', () => {
		const error = Object.assign(new Error('bad request', { cause: codeError('ECONNRESET') }), { httpCode: '400' });
		expect(classifyFailure(error, NOW)).toEqual({ kind: 'final' });
	});

	test('a 429 nested in a cause is still throttled', () => {
		expect(classifyFailure(new Error('wrapper', { cause: apiError(429, '1') }), NOW)).toEqual({
			kind: 'throttled',
			retryAfterMs: 1000,
		});
	});

	test('a cause chain that loops ends', () => {
		const a: Error & { cause?: unknown } = new Error('a');
		const b: Error & { cause?: unknown } = new Error('b', { cause: a });
		a.cause = b;
		expect(classifyFailure(a, NOW)).toEqual({ kind: 'final' });
	});
});

/** The wait a throttled answer asks for, read from its Retry-After header as the client sees it. */
function parseRetryAfter(value: unknown, now: number): number | undefined {
	return classifyFailure({ httpCode: '429', errorResponse: { retry_after: value } }, now).retryAfterMs;
}

describe('Retry-After', () => {
	test('seconds, also fractional', () => {
		expect(parseRetryAfter('0', NOW)).toBe(0);
		expect(parseRetryAfter('7', NOW)).toBe(7000);
		expect(parseRetryAfter(' 1.5 ', NOW)).toBe(1500);
		expect(parseRetryAfter(2, NOW)).toBe(2000);
	});

	test('an HTTP date, relative to now, never negative', () => {
		expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', NOW)).toBe(10_000);
		expect(parseRetryAfter('Tue, 31 Dec 2024 23:59:00 GMT', NOW)).toBe(0);
	});

	test('missing or unreadable values give undefined', () => {
		for (const value of [undefined, null, '', 'soon', 'in a while']) expect(parseRetryAfter(value, NOW)).toBeUndefined();
	});
});

describe('retryDelayMs', () => {
	test('exponential with jitter between half and all of the ceiling', () => {
		expect(retryDelayMs(1, undefined, () => 0)).toBe(250);
		expect(retryDelayMs(1, undefined, () => 1)).toBe(500);
		expect(retryDelayMs(2, undefined, () => 0)).toBe(500);
		expect(retryDelayMs(2, undefined, () => 1)).toBe(1000);
		expect(retryDelayMs(4, undefined, () => 0.5)).toBe(3000);
	});

	test('never beyond 30 s, however many attempts', () => {
		expect(retryDelayMs(30, undefined, () => 1)).toBe(30_000);
		expect(retryDelayMs(100, undefined, () => 0)).toBe(15_000);
	});

	test('jitter spreads items throttled together', () => {
		let seed = 1;
		const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
		const delays = Array.from({ length: 200 }, () => retryDelayMs(3, undefined, random));
		expect(Math.min(...delays)).toBeGreaterThanOrEqual(1000);
		expect(Math.max(...delays)).toBeLessThanOrEqual(2000);
		expect(new Set(delays).size).toBeGreaterThan(100);
	});

	test('never shorter than Retry-After, which may exceed the cap', () => {
		expect(retryDelayMs(1, 5000, () => 1)).toBe(5000);
		expect(retryDelayMs(1, 60_000, () => 1)).toBe(60_000);
		expect(retryDelayMs(5, 100, () => 1)).toBe(8000);
	});
});
