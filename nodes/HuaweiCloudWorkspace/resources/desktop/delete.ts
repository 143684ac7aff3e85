import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	INodePropertyRouting,
} from 'n8n-workflow';

import { desktopIdField } from '../../shared/descriptions';
import { getDesktopId, prepareRequest, successItem, throwIfFailed } from '../../shared/transport';

const show = { resource: ['desktop'], operation: ['delete'] };

export const desktopDeleteDescription: INodeProperties[] = [
	{
		displayName:
			'Deleting a desktop cannot be undone: the desktop and its data are gone for good',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	desktopIdField(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Delete User',
				name: 'deleteUsers',
				type: 'boolean',
				default: false,
				description: 'Whether to also delete the desktop user when they have no other desktop. Huawei\'s default is not to.',
			},
			{
				displayName: 'Email Notification',
				name: 'emailNotification',
				type: 'boolean',
				default: true,
				description: 'Whether to email the desktop user about the deletion. Huawei\'s default is to send it.',
			},
			{
				displayName: 'Force Delete',
				name: 'forceDelete',
				type: 'boolean',
				default: false,
				description: 'Whether to force the deletion',
			},
		],
	},
];

const FLAGS: Array<[option: string, query: string]> = [
	['deleteUsers', 'delete_users'],
	['emailNotification', 'email_notification'],
	['forceDelete', 'is_force_delete'],
];

/** Only options the user set are sent, so Huawei's own defaults apply to the others. */
export function deleteDesktopQuery(options: IDataObject): IDataObject {
	const qs: IDataObject = {};
	for (const [option, query] of FLAGS) {
		if (typeof options[option] === 'boolean') qs[query] = options[option] ? 'true' : 'false';
	}
	return qs;
}

export const desktopDeleteRouting: INodePropertyRouting = {
	send: {
		preSend: [
			async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
				const desktopId = getDesktopId(this);
				return await prepareRequest(this, options, {
					method: 'DELETE',
					segments: ['desktops', desktopId],
					qs: deleteDesktopQuery(this.getNodeParameter('options', {}) as IDataObject),
				});
			},
		],
	},
	output: {
		postReceive: [
			async function (
				this: IExecuteSingleFunctions,
				_items: INodeExecutionData[],
				response: IN8nHttpFullResponse,
			) {
				const desktopId = getDesktopId(this);
				throwIfFailed(this, response, { action: `delete desktop ${desktopId}`, desktopId });
				return successItem(this, { desktopId, deleted: true });
			},
		],
	},
};
