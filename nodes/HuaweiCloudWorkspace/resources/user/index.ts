import type { Resource } from '../../shared/operation';
import { create } from './create';
import { deleteUser } from './delete';
import { get } from './get';
import { getAll } from './getAll';

export const userResource: Resource = {
	value: 'user',
	name: 'User',
	// One User ID field for the operations that act on one user.
	sharedFields: [
		{
			displayName: 'User ID',
			name: 'userId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 2c9eb2ad8c1a1f7b018c2f0e5a3b0042',
			description: 'The ID of the Workspace user: the userId of User > Create, or the ID of User > Get Many',
			displayOptions: { show: { resource: ['user'], operation: ['get', 'delete'] } },
		},
	],
	operations: [create, deleteUser, get, getAll],
	defaultOperation: 'create',
};
