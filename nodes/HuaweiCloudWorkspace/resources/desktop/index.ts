import type { INodeProperties } from 'n8n-workflow';

import { desktopDeleteDescription, desktopDeleteRouting } from './delete';

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
		],
		default: 'delete',
	},
	...desktopDeleteDescription,
];
