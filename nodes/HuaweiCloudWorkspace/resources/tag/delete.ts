import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	INodePropertyRouting,
} from 'n8n-workflow';

import { sendThroughDriver } from '../../shared/requestDriver';
import { desktopIdField, tagKeyField } from '../../shared/descriptions';
import { checkInput, getDesktopId, prepareRequest, successItem, throwIfFailed } from '../../shared/transport';
import { validateTagKey } from '../../shared/validation';

const show = { resource: ['tag'], operation: ['delete'] };

export const tagDeleteDescription: INodeProperties[] = [
	desktopIdField(show),
	tagKeyField(show, 'The key of the tag to remove. Removing a tag the desktop does not have succeeds.'),
];

function readKey(context: IExecuteSingleFunctions): string {
	return checkInput(context, () => validateTagKey(context.getNodeParameter('key', '')));
}

export const tagDeleteRouting: INodePropertyRouting = {
	operations: {
		// Deleting a tag that is already gone succeeds.
		pagination: sendThroughDriver({ repeatable: true }),
	},
	send: {
		paginate: true,
		preSend: [
			async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
				const desktopId = getDesktopId(this);
				const key = readKey(this);
				return await prepareRequest(this, options, {
					method: 'DELETE',
					segments: ['desktops', desktopId, 'tags', key],
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
				const key = readKey(this);
				throwIfFailed(this, response, { action: `delete tag "${key}" from desktop ${desktopId}`, desktopId });
				return successItem(this, { desktopId, key });
			},
		],
	},
};
