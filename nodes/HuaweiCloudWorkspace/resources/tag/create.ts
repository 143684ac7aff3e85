import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	INodePropertyRouting,
} from 'n8n-workflow';

import { sendThroughDriver } from '../../shared/requestDriver';
import { desktopIdField, tagKeyField, tagValueField } from '../../shared/descriptions';
import { checkInput, getDesktopId, prepareRequest, successItem, throwIfFailed } from '../../shared/transport';
import { validateTagKey, validateTagValue } from '../../shared/validation';

const show = { resource: ['tag'], operation: ['create'] };

export const tagCreateDescription: INodeProperties[] = [
	desktopIdField(show),
	tagKeyField(show, 'The tag key. A tag with the same key on this desktop is overwritten.'),
	tagValueField(show),
];

function readTag(context: IExecuteSingleFunctions) {
	return checkInput(context, () => ({
		key: validateTagKey(context.getNodeParameter('key', '')),
		value: validateTagValue(context.getNodeParameter('value', '')),
	}));
}

export const tagCreateRouting: INodePropertyRouting = {
	operations: {
		// Overwriting a key with the same value twice leaves the same tag.
		pagination: sendThroughDriver({ repeatable: true }),
	},
	send: {
		paginate: true,
		preSend: [
			async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
				const desktopId = getDesktopId(this);
				const tag = readTag(this);
				return await prepareRequest(this, options, {
					method: 'POST',
					segments: ['desktops', desktopId, 'tags'],
					body: { tag },
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
				const { key, value } = readTag(this);
				throwIfFailed(this, response, { action: `create tag "${key}" on desktop ${desktopId}`, desktopId });
				return successItem(this, { desktopId, key, value });
			},
		],
	},
};
