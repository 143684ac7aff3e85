import { ERRORS } from '../../emulator';
import { expectHuaweiError, expectRejectedToken, onRoute, runOn } from '../apiErrors';
import { credentialsFor, params, useEmulator } from '../fixtures';
import { runNode } from '../harness';
import { expectRefusedBeforeSending, ID } from '../hostileCases';

/** User > Delete: DELETE /users/{user_id}, 204; never repeated after a 5xx (the user may be gone). */
const emu = useEmulator();
const deleteUser = () => params('user', 'delete', { userId: ID });

describe('User > Delete', () => {
	test('deletes exactly that user', async () => {
		const bob = emu.listUsers().find((u) => u.user_name === 'bob');
		const { items, error } = await runNode({ credentials: credentialsFor(emu, 'token'), parameters: deleteUser(), items: [{ id: bob?.id }] });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([{ success: true, userId: bob?.id, deleted: true }]);
		expect(emu.listUsers().map((u) => u.user_name)).toEqual(['alice', 'carol']);
		expect(onRoute(emu, 'user.delete')[0].rawPath).toBe(`/v2/${emu.projectId}/users/${bob?.id}`);
	});

	test('an unknown user: 404 with code, message and request ID; nobody deleted', async () => {
		const { error, answers } = await runOn(emu, 'user.delete', deleteUser(), { items: [{ id: 'no-such-user' }] });
		expectHuaweiError(error, answers[0], ERRORS.USER_NOT_FOUND.msg);
		expect(emu.listUsers()).toHaveLength(3);
	});

	test('a 502 is not repeated: the outcome is reported as unknown', async () => {
		emu.injectFaults([{ type: 'status', status: 502, match: { route: 'user.delete' } }]);
		const { error, answers } = await runOn(emu, 'user.delete', deleteUser(), { items: [{ id: emu.listUsers()[0].id }] });
		expect(answers.map((a) => a.status)).toEqual([502]);
		expect(error?.message).toContain('HTTP 502');
	});

	test('a 401 is not repeated', async () => {
		await expectRejectedToken(emu, 'user.delete', deleteUser(), [{ id: 'some-user' }]);
	});

	test('rejects an empty user ID before sending', async () => {
		await expectRefusedBeforeSending(emu, { label: 'empty', resource: 'user', operation: 'delete', parameters: { userId: '={{ $json.v }}' }, item: { v: ' ' }, field: /User ID/, rule: /required/ });
		expect(emu.listUsers()).toHaveLength(3);
	});
});
