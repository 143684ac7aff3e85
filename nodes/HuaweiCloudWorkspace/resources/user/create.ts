import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { optionsField } from '../../shared/descriptions';
import { checkInput, successItem } from '../../shared/input';
import { routedOperation } from '../../shared/operation';
import {
	InputError,
	USER_DESCRIPTION_MAX,
	validateBoolean,
	validateEmail,
	validateIdList,
	validateText,
	validateUserName,
} from '../../shared/validation';

const show = { resource: ['user'], operation: ['create'] };

const fields: INodeProperties[] = [
	{
		displayName: 'User Name',
		name: 'userName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. alice',
		description: 'The Workspace user name, unique in the project: 1-20 letters, digits, "-" and "_", starting with a letter',
		displayOptions: { show },
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description: "The user's email address: Huawei sends the activation and desktop notices there",
		displayOptions: { show },
	},
	optionsField(show, [
		{
			displayName: 'Account Expires',
			name: 'accountExpires',
			type: 'dateTime',
			default: '',
			description: 'When the account expires (sent in UTC). Not set: the account never expires.',
		},
		{
			displayName: 'Activation',
			name: 'activeType',
			type: 'options',
			default: 'USER_ACTIVATE',
			options: [
				{ name: 'By the User (Email)', value: 'USER_ACTIVATE', description: 'The user sets a password from the activation email' },
				{ name: 'By the Administrator (Password)', value: 'ADMIN_ACTIVATE', description: 'The account starts with the password given here' },
			],
			description: "How the account is activated. Huawei's default is by the user.",
		},
		{
			displayName: 'Alias Name',
			name: 'aliasName',
			type: 'string',
			default: '',
			description: "The user's alias (display) name",
		},
		{
			displayName: 'Allow Password Change',
			name: 'enableChangePassword',
			type: 'boolean',
			default: true,
			description: "Whether the user may change their password. Huawei's default is yes.",
		},
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			description: `Up to ${USER_DESCRIPTION_MAX} characters`,
		},
		{
			displayName: 'Group IDs',
			name: 'groupIds',
			type: 'string',
			default: '',
			description: 'IDs of Workspace user groups to add the user to, separated by commas',
		},
		{
			displayName: 'Initial Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'With Activation "By the Administrator": the password the account starts with. Never shown in the output.',
		},
		{
			displayName: 'Must Change Password at Next Login',
			name: 'nextLoginChangePassword',
			type: 'boolean',
			default: true,
			description: "Whether the user must change the password at the first login (with Activation \"By the Administrator\"). Huawei's default is yes.",
		},
		{
			displayName: 'Phone',
			name: 'phone',
			type: 'string',
			default: '',
			placeholder: 'e.g. +8613800000000',
			description: "The user's mobile phone number",
		},
	]),
];

interface CreateInput {
	userName: string;
	body: IDataObject;
}

/** Huawei's format for account_expires: yyyy-MM-ddTHH:mm:ssZ in UTC, or "0" for never. */
export function accountExpires(value: unknown): string {
	if (value === undefined || value === null || value === '') return '0';
	const time = typeof value === 'string' || typeof value === 'number' ? Date.parse(String(value)) : NaN;
	if (Number.isNaN(time)) {
		throw new InputError('Account Expires', `Account Expires must be a date and time, e.g. 2030-12-31T23:59:59Z, not ${JSON.stringify(value)}`);
	}
	return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function read(context: IExecuteSingleFunctions): CreateInput {
	return checkInput(context, () => {
		const userName = validateUserName(context.getNodeParameter('userName', ''));
		const email = validateEmail(context.getNodeParameter('email', ''), 'Email', true);
		const options = (context.getNodeParameter('options', {}) as IDataObject | undefined) ?? {};
		const body: IDataObject = { user_name: userName, user_email: email };
		if (options.accountExpires !== undefined) body.account_expires = accountExpires(options.accountExpires);
		const activeType = options.activeType ?? 'USER_ACTIVATE';
		if (activeType !== 'USER_ACTIVATE' && activeType !== 'ADMIN_ACTIVATE') {
			throw new InputError('Activation', `Activation must be USER_ACTIVATE or ADMIN_ACTIVATE, not ${JSON.stringify(activeType)}`);
		}
		if (options.activeType !== undefined) body.active_type = activeType;
		const password = options.password === undefined ? '' : validateText(options.password, 'Initial Password', 1024);
		if (activeType === 'ADMIN_ACTIVATE' && password === '') {
			throw new InputError('Initial Password', 'Initial Password is required when Activation is "By the Administrator"');
		}
		if (password !== '') {
			if (activeType !== 'ADMIN_ACTIVATE') {
				throw new InputError('Initial Password', 'Initial Password is only used with Activation "By the Administrator": remove it or change the activation');
			}
			body.password = password;
		}
		if (options.phone !== undefined && options.phone !== '') body.user_phone = validateText(options.phone, 'Phone', 32).trim();
		if (options.description !== undefined) body.description = validateText(options.description, 'Description', USER_DESCRIPTION_MAX);
		if (options.aliasName !== undefined && options.aliasName !== '') body.alias_name = validateText(options.aliasName, 'Alias Name', 64);
		const groupIds = validateIdList(options.groupIds, 'Group IDs');
		if (groupIds.length > 0) body.group_ids = groupIds;
		if (options.enableChangePassword !== undefined) {
			body.enable_change_password = validateBoolean(options.enableChangePassword, 'Allow Password Change');
		}
		if (options.nextLoginChangePassword !== undefined) {
			body.next_login_change_password = validateBoolean(options.nextLoginChangePassword, 'Must Change Password at Next Login');
		}
		return { userName, body };
	});
}

/** POST /users (CreateUserRequest) -> { id }. A taken name is reported as such (see huaweiErrors.ts). */
export const create = routedOperation<CreateInput>({
	value: 'create',
	name: 'Create',
	action: 'Create a user',
	description: 'Create a Workspace user who can then be given a desktop',
	fields,
	read,
	request: ({ body }) => ({ api: 'CreateDesktopUser', method: 'POST', segments: ['users'], body }),
	describe: ({ userName }) => ({ action: `create user ${userName}`, userName }),
	output: (context, { userName }, response) => {
		const id = (response.body as IDataObject | undefined)?.id;
		return successItem(context, { userId: typeof id === 'string' ? id : null, userName });
	},
	// A repeat after a lost answer would meet "already exists" and hide that the first one worked.
	repeatable: false,
});
