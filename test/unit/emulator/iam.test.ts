/* eslint-disable @n8n/community-nodes/no-restricted-globals -- developer and test tooling: runs under Node, never shipped in the n8n package */
import { startEmulator, type Emulator } from '../../emulator';
import { call, p, raw } from './helpers';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

function loginBody(o: { domain?: string; user?: string; password?: string; project?: Record<string, string> } = {}): string {
	return JSON.stringify({
		auth: {
			identity: {
				methods: ['password'],
				password: {
					user: {
						domain: { name: o.domain ?? emu.credentials.domainName },
						name: o.user ?? emu.credentials.userName,
						password: o.password ?? emu.credentials.password,
					},
				},
			},
			scope: { project: o.project ?? { id: emu.projectId } },
		},
	});
}

function login(body: string): ReturnType<typeof raw> {
	return raw(emu, { method: 'POST', path: '/v3/auth/tokens?nocatalog=true', headers: { 'Content-Type': 'application/json' }, body });
}

describe('IAM password login', () => {
	test('answers 201 with the token in X-Subject-Token and a project-scoped body; the token works', async () => {
		const res = await login(loginBody());
		expect(res.status).toBe(201);
		const token = res.headers['x-subject-token'] as string;
		expect(token).toMatch(/^MII/);
		expect(res.json?.token).toMatchObject({
			methods: ['password'],
			project: { id: emu.projectId, name: 'ap-southeast-1' },
			user: { name: 'demo-user', domain: { name: 'demo-account' } },
		});
		const ttl = Date.parse(res.json?.token?.expires_at ?? '') - Date.parse(res.json?.token?.issued_at ?? '');
		expect(ttl).toBe(24 * 3600_000);
		expect(res.headers['x-request-id']).toBeTruthy();
		expect(JSON.stringify(res.json)).not.toContain(token);

		const list = await raw(emu, { path: p(emu, '/desktops'), headers: { 'X-Auth-Token': token } });
		expect(list.status).toBe(200);
		expect(emu.iamLogins).toBe(1);
		expect(emu.requests[0].route).toBe('iam.login');
	});

	test.each([
		['password', { password: 'nope' }],
		['user', { user: 'mallory' }],
		['domain', { domain: 'other-account' }],
	])('wrong %s → 401 IAM error', async (_w, o) => {
		const res = await login(loginBody(o));
		expect(res.status).toBe(401);
		expect(res.json).toEqual({ error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' } });
		expect(res.headers['x-subject-token']).toBeUndefined();
	});

	test('wrong project → 400 IAM error; scope by project name is accepted', async () => {
		const res = await login(loginBody({ project: { id: 'ffffffffffffffffffffffffffffffff' } }));
		expect(res.status).toBe(400);
		expect(res.json?.error?.code).toBe(400);
		expect((await login(loginBody({ project: { name: 'ap-southeast-1' } }))).status).toBe(201);
	});

	test('malformed bodies → 400', async () => {
		expect((await login('not json')).status).toBe(400);
		expect((await login(JSON.stringify({ auth: { identity: { methods: ['token'] } } }))).status).toBe(400);
	});

	test('iamLogins counts every call, successful or not', async () => {
		await login(loginBody());
		await login(loginBody({ password: 'x' }));
		await login('garbage');
		expect(emu.iamLogins).toBe(3);
	});
});

describe('token authentication', () => {
	test('missing, unknown and expired tokens → 401 APIG.0301', async () => {
		const none = await raw(emu, { path: p(emu, '/desktops') });
		expect(none.status).toBe(401);
		expect(none.json).toMatchObject({ error_code: 'APIG.0301', request_id: none.headers['x-request-id'] });

		const unknown = await raw(emu, { path: p(emu, '/desktops'), headers: { 'X-Auth-Token': 'MIIbogus' } });
		expect(unknown.status).toBe(401);

		expect((await call(emu, 'GET', p(emu, '/desktops'))).status).toBe(200);
		const fresh = emu.issueToken();
		emu.expireTokens();
		const expired = await call(emu, 'GET', p(emu, '/desktops'));
		expect(expired.status).toBe(401);
		expect(expired.json?.error_msg).toMatch(/^Incorrect IAM authentication information: .*expired/);
		expect((await raw(emu, { path: p(emu, '/desktops'), headers: { 'X-Auth-Token': fresh } })).status).toBe(401);

		// Logging in again gives a working token.
		const relog = await login(loginBody());
		expect((await raw(emu, { path: p(emu, '/desktops'), headers: { 'X-Auth-Token': relog.headers['x-subject-token'] as string } })).status).toBe(200);
	});

	test('tokens expire after tokenTtlMs', async () => {
		const short = await startEmulator({ tokenTtlMs: 150 });
		try {
			const res = await raw(short, { path: p(short, '/desktops'), headers: { 'X-Auth-Token': short.token } });
			expect(res.status).toBe(200);
			await new Promise((r) => setTimeout(r, 250));
			expect((await raw(short, { path: p(short, '/desktops'), headers: { 'X-Auth-Token': short.token } })).status).toBe(401);
		} finally {
			await short.close();
		}
	});

	test('a token scoped to another project → 403', async () => {
		const foreign = emu.issueToken({ projectId: 'ffffffffffffffffffffffffffffffff' });
		const res = await raw(emu, { path: p(emu, '/desktops'), headers: { 'X-Auth-Token': foreign } });
		expect(res.status).toBe(403);
		expect(res.json?.error_msg).toMatch(/scoped to project ffff/);
		const other = await call(emu, 'GET', '/v2/ffffffffffffffffffffffffffffffff/desktops');
		expect(other.status).toBe(403);
	});

	test('reset() makes emu.token valid again', async () => {
		emu.expireTokens();
		emu.reset();
		expect((await call(emu, 'GET', p(emu, '/desktops'))).status).toBe(200);
	});
});
