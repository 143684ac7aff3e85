import type { IDataObject } from 'n8n-workflow';

import { pollSchedule, waitForDesktops } from '../../nodes/HuaweiCloudWorkspace/resources/desktop/waitForPower';
import type { WorkspaceClient } from '../../nodes/HuaweiCloudWorkspace/transport/client';

/**
 * Wait for Completion's decisions, on scripted GET /desktops answers: what counts as done per action
 * (Huawei's Terraform provider: target status with an empty task_status), and a reboot, which starts
 * and ends ACTIVE, not being taken as done on the first idle answer.
 */

/** A client whose GET /desktops answers the next scripted state of each desktop. */
function scripted(states: Record<string, Array<{ status: string; task_status: string }>>) {
	const polls: string[][] = [];
	const client = {
		send: async (request: { qs?: IDataObject }) => {
			const ids = request.qs?.desktop_id as string[];
			polls.push(ids);
			const desktops = ids.map((id) => ({ desktop_id: id, ...(states[id].length > 1 ? states[id].shift() : states[id][0]) }));
			return { body: { desktops } };
		},
	} as unknown as WorkspaceClient;
	return { client, polls };
}

beforeAll(() => {
	Object.assign(pollSchedule, { firstMs: 1, growth: 1, maxMs: 1 });
});

test('stop is done at SHUTOFF with no task; ERROR fails at once', async () => {
	const { client } = scripted({
		a: [{ status: 'ACTIVE', task_status: 'powering-off' }, { status: 'SHUTOFF', task_status: '' }],
		b: [{ status: 'ERROR', task_status: '' }],
	});
	const outcomes = await waitForDesktops(client, [
		{ desktopId: 'a', action: 'stop', timeoutMs: 5000 },
		{ desktopId: 'b', action: 'stop', timeoutMs: 5000 },
	], 0);
	expect(outcomes.get('a')).toMatchObject({ result: 'done', status: 'SHUTOFF' });
	expect(outcomes.get('b')).toMatchObject({ result: 'error', status: 'ERROR' });
});

test('a reboot that never shows a task counts as done on the second poll, not the first', async () => {
	const { client, polls } = scripted({ r: [{ status: 'ACTIVE', task_status: '' }] });
	const outcomes = await waitForDesktops(client, [{ desktopId: 'r', action: 'reboot', timeoutMs: 5000 }], 0);
	expect(outcomes.get('r')).toMatchObject({ result: 'done', status: 'ACTIVE' });
	expect(polls).toHaveLength(2);
});

test('a reboot that showed its task is done at the first idle ACTIVE after it', async () => {
	const { client, polls } = scripted({ r: [{ status: 'ACTIVE', task_status: 'rebooting' }, { status: 'ACTIVE', task_status: '' }] });
	await waitForDesktops(client, [{ desktopId: 'r', action: 'reboot', timeoutMs: 5000 }], 0);
	expect(polls).toHaveLength(2);
});

test('an aborted signal stops the waiting before the next poll (the execution was cancelled)', async () => {
	const { client, polls } = scripted({ h: [{ status: 'ACTIVE', task_status: 'hibernating' }] });
	const abort = new AbortController();
	abort.abort();
	const outcomes = await waitForDesktops(client, [{ desktopId: 'h', action: 'hibernate', timeoutMs: 60_000 }], 0, abort.signal);
	expect(outcomes.get('h')).toMatchObject({ result: 'cancelled' });
	expect(polls).toHaveLength(0);
});

test('a desktop that disappears fails as gone; one that stays busy times out with its last state', async () => {
	const { client } = scripted({ s: [{ status: 'SHUTOFF', task_status: 'powering-on' }] });
	const gone = { send: async () => ({ body: { desktops: [] } }) } as unknown as WorkspaceClient;
	expect((await waitForDesktops(gone, [{ desktopId: 'x', action: 'start', timeoutMs: 5000 }], 0)).get('x')).toMatchObject({ result: 'gone' });
	const outcome = (await waitForDesktops(client, [{ desktopId: 's', action: 'start', timeoutMs: 20 }], 0)).get('s');
	expect(outcome).toMatchObject({ result: 'timeout', status: 'SHUTOFF', taskStatus: 'powering-on' });
});
