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
	/** Reads and checks the item's parameters: before sending, and again when the answer is read. */
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
	return {
		operations: { pagination: operation.send },
		send: {
			paginate: true,
			preSend: [
				async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
					return await prepareRequest(this, options, operation.request(operation.read(this)));
				},
			],
		},
		output: {
			postReceive: [
				async function (this: IExecuteSingleFunctions, _items: INodeExecutionData[], response: IN8nHttpFullResponse) {
					const input = operation.read(this);
					throwIfFailed(this, response, operation.describe(input));
					return operation.output(this, input, response);
				},
			],
		},
	};
}
