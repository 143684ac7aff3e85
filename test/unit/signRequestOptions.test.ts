/* eslint-disable @n8n/community-nodes/no-restricted-imports -- developer and test tooling: runs under Node, never shipped in the n8n package */
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import type { ICredential } from '@huaweicloud/huaweicloud-sdk-core/auth/ICredential';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	httpRequestWithAuthentication,
	requestWithAuthentication,
} from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helpers/authentication';
import type {
	IAllExecuteFunctions,
	IHttpRequestOptions,
	INode,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';

import { signRequestOptions, type SigningKeys } from '../../credentials/common/signRequestOptions';
import { EMPTY_BODY_SHA256, sign, type QueryPair } from '../../credentials/common/signer';

const KEYS: SigningKeys = {
	accessKeyId: 'HPUAEXAMPLEAK0000001',
	secretAccessKey: 'exampleSecretKey/+=0123456789abcdefghij',
	projectId: '0a1b2c3d4e5f',
};
const NOW = new Date(Date.UTC(2024, 2, 15, 10, 11, 12));
const LATER = new Date(Date.UTC(2024, 2, 15, 10, 20, 0));
const BASE = 'https://workspace.ap-southeast-1.myhuaweicloud.com';

/** What a server receives, independent of how n8n's options were shaped. */
interface WireRequest {
	method: string;
	target: string;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

function parseAuthorization(value: string | undefined) {
	const match =
		/^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
			value ?? '',
		);
	if (!match) throw new Error(`Malformed Authorization: ${String(value)}`);
	return { access: match[1], signedHeaders: match[2].split(';'), signature: match[3] };
}

/** Recomputes the signature the way the gateway does: decode what arrived, encode strictly. */
function verifyWithSigner(request: WireRequest): boolean {
	const authorization = parseAuthorization(request.headers.authorization);
	const [path, rawQuery = ''] = request.target.split(/\?(.*)/s);
	const headers = Object.fromEntries(
		authorization.signedHeaders.map((name) => [name, String(request.headers[name])]),
	);
	const query: QueryPair[] = [...new URLSearchParams(rawQuery)];
	const { signature } = sign(
		{ method: request.method, path, query, headers, body: request.body },
		KEYS,
	);
	return authorization.access === KEYS.accessKeyId && signature === authorization.signature;
}

/** Characters that url.parse() escapes, after which Huawei's SDK signer double-encodes them. */
const SDK_DOUBLE_ENCODED = /[\s"'<>\\^`{|}%]/;

/**
 * Verifies with Huawei's own Node signer, an implementation independent of ours. Not applicable to
 * paths it double-encodes (see signer.test.ts) or to bodies it cannot reproduce (it hashes
 * JSON.stringify of the data it is given).
 */
function verifyWithHuaweiSdk(request: WireRequest): boolean | 'not applicable' {
	const authorization = parseAuthorization(request.headers.authorization);
	const [rawPath, rawQuery = ''] = request.target.split(/\?(.*)/s);
	const decodedPath = rawPath.split('/').map(decodeURIComponent).join('/');
	const data = jsonBody(request.body);
	if (SDK_DOUBLE_ENCODED.test(decodedPath) || data === 'not JSON') return 'not applicable';
	const headers: Record<string, string> = {};
	for (const name of authorization.signedHeaders) {
		headers[name === 'x-sdk-date' ? 'X-Sdk-Date' : name] = String(request.headers[name]);
	}
	const queryParams: Record<string, string[]> = {};
	for (const [key, value] of new URLSearchParams(rawQuery)) (queryParams[key] ??= []).push(value);
	const credential = {
		getAk: () => KEYS.accessKeyId,
		getSk: () => KEYS.secretAccessKey,
	} as unknown as ICredential;
	const signed = AKSKSigner.sign(
		{
			endpoint: `http://${headers.host}${decodedPath}`,
			method: request.method,
			headers,
			queryParams,
			data,
		},
		credential,
	) as Record<string, string>;
	return parseAuthorization(signed.Authorization).signature === authorization.signature;
}

/** The body as Huawei's signer needs it: data whose JSON.stringify is exactly the bytes sent. */
function jsonBody(body: Buffer): unknown {
	const text = body.toString('utf8');
	if (text === '') return undefined;
	try {
		const data: unknown = JSON.parse(text);
		return JSON.stringify(data) === text ? data : 'not JSON';
	} catch {
		return 'not JSON';
	}
}

/** The request axios would send for these options, rebuilt without a network. */
function wireRequestOf(options: IHttpRequestOptions): WireRequest {
	const url = new URL(options.url);
	const headers: IncomingHttpHeaders = { host: url.host };
	for (const [name, value] of Object.entries(options.headers ?? {}))
		headers[name.toLowerCase()] = String(value);
	const body =
		options.body === undefined ? Buffer.alloc(0) : Buffer.from(options.body as string | Buffer);
	return { method: options.method ?? 'GET', target: url.pathname + url.search, headers, body };
}

function expectVerified(request: WireRequest): void {
	expect(verifyWithSigner(request)).toBe(true);
	expect(verifyWithHuaweiSdk(request)).not.toBe(false);
}

function headerValue(options: IHttpRequestOptions, name: string): unknown[] {
	return Object.entries(options.headers ?? {})
		.filter(([key]) => key.toLowerCase() === name.toLowerCase())
		.map(([, value]) => value);
}

describe('signRequestOptions: option shapes', () => {
	it('bakes the declarative qs into an absolute url with strict encoding and removes qs and baseURL', () => {
		const options: IHttpRequestOptions = {
			baseURL: BASE,
			url: `/v2/${KEYS.projectId}/desktops`,
			method: 'GET',
			qs: {
				limit: 10,
				computer_name: 'my desk+1',
				tag: 'k1=v1,k2=v2',
				status: ['SHUTOFF', 'ACTIVE'],
				detail: true,
				missing: undefined,
				nothing: null,
			},
			json: true,
		};
		const signed = signRequestOptions(options, KEYS, NOW);
		const expectedUrl =
			`${BASE}/v2/${KEYS.projectId}/desktops?computer_name=my%20desk%2B1&detail=true&limit=10` +
			'&status=ACTIVE&status=SHUTOFF&tag=k1%3Dv1%2Ck2%3Dv2';
		expect(signed.url).toBe(expectedUrl);
		expect((signed as { uri?: string }).uri).toBe(expectedUrl);
		expect(signed).not.toHaveProperty('qs');
		expect(signed).not.toHaveProperty('baseURL');
		expect(signed).not.toHaveProperty('body');
		expect(signed.json).toBe(true);
		expect(signed.headers).toMatchObject({
			'X-Sdk-Date': '20240315T101112Z',
			'X-Project-Id': KEYS.projectId,
		});
		expect(parseAuthorization(String(signed.headers?.Authorization)).signedHeaders).toEqual([
			'host',
			'x-project-id',
			'x-sdk-date',
		]);
		expectVerified(wireRequestOf(signed));
	});

	it('accepts the HTTP Request node shape: absolute uri with a query, qs, object body, json false', () => {
		const options = {
			uri: `${BASE}/v2/${KEYS.projectId}/desktops/resource-instances/action?b=x+y&a=%7e#fragment`,
			method: 'POST',
			qs: { c: 'ü 1' },
			body: { action: 'filter', tags: [{ key: '标签', values: ['a b'] }] },
			json: false,
			headers: { accept: 'application/json' },
		} as unknown as IHttpRequestOptions;
		const signed = signRequestOptions(options, KEYS, NOW);
		expect(signed.url).toBe(
			`${BASE}/v2/${KEYS.projectId}/desktops/resource-instances/action?a=~&b=x%20y&c=%C3%BC%201`,
		);
		expect((signed as { uri?: string }).uri).toBe(signed.url);
		expect(signed.body).toBe(JSON.stringify((options as { body: unknown }).body));
		expect(signed.json).toBe(false);
		expect(signed.headers).toMatchObject({
			accept: 'application/json',
			'Content-Type': 'application/json',
		});
		expect(parseAuthorization(String(signed.headers?.Authorization)).signedHeaders).toContain(
			'content-type',
		);
		expectVerified(wireRequestOf(signed));
	});

	it('keeps an existing Content-Type in any letter case and serialises the body once', () => {
		const body = { tag: { key: 'env', value: 'prod' } };
		const signed = signRequestOptions(
			{
				baseURL: BASE,
				url: '/v2/p/desktops/d/tags',
				method: 'POST',
				body,
				headers: { 'content-type': 'application/json;charset=UTF-8' },
			},
			KEYS,
			NOW,
		);
		expect(signed.body).toBe('{"tag":{"key":"env","value":"prod"}}');
		expect(headerValue(signed, 'content-type')).toEqual(['application/json;charset=UTF-8']);
		const again = signRequestOptions(signed, KEYS, LATER);
		expect(again.body).toBe(signed.body);
		expectVerified(wireRequestOf(again));
	});

	it('drops an empty body on DELETE and GET and signs the empty hash', () => {
		for (const method of ['DELETE', 'GET'] as const) {
			const signed = signRequestOptions(
				{ baseURL: BASE, url: '/v2/p/desktops/d/tags/k', method, body: {} },
				KEYS,
				NOW,
			);
			expect(signed).not.toHaveProperty('body');
			expect(headerValue(signed, 'content-type')).toEqual([]);
			const wire = wireRequestOf(signed);
			expect(wire.body.length).toBe(0);
			expectVerified(wire);
		}
		expect(EMPTY_BODY_SHA256).toMatch(/^e3b0c442/);
	});

	it('keeps a non-empty DELETE body (batch tag removal)', () => {
		const body = { desktops: [{ desktop_id: 'd-1', tags: [{ key: 'k' }] }] };
		const signed = signRequestOptions(
			{ baseURL: BASE, url: '/v2/p/desktops/batch-tags', method: 'DELETE', body },
			KEYS,
			NOW,
		);
		expect(signed.body).toBe(JSON.stringify(body));
		expectVerified(wireRequestOf(signed));
	});

	it('trims a JSON string body, as axios would before sending it', () => {
		const signed = signRequestOptions(
			{
				url: `${BASE}/v2/p/x`,
				method: 'POST',
				body: '  {"a": 1}\n',
				headers: { 'Content-Type': 'application/json' },
			},
			KEYS,
			NOW,
		);
		expect(signed.body).toBe('{"a": 1}');
		const raw = signRequestOptions(
			{ url: `${BASE}/v2/p/x`, method: 'POST', body: ' not json ' },
			KEYS,
			NOW,
		);
		expect(raw.body).toBe(' not json ');
		expect(headerValue(raw, 'content-type')).toEqual([]);
	});

	it('serialises form bodies strictly, whether URLSearchParams or an object with a form Content-Type', () => {
		const fromParams = signRequestOptions(
			{ url: `${BASE}/v3/x`, method: 'POST', body: new URLSearchParams({ a: 'b c', d: 'é+' }) },
			KEYS,
			NOW,
		);
		expect(fromParams.body).toBe('a=b%20c&d=%C3%A9%2B');
		expect(headerValue(fromParams, 'content-type')).toEqual(['application/x-www-form-urlencoded']);
		const fromObject = signRequestOptions(
			{
				url: `${BASE}/v3/x`,
				method: 'POST',
				body: { a: 'b c', list: ['1', '2'] },
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			},
			KEYS,
			NOW,
		);
		expect(fromObject.body).toBe('a=b%20c&list=1&list=2');
		expectVerified(wireRequestOf(fromObject));
	});

	it('keeps already-encoded path segments as they are', () => {
		const signed = signRequestOptions(
			{
				baseURL: BASE,
				url: `/v2/p/desktops/d/tags/${encodeURIComponent('标签 (x)')}`,
				method: 'DELETE',
			},
			KEYS,
			NOW,
		);
		expect(new URL(signed.url).pathname).toBe('/v2/p/desktops/d/tags/%E6%A0%87%E7%AD%BE%20(x)');
		expectVerified(wireRequestOf(signed));
	});

	it('appends a relative url to a baseURL path as axios does, and signs a non-default port', () => {
		const signed = signRequestOptions(
			{ baseURL: 'https://proxy.example:8443/huawei/', url: '/v2/p/desktops', method: 'GET' },
			KEYS,
			NOW,
		);
		expect(signed.url).toBe('https://proxy.example:8443/huawei/v2/p/desktops');
		expect(wireRequestOf(signed).headers.host).toBe('proxy.example:8443');
		expectVerified(wireRequestOf(signed));
		const defaultPort = signRequestOptions(
			{ url: 'https://h.example:443/v2', method: 'GET' },
			KEYS,
			NOW,
		);
		expect(defaultPort.url).toBe('https://h.example/v2');
	});

	it.each([
		'/v2/p/desktops/./x',
		'/v2/p/desktops/../x',
		'/v2/p/%2e%2E/x',
		'/v2/p/.%2e',
		'/v2/p\\..\\x',
	])('refuses to sign a path with a dot segment the client would rewrite: %s', (url) => {
		expect(() => signRequestOptions({ baseURL: BASE, url, method: 'GET' }, KEYS, NOW)).toThrow(
			/"\." or "\.\."/,
		);
	});

	it('refuses relative urls without a baseURL, nested query objects and multipart bodies', () => {
		expect(() => signRequestOptions({ url: '/v2', method: 'GET' }, KEYS, NOW)).toThrow(
			/absolute URL/,
		);
		expect(() => signRequestOptions({ url: `${BASE}/v2`, qs: { a: { b: 1 } } }, KEYS, NOW)).toThrow(
			/"a"/,
		);
		expect(() =>
			signRequestOptions(
				{ url: `${BASE}/v2`, method: 'POST', formData: { a: 1 } } as unknown as IHttpRequestOptions,
				KEYS,
				NOW,
			),
		).toThrow(/cannot be signed/);
	});
});

describe('signRequestOptions: re-signing, temporary keys, secrecy', () => {
	it('re-signs its own output (after a 401) into one fresh, valid signature', () => {
		const first = signRequestOptions(
			{
				baseURL: BASE,
				url: '/v2/p/desktops/d/tags',
				method: 'POST',
				qs: { q: 'a b' },
				body: { tag: { key: 'k' } },
			},
			KEYS,
			NOW,
		);
		// n8n or a proxy may have changed the letter case of the headers in between.
		const headers = Object.fromEntries(
			Object.entries(first.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
		);
		const second = signRequestOptions({ ...first, headers }, KEYS, LATER);
		expect(second.url).toBe(first.url);
		expect(second.body).toBe(first.body);
		expect(headerValue(second, 'authorization')).toHaveLength(1);
		expect(headerValue(second, 'x-sdk-date')).toEqual(['20240315T102000Z']);
		expect(headerValue(second, 'x-project-id')).toEqual([KEYS.projectId]);
		expect(second.headers?.Authorization).not.toBe(first.headers?.Authorization);
		expectVerified(wireRequestOf(second));
	});

	it('adds and signs X-Security-Token for temporary keys, replacing an old one', () => {
		const temporary = { ...KEYS, securityToken: 'token-2' };
		const signed = signRequestOptions(
			{ url: `${BASE}/v2/p/desktops`, method: 'GET', headers: { 'x-security-token': 'token-1' } },
			temporary,
			NOW,
		);
		expect(headerValue(signed, 'x-security-token')).toEqual(['token-2']);
		expect(parseAuthorization(String(signed.headers?.Authorization)).signedHeaders).toContain(
			'x-security-token',
		);
		expectVerified(wireRequestOf(signed));
	});

	it('never mutates its input and never outputs the secret key', () => {
		const options: IHttpRequestOptions = {
			baseURL: BASE,
			url: '/v2/p/desktops/d/tags',
			method: 'POST',
			qs: { a: '1' },
			body: { tag: { key: 'k', value: 'v' } },
			headers: { Authorization: 'old', 'X-Sdk-Date': 'old' },
		};
		const before = structuredClone(options);
		const signed = signRequestOptions(options, { ...KEYS, securityToken: 'tok' }, NOW);
		expect(options).toEqual(before);
		expect(JSON.stringify(signed)).not.toContain(KEYS.secretAccessKey);
	});
});

describe('end to end: signed options sent through n8n-core verify on the wire', () => {
	let server: Server;
	let origin: string;
	let received: WireRequest[];
	let verdicts: Array<{ signer: boolean; huawei: boolean | 'not applicable' }>;
	let failNext: number;

	beforeAll(async () => {
		server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const request = {
					method: req.method ?? '',
					target: req.url ?? '',
					headers: req.headers,
					body: Buffer.concat(chunks),
				};
				const verdict = { signer: verifyWithSigner(request), huawei: verifyWithHuaweiSdk(request) };
				received.push(request);
				verdicts.push(verdict);
				const ok = verdict.signer && verdict.huawei !== false && failNext-- <= 0;
				res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
				res.end(
					JSON.stringify(
						ok
							? { ok: true }
							: { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information' },
					),
				);
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});

	afterAll(async () => {
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});

	beforeEach(() => {
		received = [];
		verdicts = [];
		failNext = 0;
	});

	const node = {
		name: 'Huawei Cloud Workspace',
		type: 'test',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	} as unknown as INode;
	const context = {
		helpers: {},
		logger: { warn: jest.fn(), debug: jest.fn() },
		getNode: () => node,
		getCredentials: async () => ({}),
	} as unknown as IAllExecuteFunctions;

	function n8nAdditionalData(clock: Date[]) {
		const preAuthentication = jest.fn(async () => ({ refreshed: true }));
		let call = 0;
		const additionalData = {
			credentialsHelper: {
				getParentTypes: () => [],
				preAuthentication,
				authenticate: async (_credentials: unknown, _type: string, options: IHttpRequestOptions) =>
					signRequestOptions(options, KEYS, clock[Math.min(call++, clock.length - 1)]),
			},
		} as unknown as IWorkflowExecuteAdditionalData;
		return { additionalData, preAuthentication };
	}

	const workflow = {} as Workflow;

	async function sendDeclarative(options: Omit<IHttpRequestOptions, 'baseURL'>, clock = [NOW]) {
		const { additionalData, preAuthentication } = n8nAdditionalData(clock);
		const response: unknown = await httpRequestWithAuthentication.call(
			context,
			'huaweiCloudWorkspaceApi',
			{ ...options, baseURL: origin },
			workflow,
			node,
			additionalData,
		);
		return { response, preAuthentication };
	}

	const declarativeCases: Array<[string, Omit<IHttpRequestOptions, 'baseURL'>]> = [
		[
			'GET list with a qs of spaces, plus, commas, repeated keys',
			{
				url: `/v2/${KEYS.projectId}/desktops`,
				method: 'GET',
				qs: {
					limit: 100,
					offset: 0,
					computer_name: 'desk 1+2',
					tag: 'k1=v1,k2=v2',
					status: ['SHUTOFF', 'ACTIVE'],
				},
				json: true,
			},
		],
		[
			'POST a tag with Unicode and spaces in the body',
			{
				url: `/v2/${KEYS.projectId}/desktops/d-1/tags`,
				method: 'POST',
				body: { tag: { key: '标签', value: 'a b+c' } },
				json: true,
			},
		],
		[
			'DELETE a Unicode tag key in the path',
			{
				url: `/v2/${KEYS.projectId}/desktops/d-1/tags/${encodeURIComponent('ключ😀')}`,
				method: 'DELETE',
				body: {},
				json: true,
			},
		],
		[
			'DELETE a tag key with spaces in the path (Huawei SDK not applicable)',
			{
				url: `/v2/${KEYS.projectId}/desktops/d-1/tags/${encodeURIComponent('my key (1)')}`,
				method: 'DELETE',
				json: true,
			},
		],
		[
			'DELETE a desktop with boolean query flags',
			{
				url: `/v2/${KEYS.projectId}/desktops/d-1`,
				method: 'DELETE',
				qs: { delete_users: false, email_notification: true, is_force_delete: false },
				json: true,
			},
		],
		[
			'DELETE batch tags with a body',
			{
				url: `/v2/${KEYS.projectId}/desktops/batch-tags`,
				method: 'DELETE',
				body: { desktops: [{ desktop_id: 'd', tags: [{ key: 'k' }] }] },
				json: true,
			},
		],
	];

	it.each(declarativeCases)(
		'httpRequestWithAuthentication (declarative node): %s',
		async (_name, options) => {
			const { response } = await sendDeclarative(options);
			expect(response).toEqual({ ok: true });
			expect(received).toHaveLength(1);
			expect(verdicts[0].signer).toBe(true);
			expect(verdicts[0].huawei).toBe(_name.includes('not applicable') ? 'not applicable' : true);
			expect(received[0].headers['user-agent']).toBeDefined();
			expect(parseAuthorization(received[0].headers.authorization).signedHeaders).not.toContain(
				'user-agent',
			);
		},
	);

	it('httpRequestWithAuthentication: a URLSearchParams body arrives as signed', async () => {
		const { response } = await sendDeclarative({
			url: '/v3/form',
			method: 'POST',
			body: new URLSearchParams({ grant: 'a b', x: 'ü+' }),
		});
		expect(response).toEqual({ ok: true });
		expect(received[0].body.toString()).toBe('grant=a%20b&x=%C3%BC%2B');
		expect(received[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(verdicts[0]).toEqual({ signer: true, huawei: 'not applicable' });
	});

	it('DELETE with an empty {} body sends no body at all', async () => {
		await sendDeclarative({
			url: `/v2/${KEYS.projectId}/desktops/d-1/tags/k`,
			method: 'DELETE',
			body: {},
		});
		expect(received[0].body.length).toBe(0);
	});

	it('httpRequestWithAuthentication: after a 401, n8n re-authenticates the signed options and the retry verifies', async () => {
		failNext = 1;
		const { response, preAuthentication } = await sendDeclarative(
			{
				url: `/v2/${KEYS.projectId}/desktops/d-1/tags`,
				method: 'POST',
				qs: { a: 'b c' },
				body: { tag: { key: 'k', value: 'v' } },
			},
			[NOW, LATER],
		);
		expect(response).toEqual({ ok: true });
		expect(preAuthentication).toHaveBeenCalledTimes(2);
		expect(received).toHaveLength(2);
		expect(verdicts.every((verdict) => verdict.signer && verdict.huawei === true)).toBe(true);
		expect(received.map((request) => request.headers['x-sdk-date'])).toEqual([
			'20240315T101112Z',
			'20240315T102000Z',
		]);
		expect(received[1].target).toBe(received[0].target);
		expect(received[1].body.equals(received[0].body)).toBe(true);
	});

	async function sendLegacy(options: Record<string, unknown>, clock = [NOW]) {
		const { additionalData } = n8nAdditionalData(clock);
		const response: unknown = await requestWithAuthentication.call(
			context,
			'huaweiCloudWorkspaceApi',
			options as unknown as Parameters<typeof requestWithAuthentication>[1],
			workflow,
			node,
			additionalData,
		);
		return response;
	}

	it('requestWithAuthentication (HTTP Request node): absolute uri with a query, qs, object body, json false', async () => {
		const response = await sendLegacy({
			uri: `${origin}/v2/${KEYS.projectId}/desktops/resource-instances/action?limit=10&b=x+y`,
			method: 'POST',
			qs: { offset: '0', name: 'ü & =' },
			body: { action: 'filter', matches: [{ key: 'resource_name', value: 'desk 1' }] },
			json: false,
			headers: {},
		});
		expect(JSON.parse(String(response))).toEqual({ ok: true });
		expect(received[0].target).toBe(
			`/v2/${KEYS.projectId}/desktops/resource-instances/action?b=x%20y&limit=10&name=%C3%BC%20%26%20%3D&offset=0`,
		);
		expect(verdicts[0]).toEqual({ signer: true, huawei: true });
	});

	it('requestWithAuthentication: a raw JSON string body with surrounding spaces arrives as signed', async () => {
		await sendLegacy({
			uri: `${origin}/v2/${KEYS.projectId}/desktops/d-1/tags`,
			method: 'POST',
			body: '  {"tag":{"key":"k","value":"v"}}\n',
			headers: { 'Content-Type': 'application/json' },
			json: true,
		});
		expect(received[0].body.toString()).toBe('{"tag":{"key":"k","value":"v"}}');
		expect(verdicts[0]).toEqual({ signer: true, huawei: true });
	});

	it('requestWithAuthentication: after a 401, the re-signed retry verifies', async () => {
		failNext = 1;
		const response = await sendLegacy(
			{
				uri: `${origin}/v2/${KEYS.projectId}/desktops`,
				method: 'GET',
				qs: { limit: 1 },
				json: true,
			},
			[NOW, LATER],
		);
		expect(response).toEqual({ ok: true });
		expect(received).toHaveLength(2);
		expect(verdicts.every((verdict) => verdict.signer && verdict.huawei === true)).toBe(true);
		expect(received[1].headers['x-sdk-date']).toBe('20240315T102000Z');
	});
});
