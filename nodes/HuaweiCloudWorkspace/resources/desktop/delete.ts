import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { optionsField } from '../../shared/descriptions';
import { checkInput, readDesktopId, successItem } from '../../shared/input';
import { routedOperation } from '../../shared/operation';
import { InputError } from '../../shared/validation';

const show = { resource: ['desktop'], operation: ['delete'] };

const fields: INodeProperties[] = [
	{
		displayName:
			'Deleting a desktop cannot be undone: the desktop and its data are gone for good. Use Options > Dry Run to check a workflow first.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	optionsField(show, [
		{
			displayName: 'Delete User',
			name: 'deleteUsers',
			type: 'boolean',
			default: false,
			description:
				"Whether to also delete the desktop user when they have no other desktop. Huawei's default is not to.",
		},
		{
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: false,
			description:
				'Whether to only check the input and output what would be deleted, without calling Huawei Cloud',
		},
		{
			displayName: 'Email Notification',
			name: 'emailNotification',
			type: 'boolean',
			default: true,
			description:
				"Whether to email the desktop user about the deletion. Huawei's default is to send it.",
		},
		{
			displayName: 'Force Delete',
			name: 'forceDelete',
			type: 'boolean',
			default: false,
			description: 'Whether to force the deletion',
		},
	]),
];

const FLAGS: Array<[option: string, query: string]> = [
	['deleteUsers', 'delete_users'],
	['emailNotification', 'email_notification'],
	['forceDelete', 'is_force_delete'],
];

/** Only options the user set are sent, so Huawei's own defaults apply to the others. */
function deleteDesktopQuery(options: IDataObject): IDataObject {
	const qs: IDataObject = {};
	for (const [option, query] of FLAGS) {
		if (typeof options[option] === 'boolean') qs[query] = options[option] ? 'true' : 'false';
	}
	return qs;
}

const OPTION_NAMES: Record<string, string> = {
	deleteUsers: 'Delete User',
	dryRun: 'Dry Run',
	emailNotification: 'Email Notification',
	forceDelete: 'Force Delete',
};

/**
 * The options, each either unset or a boolean. An expression that yields "true" or 1 is refused
 * rather than read as "not set": for Dry Run that reading would delete the desktop.
 */
function readOptions(context: IExecuteSingleFunctions): IDataObject {
	return checkInput(context, () => {
		const options = (context.getNodeParameter('options', {}) as IDataObject | undefined) ?? {};
		for (const [name, label] of Object.entries(OPTION_NAMES)) {
			const value = options[name];
			if (value === undefined || typeof value === 'boolean') continue;
			const shown =
				typeof value === 'string'
					? `the text "${value}"`
					: (JSON.stringify(value) ?? String(value));
			throw new InputError(
				`${label} (${name})`,
				`${label} (${name}) must be true or false, but the value is ${shown}`,
			);
		}
		return options;
	});
}

/** DELETE /desktops/{desktop_id} (seed page 004); the Desktop field is the resource's shared one. */
export const deleteDesktop = routedOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a desktop',
	description: 'Delete a desktop permanently',
	fields,
	read: (context) => ({ desktopId: readDesktopId(context), options: readOptions(context) }),
	request: ({ desktopId, options }) => ({
		api: 'DeleteDesktop',
		method: 'DELETE',
		segments: ['desktops', desktopId],
		qs: deleteDesktopQuery(options),
	}),
	describe: ({ desktopId }) => ({ action: `delete desktop ${desktopId}`, desktopId }),
	output: (context, { desktopId }) => successItem(context, { desktopId, deleted: true }),
	// After a 5xx or a dropped connection the desktop may already be gone; a repeat would report a misleading 404.
	repeatable: false,
	answerWithoutRequest: (context, { desktopId, options }) =>
		options.dryRun === true
			? successItem(context, { desktopId, deleted: false, dryRun: true, wouldSend: deleteDesktopQuery(options) })
			: undefined,
});
