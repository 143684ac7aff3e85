import type { CustomOperation } from '../../shared/operation';
import { bulkTagging } from './bulkTagging';

/** POST /desktops/batch-tags; Desktop and Tags are the resource's shared fields. */
export const bulkCreate: CustomOperation = {
	value: 'bulkCreate',
	name: 'Add to Many Desktops',
	action: 'Add tags to many desktops',
	description: 'Add the tags to the desktop of every input item, sending up to 100 desktops per request',
	fields: [],
	execute: bulkTagging('create'),
};
