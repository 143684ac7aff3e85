/**
 * Real n8n imports and runs the shipped examples that had no test of their own, each against an
 * emulator of its own (so one example's changes cannot satisfy another's assertions), all in one
 * n8n instance and one `execute-batch`: examples/tour.json (every operation of every resource),
 * examples/tag-untagged-desktops.json (tag hygiene) and examples/delete-tagged-desktops.json, as
 * shipped (Dry Run) and once with Dry Run turned off as its note says. `execute-batch` starts a
 * workflow from a Manual Trigger, so a Schedule Trigger is swapped for one under the same name (the
 * connections stay as shipped), as the other example tests do.
 */
import { startEmulator, type Emulator } from '../emulator';
import {
	emulatorTokenCredential,
	ensureRuntime,
	buildAndPack,
	itemsOf,
	loadExample,
	N8nInstance,
	n8nId,
	withCredential,
	type RunResult,
	type WorkflowJson,
} from './n8n';

const id = (group: string, n: number) => `e2ed${group}000-0000-4000-8000-${String(n).padStart(12, '0')}`;

let n8n: N8nInstance;
const emus: Record<string, Emulator> = {};
const results: Record<string, RunResult> = {};

function scheduleToManual(workflow: WorkflowJson): void {
	for (const node of workflow.nodes) {
		if (node.type === 'n8n-nodes-base.scheduleTrigger') Object.assign(node, { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
	}
}

function goLive(workflow: WorkflowJson): void {
	const remover = workflow.nodes.find((node) => (node.parameters as { operation?: string }).operation === 'delete');
	if (!remover) throw new Error('the example has a Delete node');
	(remover.parameters as { options: Record<string, unknown> }).options.dryRun = false;
}

const RUNS: Array<{ key: string; file: string; adapt?: (w: WorkflowJson) => void }> = [
	{ key: 'tour', file: 'tour.json' },
	{ key: 'hygiene', file: 'tag-untagged-desktops.json', adapt: scheduleToManual },
	{ key: 'dryRun', file: 'delete-tagged-desktops.json' },
	{ key: 'live', file: 'delete-tagged-desktops.json', adapt: goLive },
];

function seedDecommission(emu: Emulator): void {
	emu.addDesktop({ desktop_id: id('1', 1), computer_name: 'old-1', tags: [{ key: 'decommission', value: 'true' }] });
	emu.addDesktop({ desktop_id: id('1', 2), computer_name: 'old-2', tags: [{ key: 'decommission', value: 'true' }, { key: 'env', value: 'dev' }] });
	emu.addDesktop({ desktop_id: id('1', 3), computer_name: 'keep-3', tags: [{ key: 'decommission', value: 'false' }] });
	emu.addDesktop({ desktop_id: id('1', 4), computer_name: 'keep-4', tags: [] });
}

beforeAll(async () => {
	const runtime = await ensureRuntime();
	const tarball = await buildAndPack();
	for (const { key } of RUNS) emus[key] = await startEmulator({ seed: false, powerTransitionMs: 20, creationMs: 20 });
	emus.hygiene.addDesktop({ desktop_id: id('2', 1), computer_name: 'no-tags', tags: [] });
	emus.hygiene.addDesktop({ desktop_id: id('2', 2), computer_name: 'no-owner', tags: [{ key: 'env', value: 'dev' }] });
	emus.hygiene.addDesktop({ desktop_id: id('2', 3), computer_name: 'owned', tags: [{ key: 'owner', value: 'alice' }] });
	seedDecommission(emus.dryRun);
	seedDecommission(emus.live);
	// The tour's desktop shares the project with one it must leave alone.
	emus.tour.addDesktop({ desktop_id: id('3', 1), computer_name: 'bystander', tags: [{ key: 'env', value: 'prod' }] });

	n8n = await N8nInstance.create({ runtime, tarball });
	const credentials = RUNS.map(({ key }) =>
		emulatorTokenCredential({ projectId: emus[key].projectId, url: emus[key].url, token: emus[key].issueToken() }, { id: n8nId(`crex${key}`), name: `e2e ${key}` }),
	);
	await n8n.importCredentials(credentials);
	const workflows = RUNS.map(({ key, file, adapt }, i) => {
		const workflow = { ...withCredential(loadExample(file), credentials[i]), id: n8nId(`wfex${key}`) };
		adapt?.(workflow);
		return workflow;
	});
	await n8n.importWorkflows(workflows);
	const all = await n8n.executeWorkflows(workflows.map((w) => w.id));
	RUNS.forEach(({ key }, i) => (results[key] = all[workflows[i].id]));
}, 15 * 60_000);

afterAll(async () => {
	await n8n?.dispose();
	await Promise.all(Object.values(emus).map((emu) => emu.close()));
});

describe('tour.json', () => {
	test('runs every node once and touches every operation of every resource', () => {
		const r = results.tour;
		expect(r.success).toBe(true);
		const workflow = loadExample('tour.json');
		const operations = workflow.nodes
			.map((n) => n.parameters as { resource?: string; operation?: string })
			.filter((p) => p.resource)
			.map((p) => `${p.resource}.${p.operation}`);
		expect(new Set(operations)).toEqual(
			new Set([
				'user.create', 'user.get', 'user.getAll', 'user.delete', 'job.get',
				'desktop.create', 'desktop.get', 'desktop.getAll', 'desktop.reboot', 'desktop.logOff', 'desktop.hibernate',
				'desktop.start', 'desktop.stop', 'desktop.delete',
				'tag.create', 'tag.batch', 'tag.delete', 'tag.bulkCreate', 'tag.bulkDelete', 'tag.getAll', 'tag.getProjectTags',
			]),
		);
		for (const node of workflow.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote')) {
			expect([node.name, r.runData[node.name]?.length, r.runData[node.name]?.[0]?.error]).toEqual([node.name, 1, undefined]);
		}
	});

	test('the user and desktop it made are gone, the bystander untouched, and the tags it set were read back', () => {
		const emu = emus.tour;
		expect(emu.listDesktops().map((d) => d.desktop_id)).toEqual([id('3', 1)]);
		expect(emu.getDesktop(id('3', 1))?.tags).toEqual([{ key: 'env', value: 'prod' }]);
		expect(emu.listUsers().map((u) => u.user_name)).not.toContain('tour01');
		const made = itemsOf(results.tour, 'Create desktop')[0];
		expect(emu.deletedDesktops.map((d) => d.desktop_id)).toEqual([made.desktopId]);
		const tags = itemsOf(results.tour, 'Tag: Get Many').map((t) => `${String(t.key)}=${String(t.value)}`);
		expect(tags.sort()).toEqual(['cost-center=cc-42', 'env=tour', 'project=n8n-tour']);
		expect(itemsOf(results.tour, 'Tag: Delete')).toEqual([expect.objectContaining({ deleted: true, key: 'ticket' })]);
		expect(itemsOf(results.tour, 'Job: Get')[0]).toEqual(expect.objectContaining({ status: 'SUCCESS' }));
		expect(itemsOf(results.tour, 'Desktop: Stop')[0]).toEqual(expect.objectContaining({ success: true }));
		expect(emu.getDesktop(String(made.desktopId))).toBeUndefined();
	});

	test('the power operations reached Huawei in order', () => {
		const power = emus.tour.requests
			.filter((r) => r.route === 'desktop.action' || r.route === 'desktop.logoff')
			.map((r) => (r.route === 'desktop.logoff' ? 'logoff' : (JSON.parse(r.body) as { op_type: string }).op_type));
		expect(power).toEqual(['reboot', 'logoff', 'os-hibernate', 'os-start', 'os-stop']);
	});
});

describe('tag-untagged-desktops.json', () => {
	test('tags only the desktops without an owner tag, in one request', () => {
		expect(results.hygiene.success).toBe(true);
		const tagsOf = (n: number) => emus.hygiene.getDesktop(id('2', n))?.tags;
		expect(tagsOf(1)).toEqual([{ key: 'owner', value: 'unassigned' }]);
		expect(tagsOf(2)).toEqual(expect.arrayContaining([{ key: 'env', value: 'dev' }, { key: 'owner', value: 'unassigned' }]));
		expect(tagsOf(3)).toEqual([{ key: 'owner', value: 'alice' }]);
		expect(itemsOf(results.hygiene, 'Tag them owner=unassigned').map((i) => i.desktopId).sort()).toEqual([id('2', 1), id('2', 2)]);
		expect(emus.hygiene.requests.filter((r) => r.route === 'desktop.batchTags')).toHaveLength(1);
	});
});

describe('delete-tagged-desktops.json', () => {
	test('as shipped (Dry Run) lists the tagged desktops and deletes nothing', () => {
		expect(results.dryRun.success).toBe(true);
		expect(emus.dryRun.listDesktops()).toHaveLength(4);
		expect(emus.dryRun.deletedDesktops).toEqual([]);
		const items = itemsOf(results.dryRun, 'Delete desktop (Dry Run)');
		expect(items.map((i) => [i.desktopId, i.dryRun, i.deleted])).toEqual([
			[id('1', 1), true, false],
			[id('1', 2), true, false],
		]);
	});

	test('with Dry Run off deletes exactly the desktops tagged decommission=true', () => {
		expect(results.live.success).toBe(true);
		expect(emus.live.deletedDesktops.map((d) => d.desktop_id).sort()).toEqual([id('1', 1), id('1', 2)]);
		expect(emus.live.listDesktops().map((d) => d.desktop_id).sort()).toEqual([id('1', 3), id('1', 4)]);
		expect(itemsOf(results.live, 'Delete desktop (Dry Run)').map((i) => i.deleted)).toEqual([true, true]);
	});
});
