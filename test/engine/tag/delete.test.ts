import { ERRORS } from '../../emulator';
import { expectHuaweiError, expectRejectedToken, expectRetriedUntilMaxAttempts, runOn, runWithAnUnknownDesktop } from '../apiErrors';
import { AUTH_MODES, credentialsFor, desktop, params, useEmulator } from '../fixtures';
import { runNode } from '../harness';
import { expectRefusedBeforeSending } from '../hostileCases';
import { DESKTOP_ID_RULES, KEY_RULES_FOR_REMOVING, ruleCases } from '../inputRules';

/**
 * Tag > Delete (`DELETE /v2/{project}/desktops/{id}/tags/{key}`), one request per item: the tag
 * is removed and removing a tag the desktop does not have succeeds, bad input is refused before
 * sending, Huawei's errors reach the item with their code, message and request ID, and with
 * Continue On Fail one failed item leaves the others applied. Keys that look like paths:
 * hostilePaths.test.ts; retries after 429 and 5xx: retries.test.ts.
 */
const emu = useEmulator();

const deleteOwner = (id: string) => params('tag', 'delete', { desktopId: desktop(id), key: 'owner' });

describe.each(AUTH_MODES)('Tag > Delete with %s authentication', (mode) => {
	test('removes the tag, and deleting a missing tag succeeds', async () => {
		const id = emu.seedDesktopIds.dev01;
		const { items } = await runNode({
			credentials: credentialsFor(emu, mode),
			parameters: params('tag', 'delete', { desktopId: desktop(id), key: '={{ $json.key }}' }),
			items: [{ key: 'owner' }, { key: 'never-there' }],
		});
		expect(emu.getDesktop(id)?.tags).toEqual([{ key: 'env', value: 'dev' }]);
		expect(items.map((i) => i.json)).toEqual([
			{ success: true, deleted: true, desktopId: id, key: 'owner' },
			{ success: true, deleted: true, desktopId: id, key: 'never-there' },
		]);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('Tag > Delete: input rules, checked before anything is sent', () => {
	test.each([
		...ruleCases('tag', 'delete', /Desktop ID/, DESKTOP_ID_RULES, (v) => ({ desktopId: desktop(v), key: 'k' })),
		...ruleCases('tag', 'delete', /Key/, KEY_RULES_FOR_REMOVING, (v) => ({ key: v })),
	])('rejects %s before sending anything', async (_rule, c) => {
		await expectRefusedBeforeSending(emu, c);
	});
});

describe('Tag > Delete: errors from Huawei', () => {
	test('an unknown desktop: a 404 with Huawei\'s code, message and request ID, nothing deleted', async () => {
		const { error, answers } = await runOn(emu, 'tag.delete', deleteOwner('no-such-desktop'));
		expect(answers.map((a) => a.status)).toEqual([404]);
		expectHuaweiError(error, answers[0], ERRORS.DESKTOP_NOT_FOUND.msg);
		expect(emu.listDesktops()).toHaveLength(3);
	});

	test('an expired token: one request, the 401 with Huawei\'s code, message and request ID, the tag kept', async () => {
		const id = emu.seedDesktopIds.dev01;
		await expectRejectedToken(emu, 'tag.delete', deleteOwner(id));
		expect(emu.getDesktop(id)?.tags).toContainEqual({ key: 'owner', value: 'alice' });
	});

	test('a 502 on every attempt is retried up to Max Attempts, then fails with Huawei\'s code, message and request ID', async () => {
		const id = emu.seedDesktopIds.dev01;
		const unavailable = { status: 502, attempts: 2, huaweiMessage: ERRORS.BACKEND_UNAVAILABLE.msg };
		await expectRetriedUntilMaxAttempts(emu, 'tag.delete', unavailable, deleteOwner(id));
		expect(emu.getDesktop(id)?.tags).toContainEqual({ key: 'owner', value: 'alice' });
	});
});

describe('Tag > Delete with Continue On Fail', () => {
	test('an unknown desktop fails only its item, with Huawei\'s error; the other tags are removed', async () => {
		const { items, ids, refused } = await runWithAnUnknownDesktop(emu, 'tag.delete', deleteOwner('={{ $json.id }}'));
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toEqual({ success: true, deleted: true, desktopId: ids[0], key: 'owner' });
		expect(items[2].json).toEqual({ success: true, deleted: true, desktopId: ids[2], key: 'owner' });
		expect(items[1].json.success).toBeUndefined();
		expectHuaweiError(items[1].error, refused, ERRORS.DESKTOP_NOT_FOUND.msg);
		expect(emu.getDesktop(ids[0])?.tags).toEqual([{ key: 'env', value: 'dev' }]);
		expect(emu.getDesktop(ids[2])?.tags).toEqual([{ key: 'env', value: 'prod' }]);
	});
});
