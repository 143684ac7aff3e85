import { onRoute } from '../apiErrors';
import { credentialsFor, desktop, params, useEmulator } from '../fixtures';
import { runNode } from '../harness';
import { ID } from '../hostileCases';
import { POWER_FACTS, powerCases } from './powerCases';

/**
 * Desktop > Log Off Users: POST /desktops/logoff with desktop_ids and an optional message
 * (LogoffDesktopsReq); Huawei's answer has no fields, so a success means every desktop was accepted.
 */
const emu = useEmulator();

describe('Desktop > Log Off Users', () => {
	powerCases(emu, POWER_FACTS.logOff);

	test('Options > Message is sent, and connected users end REGISTERED', async () => {
		const { dev01, dev02 } = emu.seedDesktopIds;
		emu.updateDesktop(dev01, { login_status: 'CONNECTED' });
		emu.updateDesktop(dev02, { login_status: 'DISCONNECTED' });
		const { items, error } = await runNode({
			credentials: credentialsFor(emu, 'token'),
			parameters: params('desktop', 'logOff', { desktopId: desktop(ID), options: { message: 'Maintenance at 20:00' } }),
			items: [{ id: dev01 }, { id: dev02 }],
		});
		expect(error).toBeUndefined();
		expect(onRoute(emu, 'desktop.logoff').map((r) => JSON.parse(r.body) as unknown)).toEqual([
			{ message: 'Maintenance at 20:00', desktop_ids: [dev01, dev02] },
		]);
		expect(emu.getDesktop(dev01)?.login_status).toBe('REGISTERED');
		expect(emu.getDesktop(dev02)?.login_status).toBe('REGISTERED');
		expect(items.map((i) => i.json)).toEqual([
			{ success: true, desktopId: dev01, action: 'logOff', accepted: true },
			{ success: true, desktopId: dev02, action: 'logOff', accepted: true },
		]);
	});

	test('a Message that is not text is refused before sending', async () => {
		const { error } = await runNode({
			credentials: credentialsFor(emu, 'token'),
			parameters: params('desktop', 'logOff', { desktopId: desktop(ID), options: { message: '={{ $json.m }}' } }),
			items: [{ id: emu.seedDesktopIds.dev01, m: { text: 'x' } }],
		});
		expect(error?.message).toMatch(/Message must be text/);
		expect(emu.requests).toEqual([]);
	});
});
