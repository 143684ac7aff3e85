import type { IN8nHttpFullResponse, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { headerValue } from '../../../credentials/common/headers';
import { clockSkewFromDateHeader, describeHuaweiError, type ErrorContext } from './huaweiErrors';

/** An error and its causes, outermost first: n8n wraps the HTTP client's error, sometimes twice. */
export function causeChain(error: unknown): Array<Record<string, unknown>> {
	const found: Array<Record<string, unknown>> = [];
	let current: unknown = error;
	while (current && typeof current === 'object' && found.length < 5) {
		found.push(current as Record<string, unknown>);
		current = (current as { cause?: unknown }).cause;
	}
	return found;
}

/** The item's error for an answer with a failure status, undefined for a success. */
export function huaweiApiError(
	node: INode,
	itemIndex: number,
	response: IN8nHttpFullResponse,
	errorContext: ErrorContext,
): NodeApiError | undefined {
	if (response.statusCode < 300) return undefined;
	const headers = response.headers as Record<string, unknown>;
	const details = describeHuaweiError(response.statusCode, response.body, headers, {
		...errorContext,
		clockSkewMs: clockSkewFromDateHeader(headers, Date.now()),
	});
	const errorResponse: JsonObject = {
		httpCode: String(details.status),
		error_code: details.errorCode ?? null,
		error_msg: details.errorMsg ?? null,
		request_id: details.requestId ?? null,
		retry_after: headerValue(headers, 'retry-after') ?? null,
	};
	return new NodeApiError(node, errorResponse, {
		message: details.message,
		description: details.description,
		httpCode: String(details.status),
		itemIndex,
	});
}

/**
 * The error an item ends with. Errors the node raised itself (huaweiApiError, input checks) carry
 * only what the user should see. Errors from the HTTP client (connection refused or reset, a
 * timeout, n8n's own 401 handling) carry the request as their cause, headers included, i.e. the
 * X-Auth-Token or X-Security-Token: n8n keeps that object on the item and in the execution data.
 * They are rebuilt from their message and code alone. `mayHaveBeenProcessed`: no answer came back
 * for a request whose repeat is not harmless, so the user must check before running it again.
 */
export function cleanFailure(
	node: INode,
	itemIndex: number,
	failure: unknown,
	errorContext: ErrorContext,
	mayHaveBeenProcessed: boolean,
): NodeApiError | NodeOperationError {
	if (failure instanceof NodeOperationError) return failure;
	if (failure instanceof NodeApiError && failure.cause === undefined) return failure;
	let code: string | undefined;
	let detail: string | undefined;
	for (const link of causeChain(failure)) {
		if (typeof link.code === 'string') code = link.code;
		if (typeof link.message === 'string') detail = link.message;
	}
	// n8n words an axios timeout as "The connection was aborted, perhaps the server is offline".
	const timeout = /timeout of (\d+)ms exceeded/.exec(detail ?? '');
	const cause = timeout
		? `no answer from Huawei Cloud within ${timeout[1]} ms (Options > Timeout)`
		: failure instanceof Error && failure.message
			? failure.message
			: 'the request to Huawei Cloud failed';
	const message = `Could not ${errorContext.action}: ${cause}`;
	const lines = [
		mayHaveBeenProcessed
			? 'No answer came back: Huawei Cloud may or may not have carried out this request, so it was not repeated. Check the result before running it again.'
			: 'No usable answer came back from Huawei Cloud. Check the endpoint in the credential and the network, or try again later.',
	];
	if (detail && detail !== cause) lines.push(`Details: ${detail}`);
	if (code) lines.push(`Code: ${code}`);
	// n8n puts the connection error's code (e.g. ECONNABORTED) in httpCode; only a real status is kept.
	const status = failure instanceof NodeApiError ? failure.httpCode : undefined;
	const httpCode = typeof status === 'string' && /^\d{3}$/.test(status) ? status : undefined;
	return new NodeApiError(node, { message: detail ?? cause } as JsonObject, {
		message,
		description: lines.join('\n'),
		...(httpCode ? { httpCode } : {}),
		itemIndex,
	});
}
