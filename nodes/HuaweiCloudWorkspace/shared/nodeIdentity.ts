import type { INodeTypeDescription } from 'n8n-workflow';

/** What the action node and the trigger show and use alike: the icon and the one credential. */
export const workspaceIcon: INodeTypeDescription['icon'] = {
	light: 'file:huaweiCloudWorkspace.svg',
	dark: 'file:huaweiCloudWorkspace.dark.svg',
};

export const workspaceCredentials: INodeTypeDescription['credentials'] = [
	{ name: 'huaweiCloudWorkspaceApi', required: true },
];
