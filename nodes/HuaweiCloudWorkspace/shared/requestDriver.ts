import type {
	DeclarativeRestApiSettings,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { workspaceBaseUrl } from '../../../credentials/common/endpoints';
import { pacerFor, type PacerLimits } from './pacer';
import { classifyFailure, retryDelayMs, type RetryLimits } from './retry';
import { runCredentials } from './transport';

export const DEFAULT_THROTTLING = {
	requestsPerSecond: 5,
	maxConcurrent: 10,
	maxAttempts: 6,
	maxRetryWaitSeconds: 120,
};

/** Node-wide settings for pacing and retries, shown under every operation. */
export const throttlingField: INodeProperties = {
	displayName: 'Rate Limiting',
	name: 'throttling',
	type: 'collection',
	placeholder: 'Add Setting',
	default: {},
	description:
		'How fast requests go out and how failures are retried. The defaults suit Huawei\'s published limits; the rate drops by itself when Huawei throttles.',
	options: [
		{
			displayName: 'Max Requests per Second',
			name: 'requestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0.1, numberPrecision: 1 },
			default: 5,
			description: 'Ceiling for requests started per second, shared by all items and runs using this credential',
		},
		{
			displayName: 'Max Concurrent Requests',
			name: 'maxConcurrent',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10,
			description: 'How many requests may wait for an answer at the same time',
		},
		{
			displayName: 'Max Attempts',
			name: 'maxAttempts',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 6,
			description:
				'Attempts per request, the first included, when Huawei throttles (429) or, for operations safe to repeat, fails with a 5xx or a dropped connection',
		},
		{
			displayName: 'Max Retry Wait (Seconds)',
			name: 'maxRetryWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 120,
			description: 'Longest total time one request may spend waiting between attempts',
		},
	],
};

function positive(value: unknown, fallback: number): number {
	const number = Number(value);
	return Number.isFinite(number) && number > 0 ? number : fallback;
}

export function readThrottling(settings: IDataObject): PacerLimits & RetryLimits {
	return {
		requestsPerSecond: positive(settings.requestsPerSecond, DEFAULT_THROTTLING.requestsPerSecond),
		maxConcurrent: Math.floor(positive(settings.maxConcurrent, DEFAULT_THROTTLING.maxConcurrent)),
		maxAttempts: Math.floor(positive(settings.maxAttempts, DEFAULT_THROTTLING.maxAttempts)),
		maxWaitMs:
			Math.max(0, Number(settings.maxRetryWaitSeconds ?? DEFAULT_THROTTLING.maxRetryWaitSeconds) || 0) * 1000,
	};
}

/** Requests with the same endpoint, project and identity share Huawei's rate limit, and so a pacer. */
export function pacerKey(credentials: ICredentialDataDecryptedObject): string {
	const identity =
		credentials.authType === 'accessKey'
			? credentials.accessKeyId
			: credentials.authType === 'password'
				? `${String(credentials.domainName)}/${String(credentials.userName)}`
				: 'token';
	let endpoint: string;
	try {
		endpoint = workspaceBaseUrl(credentials);
	} catch {
		endpoint = 'invalid-endpoint';
	}
	return [endpoint, credentials.projectId, credentials.authType, identity].map(String).join('|');
}

export interface DriverPolicy {
	/**
	 * Whether sending the request twice has the same effect as sending it once. Only such requests
	 * are retried after a 5xx or a dropped connection, where Huawei may have acted before failing.
	 * A 429 is retried for every request: a throttled request was not processed.
	 */
	repeatable: boolean;
	/** Returns the item's output without any request (e.g. a dry run), or undefined to send. */
	answerWithoutRequest?: (context: IExecuteSingleFunctions) => INodeExecutionData[] | undefined;
}

function cloneRequest(requestData: DeclarativeRestApiSettings.ResultOptions): DeclarativeRestApiSettings.ResultOptions {
	return {
		...requestData,
		options: {
			...requestData.options,
			headers: { ...requestData.options.headers },
			qs: { ...requestData.options.qs },
		},
	};
}

/**
 * Runs `attempt` through the credential's pacer, retrying what the policy allows; used by the
 * declarative operations (sendPaced) and the hand-written ones (directRequest) alike.
 */
export async function withPacingAndRetries<T>(
	credentials: ICredentialDataDecryptedObject,
	throttling: IDataObject,
	policy: Pick<DriverPolicy, 'repeatable'>,
	attempt: () => Promise<T>,
): Promise<T> {
	const limits = readThrottling(throttling);
	const pacer = pacerFor(pacerKey(credentials), limits);
	let waitedMs = 0;
	for (let attemptNumber = 1; ; attemptNumber++) {
		const release = await pacer.acquire();
		let failure: unknown;
		try {
			const result = await attempt();
			pacer.onSuccess();
			return result;
		} catch (error) {
			failure = error;
		} finally {
			release();
		}
		const { kind, retryAfterMs } = classifyFailure(failure);
		if (kind === 'throttled') pacer.onThrottled(release.startedAt);
		const delay = retryDelayMs(attemptNumber, retryAfterMs);
		const retryable = kind === 'throttled' || (kind === 'transient' && policy.repeatable);
		if (!retryable || attemptNumber >= limits.maxAttempts || waitedMs + delay > limits.maxWaitMs) {
			throw failure;
		}
		waitedMs += delay;
		await sleep(delay);
	}
}

/**
 * Sends one request through the pacer, retrying what the policy allows, and returns its items as
 * the operation's postReceive made them.
 */
export async function sendPaced(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	policy: DriverPolicy,
): Promise<INodeExecutionData[]> {
	try {
		return await withPacingAndRetries(
			await runCredentials(context),
			context.getNodeParameter('throttling', {}) as IDataObject,
			policy,
			async () => await context.makeRoutingRequest(cloneRequest(requestData)),
		);
	} catch (error) {
		const unsure = classifyFailure(error).kind === 'transient' && !policy.repeatable;
		throw withoutRequestDetails(context.getNode(), context.getItemIndex(), error, unsure);
	}
}

function innermost(error: unknown): { code?: string; message?: string } {
	let current: unknown = error;
	let found: { code?: string; message?: string } = {};
	for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
		const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
		found = {
			code: typeof code === 'string' ? code : found.code,
			message: typeof message === 'string' ? message : found.message,
		};
		current = cause;
	}
	return found;
}

/**
 * The error an item ends with. Errors the node raised itself (throwIfFailed, input checks) carry
 * only what the user should see. Errors from the HTTP client (connection refused or reset, a
 * timeout, n8n's own 401 handling) carry the request as their cause, headers included, i.e. the
 * X-Auth-Token or X-Security-Token: n8n keeps that object on the item and in the execution data.
 * They are rebuilt from their message and code alone.
 */
export function withoutRequestDetails(
	node: INode,
	itemIndex: number,
	failure: unknown,
	mayHaveBeenProcessed: boolean,
): NodeApiError | NodeOperationError {
	if (failure instanceof NodeOperationError) return failure;
	if (failure instanceof NodeApiError && failure.cause === undefined) return failure;
	const { code, message: detail } = innermost(failure);
	// n8n words an axios timeout as "The connection was aborted, perhaps the server is offline".
	const timeout = /timeout of (\d+)ms exceeded/.exec(detail ?? '');
	const message = timeout
		? `No answer from Huawei Cloud within ${timeout[1]} ms (Options > Timeout)`
		: failure instanceof Error && failure.message
			? failure.message
			: 'The request to Huawei Cloud failed';
	const lines = [
		mayHaveBeenProcessed
			? 'No answer came back: Huawei Cloud may or may not have carried out this request, so it was not repeated. Check the result before running it again.'
			: 'No usable answer came back from Huawei Cloud. Check the endpoint in the credential and the network, or try again later.',
	];
	if (detail && detail !== message) lines.push(`Details: ${detail}`);
	if (code) lines.push(`Code: ${code}`);
	// n8n puts the connection error's code (e.g. ECONNABORTED) in httpCode; only a real status is kept.
	const status = failure instanceof NodeApiError ? failure.httpCode : undefined;
	const httpCode = typeof status === 'string' && /^\d{3}$/.test(status) ? status : undefined;
	return new NodeApiError(node, { message: detail ?? message } as JsonObject, {
		message,
		description: lines.join('\n'),
		...(httpCode ? { httpCode } : {}),
		itemIndex,
	});
}

/**
 * An operation's request driver, plugged in as its pagination function: that is the hook n8n's
 * declarative engine offers to run the request itself, so preSend, authentication and
 * postReceive stay n8n's own while pacing and retries are added around them.
 */
export function sendThroughDriver(policy: DriverPolicy) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		return policy.answerWithoutRequest?.(this) ?? (await sendPaced(this, requestData, policy));
	};
}
