import { ERRORS } from '../../emulator';
import { expectHuaweiError, expectRejectedToken, runOn } from '../apiErrors';
import { AUTH_MODES, credentialsFor, desktop, params, useEmulator } from '../fixtures';
import { runNode } from '../harness';
import { expectRefusedBeforeSending } from '../hostileCases';
import { DESKTOP_ID_RULES, KEY_RULES_FOR_REMOVING, ruleCases, tagListCases, VALUE_RULES_FOR_REMOVING } from '../inputRules';
import {
	addDesktops,
	batchRequests,
	bulk,
	expectInvalidItemsLeftOut,
	expectLookedUpThenSent,
	expectOneOutputPerItem,
	expectOnlyTheRefusedRequestFailed,
	expectStoppedBeforeSending,
	invalidItems,
	perItemKey,
	sentDesktops,
} from './bulkCases';

/**
 * Tag > Remove From Many Desktops (`DELETE /v2/{project}/desktops/batch-tags`): the tags with the
 * keys of every input item are removed from its desktop, up to 100 desktops and 20 tags per
 * desktop a request; every item is checked before anything is sent, a refused request fails only
 * the items it carried, with Huawei's code, message and request ID, and a 503 is retried.
 */
const emu = useEmulator();

const token = () => credentialsFor(emu, 'token');
const ENV_DEV = { key: 'env', value: 'dev' };
const removeEnv = () => bulk('bulkDelete', [{ key: 'env' }]);

describe.each(AUTH_MODES)('Tag > Remove From Many Desktops with %s authentication', (mode) => {
	test('1,000 items are untagged in 10 requests, after 10 look-ups of their desktops', async () => {
		const ids = addDesktops(emu, 1000, [{ key: 'owner', value: 'ops' }, ENV_DEV, { key: 'team', value: 'blue' }]);
		const items = ids.map((desktop_id) => ({ desktop_id }));

		const removed = await runNode({
			credentials: credentialsFor(emu, mode),
			parameters: bulk('bulkDelete', [{ key: 'team' }, { key: 'owner' }]),
			items,
		});
		expect(removed.error).toBeUndefined();
		expectLookedUpThenSent(emu, ids, 'desktop.batchUntags');
		const deletes = batchRequests(emu);
		expect(deletes.every((r) => r.method === 'DELETE' && r.status === 204)).toBe(true);
		expect(deletes.every((r) => r.rawPath === `/v2/${emu.projectId}/desktops/batch-tags`)).toBe(true);
		expect(deletes.map((r) => sentDesktops(r).length)).toEqual(Array(10).fill(100));
		expect(sentDesktops(deletes[0])[0]).toEqual({ desktop_id: ids[0], tags: [{ key: 'team' }, { key: 'owner' }] });
		for (const id of ids) expect(emu.getDesktop(id)?.tags).toEqual([{ key: 'env', value: 'dev' }]);
		expect(removed.items.map((item) => item.json.action)).toEqual(Array(1000).fill('delete'));
		expect(removed.items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		expectOneOutputPerItem(removed.items, ids, 'delete', ['team', 'owner']);
	});
});

describe('Tag > Remove From Many Desktops', () => {
	test('an unknown desktop fails its own item with Continue On Fail; it is never sent or reported as untagged', async () => {
		const unknown = 'b0000000-dead-4000-8000-000000000002';
		const ids = addDesktops(emu, 3, [ENV_DEV]);
		const { error, items } = await runNode({
			credentials: token(),
			continueOnFail: true,
			parameters: bulk('bulkDelete', [{ key: 'env' }]),
			items: [{ desktop_id: ids[0] }, { desktop_id: unknown }, { desktop_id: ids[2] }],
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.untagged ?? false)).toEqual([true, false, true]);
		expect(String(items[1].json.error)).toBe(`Desktop ${unknown} was not found in this project: no tags were removed`);
		const [batch, ...more] = batchRequests(emu);
		expect(more).toEqual([]);
		expect(sentDesktops(batch).map((d) => d.desktop_id)).toEqual([ids[0], ids[2]]);
		expect(emu.getDesktop(ids[0])?.tags).toEqual([]);
		expect(emu.getDesktop(ids[1])?.tags).toEqual([ENV_DEV]);
		expect(emu.getDesktop(ids[2])?.tags).toEqual([]);
	});

	test('keys a desktop does not have are ignored', async () => {
		const ids = addDesktops(emu, 2, [ENV_DEV]);
		const { error, items } = await runNode({
			credentials: token(),
			parameters: bulk('bulkDelete', [{ key: 'env' }, { key: 'never-there' }]),
			items: ids.map((desktop_id) => ({ desktop_id })),
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.success)).toEqual([true, true]);
		for (const id of ids) expect(emu.getDesktop(id)?.tags).toEqual([]);
	});

	test('more than 20 tags for one desktop are split over two requests', async () => {
		const [a] = addDesktops(emu, 1);
		const eightKeys = Array.from({ length: 8 }, (_, n) => ({ key: `={{ 'k' + ($json.from + ${n}) }}`, value: 'v' }));
		const { error } = await runNode({
			credentials: token(),
			parameters: params('tag', 'bulkDelete', { desktopId: desktop(a), tags: { tag: eightKeys } }),
			items: [{ from: 0 }, { from: 8 }, { from: 16 }],
		});
		expect(error).toBeUndefined();
		expect(batchRequests(emu).map((r) => sentDesktops(r).map((d) => d.tags.length))).toEqual([[16], [8]]);
	});
});

describe('Tag > Remove From Many Desktops: invalid items', () => {
	test('without Continue On Fail the node fails before anything is sent', async () => {
		const result = await runNode({ credentials: token(), parameters: perItemKey('bulkDelete'), items: invalidItems(emu) });
		expectStoppedBeforeSending(emu, result);
	});

	test('with Continue On Fail each invalid item carries its error and is never sent', async () => {
		const data = invalidItems(emu);
		const result = await runNode({ credentials: token(), continueOnFail: true, parameters: perItemKey('bulkDelete'), items: data });
		expectInvalidItemsLeftOut(emu, data, result);
	});

	test.each([
		...ruleCases('tag', 'bulkDelete', /Desktop ID/, DESKTOP_ID_RULES, (v) => ({ desktopId: desktop(v), tags: { tag: [{ key: 'k' }] } })),
		...ruleCases('tag', 'bulkDelete', /Tags/, KEY_RULES_FOR_REMOVING, (v) => ({ tags: { tag: [{ key: v }] } })),
		...ruleCases('tag', 'bulkDelete', /Tags/, VALUE_RULES_FOR_REMOVING, (v) => ({ tags: { tag: [{ key: 'k', value: v }] } })),
		...tagListCases('tag', 'bulkDelete'),
	])('rejects %s before sending anything', async (_rule, c) => {
		await expectRefusedBeforeSending(emu, c);
	});
});

describe('Tag > Remove From Many Desktops: a refused request', () => {
	test('with Continue On Fail a refused request (403) fails only its items, with Huawei\'s error', async () => {
		const ids = addDesktops(emu, 250, [ENV_DEV]);
		emu.injectFaults([{ type: 'status', status: 403, match: { route: 'desktop.batchUntags' } }]);
		const result = await runNode({ credentials: token(), continueOnFail: true, parameters: removeEnv(), items: ids.map((desktop_id) => ({ desktop_id })) });
		expectOnlyTheRefusedRequestFailed(emu, ids, result, { untouched: [ENV_DEV], applied: [] });
	});

	test('without Continue On Fail a refused request (403) fails the node with Huawei\'s error, nothing removed', async () => {
		const ids = addDesktops(emu, 3, [ENV_DEV]);
		emu.injectFaults([{ type: 'status', status: 403, match: { route: 'desktop.batchUntags' }, times: 5 }]);
		const { error, items, answers } = await runOn(emu, 'desktop.batchUntags', removeEnv(), { items: ids.map((desktop_id) => ({ desktop_id })) });
		expect(items).toEqual([]);
		expect(answers.map((a) => a.status)).toEqual([403]);
		expectHuaweiError(error, answers[0], ERRORS.FORBIDDEN.msg);
		for (const id of ids) expect(emu.getDesktop(id)?.tags).toEqual([ENV_DEV]);
	});

	test('an expired token: one request answered 401, not repeated, and the node fails with Huawei\'s code, message and request ID', async () => {
		const ids = addDesktops(emu, 3, [ENV_DEV]);
		// The look-up is the first request: it meets the 401, and no batch is sent.
		const { items } = await expectRejectedToken(emu, 'desktop.list', removeEnv(), ids.map((desktop_id) => ({ desktop_id })));
		expect(items).toEqual([]);
		for (const id of ids) expect(emu.getDesktop(id)?.tags).toEqual([ENV_DEV]);
	});

	test('a 503 is retried, since removing a tag twice changes nothing', async () => {
		const ids = addDesktops(emu, 3, [ENV_DEV]);
		emu.injectFaults([{ type: 'status', status: 503, match: { route: 'desktop.batchUntags' }, times: 1 }]);
		const { error, items, answers } = await runOn(emu, 'desktop.batchUntags', removeEnv(), {
			items: ids.map((desktop_id) => ({ desktop_id })),
		});
		expect(error).toBeUndefined();
		expect(answers.map((r) => r.status)).toEqual([503, 204]);
		expect(items.map((item) => item.json.success)).toEqual([true, true, true]);
		for (const id of ids) expect(emu.getDesktop(id)?.tags).toEqual([]);
	});
});
