import { ERRORS } from '../../emulator';
import { expectHuaweiError, expectRejectedToken, onRoute, runOn } from '../apiErrors';
import { AUTH_MODES, credentialsFor, params, useEmulator } from '../fixtures';
import { runNode } from '../harness';
import { expectRefusedBeforeSending, V } from '../hostileCases';

/**
 * User > Create: POST /users (CreateUserRequest) -> { id }. The expected user comes from the
 * emulator's state; the rules from Huawei's SDK (user name 1-20, starting with a letter; description
 * 0-255; ADMIN_ACTIVATE needs a password; account_expires "0" or yyyy-MM-ddTHH:mm:ssZ).
 */
const emu = useEmulator();
const PASSWORD = 'Initial-Passw0rd!';
const create = (rest: Record<string, unknown> = {}) => params('user', 'create', { userName: 'dave', email: 'dave@example.com', ...rest });

describe.each(AUTH_MODES)('User > Create with %s authentication', (mode) => {
	test("creates the user and outputs Huawei's id", async () => {
		const { items, error } = await runNode({ credentials: credentialsFor(emu, mode), parameters: create() });
		expect(error).toBeUndefined();
		const user = emu.listUsers().find((u) => u.user_name === 'dave');
		expect(user).toMatchObject({ user_email: 'dave@example.com', active_type: 'USER_ACTIVATE', account_expires: '0' });
		expect(items.map((i) => i.json)).toEqual([{ success: true, userId: user?.id, userName: 'dave' }]);
	});
});

describe('User > Create', () => {
	test('sends only the options given, in the SDK names; the password never reaches the output', async () => {
		const { items, error } = await runNode({
			credentials: credentialsFor(emu, 'token'),
			parameters: create({
				options: {
					activeType: 'ADMIN_ACTIVATE',
					password: PASSWORD,
					nextLoginChangePassword: false,
					phone: '+8613800000000',
					description: 'New hire, QA',
					accountExpires: '2030-12-31T23:59:59',
					groupIds: 'g1, g2',
				},
			}),
		});
		expect(error).toBeUndefined();
		const [request] = onRoute(emu, 'user.create');
		expect(JSON.parse(request.body)).toEqual({
			user_name: 'dave',
			user_email: 'dave@example.com',
			active_type: 'ADMIN_ACTIVATE',
			password: PASSWORD,
			next_login_change_password: false,
			user_phone: '+8613800000000',
			description: 'New hire, QA',
			account_expires: '2030-12-31T23:59:59Z',
			group_ids: ['g1', 'g2'],
		});
		expect(emu.listUsers().find((u) => u.user_name === 'dave')).toMatchObject({ has_password: true, account_expires: '2030-12-31T23:59:59Z' });
		expect(JSON.stringify(items)).not.toContain(PASSWORD);
	});

	test('a name that exists already: the error says "user alice already exists", with code, message and request ID', async () => {
		const { error, answers } = await runOn(emu, 'user.create', params('user', 'create', { userName: 'alice', email: 'a@example.com' }));
		expect(answers.map((a) => a.status)).toEqual([409]);
		expect(error?.message).toContain('user alice already exists');
		expectHuaweiError(error, answers[0], ERRORS.USER_EXISTS.msg);
		expect(emu.listUsers().filter((u) => u.user_name === 'alice')).toHaveLength(1);
	});

	// The node's own parameters (which n8n keeps with any error) are the workflow's, not the error's.
	test('an ADMIN_ACTIVATE failure never shows the password in its message, description or Huawei part', async () => {
		emu.injectFaults([{ type: 'status', status: 500, match: { route: 'user.create' } }]);
		const { error } = await runNode({
			credentials: credentialsFor(emu, 'token'),
			parameters: create({ options: { activeType: 'ADMIN_ACTIVATE', password: PASSWORD } }),
		});
		expect(onRoute(emu, 'user.create')).toHaveLength(1);
		const { message, description } = error ?? {};
		const errorResponse = (error as { errorResponse?: unknown } | undefined)?.errorResponse;
		expect(message).toContain('HTTP 500');
		expect(JSON.stringify({ message, description, errorResponse })).not.toContain(PASSWORD);
	});

	test('a 401 is not repeated', async () => {
		await expectRejectedToken(emu, 'user.create', create());
	});

	describe('input rules: refused before anything is sent', () => {
		test.each([
			['an empty user name', { userName: V }, '', /User Name/, /required/],
			['a user name of 21 characters', { userName: V }, 'a'.repeat(21), /User Name/, /at most 20/],
			['a user name starting with a digit', { userName: V }, '1dave', /User Name/, /starting with a letter/],
			['a user name with a space', { userName: V }, 'da ve', /User Name/, /letters, digits/],
			['a bad email', { email: V }, 'dave@', /Email/, /not a valid email/],
			['an empty email', { email: V }, '', /Email/, /required/],
			['a description of 256 characters', { options: { description: V } }, 'x'.repeat(256), /Description/, /at most 255/],
			['a password without ADMIN_ACTIVATE', { options: { password: V } }, 'secret-1', /Initial Password/, /only used with/],
			['ADMIN_ACTIVATE without a password', { options: { activeType: V } }, 'ADMIN_ACTIVATE', /Initial Password/, /required/],
			['an account expiry that is not a date', { options: { accountExpires: V } }, 'someday', /Account Expires/, /date and time/],
		])('rejects %s', async (label, parameters, value, field, rule) => {
			await expectRefusedBeforeSending(emu, {
				label,
				resource: 'user',
				operation: 'create',
				parameters: { userName: 'dave', email: 'dave@example.com', ...parameters },
				item: { v: value },
				field,
				rule,
			});
			expect(emu.listUsers()).toHaveLength(3);
		});
	});
});
