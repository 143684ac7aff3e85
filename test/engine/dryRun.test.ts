import { AUTH_MODES, credentialsFor, desktop, params, useEmulator } from './fixtures';
import { runNode } from './harness';

/** Delete Desktop > Options > Dry Run: the item says what would be deleted, and nothing is sent. */
const emu = useEmulator();

test.each(AUTH_MODES)('with %s authentication: no request, every desktop kept, one item per input', async (mode) => {
	const ids = [emu.seedDesktopIds.dev01, emu.seedDesktopIds.prod01];
	const before = JSON.stringify(emu.listDesktops());
	const { items, error } = await runNode({
		credentials: credentialsFor(emu, mode),
		parameters: params('desktop', 'delete', {
			desktopId: desktop('={{ $json.id }}'),
			options: { dryRun: true, forceDelete: true, emailNotification: false },
		}),
		items: ids.map((id) => ({ id })),
	});
	expect(error).toBeUndefined();
	expect(items.map((i) => i.json)).toEqual(
		ids.map((desktopId) => ({
			success: true,
			desktopId,
			deleted: false,
			dryRun: true,
			wouldSend: { email_notification: 'false', is_force_delete: 'true' },
		})),
	);
	expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	// Not even an IAM login in password mode.
	expect(emu.requests).toEqual([]);
	expect(emu.iamLogins).toBe(0);
	expect(JSON.stringify(emu.listDesktops())).toBe(before);
	expect(emu.deletedDesktops).toEqual([]);
});

test('a dry run still checks the desktop ID', async () => {
	const { error } = await runNode({
		credentials: credentialsFor(emu, 'token'),
		parameters: params('desktop', 'delete', { desktopId: desktop('={{ $json.id }}'), options: { dryRun: true } }),
		items: [{ id: '../x' }],
	});
	expect(error?.message).toMatch(/Desktop ID "..\/x" is not a desktop ID/);
	expect(emu.requests).toEqual([]);
});

test('Dry Run off deletes: the same parameters without it reach the API', async () => {
	const id = emu.seedDesktopIds.dev01;
	const { items } = await runNode({
		credentials: credentialsFor(emu, 'token'),
		parameters: params('desktop', 'delete', { desktopId: desktop(id), options: { dryRun: false, forceDelete: true } }),
	});
	expect(items[0].json).toEqual({ success: true, desktopId: id, deleted: true });
	expect(emu.deletedDesktops).toEqual([{ desktop_id: id, query: { is_force_delete: 'true' } }]);
});

/**
 * The delete query from seed 004: delete_users / email_notification / is_force_delete, as the strings
 * "true"/"false", sent only when the user set them so that Huawei's defaults apply otherwise. Dry
 * Run's wouldSend is the query the same options send (see the test above).
 */
describe('Delete Desktop options become the query of seed 004', () => {
	test.each([
		['no option: nothing, so Huawei\'s defaults apply', {}, {}],
		['Delete User on', { deleteUsers: true }, { delete_users: 'true' }],
		['Email Notification off (the server default is on)', { emailNotification: false }, { email_notification: 'false' }],
		['Force Delete on', { forceDelete: true }, { is_force_delete: 'true' }],
		[
			'all three set',
			{ deleteUsers: false, emailNotification: true, forceDelete: false },
			{ delete_users: 'false', email_notification: 'true', is_force_delete: 'false' },
		],
		['an option left undefined is not sent', { deleteUsers: undefined, forceDelete: true }, { is_force_delete: 'true' }],
		['an unknown option is not sent', { somethingElse: true, delete_users: true }, {}],
	])('%s', async (_name, options, query) => {
		const { items, error } = await runNode({
			credentials: credentialsFor(emu, 'token'),
			parameters: params('desktop', 'delete', { desktopId: desktop(emu.seedDesktopIds.dev01), options: { ...options, dryRun: true } }),
		});
		expect(error).toBeUndefined();
		expect(items[0].json.wouldSend).toEqual(query);
		expect(emu.requests).toEqual([]);
	});

	test.each([
		['deleteUsers', 'true'],
		['emailNotification', 1],
		['forceDelete', null],
	])('%s = %p is refused, not sent and not read as unset', async (option, value) => {
		const { error } = await runNode({
			credentials: credentialsFor(emu, 'token'),
			parameters: params('desktop', 'delete', { desktopId: desktop(emu.seedDesktopIds.dev01), options: { [option]: value } }),
		});
		expect(error?.message).toMatch(new RegExp(`\\(${option}\\) must be true or false`));
		expect(emu.requests).toEqual([]);
		expect(emu.deletedDesktops).toEqual([]);
	});
});
