/**
 * Real n8n runs the shipped example examples/stop-dev-desktops-at-night.json against the emulator:
 * Desktop > Get Many (tag env=dev, status ACTIVE, Return All) -> Desktop > Stop with Wait for Completion.
 * `n8n execute` starts a workflow from a Manual Trigger, so the test swaps the example's Schedule Trigger
 * for one under the same name (the connections stay as shipped), as the other example tests do.
 */
import { startEmulator, type Emulator } from '../emulator';
import { itemsOf, N8nInstance, runExample, type RunResult } from './n8n';

const DEV = 250;
const PROD = 30;
const DEV_OFF = 20;
const dev = (n: number) => `e2ec0000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const prod = (n: number) => `e2ec0000-0000-4000-9000-${String(n).padStart(12, '0')}`;
const devOff = (n: number) => `e2ec0000-0000-4000-a000-${String(n).padStart(12, '0')}`;

let emu: Emulator;
let n8n: N8nInstance;
let result: RunResult;
let token = '';

beforeAll(async () => {
	emu = await startEmulator({ seed: false, powerTransitionMs: 1500 });
	for (let n = 0; n < DEV; n++) emu.addDesktop({ desktop_id: dev(n), computer_name: `dev-${n}`, tags: [{ key: 'env', value: 'dev' }] });
	for (let n = 0; n < PROD; n++) emu.addDesktop({ desktop_id: prod(n), computer_name: `prod-${n}`, tags: [{ key: 'env', value: 'prod' }] });
	// Dev desktops already off: Get Many's status filter leaves them out, so they are never sent.
	for (let n = 0; n < DEV_OFF; n++) {
		emu.addDesktop({ desktop_id: devOff(n), computer_name: `dev-off-${n}`, status: 'SHUTOFF', tags: [{ key: 'env', value: 'dev' }] });
	}

	({ n8n, result, token } = await runExample(emu, 'stop-dev-desktops-at-night.json', 'power', (workflow) => {
		const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger');
		if (!trigger) throw new Error('the example starts with a Schedule Trigger');
		Object.assign(trigger, { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
	}));
}, 600_000);

afterAll(async () => {
	await n8n?.dispose();
	await emu?.close();
});

test('the run succeeds', () => {
	expect(result.error).toBeUndefined();
	expect(result.success).toBe(true);
});

test('exactly the 250 running dev desktops end SHUTOFF; the others are untouched', () => {
	for (let n = 0; n < DEV; n++) expect(emu.getDesktop(dev(n))).toMatchObject({ status: 'SHUTOFF', task_status: '' });
	for (let n = 0; n < PROD; n++) expect(emu.getDesktop(prod(n))).toMatchObject({ status: 'ACTIVE', task_status: '' });
	for (let n = 0; n < DEV_OFF; n++) expect(emu.getDesktop(devOff(n))).toMatchObject({ status: 'SHUTOFF', task_status: '' });
});

test('three power requests (100 + 100 + 50 desktops), os-stop SOFT, naming only the dev desktops', () => {
	const actions = emu.requests.filter((r) => r.route === 'desktop.action' && r.headers['x-auth-token'] === token);
	const bodies = actions.map((r) => JSON.parse(r.body) as { desktop_ids: string[]; op_type: string; type: string });
	expect(bodies.map((b) => b.desktop_ids.length).sort((a, b) => b - a)).toEqual([100, 100, 50]);
	expect(bodies.every((b) => b.op_type === 'os-stop' && b.type === 'SOFT')).toBe(true);
	expect(bodies.flatMap((b) => b.desktop_ids).sort()).toEqual(Array.from({ length: DEV }, (_, n) => dev(n)).sort());
});

test("n8n's output: one item per dev desktop, accepted, with its job and final status", () => {
	const listed = itemsOf(result, 'Running dev desktops');
	expect(listed).toHaveLength(DEV);
	const stopped = itemsOf(result, 'Stop and wait');
	expect(stopped).toHaveLength(DEV);
	stopped.forEach((item, index) => {
		expect(item).toMatchObject({ success: true, desktopId: listed[index].desktop_id, action: 'stop', accepted: true, status: 'SHUTOFF' });
		expect(typeof item.jobId).toBe('string');
		expect(typeof item.waitedSeconds).toBe('number');
	});
});
