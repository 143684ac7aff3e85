/* eslint-disable @n8n/community-nodes/no-restricted-globals -- developer and test tooling: runs under Node, never shipped in the n8n package */
/**
 * IAM password login (API.md "IAM token"): POST {iam}/v3/auth/tokens?nocatalog=true with the
 * password body, 201 with the token in X-Subject-Token and token.expires_at in the body.
 * The login logic is tested with a fake httpRequest that records calls; the real HTTP path is
 * covered by the engine tests against the emulator.
 */
import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { IamTokenCache, type PasswordLogin } from '../../credentials/common/iamToken';

const PASSWORD = 'S3cr3t-P@ss!word#42';
const LOGIN: PasswordLogin = {
	iamBaseUrl: 'https://iam.ap-southeast-1.myhuaweicloud.com',
	domainName: 'acme-account',
	userName: 'n8n-robot',
	password: PASSWORD,
	projectId: '0bec5db98280d2d02fd6c00c2de791ce',
};

const T0 = Date.UTC(2025, 0, 2, 3, 4, 5);
const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;

/** Huawei's expires_at format, e.g. "2020-01-04T09:05:22.701000Z". */
function huaweiTime(ms: number): string {
	return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

type Reply = { statusCode: number; headers: Record<string, string>; body: unknown } | Error;

/** A fake n8n helpers object whose httpRequest records each call and answers asynchronously. */
function fakeIam(reply?: (callNumber: number) => Reply) {
	const calls: IHttpRequestOptions[] = [];
	let expiresAt = T0 + 24 * HOUR;
	const helpers = {
		httpRequest: async (options: IHttpRequestOptions) => {
			calls.push(JSON.parse(JSON.stringify(options)) as IHttpRequestOptions);
			const callNumber = calls.length;
			// Answer on a later turn of the event loop, as a real request would.
			await new Promise((resolve) => setTimeout(resolve, 5));
			const answer: Reply = reply
				? reply(callNumber)
				: {
						statusCode: 201,
						headers: { 'x-subject-token': `token-${callNumber}` },
						body: { token: { expires_at: huaweiTime(expiresAt) } },
					};
			if (answer instanceof Error) throw answer;
			return answer;
		},
	} as unknown as IHttpRequestHelper['helpers'];
	return {
		helpers,
		calls,
		setExpiresAt: (ms: number) => {
			expiresAt = ms;
		},
	};
}

function clock(start = T0) {
	let time = start;
	return {
		now: () => time,
		set: (ms: number) => {
			time = ms;
		},
	};
}

const wrongPassword = (): Reply => ({
	statusCode: 401,
	headers: { 'x-request-id': 'iam-req-1' },
	body: { error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' } },
});

/** A fresh cache per test, as a freshly loaded credential type has. */
let cache: IamTokenCache;
beforeEach(() => {
	cache = new IamTokenCache();
});

describe('IamTokenCache: the login request', () => {
	it('posts the exact password body from API.md to {iam}/v3/auth/tokens?nocatalog=true', async () => {
		const iam = fakeIam();
		const time = clock();
		await expect(cache.token(iam.helpers, LOGIN, '', time.now)).resolves.toBe('token-1');
		expect(iam.calls).toHaveLength(1);
		const [call] = iam.calls;
		expect(call.method).toBe('POST');
		expect(call.url).toBe('https://iam.ap-southeast-1.myhuaweicloud.com/v3/auth/tokens?nocatalog=true');
		const body = typeof call.body === 'string' ? JSON.parse(call.body) : call.body;
		expect(body).toEqual({
			auth: {
				identity: {
					methods: ['password'],
					password: {
						user: {
							domain: { name: 'acme-account' },
							name: 'n8n-robot',
							password: PASSWORD,
						},
					},
				},
				scope: { project: { id: '0bec5db98280d2d02fd6c00c2de791ce' } },
			},
		});
	});

	it('takes the token from the X-Subject-Token header whatever its case', async () => {
		const iam = fakeIam(() => ({
			statusCode: 201,
			headers: { 'X-Subject-Token': 'MIIExample' },
			body: { token: { expires_at: huaweiTime(T0 + 24 * HOUR) } },
		}));
		await expect(cache.token(iam.helpers, LOGIN, '', clock().now)).resolves.toBe('MIIExample');
	});

	it('rejects a 201 answer without an X-Subject-Token header', async () => {
		const iam = fakeIam(() => ({ statusCode: 201, headers: {}, body: { token: { expires_at: huaweiTime(T0 + HOUR) } } }));
		await expect(cache.token(iam.helpers, LOGIN, '', clock().now)).rejects.toThrow();
	});

	it('follows no redirect: a 307 would resend the password to wherever it points', async () => {
		const iam = fakeIam(() => ({ statusCode: 307, headers: { location: 'https://elsewhere.example/' }, body: '' }));
		await expect(cache.token(iam.helpers, LOGIN, '', clock().now)).rejects.toThrow(
			/answered with a redirect \(HTTP 307\), which is not followed/,
		);
		expect(iam.calls).toHaveLength(1);
		expect(iam.calls[0].disableFollowRedirect).toBe(true);
	});
});

describe('IamTokenCache: one login for many callers', () => {
	it('200 concurrent callers without a token cause exactly 1 login and all get its token', async () => {
		const iam = fakeIam();
		const time = clock();
		const tokens = await Promise.all(Array.from({ length: 200 }, () => cache.token(iam.helpers, LOGIN, '', time.now)));
		expect(iam.calls).toHaveLength(1);
		expect(new Set(tokens)).toEqual(new Set(['token-1']));
	});

	it('a later caller without a token reuses the cached token without logging in', async () => {
		const iam = fakeIam();
		const time = clock();
		await cache.token(iam.helpers, LOGIN, '', time.now);
		time.set(T0 + HOUR);
		await expect(cache.token(iam.helpers, LOGIN, '', time.now)).resolves.toBe('token-1');
		expect(iam.calls).toHaveLength(1);
	});

	it('a caller holding the latest token (it was rejected) causes a new login', async () => {
		const iam = fakeIam();
		const time = clock();
		const first = await cache.token(iam.helpers, LOGIN, '', time.now);
		await expect(cache.token(iam.helpers, LOGIN, first, time.now)).resolves.toBe('token-2');
		expect(iam.calls).toHaveLength(2);
	});

	it('100 concurrent callers holding the rejected latest token cause exactly 1 new login', async () => {
		const iam = fakeIam();
		const time = clock();
		const first = await cache.token(iam.helpers, LOGIN, '', time.now);
		const tokens = await Promise.all(Array.from({ length: 100 }, () => cache.token(iam.helpers, LOGIN, first, time.now)));
		expect(iam.calls).toHaveLength(2);
		expect(new Set(tokens)).toEqual(new Set(['token-2']));
	});

	it('a caller holding an older token gets the latest one without a login', async () => {
		const iam = fakeIam();
		const time = clock();
		const first = await cache.token(iam.helpers, LOGIN, '', time.now);
		const second = await cache.token(iam.helpers, LOGIN, first, time.now);
		expect(second).toBe('token-2');
		await expect(cache.token(iam.helpers, LOGIN, first, time.now)).resolves.toBe('token-2');
		expect(iam.calls).toHaveLength(2);
	});

	it('a caller holding a refused token this process never had logs in anew (in queue mode it may be another worker\'s)', async () => {
		const iam = fakeIam();
		const time = clock();
		await cache.token(iam.helpers, LOGIN, '', time.now);
		await expect(cache.token(iam.helpers, LOGIN, 'stored-by-another-worker', time.now)).resolves.toBe('token-2');
		expect(iam.calls).toHaveLength(2);
	});

	it('stragglers holding that same refused token get the new one without another login', async () => {
		const iam = fakeIam();
		const time = clock();
		await cache.token(iam.helpers, LOGIN, '', time.now);
		const during = await Promise.all(Array.from({ length: 20 }, () => cache.token(iam.helpers, LOGIN, 'foreign', time.now)));
		const after = await cache.token(iam.helpers, LOGIN, 'foreign', time.now);
		expect(new Set([...during, after])).toEqual(new Set(['token-2']));
		expect(iam.calls).toHaveLength(2);
	});

	it('two worker processes sharing the stored token: after IAM expired every token, each renews once and none is handed an expired one', async () => {
		let issued = 0;
		const valid = new Set<string>();
		const iam = fakeIam(() => {
			const token = `token-${++issued}`;
			valid.add(token);
			return { statusCode: 201, headers: { 'x-subject-token': token }, body: { token: { expires_at: huaweiTime(T0 + 24 * HOUR) } } };
		});
		const time = clock();
		const worker1 = new IamTokenCache();
		const worker2 = new IamTokenCache();
		const stored1 = await worker1.token(iam.helpers, LOGIN, '', time.now);
		const stored2 = await worker2.token(iam.helpers, LOGIN, '', time.now);
		valid.clear();
		// n8n stores the last login's token; each worker's next execution starts from it and is refused.
		const renewed1 = await worker1.token(iam.helpers, LOGIN, stored2, time.now);
		const renewed2 = await worker2.token(iam.helpers, LOGIN, renewed1, time.now);
		expect(valid.has(renewed1)).toBe(true);
		expect(valid.has(renewed2)).toBe(true);
		expect([stored1, stored2, renewed1, renewed2]).toEqual(['token-1', 'token-2', 'token-3', 'token-4']);
		// Later requests in worker 1 still holding either old token get its new one without a login.
		await expect(worker1.token(iam.helpers, LOGIN, stored1, time.now)).resolves.toBe(renewed1);
		await expect(worker1.token(iam.helpers, LOGIN, stored2, time.now)).resolves.toBe(renewed1);
		expect(iam.calls).toHaveLength(4);
	});

	it('keeps tokens of different IAM users apart', async () => {
		const iam = fakeIam();
		const time = clock();
		const a = await cache.token(iam.helpers, LOGIN, '', time.now);
		const b = await cache.token(iam.helpers, { ...LOGIN, userName: 'other-user' }, '', time.now);
		expect(a).toBe('token-1');
		expect(b).toBe('token-2');
		expect(iam.calls).toHaveLength(2);
	});

	it('logs in again after the password in the credential changed', async () => {
		const iam = fakeIam();
		const time = clock();
		await cache.token(iam.helpers, LOGIN, '', time.now);
		await cache.token(iam.helpers, { ...LOGIN, password: 'a-new-password' }, '', time.now);
		expect(iam.calls).toHaveLength(2);
	});
});

describe('IamTokenCache: expiry', () => {
	it('reuses a token that expires in more than 5 minutes', async () => {
		const iam = fakeIam();
		const time = clock();
		await cache.token(iam.helpers, LOGIN, '', time.now);
		time.set(T0 + 24 * HOUR - 6 * MINUTE);
		await expect(cache.token(iam.helpers, LOGIN, '', time.now)).resolves.toBe('token-1');
		expect(iam.calls).toHaveLength(1);
	});

	it('logs in again when the token expires within 5 minutes', async () => {
		const iam = fakeIam();
		const time = clock();
		await cache.token(iam.helpers, LOGIN, '', time.now);
		time.set(T0 + 24 * HOUR - 4 * MINUTE);
		await expect(cache.token(iam.helpers, LOGIN, '', time.now)).resolves.toBe('token-2');
		expect(iam.calls).toHaveLength(2);
	});

	it('logs in again when the token has already expired, once for many concurrent callers', async () => {
		const iam = fakeIam();
		const time = clock();
		await cache.token(iam.helpers, LOGIN, '', time.now);
		time.set(T0 + 25 * HOUR);
		iam.setExpiresAt(T0 + 49 * HOUR);
		const tokens = await Promise.all(Array.from({ length: 50 }, () => cache.token(iam.helpers, LOGIN, 'token-1', time.now)));
		expect(new Set(tokens)).toEqual(new Set(['token-2']));
		expect(iam.calls).toHaveLength(2);
	});

	it('a caller holding an older token gets a new login, not the cached token, when the cached one is near expiry', async () => {
		const iam = fakeIam();
		const time = clock();
		await cache.token(iam.helpers, LOGIN, '', time.now);
		time.set(T0 + 24 * HOUR - MINUTE);
		await expect(cache.token(iam.helpers, LOGIN, 'some-older-token', time.now)).resolves.toBe('token-2');
		expect(iam.calls).toHaveLength(2);
	});
});

describe('IamTokenCache: a wrong password', () => {
	it('fails with a message naming the user and the account, without the password', async () => {
		const iam = fakeIam(wrongPassword);
		const error = await cache.token(iam.helpers, LOGIN, '', clock().now).then(
			() => undefined,
			(e: unknown) => e as Error,
		);
		expect(error).toBeInstanceOf(Error);
		expect(error?.message).toContain('n8n-robot');
		expect(error?.message).toContain('acme-account');
		expect(error?.message).not.toContain(PASSWORD);
		expect(String(error?.stack)).not.toContain(PASSWORD);
		expect(JSON.stringify(error)).not.toContain(PASSWORD);
	});

	it('does not call IAM again within 60 seconds (Huawei locks users after repeated failures)', async () => {
		const iam = fakeIam(wrongPassword);
		const time = clock();
		await expect(cache.token(iam.helpers, LOGIN, '', time.now)).rejects.toThrow(/n8n-robot/);
		time.set(T0 + 30 * 1000);
		await expect(cache.token(iam.helpers, LOGIN, '', time.now)).rejects.toThrow(/n8n-robot/);
		time.set(T0 + 59 * 1000);
		await expect(cache.token(iam.helpers, LOGIN, '', time.now)).rejects.toThrow(/n8n-robot/);
		expect(iam.calls).toHaveLength(1);
	});

	it('many concurrent callers after a rejected password cause one IAM call', async () => {
		const iam = fakeIam(wrongPassword);
		const time = clock();
		const results = await Promise.allSettled(Array.from({ length: 50 }, () => cache.token(iam.helpers, LOGIN, '', time.now)));
		expect(results.every((result) => result.status === 'rejected')).toBe(true);
		expect(iam.calls).toHaveLength(1);
	});

	it('calls IAM again after 60 seconds', async () => {
		const iam = fakeIam((n) =>
			n === 1
				? wrongPassword()
				: { statusCode: 201, headers: { 'x-subject-token': 'token-after-fix' }, body: { token: { expires_at: huaweiTime(T0 + 25 * HOUR) } } },
		);
		const time = clock();
		await expect(cache.token(iam.helpers, LOGIN, '', time.now)).rejects.toThrow();
		time.set(T0 + 61 * 1000);
		await expect(cache.token(iam.helpers, LOGIN, '', time.now)).resolves.toBe('token-after-fix');
		expect(iam.calls).toHaveLength(2);
	});

	it('a corrected password is tried at once, not blocked by the remembered failure', async () => {
		const iam = fakeIam((n) =>
			n === 1
				? wrongPassword()
				: { statusCode: 201, headers: { 'x-subject-token': 'token-ok' }, body: { token: { expires_at: huaweiTime(T0 + 24 * HOUR) } } },
		);
		const time = clock();
		await expect(cache.token(iam.helpers, LOGIN, '', time.now)).rejects.toThrow();
		await expect(cache.token(iam.helpers, { ...LOGIN, password: 'the-right-one' }, '', time.now)).resolves.toBe('token-ok');
	});
});

describe('IamTokenCache: IAM unreachable', () => {
	/** An error like the one an HTTP client throws: it carries the request, i.e. the password. */
	function networkError(): Error {
		const body = JSON.stringify({ auth: { identity: { password: { user: { password: PASSWORD } } } } });
		const error = new Error(`connect ECONNREFUSED 10.0.0.1:443 while sending ${body}`) as Error & Record<string, unknown>;
		error.code = 'ECONNREFUSED';
		error.config = { data: body, url: `${LOGIN.iamBaseUrl}/v3/auth/tokens?nocatalog=true` };
		error.request = { body };
		return error;
	}

	it('fails with a clean error that does not contain the password', async () => {
		const iam = fakeIam(() => networkError());
		const error = await cache.token(iam.helpers, LOGIN, '', clock().now).then(
			() => undefined,
			(e: unknown) => e as Error & Record<string, unknown>,
		);
		expect(error).toBeInstanceOf(Error);
		expect(error?.message).not.toContain(PASSWORD);
		expect(String(error?.stack)).not.toContain(PASSWORD);
		expect(JSON.stringify(error)).not.toContain(PASSWORD);
		expect(String(error?.cause ?? '')).not.toContain(PASSWORD);
	});

	it('says IAM could not be reached, naming the IAM address', async () => {
		const iam = fakeIam(() => networkError());
		await expect(cache.token(iam.helpers, LOGIN, '', clock().now)).rejects.toThrow(LOGIN.iamBaseUrl);
	});

	it('does not remember a network failure: the next call tries IAM again', async () => {
		const iam = fakeIam((n) =>
			n === 1
				? networkError()
				: { statusCode: 201, headers: { 'x-subject-token': 'token-back' }, body: { token: { expires_at: huaweiTime(T0 + 24 * HOUR) } } },
		);
		const time = clock();
		await expect(cache.token(iam.helpers, LOGIN, '', time.now)).rejects.toThrow();
		await expect(cache.token(iam.helpers, LOGIN, '', time.now)).resolves.toBe('token-back');
		expect(iam.calls).toHaveLength(2);
	});
});
