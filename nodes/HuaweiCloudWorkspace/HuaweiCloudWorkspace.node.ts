import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { searchDesktops } from './listSearch/searchDesktops';
import { desktopDescription } from './resources/desktop';
import { throttlingField } from './shared/requestDriver';
import { tagDescription } from './resources/tag';
import { tagBulkCreate, tagBulkDelete } from './resources/tag/bulk';

export class HuaweiCloudWorkspace implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Huawei Cloud Workspace',
		name: 'huaweiCloudWorkspace',
		icon: { light: 'file:huaweiCloudWorkspace.svg', dark: 'file:huaweiCloudWorkspace.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage Huawei Cloud Workspace desktops and their tags',
		defaults: {
			name: 'Huawei Cloud Workspace',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'huaweiCloudWorkspaceApi',
				required: true,
			},
		],
		requestDefaults: {
			headers: {
				Accept: 'application/json',
			},
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Desktop',
						value: 'desktop',
					},
					{
						name: 'Tag',
						value: 'tag',
					},
				],
				default: 'tag',
			},
			...desktopDescription,
			...tagDescription,
			throttlingField,
		],
	};

	methods = {
		listSearch: { searchDesktops },
	};

	// Declarative routing sends one request per item; these send all items in batches of 100 desktops.
	customOperations = {
		tag: { bulkCreate: tagBulkCreate, bulkDelete: tagBulkDelete },
	};
}
