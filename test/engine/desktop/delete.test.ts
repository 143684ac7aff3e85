import { ERRORS } from '../../emulator';
import { expectHuaweiError, expectRejectedToken, runWithAnUnknownDesktop } from '../apiErrors';
import { AUTH_MODES, credentialsFor, desktop, params, useEmulator } from '../fixtures';
import { runNode } from '../harness';
import { expectRefusedBeforeSending } from '../hostileCases';
import { BOOLEAN_RULES, DESKTOP_ID_RULES, ruleCases } from '../inputRules';

/**
 * Desktop > Delete (`DELETE /v2/{project}/desktops/{id}`), one request per item: the desktop is
 * gone and only the options the user set are sent; Dry Run says what would be deleted and sends
 * nothing; bad input is refused before sending; Huawei's errors reach the item with their code,
 * message and request ID; a 429 is retried but a 5xx, a reset or a timeout never is (Huawei may
 * already have deleted the desktop); with Continue On Fail one failed item leaves the others
 * deleted exactly once.
 */
const emu = useEmulator();

const token = () => credentialsFor(emu, 'token');
const routeCount = (route: string) => emu.requests.filter((r) => r.route === route).length;
const deleteDesktop = (id: string) => params('desktop', 'delete', { desktopId: desktop(id) });

describe.each(AUTH_MODES)('Desktop > Delete with %s authentication', (mode) => {
	test('deletes the desktop and outputs it', async () => {
		const id = emu.seedDesktopIds.prod01;
		const { items, error } = await runNode({ credentials: credentialsFor(emu, mode), parameters: deleteDesktop(id) });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([{ success: true, desktopId: id, deleted: true }]);
		expect(emu.getDesktop(id)).toBeUndefined();
		expect(emu.deletedDesktops).toEqual([{ desktop_id: id, query: {} }]);
	});
});

describe('Desktop > Delete', () => {
	test('Delete removes the desktop and sends no flags the user did not set', async () => {
		const id = emu.seedDesktopIds.dev02;
		const { items } = await runNode({
			credentials: token(),
			parameters: params('desktop', 'delete', { desktopId: desktop(id) }),
		});
		expect(items.map((i) => i.json)).toEqual([{ success: true, desktopId: id, deleted: true }]);
		expect(emu.getDesktop(id)).toBeUndefined();
		expect(emu.listDesktops()).toHaveLength(2);
		expect(emu.requests).toHaveLength(1);
		expect(emu.requests[0].method).toBe('DELETE');
		expect(emu.requests[0].rawPath).toBe(`/v2/${emu.projectId}/desktops/${id}`);
		expect(emu.requests[0].query).toBe('');
	});

	test('Delete sends each option the user set, true or false', async () => {
		const id = emu.seedDesktopIds.dev01;
		await runNode({
			credentials: token(),
			parameters: params('desktop', 'delete', {
				desktopId: desktop(id),
				options: { deleteUsers: true, emailNotification: false, forceDelete: true },
			}),
		});
		expect(emu.deletedDesktops).toEqual([
			{ desktop_id: id, query: { delete_users: 'true', email_notification: 'false', is_force_delete: 'true' } },
		]);
	});
});

describe('Desktop > Delete > Dry Run: the item says what would be deleted, and nothing is sent', () => {
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

describe('Desktop > Delete: input rules, checked before anything is sent', () => {
	test('an empty desktop ID is refused before anything is sent', async () => {
		const { error } = await runNode({
			credentials: token(),
			parameters: params('desktop', 'delete', { desktopId: desktop('={{ $json.id }}') }),
			items: [{ id: '  ' }],
		});
		expect(error?.message).toMatch(/Desktop ID is required/);
		expect(emu.requests).toHaveLength(0);
		expect(emu.listDesktops()).toHaveLength(3);
	});

	// README: the options must be true or false; an expression that yields "true" is refused rather than read as "off".
	const OPTIONS: Array<[string, string]> = [
		['dryRun', 'Dry Run'],
		['forceDelete', 'Force Delete'],
		['deleteUsers', 'Delete User'],
		['emailNotification', 'Email Notification'],
	];
	test.each([
		...ruleCases('desktop', 'delete', /Desktop ID/, DESKTOP_ID_RULES, (v) => ({ desktopId: desktop(v) })),
		...OPTIONS.flatMap(([option, name]) =>
			ruleCases('desktop', 'delete', new RegExp(option), BOOLEAN_RULES, (v) => ({ options: { [option]: v } }), name),
		),
	])('rejects %s before sending anything', async (_rule, c) => {
		await expectRefusedBeforeSending(emu, c);
	});
});

describe('Desktop > Delete: errors from Huawei', () => {
	test('a busy desktop is not deleted and the error says it is busy', async () => {
		const id = emu.seedDesktopIds.prod01;
		emu.updateDesktop(id, { busy: true });
		const { error } = await runNode({
			credentials: token(),
			parameters: params('desktop', 'delete', { desktopId: desktop(id) }),
		});
		expect(error?.message).toMatch(/HTTP 409/);
		expect(error?.description).toMatch(/busy/);
		expect(emu.getDesktop(id)).toBeDefined();
		expectHuaweiError(error, emu.requests[0], ERRORS.DESKTOP_BUSY.msg);
	});

	test('deleting an unknown desktop reports it was not found and deletes nothing', async () => {
		const { error } = await runNode({
			credentials: token(),
			parameters: params('desktop', 'delete', { desktopId: desktop('0000-unknown') }),
		});
		expect(error?.message).toMatch(/HTTP 404/);
		expect(error?.description).toContain('Desktop "0000-unknown" was not found');
		expect(emu.listDesktops()).toHaveLength(3);
		expectHuaweiError(error, emu.requests[0], ERRORS.DESKTOP_NOT_FOUND.msg);
	});

	test('an expired token: one request, the 401 with Huawei\'s code, message and request ID, the desktop kept', async () => {
		const id = emu.seedDesktopIds.dev02;
		await expectRejectedToken(emu, 'desktop.delete', deleteDesktop(id));
		expect(emu.getDesktop(id)).toBeDefined();
		expect(emu.deletedDesktops).toEqual([]);
	});
});

describe('Desktop > Delete is not repeated after a failure that may have deleted it', () => {
	test.each([
		{ label: '500', fault: { type: 'status' as const, status: 500 } },
		{ label: '503', fault: { type: 'status' as const, status: 503 } },
		{ label: 'connection reset', fault: { type: 'reset' as const } },
	])('after a $label: one request, an error on the item, the desktop untouched', async ({ fault }) => {
		const id = emu.seedDesktopIds.dev02;
		emu.injectFaults([{ ...fault, match: { route: 'desktop.delete' } }]);
		const { items, error } = await runNode({
			credentials: token(),
			parameters: params('desktop', 'delete', { desktopId: desktop(id) }),
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json.success).toBeUndefined();
		expect(String(items[0].json.error)).not.toBe('');
		expect(routeCount('desktop.delete')).toBe(1);
		// The fault answered before the handler: nothing deleted, and no second attempt did it either.
		expect(emu.getDesktop(id)).toBeDefined();
		expect(emu.deletedDesktops).toEqual([]);
	});

	test('after a reset the error says the deletion may have happened and was not repeated', async () => {
		emu.injectFaults([{ type: 'reset', match: { route: 'desktop.delete' } }]);
		const { error } = await runNode({
			credentials: token(),
			parameters: params('desktop', 'delete', { desktopId: desktop(emu.seedDesktopIds.dev02) }),
		});
		expect(error?.description).toMatch(/may or may not have carried out this request, so it was not repeated/);
		expect(routeCount('desktop.delete')).toBe(1);
	});

	test('a 429 is retried: a throttled request was not processed', async () => {
		const id = emu.seedDesktopIds.dev02;
		emu.injectFaults([{ type: 'status', status: 429, match: { route: 'desktop.delete' } }]);
		const { items, error } = await runNode({ credentials: token(), parameters: params('desktop', 'delete', { desktopId: desktop(id) }) });
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ success: true, desktopId: id, deleted: true });
		expect(routeCount('desktop.delete')).toBe(2);
		expect(emu.deletedDesktops.map((d) => d.desktop_id)).toEqual([id]);
		expect(emu.getDesktop(id)).toBeUndefined();
	});
});

describe('Desktop > Delete with Continue On Fail', () => {
	const ids: string[] = [];
	/** Faults target the third of four desktops added for the test. */
	const target = () => ids[2];
	const seeds = () => [emu.seedDesktopIds.dev01, emu.seedDesktopIds.dev02, emu.seedDesktopIds.prod01];
	beforeEach(() => {
		ids.length = 0;
		for (let i = 0; i < 4; i++) ids.push(emu.addDesktop({ desktop_id: `fa000000-0000-4000-8000-00000000000${i}`, computer_name: `fa-${i}` }).desktop_id);
	});

	test.each([
		{ label: '500', fault: { type: 'status' as const, status: 500 } },
		{ label: 'reset', fault: { type: 'reset' as const } },
		{ label: 'timeout', fault: { type: 'slow' as const, delayMs: 5000 } },
		{ label: 'HTML 502', fault: { type: 'html' as const, status: 502 } },
	])('Desktop > Delete after a $label: that desktop kept, the others deleted exactly once', async ({ fault }) => {
		emu.injectFaults([{ ...fault, match: { route: 'desktop.delete', pathIncludes: target() } }]);
		const { items } = await runNode({
			credentials: token(),
			parameters: params('desktop', 'delete', { desktopId: desktop('={{ $json.id }}'), requestOptions: { timeout: 500 } }),
			items: ids.map((id) => ({ id })),
			continueOnFail: true,
		});
		ids.forEach((id, i) => {
			if (id === target()) expect(items[i].json.error).toBeDefined();
			else expect(items[i].json).toEqual({ success: true, desktopId: id, deleted: true });
		});
		// The seed desktops were not among the items.
		expect(emu.listDesktops().map((d) => d.desktop_id)).toEqual([...seeds(), target()]);
		expect(emu.deletedDesktops.map((d) => d.desktop_id).sort()).toEqual(ids.filter((id) => id !== target()).sort());
		expect(emu.requests.filter((r) => r.route === 'desktop.delete')).toHaveLength(4);
	});

	test('an unknown desktop fails only its item, with Huawei\'s error; the other desktops are deleted', async () => {
		const { items, ids: named, refused } = await runWithAnUnknownDesktop(emu, 'desktop.delete', deleteDesktop('={{ $json.id }}'));
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toEqual({ success: true, desktopId: named[0], deleted: true });
		expect(items[2].json).toEqual({ success: true, desktopId: named[2], deleted: true });
		expectHuaweiError(items[1].error, refused, ERRORS.DESKTOP_NOT_FOUND.msg);
		expect(emu.deletedDesktops.map((d) => d.desktop_id).sort()).toEqual([named[0], named[2]].sort());
	});
});
