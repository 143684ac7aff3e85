import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { optionsField, tagListField } from '../../shared/descriptions';
import { checkInput, readDesktopId, successItem } from '../../shared/input';
import { routedOperation } from '../../shared/operation';
import { InputError, type Tag, validateTagList } from '../../shared/validation';
import { tagsForAction } from './tagBody';

const show = { resource: ['tag'], operation: ['batch'] };

interface BatchInput {
	desktopId: string;
	action: 'create' | 'delete';
	tags: Tag[];
	sysTags: Tag[];
}

function readBatch(context: IExecuteSingleFunctions): BatchInput {
	const desktopId = readDesktopId(context);
	return checkInput(context, () => {
		const action = context.getNodeParameter('action', 'create');
		if (action !== 'create' && action !== 'delete') {
			throw new InputError('Action', `Action must be "create" or "delete", not "${String(action)}"`);
		}
		const use = action === 'create' ? 'write' : 'remove';
		const tags = validateTagList((context.getNodeParameter('tags', {}) as IDataObject)?.tag, use, 'Tags');
		const options = context.getNodeParameter('options', {}) as IDataObject;
		const sysTags = validateTagList((options?.sysTags as IDataObject | undefined)?.tag, use, 'System Tags');
		if (tags.length === 0 && sysTags.length === 0) {
			throw new InputError('Tags', 'Tags is empty: add at least one tag (or system tag) to add or remove');
		}
		return { desktopId, action, tags, sysTags };
	});
}

/** POST /desktops/{desktop_id}/tags/action (seed page 001); Desktop and Tags are the resource's shared fields. */
export const batch = routedOperation({
	value: 'batch',
	name: 'Add or Remove Many',
	action: 'Add or remove tags on a desktop',
	description: 'Add or remove several tags on one desktop in one request',
	leadingFields: [
		{
			displayName: 'Action',
			name: 'action',
			type: 'options',
			default: 'create',
			description: 'Whether to add the tags below or remove them',
			displayOptions: { show },
			options: [
				{
					name: 'Add or Overwrite',
					value: 'create',
					action: 'Add or overwrite tags',
					description: 'Add the tags; a tag with the same key is overwritten',
				},
				{
					name: 'Remove',
					value: 'delete',
					action: 'Remove tags',
					description: 'Remove the tags with these keys; keys the desktop does not have are ignored',
				},
			],
		},
	],
	fields: [
		optionsField(show, [
			tagListField(
				'sysTags',
				'System Tags',
				'System tags (sys_tags), such as _sys_enterprise_project_id, handled the same way',
			),
		]),
	],
	read: readBatch,
	request: ({ desktopId, action, tags, sysTags }) => {
		const body: IDataObject = { action, tags: tagsForAction(action, tags) };
		if (sysTags.length > 0) body.sys_tags = tagsForAction(action, sysTags);
		return { api: 'BatchChangeTags', method: 'POST', segments: ['desktops', desktopId, 'tags', 'action'], body };
	},
	describe: ({ desktopId, action }) => ({
		action: `${action === 'create' ? 'add tags to' : 'remove tags from'} desktop ${desktopId}`,
		desktopId,
	}),
	output: (context, { desktopId, action, tags, sysTags }) =>
		successItem(context, {
			desktopId,
			action,
			keys: tags.map((tag) => tag.key),
			...(sysTags.length > 0 ? { sysTagKeys: sysTags.map((tag) => tag.key) } : {}),
		}),
	// Adding overwrites and removing a missing tag succeeds, so a repeat changes nothing.
	repeatable: true,
});
