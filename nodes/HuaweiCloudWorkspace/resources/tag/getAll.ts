import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	INodePropertyRouting,
} from 'n8n-workflow';

import { sendThroughDriver } from '../../shared/requestDriver';
import { desktopIdField } from '../../shared/descriptions';
import { getDesktopId, prepareRequest, throwIfFailed } from '../../shared/transport';

const show = { resource: ['tag'], operation: ['getAll'] };

export const tagGetAllDescription: INodeProperties[] = [desktopIdField(show)];

export const tagGetAllRouting: INodePropertyRouting = {
	operations: {
		// Reading changes nothing.
		pagination: sendThroughDriver({ repeatable: true }),
	},
	send: {
		paginate: true,
		preSend: [
			async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
				const desktopId = getDesktopId(this);
				return await prepareRequest(this, options, {
					method: 'GET',
					segments: ['desktops', desktopId, 'tags'],
				});
			},
		],
	},
	output: {
		postReceive: [
			async function (
				this: IExecuteSingleFunctions,
				_items: INodeExecutionData[],
				response: IN8nHttpFullResponse,
			) {
				const desktopId = getDesktopId(this);
				throwIfFailed(this, response, { action: `list the tags of desktop ${desktopId}`, desktopId });
				const tags = (response.body as { tags?: unknown } | undefined)?.tags;
				const list = Array.isArray(tags) ? (tags as Array<{ key?: unknown; value?: unknown }>) : [];
				return list.map((tag) => ({
					json: { key: tag.key ?? '', value: tag.value ?? '', desktopId },
					pairedItem: { item: this.getItemIndex() },
				}));
			},
		],
	},
};
