import type { INodeProperties } from 'n8n-workflow';

import { desktopDeleteDescription, desktopDeleteRouting } from './delete';
import { desktopGetAllDescription, desktopGetAllRouting } from './getAll';

export const desktopDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['desktop'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a desktop',
				description: 'Delete a desktop permanently',
				routing: desktopDeleteRouting,
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many desktops',
				description: 'List desktops, filtered by name, user, status or tags',
				routing: desktopGetAllRouting,
			},
		],
		default: 'delete',
	},
	...desktopDeleteDescription,
	...desktopGetAllDescription,
];
