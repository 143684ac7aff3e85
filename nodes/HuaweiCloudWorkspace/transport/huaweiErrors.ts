import { headerValue } from '../../../credentials/common/headers';

/**
 * Turns a Huawei error response into words a user can act on, keeping what Huawei support asks
 * for: the error code, Huawei's own message and the X-Request-Id.
 */

export interface HuaweiErrorDetails {
	status: number;
	errorCode?: string;
	errorMsg?: string;
	requestId?: string;
	message: string;
	description: string;
}

export interface ErrorContext {
	/** What the item was doing, e.g. 'delete desktop a130ab3a-...'. */
	action: string;
	desktopId?: string;
	/** The Workspace user the request names (User operations). */
	userName?: string;
	userId?: string;
	/** Local clock minus the server's Date header, when both are known. */
	clockSkewMs?: number;
}

/** Huawei's gateway rejects AK/SK signatures whose X-Sdk-Date is more than 15 minutes off. */
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

function parseBody(body: unknown): Record<string, unknown> | undefined {
	if (body && typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body)) {
		return body as Record<string, unknown>;
	}
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
	if (!text.trim().startsWith('{')) return undefined;
	try {
		return JSON.parse(text) as Record<string, unknown>;
	} catch {
		return undefined;
	}
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Huawei publishes no error code for a taken user name: the status (409) or its words tell it. */
function userExists(status: number, errorMsg: string | undefined, context: ErrorContext): boolean {
	return context.userName !== undefined && (status === 409 || (status === 400 && /already exist/i.test(errorMsg ?? '')));
}

function advice(status: number, errorCode: string | undefined, errorMsg: string | undefined, context: ErrorContext): string {
	const code = errorCode ?? '';
	if (userExists(status, errorMsg, context)) {
		return `User ${context.userName} already exists in this project: choose another name, or find the existing user with User > Get Many.`;
	}
	if (status === 404 && context.userId && !code.startsWith('APIG')) {
		return `User "${context.userId}" was not found in this project: check the user ID and the credential's region and project.`;
	}
	if (status === 401) {
		if (context.clockSkewMs !== undefined && Math.abs(context.clockSkewMs) > MAX_CLOCK_SKEW_MS) {
			const minutes = Math.round(Math.abs(context.clockSkewMs) / 60000);
			return `This machine's clock is ${minutes} minutes off Huawei Cloud's: signed requests are rejected beyond 15 minutes. Check the machine's clock (NTP).`;
		}
		return 'Huawei Cloud rejected the credentials: the token is wrong or has expired (tokens live 24 hours), or the access key or its signature is wrong. Check the credential; for scheduled workflows use Access Key or IAM User Password authentication.';
	}
	if (status === 403) {
		return 'The credentials are valid but not allowed to do this: check that the project ID belongs to the region and that the IAM user has Workspace permissions (e.g. Workspace FullAccess).';
	}
	if (status === 404) {
		if (code.startsWith('APIG')) {
			return 'The endpoint does not serve this API: check the region and the Workspace Endpoint of the credential.';
		}
		return context.desktopId
			? `Desktop "${context.desktopId}" was not found in this project: check the desktop ID and the credential's region and project.`
			: 'The resource was not found in this project.';
	}
	if (status === 409) {
		return 'The desktop is busy with another operation (for example being created, rebuilt or deleted). Try again when it is idle.';
	}
	if (status === 429) {
		return 'Huawei Cloud is throttling requests: too many calls in a short time. Lower the request rate or try again later.';
	}
	if (status === 400) {
		return 'Huawei Cloud refused the request as invalid: see its message below.';
	}
	if (status >= 300 && status < 400) {
		return 'The endpoint answered with a redirect, which a request carrying the credential does not follow (it could hand the token to another host): check the Workspace Endpoint of the credential.';
	}
	if (status >= 500) {
		return 'Huawei Cloud had an internal error. Try again later; if it persists, give Huawei support the request ID.';
	}
	return 'The request failed.';
}

export function describeHuaweiError(
	status: number,
	body: unknown,
	headers: Record<string, unknown> | undefined,
	context: ErrorContext,
): HuaweiErrorDetails {
	const parsed = parseBody(body);
	const nested = parsed?.error && typeof parsed.error === 'object' ? (parsed.error as Record<string, unknown>) : undefined;
	const errorCode = text(parsed?.error_code) ?? text(parsed?.code) ?? text(nested?.code);
	const errorMsg = text(parsed?.error_msg) ?? text(parsed?.message) ?? text(nested?.message);
	const requestId = headerValue(headers, 'x-request-id') ?? text(parsed?.request_id);
	const codePart = errorCode ? ` ${errorCode}` : '';
	const answer = `HTTP ${status}${codePart}${errorMsg ? ` - ${errorMsg}` : ''}`;
	const message = userExists(status, errorMsg, context)
		? `Could not ${context.action}: user ${context.userName} already exists (${answer})`
		: `Could not ${context.action}: ${answer}`;
	const lines = [advice(status, errorCode, errorMsg, context)];
	if (errorCode) lines.push(`Error code: ${errorCode}`);
	if (errorMsg) lines.push(`Huawei message: ${errorMsg}`);
	const detail = text(parsed?.error_detail);
	if (detail) lines.push(`Details: ${detail}`);
	if (!parsed && typeof body === 'string' && body.trim() !== '') {
		lines.push(`Response (not JSON): ${body.trim().slice(0, 200)}`);
	}
	lines.push(`HTTP status: ${status}`);
	lines.push(`Request ID: ${requestId ?? 'none in the response'}`);
	return { status, errorCode, errorMsg, requestId, message, description: lines.join('\n') };
}

/** Local clock minus the server's, from the response's Date header. */
export function clockSkewFromDateHeader(headers: Record<string, unknown> | undefined, now: number): number | undefined {
	const date = headerValue(headers, 'date');
	if (!date) return undefined;
	const serverTime = Date.parse(date);
	return Number.isNaN(serverTime) ? undefined : now - serverTime;
}
