import { checkInput, readDesktopId, successItem } from '../../shared/input';
import { routedOperation } from '../../shared/operation';
import { validateTagKey } from '../../shared/validation';

/** DELETE /desktops/{desktop_id}/tags/{key} (seed page 000); Desktop and Key are the resource's shared fields. */
export const deleteTag = routedOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a tag from a desktop',
	description: 'Remove a tag from a desktop by its key',
	fields: [],
	read: (context) => ({
		desktopId: readDesktopId(context),
		key: checkInput(context, () => validateTagKey(context.getNodeParameter('key', ''), 'remove')),
	}),
	request: ({ desktopId, key }) => ({ api: 'DeleteTag', method: 'DELETE', segments: ['desktops', desktopId, 'tags', key] }),
	describe: ({ desktopId, key }) => ({ action: `delete tag "${key}" from desktop ${desktopId}`, desktopId }),
	// `deleted` as n8n's other delete operations answer; `success` stays for saved workflows that read it.
	output: (context, input) => successItem(context, { ...input, deleted: true }),
	// Deleting a tag that is already gone succeeds.
	repeatable: true,
});
