import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { workspaceCredentials, workspaceIcon } from './shared/nodeIdentity';
import { newClientState } from './transport/client';
import { throttlingField } from './transport/throttling';
import { pollDesktops } from './trigger/poll';
import { triggerProperties } from './trigger/settings';

export class HuaweiCloudWorkspaceTrigger implements INodeType {
	/**
	 * Like the action node's: each account's pacer and credential gate. n8n loads a node type once
	 * per process, so this lives as long as the process; a new instance starts afresh.
	 */
	private readonly clientState = newClientState();

	description: INodeTypeDescription = {
		displayName: 'Huawei Cloud Workspace Trigger',
		name: 'huaweiCloudWorkspaceTrigger',
		icon: workspaceIcon,
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when Huawei Cloud Workspace desktops are created, deleted, change status or change tags',
		defaults: {
			name: 'Huawei Cloud Workspace Trigger',
		},
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: workspaceCredentials,
		properties: [...triggerProperties, throttlingField],
	};

	// n8n calls it with the poll context as `this`; the client state is reached through the closure.
	poll = pollDesktops(this.clientState);
}
