import type { IDataObject } from 'n8n-workflow';

import { checkInput, readDesktopId } from '../../shared/input';
import { routedOperation } from '../../shared/operation';
import { validateBoolean } from '../../shared/validation';

/** What Simplify keeps of DesktopDetailInfo: identity, power and login state, user, addresses, product, tags. */
const SIMPLE_FIELDS = [
	'desktop_id',
	'computer_name',
	'status',
	'task_status',
	'login_status',
	'user_name',
	'ip_addresses',
	'product_id',
	'created',
	'tags',
] as const;

/** GET /desktops/{desktop_id} -> { desktop: DesktopDetailInfo }. The Desktop field is the resource's shared one. */
export const get = routedOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a desktop',
	description: 'Get one desktop with its power state, login state, addresses and tags',
	fields: [
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description:
				'Whether to return a simplified version of the response (ID, name, status, task, login state, user, IP addresses, product, creation time, tags) instead of the raw data',
			displayOptions: { show: { resource: ['desktop'], operation: ['get'] } },
		},
	],
	read: (context) => ({
		desktopId: readDesktopId(context),
		simplify: checkInput(context, () => validateBoolean(context.getNodeParameter('simplify', true), 'Simplify')),
	}),
	request: ({ desktopId }) => ({ api: 'ShowDesktopDetail', method: 'GET', segments: ['desktops', desktopId] }),
	describe: ({ desktopId }) => ({ action: `get desktop ${desktopId}`, desktopId }),
	output: (context, { simplify }, response) => {
		const desktop = ((response.body as IDataObject | undefined)?.desktop ?? {}) as IDataObject;
		const json: IDataObject = {};
		if (simplify) for (const field of SIMPLE_FIELDS) if (desktop[field] !== undefined) json[field] = desktop[field];
		return [{ json: simplify ? json : desktop, pairedItem: { item: context.getItemIndex() } }];
	},
	repeatable: true,
});
