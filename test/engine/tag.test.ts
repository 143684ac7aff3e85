import { AUTH_MODES, credentialsFor, desktop, params, useEmulator } from './fixtures';
import { runNode } from './harness';

const emu = useEmulator();

const workspaceRequests = () => emu.requests.filter((r) => r.route !== 'iam.login');

describe.each(AUTH_MODES)('tag operations with %s authentication', (mode) => {
	test('Create adds the tag to the desktop and outputs it', async () => {
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

	test('Create with an existing key overwrites its value', async () => {
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

	test('Get Many outputs one item per tag', async () => {
		const id = emu.seedDesktopIds.prod01;
		const { items } = await runNode({
			credentials: credentialsFor(emu, mode),
			parameters: params('tag', 'getAll', { desktopId: desktop(id) }),
		});
		expect(items.map((i) => [i.json.key, i.json.value])).toEqual([
			['env', 'prod'],
			['owner', 'carol'],
		]);
		expect(items.every((i) => JSON.stringify(i.pairedItem) === '{"item":0}')).toBe(true);
	});

	test('Delete removes the tag, and deleting a missing tag succeeds', async () => {
		const id = emu.seedDesktopIds.dev01;
		const { items } = await runNode({
			credentials: credentialsFor(emu, mode),
			parameters: params('tag', 'delete', { desktopId: desktop(id), key: '={{ $json.key }}' }),
			items: [{ key: 'owner' }, { key: 'never-there' }],
		});
		expect(emu.getDesktop(id)?.tags).toEqual([{ key: 'env', value: 'dev' }]);
		expect(items.map((i) => i.json)).toEqual([
			{ success: true, desktopId: id, key: 'owner' },
			{ success: true, desktopId: id, key: 'never-there' },
		]);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('Add or Remove Many adds several tags, then removes them, in one request each', async () => {
		const id = emu.seedDesktopIds.dev02;
		const tags = { tag: [{ key: 'a', value: '1' }, { key: 'b', value: '' }, { key: 'env', value: 'test' }] };
		const added = await runNode({
			credentials: credentialsFor(emu, mode),
			parameters: params('tag', 'batch', { desktopId: desktop(id), action: 'create', tags }),
		});
		expect(added.items.map((i) => i.json)).toEqual([
			{ success: true, desktopId: id, action: 'create', keys: ['a', 'b', 'env'] },
		]);
		expect(emu.getDesktop(id)?.tags).toEqual([
			{ key: 'env', value: 'test' },
			{ key: 'a', value: '1' },
			{ key: 'b', value: '' },
		]);
		await runNode({
			credentials: credentialsFor(emu, mode),
			parameters: params('tag', 'batch', {
				desktopId: desktop(id),
				action: 'delete',
				tags: { tag: [{ key: 'a' }, { key: 'b' }] },
			}),
		});
		expect(emu.getDesktop(id)?.tags).toEqual([{ key: 'env', value: 'test' }]);
		const bodies = workspaceRequests().map((r) => JSON.parse(r.body));
		expect(bodies).toEqual([
			{ action: 'create', tags: [{ key: 'a', value: '1' }, { key: 'b', value: '' }, { key: 'env', value: 'test' }] },
			{ action: 'delete', tags: [{ key: 'a' }, { key: 'b' }] },
		]);
	});
});

describe('tag operations, behaviour beyond the happy path', () => {
	const token = () => credentialsFor(emu, 'token');

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

	test('Add or Remove Many sends system tags as sys_tags', async () => {
		const id = emu.seedDesktopIds.dev01;
		await runNode({
			credentials: token(),
			parameters: params('tag', 'batch', {
				desktopId: desktop(id),
				action: 'create',
				tags: { tag: [{ key: 'x', value: 'y' }] },
				options: { sysTags: { tag: [{ key: '_sys_enterprise_project_id', value: '0' }] } },
			}),
		});
		expect(JSON.parse(workspaceRequests()[0].body)).toEqual({
			action: 'create',
			tags: [{ key: 'x', value: 'y' }],
			sys_tags: [{ key: '_sys_enterprise_project_id', value: '0' }],
		});
	});

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
	});

	test('an expired token fails with advice, once per item, without retrying', async () => {
		emu.expireTokens();
		const { error } = await runNode({
			credentials: token(),
			parameters: params('tag', 'getAll', { desktopId: desktop(emu.seedDesktopIds.dev01) }),
		});
		expect(error?.message).toMatch(/401/);
		expect(error?.message).toContain('APIG.0301');
		expect(error?.description).toMatch(/token is wrong or has expired/);
		expect(workspaceRequests()).toHaveLength(1);
	});

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
	});

	test('an invalid key fails the item before anything is sent', async () => {
		const { error } = await runNode({
			credentials: token(),
			parameters: params('tag', 'create', { desktopId: desktop(emu.seedDesktopIds.dev01), key: 'a|b', value: 'v' }),
		});
		expect(error?.message).toMatch(/Key "a\|b" contains "\|"/);
		expect(emu.requests).toHaveLength(0);
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
