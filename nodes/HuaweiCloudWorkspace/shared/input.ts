import type { IDataObject, IExecuteSingleFunctions, INode, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InputError, validateBoolean, validateDesktopId } from './validation';

/** A validation failure as the item's error, naming the field and the rule. */
export function inputFailure(node: INode, itemIndex: number, error: unknown): NodeOperationError {
	return new NodeOperationError(node, error as Error, {
		itemIndex,
		description:
			error instanceof InputError ? `Nothing was sent to Huawei Cloud for this item. Field: ${error.field}` : undefined,
	});
}

/** Runs a validation step and reports its failure on the item. */
export function checkInput<T>(context: IExecuteSingleFunctions, validate: () => T): T {
	try {
		return validate();
	} catch (error) {
		throw inputFailure(context.getNode(), context.getItemIndex(), error);
	}
}

export function readDesktopId(context: IExecuteSingleFunctions): string {
	const raw = context.getNodeParameter('desktopId', undefined, { extractValue: true });
	return checkInput(context, () => validateDesktopId(raw));
}

/** How many results the item wants: Infinity for Return All. */
export function readWanted(context: IExecuteSingleFunctions): number {
	return checkInput(context, () => {
		if (validateBoolean(context.getNodeParameter('returnAll', false), 'Return All')) return Infinity;
		const limit = context.getNodeParameter('limit', 50);
		if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
			// String() so that NaN and Infinity are named as such (JSON would say null).
			const shown = typeof limit === 'number' ? String(limit) : JSON.stringify(limit);
			throw new InputError('Limit', `Limit must be a whole number of at least 1, not ${shown}`);
		}
		return limit;
	});
}

/** One output item per input item for operations whose success is an empty 204. */
export function successItem(context: IExecuteSingleFunctions, json: IDataObject): INodeExecutionData[] {
	return [{ json: { success: true, ...json }, pairedItem: { item: context.getItemIndex() } }];
}

/** A request's error, on one of the items it carried (batch requests serve many items). */
export function errorOnItem(node: INode, error: NodeApiError | NodeOperationError, itemIndex: number): NodeApiError | NodeOperationError {
	const details = { message: error.message, description: error.description ?? undefined, itemIndex };
	if (error instanceof NodeOperationError) return new NodeOperationError(node, error.message, details);
	return new NodeApiError(node, (error.errorResponse ?? {}) as JsonObject, {
		...details,
		httpCode: error.httpCode ?? undefined,
	});
}
