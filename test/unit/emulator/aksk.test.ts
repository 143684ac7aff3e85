import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import { startEmulator, type Emulator } from '../../emulator';
import { p, raw, sign } from './helpers';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

function ak(): { ak: string; sk: string } {
	return { ak: emu.credentials.accessKeyId, sk: emu.credentials.secretAccessKey };
}

describe('AK/SK verification', () => {
	test('a correctly signed GET with a query passes', async () => {
		const path = p(emu, '/desktops?limit=2&computer_name=wks%20dev');
		const headers = sign(emu, { method: 'GET', path, ...ak(), headers: { 'X-Project-Id': emu.projectId } });
		const res = await raw(emu, { path, headers });
		expect(res.status).toBe(200);
		expect(emu.requests.at(-1)?.auth).toBe('aksk');
	});

	test('a correctly signed POST with a body, and DELETEs of encoded keys, pass', async () => {
		const body = JSON.stringify({ tag: { key: 'cost center', value: 'ü-1' } });
		const path = p(emu, `/desktops/${emu.seedDesktopIds.dev01}/tags`);
		const headers = sign(emu, { method: 'POST', path, body, ...ak(), headers: { 'content-type': 'application/json' } });
		expect((await raw(emu, { method: 'POST', path, headers, body })).status).toBe(204);

		const delPath = p(emu, `/desktops/${emu.seedDesktopIds.dev01}/tags/cost%20center`);
		const delHeaders = sign(emu, { method: 'DELETE', path: delPath, ...ak() });
		expect((await raw(emu, { method: 'DELETE', path: delPath, headers: delHeaders })).status).toBe(204);

		// The `/` inside the key is signed as %2F within its segment, not as a separator.
		emu.updateDesktop(emu.seedDesktopIds.dev01, { tags: [{ key: 'a/b', value: '' }] });
		const slashPath = p(emu, `/desktops/${emu.seedDesktopIds.dev01}/tags/a%2Fb`);
		expect((await raw(emu, { method: 'DELETE', path: slashPath, headers: sign(emu, { method: 'DELETE', path: slashPath, ...ak() }) })).status).toBe(204);
		expect(emu.getDesktop(emu.seedDesktopIds.dev01)?.tags).toEqual([]);
	});

	test("Huawei's own Node SDK signer is accepted (interoperability oracle)", async () => {
		const data = { action: 'count' };
		const signedHeaders = AKSKSigner.sign(
			{
				endpoint: `${emu.url}/v2/${emu.projectId}/desktops/resource-instances/action`,
				method: 'POST',
				headers: { 'Content-Type': 'application/json', 'X-Project-Id': emu.projectId },
				queryParams: {},
				data,
			},
			{ getAk: () => emu.credentials.accessKeyId, getSk: () => emu.credentials.secretAccessKey } as never,
		) as Record<string, string>;
		const res = await raw(emu, { method: 'POST', path: p(emu, '/desktops/resource-instances/action'), headers: signedHeaders, body: JSON.stringify(data) });
		expect(res.status).toBe(200);
		expect(res.json).toEqual({ total_count: 3 });
	});

	test.each([
		['body', { body: '{"tag":{"key":"b","value":"v"}}' }],
		['path', { path: '/v2/PID/desktops/de500000-0000-4000-8000-000000000002/tags' }],
		['signed header', { headers: { 'content-type': 'text/plain' } }],
	])('tampering with the %s after signing fails with 401 APIG.0301', async (_what, tamper: Record<string, unknown>) => {
		const body = '{"tag":{"key":"a","value":"v"}}';
		const path = p(emu, `/desktops/${emu.seedDesktopIds.dev01}/tags`);
		const headers = sign(emu, { method: 'POST', path, body, ...ak(), headers: { 'content-type': 'application/json' } });
		const sent = {
			method: 'POST',
			path: (tamper.path as string | undefined)?.replace('PID', emu.projectId) ?? path,
			body: (tamper.body as string | undefined) ?? body,
			headers: { ...headers, ...((tamper.headers as Record<string, string> | undefined) ?? {}) },
		};
		const res = await raw(emu, sent);
		expect(res.status).toBe(401);
		expect(res.json?.error_code).toBe('APIG.0301');
		expect(res.json?.error_msg).toMatch(/^Incorrect IAM authentication information: /);
		expect(emu.getDesktop(emu.seedDesktopIds.dev01)?.tags.map((t) => t.key)).toEqual(['env', 'owner']);
	});

	test('tampering with the query fails', async () => {
		const path = p(emu, '/desktops?limit=2');
		const headers = sign(emu, { method: 'GET', path, ...ak() });
		expect((await raw(emu, { path: p(emu, '/desktops?limit=3'), headers })).status).toBe(401);
	});

	test('an unsigned header may be added after signing (n8n adds User-Agent)', async () => {
		const path = p(emu, '/desktops');
		const headers = sign(emu, { method: 'GET', path, ...ak() });
		expect((await raw(emu, { path, headers: { ...headers, 'User-Agent': 'n8n' } })).status).toBe(200);
	});

	test('x-sdk-date must be signed; SignedHeaders must be sorted lowercase; signed headers must be present', async () => {
		const path = p(emu, '/desktops');
		const h1 = sign(emu, { method: 'GET', path, ...ak(), signed: ['host'] });
		const r1 = await raw(emu, { path, headers: h1 });
		expect(r1.status).toBe(401);
		expect(r1.json?.error_msg).toMatch(/x-sdk-date/);

		const h2 = sign(emu, { method: 'GET', path, ...ak(), signed: ['x-sdk-date', 'host'] });
		expect((await raw(emu, { path, headers: h2 })).json?.error_msg).toMatch(/sorted/);

		const h3 = sign(emu, { method: 'GET', path, ...ak(), headers: { 'x-custom': 'v' } });
		delete h3['x-custom'];
		expect((await raw(emu, { path, headers: h3 })).json?.error_msg).toMatch(/x-custom/);
	});

	test('request time must be within 15 minutes of the emulator clock', async () => {
		const path = p(emu, '/desktops');
		const ok = sign(emu, { method: 'GET', path, ...ak(), dateMs: emu.now() - 14 * 60_000 });
		expect((await raw(emu, { path, headers: ok })).status).toBe(200);
		for (const offset of [-16 * 60_000, 16 * 60_000]) {
			const headers = sign(emu, { method: 'GET', path, ...ak(), dateMs: emu.now() + offset });
			const res = await raw(emu, { path, headers });
			expect(res.status).toBe(401);
			expect(res.json?.error_code).toBe('APIG.0301');
			expect(res.json?.error_msg).toMatch(/request time .* out of range: request expired/);
		}
	});

	test('the emulator clock skew moves the window (client clock wrong by an hour)', async () => {
		const skewed = await startEmulator({ clockSkewMs: 60 * 60_000 });
		try {
			const path = p(skewed, '/desktops');
			const c = { ak: skewed.credentials.accessKeyId, sk: skewed.credentials.secretAccessKey };
			const res = await raw(skewed, { path, headers: sign(skewed, { method: 'GET', path, ...c, dateMs: Date.now() }) });
			expect(res.status).toBe(401);
			expect(new Date(String(res.headers.date)).getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);
			const good = await raw(skewed, { path, headers: sign(skewed, { method: 'GET', path, ...c }) });
			expect(good.status).toBe(200);
		} finally {
			await skewed.close();
		}
	});

	test('malformed X-Sdk-Date and foreign schemes are refused', async () => {
		const path = p(emu, '/desktops');
		const headers = sign(emu, { method: 'GET', path, ...ak() });
		expect((await raw(emu, { path, headers: { ...headers, 'x-sdk-date': '2024-01-01T00:00:00Z' } })).status).toBe(401);
		expect((await raw(emu, { path, headers: { Authorization: 'Bearer xyz' } })).status).toBe(401);
	});

	test('unknown AK is refused', async () => {
		const path = p(emu, '/desktops');
		const res = await raw(emu, { path, headers: sign(emu, { method: 'GET', path, ak: 'NOSUCHAK', sk: 'x' }) });
		expect(res.status).toBe(401);
		expect(res.json?.error_msg).toMatch(/NOSUCHAK/);
	});

	test('X-Project-Id must equal the project in the path; a foreign project is refused', async () => {
		const path = p(emu, '/desktops');
		const res = await raw(emu, { path, headers: sign(emu, { method: 'GET', path, ...ak(), headers: { 'X-Project-Id': 'ffffffffffffffffffffffffffffffff' } }) });
		expect(res.status).toBe(403);
		expect(res.json?.error_msg).toMatch(/X-Project-Id/);
		const other = '/v2/ffffffffffffffffffffffffffffffff/desktops';
		expect((await raw(emu, { path: other, headers: sign(emu, { method: 'GET', path: other, ...ak() }) })).status).toBe(403);
	});

	describe('temporary keys', () => {
		const temp = (): { ak: string; sk: string } => ({ ak: emu.credentials.tempAccessKeyId, sk: emu.credentials.tempSecretAccessKey });

		test('pass with a signed X-Security-Token', async () => {
			const path = p(emu, '/desktops');
			const headers = sign(emu, { method: 'GET', path, ...temp(), headers: { 'X-Security-Token': emu.credentials.securityToken } });
			expect((await raw(emu, { path, headers })).status).toBe(200);
		});

		test('fail without the token, with it unsigned, or with a wrong one', async () => {
			const path = p(emu, '/desktops');
			const none = await raw(emu, { path, headers: sign(emu, { method: 'GET', path, ...temp() }) });
			expect(none.status).toBe(401);
			expect(none.json?.error_msg).toMatch(/X-Security-Token/);

			const unsigned = sign(emu, { method: 'GET', path, ...temp() });
			const r2 = await raw(emu, { path, headers: { ...unsigned, 'X-Security-Token': emu.credentials.securityToken } });
			expect(r2.status).toBe(401);
			expect(r2.json?.error_msg).toMatch(/signed/);

			const wrong = sign(emu, { method: 'GET', path, ...temp(), headers: { 'X-Security-Token': 'nope' } });
			expect((await raw(emu, { path, headers: wrong })).status).toBe(401);
		});
	});

	describe('lockout', () => {
		test('five wrong signatures in a row lock the AK for five minutes, even for correct signatures', async () => {
			const path = p(emu, '/desktops');
			const bad = { ak: emu.credentials.accessKeyId, sk: 'wrong-secret' };
			for (let i = 0; i < 5; i++) {
				expect((await raw(emu, { path, headers: sign(emu, { method: 'GET', path, ...bad }) })).status).toBe(401);
			}
			expect(emu.isAccessKeyLocked(emu.credentials.accessKeyId)).toBe(true);
			const locked = await raw(emu, { path, headers: sign(emu, { method: 'GET', path, ...ak() }) });
			expect(locked.status).toBe(401);
			expect(locked.json?.error_msg).toMatch(/locked/);
			// Other keys are unaffected.
			const temp = sign(emu, {
				method: 'GET',
				path,
				ak: emu.credentials.tempAccessKeyId,
				sk: emu.credentials.tempSecretAccessKey,
				headers: { 'X-Security-Token': emu.credentials.securityToken },
			});
			expect((await raw(emu, { path, headers: temp })).status).toBe(200);

			emu.setClockSkewMs(5 * 60_000 + 1000);
			expect((await raw(emu, { path, headers: sign(emu, { method: 'GET', path, ...ak() }) })).status).toBe(200);
		});

		test('a correct signature resets the count', async () => {
			const path = p(emu, '/desktops');
			const bad = { ak: emu.credentials.accessKeyId, sk: 'wrong-secret' };
			for (let i = 0; i < 4; i++) await raw(emu, { path, headers: sign(emu, { method: 'GET', path, ...bad }) });
			expect((await raw(emu, { path, headers: sign(emu, { method: 'GET', path, ...ak() }) })).status).toBe(200);
			for (let i = 0; i < 4; i++) await raw(emu, { path, headers: sign(emu, { method: 'GET', path, ...bad }) });
			expect(emu.isAccessKeyLocked(emu.credentials.accessKeyId)).toBe(false);
		});
	});
});
