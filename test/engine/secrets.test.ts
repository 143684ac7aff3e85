/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets, no-console -- developer and test tooling: runs under Node, never shipped in the n8n package */
import { createServer } from 'node:net';

import { LoggerProxy, type ICredentialDataDecryptedObject, type INodeParameters, type Logger } from 'n8n-workflow';

import { startEmulator, type Emulator } from '../emulator';
import { dump } from './dump';
import { credentialsFor, desktop, params, resetForTest } from './fixtures';
import { restartN8n, runNode, type RunResult } from './harness';

/**
 * No secret ever leaves through what a user or an operator sees: the node's output, its errors
 * (every own property, description and cause) and anything logged during the run.
 */
let emu: Emulator;
let closedPort: number;
beforeAll(async () => {
	emu = await startEmulator();
	// A port nothing listens on: bind, note the port, close.
	closedPort = await new Promise<number>((resolve) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
});
beforeEach(() => resetForTest(emu));
afterAll(async () => {
	await emu.close();
});

interface Captured {
	result: RunResult;
	logged: string;
}

/** Runs the node while recording console.*, stdout/stderr writes and n8n's logger. */
async function capture(run: () => Promise<RunResult>): Promise<Captured> {
	const logged: string[] = [];
	const record = (...args: unknown[]) => logged.push(args.map((a) => (typeof a === 'string' ? a : dump(a))).join(' '));
	const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
	const originals = methods.map((m) => console[m]);
	for (const m of methods) console[m] = record;
	const stdoutWrite = process.stdout.write.bind(process.stdout);
	const stderrWrite = process.stderr.write.bind(process.stderr);
	process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
		record(chunk);
		return stdoutWrite(chunk as string, ...(rest as []));
	}) as typeof process.stdout.write;
	process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
		record(chunk);
		return stderrWrite(chunk as string, ...(rest as []));
	}) as typeof process.stderr.write;
	const logger: Logger = {
		error: record,
		warn: record,
		info: record,
		debug: record,
		scoped: () => logger,
	} as unknown as Logger;
	LoggerProxy.init(logger);
	try {
		const result = await run();
		return { result, logged: logged.join('\n') };
	} finally {
		methods.forEach((m, i) => (console[m] = originals[i]));
		process.stdout.write = stdoutWrite;
		process.stderr.write = stderrWrite;
	}
}

function secretsOf(credentials: ICredentialDataDecryptedObject, extra: string[] = []): string[] {
	const values = [
		emu.credentials.password,
		emu.credentials.secretAccessKey,
		emu.credentials.tempSecretAccessKey,
		emu.credentials.securityToken,
		emu.token,
		...['token', 'password', 'secretAccessKey', 'securityToken', 'sessionToken'].map((k) => credentials[k]),
		...extra,
	];
	return [...new Set(values.filter((v): v is string => typeof v === 'string' && v.length >= 6))];
}

function expectNoSecret(captured: Captured, secrets: string[]) {
	const { result, logged } = captured;
	const haystacks = {
		output: dump(result.items),
		error: dump(result.error),
		run: dump(result.run),
		logged,
	};
	const hits: string[] = [];
	for (const secret of secrets) {
		for (const [where, text] of Object.entries(haystacks)) {
			if (text.includes(secret) || text.includes(encodeURIComponent(secret))) hits.push(`${where} contains ${secret.slice(0, 4)}…`);
		}
	}
	expect(hits).toEqual([]);
}

const createTag = (extra: INodeParameters = {}) =>
	params('tag', 'create', { desktopId: desktop(emu.seedDesktopIds.dev02), key: 'team', value: 'blue', ...extra });

type Mode = 'token' | 'password' | 'accessKey' | 'temporaryKey';
const MODES: Mode[] = ['token', 'password', 'accessKey', 'temporaryKey'];

function credentialsOf(mode: Mode): ICredentialDataDecryptedObject {
	if (mode !== 'temporaryKey') return credentialsFor(emu, mode);
	return {
		...credentialsFor(emu, 'accessKey'),
		accessKeyId: emu.credentials.tempAccessKeyId,
		secretAccessKey: emu.credentials.tempSecretAccessKey,
		securityToken: emu.credentials.securityToken,
	};
}

/** Runs once failing the node and once with Continue On Fail, and checks both. */
async function runBoth(credentials: ICredentialDataDecryptedObject, parameters: INodeParameters) {
	const results: Captured[] = [];
	for (const continueOnFail of [false, true]) {
		restartN8n();
		results.push(await capture(() => runNode({ credentials: { ...credentials }, parameters, continueOnFail })));
	}
	return results;
}

describe.each(MODES)('%s authentication', (mode) => {
	test('a successful run shows no secret', async () => {
		const credentials = credentialsOf(mode);
		const captured = await capture(() => runNode({ credentials, parameters: createTag() }));
		expect(captured.result.error).toBeUndefined();
		expect(captured.result.items[0].json).toEqual({ success: true, desktopId: emu.seedDesktopIds.dev02, key: 'team', value: 'blue' });
		// The IAM session token obtained in password mode is a secret too.
		const session = captured.result.store.data.sessionToken;
		if (mode === 'password') expect(typeof session === 'string' && session.length > 10).toBe(true);
		expectNoSecret(captured, secretsOf(credentials, typeof session === 'string' ? [session] : []));
	});

	test('Workspace unreachable: the error says so and shows no secret', async () => {
		const credentials = { ...credentialsOf(mode), workspaceEndpoint: `http://127.0.0.1:${closedPort}` };
		const [failed, continued] = await runBoth(credentials, createTag({ throttling: { requestsPerSecond: 1000, maxAttempts: 2 } }));
		expect(failed.result.error?.message).toMatch(/ECONNREFUSED|connect|refused/i);
		expect(continued.result.items[0].json.error).toBeDefined();
		for (const c of [failed, continued]) expectNoSecret(c, secretsOf(credentials, sessionTokens()));
	});

	test('500 with an HTML body: a clear error that shows no secret', async () => {
		const credentials = credentialsOf(mode);
		emu.injectFaults([{ type: 'html', status: 500, match: { route: 'tag.create' }, times: 20 }]);
		const [failed, continued] = await runBoth(credentials, createTag({ throttling: { requestsPerSecond: 1000, maxAttempts: 1 } }));
		expect(failed.result.error?.message).toMatch(/HTTP 500/);
		expect(continued.result.items[0].json.error).toMatch(/HTTP 500/);
		for (const c of [failed, continued]) expectNoSecret(c, secretsOf(credentials, sessionTokens()));
	});
});

/** Every token the node sent during the test, IAM session tokens included. */
function sessionTokens(): string[] {
	return emu.requests
		.map((r) => r.headers['x-auth-token'])
		.filter((t): t is string => typeof t === 'string');
}

test('token mode, expired token: 401 without a secret', async () => {
	const credentials = credentialsOf('token');
	emu.expireTokens();
	const [failed, continued] = await runBoth(credentials, createTag());
	expect(failed.result.error?.message).toMatch(/401/);
	expect(continued.result.items[0].json.error).toMatch(/401/);
	for (const c of [failed, continued]) expectNoSecret(c, secretsOf(credentials));
});

test('password mode, wrong password: a clear error without the password', async () => {
	const credentials = { ...credentialsOf('password'), password: 'Wrong-Passw0rd-5ecret' };
	const [failed, continued] = await runBoth(credentials, createTag());
	expect(failed.result.error?.message).toMatch(/password|401|IAM/i);
	expect(continued.result.items[0].json.error).toBeDefined();
	for (const c of [failed, continued]) expectNoSecret(c, secretsOf(credentials, ['Wrong-Passw0rd-5ecret']));
});

test('password mode, IAM unreachable: a clear error without the password', async () => {
	const credentials = { ...credentialsOf('password'), iamEndpoint: `http://127.0.0.1:${closedPort}` };
	const [failed, continued] = await runBoth(credentials, createTag());
	expect(failed.result.error?.message).toMatch(/IAM|ECONNREFUSED|connect|reach/i);
	expect(continued.result.items[0].json.error).toBeDefined();
	for (const c of [failed, continued]) expectNoSecret(c, secretsOf(credentials));
});

test('password mode, expired session token renewed: neither token shows', async () => {
	const credentials = credentialsOf('password');
	const first = await capture(() => runNode({ credentials, parameters: createTag() }));
	const oldSession = String(first.result.store.data.sessionToken);
	emu.expireTokens();
	const second = await capture(() => runNode({ credentials: first.result.store, parameters: createTag({ value: 'green' }) }));
	expect(second.result.error).toBeUndefined();
	const newSession = String(second.result.store.data.sessionToken);
	expect(newSession).not.toBe(oldSession);
	for (const c of [first, second]) expectNoSecret(c, secretsOf(credentials, [oldSession, newSession]));
});

test('access key mode, wrong secret: 401 without the secret', async () => {
	const credentials = { ...credentialsOf('accessKey'), secretAccessKey: 'wrong-secret-key-00000000000000000000001' };
	const [failed, continued] = await runBoth(credentials, createTag());
	expect(failed.result.error?.message).toMatch(/401/);
	expect(continued.result.items[0].json.error).toMatch(/401/);
	for (const c of [failed, continued]) expectNoSecret(c, secretsOf(credentials));
});

test('temporary keys with a wrong security token: 401 without either token', async () => {
	const credentials = { ...credentialsOf('temporaryKey'), securityToken: 'wrong-security-token-0000000000' };
	const [failed, continued] = await runBoth(credentials, createTag());
	expect(failed.result.error?.message).toMatch(/401/);
	expect(continued.result.items[0].json.error).toBeDefined();
	for (const c of [failed, continued]) expectNoSecret(c, secretsOf(credentials));
});

test('the detector finds a secret when one is there', () => {
	const leaky: Captured = {
		result: { items: [], error: undefined, store: undefined, run: { nested: new Error('x', { cause: { headers: { t: emu.token } } }) } } as unknown as RunResult,
		logged: '',
	};
	expect(() => expectNoSecret(leaky, [emu.token])).toThrow();
});

/**
 * User > Create's Initial Password is the workflow's own parameter: n8n keeps node parameters with the
 * run, and its own "execution finished with error" log line dumps the error's node with them. It is
 * checked where the node itself could leak it: the output, the error's message, description and Huawei
 * part, and anything logged other than that parameter as n8n stores it (`password` then its value).
 */
describe('User > Create with an initial password', () => {
	const PASSWORD = 'Initial-Passw0rd-7731';
	const createUser = params('user', 'create', {
		userName: 'dave',
		email: 'dave@example.com',
		options: { activeType: 'ADMIN_ACTIVATE', password: PASSWORD },
	});

	test('success and a refused request show it nowhere the node writes', async () => {
		const ok = await capture(() => runNode({ credentials: credentialsFor(emu, 'token'), parameters: createUser }));
		expect(ok.result.error).toBeUndefined();
		emu.injectFaults([{ type: 'status', status: 400, match: { route: 'user.create' } }]);
		const refused = await capture(() => runNode({ credentials: credentialsFor(emu, 'token'), parameters: { ...createUser, userName: 'erin' } }));
		expect(refused.result.error?.message).toContain('HTTP 400');
		for (const c of [ok, refused]) {
			const error = c.result.error as { message?: string; description?: string | null; errorResponse?: unknown } | undefined;
			const logged = c.logged.split(`password\n${PASSWORD}`).join('');
			const written = [dump(c.result.items), logged, dump({ message: error?.message, description: error?.description, response: error?.errorResponse })];
			expect(written.filter((text) => text.includes(PASSWORD))).toEqual([]);
		}
	});
});
