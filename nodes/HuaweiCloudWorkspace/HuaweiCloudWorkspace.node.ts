import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { searchDesktops } from './listSearch/searchDesktops';
import { searchImages } from './listSearch/searchImages';
import { searchProducts } from './listSearch/searchProducts';
import { desktopResource } from './resources/desktop';
import { jobResource } from './resources/job';
import { tagResource } from './resources/tag';
import { userResource } from './resources/user';
import { customOperations, resourceProperties } from './shared/operation';
import { workspaceCredentials, workspaceIcon } from './shared/nodeIdentity';
import { newClientState } from './transport/client';
import { throttlingField } from './transport/throttling';

const resources = [desktopResource, jobResource, tagResource, userResource];

export class HuaweiCloudWorkspace implements INodeType {
	/**
	 * What the Workspace client keeps between runs (each account's pacer and credential gate). n8n loads a node type
	 * once per process, so this lives as long as the process; a new instance starts afresh.
	 */
	private readonly clientState = newClientState();

	description: INodeTypeDescription = {
		displayName: 'Huawei Cloud Workspace',
		name: 'huaweiCloudWorkspace',
		icon: workspaceIcon,
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage Huawei Cloud Workspace desktops (create, power, delete), users, jobs and tags',
		defaults: {
			name: 'Huawei Cloud Workspace',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: workspaceCredentials,
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
						name: 'Job',
						value: 'job',
					},
					{
						name: 'Tag',
						value: 'tag',
					},
					{
						name: 'User',
						value: 'user',
					},
				],
				default: 'tag',
			},
			...resources.flatMap((resource) => resourceProperties(this.clientState, resource)),
			throttlingField,
		],
	};

	methods = {
		listSearch: {
			searchDesktops: searchDesktops(this.clientState),
			searchImages: searchImages(this.clientState),
			searchProducts: searchProducts(this.clientState),
		},
	};

	// Declarative routing sends one request per item; these send all items in batches of 100 desktops.
	customOperations = customOperations(this.clientState, resources);
}
