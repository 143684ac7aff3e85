/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-imports -- developer and test tooling: runs under Node, never shipped in the n8n package */
/**
 * The credential in REAL n8n, outside our own node (issue 3):
 *
 * 1. n8n's HTTP Request node with "Predefined Credential Type" = Huawei Cloud Workspace API. That node hands
 *    `authenticate` the legacy request shape (`uri` absolute, `qs`, object `body`, `json:false`), so this is the
 *    path users take to call any Huawei Cloud API. Every scenario is a workflow of its own, all of them run in
 *    ONE `execute-batch`; the emulator verifies every AK/SK signature with its own verifier and records what
 *    arrived. Scenarios use desktops (or queries) of their own, so the request log splits per scenario.
 * 2. The credential's Test button: `n8n start` once, owner set up and logged in over REST, then
 *    POST /rest/credentials/test (what the editor calls) for good and bad credentials in all three modes.
 *    The endpoint wants a stored credential id (`credentials.id`), so each case is imported first, the way the
 *    editor saves a credential before testing it; the body's `data` is what gets tested.
 *
 * n8n boots: import:credentials, import:workflow, execute-batch (with --retries=0: by default it runs a failed
 * workflow a second time, which would send the wrong-secret request twice), start.
 *
 * Found here: the real tester matches its `responseCode` rules on `error.cause.response.status`, not on
 * `httpCode`, so the credential's "not re-signed" error carries a `response` with status 401.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator, type Emulator, type RecordedRequest } from '../emulator';
import {
	buildAndPack,
	CREDENTIAL_TYPE,
	ensureRuntime,
	httpRequestNodeVersion,
	n8nMajor,
	readRuntimeVersions,
	itemsOf,
	N8nInstance,
	n8nId,
	randomFreePort,
	type CredentialJson,
	nodeError,
	type JsonObject,
	type RunResult,
	type StartedN8n,
	type WorkflowJson,
} from './n8n';

/** The HTTP Request node's newest version in the runtime under test (its `defaultVersion`: what a new node gets). */
let httpRequestVersion = 0;
/**
 * n8n 1.x differs in two things n8n does, not the credential: its HTTP Request node does not apply a
 * credential's Allowed HTTP Request Domains (1.85.4, 1.123.81), and 1.123.81's Test button answers a 401/403 with
 * its own generic sentence instead of the credential's `rules` message (still an Error; 1.85.4 shows the rule).
 */
const N8N_1X = n8nMajor() < 2;
const GENERIC_TEST_ANSWER = N8N_1X && readRuntimeVersions().n8nVersion.startsWith('1.123.');
const d = (n: number) => `e2ec0000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const UNICODE_KEY = 'Kostenstelle ü';
const RAW_KEY = 'Raum 2 ü';
/** Owner of the throwaway instance started here. */
const OWNER = { email: 'e2e-owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-Owner-Passw0rd' };

/**
 * `domainsOther` and `domainsLoopback`: token credentials with n8n's own "Allowed HTTP Request Domains"
 * set to specific domains (example.com, resp. 127.0.0.1), which must keep working on top of the
 * credential's own host rule.
 */
type Auth = 'accessKey' | 'tempAccessKey' | 'token' | 'password' | 'wrongSecret' | 'domainsOther' | 'domainsLoopback';

interface HttpScenario {
	key: string;
	auth: Auth;
	method: 'GET' | 'POST' | 'DELETE';
	/** Path and query after the emulator's origin, exactly as a user would type it into the URL field. */
	url: (p: string) => string;
	/** Send to the second local server (not Huawei, not the credential's endpoint) instead of the emulator. */
	stranger?: boolean;
	query?: Array<{ name: string; value: string }>;
	jsonBody?: string;
}

const httpScenarios: HttpScenario[] = [
	// (a) query in the URL: space, an encoded plus, raw Unicode
	{ key: 'getQueryInUrl', auth: 'accessKey', method: 'GET', url: (p) => `/v2/${p}/desktops?limit=2&computer_name=2%2Bü B` },
	// (a') the same query through the node's Query Parameters (arrives as `qs`)
	{
		key: 'getQueryFields',
		auth: 'accessKey',
		method: 'GET',
		url: (p) => `/v2/${p}/desktops`,
		query: [
			{ name: 'limit', value: '3' },
			{ name: 'computer_name', value: '2+ü B' },
		],
	},
	// a bare `+` typed into the URL's query
	{ key: 'getPlusInUrl', auth: 'accessKey', method: 'GET', url: (p) => `/v2/${p}/desktops?limit=4&computer_name=2+ü` },
	// (b) POST with a JSON body, AK/SK
	{
		key: 'postTagAk',
		auth: 'accessKey',
		method: 'POST',
		url: (p) => `/v2/${p}/desktops/${d(2)}/tags`,
		jsonBody: '{"tag":{"key":"via-http","value":"ok"}}',
	},
	// (c) temporary keys + security token
	{
		key: 'postTagTemp',
		auth: 'tempAccessKey',
		method: 'POST',
		url: (p) => `/v2/${p}/desktops/${d(3)}/tags`,
		jsonBody: '{"tag":{"key":"via-http","value":"temp"}}',
	},
	// (d) token mode
	{
		key: 'postTagToken',
		auth: 'token',
		method: 'POST',
		url: (p) => `/v2/${p}/desktops/${d(4)}/tags`,
		jsonBody: '{"tag":{"key":"via-http","value":"token"}}',
	},
	// password mode: logs in through preAuthentication, then sends the token
	{ key: 'getTagsPassword', auth: 'password', method: 'GET', url: (p) => `/v2/${p}/desktops/${d(9)}/tags` },
	// (e) DELETE with an encoded Unicode/space key in the path
	{
		key: 'deleteEncodedKey',
		auth: 'accessKey',
		method: 'DELETE',
		url: (p) => `/v2/${p}/desktops/${d(5)}/tags/${encodeURIComponent(UNICODE_KEY)}`,
	},
	// (e') the same key typed raw into the URL field
	{ key: 'deleteRawKey', auth: 'accessKey', method: 'DELETE', url: (p) => `/v2/${p}/desktops/${d(6)}/tags/${RAW_KEY}` },
	// a wrong secret key: one signed request, not re-signed after the 401
	{ key: 'wrongSecretHttp', auth: 'wrongSecret', method: 'GET', url: (p) => `/v2/${p}/desktops/${d(7)}/tags` },
	// another local server, in every mode: refused before sending
	...(['token', 'password', 'accessKey', 'tempAccessKey'] as const).map(
		(auth): HttpScenario => ({
			key: `stranger_${auth}`,
			auth,
			method: 'POST',
			url: (p) => `/v2/${p}/desktops/${d(2)}/tags`,
			jsonBody: '{"tag":{"key":"stolen","value":"1"}}',
			stranger: true,
		}),
	),
	// n8n's Allowed HTTP Request Domains still applies: example.com only blocks the emulator ...
	{ key: 'domainsBlockEmulator', auth: 'domainsOther', method: 'GET', url: (p) => `/v2/${p}/desktops/${d(10)}/tags` },
	// ... 127.0.0.1 lets the emulator through ...
	{ key: 'domainsAllowEmulator', auth: 'domainsLoopback', method: 'GET', url: (p) => `/v2/${p}/desktops/${d(11)}/tags` },
	// ... and does not open another port of 127.0.0.1, which the credential's own rule refuses
	{ key: 'domainsStranger', auth: 'domainsLoopback', method: 'GET', url: (p) => `/v2/${p}/desktops/${d(11)}/tags`, stranger: true },
];

interface StrangerRequest {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
}

/** A second local HTTP server that records whatever reaches it. */
async function startStranger(): Promise<{ url: string; received: StrangerRequest[]; close: () => Promise<void> }> {
	const received: StrangerRequest[] = [];
	const srv: Server = createServer((req, res) => {
		received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
		req.resume();
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end('{}');
	});
	await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`,
		received,
		close: async () => await new Promise<void>((resolve) => srv.close(() => resolve())),
	};
}

let emu: Emulator;
let stranger: Awaited<ReturnType<typeof startStranger>>;
let n8n: N8nInstance;
let server: StartedN8n | undefined;
let results: Record<string, RunResult> = {};
let token = '';
/** The emulator's request log and IAM login count right after the batch (the Test button runs later). */
let httpRequests: RecordedRequest[] = [];
let httpIamLogins = 0;
const cred = (auth: Auth) => ({ id: n8nId(`crhttp${auth}`), name: `e2e http ${auth}` });
const wfId = (key: string) => n8nId(`wfcred${key}`);
const started = Date.now();

function credentialData(auth: Auth | 'expiredToken' | 'foreignToken' | 'wrongPassword'): Record<string, unknown> {
	const c = emu.credentials;
	const base = { region: 'ap-southeast-1', projectId: emu.projectId, workspaceEndpoint: emu.url, iamEndpoint: emu.url };
	switch (auth) {
		case 'accessKey':
			return { ...base, authType: 'accessKey', accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey };
		case 'wrongSecret':
			return { ...base, authType: 'accessKey', accessKeyId: c.accessKeyId, secretAccessKey: `${c.secretAccessKey}-wrong` };
		case 'tempAccessKey':
			return {
				...base,
				authType: 'accessKey',
				accessKeyId: c.tempAccessKeyId,
				secretAccessKey: c.tempSecretAccessKey,
				securityToken: c.securityToken,
			};
		case 'token':
			return { ...base, authType: 'token', token };
		case 'domainsOther':
			return { ...base, authType: 'token', token, allowedHttpRequestDomains: 'domains', allowedDomains: 'example.com' };
		case 'domainsLoopback':
			return { ...base, authType: 'token', token, allowedHttpRequestDomains: 'domains', allowedDomains: '127.0.0.1' };
		case 'expiredToken':
			return { ...base, authType: 'token', token: emu.issueToken({ ttlMs: 1 }) };
		case 'foreignToken':
			return { ...base, authType: 'token', token: emu.issueToken({ projectId: 'ff'.repeat(16) }) };
		case 'password':
			return { ...base, authType: 'password', domainName: c.domainName, userName: c.userName, password: c.password };
		case 'wrongPassword':
			return { ...base, authType: 'password', domainName: c.domainName, userName: c.userName, password: `${c.password}-wrong` };
	}
}

function httpWorkflow(s: HttpScenario): WorkflowJson {
	const parameters: Record<string, unknown> = {
		method: s.method,
		url: `${s.stranger ? stranger.url : emu.url}${s.url(emu.projectId)}`,
		authentication: 'predefinedCredentialType',
		nodeCredentialType: CREDENTIAL_TYPE,
		options: { response: { response: { fullResponse: true } } },
	};
	if (s.query) {
		parameters.sendQuery = true;
		parameters.queryParameters = { parameters: s.query };
	}
	if (s.jsonBody !== undefined) {
		Object.assign(parameters, { sendBody: true, contentType: 'json', specifyBody: 'json', jsonBody: s.jsonBody });
	}
	const { id, name } = cred(s.auth);
	return {
		id: wfId(s.key),
		name: `e2e credential ${s.key}`,
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				name: 'HTTP',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: httpRequestVersion,
				position: [220, 0],
				parameters,
				credentials: { [CREDENTIAL_TYPE]: { id, name } },
			},
		],
		connections: { Start: { main: [[{ node: 'HTTP', type: 'main', index: 0 }]] } },
	};
}

/** The HTTP node's full response (fullResponse on): statusCode, headers, body. */
function response(key: string): { statusCode: number; body: JsonObject } {
	const r = results[key];
	expect(r.error).toBeUndefined();
	const items = itemsOf(r, 'HTTP');
	expect(items).toHaveLength(1);
	const item = items[0] as { statusCode: number; body: JsonObject | string };
	return { statusCode: item.statusCode, body: typeof item.body === 'object' && item.body !== null ? item.body : {} };
}

/** Requests of the batch to a path (raw, still encoded) and, optionally, with a raw query. */
function sent(rawPath: string, query?: string): RecordedRequest[] {
	return httpRequests.filter((r) => r.rawPath === rawPath && (query === undefined || r.query === query));
}

// Credential-test cases: each is stored first (the endpoint needs an id), then tested with its data in the body.
const testCases = ['token', 'password', 'accessKey', 'expiredToken', 'wrongSecret', 'wrongPassword', 'foreignToken'] as const;
type TestCase = (typeof testCases)[number];
const testCred = (c: TestCase) => ({ id: n8nId(`crtest${c}`), name: `e2e test button ${c}` });

interface TestAnswer {
	status: string;
	message: string;
}
const answers: Partial<Record<TestCase, TestAnswer>> = {};
/** Emulator requests made while testing each case. */
const testRequests: Partial<Record<TestCase, RecordedRequest[]>> = {};
const testIamLogins: Partial<Record<TestCase, number>> = {};

beforeAll(async () => {
	const runtime = await ensureRuntime();
	httpRequestVersion = httpRequestNodeVersion(runtime);
	const tarball = await buildAndPack();
	emu = await startEmulator();
	stranger = await startStranger();
	emu.addDesktop({ desktop_id: d(1), computer_name: 'Raum 2+ü Büro' });
	emu.addDesktop({ desktop_id: d(8), computer_name: 'Raum 2 ü Lager' });
	emu.addDesktop({ desktop_id: d(10), computer_name: 'http-10', tags: [{ key: 'n8n', value: 'blocked' }] });
	emu.addDesktop({ desktop_id: d(11), computer_name: 'http-11', tags: [{ key: 'n8n', value: 'allowed' }] });
	for (const n of [2, 3, 4, 7]) emu.addDesktop({ desktop_id: d(n), computer_name: `http-${n}` });
	emu.addDesktop({ desktop_id: d(9), computer_name: 'http-9', tags: [{ key: 'pw', value: '1' }] });
	emu.addDesktop({ desktop_id: d(5), computer_name: 'http-5', tags: [{ key: UNICODE_KEY, value: 'x' }, { key: 'keep', value: '1' }] });
	emu.addDesktop({ desktop_id: d(6), computer_name: 'http-6', tags: [{ key: RAW_KEY, value: 'y' }, { key: 'keep', value: '1' }] });
	token = emu.issueToken();

	n8n = await N8nInstance.create({ runtime, tarball });
	const auths: Auth[] = ['accessKey', 'tempAccessKey', 'token', 'password', 'wrongSecret', 'domainsOther', 'domainsLoopback'];
	const creds: CredentialJson[] = [
		...auths.map((a) => ({ ...cred(a), type: CREDENTIAL_TYPE, data: credentialData(a) })),
		...testCases.map((c) => ({ ...testCred(c), type: CREDENTIAL_TYPE, data: credentialData(c) })),
	];
	await n8n.importCredentials(creds);
	await n8n.importWorkflows(httpScenarios.map(httpWorkflow));
	emu.clearRequests();
	// retries: 0, or execute-batch runs the failing wrong-secret workflow a second time
	const byId = await n8n.executeWorkflows(httpScenarios.map((s) => wfId(s.key)), { retries: 0 });
	results = Object.fromEntries(httpScenarios.map((s) => [s.key, byId[wfId(s.key)]]));
	httpRequests = [...emu.requests];
	httpIamLogins = emu.iamLogins;

	// The Test button, through the REST API of a running n8n.
	server = await n8n.start(await randomFreePort());
	const base = `http://127.0.0.1:${new URL(server.url).port}`;
	const setup = await fetch(`${base}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	if (!setup.ok) throw new Error(`owner setup answered ${setup.status}`);
	const browserId = randomUUID();
	const login = await fetch(`${base}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': browserId },
		body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
	});
	if (!login.ok) throw new Error(`login answered ${login.status}`);
	const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
	for (const c of testCases) {
		emu.clearRequests();
		const res = await fetch(`${base}/rest/credentials/test`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie, 'browser-id': browserId },
			body: JSON.stringify({ credentials: { ...testCred(c), type: CREDENTIAL_TYPE, data: credentialData(c) } }),
		});
		if (!res.ok) throw new Error(`credential test ${c}: HTTP ${res.status}`);
		const json = (await res.json()) as { data?: TestAnswer } & Partial<TestAnswer>;
		answers[c] = json.data ?? { status: String(json.status), message: String(json.message) };
		testRequests[c] = [...emu.requests];
		testIamLogins[c] = emu.iamLogins;
	}
});

afterAll(async () => {
	await server?.stop();
	await n8n?.dispose();
	await emu?.close();
	await stranger?.close();
	// eslint-disable-next-line no-console -- run time of this file, for the report
	console.log(`credential.e2e: ${Math.round((Date.now() - started) / 1000)} s`);
});

describe('HTTP Request node, Predefined Credential Type = Huawei Cloud Workspace API', () => {
	test('(a) GET with space, encoded plus and Unicode typed into the URL: signature accepted, query strictly encoded', () => {
		const r = response('getQueryInUrl');
		expect(r.statusCode).toBe(200);
		expect(r.body.desktops).toEqual([expect.objectContaining({ desktop_id: d(1), computer_name: 'Raum 2+ü Büro' })]);
		const [req, ...more] = sent(`/v2/${emu.projectId}/desktops`, 'computer_name=2%2B%C3%BC%20B&limit=2');
		expect(more).toHaveLength(0);
		expect(req).toMatchObject({ auth: 'aksk', status: 200 });
		expect(req.headers.authorization).toMatch(/^SDK-HMAC-SHA256 Access=EMULATORAK0000000001, SignedHeaders=/);
	});

	test("(a') the same query through the node's Query Parameters (qs) arrives identically", () => {
		const r = response('getQueryFields');
		expect(r.statusCode).toBe(200);
		expect(r.body.desktops).toEqual([expect.objectContaining({ desktop_id: d(1) })]);
		const reqs = sent(`/v2/${emu.projectId}/desktops`, 'computer_name=2%2B%C3%BC%20B&limit=3');
		expect(reqs.map((q) => [q.auth, q.status])).toEqual([['aksk', 200]]);
	});

	test('a bare "+" typed into the URL query is read as a space (form encoding) and signed as %20', () => {
		const r = response('getPlusInUrl');
		expect(r.statusCode).toBe(200);
		expect(r.body.desktops).toEqual([expect.objectContaining({ desktop_id: d(8), computer_name: 'Raum 2 ü Lager' })]);
		const reqs = sent(`/v2/${emu.projectId}/desktops`, 'computer_name=2%20%C3%BC&limit=4');
		expect(reqs.map((q) => [q.auth, q.status])).toEqual([['aksk', 200]]);
	});

	test('(b) POST with a JSON body, AK/SK: the tag exists and the signed body is the sent body', () => {
		expect(response('postTagAk').statusCode).toBe(204);
		expect(emu.getDesktop(d(2))?.tags).toEqual([{ key: 'via-http', value: 'ok' }]);
		const reqs = sent(`/v2/${emu.projectId}/desktops/${d(2)}/tags`);
		expect(reqs).toHaveLength(1);
		expect(reqs[0]).toMatchObject({ auth: 'aksk', status: 204, route: 'tag.create' });
		expect(JSON.parse(reqs[0].body)).toEqual({ tag: { key: 'via-http', value: 'ok' } });
		expect(reqs[0].headers['content-type']).toMatch(/^application\/json/);
		expect(reqs[0].headers['x-security-token']).toBeUndefined();
	});

	test('(c) temporary access key + security token: signed, X-Security-Token sent, tag created', () => {
		expect(response('postTagTemp').statusCode).toBe(204);
		expect(emu.getDesktop(d(3))?.tags).toEqual([{ key: 'via-http', value: 'temp' }]);
		const reqs = sent(`/v2/${emu.projectId}/desktops/${d(3)}/tags`);
		expect(reqs).toHaveLength(1);
		expect(reqs[0]).toMatchObject({ auth: 'aksk', status: 204 });
		expect(reqs[0].headers.authorization).toMatch(/^SDK-HMAC-SHA256 Access=EMULATORTEMPAK000001, /);
		expect(reqs[0].headers['x-security-token']).toBe(emu.credentials.securityToken);
		expect(reqs[0].headers.authorization).toMatch(/SignedHeaders=[^,]*x-security-token/);
	});

	test('(d) token mode sends X-Auth-Token and no signature', () => {
		expect(response('postTagToken').statusCode).toBe(204);
		expect(emu.getDesktop(d(4))?.tags).toEqual([{ key: 'via-http', value: 'token' }]);
		const reqs = sent(`/v2/${emu.projectId}/desktops/${d(4)}/tags`);
		expect(reqs).toHaveLength(1);
		expect(reqs[0]).toMatchObject({ auth: 'token', status: 204 });
		expect(reqs[0].headers['x-auth-token']).toBe(token);
		expect(reqs[0].headers.authorization).toBeUndefined();
	});

	test('password mode logs in once and sends the session token', () => {
		const r = response('getTagsPassword');
		expect(r.statusCode).toBe(200);
		expect(r.body).toEqual({ tags: [{ key: 'pw', value: '1' }] });
		expect(httpIamLogins).toBe(1);
		const reqs = sent(`/v2/${emu.projectId}/desktops/${d(9)}/tags`);
		expect(reqs).toHaveLength(1);
		expect(reqs[0]).toMatchObject({ auth: 'token', status: 200 });
		expect(reqs[0].headers['x-auth-token']).not.toBe(token);
	});

	test('(e) DELETE of a key with a space and Unicode, encoded in the URL: signed and removed', () => {
		expect(response('deleteEncodedKey').statusCode).toBe(204);
		expect(emu.getDesktop(d(5))?.tags).toEqual([{ key: 'keep', value: '1' }]);
		const reqs = sent(`/v2/${emu.projectId}/desktops/${d(5)}/tags/Kostenstelle%20%C3%BC`);
		expect(reqs.map((q) => [q.method, q.auth, q.status, q.segments[5]])).toEqual([['DELETE', 'aksk', 204, UNICODE_KEY]]);
		expect(reqs[0].body).toBe('');
	});

	test("(e') the same with the key typed raw (space, Unicode) into the URL field", () => {
		expect(response('deleteRawKey').statusCode).toBe(204);
		expect(emu.getDesktop(d(6))?.tags).toEqual([{ key: 'keep', value: '1' }]);
		const reqs = sent(`/v2/${emu.projectId}/desktops/${d(6)}/tags/Raum%202%20%C3%BC`);
		expect(reqs.map((q) => [q.method, q.auth, q.status])).toEqual([['DELETE', 'aksk', 204]]);
	});

	test('a wrong secret key: the run fails after exactly ONE signed request (no re-signing after the 401)', () => {
		const r = results.wrongSecretHttp;
		expect(r.success).toBe(false);
		const reqs = sent(`/v2/${emu.projectId}/desktops/${d(7)}/tags`);
		expect(reqs.map((q) => [q.auth, q.status])).toEqual([['aksk', 401]]);
		expect(emu.isAccessKeyLocked(emu.credentials.accessKeyId)).toBe(false);
	});

	test('every AK/SK request the batch sent was accepted except the wrong-secret one', () => {
		const aksk = httpRequests.filter((q) => q.auth === 'aksk');
		expect(aksk).toHaveLength(8);
		expect(aksk.filter((q) => q.status === 401)).toHaveLength(1);
	});
});

/** The message the HTTP node failed with (node error, else the run's). */
function failure(key: string): string {
	const r = results[key];
	expect(r.success).toBe(false);
	return String(nodeError(r, 'HTTP')?.message ?? r.error?.message ?? '');
}

describe('the credential goes only to Huawei hosts and its own endpoints', () => {
	test.each(['token', 'password', 'accessKey', 'tempAccessKey'] as const)(
		'%s: a POST to another local server is refused before sending, naming the host and how to allow it',
		(auth) => {
			const message = failure(`stranger_${auth}`);
			expect(message).toContain(`not sent to ${new URL(stranger.url).host}`);
			expect(message).toContain('Extra Allowed Hosts');
			const run = JSON.stringify(results[`stranger_${auth}`]);
			const c = emu.credentials;
			for (const secret of [token, c.password, c.secretAccessKey, c.tempSecretAccessKey, c.securityToken]) {
				expect(run).not.toContain(secret);
			}
		},
	);

	test('the other server received nothing at all', () => {
		expect(stranger.received).toEqual([]);
	});

	test('a refused password-mode request costs no extra IAM login (one login for the whole batch)', () => {
		expect(httpIamLogins).toBe(1);
	});

	test("n8n's Allowed HTTP Request Domains still blocks a host it does not list, even the credential's endpoint", () => {
		if (N8N_1X) {
			expect(response('domainsBlockEmulator').statusCode).toBe(200);
			expect(sent(`/v2/${emu.projectId}/desktops/${d(10)}/tags`)).toHaveLength(1);
			return;
		}
		expect(failure('domainsBlockEmulator')).toMatch(/Domain not allowed/);
		expect(sent(`/v2/${emu.projectId}/desktops/${d(10)}/tags`)).toHaveLength(0);
	});

	test("n8n's Allowed HTTP Request Domains listing 127.0.0.1 lets the emulator through", () => {
		const r = response('domainsAllowEmulator');
		expect(r.statusCode).toBe(200);
		expect(r.body).toEqual({ tags: [{ key: 'n8n', value: 'allowed' }] });
		const reqs = sent(`/v2/${emu.projectId}/desktops/${d(11)}/tags`);
		expect(reqs.map((q) => [q.auth, q.status])).toEqual([['token', 200]]);
	});

	test("...but not another port of 127.0.0.1: the credential's own rule applies on top", () => {
		expect(failure('domainsStranger')).toContain(`not sent to ${new URL(stranger.url).host}`);
	});
});

describe("the credential's Test button (POST /rest/credentials/test)", () => {
	const rule = (code: number) => {
		const m = new RegExp(`\\(${code}\\)`);
		return expect.stringMatching(m);
	};

	test.each(['token', 'password', 'accessKey'] as const)('valid %s credentials: OK', (c) => {
		expect(answers[c]).toEqual({ status: 'OK', message: 'Connection successful!' });
		const reqs = (testRequests[c] ?? []).filter((q) => q.route === 'desktop.list');
		expect(reqs.map((q) => [q.status, q.query])).toEqual([[200, 'limit=1']]);
	});

	test('password mode logs in once for the test', () => {
		expect(testIamLogins.password).toBe(1);
	});

	test("expired token: the credential's 401 message", () => {
		if (GENERIC_TEST_ANSWER) {
			expect(answers.expiredToken).toEqual({ status: 'Error', message: 'Authorization failed - please check your credentials' });
			return;
		}
		expect(answers.expiredToken).toEqual({ status: 'Error', message: rule(401) });
		expect(answers.expiredToken?.message).toMatch(/^Huawei Cloud rejected the credentials \(401\)/);
	});

	test("wrong secret key: the credential's 401 message, after exactly ONE signed request", () => {
		// n8n re-authenticates after the 401; the credential refuses to re-sign and throws. The real tester matches
		// its rules on `cause.response.status`, so that error must carry one (without it: "Authorization failed").
		expect(answers.wrongSecret).toEqual({ status: 'Error', message: answers.expiredToken?.message });
		if (!GENERIC_TEST_ANSWER) expect(answers.wrongSecret?.message).toMatch(/signature does not match \(check the secret key and this machine's clock\)/);
		const reqs = testRequests.wrongSecret ?? [];
		expect(reqs.map((q) => [q.auth, q.status])).toEqual([['aksk', 401]]);
	});

	test("wrong password: IAM's login failure, in the user's words", () => {
		expect(answers.wrongPassword?.status).toBe('Error');
		expect(answers.wrongPassword?.message).toMatch(/IAM login failed for IAM user "demo-user" of account "demo-account"/);
		expect(answers.wrongPassword?.message).not.toContain(emu.credentials.password);
		expect((testRequests.wrongPassword ?? []).filter((q) => q.route === 'desktop.list')).toHaveLength(0);
	});

	test("token for another project: the credential's 403 message", () => {
		if (GENERIC_TEST_ANSWER) {
			expect(answers.foreignToken).toEqual({ status: 'Error', message: 'Forbidden - perhaps check your credentials?' });
			return;
		}
		expect(answers.foreignToken).toEqual({ status: 'Error', message: rule(403) });
		expect(answers.foreignToken?.message).toMatch(/^The credentials are valid but may not use Workspace in this project/);
	});

	test('no secret appears in any answer', () => {
		const text = JSON.stringify(answers);
		const c = emu.credentials;
		for (const secret of [c.secretAccessKey, c.tempSecretAccessKey, c.securityToken, c.password, token]) {
			expect(text).not.toContain(secret);
		}
	});
});
