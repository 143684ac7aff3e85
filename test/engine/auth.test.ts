import { credentialsFor, desktop, params, useEmulator } from './fixtures';
import { CredentialsStore, restartN8n, runNode } from './harness';

const emu = useEmulator();

const listTags = (id = emu.seedDesktopIds.dev01) => params('tag', 'getAll', { desktopId: desktop(id) });
const manyItems = (n: number) => Array.from({ length: n }, (_, i) => ({ i }));

describe('IAM user password', () => {
	test('500 items with no token yet cause exactly one IAM login, and the token is saved with the credential', async () => {
		const store = new CredentialsStore({ sessionToken: '', ...credentialsFor(emu, 'password') });
		const { items, error } = await runNode({ credentials: store, parameters: listTags(), items: manyItems(500) });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1000);
		expect(emu.iamLogins).toBe(1);
		expect(typeof store.data.sessionToken).toBe('string');
		expect(String(store.data.sessionToken)).not.toBe('');
		const sent = emu.requests.filter((r) => r.route === 'tag.list').map((r) => r.headers['x-auth-token']);
		expect(new Set(sent)).toEqual(new Set([store.data.sessionToken]));
	});

	test('after the token expires, the next run logs in once more and every item succeeds', async () => {
		const store = new CredentialsStore({ sessionToken: '', ...credentialsFor(emu, 'password') });
		await runNode({ credentials: store, parameters: listTags() });
		const firstToken = store.data.sessionToken;
		emu.expireTokens();
		restartN8n();
		const { items, error } = await runNode({ credentials: store, parameters: listTags(), items: manyItems(200) });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(400);
		expect(emu.iamLogins).toBe(2);
		expect(store.data.sessionToken).not.toBe(firstToken);
	});

	test('a token that dies while the process still caches it is renewed once, not once per item', async () => {
		const store = new CredentialsStore({ sessionToken: '', ...credentialsFor(emu, 'password') });
		await runNode({ credentials: store, parameters: listTags() });
		emu.expireTokens();
		const { error } = await runNode({ credentials: store, parameters: listTags(), items: manyItems(100) });
		expect(error).toBeUndefined();
		expect(emu.iamLogins).toBe(2);
	});

	test('a wrong password fails every item with a clear error after a single IAM call', async () => {
		const creds = { ...credentialsFor(emu, 'password'), password: 'wrong-Passw0rd' };
		const { error, items } = await runNode({
			credentials: creds,
			parameters: listTags(),
			items: manyItems(50),
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(50);
		for (const item of items) {
			expect(String(item.json.error)).toMatch(/IAM login failed for IAM user "demo-user" of account "demo-account"/);
		}
		expect(emu.iamLogins).toBe(1);
		expect(emu.requests.filter((r) => r.route !== 'iam.login')).toHaveLength(0);
		expect(JSON.stringify(items)).not.toContain('wrong-Passw0rd');
	});
});

describe('access key signing', () => {
	test('a wrong secret key fails the run after one signed request, so the key is not locked', async () => {
		const creds = { ...credentialsFor(emu, 'accessKey'), secretAccessKey: 'not-the-secret' };
		const { error } = await runNode({ credentials: creds, parameters: listTags(), items: manyItems(2) });
		expect(error?.message).toMatch(/401/);
		expect(emu.requests).toHaveLength(1);
		expect(emu.isAccessKeyLocked(emu.credentials.accessKeyId)).toBe(false);
		expect(JSON.stringify(error)).not.toContain('not-the-secret');
	});

	test('a 401 caused by clock skew tells the user to check the machine\'s clock', async () => {
		emu.setClockSkewMs(40 * 60 * 1000);
		const { error } = await runNode({ credentials: credentialsFor(emu, 'accessKey'), parameters: listTags() });
		expect(error?.message).toMatch(/401/);
		expect(error?.description).toMatch(/clock is 40 minutes off/);
	});

	test('temporary keys send and sign the security token', async () => {
		const creds = {
			...credentialsFor(emu, 'accessKey'),
			accessKeyId: emu.credentials.tempAccessKeyId,
			secretAccessKey: emu.credentials.tempSecretAccessKey,
			securityToken: emu.credentials.securityToken,
		};
		const { items, error } = await runNode({ credentials: creds, parameters: listTags() });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		const auth = emu.requests[0].headers.authorization;
		expect(auth).toMatch(/SignedHeaders=[^,]*x-security-token/);
		expect(emu.requests[0].headers['x-security-token']).toBe(emu.credentials.securityToken);
	});

	test('temporary keys without their security token are refused', async () => {
		const creds = {
			...credentialsFor(emu, 'accessKey'),
			accessKeyId: emu.credentials.tempAccessKeyId,
			secretAccessKey: emu.credentials.tempSecretAccessKey,
		};
		const { error } = await runNode({ credentials: creds, parameters: listTags() });
		expect(error?.message).toMatch(/401/);
	});

	test('the query string of Delete Desktop is signed exactly as sent', async () => {
		const id = emu.seedDesktopIds.dev02;
		const { error } = await runNode({
			credentials: credentialsFor(emu, 'accessKey'),
			parameters: params('desktop', 'delete', { desktopId: desktop(id), options: { emailNotification: false, deleteUsers: true } }),
		});
		expect(error).toBeUndefined();
		expect(emu.getDesktop(id)).toBeUndefined();
		expect(emu.requests[0].query).toBe('delete_users=true&email_notification=false');
	});

	test('keys with spaces and Unicode in the path are signed as sent', async () => {
		const id = emu.seedDesktopIds.dev01;
		emu.updateDesktop(id, { tags: [{ key: 'a b ключ', value: '' }] });
		const { error } = await runNode({
			credentials: credentialsFor(emu, 'accessKey'),
			parameters: params('tag', 'delete', { desktopId: desktop(id), key: 'a b ключ' }),
		});
		expect(error).toBeUndefined();
		expect(emu.getDesktop(id)?.tags).toEqual([]);
	});
});

describe('pasted IAM token', () => {
	test('a token for another project is refused with the permission advice', async () => {
		const creds = { ...credentialsFor(emu, 'token'), token: emu.issueToken({ projectId: 'ffffffffffffffffffffffffffffffff' }) };
		const { error } = await runNode({ credentials: creds, parameters: listTags() });
		expect(error?.message).toMatch(/403/);
		expect(error?.description).toMatch(/project ID belongs to the region/);
	});
});
