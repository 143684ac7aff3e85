import { ERRORS } from '../../emulator';
import { expectHuaweiError, expectRejectedToken } from '../apiErrors';
import { AUTH_MODES, credentialsFor, desktop, params, useEmulator } from '../fixtures';
import { NODE_NAME, runNode } from '../harness';
import { expectRefusedBeforeSending } from '../hostileCases';
import { DESKTOP_ID_RULES, KEY_RULES, ruleCases, tagListCases, VALUE_RULES } from '../inputRules';
import {
	addDesktops,
	batchRequests,
	bulk,
	expectInvalidItemsLeftOut,
	expectLookedUpThenSent,
	expectOneOutputPerItem,
	expectOnlyTheRefusedRequestFailed,
	expectStoppedBeforeSending,
	invalidItems,
	lookedUpIds,
	lookUps,
	perItemKey,
	sentDesktops,
	workspaceRequests,
} from './bulkCases';

/**
 * Tag > Add to Many Desktops (`POST /v2/{project}/desktops/batch-tags`): the tags of every input
 * item are added to its desktop, up to 100 desktops a request, items on the same desktop merged
 * or, when they disagree, sent in order; every item is checked before anything is sent, a refused
 * request fails only the items it carried, with Huawei's code, message and request ID, and a 503
 * is retried.
 */
const emu = useEmulator();

const token = () => credentialsFor(emu, 'token');

describe.each(AUTH_MODES)('Tag > Add to Many Desktops with %s authentication', (mode) => {
	test('1,000 items are tagged in 10 requests, after 10 look-ups of their desktops', async () => {
		const ids = addDesktops(emu, 1000, [{ key: 'owner', value: 'ops' }]);
		const items = ids.map((desktop_id) => ({ desktop_id }));

		const added = await runNode({
			credentials: credentialsFor(emu, mode),
			parameters: bulk('bulkCreate', [{ key: 'env', value: 'dev' }, { key: 'team', value: 'blue' }]),
			items,
		});
		expect(added.error).toBeUndefined();
		expectLookedUpThenSent(emu, ids, 'desktop.batchTags');
		const sent = batchRequests(emu);
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
		expectOneOutputPerItem(added.items, ids, 'create', ['env', 'team']);
	});
});

describe('Tag > Add to Many Desktops: invalid items', () => {
	test('without Continue On Fail the node fails before anything is sent', async () => {
		const result = await runNode({ credentials: token(), parameters: perItemKey('bulkCreate'), items: invalidItems(emu) });
		expectStoppedBeforeSending(emu, result);
	});

	test('with Continue On Fail each invalid item carries its error and is never sent', async () => {
		const data = invalidItems(emu);
		const result = await runNode({ credentials: token(), continueOnFail: true, parameters: perItemKey('bulkCreate'), items: data });
		expectInvalidItemsLeftOut(emu, data, result);
	});

	test('an item without tags is invalid', async () => {
		const [id] = addDesktops(emu, 1);
		const { error } = await runNode({ credentials: token(), parameters: bulk('bulkCreate', []), items: [{ desktop_id: id }] });
		expect(error?.message).toMatch(/Tags is empty/);
		expect(workspaceRequests(emu)).toHaveLength(0);
	});

	test.each([
		...ruleCases('tag', 'bulkCreate', /Desktop ID/, DESKTOP_ID_RULES, (v) => ({ desktopId: desktop(v), tags: { tag: [{ key: 'k', value: 'v' }] } })),
		...ruleCases('tag', 'bulkCreate', /Tags/, KEY_RULES, (v) => ({ tags: { tag: [{ key: v, value: 'v' }] } })),
		...ruleCases('tag', 'bulkCreate', /Tags/, VALUE_RULES, (v) => ({ tags: { tag: [{ key: 'k', value: v }] } })),
		...tagListCases('tag', 'bulkCreate'),
	])('rejects %s before sending anything', async (_rule, c) => {
		await expectRefusedBeforeSending(emu, c);
	});
});

describe('Tag > Add to Many Desktops: the same desktop in several items', () => {
	const perItemTag = params('tag', 'bulkCreate', {
		desktopId: desktop('={{ $json.desktop_id }}'),
		tags: { tag: [{ key: '={{ $json.key }}', value: '={{ $json.value }}' }] },
	});

	test('items that agree are merged into one entry of one request', async () => {
		const [a, b] = addDesktops(emu, 2);
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
		const [request, ...more] = batchRequests(emu);
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
		const [a, b] = addDesktops(emu, 2);
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
		const sent = batchRequests(emu);
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
});

describe('Tag > Add to Many Desktops: a refused request', () => {
	/**
	 * Huawei's batch-tags skips a desktop ID it does not know and answers 204 (SDK
	 * BatchAddDesktopsTagsReq), so only the look-up can tell: the item must not come out tagged.
	 */
	test('with Continue On Fail an unknown desktop fails only its own item, and is never sent or reported as tagged', async () => {
		const unknown = 'b0000000-dead-4000-8000-000000000000';
		const ids = addDesktops(emu, 250);
		const input = ids.map((desktop_id) => ({ desktop_id }));
		input[150] = { desktop_id: unknown };
		const { error, items } = await runNode({
			credentials: token(),
			continueOnFail: true,
			parameters: bulk('bulkCreate', [{ key: 'env', value: 'dev' }]),
			items: input,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(250);
		expect(String(items[150].json.error)).toBe(`Desktop ${unknown} was not found in this project: no tags were added`);
		expect(items[150].json.tagged).toBeUndefined();
		expect(batchRequests(emu).flatMap((r) => sentDesktops(r).map((d) => d.desktop_id))).not.toContain(unknown);
		// 249 desktops: three look-ups and three batches, at most 2 requests per 100 desktops.
		expect(lookUps(emu)).toHaveLength(3);
		expect(batchRequests(emu).map((r) => sentDesktops(r).length).sort()).toEqual([100, 100, 49]);
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			if (index === 150) return;
			expect(item.json).toMatchObject({ success: true, desktopId: ids[index], tagged: true });
			expect(emu.getDesktop(ids[index])?.tags).toEqual([{ key: 'env', value: 'dev' }]);
		});
		expect(emu.getDesktop(ids[150])?.tags).toEqual([]);
	});

	test('without Continue On Fail an unknown desktop stops the node after the look-up: no desktop is tagged', async () => {
		const unknown = 'b0000000-dead-4000-8000-000000000001';
		const ids = addDesktops(emu, 3);
		const { error, items } = await runNode({
			credentials: token(),
			parameters: bulk('bulkCreate', [{ key: 'env', value: 'dev' }]),
			items: [{ desktop_id: ids[0] }, { desktop_id: unknown }, { desktop_id: ids[2] }],
		});
		expect(items).toEqual([]);
		expect(error?.message).toBe(`Desktop ${unknown} was not found in this project: no tags were added`);
		expect(error?.description).toMatch(/skips desktops it does not know/);
		expect(workspaceRequests(emu).map((r) => r.route)).toEqual(['desktop.list']);
		expect(lookedUpIds(lookUps(emu)[0])).toEqual([ids[0], unknown, ids[2]]);
		for (const id of ids) expect(emu.getDesktop(id)?.tags).toEqual([]);
	});

	test('with Continue On Fail a refused request (403) fails only its items, with Huawei\'s error', async () => {
		const ids = addDesktops(emu, 250);
		emu.injectFaults([{ type: 'status', status: 403, match: { route: 'desktop.batchTags' } }]);
		const parameters = bulk('bulkCreate', [{ key: 'env', value: 'dev' }]);
		const result = await runNode({ credentials: token(), continueOnFail: true, parameters, items: ids.map((desktop_id) => ({ desktop_id })) });
		expectOnlyTheRefusedRequestFailed(emu, ids, result, { untouched: [], applied: [{ key: 'env', value: 'dev' }] });
	});

	test('without Continue On Fail a full tag quota (400) fails the node with Huawei\'s error', async () => {
		const ids = addDesktops(emu, 120);
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
		const [refused] = batchRequests(emu).filter((r) => r.status === 400);
		expectHuaweiError(error, refused, ERRORS.TAG_QUOTA_EXCEEDED.msg);
	});

	test('an expired token: one request answered 401, not repeated, and the node fails with Huawei\'s code, message and request ID', async () => {
		const ids = addDesktops(emu, 3);
		// The look-up is the first request: it meets the 401, and no batch is sent.
		const { items } = await expectRejectedToken(emu, 'desktop.list', bulk('bulkCreate', [{ key: 'env', value: 'dev' }]), ids.map((desktop_id) => ({ desktop_id })));
		expect(items).toEqual([]);
		for (const id of ids) expect(emu.getDesktop(id)?.tags).toEqual([]);
	});

	test('a 503 is retried, since adding a tag twice changes nothing', async () => {
		const ids = addDesktops(emu, 3);
		emu.injectFaults([{ type: 'status', status: 503, match: { route: 'desktop.batchTags' }, times: 1 }]);
		const { error, items } = await runNode({
			credentials: token(),
			parameters: bulk('bulkCreate', [{ key: 'env', value: 'dev' }]),
			items: ids.map((desktop_id) => ({ desktop_id })),
		});
		expect(error).toBeUndefined();
		expect(batchRequests(emu).map((r) => r.status)).toEqual([503, 204]);
		expect(items.every((item) => item.json.success === true)).toBe(true);
	});

	test('a run Huawei throttled says so under the output (an execution hint), with the counts the gateway saw; a run it did not throttle has no hint', async () => {
		const ids = addDesktops(emu, 250);
		const run = async () =>
			await runNode({
				credentials: token(),
				parameters: bulk('bulkCreate', [{ key: 'env', value: 'dev' }]),
				items: ids.map((desktop_id) => ({ desktop_id })),
			});
		const calm = await run();
		expect(calm.run.data.resultData.runData[NODE_NAME][0].hints ?? []).toEqual([]);

		emu.clearRequests();
		emu.injectFaults([
			{ type: 'status', status: 429, errorCode: 'APIGW.0308', match: { route: 'desktop.batchTags' }, times: 2 },
		]);
		const throttled = await run();
		expect(throttled.items.every((item) => item.json.success === true)).toBe(true);
		const answers = workspaceRequests(emu).map((r) => r.status);
		const refused = answers.filter((status) => status === 429).length;
		expect(refused).toBe(2);
		expect(throttled.run.data.resultData.runData[NODE_NAME][0].hints).toEqual([
			{
				type: 'info',
				location: 'outputPane',
				message: expect.stringContaining(
					`Huawei Cloud throttled ${refused} of the ${answers.length} requests of this run (HTTP 429)`,
				),
			},
		]);
	});

	test('requests go through the pacer of the credential', async () => {
		const ids = addDesktops(emu, 300);
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
		expect(batchRequests(emu)).toHaveLength(3);
		expect(emu.stats().maxInFlight).toBe(1);
	});
});
