import type { IDataObject, IExecuteFunctions, IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ErrorContext } from './errors';
import { withPacingAndRetries } from './requestDriver';
import { CREDENTIAL_TYPE, huaweiApiError, type WorkspaceRequest, workspaceRequestOptions } from './transport';

export interface DirectRequestSettings {
	/** The item an error is reported on. */
	itemIndex: number;
	errorContext: ErrorContext;
	/** Whether sending twice has the same effect as once, so that a 5xx or dropped connection may be retried. */
	repeatable: boolean;
}

/**
 * Sends one Workspace request from a hand-written (custom) operation the way the declarative
 * operations send theirs: same credential and signing, same URL building, same pacer and retry
 * policy, same NodeApiError carrying Huawei's error code and X-Request-Id.
 */
export async function sendWorkspaceRequest(
	context: IExecuteFunctions,
	request: WorkspaceRequest,
	settings: DirectRequestSettings,
): Promise<IN8nHttpFullResponse> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE, settings.itemIndex);
	const options = workspaceRequestOptions(context.getNode(), settings.itemIndex, credentials, { url: '' }, request);
	options.returnFullResponse = true;
	let failure: unknown;
	try {
		return await withPacingAndRetries(
			credentials,
			context.getNodeParameter('throttling', 0, {}) as IDataObject,
			settings,
			async () => {
				// A fresh copy per attempt: signing replaces headers and body, and must start from the unsigned request.
				const response = (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, {
					...options,
					headers: { ...options.headers },
				})) as IN8nHttpFullResponse;
				// Thrown inside the attempt so that a 429 or 5xx answer is classified and retried like any failure.
				const error = huaweiApiError(context.getNode(), settings.itemIndex, response, settings.errorContext);
				if (error) throw error;
				return response;
			},
		);
	} catch (error) {
		failure = error;
	}
	if (failure instanceof NodeOperationError) throw failure;
	if (failure instanceof NodeApiError && failure.cause === undefined) throw failure;
	// The HTTP client's error (a dropped connection, n8n's own 401 handling) holds the request, auth
	// headers included, as its cause; n8n would keep it in the execution data, so only its words are kept.
	const message = `Could not ${settings.errorContext.action}: ${(failure as Error)?.message ?? 'the request failed'}`;
	throw new NodeApiError(context.getNode(), { message } as JsonObject, { itemIndex: settings.itemIndex, message });
}
