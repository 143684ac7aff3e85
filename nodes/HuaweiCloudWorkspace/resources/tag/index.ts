import type { INodeProperties } from 'n8n-workflow';

import { tagBatchActionField, tagBatchOptionsField, tagBatchRouting } from './batch';
import { tagCreateDescription, tagCreateRouting } from './create';
import { tagDeleteRouting } from './delete';
import { tagDesktopIdField, tagKeyShared, tagListShared } from './fields';
import { tagGetAllRouting } from './getAll';
import { tagGetProjectTagsDescription, tagGetProjectTagsRouting } from './getProjectTags';

export const tagDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tag'] } },
		options: [
			{
				name: 'Add or Remove Many',
				value: 'batch',
				action: 'Add or remove tags on a desktop',
				description: 'Add or remove several tags on one desktop in one request',
				routing: tagBatchRouting,
			},
			{
				name: 'Add to Many Desktops',
				value: 'bulkCreate',
				action: 'Add tags to many desktops',
				description:
					'Add the tags to the desktop of every input item, sending up to 100 desktops per request',
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a tag on a desktop',
				description: 'Add a tag to a desktop, overwriting a tag with the same key',
				routing: tagCreateRouting,
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a tag from a desktop',
				description: 'Remove a tag from a desktop by its key',
				routing: tagDeleteRouting,
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get the tags of a desktop',
				description: 'List the tags of a desktop, one item per tag',
				routing: tagGetAllRouting,
			},
			{
				name: 'Get Project Tags',
				value: 'getProjectTags',
				action: 'Get the tags used in the project',
				description: 'List every tag key used on the project\'s desktops with its values, one item per key',
				routing: tagGetProjectTagsRouting,
			},
			{
				name: 'Remove From Many Desktops',
				value: 'bulkDelete',
				action: 'Remove tags from many desktops',
				description:
					'Remove the tags with these keys from the desktop of every input item, sending up to 100 desktops per request',
			},
		],
		default: 'create',
	},
	// The editor shows fields in this order, so each operation's fields come in reading order.
	tagDesktopIdField,
	tagKeyShared,
	...tagCreateDescription,
	tagBatchActionField,
	tagListShared,
	tagBatchOptionsField,
	...tagGetProjectTagsDescription,
];
