/* eslint-disable @n8n/community-nodes/no-restricted-imports -- developer and test tooling: runs under Node, never shipped in the n8n package */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { dump } from './dump';
import { credentialsFor, desktop, params, useEmulator } from './fixtures';
import { CredentialsStore, runNode, type RunResult } from './harness';

/**
 * The credential hands its token, security token or signature only to Huawei Cloud hosts and to its
 * own endpoints, whatever calls it: here an HTTP Request-like node (httpRequestNode.ts) through
 * n8n-core's legacy helper (the HTTP Request node's) and its HTTP helper, for every mode. A second
 * local server records whatever reaches it; a third one answers every request with a redirect to it.
 */
const emu = useEmulator();

interface Received {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

interface LocalServer {
	url: string;
	received: Received[];
	close(): Promise<void>;
}

async function startServer(answer: (res: import('node:http').ServerResponse) => void): Promise<LocalServer> {
	const received: Received[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			});
			answer(res);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		received,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

let stranger: LocalServer;
let redirector: LocalServer;
beforeAll(async () => {
	stranger = await startServer((res) => {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end('{"stranger":true}');
	});
	redirector = await startServer((res) => {
		// 307 keeps method and body: the strictest case for a login or a POST.
		res.writeHead(307, { location: `${stranger.url}/caught` });
		res.end();
	});
});
beforeEach(() => {
	stranger.received.length = 0;
	redirector.received.length = 0;
});
afterAll(async () => {
	await stranger.close();
	await redirector.close();
});

type Mode = 'token' | 'password' | 'accessKey' | 'temporaryAccessKey';
const MODES: Mode[] = ['token', 'password', 'accessKey', 'temporaryAccessKey'];
type Helper = 'legacy' | 'http';

function credentialsOf(mode: Mode, extra: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	const base =
		mode === 'temporaryAccessKey'
			? {
					...credentialsFor(emu, 'accessKey'),
					accessKeyId: emu.credentials.tempAccessKeyId,
					secretAccessKey: emu.credentials.tempSecretAccessKey,
					securityToken: emu.credentials.securityToken,
				}
			: credentialsFor(emu, mode);
	return { ...base, ...extra };
}

function secretsOf(store: CredentialsStore): string[] {
	const values = [
		emu.token,
		emu.credentials.password,
		emu.credentials.secretAccessKey,
		emu.credentials.tempSecretAccessKey,
		emu.credentials.securityToken,
		store.data.sessionToken,
	];
	return values.filter((value): value is string => typeof value === 'string' && value.length >= 6);
}

async function call(
	mode: Mode,
	url: string,
	options: { helper?: Helper; method?: string; body?: string; extra?: ICredentialDataDecryptedObject } = {},
): Promise<RunResult> {
	const parameters: INodeParameters = {
		url,
		method: options.method ?? 'GET',
		helper: options.helper ?? 'legacy',
		body: options.body ?? '',
	};
	return await runNode({
		credentials: new CredentialsStore({ sessionToken: '', ...credentialsOf(mode, options.extra) }),
		parameters,
		httpRequest: true,
	});
}

/** Refused before sending: the error names the host and the field, and no secret is anywhere. */
function expectRefused(result: RunResult, host: string) {
	expect(result.items).toHaveLength(0);
	expect(result.error?.message).toContain(`not sent to ${host}`);
	expect(result.error?.message).toContain('Extra Allowed Hosts');
	const seen = `${dump(result.error)}\n${dump(result.run)}`;
	for (const secret of secretsOf(result.store)) expect(seen).not.toContain(secret);
}

/** Nothing but IAM logins reached the emulator. */
function workspaceRequests() {
	return emu.requests.filter((request) => request.route !== 'iam.login');
}

const listUrl = () => `${emu.url}/v2/${emu.projectId}/desktops?limit=1`;

describe.each(MODES)('%s', (mode) => {
	test.each<Helper>(['legacy', 'http'])('a request to the configured endpoint is authenticated (%s helper)', async (helper) => {
		const result = await call(mode, listUrl(), { helper });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.statusCode)).toEqual([200]);
		const [sent] = workspaceRequests();
		if (mode === 'token' || mode === 'password') {
			expect(sent.headers['x-auth-token']).toBe(mode === 'token' ? emu.token : result.store.data.sessionToken);
		} else {
			expect(sent.headers.authorization).toMatch(/^SDK-HMAC-SHA256 /);
		}
		if (mode === 'temporaryAccessKey') expect(sent.headers['x-security-token']).toBe(emu.credentials.securityToken);
	});

	test.each<Helper>(['legacy', 'http'])('another port of loopback is refused and receives nothing (%s helper)', async (helper) => {
		const result = await call(mode, `${stranger.url}/v2/steal`, { helper, method: 'POST', body: '{"a":1}' });
		expectRefused(result, new URL(stranger.url).host);
		expect(stranger.received).toHaveLength(0);
		expect(workspaceRequests()).toHaveLength(0);
	});

	test('a look-alike of a Huawei host is refused before any look-up', async () => {
		for (const host of ['workspace.ap-southeast-1.myhuaweicloud.com.evil.example', 'evilmyhuaweicloud.com']) {
			const result = await call(mode, `https://${host}/v2/x`);
			expectRefused(result, host);
		}
	});

	test('the emulator\'s own port under another IP literal or name is refused', async () => {
		for (const host of [`127.0.0.2:${emu.port}`, `[::1]:${emu.port}`, `localhost:${emu.port}`]) {
			const result = await call(mode, `http://${host}/v2/${emu.projectId}/desktops`);
			expectRefused(result, host);
		}
		expect(workspaceRequests()).toHaveLength(0);
	});

	test.each<Helper>(['legacy', 'http'])(
		'the configured endpoint answering with a redirect: the target receives nothing (%s helper)',
		async (helper) => {
			const result = await call(mode, `${redirector.url}/v2/${emu.projectId}/desktops`, {
				helper,
				method: 'POST',
				body: '{"a":1}',
				extra: { workspaceEndpoint: redirector.url },
			});
			expect(redirector.received).toHaveLength(1);
			expect(stranger.received).toHaveLength(0);
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.json.statusCode)).toEqual([307]);
		},
	);

	test('a host listed in Extra Allowed Hosts gets the authenticated request', async () => {
		const host = new URL(stranger.url).host;
		const result = await call(mode, `${stranger.url}/v2/allowed`, { extra: { extraAllowedHosts: `proxy.example.com, ${host}` } });
		expect(result.error).toBeUndefined();
		expect(stranger.received).toHaveLength(1);
		const [sent] = stranger.received;
		expect(sent.headers['x-auth-token'] ?? sent.headers.authorization).toBeTruthy();
	});
});

test('a refused request costs no second IAM login (the legacy helper retries preAuthentication on any error)', async () => {
	const result = await call('password', `${stranger.url}/v2/steal`);
	expectRefused(result, new URL(stranger.url).host);
	expect(emu.iamLogins).toBe(1);
});

test('an IAM Endpoint left over from password mode does not open its host in token mode', async () => {
	const result = await call('token', `${stranger.url}/v3/projects`, { extra: { iamEndpoint: stranger.url } });
	expectRefused(result, new URL(stranger.url).host);
	expect(stranger.received).toHaveLength(0);
});

test('a saved credential without the Extra Allowed Hosts field works as before', async () => {
	const credentials = credentialsOf('accessKey');
	expect('extraAllowedHosts' in credentials).toBe(false);
	const result = await call('accessKey', listUrl());
	expect(result.error).toBeUndefined();
	expect(workspaceRequests()).toHaveLength(1);
});

test('an invalid Extra Allowed Hosts entry fails with the field and the entry named, before sending', async () => {
	const result = await call('token', listUrl(), { extra: { extraAllowedHosts: 'https://proxy.example.com/api' } });
	expect(result.error?.message).toContain('Extra Allowed Hosts: "https://proxy.example.com/api"');
	expect(emu.requests).toHaveLength(0);
});

test('an IAM endpoint answering the login with a redirect: the password goes nowhere else', async () => {
	const result = await call('password', listUrl(), { extra: { iamEndpoint: redirector.url } });
	expect(redirector.received.map((request) => request.method)).toEqual(['POST']);
	expect(stranger.received).toHaveLength(0);
	expect(result.error?.message).toMatch(/answered with a redirect \(HTTP 307\)/);
	expect(workspaceRequests()).toHaveLength(0);
});

test('the node itself still talks to its endpoint, and follows no redirect from it', async () => {
	const tags = params('tag', 'getAll', { desktopId: desktop(emu.seedDesktopIds.dev01) });
	const ok = await runNode({ credentials: credentialsOf('token'), parameters: tags });
	expect(ok.error).toBeUndefined();
	expect(ok.items.length).toBeGreaterThan(0);
	const redirected = await runNode({ credentials: credentialsOf('token', { workspaceEndpoint: redirector.url }), parameters: tags });
	expect(redirected.error?.message).toMatch(/HTTP 307/);
	expect(redirected.error?.description).toMatch(/answered with a redirect/);
	expect(redirector.received).toHaveLength(1);
	expect(stranger.received).toHaveLength(0);
});

test('the credential test still works', async () => {
	const result = await runNode({ credentials: credentialsOf('accessKey'), parameters: {}, credentialTest: true });
	expect(result.error).toBeUndefined();
	expect(emu.requests.map((request) => request.route)).toEqual(['desktop.list']);
});
