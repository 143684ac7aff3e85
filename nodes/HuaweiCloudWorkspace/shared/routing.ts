import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	IN8nRequestOperations,
	INodeExecutionData,
	INodePropertyRouting,
} from 'n8n-workflow';

import type { ErrorContext } from './errors';
import { prepareRequest, throwIfFailed, type WorkspaceRequest } from './transport';

export interface WorkspaceOperation<Input> {
	/** Reads and checks the item's parameters, once per item: its expressions are evaluated here. */
	read: (context: IExecuteSingleFunctions) => Input;
	request: (input: Input) => WorkspaceRequest;
	/** What the item was doing, in the words an error message will use. */
	describe: (input: Input) => ErrorContext;
	/** The item's output once Huawei has answered with success. */
	output: (context: IExecuteSingleFunctions, input: Input, response: IN8nHttpFullResponse) => INodeExecutionData[];
	/** Sends the prepared request: the request driver (pacing, retries) or a pager built on it. */
	send: NonNullable<IN8nRequestOperations['pagination']>;
}

/**
 * The declarative routing every Workspace operation shares: the input is validated and the
 * request built in preSend, sent by the operation's driver (n8n's pagination hook, switched on by
 * `paginate`), and the answer checked and turned into items in postReceive.
 */
export function workspaceRouting<Input>(operation: WorkspaceOperation<Input>): INodePropertyRouting {
	// n8n hands preSend and postReceive the same per-item context, so the input read before sending
	// is found again when the answer comes back instead of evaluating the item's expressions twice.
	// Weak keys: an item's input lives as long as its context and no longer.
	const inputs = new WeakMap<IExecuteSingleFunctions, Input>();
	const readOnce = (context: IExecuteSingleFunctions): Input => {
		const known = inputs.get(context);
		if (known !== undefined) return known;
		const input = operation.read(context);
		inputs.set(context, input);
		return input;
	};
	return {
		operations: { pagination: operation.send },
		send: {
			paginate: true,
			preSend: [
				async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
					return await prepareRequest(this, options, operation.request(readOnce(this)));
				},
			],
		},
		output: {
			postReceive: [
				async function (this: IExecuteSingleFunctions, _items: INodeExecutionData[], response: IN8nHttpFullResponse) {
					const input = readOnce(this);
					throwIfFailed(this, response, operation.describe(input));
					return operation.output(this, input, response);
				},
			],
		},
	};
}
