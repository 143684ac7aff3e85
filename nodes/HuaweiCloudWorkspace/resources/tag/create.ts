import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { tagValueField } from '../../shared/descriptions';
import { checkInput, readDesktopId, successItem } from '../../shared/input';
import { routedOperation } from '../../shared/operation';
import { validateTagKey, validateTagValue } from '../../shared/validation';

function readTag(context: IExecuteSingleFunctions) {
	return checkInput(context, () => ({
		key: validateTagKey(context.getNodeParameter('key', ''), 'write'),
		value: validateTagValue(context.getNodeParameter('value', ''), 'write'),
	}));
}

/** POST /desktops/{desktop_id}/tags (seed page 002); Desktop and Key are the resource's shared fields. */
export const create = routedOperation({
	value: 'create',
	// n8n's word for an operation that overwrites what exists; the value stays `create` for saved workflows.
	name: 'Create or Update',
	action: 'Create or update a tag on a desktop',
	description: 'Add a tag to a desktop, or change the value of the tag with the same key',
	fields: [tagValueField({ resource: ['tag'], operation: ['create'] })],
	read: (context) => ({ desktopId: readDesktopId(context), ...readTag(context) }),
	request: ({ desktopId, key, value }) => ({
		api: 'CreateTag',
		method: 'POST',
		segments: ['desktops', desktopId, 'tags'],
		body: { tag: { key, value } },
	}),
	describe: ({ desktopId, key }) => ({ action: `create tag "${key}" on desktop ${desktopId}`, desktopId }),
	output: (context, input) => successItem(context, input),
	// Overwriting a key with the same value twice leaves the same tag.
	repeatable: true,
});
