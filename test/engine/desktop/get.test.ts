import { ERRORS } from '../../emulator';
import { expectHuaweiError, expectRejectedToken, onRoute, runWithAnUnknownDesktop } from '../apiErrors';
import { credentialsFor, desktop, params, UNTHROTTLED, useEmulator } from '../fixtures';
import { runNode } from '../harness';
import { expectRefusedBeforeSending, ID } from '../hostileCases';
import { BOOLEAN_RULES, DESKTOP_ID_RULES, ruleCases } from '../inputRules';

/**
 * Desktop > Get: GET /desktops/{desktop_id} -> { desktop: DesktopDetailInfo } (SDK ShowDesktopDetail).
 * Simplify keeps the ID, name, status, task, login state, user, IP addresses, product, creation time
 * and tags; off, the item is Huawei's desktop object.
 */
const emu = useEmulator();
const get = (rest: object = {}) => params('desktop', 'get', { desktopId: desktop(ID), ...rest });
const token = () => credentialsFor(emu, 'token');

describe('Desktop > Get', () => {
	test('Simplify (the default) keeps the documented fields, from the desktop the emulator holds', async () => {
		const id = emu.seedDesktopIds.dev01;
		emu.updateDesktop(id, { status: 'SHUTOFF', ip_addresses: ['10.0.0.8'] });
		const { items, error } = await runNode({ credentials: token(), parameters: get(), items: [{ id }] });
		expect(error).toBeUndefined();
		const held = emu.getDesktop(id);
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toEqual({
			desktop_id: id,
			computer_name: held?.computer_name,
			status: 'SHUTOFF',
			task_status: '',
			login_status: 'UNREGISTER',
			user_name: held?.user_name,
			ip_addresses: ['10.0.0.8'],
			product_id: held?.product_id,
			created: held?.created,
			tags: held?.tags,
		});
		expect(onRoute(emu, 'desktop.show').map((r) => r.rawPath)).toEqual([`/v2/${emu.projectId}/desktops/${id}`]);
	});

	test('Simplify off outputs the desktop object as Huawei answers it', async () => {
		const id = emu.seedDesktopIds.prod01;
		const { items } = await runNode({ credentials: token(), parameters: get({ simplify: false }), items: [{ id }] });
		expect(items[0].json).toMatchObject({ desktop_id: id, security_groups: expect.any(Array), flavor: expect.any(Object) });
		expect(items[0].json).not.toHaveProperty('desktop');
	});

	test('an unknown desktop: 404 with code, message and request ID on its item; the others succeed', async () => {
		const { items, refused } = await runWithAnUnknownDesktop(emu, 'desktop.show', get());
		expectHuaweiError(items[1].error, refused, ERRORS.DESKTOP_NOT_FOUND.msg);
		expect(items[0].json.desktop_id).toBe(emu.seedDesktopIds.dev01);
		expect(items[2].json.desktop_id).toBe(emu.seedDesktopIds.prod01);
	});

	test('a 401 is not repeated', async () => {
		await expectRejectedToken(emu, 'desktop.show', get(), [{ id: emu.seedDesktopIds.dev01 }]);
	});

	test('a 503 is repeated (a read changes nothing)', async () => {
		emu.injectFaults([{ type: 'status', status: 503, match: { route: 'desktop.show' }, times: 1 }]);
		const { items } = await runNode({
			credentials: token(),
			parameters: get({ throttling: { ...UNTHROTTLED, maxAttempts: 3 } }),
			items: [{ id: emu.seedDesktopIds.dev01 }],
		});
		expect(onRoute(emu, 'desktop.show').map((r) => r.status)).toEqual([503, 200]);
		expect(items[0].json.desktop_id).toBe(emu.seedDesktopIds.dev01);
	});

	describe('input rules: refused before anything is sent', () => {
		test.each([
			...ruleCases('desktop', 'get', /Desktop ID/, DESKTOP_ID_RULES, (v) => ({ desktopId: desktop(v) })),
			...ruleCases('desktop', 'get', /Simplify/, BOOLEAN_RULES, (v) => ({ simplify: v }), 'Simplify'),
		])('rejects %s', async (_name, c) => {
			expect(await expectRefusedBeforeSending(emu, c)).toEqual([]);
		});
	});
});
