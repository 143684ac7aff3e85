/* eslint-disable @n8n/community-nodes/no-restricted-globals -- developer and test tooling: runs under Node, never shipped in the n8n package */
import { startEmulator, type Emulator } from '../../emulator';
import { call, p, raw } from './helpers';

let emu: Emulator;
let dev01: string;
beforeAll(async () => {
	emu = await startEmulator();
	dev01 = emu.seedDesktopIds.dev01;
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const createTag = (key = 'k'): ReturnType<typeof call> => call(emu, 'POST', p(emu, `/desktops/${dev01}/tags`), { tag: { key, value: 'v' } });

describe('common response headers', () => {
	test('X-Request-Id is unique per response; Date follows the emulator clock', async () => {
		const a = await call(emu, 'GET', p(emu, '/desktops'));
		const b = await raw(emu, { path: '/nowhere' });
		expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
		expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
		expect(b.json?.request_id).toBe(b.headers['x-request-id']);
		emu.setClockSkewMs(-3 * 3600_000);
		const c = await call(emu, 'GET', p(emu, '/desktops'));
		expect(Math.abs(Date.parse(String(c.headers.date)) - (Date.now() - 3 * 3600_000))).toBeLessThan(5000);
	});
});

describe('unknown routes and methods', () => {
	test.each([
		['GET', '/'],
		['GET', '/v2'],
		['PUT', '/v2/PID/desktops/ID/tags'],
		['PATCH', '/v2/PID/desktops'],
		['GET', '/v2/PID/desktops/ID/tags/'],
		['GET', '/v2/PID/desktops/ID/tags/env'],
		['GET', '/v3/auth/tokens'],
		['POST', '/v2/PID/desktops/ID/tags/action/extra'],
		['GET', '/v2/PID//desktops'],
	])('%s %s → 404 APIG.0101 (no auth needed to learn that)', async (method, path) => {
		const res = await raw(emu, { method, path: path.replace('PID', emu.projectId).replace('ID', dev01) });
		expect(res.status).toBe(404);
		expect(res.json).toEqual({
			error_code: 'APIG.0101',
			error_msg: 'The API does not exist or has not been published in the environment',
			request_id: res.headers['x-request-id'],
		});
		expect(emu.requests.at(-1)?.route).toBe('unknown');
	});
});

describe('recording', () => {
	test('every request, including IAM and rejected ones, with status, route and raw details', async () => {
		await createTag('rec');
		await raw(emu, { method: 'POST', path: '/v3/auth/tokens', body: '{}' });
		await raw(emu, { path: p(emu, '/desktops?limit=1&computer_name=a%20b') });
		await raw(emu, { path: '/x' });
		expect(emu.requests.map((r) => [r.method, r.route, r.status])).toEqual([
			['POST', 'tag.create', 204],
			['POST', 'iam.login', 400],
			['GET', 'desktop.list', 401],
			['GET', 'unknown', 404],
		]);
		const [create, , list] = emu.requests;
		expect(create.headers['x-auth-token']).toBe(emu.token);
		expect(create.headers['content-type']).toBe('application/json');
		expect(JSON.parse(create.body)).toEqual({ tag: { key: 'rec', value: 'v' } });
		expect(create.path).toBe(`v2/${emu.projectId}/desktops/${dev01}/tags`);
		expect(create.auth).toBe('token');
		expect(list.query).toBe('limit=1&computer_name=a%20b');
		expect(list.errorCode).toBe('APIG.0301');
		expect(emu.stats()).toMatchObject({ requests: 4, byStatus: { 204: 1, 400: 1, 401: 1, 404: 1 }, byRoute: { 'tag.create': 1, unknown: 1 } });
		emu.clearRequests();
		expect(emu.requests).toEqual([]);
		expect(emu.stats().requests).toBe(0);
	});

	test('reset() restores seeded state and clears counters, faults and limits', async () => {
		await call(emu, 'DELETE', p(emu, `/desktops/${dev01}`));
		emu.injectFaults([{ type: 'status', status: 500, times: 5 }]);
		emu.setRateLimit({ perSecond: 1 });
		emu.reset();
		expect(emu.getDesktop(dev01)).toBeDefined();
		expect(emu.deletedDesktops).toEqual([]);
		expect(emu.requests).toEqual([]);
		expect(emu.iamLogins).toBe(0);
		expect(emu.pendingFaults()).toBe(0);
		for (let i = 0; i < 3; i++) expect((await call(emu, 'GET', p(emu, '/desktops'))).status).toBe(200);
	});
});

describe('faults', () => {
	test("'status' 429 answers APIG.0308 with Retry-After and does not change state", async () => {
		emu.injectFaults([{ match: { route: 'tag.create' }, type: 'status', status: 429, retryAfter: 2 }]);
		const res = await createTag('faulted');
		expect(res.status).toBe(429);
		expect(res.headers['retry-after']).toBe('2');
		expect(res.json).toMatchObject({ error_code: 'APIG.0308', request_id: res.headers['x-request-id'] });
		expect(res.json?.error_msg).toMatch(/throttling threshold/);
		expect(emu.getDesktop(dev01)?.tags.map((t) => t.key)).not.toContain('faulted');
		expect(emu.requests[0].fault).toBe('status');
		// Consumed: the retry goes through.
		expect((await createTag('faulted')).status).toBe(204);
	});

	test.each([
		[500, 'WKS.0500'],
		[502, 'APIG.0201'],
		[503, 'APIG.0203'],
	])("'status' %i uses a Huawei-style body", async (status, code) => {
		emu.injectFaults([{ type: 'status', status }]);
		const res = await call(emu, 'GET', p(emu, '/desktops'));
		expect(res.status).toBe(status);
		expect(res.json?.error_code).toBe(code);
	});

	test('errorCode and times; faults are consumed in order by matching requests only', async () => {
		emu.injectFaults([
			{ match: { method: 'DELETE' }, type: 'status', status: 500, errorCode: 'WKS.9999', times: 2 },
			{ match: { pathIncludes: '/tags' }, type: 'status', status: 503 },
		]);
		expect((await call(emu, 'GET', p(emu, '/desktops'))).status).toBe(200);
		expect((await call(emu, 'GET', p(emu, `/desktops/${dev01}/tags`))).status).toBe(503);
		const d1 = await call(emu, 'DELETE', p(emu, `/desktops/${dev01}`));
		expect(d1.json?.error_code).toBe('WKS.9999');
		expect((await call(emu, 'DELETE', p(emu, `/desktops/${dev01}`))).status).toBe(500);
		expect(emu.getDesktop(dev01)).toBeDefined();
		expect((await call(emu, 'DELETE', p(emu, `/desktops/${dev01}`))).status).toBe(204);
		expect(emu.pendingFaults()).toBe(0);
	});

	test("'html' answers a text/html 502, 'empty' an empty 500", async () => {
		emu.injectFaults([{ type: 'html' }, { type: 'empty' }]);
		const html = await createTag('h');
		expect(html.status).toBe(502);
		expect(html.headers['content-type']).toMatch(/text\/html/);
		expect(html.text).toMatch(/<html>/);
		const empty = await createTag('e');
		expect(empty.status).toBe(500);
		expect(empty.text).toBe('');
		expect(emu.getDesktop(dev01)?.tags).toHaveLength(2);
	});

	test("'reset' destroys the socket and changes nothing", async () => {
		emu.injectFaults([{ type: 'reset' }]);
		await expect(createTag('r')).rejects.toThrow(/socket hang up|ECONNRESET/);
		expect(emu.getDesktop(dev01)?.tags).toHaveLength(2);
		expect(emu.requests[0]).toMatchObject({ fault: 'reset', status: 0 });
	});

	test("'latency' delays, then handles normally (state changes)", async () => {
		emu.injectFaults([{ type: 'latency', delayMs: 300 }]);
		const t0 = Date.now();
		expect((await createTag('late')).status).toBe(204);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
		expect(emu.getDesktop(dev01)?.tags.map((t) => t.key)).toContain('late');
	});

	test("'slow' outlasts a client timeout and never changes state", async () => {
		emu.injectFaults([{ type: 'slow', delayMs: 5000 }]);
		const path = p(emu, `/desktops/${dev01}/tags`);
		await expect(
			raw(emu, { method: 'POST', path, headers: { 'X-Auth-Token': emu.token }, body: '{"tag":{"key":"slow","value":"v"}}', timeoutMs: 200 }),
		).rejects.toThrow(/client timeout/);
		expect(emu.getDesktop(dev01)?.tags.map((t) => t.key)).not.toContain('slow');
	});

	test("'slow' answers 504 if the client waits", async () => {
		emu.injectFaults([{ type: 'slow', delayMs: 200 }]);
		const res = await call(emu, 'GET', p(emu, '/desktops'));
		expect(res.status).toBe(504);
	});

	test('IAM can be faulted by route', async () => {
		emu.injectFaults([{ match: { route: 'iam.login' }, type: 'status', status: 503 }]);
		expect((await call(emu, 'GET', p(emu, '/desktops'))).status).toBe(200);
		expect((await raw(emu, { method: 'POST', path: '/v3/auth/tokens', body: '{}' })).status).toBe(503);
		expect(emu.iamLogins).toBe(1);
	});
});

describe('rate limit', () => {
	test('perSecond: excess requests get 429 APIG.0308 and change nothing', async () => {
		emu.setRateLimit({ perSecond: 3 });
		const results = [];
		for (let i = 0; i < 5; i++) results.push((await createTag(`r${i}`)).status);
		expect(results).toEqual([204, 204, 204, 429, 429]);
		expect(emu.getDesktop(dev01)?.tags.map((t) => t.key)).toEqual(['env', 'owner', 'r0', 'r1', 'r2']);
		await new Promise((r) => setTimeout(r, 1050));
		expect((await createTag('after')).status).toBe(204);
		emu.setRateLimit(null);
		for (let i = 0; i < 5; i++) expect((await call(emu, 'GET', p(emu, '/desktops'))).status).toBe(200);
	});

	test('maxInFlight: concurrent requests beyond the cap get 429; stats report the peak', async () => {
		emu.setLatency(300);
		emu.setRateLimit({ maxInFlight: 2 });
		const statuses = (await Promise.all(Array.from({ length: 5 }, () => call(emu, 'GET', p(emu, '/desktops'))))).map((r) => r.status);
		expect(statuses.filter((s) => s === 200)).toHaveLength(2);
		expect(statuses.filter((s) => s === 429)).toHaveLength(3);
		// Rejections are answered at once, so they overlap with the two held requests but not always with each other.
		expect(emu.stats().maxInFlight).toBeGreaterThanOrEqual(3);
	});

	test('stats().maxInFlight without limits', async () => {
		emu.setLatency(200);
		await Promise.all(Array.from({ length: 3 }, () => call(emu, 'GET', p(emu, '/desktops'))));
		expect(emu.stats().maxInFlight).toBe(3);
		emu.clearRequests();
		await call(emu, 'GET', p(emu, '/desktops'));
		expect(emu.stats().maxInFlight).toBe(1);
	});
});

describe('lifecycle', () => {
	test('close() does not wait for requests parked by a slow fault', async () => {
		const e = await startEmulator();
		e.injectFaults([{ type: 'slow', delayMs: 60_000 }]);
		const pending = raw(e, { path: p(e, '/desktops'), headers: { 'X-Auth-Token': e.token } }).catch((err: Error) => err);
		await new Promise((r) => setTimeout(r, 100));
		const t0 = Date.now();
		await e.close();
		expect(Date.now() - t0).toBeLessThan(2000);
		expect(String(await pending)).toMatch(/socket hang up|ECONNRESET/);
	});
});
