/**
 * Runs the trigger's poll() with a real n8n-core PollContext (the context n8n's ActiveWorkflows
 * builds for every poll: `new PollContext(workflow, node, additionalData, mode, activation)`), on a
 * real Workflow holding the node's static data, with the engine harness's credentials helper (the
 * credential's preAuthentication and authenticate, as n8n applies them). Not through n8n's poll
 * scheduler: each call to `poll` is one poll of an active workflow (mode 'trigger') or the editor's
 * "Fetch Test Event" (mode 'manual').
 *
 * Static data crosses polls the way n8n's database carries it: serialised to JSON after a poll that
 * returned (n8n saves it with the execution, or commits the poll cursor when the poll returned null),
 * and not saved after a poll that threw.
 */
import { PollContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { Emulator } from '../../emulator';
import { HuaweiCloudWorkspaceTrigger } from '../../../nodes/HuaweiCloudWorkspace/HuaweiCloudWorkspaceTrigger.node';
import { baseAdditionalData, CREDENTIAL_TYPE, CredentialsStore } from '../harness';

export const TRIGGER_NAME = 'Workspace Trigger';
const TRIGGER_TYPE = 'CUSTOM.huaweiCloudWorkspaceTrigger';

class TriggerNodeTypes implements INodeTypes {
	constructor(private readonly trigger: INodeType) {}

	getByName(name: string): INodeType | IVersionedNodeType {
		return this.getByNameAndVersion(name);
	}

	getByNameAndVersion(name: string): INodeType {
		if (name !== TRIGGER_TYPE) throw new Error(`Unknown node type ${name}`);
		return this.trigger;
	}

	getKnownTypes() {
		return {};
	}
}

export interface PollResult {
	/** The items the poll emitted; null when it returned null ("nothing new"). */
	items: IDataObject[] | null;
	/** The poll's error, when it threw. */
	error?: Error;
	/** The node's static data as the poll left it in memory (whether or not n8n would save it). */
	liveStaticData: IDataObject;
}

/**
 * One active workflow with the trigger: its parameters, its credential and its saved static data.
 * `restartN8n()` gives it a freshly loaded node type (new client state), as after an n8n restart.
 */
export class ActiveTrigger {
	/** The workflow's static data as n8n's database holds it (JSON). */
	savedStaticData: string = '{}';
	private trigger = new HuaweiCloudWorkspaceTrigger();
	readonly store: CredentialsStore;

	constructor(
		public parameters: INodeParameters,
		credentials: ICredentialDataDecryptedObject,
	) {
		this.store = new CredentialsStore({ sessionToken: '', ...credentials });
	}

	restartN8n(): void {
		this.trigger = new HuaweiCloudWorkspaceTrigger();
	}

	/** The node's part of the saved static data. */
	get nodeStaticData(): IDataObject {
		return ((JSON.parse(this.savedStaticData) as IDataObject)[`node:${TRIGGER_NAME}`] ?? {}) as IDataObject;
	}

	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<PollResult> {
		const node: INode = {
			id: 'trigger',
			name: TRIGGER_NAME,
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: this.parameters,
			credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'Huawei test' } },
		};
		const workflow = new Workflow({
			id: 'trigger-test',
			nodes: [node],
			connections: {},
			nodeTypes: new TriggerNodeTypes(this.trigger),
			active: mode !== 'manual',
			staticData: JSON.parse(this.savedStaticData) as IDataObject,
			settings: {},
		});
		const additionalData = baseAdditionalData(this.store) as unknown as IWorkflowExecuteAdditionalData;
		const context = new PollContext(
			workflow,
			workflow.getNode(TRIGGER_NAME) as INode,
			additionalData,
			mode,
			mode === 'manual' ? 'manual' : 'activate',
		);
		const poll = this.trigger.poll as (this: PollContext) => Promise<INodeExecutionData[][] | null>;
		const liveStaticData = () => JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		try {
			const output = await poll.call(context);
			// A manual run ("Fetch Test Event") does not save static data in n8n.
			if (mode !== 'manual') this.savedStaticData = JSON.stringify(workflow.staticData);
			return { items: output === null ? null : output[0].map((item) => item.json), liveStaticData: liveStaticData() };
		} catch (error) {
			return { items: null, error: error as Error, liveStaticData: liveStaticData() };
		}
	}
}

/** Deletes a desktop the way Huawei's console would: through the API, outside the trigger. */
export async function deleteDesktop(emulator: Emulator, id: string): Promise<void> {
	const response = await fetch(`${emulator.url}/v2/${emulator.projectId}/desktops/${id}`, {
		method: 'DELETE',
		headers: { 'X-Auth-Token': emulator.token },
	});
	if (response.status !== 204) throw new Error(`deleting desktop ${id} answered ${response.status}`);
}
