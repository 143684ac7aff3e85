import type { Reply } from './types';

/**
 * Every error the emulator can answer, in one place so the codes stay consistent and their
 * provenance is visible. `source` says where a code comes from:
 *  - 'huawei-doc'  : Huawei's published API Gateway / Workspace error code pages;
 *  - 'terraform'   : error codes named in comments of huaweicloud/terraform-provider-huaweicloud;
 *  - 'emulator'    : invented here in Huawei's style because no public source names one. A node must
 *                    never branch on these exact codes, only on the HTTP status.
 */
export interface ErrorDef {
	status: number;
	code: string;
	msg: string;
	/** APIG errors are answered by the gateway and carry `request_id`; WKS ones carry `error_detail`. */
	kind: 'apig' | 'wks';
	source: 'huawei-doc' | 'terraform' | 'emulator';
}

export const ERRORS = {
	ROUTE_NOT_FOUND: { status: 404, code: 'APIG.0101', msg: 'The API does not exist or has not been published in the environment', kind: 'apig', source: 'huawei-doc' },
	AUTH_FAILED: { status: 401, code: 'APIG.0301', msg: 'Incorrect IAM authentication information', kind: 'apig', source: 'huawei-doc' },
	FORBIDDEN: { status: 403, code: 'APIG.0302', msg: 'The IAM user is not authorized to access the API', kind: 'apig', source: 'huawei-doc' },
	THROTTLED: { status: 429, code: 'APIG.0308', msg: 'The throttling threshold has been reached', kind: 'apig', source: 'huawei-doc' },
	BACKEND_UNAVAILABLE: { status: 502, code: 'APIG.0201', msg: 'Backend unavailable', kind: 'apig', source: 'emulator' },
	BACKEND_TIMEOUT: { status: 504, code: 'APIG.0202', msg: 'Backend timeout', kind: 'apig', source: 'emulator' },
	SERVICE_UNAVAILABLE: { status: 503, code: 'APIG.0203', msg: 'Service unavailable', kind: 'apig', source: 'emulator' },
	BODY_EMPTY: { status: 400, code: 'WKS.0001', msg: 'The request message input by the interface is empty.', kind: 'wks', source: 'huawei-doc' },
	DESKTOP_NOT_FOUND: { status: 404, code: 'WKS.0202', msg: 'The resource not found.', kind: 'wks', source: 'terraform' },
	BAD_JSON: { status: 400, code: 'WKS.0100', msg: 'The request body is not valid JSON.', kind: 'wks', source: 'emulator' },
	INVALID_PARAM: { status: 400, code: 'WKS.0101', msg: 'Invalid parameter.', kind: 'wks', source: 'emulator' },
	INVALID_TAG_KEY: { status: 400, code: 'WKS.0102', msg: 'Invalid tag key.', kind: 'wks', source: 'emulator' },
	INVALID_TAG_VALUE: { status: 400, code: 'WKS.0103', msg: 'Invalid tag value.', kind: 'wks', source: 'emulator' },
	TAG_QUOTA_EXCEEDED: { status: 400, code: 'WKS.0104', msg: 'The number of tags exceeds the limit.', kind: 'wks', source: 'emulator' },
	INVALID_ACTION: { status: 400, code: 'WKS.0105', msg: 'Invalid action.', kind: 'wks', source: 'emulator' },
	BATCH_LIMIT_EXCEEDED: { status: 400, code: 'WKS.0106', msg: 'Too many items in one request.', kind: 'wks', source: 'emulator' },
	DESKTOP_BUSY: { status: 409, code: 'WKS.0107', msg: 'Operation conflict: another operation is in progress on the desktop.', kind: 'wks', source: 'emulator' },
	// Power actions (POST /desktops/action): Huawei publishes no codes for these per-desktop refusals; invented.
	POWER_STATE_CONFLICT: { status: 409, code: 'WKS.0108', msg: 'The desktop is not in a state that allows this operation.', kind: 'wks', source: 'emulator' },
	// Users and desktop creation: Huawei publishes no codes for these; invented. Branch on the HTTP status only.
	USER_EXISTS: { status: 409, code: 'WKS.0110', msg: 'The user already exists.', kind: 'wks', source: 'emulator' },
	USER_NOT_FOUND: { status: 404, code: 'WKS.0204', msg: 'The user does not exist.', kind: 'wks', source: 'emulator' },
	DESKTOP_QUOTA_EXCEEDED: { status: 400, code: 'WKS.0111', msg: 'Insufficient desktop quota.', kind: 'wks', source: 'emulator' },
	JOB_NOT_FOUND: { status: 404, code: 'WKS.0203', msg: 'The job does not exist.', kind: 'wks', source: 'emulator' },
	INTERNAL: { status: 500, code: 'WKS.0500', msg: 'Internal error.', kind: 'wks', source: 'emulator' },
} as const satisfies Record<string, ErrorDef>;

export type ErrorKey = keyof typeof ERRORS;

/** The request id is filled in by the server, which alone knows it. */
export const REQUEST_ID_PLACEHOLDER = '\u0000request-id\u0000';

export function apiError(key: ErrorKey, detail?: string, extraHeaders?: Record<string, string>): Reply {
	const def: ErrorDef = ERRORS[key];
	// APIG messages read "<summary>: <detail>", the way the gateway words them.
	const msg = detail ? `${def.msg}${def.msg.endsWith('.') ? ' ' : ': '}${detail}` : def.msg;
	return errorReply(def.status, def.code, msg, def.kind, extraHeaders);
}

export function errorReply(
	status: number,
	code: string,
	msg: string,
	kind: 'apig' | 'wks',
	extraHeaders?: Record<string, string>,
): Reply {
	const body =
		kind === 'apig'
			? { error_code: code, error_msg: msg, request_id: REQUEST_ID_PLACEHOLDER }
			: { error_code: code, error_msg: msg, error_detail: msg, encoded_authorization_message: null };
	return { status, body, headers: extraHeaders };
}

/** The default error a 'status' fault answers for a given HTTP status. */
export function errorForStatus(status: number): ErrorDef {
	const byStatus = Object.values(ERRORS).find((e: ErrorDef) => e.status === status);
	if (status === 400) return ERRORS.INVALID_PARAM;
	if (status === 404) return ERRORS.DESKTOP_NOT_FOUND;
	return byStatus ?? { status, code: status >= 500 ? 'WKS.0500' : 'WKS.0101', msg: 'Emulated failure.', kind: 'wks', source: 'emulator' };
}

/** IAM (Keystone-style) errors have their own shape. */
export function iamError(status: number, message: string): Reply {
	const titles: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden' };
	return { status, body: { error: { code: status, message, title: titles[status] ?? 'Error' } } };
}
