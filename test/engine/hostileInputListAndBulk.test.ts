import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RecordedRequest } from '../emulator';
import { credentialsFor, desktop, params, useEmulator } from './fixtures';
import { runNode } from './harness';
import { CONTROL, expectRefusedBeforeSending, FORBIDDEN, FORBIDDEN_RULE, type HostileCase, ID, NOT_TEXT, TOO_LONG_KEY, V } from './hostileCases';

/**
 * Bad input for every parameter of Desktop > Get Many, Tag > Get Project Tags and Tag > Add to /
 * Remove From Many Desktops, as upstream data or as an expression: the node fails with an error
 * naming the field and the rule, nothing is sent, and nothing changes. For the bulk operations a
 * mix of good and bad items: without Continue On Fail nothing is sent; with it only the good items
 * are sent and the bad ones carry their error. hostileInput.test.ts covers the per-desktop
 * operations. Rules: tag keys 1-128 and values 0-43 Unicode code points, neither with = * < > , | /
 * (seed pages 001-003), at most 20 tags a request, Limit a whole number of at least 1.
 */
const emu = useEmulator();


const LONGEST_KEY = '🔑'.repeat(128); // 256 UTF-16 units, still legal
const TOO_LONG_VALUE = '😀'.repeat(44); // 44 code points, 88 UTF-16 units
const LONGEST_VALUE = '😀'.repeat(43);
const FROM_EXPRESSIONS: Array<[string, string, RegExp]> = [
	['={{ {a:1} }}', '={{ {a:1} }}', /must be text, but the value is an object/],
	['={{ [1] }}', '={{ [1] }}', /must be text, but the value is a list/],
	['={{ 5 }}', '={{ 5 }}', /must be text, but the value is a number \(5\)/],
];
const tags = (n: number, value = 'v') => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value }));

/**
 * Tag key rules, shared by every place a key is taken. The characters are checked where a tag is
 * written or matched, not where one is removed: a tag Huawei holds must stay removable.
 */
function keyValues(checksCharacters = true): Array<[string, unknown, RegExp]> {
	return [
		['empty', '', /required and may not be blank/],
		['whitespace', '   ', /required and may not be blank/],
		['129 code points', TOO_LONG_KEY, /129 characters long: tag keys may have at most 128/],
		['".."', '..', /may not be "\." or "\.\."/],
		['null', null, /required but the value is null/],
		...(checksCharacters ? characterValues('a') : []),
		...(checksCharacters ? [['"../x"', '../x', FORBIDDEN_RULE] as [string, unknown, RegExp]] : []),
		...NOT_TEXT,
	];
}

function valueValues(checksCharacters = true): Array<[string, unknown, RegExp]> {
	return [
		['44 code points', TOO_LONG_VALUE, /44 characters long: tag values may have at most 43/],
		...(checksCharacters ? characterValues('v') : []),
		...NOT_TEXT,
	];
}

/** Characters every wording of Huawei's tag rule forbids, and control characters. */
function characterValues(prefix: string): Array<[string, unknown, RegExp]> {
	return [
		...FORBIDDEN.map((c): [string, unknown, RegExp] => [`containing "${c}"`, `${prefix}${c}b`, FORBIDDEN_RULE]),
		...Object.entries(CONTROL).map(([name, v]): [string, unknown, RegExp] => [`with ${name}`, v, /control character/]),
	];
}

// ---------------------------------------------------------------- Desktop > Get Many

const getAll = (rest: INodeParameters) => ({ resource: 'desktop', operation: 'getAll', parameters: { returnAll: true, ...rest } });
const byTags = (rest: INodeParameters) => getAll({ searchBy: 'tagConditions', tagMatch: 'all', ...rest });

function desktopFilterCases(): HostileCase[] {
	const text: Array<[string, string]> = [
		['computerName', 'Computer Name'],
		['userName', 'User Name'],
	];
	const textCases = text.flatMap(([name, field]): HostileCase[] => [
		// A filter that is there but empty would match every desktop: refused rather than dropped.
		{ label: `filter ${field} empty`, ...getAll({ filters: { [name]: V } }), item: { v: '' }, field: new RegExp(field), rule: /is empty/ },
		{ label: `filter ${field} whitespace`, ...getAll({ filters: { [name]: V } }), item: { v: ' \t ' }, field: new RegExp(field), rule: /is empty/ },
		{ label: `filter ${field} from a field the item lacks`, ...getAll({ filters: { [name]: '={{ $json.missing }}' } }), field: new RegExp(field), rule: /is empty/ },
		{ label: `filter ${field} null`, ...getAll({ filters: { [name]: V } }), item: { v: null }, field: new RegExp(field), rule: /is empty/ },
		...NOT_TEXT.map(([label, v, rule]): HostileCase => ({ label: `filter ${field} ${label}`, ...getAll({ filters: { [name]: V } }), item: { v }, field: new RegExp(field), rule })),
		...FROM_EXPRESSIONS.map(([label, expression, rule]): HostileCase => ({ label: `filter ${field} from ${label}`, ...getAll({ filters: { [name]: expression } }), field: new RegExp(field), rule })),
	]);
	const statusCases: HostileCase[] = [
		...['RUNNING', 'active', 'ACTIVE,SHUTOFF', 'ACTIVE&status=ERROR', '%2F', '../ACTIVE', 'ACTIVE#', 'ACTIVE?x=1', 'ACT\nIVE'].map((v): HostileCase => ({
			label: `filter Status ${JSON.stringify(v)}`,
			...getAll({ filters: { status: V } }),
			item: { v },
			field: /Status/,
			rule: /is not one of ACTIVE, ERROR, HIBERNATED, SHUTOFF/,
		})),
		{ label: 'filter Status from ={{ "DELETED" }}', ...getAll({ filters: { status: '={{ "DELETED" }}' } }), field: /Status/, rule: /"DELETED" is not one of ACTIVE, ERROR, HIBERNATED, SHUTOFF/ },
		{ label: 'filter Status empty', ...getAll({ filters: { status: V } }), item: { v: '' }, field: /Status/, rule: /is empty/ },
		{ label: 'filter Status whitespace', ...getAll({ filters: { status: V } }), item: { v: '  ' }, field: /Status/, rule: /is empty/ },
		...NOT_TEXT.map(([label, v, rule]): HostileCase => ({ label: `filter Status ${label}`, ...getAll({ filters: { status: V } }), item: { v }, field: /Status/, rule })),
		...FROM_EXPRESSIONS.map(([label, expression, rule]): HostileCase => ({ label: `filter Status from ${label}`, ...getAll({ filters: { status: expression } }), field: /Status/, rule })),
	];
	const tagFilter = (tag: INodeParameters[]) => getAll({ filters: { tags: { tag } } });
	const tagCases: HostileCase[] = [
		...keyValues().map(([label, v, rule]): HostileCase => ({ label: `filter Tags key ${label}`, ...tagFilter([{ key: 'env', value: '' }, { key: V, value: '' }]), item: { v }, field: /Tags filter entry 2 key/, rule })),
		...valueValues().map(([label, v, rule]): HostileCase => ({ label: `filter Tags value ${label}`, ...tagFilter([{ key: 'env', value: V }]), item: { v }, field: /Tags filter entry 1 value/, rule })),
		...FROM_EXPRESSIONS.map(([label, expression, rule]): HostileCase => ({ label: `filter Tags key from ${label}`, ...tagFilter([{ key: expression, value: '' }]), field: /Tags filter entry 1 key/, rule })),
		{ label: 'filter Tags: 21 tags', ...tagFilter(tags(21)), field: /Tags filter/, rule: /has 21 tags: at most 20/ },
		{ label: 'filter Tags: the same key twice', ...tagFilter([{ key: 'env', value: 'dev' }, { key: 'env', value: 'prod' }]), field: /Tags filter/, rule: /names the key "env" twice/ },
	];
	return [...textCases, ...statusCases, ...tagCases];
}

function tagConditionCases(): HostileCase[] {
	const one = (condition: INodeParameters) => byTags({ tagConditions: { condition: [{ key: 'env', values: 'dev' }, condition] } });
	return [
		...keyValues().map(([label, v, rule]): HostileCase => ({ label: `Tag Conditions key ${label}`, ...one({ key: V, values: '' }), item: { v }, field: /Tag Conditions entry 2 key/, rule })),
		...valueValues()
			.filter(([label]) => label !== 'containing ","') // the comma separates values
			.filter(([, v]) => typeof v !== 'object' && typeof v !== 'number' && typeof v !== 'boolean')
			.map(([label, v, rule]): HostileCase => ({ label: `Tag Conditions value ${label}`, ...one({ key: 'owner', values: `ok, ${String(v)}` }), field: /Tag Conditions entry 2 value/, rule })),
		...NOT_TEXT.map(([label, v, rule]): HostileCase => ({ label: `Tag Conditions values ${label}`, ...one({ key: 'owner', values: V }), item: { v }, field: /Tag Conditions entry 2 values/, rule })),
		...FROM_EXPRESSIONS.map(([label, expression, rule]): HostileCase => ({ label: `Tag Conditions values from ${label}`, ...one({ key: 'owner', values: expression }), field: /Tag Conditions entry 2 values/, rule })),
		...FROM_EXPRESSIONS.map(([label, expression, rule]): HostileCase => ({ label: `Tag Conditions key from ${label}`, ...one({ key: expression }), field: /Tag Conditions entry 2 key/, rule })),
		{ label: 'Tag Conditions: 21 conditions', ...byTags({ tagConditions: { condition: tags(21).map(({ key }) => ({ key, values: '' })) } }), field: /Tag Conditions/, rule: /has 21 entries: at most 20/ },
		{ label: 'Tag Conditions: the same key twice', ...one({ key: 'env', values: 'prod' }), field: /Tag Conditions/, rule: /names the key "env" twice/ },
		{ label: 'Tag Conditions: none', ...byTags({ tagConditions: {} }), field: /Tag Conditions/, rule: /is empty: add at least one tag key/ },
		...[['{a:1}', '={{ {a:1} }}'], ['[1]', '={{ [1] }}'], ['5', '={{ 5 }}']].map(([label, expression]): HostileCase => ({
			// n8n drops an expression given for a whole fixedCollection: the node sees no conditions, and says so.
			label: `Tag Conditions from ={{ ${label} }}`,
			...byTags({ tagConditions: expression }),
			field: /Tag Conditions/,
			rule: /is empty/,
		})),
		...['', 'drop', 'ALL', 'noTag', 'all ', '%2F'].map((v): HostileCase => ({ label: `Match ${JSON.stringify(v)}`, ...byTags({ tagMatch: V, tagConditions: { condition: [{ key: 'env' }] } }), item: { v }, field: /Match/, rule: /must be "all", "any", "none" or "noTags"/ })),
		...NOT_TEXT.map(([label, v]): HostileCase => ({ label: `Match ${label}`, ...byTags({ tagMatch: V, tagConditions: { condition: [{ key: 'env' }] } }), item: { v }, field: /Match/, rule: /must be "all", "any", "none" or "noTags"/ })),
		...NOT_TEXT.map(([label, v, rule]): HostileCase => ({ label: `tag search Computer Name ${label}`, ...byTags({ tagConditions: { condition: [{ key: 'env' }] }, nameContains: V }), item: { v }, field: /Computer Name/, rule })),
		...['', 'tagconditions', 'tags', 'properties ', '%2F'].map((v): HostileCase => ({ label: `Search By ${JSON.stringify(v)}`, ...getAll({ searchBy: V }), item: { v }, field: /Search By/, rule: /must be "properties" or "tagConditions"/ })),
		...NOT_TEXT.map(([label, v]): HostileCase => ({ label: `Search By ${label}`, ...getAll({ searchBy: V }), item: { v }, field: /Search By/, rule: /must be "properties" or "tagConditions"/ })),
	];
}

/** Return All, Limit and Simplify, for both searches of Get Many and for Get Project Tags. */
function pagingCases(): HostileCase[] {
	const operations: Array<[string, (rest: INodeParameters) => Omit<HostileCase, 'label' | 'field' | 'rule'>]> = [
		['Get Many', (rest) => getAll(rest)],
		['Get Many by tags', (rest) => byTags({ tagConditions: { condition: [{ key: 'env' }] }, ...rest })],
		['Get Project Tags', (rest) => ({ resource: 'tag', operation: 'getProjectTags', parameters: rest })],
	];
	const limits: Array<[string, unknown, RegExp]> = [
		['0', 0, /not 0/],
		['-1', -1, /not -1/],
		['-1000', -1000, /not -1000/],
		['2.5', 2.5, /not 2\.5/],
		['0.1', 0.1, /not 0\.1/],
		['the text "5"', '5', /not "5"/],
		['the text "ten"', 'ten', /not "ten"/],
		['empty text', '', /not ""/],
		['NaN', Number.NaN, /not NaN/],
		['Infinity', Number.POSITIVE_INFINITY, /not Infinity/],
		['null', null, /not null/],
		['an object', { a: 1 }, /not \{"a":1\}/],
		['a list', [1], /not \[1\]/],
		['true', true, /not true/],
	];
	const booleans: Array<[string, unknown, RegExp]> = [
		['the text "true"', 'true', /must be true or false, but the value is the text "true"/],
		['the text "false"', 'false', /must be true or false, but the value is the text "false"/],
		['1', 1, /must be true or false, but the value is 1/],
		['0', 0, /must be true or false, but the value is 0/],
		['null', null, /must be true or false, but the value is null/],
		['an object', { a: 1 }, /must be true or false, but the value is \{"a":1\}/],
	];
	return operations.flatMap(([where, at]): HostileCase[] => [
		...limits.map(([label, v, rule]): HostileCase => ({ label: `${where}: Limit ${label}`, ...withItem(at({ returnAll: false, limit: V }), { v }), field: /Limit/, rule: new RegExp(`Limit must be a whole number of at least 1, ${rule.source}(?:\\n|$)`) })),
		{ label: `${where}: Limit from ={{ 0 }}`, ...at({ returnAll: false, limit: '={{ 0 }}' }), field: /Limit/, rule: /whole number of at least 1, not 0/ },
		{ label: `${where}: Limit from ={{ -5 }}`, ...at({ returnAll: false, limit: '={{ -5 }}' }), field: /Limit/, rule: /whole number of at least 1, not -5/ },
		{ label: `${where}: Limit from ={{ 1.5 }}`, ...at({ returnAll: false, limit: '={{ 1.5 }}' }), field: /Limit/, rule: /whole number of at least 1, not 1\.5/ },
		{ label: `${where}: Limit from ={{ "7" }}`, ...at({ returnAll: false, limit: '={{ "7" }}' }), field: /Limit/, rule: /whole number of at least 1, not "7"/ },
		{ label: `${where}: Limit 0 typed in`, ...at({ returnAll: false, limit: 0 }), field: /Limit/, rule: /whole number of at least 1, not 0/ },
		...booleans.map(([label, v, rule]): HostileCase => ({ label: `${where}: Return All ${label}`, ...withItem(at({ returnAll: V }), { v }), field: /Return All/, rule })),
		...(where === 'Get Project Tags'
			? []
			: booleans.map(([label, v, rule]): HostileCase => ({ label: `${where}: Simplify ${label}`, ...withItem(at({ simplify: V }), { v }), field: /Simplify/, rule }))),
	]);
}

function withItem<T extends object>(c: T, item: Record<string, unknown>): T & { item: Record<string, unknown> } {
	return { ...c, item };
}

// ---------------------------------------------------------------- Tag > Add to / Remove From Many Desktops

const BULK = ['bulkCreate', 'bulkDelete'] as const;
const bulk = (operation: string, rest: INodeParameters) => ({ resource: 'tag', operation, parameters: { desktopId: desktop(ID), ...rest } });

function bulkCases(): HostileCase[] {
	const desktopIds: Array<[string, unknown, RegExp]> = [
		['empty', '', /required: enter the ID of a desktop/],
		['whitespace', ' \t ', /required: enter the ID of a desktop/],
		['129 characters', 'd'.repeat(129), /is not a desktop ID/],
		['".."', '..', /is not a desktop ID/],
		['"%2F"', 'a%2Fb', /is not a desktop ID/],
		['"?"', 'a?', /is not a desktop ID/],
		['"#"', 'a#b', /is not a desktop ID/],
		['"/"', 'a/b', /is not a desktop ID/],
		['"../x"', '../x', /is not a desktop ID/],
		['with a line break', 'a\nb', /is not a desktop ID/],
		['with NUL', 'a\u0000', /is not a desktop ID/],
		['null', null, /required but the value is null/],
		...NOT_TEXT,
	];
	return BULK.flatMap((operation): HostileCase[] => [
		...desktopIds.map(([label, v, rule]): HostileCase => ({ label: `${operation}: desktop ID ${label}`, ...bulk(operation, { desktopId: desktop(V), tags: { tag: [{ key: 'k', value: 'v' }] } }), item: { v }, field: /Desktop ID/, rule })),
		...FROM_EXPRESSIONS.map(([label, expression, rule]): HostileCase => ({ label: `${operation}: desktop ID from ${label}`, ...bulk(operation, { desktopId: desktop(expression), tags: { tag: [{ key: 'k', value: 'v' }] } }), field: /Desktop ID/, rule })),
		...keyValues(operation === 'bulkCreate').map(([label, v, rule]): HostileCase => ({ label: `${operation}: key ${label}`, ...bulk(operation, { tags: { tag: [{ key: 'ok', value: 'v' }, { key: V, value: 'v' }] } }), item: { v }, field: /Tags entry 2 key/, rule })),
		...valueValues(operation === 'bulkCreate').map(([label, v, rule]): HostileCase => ({ label: `${operation}: value ${label}`, ...bulk(operation, { tags: { tag: [{ key: 'k', value: V }] } }), item: { v }, field: /Tags entry 1 value/, rule })),
		...FROM_EXPRESSIONS.map(([label, expression, rule]): HostileCase => ({ label: `${operation}: key from ${label}`, ...bulk(operation, { tags: { tag: [{ key: expression, value: '' }] } }), field: /Tags entry 1 key/, rule })),
		...FROM_EXPRESSIONS.map(([label, expression, rule]): HostileCase => ({ label: `${operation}: value from ${label}`, ...bulk(operation, { tags: { tag: [{ key: 'k', value: expression }] } }), field: /Tags entry 1 value/, rule })),
		{ label: `${operation}: 21 tags`, ...bulk(operation, { tags: { tag: tags(21) } }), field: /Tags/, rule: /has 21 tags: at most 20/ },
		{ label: `${operation}: the same key twice`, ...bulk(operation, { tags: { tag: [{ key: 'k', value: '1' }, { key: 'k', value: '2' }] } }), field: /Tags/, rule: /names the key "k" twice/ },
		{ label: `${operation}: no tags`, ...bulk(operation, { tags: {} }), field: /Tags/, rule: /Tags is empty: add at least one tag/ },
		// n8n drops an expression given for a whole fixedCollection: the node sees no tags, and says so.
		...['={{ {a:1} }}', '={{ [1] }}', '={{ 5 }}'].map((expression): HostileCase => ({ label: `${operation}: tags from ${expression}`, ...bulk(operation, { tags: expression }), field: /Tags/, rule: /Tags is empty/ })),
		{ label: `${operation}: 21 tags from one expression`, ...bulk(operation, { tags: V }), item: { v: { tag: tags(21) } }, field: /Tags/, rule: /Tags is empty/ },
	]);
}

const CASES: HostileCase[] = [...desktopFilterCases(), ...tagConditionCases(), ...pagingCases(), ...bulkCases()];
const desktopDeleteHits: string[] = [];
const recordDeleteHits = (label: string) =>
	desktopDeleteHits.push(...emu.requests.filter((r) => r.route === 'desktop.delete').map((r) => `${label}: ${r.method} ${r.rawPath}`));

test.each(CASES.map((c) => [c.label, c] as const))('%s: a clear error, nothing sent, nothing changed', async (_label, c) => {
	desktopDeleteHits.push(...(await expectRefusedBeforeSending(emu, c)));
});

// ---------------------------------------------------------------- legal values that look hostile

const query = (request: RecordedRequest) => Object.fromEntries(new URLSearchParams(request.query));
const body = (request: RecordedRequest) => JSON.parse(request.body) as IDataObject;

describe('legal values that look like paths or queries stay inside their parameter', () => {
	const PATHISH = ['a?b', 'a#b', '%2F', 'a%2Fb', 'x&status=ERROR', 'a+b', 'a b', '..', '%00'];

	test.each(PATHISH)('Get Many: computer name and user name %p are sent as they are, in the query only', async (v) => {
		const before = JSON.stringify(emu.listDesktops());
		const { error } = await runNode({
			credentials: credentialsFor(emu, 'token'),
			parameters: params('desktop', 'getAll', { returnAll: true, filters: { computerName: V, userName: V } }),
			items: [{ v }],
		});
		recordDeleteHits(`computer name ${v}`);
		expect(error).toBeUndefined();
		expect(emu.requests.map((r) => r.route)).toEqual(['desktop.list']);
		expect(emu.requests[0].rawPath).toBe(`/v2/${emu.projectId}/desktops`);
		expect(query(emu.requests[0])).toEqual({ computer_name: v, user_name: v, offset: '0', limit: '1000' });
		expect(JSON.stringify(emu.listDesktops())).toBe(before);
	});

	test.each(['a?b', 'a#b', '%2F', 'a%2Fb', '&x', 'a+b', 'a..b'])('Get Many: a tag filter key %p stays in the tag query parameter', async (key) => {
		const { error } = await runNode({
			credentials: credentialsFor(emu, 'token'),
			parameters: params('desktop', 'getAll', { returnAll: true, filters: { tags: { tag: [{ key: V, value: V }] } } }),
			items: [{ v: key }],
		});
		recordDeleteHits(`tag filter ${key}`);
		expect(error).toBeUndefined();
		expect(emu.requests.map((r) => r.route)).toEqual(['desktop.list']);
		expect(query(emu.requests[0])).toEqual({ tag: `${key}=${key}`, offset: '0', limit: '1000' });
	});

	test('Get Many: the longest key and value (128 and 43 code points, astral) are accepted', async () => {
		const { error } = await runNode({
			credentials: credentialsFor(emu, 'token'),
			parameters: params('desktop', 'getAll', { returnAll: true, filters: { tags: { tag: [{ key: LONGEST_KEY, value: LONGEST_VALUE }] } } }),
		});
		expect(error).toBeUndefined();
		expect(query(emu.requests[0]).tag).toBe(`${LONGEST_KEY}=${LONGEST_VALUE}`);
	});

	test.each(['a?b', '%2F..%2F', 'a\nb', 'x#y'])('Get Many by tags: key, values and computer name %p stay in the body', async (v) => {
		const key = v.replace('\n', '');
		const { error } = await runNode({
			credentials: credentialsFor(emu, 'token'),
			parameters: params('desktop', 'getAll', {
				searchBy: 'tagConditions',
				tagMatch: 'any',
				returnAll: true,
				nameContains: V,
				tagConditions: { condition: [{ key, values: key }] },
			}),
			items: [{ v }],
		});
		recordDeleteHits(`tag search ${v}`);
		expect(error).toBeUndefined();
		expect(emu.requests.map((r) => r.route)).toEqual(['desktop.filter']);
		expect(body(emu.requests[0])).toEqual({
			action: 'filter',
			matches: [{ key: 'resource_name', value: v }],
			tags_any: [{ key, values: [key] }],
			offset: '0',
			limit: '1000',
		});
	});

	test.each([
		['empty', ''],
		['whitespace', '  '],
	])('Get Many by tags: a %s Computer Name is an unset filter, as by default', async (_label, v) => {
		const { error } = await runNode({
			credentials: credentialsFor(emu, 'token'),
			parameters: params('desktop', 'getAll', { searchBy: 'tagConditions', returnAll: true, nameContains: V, tagConditions: { condition: [{ key: 'env' }] } }),
			items: [{ v }],
		});
		expect(error).toBeUndefined();
		expect(emu.requests.map((r) => r.route)).toEqual(['desktop.filter']);
		expect(body(emu.requests[0]).matches).toBeUndefined();
	});

	test('Get Project Tags: Limit 1 sends limit=1 once', async () => {
		const { error, items } = await runNode({
			credentials: credentialsFor(emu, 'token'),
			parameters: params('tag', 'getProjectTags', { returnAll: false, limit: 1 }),
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(emu.requests.map((r) => [r.route, query(r)])).toEqual([['project.tags', { offset: '0', limit: '1' }]]);
	});
});

// ---------------------------------------------------------------- bulk: good and bad items together

describe('bulk operations: good and bad items together', () => {
	const batchRoute = { bulkCreate: 'desktop.batchTags', bulkDelete: 'desktop.batchUntags' } as const;
	/** Item 1 is bad in the way named; items 0 and 2 are good, on the two dev desktops. `true`: bad only when adding. */
	const BAD: Array<[string, Record<string, unknown>, RegExp, RegExp, boolean?]> = [
		['a desktop ID with "/"', { id: 'x/../y', key: 'env', value: 'v' }, /Desktop ID/, /is not a desktop ID/],
		['a desktop ID from an object', { id: { a: 1 }, key: 'env', value: 'v' }, /Desktop ID/, /must be text, but the value is an object/],
		['an empty desktop ID', { id: '', key: 'env', value: 'v' }, /Desktop ID/, /required: enter the ID of a desktop/],
		['a key with "|"', { key: 'a|b', value: 'v' }, /Tags entry 1 key/, FORBIDDEN_RULE, true],
		['a key of 129 code points', { key: TOO_LONG_KEY, value: 'v' }, /Tags entry 1 key/, /129 characters long: tag keys may have at most 128/],
		['a blank key', { key: '  ', value: 'v' }, /Tags entry 1 key/, /required and may not be blank/],
		['a key ".."', { key: '..', value: 'v' }, /Tags entry 1 key/, /may not be "\." or "\.\."/],
		['a key with a line break', { key: 'a\nb', value: 'v' }, /Tags entry 1 key/, /control character/, true],
		['a key from a list', { key: [1], value: 'v' }, /Tags entry 1 key/, /must be text, but the value is a list/],
		['a value of 44 code points', { key: 'env', value: TOO_LONG_VALUE }, /Tags entry 1 value/, /44 characters long: tag values may have at most 43/],
		['a value with "*"', { key: 'env', value: 'a*' }, /Tags entry 1 value/, FORBIDDEN_RULE, true],
		['a value that is a number', { key: 'env', value: 5 }, /Tags entry 1 value/, /must be text, but the value is a number \(5\)/],
	];
	const perItem = (operation: string) =>
		params('tag', operation, { desktopId: desktop(ID), tags: { tag: [{ key: '={{ $json.key }}', value: '={{ $json.value }}' }] } });
	/** Good items add env=v, or remove env whatever its value. */
	const input = (operation: string, bad: Record<string, unknown>) => {
		const value = operation === 'bulkCreate' ? 'v' : '';
		return [
			{ id: emu.seedDesktopIds.dev01, key: 'env', value },
			{ id: emu.seedDesktopIds.prod01, ...bad },
			{ id: emu.seedDesktopIds.dev02, key: 'env', value },
		];
	};

	const cases = BULK.flatMap((operation) =>
		BAD.filter(([, , , , onlyWhenAdding]) => !onlyWhenAdding || operation === 'bulkCreate').map(
			([label, bad, field, rule]) => [operation, label, bad, field, rule] as const,
		),
	);

	test.each(cases)('%s, %s, without Continue On Fail: the node stops, nothing is sent', async (operation, label, bad, field, rule) => {
		const before = JSON.stringify(emu.listDesktops());
		const { error, items } = await runNode({ credentials: credentialsFor(emu, 'token'), parameters: perItem(operation), items: input(operation, bad) });
		recordDeleteHits(`${operation} ${label}`);
		expect(items).toEqual([]);
		expect(error?.message).toMatch(rule);
		expect(`${error?.message ?? ''} ${error?.description ?? ''}`).toMatch(field);
		expect(error?.description).toMatch(/Nothing was sent to Huawei Cloud/);
		expect(emu.requests).toEqual([]);
		expect(JSON.stringify(emu.listDesktops())).toBe(before);
	});

	test.each(cases)('%s, %s, with Continue On Fail: only the good items are sent, the bad one carries its error', async (operation, label, bad, _field, rule) => {
		const prodBefore = JSON.stringify(emu.getDesktop(emu.seedDesktopIds.prod01));
		const data = input(operation, bad);
		const { error, items } = await runNode({ credentials: credentialsFor(emu, 'token'), continueOnFail: true, parameters: perItem(operation), items: data });
		recordDeleteHits(`${operation} ${label} (continue on fail)`);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const action = operation === 'bulkCreate' ? 'create' : 'delete';
		const done = action === 'create' ? { tagged: true } : { untagged: true };
		expect(items[0].json).toEqual({ success: true, desktopId: data[0].id, action, keys: ['env'], ...done, requestIndex: 0 });
		expect(items[2].json).toEqual({ success: true, desktopId: data[2].id, action, keys: ['env'], ...done, requestIndex: 0 });
		expect(items[1].json.success).toBeUndefined();
		expect(String(items[1].json.error)).toMatch(rule);

		// One look-up of the good items' desktops, then one batch request.
		expect(emu.requests.map((r) => r.route)).toEqual(['desktop.list', batchRoute[operation]]);
		expect(new URLSearchParams(emu.requests[0].query).getAll('desktop_id')).toEqual([data[0].id, data[2].id]);
		const sent = body(emu.requests[1]).desktops as Array<{ desktop_id: string; tags: IDataObject[] }>;
		expect(sent).toEqual([
			{ desktop_id: data[0].id, tags: action === 'create' ? [{ key: 'env', value: 'v' }] : [{ key: 'env' }] },
			{ desktop_id: data[2].id, tags: action === 'create' ? [{ key: 'env', value: 'v' }] : [{ key: 'env' }] },
		]);
		// The bad item's desktop is untouched; the good ones changed as asked.
		expect(JSON.stringify(emu.getDesktop(emu.seedDesktopIds.prod01))).toBe(prodBefore);
		for (const id of [emu.seedDesktopIds.dev01, emu.seedDesktopIds.dev02]) {
			const env = emu.getDesktop(id)?.tags.find((tag) => tag.key === 'env');
			expect(env).toEqual(action === 'create' ? { key: 'env', value: 'v' } : undefined);
		}
		expect(emu.listDesktops()).toHaveLength(3);
		expect(emu.deletedDesktops).toEqual([]);
	});

	test.each(BULK)('%s with Continue On Fail and every item bad: nothing is sent, every item carries its error', async (operation) => {
		const before = JSON.stringify(emu.listDesktops());
		const { error, items } = await runNode({
			credentials: credentialsFor(emu, 'token'),
			continueOnFail: true,
			parameters: perItem(operation),
			items: [{ id: '', key: 'k' }, { id: emu.seedDesktopIds.dev01, key: TOO_LONG_KEY }, { id: emu.seedDesktopIds.dev02, key: 'k', value: TOO_LONG_VALUE }],
		});
		recordDeleteHits(`${operation} all bad`);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(String(items[0].json.error)).toMatch(/Desktop ID is required/);
		expect(String(items[1].json.error)).toMatch(/Tags entry 1 key is 129 characters long/);
		expect(String(items[2].json.error)).toMatch(/Tags entry 1 value is 44 characters long/);
		expect(emu.requests).toEqual([]);
		expect(JSON.stringify(emu.listDesktops())).toBe(before);
	});
});

test('over all hostile inputs, nothing ever reached the desktop delete route', () => {
	expect(CASES.length).toBeGreaterThan(300);
	expect(desktopDeleteHits).toEqual([]);
});
