import { sleep } from 'n8n-workflow';

import { startEmulator, type Emulator } from '../../emulator';
import { call, p } from './helpers';

/** The emulator's power state machine, log-off and jobs, as described in INTERFACE.md. */

let emu: Emulator;
beforeAll(async () => {
	// Long enough that a loaded machine answers the requests and checks below before a transition ends.
	emu = await startEmulator({ powerTransitionMs: 500 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const wait = sleep;
const action = async (body: unknown) => await call(emu, 'POST', p(emu, '/desktops/action'), body);

describe('POST /desktops/action', () => {
	test('stop: powering-off, then SHUTOFF, and the job goes RUNNING -> SUCCESS', async () => {
		const { dev01 } = emu.seedDesktopIds;
		const res = await action({ desktop_ids: [dev01], op_type: 'os-stop', type: 'HARD' });
		expect(res.status).toBe(200);
		expect(res.json?.failed_operation_list).toEqual([]);
		expect(emu.getDesktop(dev01)).toMatchObject({ status: 'ACTIVE', task_status: 'powering-off' });
		const job = await call(emu, 'GET', p(emu, `/workspace-jobs/${String(res.json?.job_id)}`));
		expect(job.json).toMatchObject({ status: 'RUNNING', sub_jobs_total: 1 });
		await wait(700);
		expect(emu.getDesktop(dev01)).toMatchObject({ status: 'SHUTOFF', task_status: '' });
		const done = await call(emu, 'GET', p(emu, `/workspace-jobs/${String(res.json?.job_id)}`));
		expect(done.json).toMatchObject({ status: 'SUCCESS' });
	});

	test('illegal transitions, busy and unknown desktops are listed as failed; the others start', async () => {
		const { dev01, dev02, prod01 } = emu.seedDesktopIds;
		emu.updateDesktop(dev02, { status: 'SHUTOFF' });
		emu.updateDesktop(prod01, { task_status: 'rebooting' });
		const res = await action({ desktop_ids: [dev01, dev02, prod01, 'nope-1'], op_type: 'os-hibernate' });
		const failed = (res.json?.failed_operation_list as Array<{ desktop_id: string; error_code: string }>).map((f) => [f.desktop_id, f.error_code]);
		expect(failed).toEqual([
			[dev02, 'WKS.0108'],
			[prod01, 'WKS.0108'],
			['nope-1', 'WKS.0202'],
		]);
		expect(emu.getDesktop(dev01)?.task_status).toBe('hibernating');
		// Starting an ACTIVE desktop is refused too.
		const start = await action({ desktop_ids: [dev01], op_type: 'os-start' });
		expect((start.json?.failed_operation_list as unknown[]).length).toBe(1);
	});

	test('a failing desktop ends in ERROR (job FAILED); a hanging one keeps its task', async () => {
		const { dev01, dev02 } = emu.seedDesktopIds;
		emu.setNextPowerOutcome(dev01, 'fail');
		emu.setNextPowerOutcome(dev02, 'hang');
		const res = await action({ desktop_ids: [dev01, dev02], op_type: 'reboot' });
		await wait(700);
		expect(emu.getDesktop(dev01)).toMatchObject({ status: 'ERROR', task_status: '' });
		expect(emu.getDesktop(dev02)).toMatchObject({ status: 'ACTIVE', task_status: 'rebooting' });
		const job = await call(emu, 'GET', p(emu, `/workspace-jobs/${String(res.json?.job_id)}`));
		expect(job.json).toMatchObject({ status: 'RUNNING' });
	});

	test.each([
		['no desktops', { desktop_ids: [], op_type: 'os-stop' }, 'WKS.0101'],
		['an unknown op_type', { desktop_ids: ['a'], op_type: 'shutdown' }, 'WKS.0101'],
		['no op_type', { desktop_ids: ['a'] }, 'WKS.0101'],
		['a lower-case type', { desktop_ids: ['a'], op_type: 'os-stop', type: 'soft' }, 'WKS.0101'],
		['101 desktops', { desktop_ids: Array.from({ length: 101 }, (_, i) => `d${i}`), op_type: 'os-stop' }, 'WKS.0106'],
	])('refuses %s with 400', async (_label, body, code) => {
		const res = await action(body);
		expect(res.status).toBe(400);
		expect(res.json?.error_code).toBe(code);
	});
});

describe('POST /desktops/logoff and GET /workspace-jobs', () => {
	test('log-off: connected users become REGISTERED, the message is recorded, unknown desktops skipped', async () => {
		const { dev01 } = emu.seedDesktopIds;
		emu.updateDesktop(dev01, { login_status: 'CONNECTED' });
		const res = await call(emu, 'POST', p(emu, '/desktops/logoff'), { desktop_ids: [dev01, 'nope-1'], message: 'Bye' });
		expect(res.status).toBe(204);
		expect(emu.getDesktop(dev01)?.login_status).toBe('REGISTERED');
		expect(emu.logoffs).toEqual([{ desktop_id: dev01, message: 'Bye' }]);
	});

	test('unknown job: 404', async () => {
		const res = await call(emu, 'GET', p(emu, '/workspace-jobs/no-such-job'));
		expect(res.status).toBe(404);
		expect(res.json?.error_code).toBe('WKS.0203');
	});
});
