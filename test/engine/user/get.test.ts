import type { IDataObject } from 'n8n-workflow';

import { ERRORS } from '../../emulator';
import { call, p } from '../../unit/emulator/helpers';
import { expectHuaweiError, expectRejectedToken, runOn } from '../apiErrors';
import { credentialsFor, params, useEmulator } from '../fixtures';
import { runNode } from '../harness';
import { expectRefusedBeforeSending, ID } from '../hostileCases';

/** User > Get: GET /users/{user_id} -> { user_detail: UserDetail }, output as Huawei answers it. */
const emu = useEmulator();
const getUser = () => params('user', 'get', { userId: ID });

describe('User > Get', () => {
	test("outputs Huawei's user_detail as it is", async () => {
		const alice = emu.listUsers().find((u) => u.user_name === 'alice');
		const { items, error } = await runNode({ credentials: credentialsFor(emu, 'token'), parameters: getUser(), items: [{ id: alice?.id }] });
		expect(error).toBeUndefined();
		const direct = (await call(emu, 'GET', p(emu, `/users/${alice?.id}`))).json?.user_detail as IDataObject;
		expect(items.map((i) => i.json)).toEqual([direct]);
		expect(items[0].json).toMatchObject({ user_name: 'alice', total_desktops: 1 });
	});

	test('an unknown user: 404 naming the user, with code, message and request ID', async () => {
		const { error, answers } = await runOn(emu, 'user.show', getUser(), { items: [{ id: 'no-such-user' }] });
		expectHuaweiError(error, answers[0], ERRORS.USER_NOT_FOUND.msg);
		expect(error?.description).toContain('User "no-such-user" was not found');
	});

	test('a 401 is not repeated', async () => {
		await expectRejectedToken(emu, 'user.show', getUser(), [{ id: 'some-user' }]);
	});

	test.each([
		['an empty user ID', '', /required/],
		['a user ID with a slash', 'a/b', /is not a user ID/],
		['the user ID ".."', '..', /is not a user ID/],
	])('rejects %s before sending', async (label, value, rule) => {
		await expectRefusedBeforeSending(emu, { label, resource: 'user', operation: 'get', parameters: { userId: '={{ $json.v }}' }, item: { v: value }, field: /User ID/, rule });
	});
});
