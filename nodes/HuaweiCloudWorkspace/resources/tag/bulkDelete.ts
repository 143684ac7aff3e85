import type { CustomOperation } from '../../shared/operation';
import { bulkTagging } from './bulkTagging';

/** DELETE /desktops/batch-tags; Desktop and Tags are the resource's shared fields. */
export const bulkDelete: CustomOperation = {
	value: 'bulkDelete',
	name: 'Remove From Many Desktops',
	action: 'Remove tags from many desktops',
	description:
		'Remove the tags with these keys from the desktop of every input item, sending up to 100 desktops per request',
	fields: [],
	execute: bulkTagging('delete'),
};
