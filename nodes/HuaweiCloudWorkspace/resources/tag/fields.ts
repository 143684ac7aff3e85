import type { INodeProperties } from 'n8n-workflow';

import { desktopIdField, tagKeyField, tagListField } from '../../shared/descriptions';

/**
 * Fields several tag operations share, declared once each. n8n's declarative engine evaluates the
 * value of every property with a given name for every item, shown or not (twice: once to build
 * the request, once to check the credential's allowed domains), so three copies of a Desktop field
 * whose value is `{{ $json.desktop_id }}` cost six expression evaluations per item instead of two.
 * Every other field lives in its operation's file.
 */
export const tagSharedFields: INodeProperties[] = [
	{
		displayName:
			'Which to use: Create or Update for one tag per item; Add or Remove Many for several tags on one desktop; Add to Many Desktops for the same tags on many desktops (fewest requests)',
		name: 'tagOperationChoice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['tag'], operation: ['create', 'batch', 'bulkCreate'] } },
	},
	{
		...desktopIdField({
			resource: ['tag'],
			operation: ['create', 'delete', 'getAll', 'batch', 'bulkCreate', 'bulkDelete'],
		}),
		description: 'The desktop to act on. With many input items, usually an expression such as {{ $json.desktop_id }}.',
	},
	tagKeyField(
		{ resource: ['tag'], operation: ['create', 'delete'] },
		'The tag key. Create or Update overwrites a tag with the same key; removing a tag the desktop does not have succeeds.',
	),
	tagListField('tags', 'Tags', 'The tags to add or remove, at most 20 per item', {
		resource: ['tag'],
		operation: ['batch', 'bulkCreate', 'bulkDelete'],
	}),
];
