/**
 * Runs the real node description through n8n-core's own WorkflowExecute and RoutingNode, with a
 * credentials helper that applies the credential type's preAuthentication and authenticate the way
 * n8n's CredentialsHelper (packages/cli/src/credentials-helper.ts) does, so requests really leave
 * over HTTP to the emulator.
 */
import { DirectoryLoader, ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionError,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentials, ICredentialsHelper, Workflow } from 'n8n-workflow';

import { HuaweiCloudWorkspaceApi } from '../../credentials/HuaweiCloudWorkspaceApi.credentials';
import { HuaweiCloudWorkspace } from '../../nodes/HuaweiCloudWorkspace/HuaweiCloudWorkspace.node';
import { httpRequestTestNode } from './httpRequestNode';

export const CREDENTIAL_TYPE = 'huaweiCloudWorkspaceApi';
export const NODE_NAME = 'Workspace';

class InputNode implements INodeType {
	description = {
		displayName: 'Input',
		name: 'testInput',
		group: ['input'],
		version: 1,
		description: 'Passes the items the test starts with',
		defaults: { name: 'Input' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

/**
 * What n8n's credentials tester (packages/cli credentials-tester.service) runs for the Test button:
 * the node's description with one property whose routing is the credential's test request.
 */
function credentialTestNode(process: N8nProcess): INodeType {
	const { description } = process.node;
	const test = process.credential.test;
	return {
		description: {
			...description,
			credentials: [{ name: CREDENTIAL_TYPE, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: test.request }, default: '' }],
		},
	};
}

/**
 * n8n's loader adds the "requestOptions" collection (batching, proxy, timeout) to every declarative
 * node; without it the Workflow drops a test's `requestOptions` parameter as unknown.
 */
function withRequestOptions(nodeType: INodeType): INodeType {
	DirectoryLoader.applyDeclarativeNodeOptionParameters(nodeType);
	return nodeType;
}

/**
 * The node and credential types as one n8n process holds them: n8n loads each type once, and what
 * they keep between runs (IAM tokens, each account's learned request rate) lives as long as that.
 */
interface N8nProcess {
	node: HuaweiCloudWorkspace;
	credential: HuaweiCloudWorkspaceApi;
}

function startN8n(): N8nProcess {
	return { node: withRequestOptions(new HuaweiCloudWorkspace()) as HuaweiCloudWorkspace, credential: new HuaweiCloudWorkspaceApi() };
}

let n8nProcess = startN8n();

/** The node and credential as a freshly started n8n process holds them: no cached IAM token, no learned request rate. */
export function restartN8n(): void {
	n8nProcess = startN8n();
}

/** The node type the current process loaded, for contexts the harness does not run (list search). */
export function loadedNode(): HuaweiCloudWorkspace {
	return n8nProcess.node;
}

class NodeTypes implements INodeTypes {
	private readonly types: Record<string, INodeType> = {
		'test.input': new InputNode(),
		'CUSTOM.huaweiCloudWorkspace': n8nProcess.node,
		'test.credentialTest': credentialTestNode(n8nProcess),
		'test.httpRequest': httpRequestTestNode(CREDENTIAL_TYPE),
	};

	getByName(name: string): INodeType | IVersionedNodeType {
		return this.getByNameAndVersion(name);
	}

	getByNameAndVersion(name: string): INodeType {
		const type = this.types[name];
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type;
	}

	getKnownTypes() {
		return {};
	}
}

class StoredCredentials extends ICredentials {
	constructor(private readonly store: CredentialsStore) {
		super({ id: '1', name: 'Huawei test' }, CREDENTIAL_TYPE);
	}

	async getData(): Promise<ICredentialDataDecryptedObject> {
		return { ...this.store.data };
	}

	getDataToSave(): never {
		throw new Error('not used');
	}

	async setData(): Promise<void> {
		throw new Error('not used');
	}

	async updateData(): Promise<void> {
		throw new Error('not used');
	}
}

/** The saved credential: what n8n would keep in its database, updated by preAuthentication. */
export class CredentialsStore {
	updates = 0;
	/** How often the engine or the node read (decrypted) the credential. */
	reads = 0;

	constructor(public data: ICredentialDataDecryptedObject) {}
}

export class TestCredentialsHelper extends ICredentialsHelper {
	readonly type: ICredentialType = n8nProcess.credential;

	constructor(readonly store: CredentialsStore) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.type.authenticate;
		if (typeof authenticate !== 'function') throw new Error('expected an authenticate function');
		return await authenticate(credentials, requestOptions);
	}

	/** Same guard as n8n: only when the expirable field is empty or the request just got a 401. */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const expirable = this.type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof this.type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await this.type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		this.store.data = { ...this.store.data, ...(output as ICredentialDataDecryptedObject) };
		this.store.updates++;
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return (await this.type.preAuthentication?.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}

	async getCredentials(): Promise<ICredentials> {
		return new StoredCredentials(this.store);
	}

	/** Like n8n, every call decrypts a fresh copy of what is stored. */
	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		this.store.reads++;
		return { ...this.store.data };
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store.data = { ...data };
		this.store.updates++;
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(): INodeProperties[] {
		return this.type.properties;
	}
}

/** What every node context of the harness gets from n8n: the credentials helper and the instance's URLs. */
export function baseAdditionalData(store: CredentialsStore) {
	return {
		credentialsHelper: new TestCredentialsHelper(store),
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		restartExecutionId: undefined,
		userId: 'engine-test',
		variables: {},
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		instanceBaseUrl: 'http://127.0.0.1/',
	};
}

export interface RunOptions {
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject | CredentialsStore;
	items?: IDataObject[];
	continueOnFail?: boolean;
	/** Run the credential's Test request instead of the node. */
	credentialTest?: boolean;
	/** Run an HTTP Request-like node (httpRequestNode.ts) with the credential instead of the node. */
	httpRequest?: boolean;
	/** Called once the run has started with a function that cancels it, as n8n's Stop button does. */
	onStarted?: (cancel: () => void) => void;
}

export interface RunResult {
	/** The node's output items (empty when the node failed without Continue On Fail). */
	items: INodeExecutionData[];
	/** The node's error when it failed. */
	error?: ExecutionError;
	store: CredentialsStore;
	run: IRun;
}

function nodeTypeName(options: RunOptions): string {
	if (options.credentialTest) return 'test.credentialTest';
	return options.httpRequest ? 'test.httpRequest' : 'CUSTOM.huaweiCloudWorkspace';
}

/** Executes Input -> Workspace once, the way a manual run in n8n does. */
export async function runNode(options: RunOptions): Promise<RunResult> {
	const store =
		options.credentials instanceof CredentialsStore
			? options.credentials
			: new CredentialsStore({ sessionToken: '', ...options.credentials });
	const nodeTypes = new NodeTypes();
	const inputNode: INode = {
		id: 'input',
		name: 'Input',
		type: 'test.input',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const workspaceNode: INode = {
		id: 'workspace',
		name: NODE_NAME,
		type: nodeTypeName(options),
		typeVersion: 1,
		position: [200, 0],
		parameters: options.parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'Huawei test' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const workflow = new Workflow({
		id: 'engine-test',
		nodes: [inputNode, workspaceNode],
		connections: { Input: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] } },
		nodeTypes,
		active: false,
		settings: {},
	});

	const hooks = new ExecutionLifecycleHooks('manual', 'engine-test', {
		id: 'engine-test',
		name: 'engine test',
		active: false,
		nodes: workflow.nodes ? Object.values(workflow.nodes) : [],
		connections: workflow.connectionsBySourceNode,
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	} as never);
	let resolveRun: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolveRun(fullRunData));

	const additionalData = {
		...baseAdditionalData(store),
		hooks,
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;

	const runExecutionData: IRunExecutionData = {
		resultData: { runData: {} },
		executionData: {
			metadata: {},
			contextData: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [
				{
					node: inputNode,
					data: { main: [(options.items ?? [{}]).map((json) => ({ json }))] },
					source: null,
				},
			],
		},
	} as unknown as IRunExecutionData;

	const workflowExecute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	const running = workflowExecute.processRunExecutionData(workflow);
	options.onStarted?.(() => running.cancel());
	await running;
	const run = await finished;
	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	return {
		items: taskData?.data?.main?.[0] ?? [],
		error: taskData?.error,
		store,
		run,
	};
}
