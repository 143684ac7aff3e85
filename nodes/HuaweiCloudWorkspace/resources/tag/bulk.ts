import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { sendWorkspaceRequest } from '../../shared/directRequest';
import { inputFailure } from '../../shared/transport';
import { InputError, type Tag, TAGS_PER_REQUEST_MAX, validateDesktopId, validateTagList } from '../../shared/validation';
import { forAction } from './batch';

/** Huawei's limit for one batch-tags request. */
export const DESKTOPS_PER_REQUEST_MAX = 100;

export interface BulkItem {
	itemIndex: number;
	desktopId: string;
	tags: Tag[];
}

/** One desktop's part of a request: its tags, and the input items they came from. */
export interface BulkEntry {
	desktopId: string;
	tags: Tag[];
	itemIndexes: number[];
}

/** Requests to send one round after another; the requests of a round are independent of each other. */
export type BulkPlan = BulkEntry[][][];

/**
 * Whether an item's tags can join the desktop's entry without changing what either asks for: no
 * key with two different values (Huawei would keep one of them, and which is not documented), and
 * no more tags than one entry may carry.
 */
function canMerge(entry: BulkEntry, tags: Tag[]): boolean {
	const values = new Map(entry.tags.map((tag) => [tag.key, tag.value]));
	for (const tag of tags) {
		const value = values.get(tag.key);
		if (value !== undefined && value !== tag.value) return false;
		values.set(tag.key, tag.value);
	}
	return values.size <= TAGS_PER_REQUEST_MAX;
}

/**
 * Packs the items into as few batch-tags requests as Huawei allows. A desktop may appear only once
 * in a request (Huawei rejects the whole body otherwise), so items naming the same desktop are
 * merged into one entry when their tags agree; an item that conflicts with the desktop's entry (the
 * same key with another value, or more than 20 tags together) goes into the next round, which is
 * sent only after the previous round has finished, so that later items win as they would one by one.
 */
export function planBulkRequests(items: BulkItem[], desktopsPerRequest = DESKTOPS_PER_REQUEST_MAX): BulkPlan {
	const rounds: Array<Map<string, BulkEntry>> = [];
	const lastRound = new Map<string, number>();
	for (const item of items) {
		const round = lastRound.get(item.desktopId);
		const entry = round === undefined ? undefined : rounds[round].get(item.desktopId);
		if (entry && canMerge(entry, item.tags)) {
			for (const tag of item.tags) {
				if (!entry.tags.some((known) => known.key === tag.key)) entry.tags.push(tag);
			}
			entry.itemIndexes.push(item.itemIndex);
			continue;
		}
		const target = round === undefined ? 0 : round + 1;
		if (!rounds[target]) rounds[target] = new Map();
		rounds[target].set(item.desktopId, { desktopId: item.desktopId, tags: [...item.tags], itemIndexes: [item.itemIndex] });
		lastRound.set(item.desktopId, target);
	}
	return rounds.map((round) => {
		const entries = [...round.values()];
		const requests: BulkEntry[][] = [];
		for (let start = 0; start < entries.length; start += desktopsPerRequest) {
			requests.push(entries.slice(start, start + desktopsPerRequest));
		}
		return requests;
	});
}

function readItems(context: IExecuteFunctions): { valid: BulkItem[]; invalid: Map<number, NodeOperationError> } {
	const valid: BulkItem[] = [];
	const invalid = new Map<number, NodeOperationError>();
	for (let itemIndex = 0; itemIndex < context.getInputData().length; itemIndex++) {
		try {
			const desktopId = validateDesktopId(
				context.getNodeParameter('desktopId', itemIndex, undefined, { extractValue: true }),
			);
			const tags = validateTagList((context.getNodeParameter('tags', itemIndex, {}) as IDataObject)?.tag, 'Tags');
			if (tags.length === 0) throw new InputError('Tags', 'Tags is empty: add at least one tag');
			valid.push({ itemIndex, desktopId, tags });
		} catch (error) {
			const failure = inputFailure(context.getNode(), itemIndex, error);
			// Without Continue On Fail one bad item stops the node before any request leaves.
			if (!context.continueOnFail()) throw failure;
			invalid.set(itemIndex, failure);
		}
	}
	return { valid, invalid };
}

/** The request's error, on one of its items: Huawei accepts or refuses a batch-tags body as a whole. */
function errorForItem(context: IExecuteFunctions, error: NodeApiError | NodeOperationError, itemIndex: number) {
	const details = { message: error.message, description: error.description ?? undefined, itemIndex };
	if (error instanceof NodeOperationError) return new NodeOperationError(context.getNode(), error.message, details);
	return new NodeApiError(context.getNode(), (error.errorResponse ?? {}) as JsonObject, {
		...details,
		httpCode: error.httpCode ?? undefined,
	});
}

function bulkOperation(action: 'create' | 'delete') {
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const { valid, invalid } = readItems(this);
		const byIndex = new Map(valid.map((item) => [item.itemIndex, item]));
		const results: INodeExecutionData[] = [];
		for (const [itemIndex, error] of invalid) results[itemIndex] = { json: {}, error, pairedItem: { item: itemIndex } };

		const plan = planBulkRequests(valid);
		const total = plan.reduce((sum, round) => sum + round.length, 0);
		const verb = action === 'create' ? 'add tags to' : 'remove tags from';
		let requestIndex = 0;
		for (const round of plan) {
			const numbered = round.map((entries) => ({ entries, requestIndex: requestIndex++ }));
			const outcomes = await Promise.allSettled(
				numbered.map(async ({ entries, requestIndex: index }) =>
					await sendWorkspaceRequest(
						this,
						{
							method: action === 'create' ? 'POST' : 'DELETE',
							segments: ['desktops', 'batch-tags'],
							body: {
								desktops: entries.map((entry) => ({
									desktop_id: entry.desktopId,
									tags: forAction(action, entry.tags),
								})),
							},
						},
						{
							itemIndex: entries[0].itemIndexes[0],
							errorContext: {
								action: `${verb} ${entries.length} desktop${entries.length === 1 ? '' : 's'} (request ${index + 1} of ${total}; Huawei accepts or refuses all desktops of a request together)`,
								desktopId: entries.length === 1 ? entries[0].desktopId : undefined,
							},
							// Adding overwrites and removing a missing tag succeeds, so a repeat changes nothing.
							repeatable: true,
						},
					),
				),
			);
			for (const [position, outcome] of outcomes.entries()) {
				const { entries, requestIndex: index } = numbered[position];
				if (outcome.status === 'rejected') {
					const error = outcome.reason as NodeApiError | NodeOperationError;
					if (!this.continueOnFail()) throw error;
					for (const entry of entries) {
						for (const itemIndex of entry.itemIndexes) {
							results[itemIndex] = {
								json: {},
								error: errorForItem(this, error, itemIndex),
								pairedItem: { item: itemIndex },
							};
						}
					}
					continue;
				}
				for (const entry of entries) {
					for (const itemIndex of entry.itemIndexes) {
						results[itemIndex] = {
							json: {
								success: true,
								desktopId: entry.desktopId,
								action,
								keys: byIndex.get(itemIndex)?.tags.map((tag) => tag.key) ?? [],
								requestIndex: index,
							},
							pairedItem: { item: itemIndex },
						};
					}
				}
			}
		}
		return [results];
	};
}

export const tagBulkCreate = bulkOperation('create');
export const tagBulkDelete = bulkOperation('delete');
