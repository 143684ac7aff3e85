import type { Resource } from '../../shared/operation';
import { batch } from './batch';
import { bulkCreate } from './bulkCreate';
import { bulkDelete } from './bulkDelete';
import { create } from './create';
import { deleteTag } from './delete';
import { tagSharedFields } from './fields';
import { getAll } from './getAll';
import { getProjectTags } from './getProjectTags';

export const tagResource: Resource = {
	value: 'tag',
	name: 'Tag',
	sharedFields: tagSharedFields,
	operations: [batch, bulkCreate, create, deleteTag, getAll, getProjectTags, bulkDelete],
	defaultOperation: 'create',
};
