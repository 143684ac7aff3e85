import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimitFields } from '../../shared/descriptions';
import { checkInput, readWanted } from '../../shared/input';
import { routedOperation } from '../../shared/operation';
import { InputError, requireText, USER_DESCRIPTION_MAX, validateText, validateUserName } from '../../shared/validation';

const show = { resource: ['user'], operation: ['getAll'] };

const fields: INodeProperties[] = [
	...returnAllAndLimitFields(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Description Contains',
				name: 'description',
				type: 'string',
				default: '',
				description: "Users whose description contains this text (Huawei's fuzzy match)",
			},
			{
				displayName: 'Group Name',
				name: 'groupName',
				type: 'string',
				default: '',
				description: 'Users of this Workspace user group (exact name)',
			},
			{
				displayName: 'User Name',
				name: 'userName',
				type: 'string',
				default: '',
				placeholder: 'e.g. alice',
				description: 'The user with this name',
			},
		],
	},
];

interface GetAllInput {
	wanted: number;
	qs: IDataObject;
}

/** An added filter must say something: an empty one would widen the search to every user. */
function filterText(value: unknown, field: string): string {
	const text = requireText(field, value).trim();
	if (text === '') throw new InputError(field, `${field} was added but is empty: fill it in or remove the filter`);
	return text;
}

function read(context: IExecuteSingleFunctions): GetAllInput {
	const wanted = readWanted(context);
	const qs = checkInput(context, () => {
		const filters = (context.getNodeParameter('filters', {}) as IDataObject | undefined) ?? {};
		const query: IDataObject = {};
		if (filters.userName !== undefined) query.user_name = validateUserName(filterText(filters.userName, 'User Name'));
		if (filters.description !== undefined) {
			query.description = validateText(filterText(filters.description, 'Description Contains'), 'Description Contains', USER_DESCRIPTION_MAX);
		}
		if (filters.groupName !== undefined) query.group_name = filterText(filters.groupName, 'Group Name');
		return query;
	});
	return { wanted, qs };
}

/** GET /users (ListUsersRequest) -> { total_count, users: User[] }, one item per user, paged. */
export const getAll = routedOperation<GetAllInput>({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many users',
	description: 'List Workspace users, optionally by name, description or group',
	fields,
	read,
	request: ({ qs }) => ({ api: 'ListUsers', method: 'GET', segments: ['users'], qs }),
	describe: () => ({ action: 'list users' }),
	output: (context, _input, response) => {
		const users = (response.body as IDataObject | undefined)?.users;
		return (Array.isArray(users) ? (users as IDataObject[]) : []).map((user) => ({
			json: user,
			pairedItem: { item: context.getItemIndex() },
		}));
	},
	repeatable: true,
	// The SDK states no maximum page size for this API; 100 is what its other lists allow.
	paging: ({ wanted }) => ({ wanted, pageSize: 100, placement: 'qs' }),
});
