import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { sendThroughDriver } from '../../shared/requestDriver';
import { desktopIdField, tagKeyField } from '../../shared/descriptions';
import { workspaceRouting } from '../../shared/routing';
import { checkInput, getDesktopId, successItem } from '../../shared/transport';
import { validateTagKey } from '../../shared/validation';

const show = { resource: ['tag'], operation: ['delete'] };

export const tagDeleteDescription: INodeProperties[] = [
	desktopIdField(show),
	tagKeyField(show, 'The key of the tag to remove. Removing a tag the desktop does not have succeeds.'),
];

function readKey(context: IExecuteSingleFunctions): string {
	return checkInput(context, () => validateTagKey(context.getNodeParameter('key', '')));
}

export const tagDeleteRouting = workspaceRouting({
	read: (context) => ({ desktopId: getDesktopId(context), key: readKey(context) }),
	request: ({ desktopId, key }) => ({ method: 'DELETE', segments: ['desktops', desktopId, 'tags', key] }),
	describe: ({ desktopId, key }) => ({ action: `delete tag "${key}" from desktop ${desktopId}`, desktopId }),
	output: (context, input) => successItem(context, input),
	// Deleting a tag that is already gone succeeds.
	send: sendThroughDriver({ repeatable: true }),
});
