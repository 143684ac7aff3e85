/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- developer and test tooling: runs under Node, never shipped in the n8n package */
/**
 * The trigger in a real n8n 2.40.7 server (`n8n start`) with the packed package: the workflow
 * Trigger (all events, every minute) -> HTTP Request posts each item to a small HTTP server of this
 * test. Activated before start (`activateWorkflow`: published in n8n 2.x), so n8n activates it and polls at once (the
 * baseline), then every minute. Then n8n is stopped, a desktop deleted, n8n started again: the
 * activation poll of the new process reports the deletion alone, which proves that the stored
 * state survived the restart in n8n's database. About 3 minutes. The shipped example
 * examples/alert-on-desktop-error.json is activated alongside (polling every minute instead of every
 * 5, its Slack URL pointed at the same HTTP server): it must post exactly one message, for the desktop
 * that went into ERROR.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { startEmulator, type Emulator } from '../emulator';
import { deleteDesktop } from '../engine/trigger/pollHarness';
import {
	buildAndPack,
	COMMUNITY_TRIGGER_TYPE,
	CREDENTIAL_TYPE,
	ensureRuntime,
	loadExample,
	N8nInstance,
	n8nId,
	randomFreePort,
	withCredential,
	type StartedN8n,
	type WorkflowJson,
} from './n8n';

let emu: Emulator;
let n8n: N8nInstance;
let server: StartedN8n | undefined;
let collector: http.Server;
const seen: Array<Record<string, unknown>> = [];
const slack: Array<Record<string, unknown>> = [];

const wait = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; seen: ${JSON.stringify(seen)}`);
		await wait(250);
	}
}

const listCalls = () => emu.requests.filter((request) => request.route === 'desktop.list' && request.status === 200).length;

function workflow(collectorUrl: string, credential: { id: string; name: string }): WorkflowJson {
	return withCredential(
		{
			id: n8nId('wftrigger'),
			name: 'e2e trigger',
			nodes: [
				{
					id: 'b0000000-0000-4000-8000-000000000001',
					name: 'Workspace Trigger',
					type: COMMUNITY_TRIGGER_TYPE,
					typeVersion: 1,
					position: [0, 0],
					parameters: {
						pollTimes: { item: [{ mode: 'everyMinute' }] },
						events: ['desktopCreated', 'desktopDeleted', 'desktopStatusChanged', 'desktopTagsChanged'],
					},
				},
				{
					id: 'b0000000-0000-4000-8000-000000000002',
					name: 'Report',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [220, 0],
					parameters: {
						method: 'POST',
						url: `${collectorUrl}/seen`,
						sendBody: true,
						specifyBody: 'json',
						jsonBody: '={{ JSON.stringify($json) }}',
						options: {},
					},
				},
			],
			connections: { 'Workspace Trigger': { main: [[{ node: 'Report', type: 'main', index: 0 }]] } },
		},
		credential,
	);
}

beforeAll(async () => {
	const runtime = await ensureRuntime();
	const tarball = await buildAndPack();
	emu = await startEmulator();
	collector = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () => {
			(req.url === '/seen' ? seen : slack).push(JSON.parse(body) as Record<string, unknown>);
			res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
		});
	});
	await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
	const collectorUrl = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;

	n8n = await N8nInstance.create({ runtime, tarball });
	const credential = {
		id: n8nId('crtrigger'),
		name: 'e2e trigger',
		type: CREDENTIAL_TYPE,
		data: {
			region: 'ap-southeast-1',
			projectId: emu.projectId,
			workspaceEndpoint: emu.url,
			iamEndpoint: emu.url,
			authType: 'token',
			token: emu.issueToken(),
		},
	};
	await n8n.importCredentials([credential]);
	const wf = workflow(collectorUrl, credential);
	const alert = { ...withCredential(loadExample('alert-on-desktop-error.json'), credential), id: n8nId('wfalert') };
	for (const node of alert.nodes) {
		if (node.type === COMMUNITY_TRIGGER_TYPE) Object.assign(node.parameters, { pollTimes: { item: [{ mode: 'everyMinute' }] } });
		if (node.type === 'n8n-nodes-base.httpRequest') Object.assign(node.parameters, { url: `${collectorUrl}/slack` });
	}
	await n8n.importWorkflows([wf, alert]);
	for (const id of [wf.id, alert.id]) await n8n.activateWorkflow(id);
}, 20 * 60_000);

afterAll(async () => {
	await server?.stop();
	await n8n?.dispose();
	await emu?.close();
	await new Promise((resolve) => collector?.close(resolve));
});

test('activation polls once for the baseline and emits nothing; 3 desktops created, 1 stopped, 1 in error and 1 retagged are 6 events, once', async () => {
	server = await n8n.start(await randomFreePort());
	await until('the activation poll', () => listCalls() >= 1, 120_000);
	// Let the baseline be committed before changing anything.
	await wait(3_000);
	expect(seen).toEqual([]);
	// The issue's scenario: three desktops created, two stopped, one retagged, all between two polls.
	const { dev01, dev02, prod01 } = emu.seedDesktopIds;
	emu.updateDesktop(dev01, { status: 'SHUTOFF' });
	emu.updateDesktop(dev02, { status: 'ERROR' });
	const prodTags = emu.getDesktop(prod01)?.tags ?? [];
	emu.updateDesktop(prod01, { tags: [...prodTags, { key: 'on-call', value: 'team-a' }] });
	const added = [1, 2, 3].map((n) => emu.addDesktop({ computer_name: `wks-e2e-${n}`, user_name: 'erin' }).desktop_id);
	const callsBefore = listCalls();
	await until('six events', () => seen.length >= 6, 150_000);
	// One more poll goes by without anything new.
	await until('the poll after', () => listCalls() >= callsBefore + 2, 100_000);
	await wait(2_000);
	// In the list's order: the seeded desktops first, then the new ones.
	expect(seen.map((item) => [item.event, item.desktopId])).toEqual([
		['desktopStatusChanged', dev01],
		['desktopStatusChanged', dev02],
		['desktopTagsChanged', prod01],
		...added.map((id) => ['desktopCreated', id]),
	]);
	expect(seen[0]).toMatchObject({ previousStatus: 'ACTIVE', status: 'SHUTOFF', computerName: 'wks-dev-01', userName: 'alice' });
	expect(seen[2]).toMatchObject({ tagsAdded: [{ key: 'on-call', value: 'team-a' }] });
	// The alert example: one Slack message, for the desktop in ERROR only.
	expect(slack.map((message) => message.text)).toEqual([
		`:red_circle: Desktop wks-dev-02 (bob) is now ERROR, was ACTIVE. Desktop ID: ${dev02}`,
	]);
}, 6 * 60_000);

test('the stored state survives an n8n restart: the new process reports only what changed while it was down', async () => {
	await server?.stop();
	server = undefined;
	const { prod01 } = emu.seedDesktopIds;
	await deleteDesktop(emu, prod01);
	const before = seen.length;
	const callsBefore = listCalls();
	server = await n8n.start(await randomFreePort());
	await until('the deletion', () => seen.length >= before + 1, 150_000);
	await until('the poll after', () => listCalls() >= callsBefore + 2, 100_000);
	await wait(2_000);
	expect(seen.slice(before).map((item) => [item.event, item.desktopId])).toEqual([['desktopDeleted', prod01]]);
	expect(seen.slice(before)[0]).toMatchObject({ computerName: 'wks-prod-01', userName: 'carol', desktop: { desktop_id: prod01 } });
}, 6 * 60_000);
