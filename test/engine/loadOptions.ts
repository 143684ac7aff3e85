/**
 * A real n8n-core LoadOptionsContext (what the editor uses to fill a resource locator's list)
 * for the Workspace node, with the engine harness's credentials helper, so list-search methods
 * send real, authenticated requests to the emulator.
 */
import { LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ILoadOptionsFunctions,
	INode,
	INodeParameters,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { CREDENTIAL_TYPE, CredentialsStore, loadedNode, NODE_NAME, TestCredentialsHelper } from './harness';

const TYPE = 'CUSTOM.huaweiCloudWorkspace';

class OneNodeType implements INodeTypes {
	private readonly type = loadedNode();

	getByName(): INodeType | IVersionedNodeType {
		return this.type;
	}

	getByNameAndVersion(): INodeType {
		return this.type;
	}

	getKnownTypes() {
		return {};
	}
}

/** `parameters`: the form as the editor holds it when the list is asked for (e.g. Image Type for the Image picker). */
export function loadOptionsContext(
	credentials: ICredentialDataDecryptedObject | CredentialsStore,
	parameters: INodeParameters = { resource: 'tag', operation: 'getAll' },
	path = 'parameters.desktopId',
): ILoadOptionsFunctions {
	const store = credentials instanceof CredentialsStore ? credentials : new CredentialsStore({ sessionToken: '', ...credentials });
	const node: INode = {
		id: 'workspace',
		name: NODE_NAME,
		type: TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'Huawei test' } },
	};
	const workflow = new Workflow({
		id: 'load-options-test',
		nodes: [node],
		connections: {},
		nodeTypes: new OneNodeType(),
		active: false,
		settings: {},
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(store),
		currentNodeParameters: node.parameters,
		userId: 'engine-test',
		variables: {},
		instanceBaseUrl: 'http://127.0.0.1/',
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, node, additionalData, path);
}
