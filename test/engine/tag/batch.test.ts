import { ERRORS } from '../../emulator';
import { expectHuaweiError, expectRejectedToken, expectRetriedUntilMaxAttempts, runOn, runWithAnUnknownDesktop } from '../apiErrors';
import { AUTH_MODES, credentialsFor, desktop, params, useEmulator } from '../fixtures';
import { runNode } from '../harness';
import { expectRefusedBeforeSending } from '../hostileCases';
import { DESKTOP_ID_RULES, KEY_RULES, KEY_RULES_FOR_REMOVING, ruleCases, tagListCases, VALUE_RULES } from '../inputRules';

/**
 * Tag > Add or Remove Many (`POST /v2/{project}/desktops/{id}/tags/action`), one request per item
 * with all its tags: added (overwriting same keys) or removed, system tags sent as sys_tags; bad
 * input is refused before sending, Huawei's errors reach the item with their code, message and
 * request ID, and with Continue On Fail one failed item leaves the others applied. Retries after
 * 429 and 5xx: retries.test.ts.
 */
const emu = useEmulator();

const token = () => credentialsFor(emu, 'token');
const workspaceRequests = () => emu.requests.filter((r) => r.route !== 'iam.login');
const addAB = (id: string) =>
	params('tag', 'batch', { desktopId: desktop(id), action: 'create', tags: { tag: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] } });

describe.each(AUTH_MODES)('Tag > Add or Remove Many with %s authentication', (mode) => {
	test('adds several tags, then removes them, in one request each', async () => {
		const id = emu.seedDesktopIds.dev02;
		const tags = { tag: [{ key: 'a', value: '1' }, { key: 'b', value: '' }, { key: 'env', value: 'test' }] };
		const added = await runNode({
			credentials: credentialsFor(emu, mode),
			parameters: params('tag', 'batch', { desktopId: desktop(id), action: 'create', tags }),
		});
		expect(added.items.map((i) => i.json)).toEqual([
			{ success: true, desktopId: id, action: 'create', keys: ['a', 'b', 'env'] },
		]);
		expect(emu.getDesktop(id)?.tags).toEqual([
			{ key: 'env', value: 'test' },
			{ key: 'a', value: '1' },
			{ key: 'b', value: '' },
		]);
		await runNode({
			credentials: credentialsFor(emu, mode),
			parameters: params('tag', 'batch', {
				desktopId: desktop(id),
				action: 'delete',
				tags: { tag: [{ key: 'a' }, { key: 'b' }] },
			}),
		});
		expect(emu.getDesktop(id)?.tags).toEqual([{ key: 'env', value: 'test' }]);
		const bodies = workspaceRequests().map((r) => JSON.parse(r.body));
		expect(bodies).toEqual([
			{ action: 'create', tags: [{ key: 'a', value: '1' }, { key: 'b', value: '' }, { key: 'env', value: 'test' }] },
			{ action: 'delete', tags: [{ key: 'a' }, { key: 'b' }] },
		]);
	});
});

describe('Tag > Add or Remove Many', () => {
	test('sends system tags as sys_tags', async () => {
		const id = emu.seedDesktopIds.dev01;
		await runNode({
			credentials: token(),
			parameters: params('tag', 'batch', {
				desktopId: desktop(id),
				action: 'create',
				tags: { tag: [{ key: 'x', value: 'y' }] },
				options: { sysTags: { tag: [{ key: '_sys_enterprise_project_id', value: '0' }] } },
			}),
		});
		expect(JSON.parse(workspaceRequests()[0].body)).toEqual({
			action: 'create',
			tags: [{ key: 'x', value: 'y' }],
			sys_tags: [{ key: '_sys_enterprise_project_id', value: '0' }],
		});
	});
});

describe('Tag > Add or Remove Many: input rules, checked before anything is sent', () => {
	/** README: Action is `create` (Add or Overwrite) or `delete` (Remove). */
	const ACTION_RULE = { name: 'an action other than create or delete', value: 'drop', says: /"create" or "delete"/ };
	const tagAt = (tag: Record<string, string>) => ({ action: 'create', tags: { tag: [tag] } });
	test.each([
		...ruleCases('tag', 'batch', /Desktop ID/, DESKTOP_ID_RULES, (v) => ({ ...tagAt({ key: 'k', value: 'v' }), desktopId: desktop(v) })),
		...ruleCases('tag', 'batch', /Tags/, KEY_RULES, (v) => tagAt({ key: v, value: 'v' })),
		...ruleCases('tag', 'batch', /Tags/, VALUE_RULES, (v) => tagAt({ key: 'k', value: v })),
		...ruleCases('tag', 'batch', /System Tags/, KEY_RULES, (v) => ({ ...tagAt({ key: 'k', value: 'v' }), options: { sysTags: { tag: [{ key: v, value: '' }] } } }), 'System Tags'),
		...ruleCases('tag', 'batch', /Tags/, KEY_RULES_FOR_REMOVING, (v) => ({ action: 'delete', tags: { tag: [{ key: v }] } }), 'Remove'),
		...ruleCases('tag', 'batch', /Action/, [ACTION_RULE], (v) => ({ ...tagAt({ key: 'k', value: 'v' }), action: v })),
		...tagListCases('tag', 'batch', { action: 'create' }),
	])('rejects %s before sending anything', async (_rule, c) => {
		await expectRefusedBeforeSending(emu, c);
	});
});

describe('Tag > Add or Remove Many: errors from Huawei', () => {
	test('tags past the desktop\'s quota: a 400 with Huawei\'s code, message and request ID, nothing added', async () => {
		const id = emu.seedDesktopIds.dev02;
		const ten = { tag: Array.from({ length: 10 }, (_, n) => ({ key: `k${n}`, value: '' })) };
		const { error, answers } = await runOn(emu, 'tag.batch', params('tag', 'batch', { desktopId: desktop(id), action: 'create', tags: ten }));
		expect(answers.map((a) => a.status)).toEqual([400]);
		expectHuaweiError(error, answers[0], ERRORS.TAG_QUOTA_EXCEEDED.msg);
		expect(emu.getDesktop(id)?.tags).toEqual([{ key: 'env', value: 'dev' }]);
	});

	test('an expired token: one request, the 401 with Huawei\'s code, message and request ID, nothing added', async () => {
		const id = emu.seedDesktopIds.dev02;
		await expectRejectedToken(emu, 'tag.batch', addAB(id));
		expect(emu.getDesktop(id)?.tags).toEqual([{ key: 'env', value: 'dev' }]);
	});

	test('a 500 on every attempt is retried up to Max Attempts, then fails with Huawei\'s code, message and request ID', async () => {
		const id = emu.seedDesktopIds.dev02;
		const internal = { status: 500, attempts: 2, huaweiMessage: ERRORS.INTERNAL.msg };
		await expectRetriedUntilMaxAttempts(emu, 'tag.batch', internal, addAB(id));
		expect(emu.getDesktop(id)?.tags).toEqual([{ key: 'env', value: 'dev' }]);
	});
});

describe('Tag > Add or Remove Many with Continue On Fail', () => {
	test('an unknown desktop fails only its item, with Huawei\'s error; the other desktops get the tags', async () => {
		const { items, ids, refused } = await runWithAnUnknownDesktop(emu, 'tag.batch', addAB('={{ $json.id }}'));
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		for (const n of [0, 2]) {
			expect(items[n].json).toEqual({ success: true, desktopId: ids[n], action: 'create', keys: ['a', 'b'] });
			expect(emu.getDesktop(ids[n])?.tags).toEqual(expect.arrayContaining([{ key: 'a', value: '1' }, { key: 'b', value: '2' }]));
		}
		expectHuaweiError(items[1].error, refused, ERRORS.DESKTOP_NOT_FOUND.msg);
	});
});
