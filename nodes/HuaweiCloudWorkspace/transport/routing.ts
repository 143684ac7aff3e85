import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodePropertyRouting,
} from 'n8n-workflow';

import { type ClientState, type WorkspaceRequest, WorkspaceClient } from './client';
import { huaweiApiError } from './errors';
import type { ErrorContext } from './huaweiErrors';
import { collectPages, type PageSettings, withPage } from './paging';

export interface ItemPaging extends PageSettings {
	/** Results the item wants, Infinity for all. */
	wanted: number;
	/** Query additions, one list (paged on its own) each, e.g. 100 desktop IDs per request. */
	parts?: IDataObject[];
	/** Drops results the server matched more loosely than the item asked. */
	keep?: (item: INodeExecutionData) => boolean;
}

/** A declarative operation, as its own file states it. */
export interface RoutedRequest<Input> {
	/** Reads and checks the item's parameters, once per item: its expressions are evaluated here. */
	read: (context: IExecuteSingleFunctions) => Input;
	/** The request, as data: method, path segments, query and body. */
	request: (input: Input) => WorkspaceRequest;
	/** What the item is doing, in the words an error message will use. */
	describe: (input: Input) => ErrorContext;
	/** The item's output once Huawei has answered with success (once per page for paged lists). */
	output: (context: IExecuteSingleFunctions, input: Input, response: IN8nHttpFullResponse) => INodeExecutionData[];
	/** Whether sending twice has the same effect as once: only then is a 5xx or a dropped connection retried. */
	repeatable: boolean;
	/** For lists: how many results the item wants and how Huawei pages them. */
	paging?: (input: Input) => ItemPaging;
	/** The item's output without any request (e.g. a dry run), or undefined to send. */
	answerWithoutRequest?: (context: IExecuteSingleFunctions, input: Input) => INodeExecutionData[] | undefined;
}

/**
 * The declarative routing of an operation. The input is read and the request built in preSend, the
 * request goes out through the Workspace client from n8n's pagination hook (the hook n8n offers to
 * run the request itself, so that authentication and postReceive stay n8n's own while pacing,
 * retries and paging are added around them), and the answer is checked and turned into items in
 * postReceive.
 */
export function workspaceRouting<Input>(state: ClientState, operation: RoutedRequest<Input>): INodePropertyRouting {
	// n8n hands preSend and postReceive the same per-item context, and the pagination hook an object
	// made from it with Object.create, so the input read before sending is found again instead of
	// evaluating the item's expressions twice. Weak keys: an item's input lives as long as its context.
	const inputs = new WeakMap<object, Input>();
	const readOnce = (context: IExecuteSingleFunctions): Input => {
		const known = inputs.get(context) ?? inputs.get(Object.getPrototypeOf(context) as object);
		if (known !== undefined) return known;
		const input = operation.read(context);
		inputs.set(context, input);
		return input;
	};
	return {
		operations: {
			pagination: async function (
				this: IExecutePaginationFunctions,
				requestData: DeclarativeRestApiSettings.ResultOptions,
			): Promise<INodeExecutionData[]> {
				const input = readOnce(this);
				const answer = operation.answerWithoutRequest?.(this, input);
				if (answer) return answer;
				const client = await WorkspaceClient.forItem(state, this);
				const request = operation.request(input);
				const settings = {
					itemIndex: this.getItemIndex(),
					errorContext: operation.describe(input),
					repeatable: operation.repeatable,
				};
				const paging = operation.paging?.(input);
				if (!paging) return await client.sendRouted(this, requestData, request, settings);
				const results: INodeExecutionData[] = [];
				for (const part of paging.parts ?? [{}]) {
					if (results.length >= paging.wanted) break;
					const options = { ...requestData.options, qs: { ...requestData.options.qs, ...part } };
					const found = await collectPages(
						paging.wanted - results.length,
						paging.pageSize,
						async (offset, limit) =>
							await client.sendRouted(
								this,
								{ ...requestData, options: withPage(options, paging.placement, offset, limit) },
								request,
								// Reading a page changes nothing, so it may be retried like any read.
								{ ...settings, repeatable: true },
							),
						(item) => JSON.stringify(item.json),
						paging.keep,
					);
					results.push(...found);
				}
				return results;
			},
		},
		send: {
			paginate: true,
			preSend: [
				async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
					const client = await WorkspaceClient.forItem(state, this);
					return client.requestOptions(operation.request(readOnce(this)), this.getItemIndex(), options);
				},
			],
		},
		output: {
			postReceive: [
				async function (this: IExecuteSingleFunctions, _items: INodeExecutionData[], response: IN8nHttpFullResponse) {
					const input = readOnce(this);
					const error = huaweiApiError(this.getNode(), this.getItemIndex(), response, operation.describe(input));
					if (error) throw error;
					return operation.output(this, input, response);
				},
			],
		},
	};
}
