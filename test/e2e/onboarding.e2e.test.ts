/* eslint-disable @n8n/community-nodes/no-restricted-globals -- developer and test tooling: runs under Node, never shipped in the n8n package */
/**
 * The shipped examples examples/onboard-new-employee.json and examples/offboard-employee.json in a real
 * n8n 2.40.7 server (`n8n start`) with the packed package, called over HTTP on their Webhook triggers as
 * an HR system would: 20 new employees at once (20 executions: User > Create -> Desktop > Create with
 * Wait for Completion, tag `team` -> respond with the desktop), one whose desktop fails (the answer says
 * so, the user exists), then one leaver (Desktop > Get Many by user -> Desktop > Delete with Delete User).
 */
import { startEmulator, type Emulator } from '../emulator';
import {
	buildAndPack,
	emulatorTokenCredential,
	ensureRuntime,
	loadExample,
	N8nInstance,
	n8nId,
	randomFreePort,
	withCredential,
	type StartedN8n,
} from './n8n';

const HIRES = 20;
const hire = (n: number) => ({ name: `hire${String(n).padStart(2, '0')}`, email: `hire${n}@example.com`, team: n % 2 === 0 ? 'engineering' : 'sales' });

let emu: Emulator;
let n8n: N8nInstance;
let server: StartedN8n | undefined;
let token = '';
let ready = false;

const wait = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));
const calls = (route: string) => emu.requests.filter((r) => r.route === route && r.headers['x-auth-token'] === token);

async function post(path: string, body: unknown): Promise<{ status: number; json: unknown }> {
	const res = await fetch(`${server?.url ?? ''}/webhook/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await res.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = text;
	}
	return { status: res.status, json };
}

beforeAll(async () => {
	const runtime = await ensureRuntime();
	const tarball = await buildAndPack();
	// A creation takes 3 s, so that every execution polls its job a few times.
	emu = await startEmulator({ creationMs: 3000 });
	n8n = await N8nInstance.create({ runtime, tarball });
	token = emu.issueToken();
	const credential = emulatorTokenCredential({ projectId: emu.projectId, url: emu.url, token }, { id: n8nId('cronboard'), name: 'e2e onboarding' });
	await n8n.importCredentials([credential]);
	const workflows = [
		{ ...withCredential(loadExample('onboard-new-employee.json'), credential), id: n8nId('wfonboard') },
		{ ...withCredential(loadExample('offboard-employee.json'), credential), id: n8nId('wfoffboard') },
	];
	await n8n.importWorkflows(workflows);
	for (const workflow of workflows) await n8n.activateWorkflow(workflow.id);
	server = await n8n.start(await randomFreePort(), { onLine: (line) => (ready ||= line.includes('Editor is now accessible')) });
	const deadline = Date.now() + 120_000;
	while (!ready && Date.now() < deadline) await wait(250);
	// Active workflows are activated just after the editor line.
	await wait(3000);
}, 20 * 60_000);

afterAll(async () => {
	await server?.stop();
	await n8n?.dispose();
	await emu?.close();
});

test('20 new employees at once: 20 users, 20 desktops each assigned to its user with its team tag, in 20 create calls plus polls', async () => {
	const answers = await Promise.all(Array.from({ length: HIRES }, async (_, n) => await post('onboard-employee', hire(n))));
	const desktops = emu.listDesktops();
	for (const [n, answer] of answers.entries()) {
		const { name, team } = hire(n);
		expect(answer.status).toBe(200);
		const body = answer.json as Record<string, unknown>;
		const user = emu.listUsers().find((u) => u.user_name === name);
		const owned = desktops.filter((d) => d.user_name === name);
		expect(owned).toHaveLength(1);
		expect(owned[0]).toMatchObject({ status: 'ACTIVE', tags: [{ key: 'team', value: team }] });
		expect(body).toMatchObject({ user: name, userId: user?.id, desktopId: owned[0].desktop_id, status: 'ready', error: null });
	}
	expect(emu.listUsers()).toHaveLength(3 + HIRES);
	expect(calls('user.create')).toHaveLength(HIRES);
	expect(calls('desktop.create').length).toBeLessThanOrEqual(HIRES);
	const others = emu.requests.filter((r) => r.headers['x-auth-token'] === token && !['user.create', 'desktop.create', 'job.show', 'desktop.list'].includes(r.route));
	expect(others.map((r) => r.route)).toEqual([]);
}, 5 * 60_000);

test('a desktop that fails is never reported as ready: the answer says user created, desktop failed, with the reason', async () => {
	emu.setCreationFailure('hire99', 'No capacity in the availability zone');
	const answer = await post('onboard-employee', { name: 'hire99', email: 'hire99@example.com', team: 'sales' });
	expect(answer.status).toBe(200);
	expect(answer.json).toMatchObject({ user: 'hire99', status: 'user created, desktop failed', desktopId: null });
	expect(String((answer.json as Record<string, unknown>).error)).toContain('No capacity in the availability zone');
	expect(emu.listUsers().some((u) => u.user_name === 'hire99')).toBe(true);
	expect(emu.listDesktops().some((d) => d.user_name === 'hire99')).toBe(false);
}, 2 * 60_000);

test("a leaver: exactly that user's desktop and user are removed", async () => {
	const desktopsBefore = emu.listDesktops().length;
	const usersBefore = emu.listUsers().length;
	const leaving = emu.listDesktops().find((d) => d.user_name === 'hire03');
	const answer = await post('offboard-employee', { name: 'hire03' });
	expect(answer.status).toBe(200);
	expect(answer.json).toEqual([expect.objectContaining({ success: true, desktopId: leaving?.desktop_id, deleted: true })]);
	expect(emu.getDesktop(leaving?.desktop_id ?? '')).toBeUndefined();
	expect(emu.listDesktops()).toHaveLength(desktopsBefore - 1);
	expect(emu.listUsers().map((u) => u.user_name)).not.toContain('hire03');
	expect(emu.listUsers()).toHaveLength(usersBefore - 1);
	expect(emu.deletedDesktops.at(-1)?.query).toMatchObject({ delete_users: 'true' });
}, 2 * 60_000);

test('a leaver without a desktop: nothing is deleted, and n8n answers 200 with an empty body (the Respond node never runs)', async () => {
	const desktopsBefore = emu.listDesktops().length;
	const usersBefore = emu.listUsers().length;
	const answer = await post('offboard-employee', { name: 'nobody' });
	expect(answer).toEqual({ status: 200, json: '' });
	expect(emu.listDesktops()).toHaveLength(desktopsBefore);
	expect(emu.listUsers()).toHaveLength(usersBefore);
}, 2 * 60_000);

test('the token never appears in anything n8n printed, logged or returned', () => {
	expect(n8n.transcript.join('\n')).not.toContain(token);
});
