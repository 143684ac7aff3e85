import { startEmulator, type Emulator } from '../../emulator';
import { call, p, raw } from './helpers';

let emu: Emulator;
let ids: Emulator['seedDesktopIds'];
beforeAll(async () => {
	emu = await startEmulator();
	ids = emu.seedDesktopIds;
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

describe('DELETE /desktops/{id} (desktop.delete)', () => {
	test('deletes and records the query', async () => {
		const res = await call(emu, 'DELETE', p(emu, `/desktops/${ids.dev02}?delete_users=true&email_notification=false&is_force_delete=false`));
		expect(res.status).toBe(204);
		expect(res.text).toBe('');
		expect(emu.getDesktop(ids.dev02)).toBeUndefined();
		expect(emu.deletedDesktops).toEqual([
			{ desktop_id: ids.dev02, query: { delete_users: 'true', email_notification: 'false', is_force_delete: 'false' } },
		]);
		expect((await call(emu, 'DELETE', p(emu, `/desktops/${ids.dev02}`))).status).toBe(404);
	});

	test('without query: deleted, empty query recorded (server defaults apply)', async () => {
		expect((await call(emu, 'DELETE', p(emu, `/desktops/${ids.dev01}`))).status).toBe(204);
		expect(emu.deletedDesktops[0].query).toEqual({});
	});

	test.each(['True', '1', 'yes', ''])('boolean %j → 400 and the desktop survives', async (v) => {
		const res = await call(emu, 'DELETE', p(emu, `/desktops/${ids.dev01}?is_force_delete=${v}`));
		expect(res.status).toBe(400);
		expect(res.json?.error_msg).toContain('is_force_delete');
		expect(emu.getDesktop(ids.dev01)).toBeDefined();
	});

	test('a busy desktop → 409', async () => {
		const busy = emu.addDesktop({ computer_name: 'wks-busy', busy: true });
		const res = await call(emu, 'DELETE', p(emu, `/desktops/${busy.desktop_id}`));
		expect(res.status).toBe(409);
		expect(res.json?.error_code).toBe('WKS.0107');
		expect(emu.getDesktop(busy.desktop_id)).toBeDefined();
		expect(emu.deletedDesktops).toEqual([]);
	});
});

describe('GET /desktops and /desktops/detail', () => {
	test('the list answers SimpleDesktopInfo: one ip_address, no ip_addresses, product_id or login_status', async () => {
		const res = await call(emu, 'GET', p(emu, '/desktops'));
		expect(res.status).toBe(200);
		expect(res.json?.total_count).toBe(3);
		const first = res.json?.desktops?.[0];
		expect(first).toMatchObject({
			desktop_id: ids.dev01,
			computer_name: 'wks-dev-01',
			status: 'ACTIVE',
			task_status: '',
			user_name: 'alice',
			attach_user_infos: [{ user_name: 'alice', user_group: 'users', type: 'USER' }],
			tags: [{ key: 'env', value: 'dev' }, { key: 'owner', value: 'alice' }],
			ip_address: '192.168.0.11',
			project_id: emu.projectId,
		});
		expect(first?.created).toMatch(/^\d{4}-\d\d-\d\dT/);
		for (const detailOnly of ['ip_addresses', 'product_id', 'login_status', 'product']) expect(first).not.toHaveProperty(detailOnly);
		expect(emu.requests[0].route).toBe('desktop.list');
	});

	test('a desktop without an address answers ip_address null', async () => {
		const bare = emu.addDesktop({ computer_name: 'no-ip' });
		const res = await call(emu, 'GET', p(emu, `/desktops?desktop_id=${bare.desktop_id}`));
		expect(res.json?.desktops?.[0]?.ip_address).toBeNull();
	});

	test('paging by offset and limit; total_count counts all matches', async () => {
		for (let i = 0; i < 7; i++) emu.addDesktop({ computer_name: `bulk-${i}` });
		const pages: string[] = [];
		for (let offset = 0; ; offset += 4) {
			const res = await call(emu, 'GET', p(emu, `/desktops?offset=${offset}&limit=4`));
			expect(res.json?.total_count).toBe(10);
			const desktops = res.json?.desktops ?? [];
			pages.push(...desktops.map((d) => d.computer_name));
			if (desktops.length < 4) break;
		}
		expect(pages).toHaveLength(10);
		expect(new Set(pages).size).toBe(10);
	});

	test('limit bounds: 1000 for the list, 500 for detail; junk refused', async () => {
		expect((await call(emu, 'GET', p(emu, '/desktops?limit=1000'))).status).toBe(200);
		expect((await call(emu, 'GET', p(emu, '/desktops?limit=1001'))).status).toBe(400);
		expect((await call(emu, 'GET', p(emu, '/desktops/detail?limit=500'))).status).toBe(200);
		const over = await call(emu, 'GET', p(emu, '/desktops/detail?limit=501'));
		expect(over.status).toBe(400);
		expect(over.json?.error_msg).toContain('limit');
		expect((await call(emu, 'GET', p(emu, '/desktops?offset=-1'))).status).toBe(400);
		expect((await call(emu, 'GET', p(emu, '/desktops?limit=ten'))).status).toBe(400);
	});

	const names = async (q: string, route = '/desktops'): Promise<string[]> =>
		((await call(emu, 'GET', p(emu, `${route}?${q}`))).json?.desktops ?? []).map((d) => d.computer_name);

	test('filters: computer_name is a case-insensitive substring; user_name, status, tag', async () => {
		expect(await names('computer_name=DEV')).toEqual(['wks-dev-01', 'wks-dev-02']);
		expect(await names('user_name=carol')).toEqual(['wks-prod-01']);
		emu.updateDesktop(ids.dev02, { status: 'SHUTOFF' });
		expect(await names('status=SHUTOFF')).toEqual(['wks-dev-02']);
		expect(await names('tag=env%3Ddev%2Cowner%3Dalice')).toEqual(['wks-dev-01']);
		expect(await names('tag=env=dev,owner=alice')).toEqual(['wks-dev-01']);
		expect(await names('tag=owner')).toEqual(['wks-dev-01', 'wks-prod-01']);
	});

	test('user_name matches fuzzily (substring, any case) and repeats as an array (ListDesktopsRequest)', async () => {
		emu.addDesktop({ computer_name: 'wks-x', user_name: 'Alicia' });
		expect(await names('user_name=ali')).toEqual(['wks-dev-01', 'wks-x']);
		expect(await names('user_name=ALICE')).toEqual(['wks-dev-01']);
		expect(await names('user_name=bob&user_name=car')).toEqual(['wks-dev-02', 'wks-prod-01']);
		expect(await names('user_name=nobody')).toEqual([]);
	});

	test('desktop_id repeats as an array; more than 100 → 400', async () => {
		expect(await names(`desktop_id=${ids.prod01}&desktop_id=${ids.dev01}`)).toEqual(['wks-dev-01', 'wks-prod-01']);
		expect(await names(`desktop_id=${ids.dev02}&desktop_id=ghost`)).toEqual(['wks-dev-02']);
		const hundred = Array.from({ length: 100 }, (_, i) => `desktop_id=id-${i}`).join('&');
		expect((await call(emu, 'GET', p(emu, `/desktops?${hundred}`))).status).toBe(200);
		const over = await call(emu, 'GET', p(emu, `/desktops?${hundred}&desktop_id=${ids.dev01}`));
		expect(over.status).toBe(400);
		expect(over.json?.error_code).toMatch(/^WKS\./);
		expect(over.json?.error_msg).toContain('desktop_id');
	});

	test('detail: the same filters, and user_names (at most 100) replaces user_name', async () => {
		expect(await names('user_name=ALI', '/desktops/detail')).toEqual(['wks-dev-01']);
		expect(await names(`desktop_id=${ids.dev02}&tag=env=dev`, '/desktops/detail')).toEqual(['wks-dev-02']);
		expect(await names('user_name=alice&user_names=bob&user_names=carol', '/desktops/detail')).toEqual(['wks-dev-02', 'wks-prod-01']);
		const many = Array.from({ length: 101 }, (_, i) => `user_names=u${i}`).join('&');
		expect((await call(emu, 'GET', p(emu, `/desktops/detail?${many}`))).status).toBe(400);
		expect(await names('desktop_ip=192.168.1.21', '/desktops/detail')).toEqual(['wks-prod-01']);
	});

	test('detail carries more fields', async () => {
		const res = await call(emu, 'GET', p(emu, '/desktops/detail?limit=1'));
		expect(res.json?.total_count).toBe(3);
		expect(res.json?.desktops).toHaveLength(1);
		expect(res.json?.desktops?.[0]).toHaveProperty('product.product_id');
		expect(res.json?.desktops?.[0]).toHaveProperty('availability_zone');
		expect(res.json?.desktops?.[0]).toMatchObject({ ip_addresses: ['192.168.0.11'], login_status: 'REGISTERED', product_id: expect.any(String) });
		// DesktopDetailInfo: security groups are filled only by the single-desktop query.
		expect(res.json?.desktops?.[0]).not.toHaveProperty('security_groups');
		expect(emu.requests[0].route).toBe('desktop.listDetail');
	});
});

describe('GET /desktops/{id} (desktop.show)', () => {
	test('answers { desktop: DesktopDetailInfo } with its security groups', async () => {
		emu.updateDesktop(ids.dev02, { status: 'SHUTOFF', task_status: 'powering-on' });
		const res = await call(emu, 'GET', p(emu, `/desktops/${ids.dev02}`));
		expect(res.status).toBe(200);
		expect(Object.keys(res.json ?? {})).toEqual(['desktop']);
		expect(res.json?.desktop).toMatchObject({
			desktop_id: ids.dev02,
			computer_name: 'wks-dev-02',
			status: 'SHUTOFF',
			task_status: 'powering-on',
			login_status: 'UNREGISTER',
			ip_addresses: ['192.168.0.12'],
			addresses: { 'net-emulator': [{ addr: '192.168.0.12', version: '4' }] },
			security_groups: [expect.objectContaining({ id: expect.any(String) })],
			tags: [{ key: 'env', value: 'dev' }],
		});
		expect(emu.requests[0].route).toBe('desktop.show');
	});

	test('an unknown ID → 404 WKS.0202 naming it; literal sub-paths are not IDs', async () => {
		const res = await call(emu, 'GET', p(emu, '/desktops/ghost'));
		expect(res.status).toBe(404);
		expect(res.json?.error_code).toBe('WKS.0202');
		expect(res.json?.error_msg).toContain('ghost');
		await call(emu, 'GET', p(emu, '/desktops/detail'));
		await call(emu, 'GET', p(emu, '/desktops/tags'));
		expect(emu.requests.map((r) => r.route)).toEqual(['desktop.show', 'desktop.listDetail', 'project.tags']);
	});
});

describe('GET /desktops/tags (project.tags)', () => {
	test('keys with their distinct values, camelCase totalCount', async () => {
		const res = await call(emu, 'GET', p(emu, '/desktops/tags'));
		expect(res.json).toEqual({
			tags: [
				{ key: 'env', values: ['dev', 'prod'] },
				{ key: 'owner', values: ['alice', 'carol'] },
			],
			totalCount: 2,
		});
		expect(res.json).not.toHaveProperty('total_count');
	});

	test('key/value filters and paging; limit 0-1000 (ListProjectTagsRequest)', async () => {
		expect((await call(emu, 'GET', p(emu, '/desktops/tags?key=env'))).json?.tags).toEqual([{ key: 'env', values: ['dev', 'prod'] }]);
		expect((await call(emu, 'GET', p(emu, '/desktops/tags?value=prod'))).json?.tags).toEqual([{ key: 'env', values: ['prod'] }]);
		const page = await call(emu, 'GET', p(emu, '/desktops/tags?offset=1&limit=1'));
		expect(page.json).toEqual({ tags: [{ key: 'owner', values: ['alice', 'carol'] }], totalCount: 2 });
		expect((await call(emu, 'GET', p(emu, '/desktops/tags?limit=0'))).json).toEqual({ tags: [], totalCount: 2 });
		expect((await call(emu, 'GET', p(emu, '/desktops/tags?limit=1001'))).status).toBe(400);
	});

	test('key and value together: a tag matching either one is listed', async () => {
		const res = await call(emu, 'GET', p(emu, '/desktops/tags?key=env&value=alice'));
		expect(res.json?.tags).toEqual([
			{ key: 'env', values: ['dev', 'prod'] },
			{ key: 'owner', values: ['alice'] },
		]);
	});
});

describe('POST /desktops/resource-instances/action (desktop.filter)', () => {
	const url = (): string => p(emu, '/desktops/resource-instances/action');
	const filter = async (body: Record<string, unknown>): Promise<string[]> => {
		const res = await call(emu, 'POST', url(), { action: 'filter', ...body });
		expect(res.status).toBe(200);
		return (res.json?.resources ?? []).map((r) => r.resource_name);
	};

	beforeEach(() => {
		emu.addDesktop({ computer_name: 'wks-untagged' });
	});

	test('resource shape and count', async () => {
		const res = await call(emu, 'POST', url(), { action: 'filter', offset: '0', limit: '1' });
		expect(res.json).toEqual({
			offset: 0,
			total_count: 4,
			resources: [{ resource_id: ids.dev01, resource_name: 'wks-dev-01', resource_detail: null, tags: [{ key: 'env', value: 'dev' }, { key: 'owner', value: 'alice' }] }],
		});
		expect((await call(emu, 'POST', url(), { action: 'count', tags: [{ key: 'env', values: ['dev'] }] })).json).toEqual({ total_count: 2 });
	});

	test('tags: all must match; empty values = any value', async () => {
		expect(await filter({ tags: [{ key: 'env', values: ['dev'] }, { key: 'owner', values: [] }] })).toEqual(['wks-dev-01']);
		expect(await filter({ tags: [{ key: 'env', values: ['dev', 'prod'] }] })).toEqual(['wks-dev-01', 'wks-dev-02', 'wks-prod-01']);
	});

	test('tags_any: at least one', async () => {
		expect(await filter({ tags_any: [{ key: 'owner', values: ['carol'] }, { key: 'env', values: ['dev'] }] })).toEqual(['wks-dev-01', 'wks-dev-02', 'wks-prod-01']);
	});

	test('not_tags: excludes those matching all; not_tags_any: excludes those matching any', async () => {
		expect(await filter({ not_tags: [{ key: 'env', values: ['dev'] }, { key: 'owner', values: [] }] })).toEqual(['wks-dev-02', 'wks-prod-01', 'wks-untagged']);
		expect(await filter({ not_tags_any: [{ key: 'env', values: ['prod'] }, { key: 'owner', values: ['alice'] }] })).toEqual(['wks-dev-02', 'wks-untagged']);
	});

	test('without_any_tag and matches on resource_name', async () => {
		expect(await filter({ without_any_tag: true })).toEqual(['wks-untagged']);
		expect(await filter({ matches: [{ key: 'resource_name', value: 'PROD' }] })).toEqual(['wks-prod-01']);
	});

	test('condition keys are looked up, not held to the write rule (Tags, model_tags.go, has none)', async () => {
		emu.updateDesktop(ids.dev02, { tags: [{ key: 'a/b', value: '1' }] });
		expect(await filter({ tags: [{ key: 'a/b', values: [] }] })).toEqual(['wks-dev-02']);
		expect(await filter({ tags_any: [{ key: '_sys_x', values: ['y'] }] })).toEqual([]);
	});

	test('offset/limit must be strings; numbers → 400', async () => {
		const res = await call(emu, 'POST', url(), { action: 'filter', offset: 0, limit: 100 });
		expect(res.status).toBe(400);
		expect(res.json?.error_msg).toMatch(/string/);
		expect((await call(emu, 'POST', url(), { action: 'filter', limit: '0' })).status).toBe(400);
		expect(await filter({ offset: '2', limit: '1' })).toEqual(['wks-prod-01']);
	});

	test('the deprecated resource_instances path answers the same; legacySearchOnly retires the new one', async () => {
		const legacy = p(emu, '/desktops/resource_instances/action');
		const body = { action: 'filter', tags: [{ key: 'env', values: ['prod'] }] };
		const current = await call(emu, 'POST', url(), body);
		const old = await call(emu, 'POST', legacy, body);
		expect(old.status).toBe(200);
		expect(old.json).toEqual(current.json);
		expect((await call(emu, 'POST', legacy, { action: 'count' })).json).toEqual({ total_count: 4 });

		emu.setLegacySearchOnly(true);
		const gone = await call(emu, 'POST', url(), body);
		expect(gone.status).toBe(404);
		expect(gone.json?.error_code).toBe('APIG.0101');
		// Refused by the gateway before authentication, like any route it does not know.
		expect((await raw(emu, { method: 'POST', path: url(), body: '{}' })).json?.error_code).toBe('APIG.0101');
		expect((await call(emu, 'POST', legacy, body)).status).toBe(200);
		expect(emu.requests.map((r) => [r.route, r.status])).toEqual([
			['desktop.filter', 200],
			['desktop.filterLegacy', 200],
			['desktop.filterLegacy', 200],
			['desktop.filter', 404],
			['desktop.filter', 404],
			['desktop.filterLegacy', 200],
		]);
		emu.reset();
		expect((await call(emu, 'POST', url(), body)).status).toBe(200);
	});

	test('legacySearchOnly as a start option survives reset()', async () => {
		const old = await startEmulator({ legacySearchOnly: true });
		try {
			old.reset();
			expect((await call(old, 'POST', p(old, '/desktops/resource-instances/action'), { action: 'count' })).status).toBe(404);
			expect((await call(old, 'POST', p(old, '/desktops/resource_instances/action'), { action: 'count' })).status).toBe(200);
			old.setLegacySearchOnly(false);
			expect((await call(old, 'POST', p(old, '/desktops/resource-instances/action'), { action: 'count' })).status).toBe(200);
		} finally {
			await old.close();
		}
	});

	test('invalid bodies → 400', async () => {
		expect((await call(emu, 'POST', url(), { action: 'list' })).json?.error_code).toBe('WKS.0105');
		expect((await call(emu, 'POST', url(), { action: 'filter', tags: [{ key: 'env' }] })).status).toBe(400);
		expect((await call(emu, 'POST', url(), { action: 'filter', matches: [{ key: 'name', value: 'x' }] })).status).toBe(400);
		expect((await call(emu, 'POST', url(), { action: 'filter', without_any_tag: 'true' })).status).toBe(400);
	});
});

describe('/desktops/batch-tags (desktop.batchTags / desktop.batchUntags)', () => {
	const url = (): string => p(emu, '/desktops/batch-tags');

	test('POST tags many desktops; DELETE removes the keys', async () => {
		const body = { desktops: [{ desktop_id: ids.dev01, tags: [{ key: 'wave', value: '1' }] }, { desktop_id: ids.dev02, tags: [{ key: 'wave', value: '1' }, { key: 'env', value: 'qa' }] }] };
		expect((await call(emu, 'POST', url(), body)).status).toBe(204);
		expect(emu.getDesktop(ids.dev02)?.tags).toEqual([{ key: 'env', value: 'qa' }, { key: 'wave', value: '1' }]);
		expect((await call(emu, 'DELETE', url(), body)).status).toBe(204);
		expect(emu.getDesktop(ids.dev02)?.tags).toEqual([]);
		expect(emu.getDesktop(ids.dev01)?.tags.map((t) => t.key)).toEqual(['env', 'owner']);
		expect(emu.requests.map((r) => r.route)).toEqual(['desktop.batchTags', 'desktop.batchUntags']);
	});

	test('unknown desktop IDs are skipped and the request succeeds (BatchAddDesktopsTagsReq / BatchDeleteDesktopsTagsReq)', async () => {
		const body = { desktops: [{ desktop_id: ids.dev01, tags: [{ key: 'x', value: '1' }] }, { desktop_id: 'ghost', tags: [{ key: 'x', value: '1' }] }] };
		expect((await call(emu, 'POST', url(), body)).status).toBe(204);
		expect(emu.getDesktop(ids.dev01)?.tags.at(-1)).toEqual({ key: 'x', value: '1' });
		expect(emu.getDesktop('ghost')).toBeUndefined();
		expect((await call(emu, 'DELETE', url(), body)).status).toBe(204);
		expect(emu.getDesktop(ids.dev01)?.tags.map((t) => t.key)).toEqual(['env', 'owner']);
		const onlyGhosts = { desktops: [{ desktop_id: 'ghost-1', tags: [{ key: 'x' }] }, { desktop_id: 'ghost-2', tags: [{ key: 'x' }] }] };
		expect((await call(emu, 'POST', url(), onlyGhosts)).status).toBe(204);
		expect((await call(emu, 'DELETE', url(), onlyGhosts)).status).toBe(204);
	});

	test('tags of an unknown desktop are still validated; a bad one fails the whole request', async () => {
		const res = await call(emu, 'POST', url(), { desktops: [{ desktop_id: ids.dev01, tags: [{ key: 'x', value: '1' }] }, { desktop_id: 'ghost', tags: [{ key: 'a|b' }] }] });
		expect(res.status).toBe(400);
		expect(res.json?.error_msg).toContain('desktops[1].tags[0]');
		expect(emu.getDesktop(ids.dev01)?.tags).toHaveLength(2);
	});

	test('POST holds tags to the SDK rule; DELETE only looks keys up', async () => {
		const post = async (tags: unknown): Promise<number> => (await call(emu, 'POST', url(), { desktops: [{ desktop_id: ids.dev02, tags }] })).status;
		expect(await post([{ key: 'a=b', value: 'x:y@z' }])).toBe(204);
		expect(await post([{ key: '_sys_x', value: '1' }])).toBe(400);
		expect(await post([{ key: 'k', value: 'trailing ' }])).toBe(400);
		emu.updateDesktop(ids.dev02, { tags: [{ key: 'a/b', value: '' }, { key: 'env', value: 'dev' }] });
		expect((await call(emu, 'DELETE', url(), { desktops: [{ desktop_id: ids.dev02, tags: [{ key: 'a/b' }] }] })).status).toBe(204);
		expect(emu.getDesktop(ids.dev02)?.tags).toEqual([{ key: 'env', value: 'dev' }]);
	});

	test('limits of the API pages (the SDK states none): 100 desktops, 20 tags each; quota per desktop', async () => {
		const tooMany = Array.from({ length: 101 }, () => ({ desktop_id: ids.dev01, tags: [{ key: 'a', value: 'b' }] }));
		expect((await call(emu, 'POST', url(), { desktops: tooMany })).json?.error_code).toBe('WKS.0106');
		const tags21 = Array.from({ length: 21 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
		expect((await call(emu, 'POST', url(), { desktops: [{ desktop_id: ids.dev01, tags: tags21 }] })).json?.error_code).toBe('WKS.0106');
		const tags9 = tags21.slice(0, 9);
		const quota = await call(emu, 'POST', url(), { desktops: [{ desktop_id: ids.dev02, tags: [{ key: 'ok', value: '1' }] }, { desktop_id: ids.dev01, tags: tags9 }] });
		expect(quota.status).toBe(400);
		expect(quota.json?.error_code).toBe('WKS.0104');
		expect(emu.getDesktop(ids.dev02)?.tags).toHaveLength(1);
	});

	test('invalid bodies → 400', async () => {
		expect((await call(emu, 'POST', url(), { desktops: [] })).status).toBe(400);
		expect((await call(emu, 'POST', url(), { desktops: [{ desktop_id: ids.dev01, tags: [{ key: 'a<b', value: '1' }] }] })).json?.error_code).toBe('WKS.0102');
		expect((await call(emu, 'POST', url(), { desktops: [{ tags: [{ key: 'a', value: '1' }] }] })).status).toBe(400);
	});
});
