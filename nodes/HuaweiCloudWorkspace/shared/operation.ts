import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyRouting } from 'n8n-workflow';

import type { ClientState } from '../transport/client';
import { type RoutedRequest, workspaceRouting } from '../transport/routing';

/** What the editor shows of an operation, and the fields only it uses. */
interface OperationInfo {
	value: string;
	name: string;
	action: string;
	description: string;
	fields: INodeProperties[];
	/** Fields shown above the resource's shared fields, e.g. a choice that says what the shared ones mean. */
	leadingFields?: INodeProperties[];
}

/** An operation n8n's declarative engine runs, one request (or one list of pages) per item. */
export interface RoutedOperation<Input> extends OperationInfo, RoutedRequest<Input> {}

/** An operation that handles all items at once (n8n's customOperations), e.g. to batch them. */
export interface CustomOperation extends OperationInfo {
	execute: (state: ClientState) => (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;
}

/** A declarative operation as its resource lists it: its input type stays inside its own file. */
interface RoutedEntry extends OperationInfo {
	routing: (state: ClientState) => INodePropertyRouting;
}

export type Operation = RoutedEntry | CustomOperation;

export function routedOperation<Input>(operation: RoutedOperation<Input>): Operation {
	const { value, name, action, description, fields, leadingFields } = operation;
	return { value, name, action, description, fields, leadingFields, routing: (state) => workspaceRouting(state, operation) };
}

export interface Resource {
	value: string;
	name: string;
	/** Fields several operations use, declared once (see the resource's fields.ts for why). */
	sharedFields: INodeProperties[];
	operations: Operation[];
	defaultOperation: string;
}

/** The resource's Operation selector and its fields, in the order the editor shows them. */
export function resourceProperties(state: ClientState, resource: Resource): INodeProperties[] {
	const { defaultOperation } = resource;
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			default: defaultOperation,
			options: resource.operations.map((operation) => ({
				name: operation.name,
				value: operation.value,
				action: operation.action,
				description: operation.description,
				...('routing' in operation ? { routing: operation.routing(state) } : {}),
			})),
		},
		...resource.operations.flatMap((operation) => operation.leadingFields ?? []),
		...resource.sharedFields,
		...resource.operations.flatMap((operation) => operation.fields),
	];
}

/** n8n's customOperations map for the resources' hand-written operations. */
export function customOperations(state: ClientState, resources: Resource[]) {
	const map: Record<string, Record<string, (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>>> = {};
	for (const resource of resources) {
		for (const operation of resource.operations) {
			if (!('execute' in operation)) continue;
			map[resource.value] = { ...map[resource.value], [operation.value]: operation.execute(state) };
		}
	}
	return map;
}
