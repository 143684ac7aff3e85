import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { sendThroughDriver } from '../../shared/requestDriver';
import { optionsField, tagListField } from '../../shared/descriptions';
import { workspaceRouting } from '../../shared/routing';
import { checkInput, getDesktopId, successItem } from '../../shared/transport';
import { InputError, type Tag, validateTagList } from '../../shared/validation';

const show = { resource: ['tag'], operation: ['batch'] };

/** Shown between the Desktop and the Tags fields (see ./index.ts). */
export const tagBatchActionField: INodeProperties = {
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
};

export const tagBatchOptionsField: INodeProperties = optionsField(show, [
	tagListField(
		'sysTags',
		'System Tags',
		'System tags (sys_tags), such as _sys_enterprise_project_id, handled the same way',
	),
]);

interface BatchInput {
	action: 'create' | 'delete';
	tags: Tag[];
	sysTags: Tag[];
}

function readBatch(context: IExecuteSingleFunctions): BatchInput {
	return checkInput(context, () => {
		const action = context.getNodeParameter('action', 'create');
		if (action !== 'create' && action !== 'delete') {
			throw new InputError(
				'Action',
				`Action must be "create" or "delete", not "${String(action)}"`,
			);
		}
		const tags = validateTagList(
			(context.getNodeParameter('tags', {}) as IDataObject)?.tag,
			'Tags',
		);
		const options = context.getNodeParameter('options', {}) as IDataObject;
		const sysTags = validateTagList(
			(options?.sysTags as IDataObject | undefined)?.tag,
			'System Tags',
		);
		if (tags.length === 0 && sysTags.length === 0) {
			throw new InputError(
				'Tags',
				'Tags is empty: add at least one tag (or system tag) to add or remove',
			);
		}
		return { action, tags, sysTags };
	});
}

/** When removing, an empty value is left out so that it cannot be read as "only the tag whose value is empty". */
export function forAction(
	action: 'create' | 'delete',
	tags: Tag[],
): Array<{ key: string; value?: string }> {
	return action === 'delete'
		? tags.map(({ key, value }) => (value === '' ? { key } : { key, value }))
		: tags;
}

export const tagBatchRouting = workspaceRouting({
	read: (context) => ({ desktopId: getDesktopId(context), ...readBatch(context) }),
	request: ({ desktopId, action, tags, sysTags }) => {
		const body: IDataObject = { action, tags: forAction(action, tags) };
		if (sysTags.length > 0) body.sys_tags = forAction(action, sysTags);
		return { method: 'POST', segments: ['desktops', desktopId, 'tags', 'action'], body };
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
	send: sendThroughDriver({ repeatable: true }),
});
