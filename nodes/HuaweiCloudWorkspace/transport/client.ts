import type {
	DeclarativeRestApiSettings,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { workspaceBaseUrl } from '../../../credentials/common/endpoints';
import { GateRegistry } from './credentialGate';
import { causeChain, cleanFailure, huaweiApiError } from './errors';
import type { ErrorContext } from './huaweiErrors';
import { identityKey } from './identity';
import { PacerRegistry } from './pacer';
import { classifyFailure, retryDelayMs } from './retry';
import { readThrottling } from './throttling';
import { workspacePath } from './url';

const CREDENTIAL_TYPE = 'huaweiCloudWorkspaceApi';

export interface WorkspaceRequest {
	/**
	 * Huawei's name for the API, as its SDKs call it (CreateTag, ListDesktops): Huawei limits each
	 * API's rate separately, and the pacer learns each one's.
	 */
	api: string;
	method: IHttpRequestMethods;
	/** Path below /v2/{project_id}/, one entry per segment, unencoded. */
	segments: string[];
	qs?: IDataObject;
	body?: IDataObject;
	/**
	 * The same API's deprecated path, for regions that have not deployed the current one: used
	 * once the current path answers 404 APIG.0101, and from then on for that endpoint.
	 */
	deprecatedSegments?: string[];
}

export interface SendSettings {
	/** The item an error is reported on. */
	itemIndex: number;
	/** What the item was doing, in the words an error message will use. */
	errorContext: ErrorContext;
	/**
	 * Whether sending the request twice has the same effect as sending it once. Only such requests
	 * are retried after a 5xx or a dropped connection, where Huawei may have acted before failing.
	 * A 429 is retried for every request: a throttled request was not processed.
	 */
	repeatable: boolean;
}

/**
 * What the client keeps from one run to the next: per credential identity its slots and credential
 * gate, per API of the identity its pacer (the learned rate), and the endpoints that serve an API
 * only under its deprecated path. The node makes one when n8n loads it, so it lives as long as the
 * process; a test that wants a fresh process makes a fresh node.
 */
export interface ClientState {
	pacers: PacerRegistry;
	gates: GateRegistry;
	/** Endpoint and path of the APIs an endpoint serves only under their deprecated path. */
	deprecatedPathsInUse: Set<string>;
}

export function newClientState(): ClientState {
	return {
		pacers: new PacerRegistry(),
		gates: new GateRegistry(),
		deprecatedPathsInUse: new Set(),
	};
}

function httpStatus(error: unknown): number | undefined {
	for (const link of causeChain(error)) {
		const status = Number(link.httpCode);
		if (Number.isInteger(status) && status >= 100) return status;
	}
	return undefined;
}

/** The gateway refused the token, the signature or the login: the credential, not the request. */
function isCredentialRefusal(error: unknown): boolean {
	return httpStatus(error) === 401;
}

/** Huawei answered with something other than a refusal: the credential got through the gateway. */
function huaweiAnswered(error: unknown): boolean {
	const status = httpStatus(error);
	return status !== undefined && status !== 401;
}

/** The gateway's answer for a path it does not route: the current path is not deployed there. */
function isUnknownPath(error: unknown): boolean {
	const { httpCode, errorResponse } = (error ?? {}) as {
		httpCode?: unknown;
		errorResponse?: { error_code?: unknown };
	};
	return String(httpCode) === '404' && errorResponse?.error_code === 'APIG.0101';
}

type Caller = IExecuteFunctions | IExecuteSingleFunctions | ILoadOptionsFunctions | IPollFunctions;

const credentialsByRun = new WeakMap<object, Promise<ICredentialDataDecryptedObject>>();

/**
 * The credential as the node run started with it, fetched once for all its items. In n8n every
 * getCredentials call reads the database and decrypts (about 0.5 ms); the client needs the endpoint,
 * project and identity, which do not change within a run. The items of one run share n8n's execute
 * data, which keys the cache and lets it go with the run. Signing and tokens do not use this copy:
 * n8n fetches its own for every request it authenticates.
 */
async function runCredentials(
	context: IExecuteSingleFunctions,
): Promise<ICredentialDataDecryptedObject> {
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

function cloneRoutedRequest(
	requestData: DeclarativeRestApiSettings.ResultOptions,
): DeclarativeRestApiSettings.ResultOptions {
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
 * The only code that sends requests to Huawei Cloud Workspace. It builds the URL (endpoint, project,
 * each path segment encoded on its own), lets n8n authenticate (token or AK/SK signature), paces
 * requests per account, retries by failure class, maps Huawei's errors to n8n errors that keep the
 * error code and request ID, and strips the request (and so its secrets) from client errors.
 * Made per use from the n8n context: declarative items (forItem), hand-written operations (forRun),
 * pickers (forPicker).
 */
export class WorkspaceClient {
	private constructor(
		private readonly state: ClientState,
		private readonly caller: Caller,
		/** The node run the requests belong to (n8n's execute data): a refused credential stops its other requests. */
		private readonly run: object,
		private readonly credentials: ICredentialDataDecryptedObject,
		/** Read only when a request is sent: a dry run or a prepared-only request need not evaluate it. */
		private readonly throttling: () => IDataObject,
	) {}

	/** This client's attempts and the 429s among them, for the run's execution hint. */
	private readonly tally = { attempts: 0, throttled: 0 };

	static async forItem(
		state: ClientState,
		context: IExecuteSingleFunctions,
	): Promise<WorkspaceClient> {
		return new WorkspaceClient(
			state,
			context,
			context.getExecuteData() ?? context,
			await runCredentials(context),
			() => context.getNodeParameter('throttling', {}) as IDataObject,
		);
	}

	static async forRun(state: ClientState, context: IExecuteFunctions): Promise<WorkspaceClient> {
		return new WorkspaceClient(
			state,
			context,
			context.getExecuteData() ?? context,
			await context.getCredentials(CREDENTIAL_TYPE),
			() => context.getNodeParameter('throttling', 0, {}) as IDataObject,
		);
	}

	/** The editor's lists: the node's Rate Limiting settings as they stand in the form, else the defaults. */
	static async forPicker(
		state: ClientState,
		context: ILoadOptionsFunctions,
	): Promise<WorkspaceClient> {
		return new WorkspaceClient(
			state,
			context,
			context,
			await context.getCredentials(CREDENTIAL_TYPE),
			() => (context.getCurrentNodeParameter('throttling') ?? {}) as IDataObject,
		);
	}

	/**
	 * A polling trigger: each poll is its own run (a refused credential stops only that poll's
	 * other requests), with the trigger's Rate Limiting settings.
	 */
	static async forPoll(state: ClientState, context: IPollFunctions): Promise<WorkspaceClient> {
		return new WorkspaceClient(
			state,
			context,
			{},
			await context.getCredentials(CREDENTIAL_TYPE),
			() => context.getNodeParameter('throttling', {}) as IDataObject,
		);
	}

	/** Endpoint, project and identity: computed once per client, not once per request and registry. */
	private get identity(): string {
		this.identityCache ??= identityKey(this.credentials);
		return this.identityCache;
	}

	private identityCache: string | undefined;

	private get node(): INode {
		return this.caller.getNode();
	}

	/**
	 * The request's endpoint, project path, body and status handling. 401 is left to n8n only in
	 * password mode, where n8n's retry after a fresh IAM login is wanted; with a pasted token or an
	 * access key the same request would fail again, and repeated bad AK/SK signatures lock the key,
	 * so the error is reported at once instead.
	 */
	requestOptions(
		request: WorkspaceRequest,
		itemIndex: number,
		base: IHttpRequestOptions = { url: '' },
	): IHttpRequestOptions {
		const projectId = String(this.credentials.projectId ?? '').trim();
		if (projectId === '') {
			throw new NodeOperationError(this.node, 'The credential has no Project ID', { itemIndex });
		}
		let baseURL: string;
		try {
			baseURL = workspaceBaseUrl(this.credentials);
		} catch (error) {
			throw new NodeOperationError(this.node, (error as Error).message, { itemIndex });
		}
		const prepared: IHttpRequestOptions = {
			...base,
			baseURL,
			url: workspacePath(projectId, this.segmentsFor(request, baseURL)),
			method: request.method,
			qs: request.qs ?? {},
			// A list parameter goes as the key repeated (desktop_id=a&desktop_id=b), as Huawei's SDKs send it.
			arrayFormat: 'repeat',
			json: true,
			headers: { ...base.headers, Accept: 'application/json' },
			ignoreHttpStatusErrors:
				this.credentials.authType === 'password' ? { ignore: true, except: [401] } : true,
		};
		if (request.body) {
			prepared.body = request.body;
			prepared.headers = { ...prepared.headers, 'Content-Type': 'application/json' };
		} else {
			delete prepared.body;
		}
		return prepared;
	}

	private deprecatedKey(request: WorkspaceRequest, baseURL: string): string {
		return `${baseURL} ${request.segments.join('/')}`;
	}

	private segmentsFor(request: WorkspaceRequest, baseURL: string): string[] {
		const useDeprecated =
			request.deprecatedSegments !== undefined &&
			this.state.deprecatedPathsInUse.has(this.deprecatedKey(request, baseURL));
		return useDeprecated && request.deprecatedSegments
			? request.deprecatedSegments
			: request.segments;
	}

	/**
	 * Runs `send`, and once more on the deprecated path when the current one is unknown to the
	 * endpoint; the endpoint is remembered, so later requests go to the deprecated path directly.
	 */
	private async withPathFallback<T>(request: WorkspaceRequest, send: () => Promise<T>): Promise<T> {
		let failure: unknown;
		try {
			return await send();
		} catch (error) {
			// Already the item's error (NodeApiError or NodeOperationError), made by paced().
			failure = error;
		}
		if (!request.deprecatedSegments || !isUnknownPath(failure)) throw failure;
		const key = this.deprecatedKey(request, workspaceBaseUrl(this.credentials));
		if (this.state.deprecatedPathsInUse.has(key)) throw failure;
		this.state.deprecatedPathsInUse.add(key);
		return await send();
	}

	/** Sends one request with n8n's authentication and returns Huawei's successful answer. */
	async send(request: WorkspaceRequest, settings: SendSettings): Promise<IN8nHttpFullResponse> {
		return await this.withPathFallback(request, async () => await this.sendOnce(request, settings));
	}

	/**
	 * Tells the user, under the node's output, how often Huawei throttled this run. Only a
	 * hand-written operation's run can: n8n gives declarative items no place for hints.
	 */
	hintThrottling(context: IExecuteFunctions): void {
		const { attempts, throttled } = this.tally;
		// An n8n without execution hints runs the operation the same, without the hint.
		if (throttled === 0 || typeof context.addExecutionHints !== 'function') return;
		context.addExecutionHints({
			type: 'info',
			location: 'outputPane',
			message: `Huawei Cloud throttled ${throttled} of the ${attempts} requests of this run (HTTP 429); the node slowed down and sent each of them again, within Rate Limiting's Max Attempts and Max Retry Wait. Set Rate Limiting > Max Requests per Second if other tools share this account's limit.`,
		});
	}

	/** The error of a request not sent because an earlier one of its run met a refused credential. */
	private refusedEarlier(refusal: unknown, settings: SendSettings): NodeApiError {
		const first = refusal as Partial<NodeApiError>;
		const reason = String(first.message ?? 'HTTP 401').replace(/^Could not [^:]*: /, '');
		return new NodeApiError(this.node, (first.errorResponse ?? { message: reason }) as JsonObject, {
			message: `Could not ${settings.errorContext.action}: ${reason}`,
			description: [
				'Not sent: Huawei Cloud refused the credential on an earlier request of this run, and after that the node sends nothing more in the run (Huawei locks an access key after five bad signatures in a row).',
				first.description,
			]
				.filter(Boolean)
				.join('\n'),
			httpCode: '401',
			itemIndex: settings.itemIndex,
		});
	}

	private async sendOnce(
		request: WorkspaceRequest,
		settings: SendSettings,
	): Promise<IN8nHttpFullResponse> {
		const options = {
			...this.requestOptions(request, settings.itemIndex),
			returnFullResponse: true,
		};
		return await this.paced(request.api, settings, async () => {
			// A fresh copy per attempt: signing replaces headers and body, and must start from the unsigned request.
			const response = (await this.caller.helpers.httpRequestWithAuthentication.call(
				this.caller,
				CREDENTIAL_TYPE,
				{
					...options,
					headers: { ...options.headers },
				},
			)) as IN8nHttpFullResponse;
			// Thrown inside the attempt so that a 429 or 5xx answer is classified and retried like any failure.
			const error = huaweiApiError(this.node, settings.itemIndex, response, settings.errorContext);
			if (error) throw error;
			return response;
		});
	}

	/**
	 * Sends a request n8n's declarative engine prepared (preSend, then authentication), through the
	 * pagination hook, and returns the items the operation's postReceive made of the answer.
	 */
	async sendRouted(
		pagination: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
		request: WorkspaceRequest,
		settings: SendSettings,
	): Promise<INodeExecutionData[]> {
		return await this.withPathFallback(request, async () => {
			// The path as of now: an earlier page may have found that this endpoint needs the deprecated one.
			const { url } = this.requestOptions(request, settings.itemIndex);
			const current = { ...requestData, options: { ...requestData.options, url } };
			return await this.paced(
				request.api,
				settings,
				async () => await pagination.makeRoutingRequest(cloneRoutedRequest(current)),
			);
		});
	}

	/**
	 * Runs `attempt` through the identity's credential gate (see credentialGate.ts) and pacer,
	 * retrying what the failure class allows.
	 */
	private async paced<T>(
		api: string,
		settings: SendSettings,
		attempt: () => Promise<T>,
	): Promise<T> {
		const limits = readThrottling(this.throttling());
		const pacer = this.state.pacers.for(this.identity, api, limits);
		const gate = this.state.gates.for(this.identity);
		let waitedMs = 0;
		let startedAt = 0;
		for (let attemptNumber = 1; ; attemptNumber++) {
			let failure: unknown;
			try {
				return await gate.pass(
					this.run,
					async () => {
						const release = await pacer.acquire();
						this.tally.attempts++;
						startedAt = release.startedAt;
						const refusal = gate.refusalOf(this.run);
						if (refusal !== undefined) {
							release();
							throw this.refusedEarlier(refusal, settings);
						}
						try {
							const result = await attempt();
							pacer.onSuccess(startedAt);
							return result;
						} finally {
							release();
						}
					},
					isCredentialRefusal,
					huaweiAnswered,
					(refusal) => this.refusedEarlier(refusal, settings),
				);
			} catch (error) {
				failure = error;
			}
			const { kind, retryAfterMs } = classifyFailure(failure);
			if (kind === 'throttled') {
				this.tally.throttled++;
				pacer.onThrottled(startedAt, retryAfterMs);
			}
			const delay = retryDelayMs(attemptNumber, retryAfterMs);
			const retryable = kind === 'throttled' || (kind === 'transient' && settings.repeatable);
			if (
				!retryable ||
				attemptNumber >= limits.maxAttempts ||
				waitedMs + delay > limits.maxWaitMs
			) {
				const unsure = kind === 'transient' && !settings.repeatable;
				throw cleanFailure(this.node, settings.itemIndex, failure, settings.errorContext, unsure);
			}
			waitedMs += delay;
			await sleep(delay);
		}
	}
}
