import { ERRORS } from '../../emulator';
import { expectHuaweiError, expectRejectedToken, runOn } from '../apiErrors';
import { AUTH_MODES, credentialsFor, params, UNTHROTTLED, useEmulator } from '../fixtures';
import { runNode } from '../harness';
import { expectRefusedBeforeSending } from '../hostileCases';
import { KEY_RULES, LIMIT_RULES, ruleCases, VALUE_RULES } from '../inputRules';

/**
 * Desktop > Get Many, once per input item: by Desktop Properties (`GET /v2/{project}/desktops`
 * with filters in the query) or by Tag Conditions (`POST .../desktops/resource-instances/action`),
 * paging by 1,000 until a short page or Limit, one output item per desktop (simplified or raw);
 * filters and conditions are checked before sending, an error on any page fails the item with
 * Huawei's code, message and request ID (5xx and 429 retried), and with Continue On Fail one
 * failed item leaves the others listed.
 */
const emu = useEmulator();

const token = () => credentialsFor(emu, 'token');
const listRequests = () => emu.requests.filter((r) => r.route !== 'iam.login');
const query = (raw: string) => Object.fromEntries(new URLSearchParams(raw));

function getAll(rest: Record<string, unknown>) {
	return params('desktop', 'getAll', rest as never);
}

describe.each(AUTH_MODES)('Desktop > Get Many with %s authentication', (mode) => {
	test('lists every desktop, simplified, one item per desktop paired with the input', async () => {
		const { items, error } = await runNode({ credentials: credentialsFor(emu, mode), parameters: getAll({ returnAll: true }) });
		expect(error).toBeUndefined();
		const expected = emu.listDesktops();
		expect(items.map((i) => i.json.desktop_id)).toEqual(expected.map((d) => d.desktop_id));
		// What GET /desktops answers (SDK SimpleDesktopInfo): one ip_address, the task status; no product or login state.
		expect(items[0].json).toEqual({
			desktop_id: expected[0].desktop_id,
			computer_name: expected[0].computer_name,
			status: expected[0].status,
			task_status: expected[0].task_status,
			user_name: expected[0].user_name,
			ip_address: expected[0].ip_addresses[0],
			created: expected[0].created,
			tags: expected[0].tags,
		});
		expect(items.map((i) => i.pairedItem)).toEqual(expected.map(() => ({ item: 0 })));
	});

	test('Return All pages through 1,203 more desktops with two requests', async () => {
		for (let n = 0; n < 1203; n++) emu.addDesktop({ computer_name: `bulk-${n}`, user_name: `user${n}` });
		const { items, error } = await runNode({ credentials: credentialsFor(emu, mode), parameters: getAll({ returnAll: true }) });
		expect(error).toBeUndefined();
		const all = emu.listDesktops().map((d) => d.desktop_id);
		expect(all).toHaveLength(1206);
		const ids = items.map((i) => i.json.desktop_id);
		expect(ids).toHaveLength(all.length);
		expect(new Set(ids)).toEqual(new Set(all));
		const requests = listRequests();
		expect(requests.map((r) => query(r.query))).toEqual([
			{ offset: '0', limit: '1000' },
			{ offset: '1000', limit: '1000' },
		]);
	});
});

describe('Desktop > Get Many', () => {
	test('filters reach the API as query parameters and only matching desktops come back', async () => {
		const match = emu.addDesktop({
			computer_name: 'wks-dev-03',
			user_name: 'alice',
			status: 'SHUTOFF',
			tags: [{ key: 'env', value: 'dev' }, { key: 'owner', value: 'x' }],
		});
		emu.addDesktop({ computer_name: 'wks-dev-04', user_name: 'alice', status: 'SHUTOFF', tags: [{ key: 'env', value: 'dev' }] });
		const { items, error } = await runNode({
			credentials: token(),
			parameters: getAll({
				returnAll: true,
				filters: {
					computerName: 'DEV',
					userName: 'alice',
					status: 'SHUTOFF',
					tags: { tag: [{ key: 'env', value: 'dev' }, { key: 'owner', value: '' }] },
				},
			}),
		});
		expect(error).toBeUndefined();
		const [request] = listRequests();
		expect(request.method).toBe('GET');
		expect(request.rawPath).toBe(`/v2/${emu.projectId}/desktops`);
		expect(query(request.query)).toEqual({
			offset: '0',
			limit: '1000',
			computer_name: 'DEV',
			user_name: 'alice',
			status: 'SHUTOFF',
			tag: 'env=dev,owner',
		});
		// alice's ACTIVE seed desktop and the one without an owner tag do not match all filters.
		expect(items.map((i) => i.json.desktop_id)).toEqual([match.desktop_id]);
	});

	test('a name filter returns the desktops whose computer name contains it', async () => {
		const { items } = await runNode({
			credentials: token(),
			parameters: getAll({ returnAll: true, filters: { computerName: 'dev' } }),
		});
		const expected = emu.listDesktops().filter((d) => d.computer_name.includes('dev'));
		expect(expected.length).toBeGreaterThan(0);
		expect(items.map((i) => i.json.desktop_id)).toEqual(expected.map((d) => d.desktop_id));
	});

	test('a tag filter returns the desktops carrying that tag', async () => {
		const { items } = await runNode({
			credentials: token(),
			parameters: getAll({ returnAll: true, filters: { tags: { tag: [{ key: 'env', value: 'prod' }] } } }),
		});
		const expected = emu.listDesktops().filter((d) => d.tags.some((t) => t.key === 'env' && t.value === 'prod'));
		expect(items.map((i) => i.json.desktop_id)).toEqual(expected.map((d) => d.desktop_id));
		expect(query(listRequests()[0].query).tag).toBe('env=prod');
	});

	test('Limit asks for just that many and returns them', async () => {
		for (let n = 0; n < 80; n++) emu.addDesktop({ computer_name: `bulk-${n}` });
		const { items } = await runNode({ credentials: token(), parameters: getAll({ returnAll: false, limit: 50 }) });
		expect(items.map((i) => i.json.desktop_id)).toEqual(emu.listDesktops().slice(0, 50).map((d) => d.desktop_id));
		expect(listRequests().map((r) => query(r.query))).toEqual([{ offset: '0', limit: '50' }]);
	});

	test('Limit is 50 by default', async () => {
		for (let n = 0; n < 80; n++) emu.addDesktop({ computer_name: `bulk-${n}` });
		const { items } = await runNode({ credentials: token(), parameters: getAll({}) });
		expect(items).toHaveLength(50);
	});

	test('a Limit above the page size pages and stops at the limit', async () => {
		for (let n = 0; n < 1500; n++) emu.addDesktop({ computer_name: `bulk-${n}` });
		const { items } = await runNode({ credentials: token(), parameters: getAll({ returnAll: false, limit: 1200 }) });
		expect(items.map((i) => i.json.desktop_id)).toEqual(emu.listDesktops().slice(0, 1200).map((d) => d.desktop_id));
		expect(listRequests().map((r) => query(r.query))).toEqual([
			{ offset: '0', limit: '1000' },
			{ offset: '1000', limit: '200' },
		]);
	});

	test('Simplify off outputs the raw desktop objects', async () => {
		const { items } = await runNode({ credentials: token(), parameters: getAll({ returnAll: true, simplify: false }) });
		const expected = emu.listDesktops();
		expect(items).toHaveLength(expected.length);
		expect(items[0].json).toMatchObject({
			desktop_id: expected[0].desktop_id,
			computer_name: expected[0].computer_name,
			os_host_name: expect.any(String),
		});
		// Fields Simplify drops are present in the raw object.
		expect(items[0].json).toHaveProperty('attach_user_infos');
		expect(items[0].json).toHaveProperty('desktop_type');
	});

	test('one run per input item, each output paired with its item', async () => {
		const { items } = await runNode({
			credentials: token(),
			parameters: getAll({ returnAll: true, filters: { userName: '={{ $json.user }}' } }),
			items: [{ user: 'alice' }, { user: 'carol' }],
		});
		const byUser = (user: string) => emu.listDesktops().filter((d) => d.user_name === user);
		expect(items.map((i) => [i.json.desktop_id, i.pairedItem])).toEqual([
			...byUser('alice').map((d) => [d.desktop_id, { item: 0 }]),
			...byUser('carol').map((d) => [d.desktop_id, { item: 1 }]),
		]);
	});

	test('an API error on the second page that outlasts the retries fails the item with Huawei\'s code and request ID', async () => {
		for (let n = 0; n < 1100; n++) emu.addDesktop({ computer_name: `bulk-${n}` });
		// The first page only waits a moment; the second fails on both attempts allowed.
		emu.injectFaults([
			{ type: 'latency', delayMs: 1, match: { route: 'desktop.list' } },
			{ type: 'status', status: 500, match: { route: 'desktop.list' }, times: 2 },
		]);
		const { error, items } = await runNode({
			credentials: token(),
			parameters: getAll({ returnAll: true, throttling: { ...UNTHROTTLED, maxAttempts: 2 } }),
		});
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/Could not list desktops: HTTP 500/);
		const failed = listRequests().filter((r) => r.status === 500);
		expect(listRequests()).toHaveLength(3);
		expect(failed.map((r) => r.query)).toEqual([expect.stringContaining('offset=1000'), expect.stringContaining('offset=1000')]);
		expect(error?.description).toContain(`Request ID: ${failed[1].requestId}`);
	});

	test('a 500 on the second page is retried and every desktop still arrives once', async () => {
		for (let n = 0; n < 1100; n++) emu.addDesktop({ computer_name: `bulk-${n}` });
		emu.injectFaults([
			{ type: 'latency', delayMs: 1, match: { route: 'desktop.list' } },
			{ type: 'status', status: 500, match: { route: 'desktop.list' } },
		]);
		const { error, items } = await runNode({ credentials: token(), parameters: getAll({ returnAll: true }) });
		expect(error).toBeUndefined();
		const ids = items.map((i) => i.json.desktop_id);
		expect(new Set(ids).size).toBe(emu.listDesktops().length);
		expect(ids).toHaveLength(emu.listDesktops().length);
		expect(listRequests().map((r) => r.status)).toEqual([200, 500, 200]);
	});

	test('with Continue On Fail the failing item carries the error', async () => {
		emu.injectFaults([{ type: 'status', status: 403 }]);
		const { items } = await runNode({
			credentials: token(),
			parameters: getAll({ returnAll: true }),
			continueOnFail: true,
		});
		expect(items).toHaveLength(1);
		expect(String(items[0].json.error)).toMatch(/HTTP 403/);
	});

	test.each([
		['a forbidden character in a key', { tags: { tag: [{ key: 'a|b', value: 'x' }] } }, /"\|"/],
		['a comma in a value', { tags: { tag: [{ key: 'env', value: 'dev,prod' }] } }, /","/],
		['a duplicate key', { tags: { tag: [{ key: 'env', value: 'a' }, { key: 'env', value: 'b' }] } }, /twice/],
		['an empty key', { tags: { tag: [{ key: '', value: 'x' }] } }, /required/],
		['an unknown status', { status: 'RUNNING' }, /Status "RUNNING"/],
	])('%s is refused before any request', async (_name, filters, message) => {
		const { error } = await runNode({ credentials: token(), parameters: getAll({ returnAll: true, filters }) });
		expect(error?.message).toMatch(message);
		expect(error?.description).toMatch(/Nothing was sent/);
		expect(listRequests()).toHaveLength(0);
	});
});

describe('Desktop > Get Many by tag conditions', () => {
	const byTags = (rest: Record<string, unknown>) => getAll({ searchBy: 'tagConditions', returnAll: true, ...rest });

	test('has all of these tags: body with string offset and limit, matching desktops out', async () => {
		const { items, error } = await runNode({
			credentials: token(),
			parameters: byTags({ tagMatch: 'all', tagConditions: { condition: [{ key: 'env', values: 'dev' }, { key: 'owner' }] } }),
		});
		expect(error).toBeUndefined();
		const [request] = listRequests();
		expect(request.method).toBe('POST');
		expect(request.rawPath).toBe(`/v2/${emu.projectId}/desktops/resource-instances/action`);
		expect(JSON.parse(request.body)).toEqual({
			action: 'filter',
			tags: [
				{ key: 'env', values: ['dev'] },
				{ key: 'owner', values: [] },
			],
			offset: '0',
			limit: '1000',
		});
		const expected = emu
			.listDesktops()
			.filter((d) => d.tags.some((t) => t.key === 'env' && t.value === 'dev') && d.tags.some((t) => t.key === 'owner'));
		expect(items.map((i) => i.json)).toEqual(
			expected.map((d) => ({ desktop_id: d.desktop_id, computer_name: d.computer_name, tags: d.tags })),
		);
	});

	test('has any, has none, and has no tags', async () => {
		emu.addDesktop({ computer_name: 'untagged' });
		const run = async (rest: Record<string, unknown>) =>
			(await runNode({ credentials: token(), parameters: byTags(rest) })).items.map((i) => i.json.desktop_id);
		const all = emu.listDesktops();
		const hasValue = (d: (typeof all)[number], key: string, values: string[]) =>
			d.tags.some((t) => t.key === key && values.includes(t.value));
		expect(await run({ tagMatch: 'any', tagConditions: { condition: [{ key: 'env', values: 'prod, test' }] } })).toEqual(
			all.filter((d) => hasValue(d, 'env', ['prod', 'test'])).map((d) => d.desktop_id),
		);
		expect(await run({ tagMatch: 'none', tagConditions: { condition: [{ key: 'owner', values: '' }] } })).toEqual(
			all.filter((d) => !d.tags.some((t) => t.key === 'owner')).map((d) => d.desktop_id),
		);
		expect(await run({ tagMatch: 'noTags' })).toEqual(all.filter((d) => d.tags.length === 0).map((d) => d.desktop_id));
		const bodies = listRequests().map((r) => JSON.parse(r.body));
		expect(bodies[0].tags_any).toEqual([{ key: 'env', values: ['prod', 'test'] }]);
		expect(bodies[1].not_tags_any).toEqual([{ key: 'owner', values: [] }]);
		expect(bodies[2]).toEqual({ action: 'filter', without_any_tag: true, offset: '0', limit: '1000' });
	});

	test('pages with string offsets over 1,100 tagged desktops', async () => {
		for (let n = 0; n < 1100; n++) emu.addDesktop({ computer_name: `bulk-${n}`, tags: [{ key: 'batch', value: 'b' }] });
		const { items } = await runNode({
			credentials: token(),
			parameters: byTags({ tagMatch: 'all', tagConditions: { condition: [{ key: 'batch', values: 'b' }] } }),
		});
		const expected = emu.listDesktops().filter((d) => d.tags.some((t) => t.key === 'batch'));
		expect(new Set(items.map((i) => i.json.desktop_id))).toEqual(new Set(expected.map((d) => d.desktop_id)));
		expect(items).toHaveLength(1100);
		expect(listRequests().map((r) => [JSON.parse(r.body).offset, JSON.parse(r.body).limit])).toEqual([
			['0', '1000'],
			['1000', '1000'],
		]);
	});

	test('Simplify off gives the raw resources; the name filter is sent as matches', async () => {
		const { items } = await runNode({
			credentials: token(),
			parameters: byTags({ tagMatch: 'all', tagConditions: { condition: [{ key: 'env' }] }, nameContains: 'prod', simplify: false }),
		});
		const expected = emu.listDesktops().filter((d) => d.computer_name.includes('prod'));
		expect(items.map((i) => i.json.resource_id)).toEqual(expected.map((d) => d.desktop_id));
		expect(JSON.parse(listRequests()[0].body).matches).toEqual([{ key: 'resource_name', value: 'prod' }]);
	});

	test.each([
		['no conditions', { tagMatch: 'all' }, /empty/],
		['a bad key', { tagMatch: 'any', tagConditions: { condition: [{ key: 'a|b' }] } }, /"\|"/],
		['a bad value', { tagMatch: 'any', tagConditions: { condition: [{ key: 'env', values: 'a*b' }] } }, /"\*"/],
	])('%s is refused before any request', async (_name, rest, message) => {
		const { error } = await runNode({ credentials: token(), parameters: byTags(rest) });
		expect(error?.message).toMatch(message);
		expect(listRequests()).toHaveLength(0);
	});
});

/** What Huawei's SDK says of ListDesktopsRequest and the tag search, and the node once got wrong. */
describe('Desktop > Get Many: Desktop IDs, User Name and the tag-search path, as Huawei serves them', () => {
	const idOf = (n: number) => `1d000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

	test('the Desktop IDs filter sends 100 IDs a request as repeated desktop_id, drops duplicates, and lists exactly those desktops', async () => {
		const ids = Array.from({ length: 250 }, (_, n) => emu.addDesktop({ desktop_id: idOf(n), computer_name: `ids-${n}` }).desktop_id);
		emu.addDesktop({ desktop_id: idOf(999), computer_name: 'not-asked-for' });
		const { items, error } = await runNode({
			credentials: token(),
			parameters: getAll({ returnAll: true, filters: { desktopIds: [...ids, ids[0]].join(', ') } }),
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.desktop_id)).toEqual(ids);
		const sent = listRequests().map((r) => new URLSearchParams(r.query).getAll('desktop_id'));
		expect(sent.map((chunk) => chunk.length)).toEqual([100, 100, 50]);
		expect(sent.flat()).toEqual(ids);
	});

	test('the Desktop IDs filter takes a list from an expression', async () => {
		const ids = [emu.seedDesktopIds.dev01, emu.seedDesktopIds.prod01];
		const { items } = await runNode({
			credentials: token(),
			parameters: getAll({ returnAll: true, filters: { desktopIds: '={{ $json.ids }}' } }),
			items: [{ ids }],
		});
		expect(items.map((i) => i.json.desktop_id)).toEqual(ids);
	});

	test('User Name "al" keeps only al by default (any letter case), although Huawei also answered alan and alice', async () => {
		const al = emu.addDesktop({ computer_name: 'u-al', user_name: 'al' }).desktop_id;
		const upper = emu.addDesktop({ computer_name: 'u-AL', user_name: 'AL' }).desktop_id;
		emu.addDesktop({ computer_name: 'u-alan', user_name: 'alan' });
		const { items, error } = await runNode({ credentials: token(), parameters: getAll({ returnAll: true, filters: { userName: 'al' } }) });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.desktop_id)).toEqual([al, upper]);
		// Huawei's own answer is fuzzy: the seeded alice and the new alan came back too.
		expect(emu.requests.filter((r) => r.route === 'desktop.list').map((r) => r.status)).toEqual([200]);
	});

	test('User Name Match "Contains" passes Huawei\'s fuzzy match through', async () => {
		const alan = emu.addDesktop({ computer_name: 'u-alan', user_name: 'alan' }).desktop_id;
		const { items } = await runNode({
			credentials: token(),
			parameters: getAll({ returnAll: true, filters: { userName: 'al', userNameMatch: 'contains' } }),
		});
		const expected = emu.listDesktops().filter((d) => d.user_name.toLowerCase().includes('al'));
		expect(expected.map((d) => d.desktop_id)).toContain(alan);
		expect(items.map((i) => i.json.desktop_id)).toEqual(expected.map((d) => d.desktop_id));
	});

	test('an exact User Name keeps paging past pages whose matches were all fuzzy, and stops at Limit', async () => {
		for (let n = 0; n < 1100; n++) emu.addDesktop({ computer_name: `alan-${n}`, user_name: 'alan' });
		const mine = [emu.addDesktop({ computer_name: 'al-1', user_name: 'al' }), emu.addDesktop({ computer_name: 'al-2', user_name: 'al' })];
		const all = await runNode({ credentials: token(), parameters: getAll({ returnAll: true, filters: { userName: 'al' } }) });
		expect(all.items.map((i) => i.json.desktop_id)).toEqual(mine.map((d) => d.desktop_id));
		expect(listRequests().map((r) => query(r.query).offset)).toEqual(['0', '1000']);

		emu.clearRequests();
		const one = await runNode({ credentials: token(), parameters: getAll({ returnAll: false, limit: 1, filters: { userName: 'al' } }) });
		expect(one.items.map((i) => i.json.desktop_id)).toEqual([mine[0].desktop_id]);
	});

	test('Tag Conditions in a region without the new path: the deprecated path once, then remembered for the endpoint', async () => {
		emu.setLegacySearchOnly(true);
		const search = getAll({ searchBy: 'tagConditions', returnAll: true, tagMatch: 'all', tagConditions: { condition: [{ key: 'env', values: 'dev' }] } });
		const first = await runNode({ credentials: token(), parameters: search });
		expect(first.error).toBeUndefined();
		const dev = emu.listDesktops().filter((d) => d.tags.some((t) => t.key === 'env' && t.value === 'dev'));
		expect(first.items.map((i) => i.json.desktop_id)).toEqual(dev.map((d) => d.desktop_id));
		expect(listRequests().map((r) => `${r.route} ${r.status}`)).toEqual(['desktop.filter 404', 'desktop.filterLegacy 200']);

		emu.clearRequests();
		const again = await runNode({ credentials: token(), parameters: search });
		expect(again.items).toHaveLength(dev.length);
		expect(listRequests().map((r) => r.route)).toEqual(['desktop.filterLegacy']);
	});

	test('a 404 that is not "no such path" is not taken for a missing path: no fallback', async () => {
		emu.injectFaults([{ type: 'status', status: 404, errorCode: 'WKS.0202', match: { route: 'desktop.filter' }, times: 1 }]);
		const { error } = await runNode({
			credentials: token(),
			parameters: getAll({ searchBy: 'tagConditions', returnAll: true, tagMatch: 'noTags' }),
		});
		expect(error?.message).toMatch(/HTTP 404 WKS\.0202/);
		expect(listRequests().map((r) => r.route)).toEqual(['desktop.filter']);
	});
});

describe('Desktop > Get Many: input rules, checked before anything is sent', () => {
	/** README: a filter that was added but is empty fails the item instead of widening the search. */
	const EMPTY_FILTER = [
		{ name: 'an empty filter', value: '', says: /is empty/ },
		{ name: 'a blank filter', value: ' \t ', says: /is empty/ },
	];
	const filterTag = (tag: Record<string, string>) => ({ returnAll: true, filters: { tags: { tag: [tag] } } });
	test.each([
		...ruleCases('desktop', 'getAll', /Computer Name/, EMPTY_FILTER, (v) => ({ returnAll: true, filters: { computerName: v } }), 'Computer Name'),
		...ruleCases('desktop', 'getAll', /User Name/, EMPTY_FILTER, (v) => ({ returnAll: true, filters: { userName: v } }), 'User Name'),
		...ruleCases('desktop', 'getAll', /Tags/, KEY_RULES, (v) => filterTag({ key: v, value: 'x' }), 'the Tags filter'),
		...ruleCases('desktop', 'getAll', /Tags/, VALUE_RULES, (v) => filterTag({ key: 'env', value: v }), 'the Tags filter'),
		...ruleCases('desktop', 'getAll', /Limit/, LIMIT_RULES, (v) => ({ returnAll: false, limit: v })),
		...ruleCases('desktop', 'getAll', /Desktop IDs/, EMPTY_FILTER, (v) => ({ returnAll: true, filters: { desktopIds: v } }), 'Desktop IDs'),
		...ruleCases(
			'desktop',
			'getAll',
			/Desktop IDs entry 2/,
			[{ name: 'a desktop ID with a slash', value: 'ok-1, a/b', says: /is not a desktop ID/ }],
			(v) => ({ returnAll: true, filters: { desktopIds: v } }),
		),
		...ruleCases(
			'desktop',
			'getAll',
			/User Name Match/,
			[{ name: 'a User Name Match other than exact or contains', value: 'fuzzy', says: /"exact" or "contains"/ }],
			(v) => ({ returnAll: true, filters: { userName: 'al', userNameMatch: v } }),
		),
	])('rejects %s before sending anything', async (_rule, c) => {
		await expectRefusedBeforeSending(emu, c);
	});
});

describe('Desktop > Get Many: errors from Huawei', () => {
	const SEARCHES: Array<[string, string, Record<string, unknown>]> = [
		['Desktop Properties', 'desktop.list', { returnAll: true }],
		['Tag Conditions', 'desktop.filter', { searchBy: 'tagConditions', returnAll: true, tagMatch: 'noTags' }],
	];

	test.each(SEARCHES)('by %s: a 403 fails the item with Huawei\'s code, message and request ID, not retried', async (_by, route, rest) => {
		emu.injectFaults([{ type: 'status', status: 403, match: { route }, times: 5 }]);
		const { error, items, answers } = await runOn(emu, route, getAll(rest));
		expect(items).toEqual([]);
		expect(answers.map((a) => a.status)).toEqual([403]);
		expectHuaweiError(error, answers[0], ERRORS.FORBIDDEN.msg);
	});

	test.each(SEARCHES)('by %s: an expired token, one request answered 401 with Huawei\'s code, message and request ID', async (_by, route, rest) => {
		const { items } = await expectRejectedToken(emu, route, getAll(rest));
		expect(items).toEqual([]);
	});
});

describe('Desktop > Get Many with Continue On Fail', () => {
	test('a refused request fails only its item, with Huawei\'s error; the other item lists its desktops', async () => {
		const users = ['alice', 'carol'];
		emu.injectFaults([{ type: 'status', status: 403, match: { route: 'desktop.list' } }]);
		const { error, items, answers } = await runOn(emu, 'desktop.list', getAll({ returnAll: true, filters: { userName: '={{ $json.user }}' } }), {
			items: users.map((user) => ({ user })),
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		const failed = items.filter((i) => i.json.error !== undefined);
		const listed = items.filter((i) => i.json.error === undefined);
		expect(failed).toHaveLength(1);
		// Both items ran at once, so either may have met the fault: the listed desktops are the other's.
		const [pair, ...otherPairs] = new Set(listed.map((i) => (i.pairedItem as { item: number }).item));
		expect(otherPairs).toEqual([]);
		const expected = emu.listDesktops().filter((d) => d.user_name === users[pair]);
		expect(listed.map((i) => i.json.desktop_id)).toEqual(expected.map((d) => d.desktop_id));
		const [refused, ...more] = answers.filter((r) => r.status !== 200);
		expect(more).toEqual([]);
		expectHuaweiError(failed[0].error, refused, ERRORS.FORBIDDEN.msg);
	});
});
