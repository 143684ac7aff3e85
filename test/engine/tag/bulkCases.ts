import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { ERRORS, type Emulator, type RecordedRequest } from '../../emulator';
import { expectHuaweiError } from '../apiErrors';
import { desktop, params } from '../fixtures';

/**
 * What bulkCreate.test.ts and bulkDelete.test.ts share: desktops made for the run, the
 * operations' parameters, what the emulator received, and the scenarios both operations must
 * pass the same way (README: up to 100 desktops a request; all items are checked first; a refused
 * request fails every item it carried, naming the request, and only those).
 */
export type BulkOperation = 'bulkCreate' | 'bulkDelete';
type Tag = { key: string; value?: string };
type SentDesktop = { desktop_id: string; tags: Tag[] };

export const bulkId = (n: number) => `b0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const batchRequests = (emu: Emulator) =>
	emu.requests.filter((r) => r.route === 'desktop.batchTags' || r.route === 'desktop.batchUntags');
export const workspaceRequests = (emu: Emulator) => emu.requests.filter((r) => r.route !== 'iam.login');
/** The look-ups of the items' desktops (GET /desktops?desktop_id=...) sent before the batches. */
export const lookUps = (emu: Emulator) => emu.requests.filter((r) => r.route === 'desktop.list');
export const lookedUpIds = (request: RecordedRequest) => new URLSearchParams(request.query).getAll('desktop_id');

/**
 * README: the items' desktops are looked up first, 100 IDs a request, and then sent 100 a batch:
 * `count` desktops cost count/100 look-ups and count/100 batch requests, nothing else.
 */
export function expectLookedUpThenSent(emu: Emulator, ids: string[], route: 'desktop.batchTags' | 'desktop.batchUntags'): void {
	const hundreds = Math.ceil(ids.length / 100);
	expect(workspaceRequests(emu).map((r) => r.route)).toEqual([...Array(hundreds).fill('desktop.list'), ...Array(hundreds).fill(route)]);
	expect(lookUps(emu).map((r) => lookedUpIds(r).length)).toEqual(Array(hundreds).fill(100));
	expect(new Set(lookUps(emu).flatMap(lookedUpIds))).toEqual(new Set(ids));
}
export const sentDesktops = (request: RecordedRequest) => (JSON.parse(request.body) as { desktops: SentDesktop[] }).desktops;

/** `count` new desktops, each with its own copy of `tags`; their IDs in order. */
export function addDesktops(emu: Emulator, count: number, tags: Array<{ key: string; value: string }> = []): string[] {
	return Array.from({ length: count }, (_, n) => {
		emu.addDesktop({ desktop_id: bulkId(n), computer_name: `bulk-${n}`, tags: tags.map((tag) => ({ ...tag })) });
		return bulkId(n);
	});
}

/** The operation on the desktop of every item (`$json.desktop_id`), with these tags. */
export function bulk(operation: BulkOperation, tags: Tag[]): INodeParameters {
	return params('tag', operation, { desktopId: desktop('={{ $json.desktop_id }}'), tags: { tag: tags } });
}

/** One tag whose key each item gives (`$json.key`). */
export function perItemKey(operation: BulkOperation): INodeParameters {
	return params('tag', operation, {
		desktopId: desktop('={{ $json.desktop_id }}'),
		tags: { tag: [{ key: '={{ $json.key }}', value: 'v' }] },
	});
}

/** Every item succeeded, on its own desktop, in the request of its hundred. */
export function expectOneOutputPerItem(items: INodeExecutionData[], ids: string[], action: 'create' | 'delete', keys: string[]): void {
	expect(items).toHaveLength(ids.length);
	items.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		const done = action === 'create' ? { tagged: true } : { untagged: true };
		expect(item.json).toEqual({ success: true, desktopId: ids[index], action, keys, ...done, requestIndex: Math.floor(index / 100) });
	});
}

/** A key over Huawei's 128-character limit: refused whether a tag is added or removed. */
const TOO_LONG = 'k'.repeat(129);

/** Four items on new desktops: 0 and 3 are good, 1 names the desktop "..", 2 gives a key of 129 characters. */
export function invalidItems(emu: Emulator) {
	const ids = addDesktops(emu, 4);
	return [
		{ desktop_id: ids[0], key: 'good' },
		{ desktop_id: '..', key: 'good' },
		{ desktop_id: ids[2], key: TOO_LONG },
		{ desktop_id: ids[3], key: 'good' },
	];
}

/** Without Continue On Fail: the first invalid item of `invalidItems` stops the node before anything is sent. */
export function expectStoppedBeforeSending(emu: Emulator, { error, items }: { error?: { message?: string }; items: INodeExecutionData[] }): void {
	expect(error?.message).toMatch(/is not a desktop ID/);
	expect(items).toEqual([]);
	expect(workspaceRequests(emu)).toHaveLength(0);
}

/** With Continue On Fail: each invalid item of `invalidItems` carries its error and is never sent. */
export function expectInvalidItemsLeftOut(
	emu: Emulator,
	data: ReturnType<typeof invalidItems>,
	{ error, items }: { error?: unknown; items: INodeExecutionData[] },
): void {
	expect(error).toBeUndefined();
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
	expect(items[0].json).toMatchObject({ success: true, desktopId: data[0].desktop_id, keys: ['good'] });
	expect(String(items[1].json.error)).toMatch(/"\.\." is not a desktop ID/);
	expect(String(items[2].json.error)).toMatch(/is 129 characters long/);
	expect(items[3].json).toMatchObject({ success: true, desktopId: data[3].desktop_id });
	const [request, ...more] = batchRequests(emu);
	expect(more).toHaveLength(0);
	expect(sentDesktops(request).map((d) => d.desktop_id)).toEqual([data[0].desktop_id, data[3].desktop_id]);
	expect(emu.getDesktop(data[2].desktop_id)?.tags).toEqual([]);
}

/**
 * With Continue On Fail, after 250 items on `ids` where one of the three requests was refused with
 * a 403: that request's items carry the error (naming the request, Huawei's code, message and
 * request ID) and keep `untouched`; every other item succeeded and its desktop holds `applied`.
 * The three requests go out together, so the test finds the refused one among them.
 */
export function expectOnlyTheRefusedRequestFailed(
	emu: Emulator,
	ids: string[],
	{ error, items }: { error?: unknown; items: INodeExecutionData[] },
	{ untouched, applied }: { untouched: Tag[]; applied: Tag[] },
): void {
	expect(error).toBeUndefined();
	expect(batchRequests(emu).map((r) => r.status).sort()).toEqual([204, 204, 403]);
	const [refused] = batchRequests(emu).filter((r) => r.status === 403);
	const refusedIds = new Set(sentDesktops(refused).map((d) => d.desktop_id));
	expect(items).toHaveLength(ids.length);
	items.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		if (refusedIds.has(ids[index])) {
			expect(String(item.json.error)).toContain(`request ${Math.floor(index / 100) + 1} of 3`);
			expectHuaweiError(item.error, refused, ERRORS.FORBIDDEN.msg);
			expect(emu.getDesktop(ids[index])?.tags).toEqual(untouched);
		} else {
			expect(item.json).toMatchObject({ success: true, desktopId: ids[index] });
			expect(emu.getDesktop(ids[index])?.tags).toEqual(applied);
		}
	});
	expect(refusedIds.size).toBeGreaterThanOrEqual(50);
}
