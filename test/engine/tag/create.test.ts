import { ERRORS } from '../../emulator';
import { expectHuaweiError, expectRejectedToken, expectRetriedUntilMaxAttempts, onRoute } from '../apiErrors';
import { AUTH_MODES, credentialsFor, desktop, params, useEmulator } from '../fixtures';
import { runNode } from '../harness';
import { expectRefusedBeforeSending } from '../hostileCases';
import { DESKTOP_ID_RULES, KEY_RULES, ruleCases, VALUE_RULES } from '../inputRules';

/**
 * Tag > Create (`POST /v2/{project}/desktops/{id}/tags`), one request per item: the tag lands on
 * the desktop (a tag with the same key is overwritten), bad input is refused before sending,
 * Huawei's errors reach the item with their code, message and request ID, and with Continue On
 * Fail one failed item leaves the others applied. Retries after 429 and 5xx: retries.test.ts.
 */
const emu = useEmulator();

const token = () => credentialsFor(emu, 'token');
const workspaceRequests = () => emu.requests.filter((r) => r.route !== 'iam.login');
const createTeamBlue = (id: string) => params('tag', 'create', { desktopId: desktop(id), key: 'team', value: 'blue' });

describe.each(AUTH_MODES)('Tag > Create with %s authentication', (mode) => {
	test('adds the tag to the desktop and outputs it', async () => {
		const id = emu.seedDesktopIds.dev02;
		const { items, error } = await runNode({
			credentials: credentialsFor(emu, mode),
			parameters: params('tag', 'create', { desktopId: desktop(id), key: 'team', value: 'blue' }),
		});
		expect(error).toBeUndefined();
		expect(emu.getDesktop(id)?.tags).toEqual([
			{ key: 'env', value: 'dev' },
			{ key: 'team', value: 'blue' },
		]);
		expect(items.map((i) => i.json)).toEqual([{ success: true, desktopId: id, key: 'team', value: 'blue' }]);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		const [request] = workspaceRequests();
		expect(request.method).toBe('POST');
		expect(request.rawPath).toBe(`/v2/${emu.projectId}/desktops/${id}/tags`);
		expect(JSON.parse(request.body)).toEqual({ tag: { key: 'team', value: 'blue' } });
	});

	test('with an existing key overwrites its value', async () => {
		const id = emu.seedDesktopIds.dev01;
		await runNode({
			credentials: credentialsFor(emu, mode),
			parameters: params('tag', 'create', { desktopId: desktop(id), key: 'owner', value: 'dave' }),
		});
		expect(emu.getDesktop(id)?.tags).toEqual([
			{ key: 'env', value: 'dev' },
			{ key: 'owner', value: 'dave' },
		]);
	});
});

describe('Tag > Create', () => {
	test('several items run at once, each on its own desktop, each output paired with its input', async () => {
		const ids = [emu.seedDesktopIds.dev01, emu.seedDesktopIds.dev02, emu.seedDesktopIds.prod01];
		const { items } = await runNode({
			credentials: token(),
			parameters: params('tag', 'create', { desktopId: desktop('={{ $json.id }}'), key: 'batch', value: '={{ $json.n }}' }),
			items: ids.map((id, n) => ({ id, n: String(n) })),
		});
		expect(items.map((i) => [i.json.desktopId, i.json.value, i.pairedItem])).toEqual(
			ids.map((id, n) => [id, String(n), { item: n }]),
		);
		ids.forEach((id, n) => expect(emu.getDesktop(id)?.tags).toContainEqual({ key: 'batch', value: String(n) }));
	});
});

describe('Tag > Create: input rules, checked before anything is sent', () => {
	test('an invalid key fails the item before anything is sent', async () => {
		const { error } = await runNode({
			credentials: token(),
			parameters: params('tag', 'create', { desktopId: desktop(emu.seedDesktopIds.dev01), key: 'a|b', value: 'v' }),
		});
		expect(error?.message).toMatch(/Key "a\|b" contains "\|"/);
		expect(emu.requests).toHaveLength(0);
	});

	test.each([
		...ruleCases('tag', 'create', /Desktop ID/, DESKTOP_ID_RULES, (v) => ({ desktopId: desktop(v), key: 'k', value: 'v' })),
		...ruleCases('tag', 'create', /Key/, KEY_RULES, (v) => ({ key: v, value: 'v' })),
		...ruleCases('tag', 'create', /Value/, VALUE_RULES, (v) => ({ key: 'k', value: v })),
	])('rejects %s before sending anything', async (_rule, c) => {
		await expectRefusedBeforeSending(emu, c);
	});
});

describe('Tag > Create: errors from Huawei', () => {
	test('an unknown desktop fails with Huawei\'s error code, message and request ID', async () => {
		const { error } = await runNode({
			credentials: token(),
			parameters: params('tag', 'create', { desktopId: desktop('no-such-desktop'), key: 'k', value: 'v' }),
		});
		const request = workspaceRequests()[0];
		const requestId = request.requestId;
		expect(request.status).toBe(404);
		expect(error?.message).toMatch(/404/);
		expect(error?.description).toContain('Desktop "no-such-desktop" was not found');
		expect(error?.description).toContain(`Request ID: ${requestId}`);
		expect(requestId).not.toBe('');
		expect(`${error?.message} ${error?.description}`).toMatch(/WKS\.\w+/);
		expectHuaweiError(error, request, ERRORS.DESKTOP_NOT_FOUND.msg);
	});

	test('an 11th tag is refused by the API with a 400 and the error says why', async () => {
		const id = emu.seedDesktopIds.dev02;
		const tags = { tag: Array.from({ length: 9 }, (_, n) => ({ key: `k${n}`, value: '' })) };
		await runNode({ credentials: token(), parameters: params('tag', 'batch', { desktopId: desktop(id), action: 'create', tags }) });
		expect(emu.getDesktop(id)?.tags).toHaveLength(10);
		const { error } = await runNode({
			credentials: token(),
			parameters: params('tag', 'create', { desktopId: desktop(id), key: 'eleventh', value: '' }),
		});
		expect(error?.message).toMatch(/HTTP 400/);
		expect(emu.getDesktop(id)?.tags).toHaveLength(10);
		expectHuaweiError(error, onRoute(emu, 'tag.create')[0], ERRORS.TAG_QUOTA_EXCEEDED.msg);
	});

	test('an expired token: one request, the 401 with Huawei\'s code, message and request ID, no tag added', async () => {
		const id = emu.seedDesktopIds.dev02;
		const before = emu.getDesktop(id)?.tags;
		await expectRejectedToken(emu, 'tag.create', createTeamBlue(id));
		expect(emu.getDesktop(id)?.tags).toEqual(before);
	});

	test('a 503 on every attempt is retried up to Max Attempts, then fails with Huawei\'s code, message and request ID', async () => {
		const id = emu.seedDesktopIds.dev02;
		const unavailable = { status: 503, attempts: 3, huaweiMessage: ERRORS.SERVICE_UNAVAILABLE.msg };
		await expectRetriedUntilMaxAttempts(emu, 'tag.create', unavailable, createTeamBlue(id));
		expect(emu.getDesktop(id)?.tags).toEqual([{ key: 'env', value: 'dev' }]);
	});
});

describe('Tag > Create with Continue On Fail', () => {
	test('Continue On Fail puts the error on the failing item and the other items still run', async () => {
		const ids = [emu.seedDesktopIds.dev01, 'missing-desktop', emu.seedDesktopIds.prod01];
		const { items, error } = await runNode({
			credentials: token(),
			continueOnFail: true,
			parameters: params('tag', 'create', { desktopId: desktop('={{ $json.id }}'), key: 'cof', value: 'yes' }),
			items: ids.map((id) => ({ id })),
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(items[0].json).toMatchObject({ success: true, desktopId: ids[0] });
		expect(items[2].json).toMatchObject({ success: true, desktopId: ids[2] });
		expect(String(items[1].json.error)).toMatch(/404/);
		expect(emu.getDesktop(ids[0])?.tags).toContainEqual({ key: 'cof', value: 'yes' });
		expect(emu.getDesktop(ids[2])?.tags).toContainEqual({ key: 'cof', value: 'yes' });
		const [refused, ...more] = onRoute(emu, 'tag.create').filter((r) => r.segments[3] === ids[1]);
		expect(more).toEqual([]);
		expectHuaweiError(items[1].error, refused, ERRORS.DESKTOP_NOT_FOUND.msg);
	});

	test('with Continue On Fail an invalid item is reported and the valid ones are applied', async () => {
		const id = emu.seedDesktopIds.dev02;
		const { items } = await runNode({
			credentials: token(),
			continueOnFail: true,
			parameters: params('tag', 'create', { desktopId: desktop(id), key: '={{ $json.key }}', value: 'v' }),
			items: [{ key: 'good' }, { key: 'x'.repeat(129) }, { key: 'fine' }],
		});
		expect(items[0].json).toMatchObject({ success: true, key: 'good' });
		expect(String(items[1].json.error)).toMatch(/129 characters long: tag keys may have at most 128/);
		expect(items[2].json).toMatchObject({ success: true, key: 'fine' });
		expect(workspaceRequests()).toHaveLength(2);
	});
});
