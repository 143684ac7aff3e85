import type { RecordedRequest } from '../emulator';
import { AUTH_MODES, credentialsFor, desktop, params, useEmulator } from './fixtures';
import { runNode } from './harness';

const emu = useEmulator();

const bulkId = (n: number) => `b0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const batchRequests = () => emu.requests.filter((r) => r.route === 'desktop.batchTags' || r.route === 'desktop.batchUntags');
const workspaceRequests = () => emu.requests.filter((r) => r.route !== 'iam.login');
type SentDesktop = { desktop_id: string; tags: Array<{ key: string; value?: string }> };
const sentDesktops = (request: RecordedRequest) => (JSON.parse(request.body) as { desktops: SentDesktop[] }).desktops;

function addDesktops(count: number, tags: Array<{ key: string; value: string }> = []): string[] {
	return Array.from({ length: count }, (_, n) => {
		emu.addDesktop({ desktop_id: bulkId(n), computer_name: `bulk-${n}`, tags: tags.map((tag) => ({ ...tag })) });
		return bulkId(n);
	});
}

function bulk(operation: 'bulkCreate' | 'bulkDelete', tags: Array<{ key: string; value?: string }>) {
	return params('tag', operation, { desktopId: desktop('={{ $json.desktop_id }}'), tags: { tag: tags } });
}

describe.each(AUTH_MODES)('bulk tagging with %s authentication', (mode) => {
	test('1,000 items are tagged in exactly 10 requests, then untagged in 10 more', async () => {
		const ids = addDesktops(1000, [{ key: 'owner', value: 'ops' }]);
		const items = ids.map((desktop_id) => ({ desktop_id }));

		const added = await runNode({
			credentials: credentialsFor(emu, mode),
			parameters: bulk('bulkCreate', [{ key: 'env', value: 'dev' }, { key: 'team', value: 'blue' }]),
			items,
		});
		expect(added.error).toBeUndefined();
		expect(workspaceRequests()).toHaveLength(10);
		const sent = batchRequests();
		expect(sent.every((r) => r.method === 'POST' && r.rawPath === `/v2/${emu.projectId}/desktops/batch-tags` && r.status === 204)).toBe(true);
		expect(sent.map((r) => sentDesktops(r).length)).toEqual(Array(10).fill(100));
		expect(new Set(sent.flatMap((r) => sentDesktops(r).map((d) => d.desktop_id))).size).toBe(1000);
		for (const id of ids) {
			expect(emu.getDesktop(id)?.tags).toEqual([
				{ key: 'owner', value: 'ops' },
				{ key: 'env', value: 'dev' },
				{ key: 'team', value: 'blue' },
			]);
		}
		expect(added.items).toHaveLength(1000);
		added.items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toEqual({
				success: true,
				desktopId: ids[index],
				action: 'create',
				keys: ['env', 'team'],
				requestIndex: Math.floor(index / 100),
			});
		});

		emu.clearRequests();
		const removed = await runNode({
			credentials: credentialsFor(emu, mode),
			parameters: bulk('bulkDelete', [{ key: 'team' }, { key: 'owner' }]),
			items,
		});
		expect(removed.error).toBeUndefined();
		expect(workspaceRequests()).toHaveLength(10);
		const deletes = batchRequests();
		expect(deletes.every((r) => r.method === 'DELETE' && r.status === 204)).toBe(true);
		expect(sentDesktops(deletes[0])[0]).toEqual({ desktop_id: ids[0], tags: [{ key: 'team' }, { key: 'owner' }] });
		for (const id of ids) expect(emu.getDesktop(id)?.tags).toEqual([{ key: 'env', value: 'dev' }]);
		expect(removed.items.map((item) => item.json.action)).toEqual(Array(1000).fill('delete'));
		expect(removed.items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
	});
});

describe('bulk tagging: invalid items', () => {
	const token = () => credentialsFor(emu, 'token');
	const input = () => {
		const ids = addDesktops(4);
		return [
			{ desktop_id: ids[0], key: 'good' },
			{ desktop_id: '..', key: 'good' },
			{ desktop_id: ids[2], key: 'bad/key' },
			{ desktop_id: ids[3], key: 'good' },
		];
	};
	const perItemKey = params('tag', 'bulkCreate', {
		desktopId: desktop('={{ $json.desktop_id }}'),
		tags: { tag: [{ key: '={{ $json.key }}', value: 'v' }] },
	});

	test('without Continue On Fail the node fails before anything is sent', async () => {
		const { error, items } = await runNode({ credentials: token(), parameters: perItemKey, items: input() });
		expect(error?.message).toMatch(/is not a desktop ID/);
		expect(items).toEqual([]);
		expect(workspaceRequests()).toHaveLength(0);
	});

	test('with Continue On Fail each invalid item carries its error and is never sent', async () => {
		const data = input();
		const { error, items } = await runNode({ credentials: token(), continueOnFail: true, parameters: perItemKey, items: data });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(items[0].json).toMatchObject({ success: true, desktopId: data[0].desktop_id, keys: ['good'] });
		expect(String(items[1].json.error)).toMatch(/"\.\." is not a desktop ID/);
		expect(String(items[2].json.error)).toMatch(/contains "\/"/);
		expect(items[3].json).toMatchObject({ success: true, desktopId: data[3].desktop_id });
		const [request, ...more] = batchRequests();
		expect(more).toHaveLength(0);
		expect(sentDesktops(request).map((d) => d.desktop_id)).toEqual([data[0].desktop_id, data[3].desktop_id]);
		expect(emu.getDesktop(data[2].desktop_id)?.tags).toEqual([]);
	});

	test('an item without tags is invalid', async () => {
		const [id] = addDesktops(1);
		const { error } = await runNode({ credentials: token(), parameters: bulk('bulkCreate', []), items: [{ desktop_id: id }] });
		expect(error?.message).toMatch(/Tags is empty/);
		expect(workspaceRequests()).toHaveLength(0);
	});
});

describe('bulk tagging: the same desktop in several items', () => {
	const token = () => credentialsFor(emu, 'token');
	const perItemTag = params('tag', 'bulkCreate', {
		desktopId: desktop('={{ $json.desktop_id }}'),
		tags: { tag: [{ key: '={{ $json.key }}', value: '={{ $json.value }}' }] },
	});

	test('items that agree are merged into one entry of one request', async () => {
		const [a, b] = addDesktops(2);
		const { items } = await runNode({
			credentials: token(),
			parameters: perItemTag,
			items: [
				{ desktop_id: a, key: 'env', value: 'dev' },
				{ desktop_id: b, key: 'env', value: 'dev' },
				{ desktop_id: a, key: 'team', value: 'blue' },
				{ desktop_id: a, key: 'env', value: 'dev' },
			],
		});
		const [request, ...more] = batchRequests();
		expect(more).toHaveLength(0);
		expect(sentDesktops(request)).toEqual([
			{ desktop_id: a, tags: [{ key: 'env', value: 'dev' }, { key: 'team', value: 'blue' }] },
			{ desktop_id: b, tags: [{ key: 'env', value: 'dev' }] },
		]);
		expect(emu.getDesktop(a)?.tags).toEqual([{ key: 'env', value: 'dev' }, { key: 'team', value: 'blue' }]);
		expect(items.map((item) => [item.json.desktopId, item.json.keys, item.json.requestIndex])).toEqual([
			[a, ['env'], 0],
			[b, ['env'], 0],
			[a, ['team'], 0],
			[a, ['env'], 0],
		]);
	});

	test('a conflicting value goes into a later request, so the later item wins as it would one by one', async () => {
		const [a, b] = addDesktops(2);
		const { items } = await runNode({
			credentials: token(),
			parameters: perItemTag,
			items: [
				{ desktop_id: a, key: 'env', value: 'dev' },
				{ desktop_id: b, key: 'env', value: 'dev' },
				{ desktop_id: a, key: 'env', value: 'prod' },
				{ desktop_id: a, key: 'env', value: 'test' },
			],
		});
		const sent = batchRequests();
		expect(sent.map(sentDesktops)).toEqual([
			[
				{ desktop_id: a, tags: [{ key: 'env', value: 'dev' }] },
				{ desktop_id: b, tags: [{ key: 'env', value: 'dev' }] },
			],
			[{ desktop_id: a, tags: [{ key: 'env', value: 'prod' }] }],
			[{ desktop_id: a, tags: [{ key: 'env', value: 'test' }] }],
		]);
		expect(emu.getDesktop(a)?.tags).toEqual([{ key: 'env', value: 'test' }]);
		expect(items.map((item) => item.json.requestIndex)).toEqual([0, 0, 1, 2]);
	});

	test('more than 20 tags for one desktop are split over two requests', async () => {
		const [a] = addDesktops(1);
		const eightKeys = Array.from({ length: 8 }, (_, n) => ({ key: `={{ 'k' + ($json.from + ${n}) }}`, value: 'v' }));
		const { error } = await runNode({
			credentials: token(),
			parameters: params('tag', 'bulkDelete', { desktopId: desktop(a), tags: { tag: eightKeys } }),
			items: [{ from: 0 }, { from: 8 }, { from: 16 }],
		});
		expect(error).toBeUndefined();
		expect(batchRequests().map((r) => sentDesktops(r).map((d) => d.tags.length))).toEqual([[16], [8]]);
	});
});

describe('bulk tagging: a refused request', () => {
	const token = () => credentialsFor(emu, 'token');

	test('with Continue On Fail an unknown desktop fails only the items of its request', async () => {
		const ids = addDesktops(250);
		const input = ids.map((desktop_id) => ({ desktop_id }));
		input[150] = { desktop_id: 'b0000000-dead-4000-8000-000000000000' };
		const { error, items } = await runNode({
			credentials: token(),
			continueOnFail: true,
			parameters: bulk('bulkCreate', [{ key: 'env', value: 'dev' }]),
			items: input,
		});
		expect(error).toBeUndefined();
		// The three requests of one round are sent together, so they may arrive in any order.
		const statusByFirstDesktop = Object.fromEntries(batchRequests().map((r) => [sentDesktops(r)[0].desktop_id, r.status]));
		expect(statusByFirstDesktop).toEqual({ [ids[0]]: 204, [ids[100]]: 404, [ids[200]]: 204 });
		expect(items).toHaveLength(250);
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			if (index >= 100 && index < 200) {
				expect(String(item.json.error)).toMatch(/request 2 of 3.*HTTP 404 WKS\.0202.*b0000000-dead/);
				expect(item.error?.description).toMatch(/Request ID: \S+/);
				if (index !== 150) expect(emu.getDesktop(ids[index])?.tags).toEqual([]);
			} else {
				expect(item.json).toMatchObject({ success: true, desktopId: ids[index] });
				expect(emu.getDesktop(ids[index])?.tags).toEqual([{ key: 'env', value: 'dev' }]);
			}
		});
	});

	test('without Continue On Fail a full tag quota (400) fails the node with Huawei\'s error', async () => {
		const ids = addDesktops(120);
		emu.updateDesktop(ids[110], { tags: Array.from({ length: 10 }, (_, n) => ({ key: `t${n}`, value: '' })) });
		const { error, items } = await runNode({
			credentials: token(),
			parameters: bulk('bulkCreate', [{ key: 'env', value: 'dev' }]),
			items: ids.map((desktop_id) => ({ desktop_id })),
		});
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/request 2 of 2.*HTTP 400 WKS\.0104/);
		expect(emu.getDesktop(ids[0])?.tags).toEqual([{ key: 'env', value: 'dev' }]);
		expect(emu.getDesktop(ids[100])?.tags).toEqual([]);
	});

	test('a 503 is retried, since adding a tag twice changes nothing', async () => {
		const ids = addDesktops(3);
		emu.injectFaults([{ type: 'status', status: 503, match: { route: 'desktop.batchTags' }, times: 1 }]);
		const { error, items } = await runNode({
			credentials: token(),
			parameters: bulk('bulkCreate', [{ key: 'env', value: 'dev' }]),
			items: ids.map((desktop_id) => ({ desktop_id })),
		});
		expect(error).toBeUndefined();
		expect(batchRequests().map((r) => r.status)).toEqual([503, 204]);
		expect(items.every((item) => item.json.success === true)).toBe(true);
	});

	test('requests go through the pacer of the credential', async () => {
		const ids = addDesktops(300);
		emu.setLatency(30);
		const { error } = await runNode({
			credentials: token(),
			parameters: {
				...bulk('bulkCreate', [{ key: 'env', value: 'dev' }]),
				throttling: { requestsPerSecond: 1000, maxConcurrent: 1 },
			},
			items: ids.map((desktop_id) => ({ desktop_id })),
		});
		expect(error).toBeUndefined();
		expect(batchRequests()).toHaveLength(3);
		expect(emu.stats().maxInFlight).toBe(1);
	});
});
