import type {
	GenericValue,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { headerKey } from './headers';
import { canonicalQuery, encodeSegment, formatSdkDate, sign, type QueryPair } from './signer';

export interface SigningKeys {
	accessKeyId: string;
	secretAccessKey: string;
	securityToken?: string;
	projectId?: string;
}

/** The HTTP Request node passes `uri` (the legacy request shape) instead of `url`. */
type RequestOptions = IHttpRequestOptions & { uri?: string; form?: unknown; formData?: unknown };
type WireBody = string | Buffer | undefined;

const SIGNED_HEADER_NAMES = ['content-type', 'x-sdk-date', 'x-project-id', 'x-security-token'];
/** Headers from an earlier signature, dropped so that re-signing after a 401 starts clean. */
const STALE_HEADER_NAMES = ['authorization', 'x-sdk-date', 'x-security-token'];
/** axios's isAbsoluteURL: such a url makes axios ignore baseURL. */
const ABSOLUTE_URL = /^([a-z][a-z\d+\-.]*:)?\/\//i;
/** `.`, `..` and their `%2e` spellings, which WHATWG URL (and so axios) resolves away. */
const DOT_SEGMENT = /^(\.|%2e){1,2}$/i;

/**
 * Signs n8n request options with SDK-HMAC-SHA256 and returns new options whose query, path and body
 * go on the wire exactly as signed: the query is baked into one absolute `url` (and `uri`), the body
 * is serialised here, and `qs`/`baseURL` are removed so that n8n's HTTP client cannot re-encode them.
 * Accepts its own output, since n8n authenticates the same options again after a 401.
 */
export function signRequestOptions(
	options: IHttpRequestOptions,
	keys: SigningKeys,
	now: Date,
): IHttpRequestOptions {
	const input = options as RequestOptions;
	if (input.form !== undefined || input.formData !== undefined) {
		throw new Error('Form and multipart bodies cannot be signed; send a JSON or raw body instead');
	}
	const method = (input.method ?? 'GET').toUpperCase() as IHttpRequestMethods;
	const url = new URL(absoluteUrl(input));
	url.hash = '';
	const query = [...url.searchParams, ...queryPairs(input.qs)];
	url.search = canonicalQuery(query);

	const headers = headersForSigning(input.headers, keys, formatSdkDate(now));
	const body = wireBody(method, input.body, headers);
	const { authorization } = sign(
		{
			method,
			path: url.pathname,
			query,
			headers: signedHeaders(headers, url.host),
			body: body ?? '',
		},
		keys,
	);
	headers.Authorization = authorization;

	const signed: RequestOptions = { ...input, method, url: url.href, uri: url.href, headers, body };
	delete signed.baseURL;
	delete signed.qs;
	if (body === undefined) delete signed.body;
	return signed;
}

function absoluteUrl(options: RequestOptions): string {
	const target = options.url || options.uri || '';
	let absolute: string;
	if (ABSOLUTE_URL.test(target)) {
		absolute = target;
	} else if (options.baseURL) {
		// axios's combineURLs: a relative url is appended to baseURL's path, not resolved against it
		absolute = target
			? `${options.baseURL.replace(/\/?\/$/, '')}/${target.replace(/^\/+/, '')}`
			: options.baseURL;
	} else {
		throw new Error(`Cannot sign a request to "${target}": it needs an absolute URL or a base URL`);
	}
	assertNoDotSegments(absolute);
	return absolute;
}

/** The client would rewrite such a path after signing, so the signature could never match. */
function assertNoDotSegments(absolute: string): void {
	const path = absolute.replace(/^[^:/?#]*:?\/\/[^/\\?#]*/, '').split(/[?#]/)[0];
	if (path.split(/[/\\]/).some((segment) => DOT_SEGMENT.test(segment))) {
		throw new Error(
			`Cannot sign a request to "${absolute}": its path contains a "." or ".." segment`,
		);
	}
}

function queryPairs(qs: IDataObject | undefined): QueryPair[] {
	return Object.entries(qs ?? {}).flatMap(([key, value]) =>
		(Array.isArray(value) ? value : [value])
			.filter((item) => item !== undefined && item !== null)
			.map((item): QueryPair => [key, scalarToString(key, item)]),
	);
}

function scalarToString(key: string, value: unknown): string {
	if (typeof value === 'object') {
		throw new Error(`Query parameter "${key}" must be a string, number or boolean`);
	}
	return String(value);
}

function headersForSigning(
	original: IDataObject | undefined,
	keys: SigningKeys,
	sdkDate: string,
): IDataObject {
	const replaced = keys.projectId ? [...STALE_HEADER_NAMES, 'x-project-id'] : STALE_HEADER_NAMES;
	const headers: IDataObject = {};
	for (const [name, value] of Object.entries(original ?? {})) {
		if (!replaced.includes(name.toLowerCase())) headers[name] = value;
	}
	headers['X-Sdk-Date'] = sdkDate;
	if (keys.projectId) headers['X-Project-Id'] = keys.projectId;
	if (keys.securityToken) headers['X-Security-Token'] = keys.securityToken;
	return headers;
}

/** Host as Node's HTTP client sends it (WHATWG `host` omits a default port, as Node does). */
function signedHeaders(headers: IDataObject, urlHost: string): Record<string, string> {
	const explicitHost = headerKey(headers, 'host');
	const result: Record<string, string> = {
		host: explicitHost === undefined ? urlHost : String(headers[explicitHost]),
	};
	for (const name of SIGNED_HEADER_NAMES) {
		const key = headerKey(headers, name);
		if (key !== undefined && headers[key] !== undefined && headers[key] !== null) {
			result[name] = String(headers[key]);
		}
	}
	return result;
}

function isEmptyBody(body: RequestOptions['body']): boolean {
	if (body === undefined || body === null || body === '') return true;
	if (Buffer.isBuffer(body)) return body.length === 0;
	return isPlainObject(body) && Object.keys(body).length === 0;
}

function isPlainObject(value: unknown): value is IDataObject {
	return (
		typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
	);
}

/**
 * The exact body that will be sent, serialised once here; sets Content-Type when serialising.
 * n8n drops an empty `{}` on body-less methods and never sends a GET body, so neither is signed.
 */
function wireBody(
	method: IHttpRequestMethods,
	body: RequestOptions['body'],
	headers: IDataObject,
): WireBody {
	if (method === 'GET' || method === 'HEAD') return undefined;
	if (isEmptyBody(body) && (method === 'DELETE' || !isPlainObject(body))) return undefined;
	if (Buffer.isBuffer(body)) return body;
	if (typeof body === 'string') return asAxiosSendsString(body);
	if (body instanceof URLSearchParams) {
		setDefaultContentType(headers, 'application/x-www-form-urlencoded');
		return formBody([...body]);
	}
	if (isFormDataLike(body)) {
		throw new Error('Multipart bodies cannot be signed; send a JSON or raw body instead');
	}
	const contentType = setDefaultContentType(headers, 'application/json');
	if (
		contentType.toLowerCase().startsWith('application/x-www-form-urlencoded') &&
		isPlainObject(body)
	) {
		return formBody(queryPairs(body));
	}
	return JSON.stringify(body as GenericValue | GenericValue[]);
}

/**
 * axios trims a string body that parses as JSON whenever the Content-Type is JSON (which n8n may add
 * after signing); trimming it here first makes the signed bytes the sent bytes in every case.
 */
function asAxiosSendsString(body: string): string {
	try {
		JSON.parse(body);
		return body.trim();
	} catch {
		return body;
	}
}

function formBody(pairs: readonly QueryPair[]): string {
	return pairs.map(([key, value]) => `${encodeSegment(key)}=${encodeSegment(value)}`).join('&');
}

function isFormDataLike(body: unknown): boolean {
	return typeof body === 'object' && body !== null && 'getHeaders' in body && 'append' in body;
}

function setDefaultContentType(headers: IDataObject, contentType: string): string {
	const key = headerKey(headers, 'content-type');
	if (key !== undefined) return String(headers[key]);
	headers['Content-Type'] = contentType;
	return contentType;
}
