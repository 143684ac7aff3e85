import type { IDataObject, IExecuteFunctions, INodeExecutionData, NodeOperationError } from 'n8n-workflow';

import type { WorkspaceClient } from '../transport/client';

/** ListDesktopsRequest answers at most this many desktop_id values in one request. */
const IDS_PER_REQUEST = 100;

/**
 * The desktops among `ids` that exist, by ID, as GET /desktops answers them (SimpleDesktopInfo):
 * one request per 100 IDs. Huawei's batch APIs skip unknown desktop IDs without saying so, so
 * operations that must not report a desktop they never touched look first.
 */
export async function findDesktops(
	client: WorkspaceClient,
	ids: string[],
	itemIndex: number,
): Promise<Map<string, IDataObject>> {
	const unique = [...new Set(ids)];
	const chunks: string[][] = [];
	for (let start = 0; start < unique.length; start += IDS_PER_REQUEST) chunks.push(unique.slice(start, start + IDS_PER_REQUEST));
	const found = new Map<string, IDataObject>();
	// Sent together: the client's pacer spaces them; a look-up changes nothing, so any order will do.
	await Promise.all(
		chunks.map(async (chunk) => {
			const response = await client.send(
				{ api: 'ListDesktops', method: 'GET', segments: ['desktops'], qs: { desktop_id: chunk, offset: 0, limit: IDS_PER_REQUEST } },
				{ itemIndex, errorContext: { action: `look up ${chunk.length} desktop${chunk.length === 1 ? '' : 's'}` }, repeatable: true },
			);
			const list = (response.body as IDataObject | undefined)?.desktops;
			for (const desktop of Array.isArray(list) ? (list as IDataObject[]) : []) {
				if (typeof desktop.desktop_id === 'string' && chunk.includes(desktop.desktop_id)) found.set(desktop.desktop_id, desktop);
			}
		}),
	);
	return found;
}

/**
 * The items whose desktop exists; each other item fails with `notFound`, or, without Continue On Fail,
 * the node stops before anything is sent. Batch APIs may skip unknown desktops silently, so an item
 * must never be reported as done for a desktop that was never there.
 */
export async function keepFoundDesktops<Item extends { itemIndex: number; desktopId: string }>(
	context: IExecuteFunctions,
	client: WorkspaceClient,
	items: Item[],
	results: INodeExecutionData[],
	notFound: (item: Item) => NodeOperationError,
): Promise<Item[]> {
	const found = await findDesktops(client, items.map((item) => item.desktopId), items[0].itemIndex);
	const present: Item[] = [];
	for (const item of items) {
		if (found.has(item.desktopId)) {
			present.push(item);
			continue;
		}
		const error = notFound(item);
		if (!context.continueOnFail()) throw error;
		results[item.itemIndex] = { json: {}, error, pairedItem: { item: item.itemIndex } };
	}
	return present;
}
