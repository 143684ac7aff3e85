/* eslint-disable @n8n/community-nodes/no-restricted-imports -- developer and test tooling: runs under Node, never shipped in the n8n package */
/**
 * Real n8n (scripts/n8n-runtime.versions) runs the PACKED package against the emulator.
 *
 * Layout for speed (each n8n CLI command is a full boot, ~6-12 s on 2 cores):
 *   beforeAll: provision runtime (no-op when cached) -> build + pack -> start emulator -> ONE
 *   import:credentials -> ONE import:workflow -> ONE execute-batch running every scenario workflow.
 *   The tests then only assert on the stored run data and on the emulator.
 * Scenarios stay independent inside the shared batch because each works on desktops of its own, and
 * token-mode scenarios each get a credential with a token of their own, so the emulator's request log
 * can be split per scenario by the X-Auth-Token header (that is how "zero requests" is checked).
 * One scenario (an API error that stops the workflow) also runs through `n8n execute`, which reports the
 * complete error object; execute-batch only keeps a one-line summary for failed runs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmulator, type Emulator, type RecordedRequest } from '../emulator';
import {
	buildAndPack,
	COMMUNITY_NODE_TYPE,
	COMMUNITY_TRIGGER_TYPE,
	CREDENTIAL_TYPE,
	ensureRuntime,
	itemsOf,
	loadExample,
	N8nInstance,
	n8nId,
	REPO_ROOT,
	withCredential,
	type CredentialJson,
	type RunResult,
	type WorkflowJson,
	type WorkflowNodeJson,
} from './n8n';

const credentialSource = fs.readFileSync(
	path.join(REPO_ROOT, 'credentials', 'HuaweiCloudWorkspaceApi.credentials.ts'),
	'utf8',
);
/** Password and AK/SK modes are tested once the credential offers them. */
const HAS_PASSWORD = /value:\s*'password'/.test(credentialSource);
const HAS_ACCESS_KEY = /value:\s*'accessKey'/.test(credentialSource);

const did = (n: number) => `e2e00000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const UNKNOWN_DESKTOP = 'e2e0dead-0000-4000-8000-000000000404';

// ---------------------------------------------------------------------------------------------------------------
// Scenario definitions

interface Step {
	name: string;
	params: Record<string, unknown>;
	extra?: Partial<WorkflowNodeJson>;
}

interface Scenario {
	key: string;
	/** Credential used by the Huawei nodes; token scenarios get a token of their own. */
	auth: 'token' | 'password' | 'accessKey' | 'tempAccessKey';
	/** A second emulator that, like a region not yet updated, serves tag search only on its deprecated path. */
	legacyRegion?: boolean;
	/** Items fed into the first Huawei node (via a Code node); omitted = the trigger's single item. */
	items?: Array<Record<string, unknown>>;
	steps: Step[];
	enabled?: boolean;
}

const MANY = 50;

const scenarios: Scenario[] = [
	{
		key: 'tagCreate',
		auth: 'token',
		steps: [{ name: 'Create', params: { resource: 'tag', operation: 'create', desktopId: rl(did(1)), key: 'team', value: 'blue' } }],
	},
	{
		key: 'tagGetAll',
		auth: 'token',
		steps: [{ name: 'List', params: { resource: 'tag', operation: 'getAll', desktopId: rl(did(2)) } }],
	},
	{
		key: 'tagDelete',
		auth: 'token',
		steps: [{ name: 'Delete', params: { resource: 'tag', operation: 'delete', desktopId: rl(did(3)), key: 'x' } }],
	},
	{
		key: 'tagBatch',
		auth: 'token',
		steps: [
			{
				name: 'Batch create',
				params: {
					resource: 'tag',
					operation: 'batch',
					desktopId: rl(did(4)),
					action: 'create',
					tags: { tag: [{ key: 'p', value: '1' }, { key: 'q', value: '2' }, { key: 'r', value: '3' }] },
				},
			},
			{
				name: 'Batch delete',
				params: { resource: 'tag', operation: 'batch', desktopId: rl(did(4)), action: 'delete', tags: { tag: [{ key: 'p' }, { key: 'r' }] } },
			},
		],
	},
	{
		key: 'desktopDelete',
		auth: 'token',
		steps: [
			{
				name: 'Delete desktop',
				params: {
					resource: 'desktop',
					operation: 'delete',
					desktopId: rl(did(5)),
					options: { deleteUsers: true, emailNotification: false, forceDelete: true },
				},
			},
		],
	},
	{
		key: 'desktopDeleteDefaults',
		auth: 'token',
		steps: [{ name: 'Delete desktop', params: { resource: 'desktop', operation: 'delete', desktopId: rl(did(6)), options: {} } }],
	},
	{
		key: 'invalidKey',
		auth: 'token',
		steps: [{ name: 'Create', params: { resource: 'tag', operation: 'create', desktopId: rl(did(7)), key: 'bad/key', value: 'v' } }],
	},
	{
		// from an expression, so that the node's own check runs (see staticInvalidDesktopId)
		key: 'invalidDesktopId',
		auth: 'token',
		steps: [{ name: 'Create', params: { resource: 'tag', operation: 'create', desktopId: rl("={{ '..' }}"), key: 'k', value: 'v' } }],
	},
	{
		// A literal that fails the resource locator's regex is refused by n8n before the run starts. The n8n 2.40.7
		// CLI then loses the run ("No active execution found"), so only "failed, nothing sent" can be checked.
		key: 'staticInvalidDesktopId',
		auth: 'token',
		steps: [{ name: 'Create', params: { resource: 'tag', operation: 'create', desktopId: rl('..'), key: 'k', value: 'v' } }],
	},
	{
		key: 'apiError',
		auth: 'token',
		steps: [{ name: 'Create', params: { resource: 'tag', operation: 'create', desktopId: rl(UNKNOWN_DESKTOP), key: 'k', value: 'v' } }],
	},
	{
		key: 'continueOnFail',
		auth: 'token',
		items: [{ desktopId: did(8) }, { desktopId: UNKNOWN_DESKTOP }, { desktopId: did(9) }],
		steps: [
			{
				name: 'Create',
				params: { resource: 'tag', operation: 'create', desktopId: rl('={{ $json.desktopId }}'), key: 'cof', value: 'yes' },
				extra: { onError: 'continueRegularOutput' },
			},
		],
	},
	{
		key: 'manyItems',
		auth: 'token',
		items: Array.from({ length: MANY }, (_, i) => ({ desktopId: did(100 + i), n: i })),
		steps: [
			{
				name: 'Create',
				params: {
					resource: 'tag',
					operation: 'create',
					desktopId: rl('={{ $json.desktopId }}'),
					key: 'batch-run',
					value: '={{ "item-" + $json.n }}',
				},
			},
		],
	},
	// What Huawei's SDK says and the node once got wrong (see the Desktop > Get Many and bulk sections of the README).
	{
		key: 'listIpAndIds',
		auth: 'token',
		steps: [
			{
				name: 'Get Many',
				params: { resource: 'desktop', operation: 'getAll', returnAll: true, filters: { desktopIds: `${did(30)}, ${did(31)}` } },
			},
		],
	},
	{
		key: 'exactUser',
		auth: 'token',
		steps: [
			{ name: 'Exact', params: { resource: 'desktop', operation: 'getAll', returnAll: true, filters: { userName: 'al' } } },
			{
				name: 'Contains',
				params: { resource: 'desktop', operation: 'getAll', returnAll: true, filters: { userName: 'al', userNameMatch: 'contains' } },
			},
		],
	},
	{
		key: 'bulkUnknown',
		auth: 'token',
		items: [{ desktopId: did(35) }, { desktopId: UNKNOWN_DESKTOP }, { desktopId: did(36) }],
		steps: [
			{
				name: 'Add to many',
				params: { resource: 'tag', operation: 'bulkCreate', desktopId: rl('={{ $json.desktopId }}'), tags: { tag: [{ key: 'team', value: 'x' }] } },
				extra: { onError: 'continueRegularOutput' },
			},
		],
	},
	{
		key: 'equalsInTag',
		auth: 'token',
		steps: [
			{ name: 'Create', params: { resource: 'tag', operation: 'create', desktopId: rl(did(37)), key: 'a=b', value: 'c=d' } },
			{ name: 'Delete console tag', params: { resource: 'tag', operation: 'delete', desktopId: rl(did(37)), key: 'x=y' } },
		],
	},
	{
		key: 'legacySearch',
		auth: 'token',
		legacyRegion: true,
		steps: [
			{
				name: 'Search',
				params: { resource: 'desktop', operation: 'getAll', searchBy: 'tagConditions', tagMatch: 'all', returnAll: true, tagConditions: { condition: [{ key: 'old', values: 'region' }] } },
			},
			{
				name: 'Search again',
				params: { resource: 'desktop', operation: 'getAll', searchBy: 'tagConditions', tagMatch: 'all', returnAll: true, tagConditions: { condition: [{ key: 'old', values: 'region' }] } },
			},
		],
	},
	{
		key: 'passwordAuth',
		auth: 'password',
		enabled: HAS_PASSWORD,
		steps: [
			{ name: 'Create', params: { resource: 'tag', operation: 'create', desktopId: rl(did(10)), key: 'via', value: 'password' } },
			{ name: 'List', params: { resource: 'tag', operation: 'getAll', desktopId: rl(did(10)) } },
		],
	},
	{
		key: 'accessKeyAuth',
		auth: 'accessKey',
		enabled: HAS_ACCESS_KEY,
		steps: [
			{ name: 'Create', params: { resource: 'tag', operation: 'create', desktopId: rl(did(11)), key: 'via key', value: 'ak-sk' } },
			{ name: 'List', params: { resource: 'tag', operation: 'getAll', desktopId: rl(did(11)) } },
		],
	},
	{
		key: 'tempAccessKeyAuth',
		auth: 'tempAccessKey',
		enabled: HAS_ACCESS_KEY,
		steps: [{ name: 'Create', params: { resource: 'tag', operation: 'create', desktopId: rl(did(12)), key: 'via', value: 'temporary key' } }],
	},
];

const active = scenarios.filter((s) => s.enabled !== false);

function scenarioWorkflow(s: Scenario, cred: { id: string; name: string }): WorkflowJson {
	const nodes: WorkflowNodeJson[] = [
		{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
	];
	const chain = ['Start'];
	if (s.items) {
		nodes.push({
			name: 'Items',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [200, 0],
			parameters: { jsCode: `return ${JSON.stringify(s.items.map((json) => ({ json })))};` },
		});
		chain.push('Items');
	}
	s.steps.forEach((st, i) => {
		nodes.push({
			name: st.name,
			type: COMMUNITY_NODE_TYPE,
			typeVersion: 1,
			position: [400 + 200 * i, 0],
			parameters: st.params,
			// later steps act once, whatever the previous node returned
			...(i > 0 ? { executeOnce: true } : {}),
			...st.extra,
		});
		chain.push(st.name);
	});
	const connections: Record<string, unknown> = {};
	for (let i = 0; i + 1 < chain.length; i++) {
		connections[chain[i]] = { main: [[{ node: chain[i + 1], type: 'main', index: 0 }]] };
	}
	return withCredential({ id: n8nId(`wf${s.key}`), name: `e2e ${s.key}`, nodes, connections }, cred);
}

// ---------------------------------------------------------------------------------------------------------------
// Shared setup: one batch for everything

let emu: Emulator;
let legacyEmu: Emulator;
let n8n: N8nInstance;
const tokens: Record<string, string> = {};
const results: Record<string, RunResult> = {};
let exampleResults: Record<string, RunResult> = {};
let stopExecute: RunResult | undefined;
let apiErrorRequestId = '';
const before: Record<string, string> = {};

const EXAMPLE_DESKTOPS = { onboard: [did(20), did(21)], cleanup: [did(22), did(23)] };
const SEED = ['de500000-0000-4000-8000-000000000001', 'de500000-0000-4000-8000-000000000002'];

function exampleWorkflow(file: string, ids: string[], cred: { id: string; name: string }): WorkflowJson {
	// The examples name the emulator's seeded desktops; give each one desktops of its own.
	let text = fs.readFileSync(path.join(REPO_ROOT, 'examples', file), 'utf8');
	SEED.forEach((seed, i) => (text = text.split(seed).join(ids[i])));
	const wf = JSON.parse(text) as WorkflowJson;
	return { ...withCredential(wf, cred), id: n8nId(`ex${file}`) };
}

function credentialFor(auth: Scenario['auth'], key: string, target: Emulator = emu): CredentialJson {
	const base = { region: 'ap-southeast-1', projectId: target.projectId, workspaceEndpoint: target.url, iamEndpoint: target.url };
	const c = target.credentials;
	const id = n8nId(`cr${key}`);
	const name = `e2e ${key}`;
	switch (auth) {
		case 'token':
			tokens[key] = target.issueToken();
			return { id, name, type: CREDENTIAL_TYPE, data: { ...base, authType: 'token', token: tokens[key] } };
		case 'password':
			return {
				id,
				name,
				type: CREDENTIAL_TYPE,
				data: { ...base, authType: 'password', domainName: c.domainName, userName: c.userName, password: c.password },
			};
		case 'accessKey':
			return {
				id,
				name,
				type: CREDENTIAL_TYPE,
				data: { ...base, authType: 'accessKey', accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey },
			};
		case 'tempAccessKey':
			return {
				id,
				name,
				type: CREDENTIAL_TYPE,
				data: {
					...base,
					authType: 'accessKey',
					accessKeyId: c.tempAccessKeyId,
					secretAccessKey: c.tempSecretAccessKey,
					securityToken: c.securityToken,
				},
			};
	}
}

const byToken = (key: string): RecordedRequest[] => emu.requests.filter((r) => r.headers['x-auth-token'] === tokens[key]);
const byDesktop = (id: string): RecordedRequest[] => emu.requests.filter((r) => r.rawPath.includes(id));
const tagsOf = (id: string) => Object.fromEntries((emu.getDesktop(id)?.tags ?? []).map((t) => [t.key, t.value ?? '']));

beforeAll(async () => {
	const runtime = await ensureRuntime();
	const tarball = await buildAndPack();
	emu = await startEmulator();
	legacyEmu = await startEmulator({ seed: false, legacySearchOnly: true });
	legacyEmu.addDesktop({ desktop_id: did(40), computer_name: 'old-region', tags: [{ key: 'old', value: 'region' }] });

	const add = (id: string, tags: Array<{ key: string; value: string }> = []) =>
		emu.addDesktop({ desktop_id: id, computer_name: `e2e-${id.slice(-4)}`, user_name: 'e2e', tags });
	add(did(1));
	add(did(2), [{ key: 'a', value: '1' }, { key: 'b', value: '' }]);
	add(did(3), [{ key: 'x', value: '1' }, { key: 'y', value: '2' }]);
	add(did(4), [{ key: 'keep', value: 'me' }]);
	add(did(5));
	add(did(6));
	add(did(7), [{ key: 'untouched', value: 'yes' }]);
	add(did(8));
	add(did(9));
	add(did(10));
	add(did(11));
	add(did(12));
	for (let i = 0; i < MANY; i++) add(did(100 + i));
	emu.addDesktop({ desktop_id: did(30), computer_name: 'e2e-ip-30', user_name: 'e2e', ip_addresses: ['10.0.0.30'] });
	emu.addDesktop({ desktop_id: did(31), computer_name: 'e2e-ip-31', user_name: 'e2e', ip_addresses: ['10.0.0.31', '10.0.1.31'] });
	emu.addDesktop({ desktop_id: did(32), computer_name: 'e2e-al', user_name: 'al' });
	emu.addDesktop({ desktop_id: did(33), computer_name: 'e2e-alan', user_name: 'alan' });
	emu.addDesktop({ desktop_id: did(34), computer_name: 'e2e-alice', user_name: 'alice' });
	add(did(35));
	add(did(36));
	add(did(37), [{ key: 'x=y', value: 'made in the console' }]);
	add(EXAMPLE_DESKTOPS.onboard[0]);
	add(EXAMPLE_DESKTOPS.onboard[1]);
	add(EXAMPLE_DESKTOPS.cleanup[0], [{ key: 'tmp-build', value: '42' }, { key: 'env', value: 'dev' }]);
	add(EXAMPLE_DESKTOPS.cleanup[1], [{ key: 'tmp-a', value: '' }, { key: 'tmp-b', value: '' }]);
	for (const d of emu.listDesktops()) before[d.desktop_id] = JSON.stringify(d.tags);

	n8n = await N8nInstance.create({ runtime, tarball });
	fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	const creds = active.map((s) => credentialFor(s.auth, s.key, s.legacyRegion ? legacyEmu : emu));
	const exampleCred = credentialFor('token', 'examples');
	await n8n.importCredentials([...creds, exampleCred]);

	const workflows = active.map((s, i) => scenarioWorkflow(s, creds[i]));
	const examples = [
		exampleWorkflow('tag-new-desktops.json', EXAMPLE_DESKTOPS.onboard, exampleCred),
		exampleWorkflow('clean-up-tags.json', EXAMPLE_DESKTOPS.cleanup, exampleCred),
	];
	await n8n.importWorkflows([...workflows, ...examples]);

	const all = await n8n.executeWorkflows([...workflows, ...examples].map((w) => w.id));
	active.forEach((s, i) => (results[s.key] = all[workflows[i].id]));
	exampleResults = {
		onboard: all[examples[0].id],
		cleanup: all[examples[1].id],
	};

	// The same API error once more through `n8n execute`, which reports the full error object.
	const apiWf = workflows[active.findIndex((s) => s.key === 'apiError')];
	const seen = emu.requests.length;
	stopExecute = await n8n.executeWorkflow(apiWf.id);
	apiErrorRequestId = emu.requests.slice(seen).find((r) => r.status === 404)?.requestId ?? '';
}, 30 * 60_000);

afterAll(async () => {
	await n8n?.dispose();
	await emu?.close();
	await legacyEmu?.close();
	if (n8n) {
		const boots = n8n.timings.map((t) => `${t.command} ${(t.ms / 1000).toFixed(1)}s`).join(', ');
		// eslint-disable-next-line no-console
		console.log(`n8n CLI boots: ${boots}`);
	}
});

function ok(key: string): RunResult {
	const r = results[key];
	if (!r.success) throw new Error(`scenario ${key} failed in n8n: ${JSON.stringify(r.error).slice(0, 1500)}`);
	return r;
}

// ---------------------------------------------------------------------------------------------------------------

describe('package loads in real n8n', () => {
	test('the extension folder holds the packed package as a user would drop it in', () => {
		const pkgDir = path.join(n8n.extensionsDir, 'n8n-nodes-huaweicloud-workspace');
		const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
		for (const f of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(fs.existsSync(path.join(pkgDir, f))).toBe(true);
	});
});

describe('every contract operation, token auth', () => {
	test('tag.create', () => {
		const items = itemsOf(ok('tagCreate'), 'Create');
		expect(items).toEqual([expect.objectContaining({ success: true, desktopId: did(1), key: 'team' })]);
		expect(tagsOf(did(1))).toEqual({ team: 'blue' });
		const reqs = byToken('tagCreate');
		expect(reqs.map((r) => `${r.method} ${r.route} ${r.status}`)).toEqual(['POST tag.create 204']);
		expect(JSON.parse(reqs[0].body)).toEqual({ tag: { key: 'team', value: 'blue' } });
	});

	test('tag.getAll gives one item per tag', () => {
		const items = itemsOf(ok('tagGetAll'), 'List');
		expect(items.map((i) => [i.key, i.value ?? ''])).toEqual([
			['a', '1'],
			['b', ''],
		]);
		expect(byToken('tagGetAll').map((r) => r.route)).toEqual(['tag.list']);
	});

	test('tag.delete', () => {
		const items = itemsOf(ok('tagDelete'), 'Delete');
		expect(items).toEqual([expect.objectContaining({ success: true, desktopId: did(3), key: 'x' })]);
		expect(tagsOf(did(3))).toEqual({ y: '2' });
		expect(byToken('tagDelete').map((r) => `${r.method} ${r.rawPath.split('/').slice(-1)[0]}`)).toEqual(['DELETE x']);
	});

	test('tag.batch create then delete', () => {
		const r = ok('tagBatch');
		expect(itemsOf(r, 'Batch create')).toEqual([expect.objectContaining({ success: true, desktopId: did(4) })]);
		expect(itemsOf(r, 'Batch delete')).toEqual([expect.objectContaining({ success: true, desktopId: did(4) })]);
		expect(tagsOf(did(4))).toEqual({ keep: 'me', q: '2' });
		const bodies = byToken('tagBatch').map((q) => JSON.parse(q.body));
		expect(bodies[0]).toMatchObject({ action: 'create', tags: [{ key: 'p', value: '1' }, { key: 'q', value: '2' }, { key: 'r', value: '3' }] });
		expect(bodies[1]).toMatchObject({ action: 'delete' });
		expect(bodies[1].tags.map((t: { key: string }) => t.key)).toEqual(['p', 'r']);
	});

	test('desktop.delete passes the three options', () => {
		const items = itemsOf(ok('desktopDelete'), 'Delete desktop');
		expect(items).toEqual([expect.objectContaining({ success: true, desktopId: did(5) })]);
		expect(emu.getDesktop(did(5))).toBeUndefined();
		const del = emu.deletedDesktops.find((d) => d.desktop_id === did(5));
		expect(del?.query).toEqual({ delete_users: 'true', email_notification: 'false', is_force_delete: 'true' });
	});

	test('desktop.delete with no options leaves the server defaults', () => {
		ok('desktopDeleteDefaults');
		expect(emu.getDesktop(did(6))).toBeUndefined();
		expect(emu.deletedDesktops.find((d) => d.desktop_id === did(6))?.query).toEqual({});
	});
});

describe('invalid input: clear error, no request, state unchanged', () => {
	test.each(['invalidKey', 'invalidDesktopId'])('%s', (key) => {
		const r = results[key];
		expect(r.success).toBe(false);
		if (r.lastNodeExecuted !== 'Create') throw new Error(`expected a failure on node Create, got ${JSON.stringify(r.error)}`);
		expect(String(r.error?.message ?? '')).not.toBe('');
		expect(byToken(key)).toHaveLength(0);
	});

	test('a literal desktop ID that fails the field regex: the run fails and nothing is sent', () => {
		expect(results.staticInvalidDesktopId.success).toBe(false);
		expect(byToken('staticInvalidDesktopId')).toHaveLength(0);
	});

	test('the invalid desktop ID error names the field', () => {
		expect(String(results.invalidDesktopId.error?.message)).toMatch(/desktop/i);
	});

	test('the invalid key error names the key', () => {
		expect(String(results.invalidKey.error?.message)).toMatch(/key/i);
		expect(JSON.stringify(emu.getDesktop(did(7))?.tags)).toBe(before[did(7)]);
	});
});

describe('API errors', () => {
	test('unknown desktop: the workflow stops on the node (execute-batch summary)', () => {
		const r = results.apiError;
		expect(r.success).toBe(false);
		expect(r.lastNodeExecuted).toBe('Create');
		expect(byToken('apiError').map((q) => q.status)).toContain(404);
	});

	test('unknown desktop: the error carries the Huawei error code and X-Request-Id (n8n execute)', () => {
		expect(stopExecute).toBeDefined();
		const r = stopExecute!;
		expect(r.success).toBe(false);
		const text = JSON.stringify(r.error) + JSON.stringify(r.runData.Create ?? '');
		expect(text).toContain('WKS.0202');
		expect(apiErrorRequestId).not.toBe('');
		expect(text).toContain(apiErrorRequestId);
	});

	test('continue on fail: the failing item carries the error, the others succeed', () => {
		const r = ok('continueOnFail');
		const run = r.runData.Create[0];
		const items = run.data?.main?.[0] ?? [];
		expect(items).toHaveLength(3);
		expect(items[0].json).toMatchObject({ success: true, desktopId: did(8) });
		expect(items[2].json).toMatchObject({ success: true, desktopId: did(9) });
		expect(JSON.stringify(items[1])).toContain('WKS.0202');
		expect(tagsOf(did(8))).toEqual({ cof: 'yes' });
		expect(tagsOf(did(9))).toEqual({ cof: 'yes' });
	});
});

describe("what Huawei's SDK says, in real n8n", () => {
	test('Desktop > Get Many by Desktop IDs: one request naming both, Simplify keeps the IP the list answers', () => {
		const items = itemsOf(ok('listIpAndIds'), 'Get Many');
		expect(items.map((i) => [i.desktop_id, i.ip_address])).toEqual([
			[did(30), '10.0.0.30'],
			[did(31), '10.0.0.31'],
		]);
		const [request] = byToken('listIpAndIds');
		expect(new URLSearchParams(request.query).getAll('desktop_id')).toEqual([did(30), did(31)]);
	});

	test('User Name "al": Exact keeps only al, Contains gives what Huawei matched', () => {
		const r = ok('exactUser');
		expect(itemsOf(r, 'Exact').map((i) => i.desktop_id)).toEqual([did(32)]);
		const contains = itemsOf(r, 'Contains').map((i) => i.desktop_id);
		expect(contains).toEqual(expect.arrayContaining([did(32), did(33), did(34)]));
		for (const item of itemsOf(r, 'Contains')) expect(String(item.user_name)).toMatch(/al/i);
	});

	test('Add to Many Desktops: an unknown desktop fails its item and is never reported as tagged', () => {
		const run = ok('bulkUnknown').runData['Add to many'][0];
		const items = run.data?.main?.[0] ?? [];
		expect(items.map((i) => i.json.tagged ?? false)).toEqual([true, false, true]);
		expect(String(items[1].json.error)).toContain(`Desktop ${UNKNOWN_DESKTOP} was not found in this project: no tags were added`);
		expect(tagsOf(did(35))).toEqual({ team: 'x' });
		expect(tagsOf(did(36))).toEqual({ team: 'x' });
		expect(byToken('bulkUnknown').map((q) => q.route)).toEqual(['desktop.list', 'desktop.batchTags']);
	});

	test('a tag with "=" can be created, and one made in the console removed', () => {
		ok('equalsInTag');
		expect(tagsOf(did(37))).toEqual({ 'a=b': 'c=d' });
	});

	test('Tag Conditions in a region without the new path: the deprecated path once, then remembered', () => {
		const r = ok('legacySearch');
		expect(itemsOf(r, 'Search').map((i) => i.desktop_id)).toEqual([did(40)]);
		expect(itemsOf(r, 'Search again').map((i) => i.desktop_id)).toEqual([did(40)]);
		const sent = legacyEmu.requests.filter((q) => q.headers['x-auth-token'] === tokens.legacySearch);
		expect(sent.map((q) => `${q.route} ${q.status}`)).toEqual(['desktop.filter 404', 'desktop.filterLegacy 200', 'desktop.filterLegacy 200']);
	});
});

describe('many items', () => {
	test(`${MANY} items in one run: one request and one output item each, paired`, () => {
		const r = ok('manyItems');
		const items = r.runData.Create[0].data?.main?.[0] ?? [];
		expect(items).toHaveLength(MANY);
		items.forEach((it, i) => {
			expect(it.json).toMatchObject({ success: true, desktopId: did(100 + i) });
			expect(it.pairedItem).toMatchObject({ item: i });
		});
		expect(byToken('manyItems')).toHaveLength(MANY);
		for (let i = 0; i < MANY; i++) expect(tagsOf(did(100 + i))).toEqual({ 'batch-run': `item-${i}` });
	});
});

describe('other authentication modes', () => {
	(HAS_PASSWORD ? test : test.skip)('password: logs in through IAM, then works', () => {
		const r = ok('passwordAuth');
		expect(itemsOf(r, 'List')).toEqual([{ key: 'via', value: 'password' }].map((t) => expect.objectContaining(t)));
		expect(emu.iamLogins).toBeGreaterThanOrEqual(1);
		expect(emu.requests.filter((q) => q.route === 'iam.login' && q.status === 201).length).toBeGreaterThanOrEqual(1);
		expect(tagsOf(did(10))).toEqual({ via: 'password' });
	});

	(HAS_ACCESS_KEY ? test : test.skip)('access key: requests are SDK-HMAC-SHA256 signed', () => {
		const r = ok('accessKeyAuth');
		expect(itemsOf(r, 'List')).toEqual([expect.objectContaining({ key: 'via key', value: 'ak-sk' })]);
		const reqs = byDesktop(did(11));
		expect(reqs.length).toBe(2);
		for (const q of reqs) {
			expect(q.headers.authorization).toMatch(/^SDK-HMAC-SHA256 Access=EMULATORAK0000000001,/);
			expect(q.status).toBeLessThan(300);
		}
	});

	(HAS_ACCESS_KEY ? test : test.skip)('temporary access key: sends and signs the security token', () => {
		ok('tempAccessKeyAuth');
		const [q] = byDesktop(did(12));
		expect(q.headers['x-security-token']).toBe(emu.credentials.securityToken);
		expect(q.headers.authorization).toMatch(/SignedHeaders=[^,]*x-security-token/);
		expect(tagsOf(did(12))).toEqual({ via: 'temporary key' });
	});
});

describe('examples/ run as shipped (desktop IDs swapped)', () => {
	test('tag-new-desktops', () => {
		const r = exampleResults.onboard;
		expect(r.success).toBe(true);
		for (const id of EXAMPLE_DESKTOPS.onboard) {
			expect(tagsOf(id)).toEqual(
				expect.objectContaining({ team: 'engineering', 'cost-center': 'cc-1001', onboarded: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) }),
			);
		}
		expect(itemsOf(r, 'List tags')).toHaveLength(6);
	});

	test('clean-up-tags', () => {
		expect(exampleResults.cleanup.success).toBe(true);
		expect(tagsOf(EXAMPLE_DESKTOPS.cleanup[0])).toEqual({ env: 'dev' });
		expect(tagsOf(EXAMPLE_DESKTOPS.cleanup[1])).toEqual({});
	});
});

describe('hygiene', () => {
	test('no secret appears in anything n8n printed, logged or returned', () => {
		const text = n8n.transcript.join('\n');
		const c = emu.credentials;
		const secrets = [c.password, c.secretAccessKey, c.tempSecretAccessKey, c.securityToken, ...Object.values(tokens)];
		for (const s of secrets) expect(text.includes(s)).toBe(false);
	});

	test('untouched seed desktops kept their tags', () => {
		for (const d of emu.listDesktops().filter((x) => x.desktop_id.startsWith('de500000'))) {
			expect(JSON.stringify(d.tags)).toBe(before[d.desktop_id]);
		}
	});

	test('every example is loaded by an end-to-end test (so none can rot unnoticed)', () => {
		const suites = fs
			.readdirSync(path.join(REPO_ROOT, 'test', 'e2e'))
			.filter((f) => f.endsWith('.e2e.test.ts'))
			.map((f) => fs.readFileSync(path.join(REPO_ROOT, 'test', 'e2e', f), 'utf8'));
		const loaded = (file: string) => suites.some((text) => new RegExp(`(loadExample|runExample|exampleWorkflow|file:)[^\\n]*'${file}'`).test(text));
		const examples = fs.readdirSync(path.join(REPO_ROOT, 'examples')).filter((x) => x.endsWith('.json'));
		expect(examples.filter((file) => !loaded(file))).toEqual([]);
	});

	test('examples use the community package node type and a placeholder credential', () => {
		for (const f of fs.readdirSync(path.join(REPO_ROOT, 'examples')).filter((x) => x.endsWith('.json'))) {
			const wf = loadExample(f);
			const hw = wf.nodes.filter((n) => n.type.endsWith('.huaweiCloudWorkspace'));
			const triggers = wf.nodes.filter((n) => n.type.endsWith('.huaweiCloudWorkspaceTrigger'));
			expect(hw.length + triggers.length).toBeGreaterThan(0);
			for (const n of hw) expect(n.type).toBe(COMMUNITY_NODE_TYPE);
			for (const n of triggers) expect(n.type).toBe(COMMUNITY_TRIGGER_TYPE);
		}
	});
});
