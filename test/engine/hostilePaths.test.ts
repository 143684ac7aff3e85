import type { INodeParameters } from 'n8n-workflow';

import { credentialsFor, desktop, params, useEmulator } from './fixtures';
import { runNode } from './harness';

/**
 * No value typed into a key or desktop ID may make a request address another resource: above
 * all, deleting a tag must never delete a desktop.
 */
const emu = useEmulator();

const token = () => credentialsFor(emu, 'token');
/** Allowed by Huawei's current tag rule (letters of any script, digits, spaces, _ . : = + - @). */
const KEYS_HUAWEI_STORES = ['a b', 'ключ', 'x.y', '...', 'a=b', 'k:v+1@x'];
/** Path- or query-like keys the current rule forbids; the node lets Huawei refuse them. */
const KEYS_HUAWEI_REFUSES = ['%2e%2e', '?a', 'a?b#c', '#', 'a\\b', '🔑'];
/** A tag may hold these from an older rule or the console; removing it must still work. */
const KEYS_ONLY_REMOVED = ['../..', 'x/y', '?a=b', '*'];
const KEYS_SENT_AS_ONE_SEGMENT = [...KEYS_HUAWEI_STORES, ...KEYS_HUAWEI_REFUSES, ...KEYS_ONLY_REMOVED];
const KEYS_REFUSED = ['..', '.', ''];

test.each(KEYS_SENT_AS_ONE_SEGMENT)('Tag Delete with key %p reaches the tag route with that exact key', async (key) => {
	const id = emu.seedDesktopIds.dev01;
	emu.updateDesktop(id, { tags: [{ key, value: 'v' }, { key: 'env', value: 'dev' }] });
	const { items, error } = await runNode({
		credentials: token(),
		parameters: params('tag', 'delete', { desktopId: desktop(id), key }),
	});
	expect(error).toBeUndefined();
	expect(items[0].json).toEqual({ success: true, deleted: true, desktopId: id, key });
	expect(emu.requests.map((r) => [r.route, r.segments])).toEqual([
		['tag.delete', ['v2', emu.projectId, 'desktops', id, 'tags', key]],
	]);
	expect(emu.getDesktop(id)?.tags).toEqual([{ key: 'env', value: 'dev' }]);
	expect(emu.listDesktops()).toHaveLength(3);
});

test.each(KEYS_HUAWEI_STORES)('Tag Create with key %p stores exactly that key', async (key) => {
	const id = emu.seedDesktopIds.dev02;
	const { error } = await runNode({ credentials: token(), parameters: params('tag', 'create', { desktopId: desktop(id), key, value: 'v' }) });
	expect(error).toBeUndefined();
	expect(emu.getDesktop(id)?.tags).toContainEqual({ key, value: 'v' });
	expect(emu.requests.map((r) => r.route)).toEqual(['tag.create']);
});

test.each(KEYS_HUAWEI_REFUSES)('Tag Create with key %p reaches only the tag route, and Huawei refuses it with its message', async (key) => {
	const id = emu.seedDesktopIds.dev02;
	const before = emu.getDesktop(id)?.tags;
	const { error } = await runNode({ credentials: token(), parameters: params('tag', 'create', { desktopId: desktop(id), key, value: 'v' }) });
	expect(error?.message).toMatch(/^Could not create tag .* HTTP 400 WKS\.\d+/);
	expect(error?.description).toMatch(/Huawei message: /);
	expect(emu.getDesktop(id)?.tags).toEqual(before);
	expect(emu.requests.map((r) => r.route)).toEqual(['tag.create']);
});

test.each(KEYS_REFUSED)('Tag Delete with key %p is refused before anything is sent', async (key) => {
	const { error } = await runNode({
		credentials: token(),
		parameters: params('tag', 'delete', { desktopId: desktop(emu.seedDesktopIds.dev01), key: '={{ $json.key }}' }),
		items: [{ key }],
	});
	expect(error?.message).toMatch(/Key/);
	expect(emu.requests).toHaveLength(0);
	expect(emu.listDesktops()).toHaveLength(3);
});

const HOSTILE_DESKTOP_IDS = ['..', '../..', 'x/y', '%2e%2e', '?a=b', '#', 'a b', '.hidden', `${'a'.repeat(129)}`];

test.each(HOSTILE_DESKTOP_IDS)('desktop ID %p from upstream data is refused by every operation before anything is sent', async (id) => {
	const operations: Array<[string, string, INodeParameters]> = [
		['tag', 'create', { key: 'k', value: 'v' }],
		['tag', 'delete', { key: 'k' }],
		['tag', 'getAll', {}],
		['tag', 'batch', { action: 'delete', tags: { tag: [{ key: 'k' }] } }],
		['desktop', 'delete', {}],
	];
	for (const [resource, operation, extra] of operations) {
		const { error } = await runNode({
			credentials: token(),
			parameters: params(resource, operation, { desktopId: desktop('={{ $json.id }}'), ...extra }),
			items: [{ id }],
		});
		expect(error?.message).toMatch(/Desktop ID/);
	}
	expect(emu.requests).toHaveLength(0);
	expect(emu.listDesktops()).toHaveLength(3);
});

test('a desktop ID typed into the editor that breaks the rule is flagged by n8n before the run starts', async () => {
	await expect(
		runNode({ credentials: token(), parameters: params('desktop', 'delete', { desktopId: desktop('../..') }) }),
	).rejects.toThrow(/A desktop ID contains only letters, digits/);
	expect(emu.requests).toHaveLength(0);
});

test.each(HOSTILE_DESKTOP_IDS)('user ID %p from upstream data is refused by User > Get and Delete before anything is sent', async (id) => {
	for (const operation of ['get', 'delete']) {
		const { error } = await runNode({ credentials: token(), parameters: params('user', operation, { userId: '={{ $json.id }}' }), items: [{ id }] });
		expect(error?.message).toMatch(/User ID/);
	}
	expect(emu.requests).toHaveLength(0);
	expect(emu.listUsers()).toHaveLength(3);
});
