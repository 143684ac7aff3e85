import { AUTH_MODES, credentialsFor, useEmulator } from './fixtures';
import { CredentialsStore, runNode, TestCredentialsHelper } from './harness';

function httpCodeOf(error: unknown): string | undefined {
	const code = (error as { httpCode?: unknown } | undefined)?.httpCode;
	return typeof code === 'string' ? code : undefined;
}

/**
 * n8n's tester turns an error whose HTTP status matches a rule into that rule's message. It reads
 * the status from the raw error's `cause.response`, which the engine wraps away here; the real
 * tester's path is proven in test/e2e/credential.e2e.test.ts.
 */
function ruleMessage(httpCode: string | undefined): string | undefined {
	// The credential type as the harness's credentials helper holds it.
	const rules = new TestCredentialsHelper(new CredentialsStore({})).type.test?.rules ?? [];
	const rule = rules.find((r) => r.type === 'responseCode' && String(r.properties.value) === httpCode);
	return rule && 'message' in rule.properties ? rule.properties.message : undefined;
}

const emu = useEmulator();

test.each(AUTH_MODES)('the Test button succeeds with valid %s credentials by listing one desktop of the project', async (mode) => {
	const { error } = await runNode({ credentialTest: true, credentials: credentialsFor(emu, mode), parameters: {} });
	expect(error).toBeUndefined();
	const listing = emu.requests.filter((r) => r.route === 'desktop.list');
	expect(listing).toHaveLength(1);
	expect(listing[0].rawPath).toBe(`/v2/${emu.projectId}/desktops`);
	expect(listing[0].query).toBe('limit=1');
	expect(listing[0].status).toBe(200);
});

test('an expired token fails the test with the credentials advice', async () => {
	emu.expireTokens();
	const { error } = await runNode({ credentialTest: true, credentials: credentialsFor(emu, 'token'), parameters: {} });
	expect(httpCodeOf(error)).toBe('401');
	expect(ruleMessage(httpCodeOf(error))).toMatch(/token is wrong or expired/);
});

test('a wrong secret key fails the test as a 401 that mentions the signature and the clock', async () => {
	const creds = { ...credentialsFor(emu, 'accessKey'), secretAccessKey: 'wrong' };
	const { error } = await runNode({ credentialTest: true, credentials: creds, parameters: {} });
	expect(httpCodeOf(error)).toBe('401');
	expect(ruleMessage(httpCodeOf(error))).toMatch(/signature does not match .*clock/);
});

test('a project the token is not scoped to fails the test as a 403 that names the Project ID', async () => {
	const creds = { ...credentialsFor(emu, 'token'), token: emu.issueToken({ projectId: 'ffffffffffffffffffffffffffffffff' }) };
	const { error } = await runNode({ credentialTest: true, credentials: creds, parameters: {} });
	expect(httpCodeOf(error)).toBe('403');
	expect(ruleMessage(httpCodeOf(error))).toMatch(/check the Project ID/);
});

test('a wrong password fails the test with the IAM login message and one IAM call', async () => {
	const creds = { ...credentialsFor(emu, 'password'), password: 'nope' };
	const { error } = await runNode({ credentialTest: true, credentials: creds, parameters: {} });
	expect(error?.message).toMatch(/IAM login failed for IAM user "demo-user" of account "demo-account"/);
	expect(emu.iamLogins).toBe(1);
	expect(emu.requests.filter((r) => r.route === 'desktop.list')).toHaveLength(0);
});

test('a rejected signature is not signed and sent a second time, so clicking Test cannot lock the key', async () => {
	const creds = { ...credentialsFor(emu, 'accessKey'), secretAccessKey: 'wrong' };
	for (let click = 0; click < 4; click++) {
		await runNode({ credentialTest: true, credentials: creds, parameters: {} });
	}
	expect(emu.requests).toHaveLength(4);
	expect(emu.isAccessKeyLocked(emu.credentials.accessKeyId)).toBe(false);
});
