import { NodeApiError, sleep, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { credentialsFor, UNTHROTTLED, useEmulator } from '../fixtures';
import { ActiveTrigger, deleteDesktop } from './pollHarness';

/**
 * The trigger's poll() through a real n8n-core PollContext (see pollHarness.ts) against the
 * emulator. Expected events come from what each test did to the emulator.
 */
const emu = useEmulator();

const ALL_EVENTS = ['desktopCreated', 'desktopDeleted', 'desktopStatusChanged', 'desktopTagsChanged'];

function trigger(parameters: INodeParameters = {}, mode: 'token' | 'accessKey' = 'token'): ActiveTrigger {
	return new ActiveTrigger({ events: ALL_EVENTS, throttling: UNTHROTTLED, ...parameters }, credentialsFor(emu, mode));
}

const listRequests = () => emu.requests.filter((request) => request.route === 'desktop.list');

/** A baseline poll, then the requests log cleared so that a test sees only its own poll. */
async function baseline(active: ActiveTrigger): Promise<void> {
	const first = await active.poll();
	expect(first.error).toBeUndefined();
	expect(first.items).toBeNull();
	emu.clearRequests();
}

describe('baseline', () => {
	test('the first poll records every desktop and emits nothing; a poll without changes emits nothing', async () => {
		const active = trigger();
		const first = await active.poll();
		expect(first.error).toBeUndefined();
		expect(first.items).toBeNull();
		const { dev01, dev02, prod01 } = emu.seedDesktopIds;
		expect(Object.keys((active.nodeStaticData.state as IDataObject).desktops as IDataObject).sort()).toEqual(
			[dev01, dev02, prod01].sort(),
		);
		expect(listRequests()).toHaveLength(1);
		expect(listRequests()[0].query).toBe('offset=0&limit=1000');

		const second = await active.poll();
		expect(second.error).toBeUndefined();
		expect(second.items).toBeNull();
	});
});

describe('events', () => {
	test('a created desktop is one desktopCreated item with its current object, once', async () => {
		const active = trigger();
		await baseline(active);
		const added = emu.addDesktop({
			desktop_id: 'a1000000-0000-4000-8000-000000000001',
			computer_name: 'wks-new-01',
			user_name: 'dave',
			tags: [{ key: 'env', value: 'dev' }],
		});
		const { items, error } = await active.poll();
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{
				event: 'desktopCreated',
				desktopId: added.desktop_id,
				computerName: 'wks-new-01',
				userName: 'dave',
				status: 'ACTIVE',
				desktop: expect.objectContaining({
					desktop_id: added.desktop_id,
					computer_name: 'wks-new-01',
					user_name: 'dave',
					status: 'ACTIVE',
					created: added.created,
					tags: [{ key: 'env', value: 'dev' }],
				}),
			},
		]);
		expect(listRequests()).toHaveLength(1);
		expect((await active.poll()).items).toBeNull();
	});

	test('a deleted desktop is one desktopDeleted item carrying its last known state', async () => {
		const active = trigger();
		await baseline(active);
		const { dev02 } = emu.seedDesktopIds;
		await deleteDesktop(emu, dev02);
		const { items } = await active.poll();
		expect(items).toEqual([
			{
				event: 'desktopDeleted',
				desktopId: dev02,
				computerName: 'wks-dev-02',
				userName: 'bob',
				status: 'ACTIVE',
				desktop: { desktop_id: dev02, computer_name: 'wks-dev-02', user_name: 'bob', status: 'ACTIVE', tags: [{ key: 'env', value: 'dev' }] },
			},
		]);
		expect((await active.poll()).items).toBeNull();
	});

	test('a status change is one item with the previous status', async () => {
		const active = trigger();
		await baseline(active);
		const { dev01 } = emu.seedDesktopIds;
		emu.updateDesktop(dev01, { status: 'SHUTOFF' });
		const { items } = await active.poll();
		expect(items).toEqual([
			expect.objectContaining({
				event: 'desktopStatusChanged',
				desktopId: dev01,
				computerName: 'wks-dev-01',
				userName: 'alice',
				status: 'SHUTOFF',
				previousStatus: 'ACTIVE',
				desktop: expect.objectContaining({ desktop_id: dev01, status: 'SHUTOFF' }),
			}),
		]);
		expect((await active.poll()).items).toBeNull();
	});

	test('To Statuses: only changes to the listed statuses emit, and the others still move the baseline', async () => {
		const active = trigger({ events: ['desktopStatusChanged'], toStatuses: ['ERROR'] });
		await baseline(active);
		const { dev01, dev02, prod01 } = emu.seedDesktopIds;
		emu.updateDesktop(dev01, { status: 'SHUTOFF' });
		emu.updateDesktop(dev02, { status: 'ERROR' });
		const first = await active.poll();
		expect(first.items?.map((item) => [item.desktopId, item.previousStatus, item.status])).toEqual([[dev02, 'ACTIVE', 'ERROR']]);
		// SHUTOFF -> ERROR is a change to ERROR from SHUTOFF, which the last poll stored.
		emu.updateDesktop(dev01, { status: 'ERROR' });
		emu.updateDesktop(prod01, { status: 'HIBERNATED' });
		const second = await active.poll();
		expect(second.items?.map((item) => [item.desktopId, item.previousStatus, item.status])).toEqual([[dev01, 'SHUTOFF', 'ERROR']]);
	});

	test('tags added, changed and removed are reported per key', async () => {
		const active = trigger({ events: ['desktopTagsChanged'] });
		await baseline(active);
		const { dev01 } = emu.seedDesktopIds;
		// Seeded: env=dev, owner=alice.
		emu.updateDesktop(dev01, {
			tags: [
				{ key: 'env', value: 'test' },
				{ key: 'team', value: 'blue' },
			],
		});
		const { items } = await active.poll();
		expect(items).toEqual([
			expect.objectContaining({
				event: 'desktopTagsChanged',
				desktopId: dev01,
				status: 'ACTIVE',
				tagsAdded: [{ key: 'team', value: 'blue' }],
				tagsChanged: [{ key: 'env', value: 'test', previousValue: 'dev' }],
				tagsRemoved: [{ key: 'owner', value: 'alice' }],
			}),
		]);
		expect((await active.poll()).items).toBeNull();
	});

	test('the order of tags alone is no change', async () => {
		const active = trigger({ events: ['desktopTagsChanged'] });
		await baseline(active);
		const { dev01 } = emu.seedDesktopIds;
		emu.updateDesktop(dev01, { tags: [...(emu.getDesktop(dev01)?.tags ?? [])].reverse() });
		expect((await active.poll()).items).toBeNull();
	});

	test('Only for Tag Keys: changes of other keys emit nothing, and an item lists only the keys asked for', async () => {
		const active = trigger({ events: ['desktopTagsChanged'], tagKeys: 'owner, cost' });
		await baseline(active);
		const { dev01, dev02 } = emu.seedDesktopIds;
		emu.updateDesktop(dev02, { tags: [{ key: 'env', value: 'prod' }] });
		emu.updateDesktop(dev01, {
			tags: [
				{ key: 'env', value: 'test' },
				{ key: 'owner', value: 'erin' },
				{ key: 'cost', value: 'c1' },
			],
		});
		const { items } = await active.poll();
		expect(items).toEqual([
			expect.objectContaining({
				desktopId: dev01,
				tagsAdded: [{ key: 'cost', value: 'c1' }],
				tagsChanged: [{ key: 'owner', value: 'erin', previousValue: 'alice' }],
				tagsRemoved: [],
			}),
		]);
	});

	test('several changes in one poll: one item each, deletions last; a desktop created then deleted between polls is not seen', async () => {
		const active = trigger();
		await baseline(active);
		const { dev01, dev02, prod01 } = emu.seedDesktopIds;
		await deleteDesktop(emu, prod01);
		emu.updateDesktop(dev01, { status: 'ERROR', tags: [] });
		const fleeting = emu.addDesktop({ computer_name: 'wks-fleeting' });
		await deleteDesktop(emu, fleeting.desktop_id);
		const added = emu.addDesktop({ computer_name: 'wks-new-02' });
		const { items } = await active.poll();
		expect(items?.map((item) => [item.event, item.desktopId])).toEqual([
			['desktopStatusChanged', dev01],
			['desktopTagsChanged', dev01],
			['desktopCreated', added.desktop_id],
			['desktopDeleted', prod01],
		]);
		expect(items?.some((item) => item.desktopId === dev02 || item.desktopId === fleeting.desktop_id)).toBe(false);
	});

	test('only the events chosen are emitted', async () => {
		const active = trigger({ events: ['desktopDeleted'] });
		await baseline(active);
		const { dev01, prod01 } = emu.seedDesktopIds;
		emu.updateDesktop(dev01, { status: 'ERROR', tags: [] });
		emu.addDesktop({ computer_name: 'wks-new-03' });
		await deleteDesktop(emu, prod01);
		const { items } = await active.poll();
		expect(items?.map((item) => [item.event, item.desktopId])).toEqual([['desktopDeleted', prod01]]);
	});
});

describe('filters', () => {
	test('Tag key=value: only desktops carrying it, deletions judged by their last known tags', async () => {
		const active = trigger({ filters: { tag: 'env=prod' } });
		await baseline(active);
		const { dev01, prod01 } = emu.seedDesktopIds;
		emu.updateDesktop(dev01, { status: 'ERROR' });
		const prodNew = emu.addDesktop({ computer_name: 'wks-prod-02', tags: [{ key: 'env', value: 'prod' }] });
		emu.addDesktop({ computer_name: 'wks-dev-03', tags: [{ key: 'env', value: 'dev' }] });
		await deleteDesktop(emu, prod01);
		const { items } = await active.poll();
		expect(items?.map((item) => [item.event, item.desktopId])).toEqual([
			['desktopCreated', prodNew.desktop_id],
			['desktopDeleted', prod01],
		]);
		// The filter is applied on this side; the list is asked for in full.
		expect(listRequests().map((request) => request.query)).toEqual(['offset=0&limit=1000']);
	});

	test('Tag with a bare key matches any value; several must all match', async () => {
		const active = trigger({ filters: { tag: 'owner, env=dev' } });
		await baseline(active);
		const { dev01, dev02, prod01 } = emu.seedDesktopIds;
		for (const id of [dev01, dev02, prod01]) emu.updateDesktop(id, { status: 'SHUTOFF' });
		const { items } = await active.poll();
		// dev02 has no owner tag, prod01 has env=prod.
		expect(items?.map((item) => item.desktopId)).toEqual([dev01]);
	});

	test('Computer Name Contains (any case) and User Name (exact, any case)', async () => {
		const byName = trigger({ filters: { computerName: 'DEV' } });
		const byUser = trigger({ filters: { userName: 'ALICE' } });
		await baseline(byName);
		await baseline(byUser);
		const { dev01, dev02, prod01 } = emu.seedDesktopIds;
		for (const id of [dev01, dev02, prod01]) emu.updateDesktop(id, { status: 'ERROR' });
		const alicia = emu.addDesktop({ computer_name: 'wks-x', user_name: 'alice2' });
		expect((await byName.poll()).items?.map((item) => item.desktopId)).toEqual([dev01, dev02]);
		const users = (await byUser.poll()).items?.map((item) => item.desktopId);
		expect(users).toEqual([dev01]);
		expect(users).not.toContain(alicia.desktop_id);
	});

	test('an empty filter fails the poll with a clear error instead of matching every desktop', async () => {
		const active = trigger({ filters: { userName: '  ' } });
		const { error } = await active.poll();
		expect(error?.message).toMatch(/User Name is empty/);
		expect(emu.requests).toHaveLength(0);
	});
});

describe('paging and errors', () => {
	function addMany(count: number): string[] {
		const ids: string[] = [];
		for (let n = 0; n < count; n++) ids.push(emu.addDesktop({ computer_name: `bulk-${n}` }).desktop_id);
		return ids;
	}

	test('2,500 desktops are listed in 3 requests of up to 1,000, and a change on the last page is seen', async () => {
		addMany(2497);
		const active = trigger();
		await baseline(active);
		const last = emu.listDesktops()[2499].desktop_id;
		emu.updateDesktop(last, { status: 'ERROR' });
		const { items } = await active.poll();
		expect(listRequests().map((request) => request.query)).toEqual([
			'offset=0&limit=1000',
			'offset=1000&limit=1000',
			'offset=2000&limit=1000',
		]);
		expect(items?.map((item) => [item.event, item.desktopId])).toEqual([['desktopStatusChanged', last]]);
		expect(Object.keys((active.nodeStaticData.state as IDataObject).desktops as IDataObject)).toHaveLength(2500);
	});

	test('exactly 2,000 desktops take 2 requests: the pages holding total_count desktops end the listing', async () => {
		addMany(1997);
		const active = trigger();
		await active.poll();
		expect(listRequests().map((request) => request.query)).toEqual(['offset=0&limit=1000', 'offset=1000&limit=1000']);
	});

	test('a desktop deleted while the pages are read (shifting the offsets) is reported once, and no other desktop comes out deleted', async () => {
		const ids = addMany(1997);
		const active = trigger();
		await baseline(active);
		const gone = ids[10];
		// The second page waits; meanwhile a desktop of the first page goes, so the desktop at offset 1000 slides to 999.
		emu.injectFaults([
			{ type: 'latency', delayMs: 1, match: { route: 'desktop.list' } },
			{ type: 'latency', delayMs: 300, match: { route: 'desktop.list' } },
		]);
		const deleting = sleep(100).then(async () => await deleteDesktop(emu, gone));
		const [{ items, error }] = await Promise.all([active.poll(), deleting]);
		expect(error).toBeUndefined();
		expect(items?.map((item) => [item.event, item.desktopId])).toEqual([['desktopDeleted', gone]]);
		// The first listing disagreed with itself (total 2,000 then 1,999) and was read again.
		expect(listRequests().map((request) => request.query)).toEqual([
			'offset=0&limit=1000',
			'offset=1000&limit=1000',
			'offset=0&limit=1000',
			'offset=1000&limit=1000',
		]);
	});

	test('a 500 on the second page that outlasts Max Attempts fails the poll, the state is unchanged, the next poll emits each event once', async () => {
		addMany(1500);
		const active = trigger({ throttling: { ...UNTHROTTLED, maxAttempts: 2 } });
		await baseline(active);
		const savedBefore = active.savedStaticData;
		const { dev01 } = emu.seedDesktopIds;
		emu.updateDesktop(dev01, { status: 'ERROR' });
		const added = emu.addDesktop({ computer_name: 'wks-after-baseline' });
		emu.injectFaults([
			{ type: 'latency', delayMs: 1, match: { route: 'desktop.list' } },
			{ type: 'status', status: 500, match: { route: 'desktop.list' }, times: 2 },
		]);
		const failed = await active.poll();
		expect(failed.error).toBeInstanceOf(NodeApiError);
		expect(failed.error?.message).toMatch(/Could not list desktops: HTTP 500/);
		expect(listRequests().map((request) => [request.query, request.status])).toEqual([
			['offset=0&limit=1000', 200],
			['offset=1000&limit=1000', 500],
			['offset=1000&limit=1000', 500],
		]);
		// Neither what n8n would save nor the static data in memory moved.
		expect(active.savedStaticData).toBe(savedBefore);
		expect(JSON.stringify(failed.liveStaticData)).toBe(savedBefore);

		const next = await active.poll();
		expect(next.error).toBeUndefined();
		expect(next.items?.map((item) => [item.event, item.desktopId])).toEqual([
			['desktopStatusChanged', dev01],
			['desktopCreated', added.desktop_id],
		]);
		expect((await active.poll()).items).toBeNull();
	});

	test('a 403 is not retried: the poll fails with Huawei\'s code and the next poll catches up', async () => {
		const active = trigger({}, 'accessKey');
		await baseline(active);
		const savedBefore = active.savedStaticData;
		const { prod01 } = emu.seedDesktopIds;
		emu.updateDesktop(prod01, { status: 'SHUTOFF' });
		emu.injectFaults([{ type: 'status', status: 403, match: { route: 'desktop.list' } }]);
		const failed = await active.poll();
		expect(failed.error).toBeInstanceOf(NodeApiError);
		expect((failed.error as NodeApiError).httpCode).toBe('403');
		expect(listRequests()).toHaveLength(1);
		expect(active.savedStaticData).toBe(savedBefore);
		expect((await active.poll()).items?.map((item) => [item.event, item.desktopId, item.status])).toEqual([
			['desktopStatusChanged', prod01, 'SHUTOFF'],
		]);
	});

	test('requests are signed in AK/SK mode through the credential helper', async () => {
		const active = trigger({}, 'accessKey');
		await active.poll();
		expect(listRequests().map((request) => request.auth)).toEqual(['aksk']);
	});
});

describe('manual mode (Fetch Test Event)', () => {
	test('answers the newest matching desktop as a sample and neither reads as a baseline nor changes stored state', async () => {
		const active = trigger({ filters: { tag: 'env=dev' } });
		const older = emu.addDesktop({ computer_name: 'wks-dev-older', tags: [{ key: 'env', value: 'dev' }] });
		const newest = emu.addDesktop({ computer_name: 'wks-dev-newest', user_name: 'frank', tags: [{ key: 'env', value: 'dev' }] });
		emu.addDesktop({ computer_name: 'wks-prod-newer-still', tags: [{ key: 'env', value: 'prod' }] });
		expect(newest.created > older.created).toBe(true);

		const sample = await active.poll('manual');
		expect(sample.error).toBeUndefined();
		expect(sample.items).toEqual([
			expect.objectContaining({
				event: 'desktopCreated',
				desktopId: newest.desktop_id,
				computerName: 'wks-dev-newest',
				userName: 'frank',
				desktop: expect.objectContaining({ desktop_id: newest.desktop_id }),
			}),
		]);
		expect(sample.liveStaticData).toEqual({});
		expect(active.savedStaticData).toBe('{}');

		// With a baseline stored, a manual run leaves it as it was, and the next poll still sees the change.
		await baseline(active);
		const savedBefore = active.savedStaticData;
		emu.updateDesktop(older.desktop_id, { status: 'ERROR' });
		const again = await active.poll('manual');
		expect(again.items).toHaveLength(1);
		expect(JSON.stringify(again.liveStaticData)).toBe(savedBefore);
		expect((await active.poll()).items?.map((item) => [item.event, item.desktopId])).toEqual([
			['desktopStatusChanged', older.desktop_id],
		]);
	});

	test('no matching desktop: null', async () => {
		const active = trigger({ filters: { userName: 'nobody' } });
		expect((await active.poll('manual')).items).toBeNull();
	});
});
