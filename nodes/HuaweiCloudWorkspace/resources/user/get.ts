import type { IDataObject } from 'n8n-workflow';

import { checkInput } from '../../shared/input';
import { routedOperation } from '../../shared/operation';
import { validateUserId } from '../../shared/validation';

/** GET /users/{user_id} -> { user_detail: UserDetail }, output as Huawei answers it. */
export const get = routedOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a user',
	description: 'Get one Workspace user with their state (locked, disabled, expired), groups and number of desktops',
	fields: [],
	read: (context) => ({ userId: checkInput(context, () => validateUserId(context.getNodeParameter('userId', ''))) }),
	request: ({ userId }) => ({ api: 'ListUserDetail', method: 'GET', segments: ['users', userId] }),
	describe: ({ userId }) => ({ action: `get user ${userId}`, userId }),
	output: (context, _input, response) => [
		{ json: ((response.body as IDataObject | undefined)?.user_detail ?? {}) as IDataObject, pairedItem: { item: context.getItemIndex() } },
	],
	repeatable: true,
});
