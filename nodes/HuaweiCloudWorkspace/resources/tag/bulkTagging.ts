import type { IDataObject, IExecuteFunctions, INodeExecutionData, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { keepFoundDesktops } from '../../shared/findDesktops';
import { errorOnItem, inputFailure } from '../../shared/input';
import { InputError, type TagUse, validateDesktopId, validateTagList } from '../../shared/validation';
import { type ClientState, WorkspaceClient } from '../../transport/client';
import { type BulkItem, planBulkRequests } from './bulkPlan';
import { tagsForAction } from './tagBody';

/**
 * Add to Many Desktops and Remove From Many Desktops: every input item's desktop and tags, sent
 * together through POST or DELETE /desktops/batch-tags, up to 100 desktops per request.
 */

function readItems(context: IExecuteFunctions, use: TagUse): { valid: BulkItem[]; invalid: Map<number, NodeOperationError> } {
	const valid: BulkItem[] = [];
	const invalid = new Map<number, NodeOperationError>();
	for (let itemIndex = 0; itemIndex < context.getInputData().length; itemIndex++) {
		try {
			const desktopId = validateDesktopId(
				context.getNodeParameter('desktopId', itemIndex, undefined, { extractValue: true }),
			);
			const tags = validateTagList((context.getNodeParameter('tags', itemIndex, {}) as IDataObject)?.tag, use, 'Tags');
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

/** Huawei skips an unknown desktop in batch-tags and answers success: the item must not say it was tagged. */
function notFound(context: IExecuteFunctions, item: BulkItem, action: 'create' | 'delete'): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`Desktop ${item.desktopId} was not found in this project: no tags were ${action === 'create' ? 'added' : 'removed'}`,
		{
			itemIndex: item.itemIndex,
			description:
				"Check the desktop ID and the credential's region and project. Huawei's batch tagging skips desktops it does not know without an error, so the node looks the desktops up first and sends only those that exist.",
		},
	);
}

export function bulkTagging(action: 'create' | 'delete') {
	return (state: ClientState) => async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const { valid, invalid } = readItems(this, action === 'create' ? 'write' : 'remove');
		const byIndex = new Map(valid.map((item) => [item.itemIndex, item]));
		const results: INodeExecutionData[] = [];
		for (const [itemIndex, error] of invalid) results[itemIndex] = { json: {}, error, pairedItem: { item: itemIndex } };

		if (valid.length === 0) return [results];
		const client = await WorkspaceClient.forRun(state, this);
		const present = await keepFoundDesktops(this, client, valid, results, (item) => notFound(this, item, action));

		const plan = planBulkRequests(present);
		const total = plan.reduce((sum, round) => sum + round.length, 0);
		const verb = action === 'create' ? 'add tags to' : 'remove tags from';
		let requestIndex = 0;
		for (const round of plan) {
			const numbered = round.map((entries) => ({ entries, requestIndex: requestIndex++ }));
			const outcomes = await Promise.allSettled(
				numbered.map(async ({ entries, requestIndex: index }) =>
					await client.send(
						{
							api: action === 'create' ? 'BatchAddDesktopsTags' : 'BatchDeleteDesktopsTags',
							method: action === 'create' ? 'POST' : 'DELETE',
							segments: ['desktops', 'batch-tags'],
							body: {
								desktops: entries.map((entry) => ({
									desktop_id: entry.desktopId,
									tags: tagsForAction(action, entry.tags),
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
								error: errorOnItem(this.getNode(), error, itemIndex),
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
								[action === 'create' ? 'tagged' : 'untagged']: true,
								requestIndex: index,
							},
							pairedItem: { item: itemIndex },
						};
					}
				}
			}
		}
		client.hintThrottling(this);
		return [results];
	};
}
