import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { workspaceBaseUrl } from '../../../credentials/common/endpoints';
import { headerValue } from '../../../credentials/common/headers';
import { encodeSegment } from '../../../credentials/common/signer';
import { clockSkewFromDateHeader, describeHuaweiError, type ErrorContext } from './errors';
import { InputError, validateDesktopId } from './validation';

export const CREDENTIAL_TYPE = 'huaweiCloudWorkspaceApi';

export interface WorkspaceRequest {
	method: IHttpRequestMethods;
	/** Path below /v2/{project_id}/, one entry per segment, unencoded. */
	segments: string[];
	qs?: IDataObject;
	body?: IDataObject;
}

const credentialsByRun = new WeakMap<object, Promise<ICredentialDataDecryptedObject>>();

/**
 * The credential as the node run started with it, fetched once for all its items. In n8n every
 * getCredentials call reads the database and decrypts (about 0.5 ms); the node needs the endpoint,
 * project and identity, which do not change within a run, before and while sending each item.
 * The items of one run share n8n's execute data, which keys the cache and lets it go with the run.
 * Signing and tokens do not use this copy: n8n fetches its own for every request it authenticates.
 */
export async function runCredentials(context: IExecuteSingleFunctions): Promise<ICredentialDataDecryptedObject> {
	const run = context.getExecuteData();
	if (!run) return await context.getCredentials(CREDENTIAL_TYPE);
	let pending = credentialsByRun.get(run);
	if (!pending) {
		pending = context.getCredentials(CREDENTIAL_TYPE);
		credentialsByRun.set(run, pending);
		// A failed fetch is not kept: the next item asks again.
		pending.catch(() => credentialsByRun.delete(run));
	}
	return await pending;
}

/** Builds "/v2/{project}/a/b" with every segment percent-encoded on its own, so no value can add a segment. */
export function workspacePath(projectId: string, segments: string[]): string {
	return ['', 'v2', projectId, ...segments].map((segment, index) => (index === 0 ? '' : encodeSegment(segment))).join('/');
}

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

export function getDesktopId(context: IExecuteSingleFunctions): string {
	const raw = context.getNodeParameter('desktopId', undefined, { extractValue: true });
	return checkInput(context, () => validateDesktopId(raw));
}

/**
 * Completes a request for Workspace: endpoint and project from the credential, the encoded path,
 * and status handling. 401 is left to n8n only in password mode, where n8n's retry after a fresh
 * IAM login is wanted; with a pasted token or an access key the same request would fail again,
 * and repeated bad AK/SK signatures lock the key, so the error is reported at once instead.
 * Shared by the declarative operations (prepareRequest) and the hand-written ones (directRequest).
 */
export function workspaceRequestOptions(
	node: INode,
	itemIndex: number,
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
	request: WorkspaceRequest,
): IHttpRequestOptions {
	const projectId = String(credentials.projectId ?? '').trim();
	if (projectId === '') {
		throw new NodeOperationError(node, 'The credential has no Project ID', { itemIndex });
	}
	let baseURL: string;
	try {
		baseURL = workspaceBaseUrl(credentials);
	} catch (error) {
		throw new NodeOperationError(node, (error as Error).message, { itemIndex });
	}
	const prepared: IHttpRequestOptions = {
		...options,
		baseURL,
		url: workspacePath(projectId, request.segments),
		method: request.method,
		qs: request.qs ?? {},
		json: true,
		headers: { ...options.headers, Accept: 'application/json' },
		ignoreHttpStatusErrors:
			credentials.authType === 'password' ? { ignore: true, except: [401] } : true,
	};
	if (request.body) {
		prepared.body = request.body;
		prepared.headers = { ...prepared.headers, 'Content-Type': 'application/json' };
	} else {
		delete prepared.body;
	}
	return prepared;
}

export async function prepareRequest(
	context: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
	request: WorkspaceRequest,
): Promise<IHttpRequestOptions> {
	const credentials = await runCredentials(context);
	return workspaceRequestOptions(context.getNode(), context.getItemIndex(), credentials, options, request);
}

/** The error for a response with a failure status, undefined for a success. */
export function huaweiApiError(
	node: INode,
	itemIndex: number,
	response: IN8nHttpFullResponse,
	errorContext: ErrorContext,
): NodeApiError | undefined {
	if (response.statusCode < 400) return undefined;
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

/** Throws the item's error when Huawei answered with a failure status. */
export function throwIfFailed(
	context: IExecuteSingleFunctions,
	response: IN8nHttpFullResponse,
	errorContext: ErrorContext,
): void {
	const error = huaweiApiError(context.getNode(), context.getItemIndex(), response, errorContext);
	if (error) throw error;
}

/** One output item per input item for operations whose success is an empty 204. */
export function successItem(context: IExecuteSingleFunctions, json: IDataObject): INodeExecutionData[] {
	return [{ json: { success: true, ...json }, pairedItem: { item: context.getItemIndex() } }];
}
