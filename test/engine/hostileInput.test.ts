import type { INodeParameters } from 'n8n-workflow';

import { credentialsFor, desktop, params, useEmulator } from './fixtures';
import { runNode } from './harness';
import { CONTROL, expectRefusedBeforeSending, FORBIDDEN, FORBIDDEN_RULE, type HostileCase, ID, NOT_TEXT, TOO_LONG_KEY, V } from './hostileCases';

/**
 * Bad input for every parameter of every per-desktop operation, as upstream data or as an
 * expression: the item fails with an error naming the field and the rule, nothing is sent, and
 * nothing changes. hostilePaths.test.ts covers keys that must reach the tag route intact and
 * desktop IDs with path characters; this file covers the rest.
 */
const emu = useEmulator();

const TOO_LONG_VALUE = 'é'.repeat(44);

/**
 * The key of Create and Delete, and a key in Add or Remove Many. Removing checks only emptiness,
 * length and the path (a tag Huawei holds must stay removable); writing also the characters.
 */
function keyCases(): HostileCase[] {
	const places: Array<{ where: string; resource: string; operation: string; at: (v: string) => INodeParameters; field: RegExp; writes: boolean }> = [
		{ where: 'Create', resource: 'tag', operation: 'create', at: (v) => ({ key: v, value: 'x' }), field: /Tag Key/, writes: true },
		{ where: 'Delete', resource: 'tag', operation: 'delete', at: (v) => ({ key: v }), field: /Tag Key/, writes: false },
		{
			where: 'Add or Remove Many',
			resource: 'tag',
			operation: 'batch',
			at: (v) => ({ action: 'delete', tags: { tag: [{ key: 'ok', value: '' }, { key: v, value: '' }] } }),
			field: /Tags entry 2 key/,
			writes: false,
		},
		{
			where: 'Add or Remove Many system tags',
			resource: 'tag',
			operation: 'batch',
			at: (v) => ({ action: 'create', tags: { tag: [{ key: 'ok', value: '1' }] }, options: { sysTags: { tag: [{ key: v, value: '1' }] } } }),
			field: /System Tags entry 1 key/,
			writes: true,
		},
	];
	const forAll: Array<[string, unknown, RegExp]> = [
		['empty', '', /required and may not be blank/],
		['whitespace', ' \t ', /required and may not be blank|control character/],
		['129 code points', TOO_LONG_KEY, /129 characters long: tag keys may have at most 128/],
		['".."', '..', /may not be "\." or "\.\."/],
		['"."', '.', /may not be "\." or "\.\."/],
		['null', null, /required but the value is null/],
		...NOT_TEXT,
	];
	const forWriting: Array<[string, unknown, RegExp]> = [
		...FORBIDDEN.map((c): [string, unknown, RegExp] => [`containing "${c}"`, `a${c}b`, FORBIDDEN_RULE]),
		['"../x"', '../x', FORBIDDEN_RULE],
		...Object.entries(CONTROL).map(([name, v]): [string, unknown, RegExp] => [`with ${name}`, v, /control character/]),
	];
	return places.flatMap((place) =>
		[...forAll, ...(place.writes ? forWriting : [])].map(([label, v, rule]) => ({
			label: `${place.where}: key ${label}`,
			resource: place.resource,
			operation: place.operation,
			parameters: place.at(V),
			item: { v },
			field: place.field,
			rule,
		})),
	);
}

/** The value of Create and a value in Add or Remove Many. */
function valueCases(): HostileCase[] {
	const places = [
		{ where: 'Create', operation: 'create', at: (v: string) => ({ key: 'k', value: v }), field: /Tag Value/ },
		{
			where: 'Add or Remove Many',
			operation: 'batch',
			at: (v: string) => ({ action: 'create', tags: { tag: [{ key: 'k', value: v }] } }),
			field: /Tags entry 1 value/,
		},
	];
	const values: Array<[string, unknown, RegExp]> = [
		['44 characters', TOO_LONG_VALUE, /44 characters long: tag values may have at most 43/],
		...FORBIDDEN.map((c): [string, unknown, RegExp] => [`containing "${c}"`, `v${c}`, FORBIDDEN_RULE]),
		...Object.entries(CONTROL).map(([name, v]): [string, unknown, RegExp] => [`with ${name}`, v, /control character/]),
		...NOT_TEXT,
	];
	return places.flatMap((place) =>
		values.map(([label, v, rule]) => ({
			label: `${place.where}: value ${label}`,
			resource: 'tag',
			operation: place.operation,
			parameters: place.at(V),
			item: { v },
			field: place.field,
			rule,
		})),
	);
}

/** The desktop ID of every per-desktop operation, beyond what hostilePaths.test.ts covers. */
function desktopIdCases(): HostileCase[] {
	const operations: Array<[string, string, INodeParameters]> = [
		['tag', 'create', { key: 'k', value: 'v' }],
		['tag', 'delete', { key: 'k' }],
		['tag', 'getAll', {}],
		['tag', 'batch', { action: 'create', tags: { tag: [{ key: 'k', value: 'v' }] } }],
		['desktop', 'delete', {}],
	];
	const values: Array<[string, unknown, RegExp]> = [
		['empty', '', /required: enter the ID of a desktop/],
		['whitespace', '   ', /required: enter the ID of a desktop/],
		['129 characters', 'd'.repeat(129), /is not a desktop ID/],
		['"%2F"', 'a%2Fb', /is not a desktop ID/],
		['"?"', 'a?', /is not a desktop ID/],
		['"#"', 'a#b', /is not a desktop ID/],
		['"/"', 'a/', /is not a desktop ID/],
		['with a line break', 'a\nb', /is not a desktop ID/],
		['with NUL', 'a\u0000', /is not a desktop ID/],
		['null', null, /required but the value is null/],
		...NOT_TEXT,
	];
	return operations.flatMap(([resource, operation, rest]) =>
		values.map(([label, v, rule]) => ({
			label: `${resource} ${operation}: desktop ID ${label}`,
			resource,
			operation,
			parameters: { ...rest, desktopId: desktop(V) },
			item: { v },
			field: /Desktop ID/,
			rule,
		})),
	);
}

/** Whole-parameter shapes that expressions can produce, and per-request limits. */
function shapeCases(): HostileCase[] {
	const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: 'v' }));
	const batch = (parameters: INodeParameters) => ({ resource: 'tag', operation: 'batch', parameters: { action: 'create', ...parameters } });
	return [
		{ label: 'batch: 21 tags in one request', ...batch({ tags: { tag: tags(21) } }), field: /Tags/, rule: /has 21 tags: at most 20/ },
		// n8n drops an expression given for a whole fixedCollection: the node sees no tags, and says so.
		{ label: 'batch: 21 tags from one expression', ...batch({ tags: V }), item: { v: { tag: tags(21) } }, field: /Tags/, rule: /is empty/ },
		{ label: 'batch: 21 system tags', ...batch({ tags: { tag: [{ key: 'a', value: '' }] }, options: { sysTags: { tag: tags(21) } } }), field: /System Tags/, rule: /has 21 tags: at most 20/ },
		{ label: 'batch: the same key twice', ...batch({ tags: { tag: [{ key: 'k', value: '1' }, { key: 'k', value: '2' }] } }), field: /Tags/, rule: /names the key "k" twice/ },
		{ label: 'batch: tags from ={{ {a:1} }}', ...batch({ tags: '={{ {a:1} }}' }), field: /Tags/, rule: /is empty/ },
		{ label: 'batch: tags from ={{ 5 }}', ...batch({ tags: '={{ 5 }}' }), field: /Tags/, rule: /is empty/ },
		{ label: 'batch: tags from ={{ [1] }}', ...batch({ tags: '={{ [1] }}' }), field: /Tags/, rule: /is empty/ },
		{ label: 'batch: a key from ={{ {a:1} }}', ...batch({ tags: { tag: [{ key: '={{ {a:1} }}', value: '' }] } }), field: /Tags entry 1 key/, rule: /must be text, but the value is an object/ },
		{ label: 'batch: a key from ={{ [1] }}', ...batch({ tags: { tag: [{ key: '={{ [1] }}', value: '' }] } }), field: /Tags entry 1 key/, rule: /must be text, but the value is a list/ },
		{ label: 'batch: a value from ={{ 5 }}', ...batch({ tags: { tag: [{ key: 'k', value: '={{ 5 }}' }] } }), field: /Tags entry 1 value/, rule: /must be text, but the value is a number/ },
		{ label: 'batch: no tags at all', ...batch({ tags: {} }), field: /Tags/, rule: /is empty: add at least one tag/ },
		{ label: 'batch: action from an expression', ...batch({ action: '={{ "drop" }}', tags: { tag: [{ key: 'k', value: '' }] } }), field: /Action/, rule: /must be "create" or "delete"/ },
		{ label: 'create: key from ={{ {a:1} }}', resource: 'tag', operation: 'create', parameters: { key: '={{ {a:1} }}', value: 'v' }, field: /Tag Key/, rule: /must be text, but the value is an object/ },
		{ label: 'create: key from ={{ [1] }}', resource: 'tag', operation: 'create', parameters: { key: '={{ [1] }}', value: 'v' }, field: /Tag Key/, rule: /must be text, but the value is a list/ },
		{ label: 'delete: key from ={{ 5 }}', resource: 'tag', operation: 'delete', parameters: { key: '={{ 5 }}' }, field: /Tag Key/, rule: /must be text, but the value is a number \(5\)/ },
		{ label: 'create: value from ={{ 5 }}', resource: 'tag', operation: 'create', parameters: { key: 'k', value: '={{ 5 }}' }, field: /Tag Value/, rule: /must be text, but the value is a number/ },
		...['dryRun', 'forceDelete', 'deleteUsers', 'emailNotification'].flatMap((option) => [
			{ label: `desktop delete: ${option} from ={{ "true" }}`, resource: 'desktop', operation: 'delete', parameters: { options: { [option]: '={{ "true" }}' } }, field: new RegExp(option), rule: /true or false/ },
			{ label: `desktop delete: ${option} from ={{ 1 }}`, resource: 'desktop', operation: 'delete', parameters: { options: { [option]: '={{ 1 }}' } }, field: new RegExp(option), rule: /true or false/ },
		]),
	];
}

const CASES: HostileCase[] = [...keyCases(), ...valueCases(), ...desktopIdCases(), ...shapeCases()].map((c) => ({
	...c,
	parameters: { desktopId: desktop(ID), ...c.parameters },
}));
const desktopRouteHits: string[] = [];

test.each(CASES.map((c) => [c.label, c] as const))('%s: a clear error, nothing sent, nothing changed', async (_label, c) => {
	desktopRouteHits.push(...(await expectRefusedBeforeSending(emu, c)));
});

/**
 * Keys that look like paths: they must stay inside the tag route's last segment. The node lets
 * them through (only Huawei's current rule forbids % ? # \\, the older one does not), so writing
 * one is refused by Huawei with its own message, and removing one is a well-formed request.
 */
const PATH_LIKE_KEYS = ['%2F', 'a%2Fb', '%2F..%2F', '..%2F..', '%2e', 'x?y', '#frag', 'k%3Fq', '%00', '\\..\\'];

test.each(PATH_LIKE_KEYS)('key %p never reaches anything but the tag routes, whatever the tag operation', async (key) => {
	const id = emu.seedDesktopIds.dev01;
	for (const [operation, extra, route, writes] of [
		['create', { key, value: 'v' }, 'tag.create', true],
		['delete', { key }, 'tag.delete', false],
		['batch', { action: 'delete', tags: { tag: [{ key, value: '' }] } }, 'tag.batch', false],
		['batch', { action: 'create', tags: { tag: [{ key, value: 'v' }] } }, 'tag.batch', true],
	] as const) {
		emu.clearRequests();
		const { error } = await runNode({
			credentials: credentialsFor(emu, 'token'),
			parameters: params('tag', operation, { desktopId: desktop(id), ...(extra as INodeParameters) }),
		});
		if (writes) expect(`${error?.message}\n${error?.description}`).toMatch(/HTTP 400 WKS\.\d+[\s\S]*Huawei message: /);
		else expect(error).toBeUndefined();
		expect(emu.requests.map((r) => r.route)).toEqual([route]);
		desktopRouteHits.push(...emu.requests.filter((r) => r.route === 'desktop.delete').map((r) => `${key}: ${r.rawPath}`));
	}
	expect(emu.getDesktop(id)).toBeDefined();
	expect(emu.listDesktops()).toHaveLength(3);
	expect(emu.deletedDesktops).toEqual([]);
});

test('over all hostile inputs, no tag operation ever reached the desktop delete route', () => {
	expect(CASES.length).toBeGreaterThan(150);
	expect(desktopRouteHits).toEqual([]);
});
