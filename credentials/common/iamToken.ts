import { createHash } from 'node:crypto';
import type { IHttpRequestHelper, IN8nHttpFullResponse } from 'n8n-workflow';

import { headerValue } from './headers';

export interface PasswordLogin {
	iamBaseUrl: string;
	domainName: string;
	userName: string;
	password: string;
	projectId: string;
}

interface CachedToken {
	promise: Promise<string>;
	token?: string;
	expiresAt?: number;
	failedAt?: number;
	failure?: Error;
}

/** Renew this long before Huawei's stated expiry so that a request never leaves with a dying token. */
const EXPIRY_MARGIN_MS = 5 * 60 * 1000;
/**
 * A rejected password is remembered briefly: Huawei locks an IAM user after repeated failures, and
 * every item of a run (and every run of a busy trigger) would otherwise try again.
 */
const FAILURE_MEMORY_MS = 60 * 1000;

/** `rejected` marks an answer from IAM refusing the login, as opposed to IAM being unreachable. */
class IamLoginError extends Error {
	constructor(
		message: string,
		readonly rejected: boolean,
	) {
		super(message);
		this.name = 'IamLoginError';
	}
}

function cacheKey(login: PasswordLogin): string {
	return createHash('sha256')
		.update(
			JSON.stringify([login.iamBaseUrl, login.domainName, login.userName, login.projectId, login.password]),
		)
		.digest('hex');
}

function passwordAuthBody(login: PasswordLogin) {
	return {
		auth: {
			identity: {
				methods: ['password'],
				password: {
					user: {
						domain: { name: login.domainName },
						name: login.userName,
						password: login.password,
					},
				},
			},
			scope: { project: { id: login.projectId } },
		},
	};
}

/** IAM answers errors as {"error":{"code","message","title"}}, not in Workspace's error_code form. */
function describeIamFailure(status: number, body: unknown, login: PasswordLogin): string {
	const parsed = typeof body === 'string' ? safeJson(body) : body;
	const error = (parsed as { error?: { message?: unknown; title?: unknown } } | undefined)?.error;
	const detail = typeof error?.message === 'string' ? error.message : `HTTP ${status}`;
	const who = `IAM user "${login.userName}" of account "${login.domainName}"`;
	if (status >= 300 && status < 400) {
		return `IAM login failed for ${who}: IAM at ${login.iamBaseUrl} answered with a redirect (HTTP ${status}), which is not followed, so the password went nowhere else. Check the IAM Endpoint.`;
	}
	if (status === 401) {
		return `IAM login failed for ${who}: ${detail} Check the account name, IAM user name and password (HTTP 401).`;
	}
	if (status === 403) {
		return `IAM login refused for ${who}: ${detail} The user may be locked or lack programmatic access (HTTP 403).`;
	}
	if (status === 400 || status === 404) {
		return `IAM login failed for ${who}: ${detail} Check that project ID "${login.projectId}" exists in this region (HTTP ${status}).`;
	}
	return `IAM login failed for ${who}: ${detail} (HTTP ${status}).`;
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

async function login(helpers: IHttpRequestHelper['helpers'], login: PasswordLogin): Promise<CachedToken> {
	let response: IN8nHttpFullResponse | undefined;
	let unreachable: unknown;
	try {
		response = (await helpers.httpRequest({
			method: 'POST',
			url: `${login.iamBaseUrl}/v3/auth/tokens?nocatalog=true`,
			body: passwordAuthBody(login),
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// A 307 or 308 would resend the body, i.e. the password, to wherever it points.
			disableFollowRedirect: true,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		// The client's own error object holds the request body, i.e. the password: keep only its code.
		unreachable = (error as { code?: unknown }).code ?? 'network error';
	}
	if (!response) {
		throw new IamLoginError(`Could not reach IAM at ${login.iamBaseUrl} to log in (${String(unreachable)})`, false);
	}
	const token = headerValue(response.headers, 'x-subject-token');
	if (response.statusCode !== 201 || !token) {
		throw new IamLoginError(
			describeIamFailure(response.statusCode, response.body, login),
			response.statusCode < 500,
		);
	}
	const expiresAtText = (response.body as { token?: { expires_at?: unknown } } | undefined)?.token
		?.expires_at;
	const expiresAt = typeof expiresAtText === 'string' ? Date.parse(expiresAtText) : NaN;
	return { promise: Promise.resolve(token), token, expiresAt: Number.isNaN(expiresAt) ? undefined : expiresAt };
}

/** How many replaced tokens a login remembers: a few renewals' worth, from this and other processes. */
const REPLACED_MEMORY = 64;

/**
 * Project-scoped IAM tokens, logged in at most once per token lifetime however many requests ask
 * at the same moment. One cache lives as long as the credential type n8n loaded, i.e. the process.
 */
export class IamTokenCache {
	private readonly entries = new Map<string, CachedToken>();
	/**
	 * Per login, the tokens known to be superseded by the cached one: this process's earlier tokens
	 * and the refused tokens that made it log in. In queue mode the token n8n stored may come from
	 * another worker's login; when it is refused, this process's own token may be just as expired.
	 */
	private readonly replaced = new Map<string, Set<string>>();

	/**
	 * `heldToken` is the token the caller already has ('' for none), and n8n asks only when it has
	 * none or the held one was refused. A caller holding a token this cache already replaced gets
	 * the latest one; a caller holding the latest one, or one this process never replaced, has just
	 * seen a live-looking token refused, so only then is a new login started.
	 */
	async token(
		helpers: IHttpRequestHelper['helpers'],
		credentials: PasswordLogin,
		heldToken: string,
		now: () => number = Date.now,
	): Promise<string> {
		const key = cacheKey(credentials);
		const cached = this.entries.get(key);
		let replaced = this.replaced.get(key);
		if (!replaced) {
			replaced = new Set<string>();
			this.replaced.set(key, replaced);
		}
		if (cached) {
			if (cached.failure && cached.failedAt !== undefined && now() - cached.failedAt < FAILURE_MEMORY_MS) {
				throw cached.failure;
			}
			if (cached.token === undefined && !cached.failure) {
				// The login under way replaces the held token too: its stragglers must not log in again.
				if (heldToken !== '') replaced.add(heldToken);
				return await cached.promise;
			}
			const fresh = cached.expiresAt === undefined || cached.expiresAt - EXPIRY_MARGIN_MS > now();
			const superseded = heldToken === '' || replaced.has(heldToken);
			if (cached.token !== undefined && superseded && fresh) return await cached.promise;
			if (cached.token !== undefined) replaced.add(cached.token);
		}
		if (heldToken !== '') replaced.add(heldToken);
		for (const old of replaced) {
			if (replaced.size <= REPLACED_MEMORY) break;
			replaced.delete(old);
		}
		const entry: CachedToken = { promise: Promise.resolve('') };
		entry.promise = login(helpers, credentials).then(
			(result) => {
				entry.token = result.token;
				entry.expiresAt = result.expiresAt;
				return result.token as string;
			},
			(error: IamLoginError) => {
				entry.failure = error;
				if (error.rejected) entry.failedAt = now();
				throw error;
			},
		);
		this.entries.set(key, entry);
		return await entry.promise;
	}
}
