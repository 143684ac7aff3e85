import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { sendThroughDriver } from '../../shared/requestDriver';
import { tagValueField } from '../../shared/descriptions';
import { workspaceRouting } from '../../shared/routing';
import { checkInput, getDesktopId, successItem } from '../../shared/transport';
import { validateTagKey, validateTagValue } from '../../shared/validation';

const show = { resource: ['tag'], operation: ['create'] };

export const tagCreateDescription: INodeProperties[] = [tagValueField(show)];

function readTag(context: IExecuteSingleFunctions) {
	return checkInput(context, () => ({
		key: validateTagKey(context.getNodeParameter('key', '')),
		value: validateTagValue(context.getNodeParameter('value', '')),
	}));
}

export const tagCreateRouting = workspaceRouting({
	read: (context) => ({ desktopId: getDesktopId(context), ...readTag(context) }),
	request: ({ desktopId, key, value }) => ({
		method: 'POST',
		segments: ['desktops', desktopId, 'tags'],
		body: { tag: { key, value } },
	}),
	describe: ({ desktopId, key }) => ({ action: `create tag "${key}" on desktop ${desktopId}`, desktopId }),
	output: (context, input) => successItem(context, input),
	// Overwriting a key with the same value twice leaves the same tag.
	send: sendThroughDriver({ repeatable: true }),
});
