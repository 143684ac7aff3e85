/** Shapes shared across the emulator. Kept apart so no module imports the server to learn a type. */

export interface Tag {
	key: string;
	value: string;
}

export interface Desktop {
	desktop_id: string;
	computer_name: string;
	user_name: string;
	status: string;
	tags: Tag[];
	/** System tags set through `sys_tags` of the batch tag action; not counted in the quota, not listed. */
	sys_tags: Tag[];
	/** A busy desktop refuses deletion with 409 (an operation is already running on it). */
	busy: boolean;
	created: string;
	product_id: string;
	/** All of the desktop's IPs (DesktopDetailInfo.ip_addresses); the list answers the first as `ip_address`. */
	ip_addresses: string[];
	/** What is in progress on the desktop (SDK `task_status`, e.g. 'rebooting', 'powering-off'); '' when nothing. */
	task_status: string;
	/** Addition: set by a log-off (REGISTERED) or by a test; unset, login_status follows status. */
	login_status?: string;
	/** Addition: what the desktop's next power action does: 'fail' ends in ERROR, 'hang' never finishes. */
	nextAction?: 'fail' | 'hang';
	/** Addition: the power transition in progress, if any (internal; see power.ts). */
	transition?: { target: string; until: number; outcome: 'ok' | 'fail' | 'hang' };
}

export interface NewDesktop {
	desktop_id?: string;
	computer_name: string;
	user_name?: string;
	status?: string;
	tags?: { key: string; value?: string }[];
	busy?: boolean;
	product_id?: string;
	ip_addresses?: string[];
	task_status?: string;
	login_status?: string;
}

export type FaultType = 'latency' | 'status' | 'reset' | 'html' | 'empty' | 'slow';

export interface Fault {
	match?: { method?: string; route?: RouteName | string; pathIncludes?: string };
	type: FaultType;
	status?: number;
	delayMs?: number;
	/** Seconds; sent as a Retry-After header. */
	retryAfter?: number;
	errorCode?: string;
	/** Addition: overrides the error_msg of a 'status' fault. */
	errorMsg?: string;
	times?: number;
}

export interface RateLimit {
	perSecond?: number;
	maxInFlight?: number;
}

export type AuthKind = 'none' | 'token' | 'aksk';

export interface RecordedRequest {
	method: string;
	/** Path exactly as it arrived, still percent-encoded. */
	rawPath: string;
	/** Decoded segments joined with '/'; ambiguous when a segment held %2F, see `segments`. */
	path: string;
	/** Addition: the decoded segments, so a `/` inside a key stays distinguishable. */
	segments: string[];
	/** Raw query string without the leading '?'. */
	query: string;
	headers: Record<string, string>;
	body: string;
	/** 0 while in progress, and for requests whose socket was reset by a fault. */
	status: number;
	route: RouteName;
	/** Addition: the X-Request-Id sent back. */
	requestId: string;
	/** Addition: when the request arrived, wall-clock milliseconds (Date.now()), for timing tests. */
	receivedAt: number;
	/** Addition: how the request authenticated (or tried to). */
	auth: AuthKind;
	/** Addition: the fault type applied to this request, if any. */
	fault?: FaultType;
	/** Addition: Huawei error_code of the answer, when it was an error with one. */
	errorCode?: string;
}

export type RouteName =
	| 'tag.create'
	| 'tag.delete'
	| 'tag.list'
	| 'tag.batch'
	| 'desktop.delete'
	| 'desktop.list'
	| 'desktop.listDetail'
	| 'desktop.show'
	| 'project.tags'
	| 'desktop.filter'
	| 'desktop.filterLegacy'
	| 'desktop.batchTags'
	| 'desktop.batchUntags'
	| 'desktop.action'
	| 'desktop.logoff'
	| 'job.show'
	| 'desktop.create'
	| 'product.list'
	| 'image.list'
	| 'user.create'
	| 'user.list'
	| 'user.show'
	| 'user.delete'
	| 'iam.login'
	| 'unknown';

export interface Credentials {
	token: string;
	domainName: string;
	userName: string;
	password: string;
	accessKeyId: string;
	secretAccessKey: string;
	tempAccessKeyId: string;
	tempSecretAccessKey: string;
	securityToken: string;
}

export interface EmulatorOptions {
	port?: number;
	projectId?: string;
	seed?: boolean;
	maxTagsPerDesktop?: number;
	tokenTtlMs?: number;
	clockSkewMs?: number;
	/**
	 * Addition: serve tag-condition search only on the deprecated resource_instances path; the current
	 * resource-instances path then answers 404 APIG.0101, as a region that has not deployed it would.
	 */
	legacySearchOnly?: boolean;
	/** Addition: how long a power action keeps the desktop in its task state (emulator clock); default 50 ms. */
	powerTransitionMs?: number;
	/** Addition: how long a desktop creation job runs (emulator clock); default 50 ms. */
	creationMs?: number;
	/** Addition: how many desktops the project may hold, those being created included; default 200. */
	desktopQuota?: number;
}

/** What a handler answers; the server adds X-Request-Id, Date and the recording. */
export interface Reply {
	status: number;
	/** An object is sent as JSON; a string as-is; undefined means no body. */
	body?: unknown;
	headers?: Record<string, string>;
}
