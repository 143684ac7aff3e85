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

const tagsOf = (id: string): { key: string; value: string }[] | undefined => emu.getDesktop(id)?.tags;

describe('seeded state', () => {
	test('three desktops with readable ids, users and tags', () => {
		expect(emu.listDesktops().map((d) => [d.computer_name, d.user_name, d.status, d.tags])).toEqual([
			['wks-dev-01', 'alice', 'ACTIVE', [{ key: 'env', value: 'dev' }, { key: 'owner', value: 'alice' }]],
			['wks-dev-02', 'bob', 'ACTIVE', [{ key: 'env', value: 'dev' }]],
			['wks-prod-01', 'carol', 'ACTIVE', [{ key: 'env', value: 'prod' }, { key: 'owner', value: 'carol' }]],
		]);
		for (const d of emu.listDesktops()) expect(d.desktop_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
	});

	test('seed: false starts empty', async () => {
		const empty = await startEmulator({ seed: false });
		expect(empty.listDesktops()).toEqual([]);
		await empty.close();
	});
});

describe('POST /desktops/{id}/tags (tag.create)', () => {
	test('creates, then the same key overwrites', async () => {
		expect((await call(emu, 'POST', p(emu, `/desktops/${dev01}/tags`), { tag: { key: 'team', value: 'a' } })).status).toBe(204);
		expect((await call(emu, 'POST', p(emu, `/desktops/${dev01}/tags`), { tag: { key: 'team', value: 'b' } })).status).toBe(204);
		expect(tagsOf(dev01)).toEqual([
			{ key: 'env', value: 'dev' },
			{ key: 'owner', value: 'alice' },
			{ key: 'team', value: 'b' },
		]);
		expect(emu.requests.map((r) => r.route)).toEqual(['tag.create', 'tag.create']);
	});

	test('value is optional and stored as ""', async () => {
		expect((await call(emu, 'POST', p(emu, `/desktops/${dev01}/tags`), { tag: { key: 'flag' } })).status).toBe(204);
		expect(tagsOf(dev01)?.at(-1)).toEqual({ key: 'flag', value: '' });
	});

	test('a new key past maxTagsPerDesktop → 400, overwriting at the limit still works', async () => {
		const small = await startEmulator({ maxTagsPerDesktop: 2 });
		try {
			const id = small.seedDesktopIds.dev01;
			const res = await call(small, 'POST', p(small, `/desktops/${id}/tags`), { tag: { key: 'third', value: 'x' } });
			expect(res.status).toBe(400);
			expect(res.json?.error_code).toBe('WKS.0104');
			expect((await call(small, 'POST', p(small, `/desktops/${id}/tags`), { tag: { key: 'env', value: 'x' } })).status).toBe(204);
		} finally {
			await small.close();
		}
	});

	test.each([
		[{ tag: { value: 'v' } }, 'WKS.0102'],
		[{ tag: { key: '', value: 'v' } }, 'WKS.0102'],
		[{ tag: { key: 'k'.repeat(129) } }, 'WKS.0102'],
		[{ tag: { key: 'a/b' } }, 'WKS.0102'],
		[{ tag: { key: 'a*b' } }, 'WKS.0102'],
		[{ tag: { key: 'a,b' } }, 'WKS.0102'],
		[{ tag: { key: 'a\tb' } }, 'WKS.0102'],
		[{ tag: { key: ' lead' } }, 'WKS.0102'],
		[{ tag: { key: 'trail ' } }, 'WKS.0102'],
		[{ tag: { key: '   ' } }, 'WKS.0102'],
		[{ tag: { key: '_sys_owner' } }, 'WKS.0102'],
		[{ tag: { key: 'k', value: 'v'.repeat(44) } }, 'WKS.0103'],
		[{ tag: { key: 'k', value: 'a|b' } }, 'WKS.0103'],
		[{ tag: { key: 'k', value: 'a<b>' } }, 'WKS.0103'],
		[{ tag: { key: 'k', value: ' v' } }, 'WKS.0103'],
		[{ tag: { key: 'k', value: 5 } }, 'WKS.0103'],
		[{}, 'WKS.0101'],
		[{ tag: 'k=v' }, 'WKS.0101'],
	])('invalid %j → 400 %s, nothing changes', async (body, code) => {
		const res = await call(emu, 'POST', p(emu, `/desktops/${dev01}/tags`), body);
		expect(res.status).toBe(400);
		expect(res.json?.error_code).toBe(code);
		expect(res.json?.error_msg).toBeTruthy();
		expect(tagsOf(dev01)).toHaveLength(2);
	});

	test.each([
		['a=b', 'x=y'],
		['env:prod@eu+1.2-3_4', 'a:b@c+d.e-f_g=h'],
		['项目 名称', '值'],
		['हिन्दी', 'Ünïcödé'],
		['sys_x', ''],
		['x_sys_', 'in the middle'],
	])('the SDK rule (model_tag.go) accepts key %j with value %j', async (key, value) => {
		expect((await call(emu, 'POST', p(emu, `/desktops/${dev01}/tags`), { tag: { key, value } })).status).toBe(204);
		expect(tagsOf(dev01)?.at(-1)).toEqual({ key, value });
	});

	test('lengths count Unicode code points, not UTF-16 units', async () => {
		const key = '\u{20000}'.repeat(128); // a CJK letter outside the BMP: 256 UTF-16 units
		const value = 'é'.repeat(43);
		expect((await call(emu, 'POST', p(emu, `/desktops/${dev01}/tags`), { tag: { key, value } })).status).toBe(204);
		const over = await call(emu, 'POST', p(emu, `/desktops/${dev01}/tags`), { tag: { key: key + '\u{20000}', value } });
		expect(over.status).toBe(400);
		expect(over.json?.error_msg).toContain('longer than 128');
		// An emoji is a symbol, not a letter: refused by the character rule whatever its length.
		expect((await call(emu, 'POST', p(emu, `/desktops/${dev01}/tags`), { tag: { key: '😀' } })).status).toBe(400);
	});

	test('bad JSON and empty body → 400', async () => {
		const bad = await call(emu, 'POST', p(emu, `/desktops/${dev01}/tags`), '{"tag":');
		expect(bad.status).toBe(400);
		expect(bad.json?.error_code).toBe('WKS.0100');
		const empty = await raw(emu, { method: 'POST', path: p(emu, `/desktops/${dev01}/tags`), headers: { 'X-Auth-Token': emu.token } });
		expect(empty.status).toBe(400);
		expect(empty.json?.error_code).toBe('WKS.0001');
	});

	test('unknown desktop → 404 WKS.0202 naming the id', async () => {
		const res = await call(emu, 'POST', p(emu, '/desktops/00000000-0000-0000-0000-000000000000/tags'), { tag: { key: 'k', value: 'v' } });
		expect(res.status).toBe(404);
		expect(res.json?.error_code).toBe('WKS.0202');
		expect(res.json?.error_msg).toContain('00000000-0000-0000-0000-000000000000');
	});
});

describe('DELETE /desktops/{id}/tags/{key} (tag.delete)', () => {
	test('deletes, and deleting a missing tag also answers 204', async () => {
		expect((await call(emu, 'DELETE', p(emu, `/desktops/${dev01}/tags/owner`))).status).toBe(204);
		expect((await call(emu, 'DELETE', p(emu, `/desktops/${dev01}/tags/owner`))).status).toBe(204);
		expect(tagsOf(dev01)).toEqual([{ key: 'env', value: 'dev' }]);
	});

	test('each raw segment is decoded on its own: %2F is part of the key', async () => {
		emu.updateDesktop(dev01, { tags: [{ key: 'a/b', value: '1' }, { key: 'a', value: '2' }, { key: 'k ü', value: '3' }] });
		// Unencoded, the slash is a separator: a different (non-existent) route.
		const asSeparator = await call(emu, 'DELETE', p(emu, `/desktops/${dev01}/tags/a/b`));
		expect(asSeparator.status).toBe(404);
		expect(asSeparator.json?.error_code).toBe('APIG.0101');

		expect((await call(emu, 'DELETE', p(emu, `/desktops/${dev01}/tags/a%2Fb`))).status).toBe(204);
		expect((await call(emu, 'DELETE', p(emu, `/desktops/${dev01}/tags/k%20%C3%BC`))).status).toBe(204);
		expect(tagsOf(dev01)).toEqual([{ key: 'a', value: '2' }]);
		const rec = emu.requests.filter((r) => r.route === 'tag.delete');
		expect(rec[0].rawPath).toBe(p(emu, `/desktops/${dev01}/tags/a%2Fb`));
		expect(rec[0].segments.at(-1)).toBe('a/b');
		expect(rec[1].segments.at(-1)).toBe('k ü');
	});

	test('`+` in a path is a literal plus, not a space', async () => {
		emu.updateDesktop(dev01, { tags: [{ key: 'a b', value: '' }, { key: 'a+b', value: '' }] });
		await call(emu, 'DELETE', p(emu, `/desktops/${dev01}/tags/a+b`));
		expect(tagsOf(dev01)).toEqual([{ key: 'a b', value: '' }]);
	});

	test('`..` is not normalised: it is recorded as sent and never routes', async () => {
		const res = await call(emu, 'DELETE', p(emu, `/desktops/${dev01}/tags/../tags/env`));
		expect(res.status).toBe(404);
		expect(res.json?.error_code).toBe('APIG.0101');
		expect(emu.requests.at(-1)?.rawPath).toContain('/../');
		// In a variable position it is taken literally: a desktop called "..".
		const asId = await call(emu, 'GET', p(emu, '/desktops/../tags'));
		expect(asId.status).toBe(404);
		expect(asId.json?.error_code).toBe('WKS.0202');
		expect(tagsOf(dev01)).toHaveLength(2);
	});

	test('unknown desktop → 404', async () => {
		expect((await call(emu, 'DELETE', p(emu, '/desktops/nope/tags/env'))).status).toBe(404);
	});
});

describe('GET /desktops/{id}/tags (tag.list)', () => {
	test('lists key/value pairs', async () => {
		const res = await call(emu, 'GET', p(emu, `/desktops/${dev01}/tags`));
		expect(res.status).toBe(200);
		expect(res.json).toEqual({ tags: [{ key: 'env', value: 'dev' }, { key: 'owner', value: 'alice' }] });
		expect(res.headers['content-type']).toMatch(/application\/json/);
	});
});

describe('POST /desktops/{id}/tags/action (tag.batch)', () => {
	const url = (): string => p(emu, `/desktops/${dev01}/tags/action`);

	test('create overwrites existing keys and adds new ones; sys_tags are kept apart', async () => {
		const res = await call(emu, 'POST', url(), {
			action: 'create',
			tags: [{ key: 'env', value: 'test' }, { key: 'team', value: 'x' }],
			sys_tags: [{ key: '_sys_enterprise_project_id', value: '0' }],
		});
		expect(res.status).toBe(204);
		expect(tagsOf(dev01)).toEqual([
			{ key: 'env', value: 'test' },
			{ key: 'owner', value: 'alice' },
			{ key: 'team', value: 'x' },
		]);
		expect(emu.getDesktop(dev01)?.sys_tags).toEqual([{ key: '_sys_enterprise_project_id', value: '0' }]);
	});

	test('create holds tags to the SDK rule; sys_tags may carry the _sys_ prefix', async () => {
		const sysInTags = await call(emu, 'POST', url(), { action: 'create', tags: [{ key: '_sys_enterprise_project_id', value: '0' }] });
		expect(sysInTags.status).toBe(400);
		expect(sysInTags.json?.error_code).toBe('WKS.0102');
		const badSys = await call(emu, 'POST', url(), { action: 'create', sys_tags: [{ key: '_sys_a/b', value: '0' }] });
		expect(badSys.status).toBe(400);
		expect((await call(emu, 'POST', url(), { action: 'create', tags: [{ key: 'a=b', value: 'c:d' }] })).status).toBe(204);
		expect(tagsOf(dev01)?.at(-1)).toEqual({ key: 'a=b', value: 'c:d' });
	});

	test('delete names existing keys without the write rule, so a legacy key stays removable', async () => {
		emu.updateDesktop(dev01, { tags: [{ key: 'a/b', value: '1' }, { key: '_sys_old', value: '2' }, { key: 'env', value: 'dev' }] });
		const res = await call(emu, 'POST', url(), { action: 'delete', tags: [{ key: 'a/b' }, { key: '_sys_old', value: 'x|y' }] });
		expect(res.status).toBe(204);
		expect(tagsOf(dev01)).toEqual([{ key: 'env', value: 'dev' }]);
		expect((await call(emu, 'POST', url(), { action: 'delete', tags: [{ key: '' }] })).status).toBe(400);
	});

	test('delete removes listed keys; missing ones succeed', async () => {
		expect((await call(emu, 'POST', url(), { action: 'delete', tags: [{ key: 'owner' }, { key: 'nope', value: 'x' }] })).status).toBe(204);
		expect(tagsOf(dev01)).toEqual([{ key: 'env', value: 'dev' }]);
	});

	test('invalid or missing action → 400 WKS.0105', async () => {
		for (const action of ['update', undefined, 'CREATE']) {
			const res = await call(emu, 'POST', url(), { action, tags: [{ key: 'a', value: 'b' }] });
			expect(res.status).toBe(400);
			expect(res.json?.error_code).toBe('WKS.0105');
		}
	});

	test('all-or-nothing: one bad tag or exceeding the quota changes nothing', async () => {
		const bad = await call(emu, 'POST', url(), { action: 'create', tags: [{ key: 'good', value: 'v' }, { key: 'bad*', value: 'v' }] });
		expect(bad.status).toBe(400);
		expect(bad.json?.error_msg).toContain('tags[1]');
		const many = Array.from({ length: 9 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
		const quota = await call(emu, 'POST', url(), { action: 'create', tags: many });
		expect(quota.status).toBe(400);
		expect(quota.json?.error_code).toBe('WKS.0104');
		expect(tagsOf(dev01)).toHaveLength(2);
		// 8 new + 2 existing = 10 is exactly the limit.
		expect((await call(emu, 'POST', url(), { action: 'create', tags: many.slice(0, 8) })).status).toBe(204);
	});

	test('duplicate keys in one request and empty requests → 400', async () => {
		expect((await call(emu, 'POST', url(), { action: 'create', tags: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] })).status).toBe(400);
		expect((await call(emu, 'POST', url(), { action: 'create', tags: [] })).status).toBe(400);
		expect((await call(emu, 'POST', url(), { action: 'create', tags: 'a=b' })).status).toBe(400);
	});

	test('unknown desktop → 404', async () => {
		expect((await call(emu, 'POST', p(emu, '/desktops/nope/tags/action'), { action: 'delete', tags: [{ key: 'a' }] })).status).toBe(404);
	});
});
