import { checkInput, successItem } from '../../shared/input';
import { routedOperation } from '../../shared/operation';
import { validateUserId } from '../../shared/validation';

/** DELETE /users/{user_id} (DeleteUserRequest): 204. */
export const deleteUser = routedOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a user',
	description: 'Delete a Workspace user permanently (to remove a desktop and its user together, use Desktop > Delete with Delete User)',
	fields: [],
	read: (context) => ({ userId: checkInput(context, () => validateUserId(context.getNodeParameter('userId', ''))) }),
	request: ({ userId }) => ({ api: 'DeleteUser', method: 'DELETE', segments: ['users', userId] }),
	describe: ({ userId }) => ({ action: `delete user ${userId}`, userId }),
	output: (context, { userId }) => successItem(context, { userId, deleted: true }),
	// After a lost answer the user may be gone: a repeat would answer 404 and hide that it worked.
	repeatable: false,
});
