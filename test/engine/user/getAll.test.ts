import type { INodeParameters } from 'n8n-workflow';

import { ERRORS } from '../../emulator';
import { expectHuaweiError, expectRejectedToken, onRoute, runOn } from '../apiErrors';
import { credentialsFor, params, useEmulator } from '../fixtures';
import { runNode } from '../harness';
import { expectRefusedBeforeSending } from '../hostileCases';

/** User > Get Many: GET /users, one item per user (Huawei's User as is), paged 100 at a time, with filters. */
const emu = useEmulator();
const query = (raw: string) => Object.fromEntries(new URLSearchParams(raw));
const run = (rest: INodeParameters) => runNode({ credentials: credentialsFor(emu, 'token'), parameters: params('user', 'getAll', rest) });

describe('User > Get Many', () => {
	test('Return All pages over 250 users: 3 requests, every user once', async () => {
		for (let n = 0; n < 247; n++) emu.addUser({ user_name: `user${n}` });
		const { items, error } = await run({ returnAll: true });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual(emu.listUsers().map((u) => u.id));
		expect(onRoute(emu, 'user.list').map((r) => query(r.query))).toEqual([
			{ offset: '0', limit: '100' },
			{ offset: '100', limit: '100' },
			{ offset: '200', limit: '100' },
		]);
	});

	test('Limit stops early', async () => {
		const { items } = await run({ returnAll: false, limit: 2 });
		expect(items.map((i) => i.json.user_name)).toEqual(['alice', 'bob']);
	});

	test('filters go as Huawei names them: user_name, description, group_name', async () => {
		const { items } = await run({ returnAll: true, filters: { userName: 'CAROL', description: 'oper' } });
		expect(items.map((i) => i.json.user_name)).toEqual(['carol']);
		expect(query(onRoute(emu, 'user.list')[0].query)).toMatchObject({ user_name: 'CAROL', description: 'oper' });
	});

	test("Huawei's error reaches the item with code, message and request ID", async () => {
		emu.injectFaults([{ type: 'status', status: 403, match: { route: 'user.list' } }]);
		const { error, answers } = await runOn(emu, 'user.list', params('user', 'getAll', { returnAll: true }));
		expectHuaweiError(error, answers[0], ERRORS.FORBIDDEN.msg);
	});

	test('a 401 is not repeated', async () => {
		await expectRejectedToken(emu, 'user.list', params('user', 'getAll', { returnAll: true }));
	});

	test.each([
		['an empty User Name filter', { filters: { userName: '={{ $json.v }}' } }, '', /User Name/, /empty/],
		['a Limit of 0', { limit: '={{ $json.v }}' }, 0, /Limit/, /at least 1/],
	])('rejects %s before sending', async (label, parameters, value, field, rule) => {
		await expectRefusedBeforeSending(emu, { label, resource: 'user', operation: 'getAll', parameters: { returnAll: false, ...parameters }, item: { v: value }, field, rule });
	});
});
