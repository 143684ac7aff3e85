import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { sendPaced } from './requestDriver';
import { checkInput } from './transport';
import { InputError, validateBoolean } from './validation';

/**
 * Offset + limit paging for the list operations.
 *
 * Why a pagination function (routing.operations.pagination as a function) rather than n8n's
 * built-in `offset` type or a hand-rolled loop over httpRequestWithAuthentication:
 * - each page goes through `this.makeRoutingRequest` (paced and retried by sendPaced), i.e. the very path a single-request
 *   operation takes: the request prepared by our preSend (prepareRequest), sent with
 *   httpRequestWithAuthentication and the credential RoutingNode already resolved (so the IAM
 *   token refresh after a 401 in password mode and AK/SK signing work per page exactly as for
 *   the other operations), then our postReceive (throwIfFailed, item mapping) on every page.
 *   An error on page 3 is the same NodeApiError, with error_code and X-Request-Id, as on page 1.
 * - the built-in `offset` type cannot put offset/limit as strings into a JSON body (the
 *   resource-instances API wants "0", "100"), always asks for a full page even when Limit
 *   needs fewer (it does shrink the last one, but it counts items only after rootProperty), and
 *   cannot stop when a server ignores `offset`.
 * Paging stops at the first short page (Huawei's documented rule), when Limit is reached, or when
 * a page repeats the previous one (a server that ignores offset would otherwise loop forever).
 */

export interface PageSettings {
	/** Largest page the API accepts. */
	pageSize: number;
	/** Where offset and limit go: the query string, or the JSON body as strings (resource-instances). */
	placement: 'qs' | 'bodyStrings';
}

export function returnAllAndLimitFields(show: { resource: string[]; operation: string[] }): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
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

function withPage(
	options: DeclarativeRestApiSettings.HttpRequestOptions,
	settings: PageSettings,
	offset: number,
	limit: number,
): DeclarativeRestApiSettings.HttpRequestOptions {
	if (settings.placement === 'qs') {
		return { ...options, qs: { ...(options.qs ?? {}), offset, limit } };
	}
	const body = (options.body && typeof options.body === 'object' ? options.body : {}) as IDataObject;
	return { ...options, body: { ...body, offset: String(offset), limit: String(limit) } };
}

export function offsetPagination(settings: PageSettings) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const wanted = readWanted(this);
		const results: INodeExecutionData[] = [];
		let offset = 0;
		let previousFirst: string | undefined;
		while (results.length < wanted) {
			const size = Math.min(settings.pageSize, wanted - results.length);
			// Reading a page changes nothing, so it may be retried like any read.
			const page = await sendPaced(
				this,
				{ ...requestData, options: withPage(requestData.options, settings, offset, size) },
				{ repeatable: true },
			);
			const first = page.length > 0 ? JSON.stringify(page[0].json) : undefined;
			if (first !== undefined && first === previousFirst) break;
			previousFirst = first;
			results.push(...page);
			if (page.length < size) break;
			offset += size;
		}
		return results;
	};
}
