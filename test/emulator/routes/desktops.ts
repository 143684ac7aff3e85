import { apiError } from '../errors';
import { queryParam, queryParams } from '../http/rawTarget';
import type { Desktop, Reply } from '../types';
import { boolParam, intParam } from '../validation/query';
import { desktopNotFound } from './common';
import { NO_CONTENT, type Handler, type RouteContext } from './context';
import { desktopDetailInfo, simpleDesktopInfo } from './desktopShapes';

const DELETE_FLAGS = ['delete_users', 'email_notification', 'is_force_delete'] as const;

/** Seed 004: irreversible; booleans must be literal true/false; a desktop mid-operation is a 409. */
export const deleteDesktop: Handler = ({ params, query, state }) => {
	const recorded: Record<string, string> = {};
	for (const flag of DELETE_FLAGS) {
		const raw = queryParam(query, flag);
		const b = boolParam(raw, flag);
		if (!b.ok) return b.reply;
		if (raw !== undefined) recorded[flag] = raw;
	}
	const desktop = state.get(params.desktop_id);
	if (!desktop) return desktopNotFound(params.desktop_id);
	if (desktop.busy) {
		return apiError('DESKTOP_BUSY', `Desktop ${desktop.desktop_id} is being operated on; try again later.`);
	}
	// Everything that arrived, so tests can also see parameters the node should not have sent.
	for (const [k, v] of query) if (!(k in recorded)) recorded[k] = v;
	state.remove(desktop.desktop_id, recorded);
	// delete_users=true also removes the desktop's Workspace user when no other desktop is theirs (DeleteDesktopRequest).
	const user = desktop.user_name.toLowerCase();
	const keepsAnother = state.all().some((d) => d.user_name.toLowerCase() === user);
	if (recorded.delete_users === 'true' && user !== '' && !keepsAnother) state.users.removeByName(desktop.user_name);
	return NO_CONTENT;
};

/**
 * GET /desktops (ListDesktopsRequest -> ListDesktopsResponse of SimpleDesktopInfo): limit 0-1000,
 * default 1000; at most 100 `desktop_id` values.
 */
export const listDesktops: Handler = (ctx) =>
	list(ctx, { maxLimit: 1000, maxDesktopIds: 100, shape: (d) => simpleDesktopInfo(d, ctx.params.project_id) });

/**
 * GET /desktops/detail (ListDesktopsDetailRequest -> ListDesktopsDetailResponse of
 * DesktopDetailInfo): limit 0-500, default 500; `user_names` (at most 100) replaces `user_name`.
 */
export const listDesktopsDetail: Handler = (ctx) =>
	list(ctx, { maxLimit: 500, userNamesParam: 'user_names', maxUserNames: 100, shape: (d) => desktopDetailInfo(d, { single: false }) });

/** GET /desktops/{desktop_id} (ShowDesktopDetailRequest -> ShowDesktopDetailResponse). */
export const showDesktop: Handler = ({ params, state }) => {
	const desktop = state.get(params.desktop_id);
	if (!desktop) return desktopNotFound(params.desktop_id);
	return { status: 200, body: { desktop: desktopDetailInfo(desktop, { single: true }) } };
};

interface ListOptions {
	maxLimit: number;
	/** A limit on `desktop_id` values, where the SDK states one. */
	maxDesktopIds?: number;
	/** The array parameter that, when present, replaces `user_name`. */
	userNamesParam?: string;
	maxUserNames?: number;
	shape: (d: Desktop) => Record<string, unknown>;
}

/**
 * Offset + limit paging over insertion order, after filtering; total_count counts all matches.
 * Array parameters arrive as repeated keys; a desktop matches when it matches any value given.
 * - `user_name`: substring, case-insensitive. The SDK calls the list's match fuzzy without
 *   saying anything about case, so a node must not rely on either; the detail route matches the same way.
 * - `computer_name`: substring, case-insensitive; `status`: exact (upper-cased); `desktop_id`,
 *   `desktop_ip`: exact; `tag`: `k1=v1,k2=v2`, every pair must hold, a bare `k` matches any value.
 */
function list(ctx: RouteContext, opts: ListOptions): Reply {
	const { query, state } = ctx;
	const offset = intParam(queryParam(query, 'offset'), 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
	if (!offset.ok) return offset.reply;
	const limit = intParam(queryParam(query, 'limit'), 'limit', opts.maxLimit, 0, opts.maxLimit);
	if (!limit.ok) return limit.reply;
	const tagFilter = parseTagFilter(queryParam(query, 'tag'));
	if (tagFilter === null) return apiError('INVALID_PARAM', 'tag must look like key1=value1,key2=value2.');

	const desktopIds = queryParams(query, 'desktop_id');
	const tooManyIds = tooMany(desktopIds, 'desktop_id', opts.maxDesktopIds);
	if (tooManyIds) return tooManyIds;
	const userNamesGiven = opts.userNamesParam ? queryParams(query, opts.userNamesParam) : [];
	const tooManyNames = tooMany(userNamesGiven, opts.userNamesParam ?? '', opts.maxUserNames);
	if (tooManyNames) return tooManyNames;
	const users = (userNamesGiven.length ? userNamesGiven : queryParams(query, 'user_name')).map((u) => u.toLowerCase());

	const name = queryParam(query, 'computer_name')?.toLowerCase();
	const status = queryParam(query, 'status');
	const ip = queryParam(query, 'desktop_ip');
	const idSet = new Set(desktopIds);
	const matches = state.all().filter(
		(d) =>
			(name === undefined || d.computer_name.toLowerCase().includes(name)) &&
			(users.length === 0 || users.some((u) => d.user_name.toLowerCase().includes(u))) &&
			(status === undefined || d.status === status.toUpperCase()) &&
			(idSet.size === 0 || idSet.has(d.desktop_id)) &&
			(ip === undefined || d.ip_addresses.includes(ip)) &&
			tagFilter.every(([k, v]) => d.tags.some((t) => t.key === k && (v === undefined || t.value === v))),
	);
	return {
		status: 200,
		body: { total_count: matches.length, desktops: matches.slice(offset.value, offset.value + limit.value).map(opts.shape) },
	};
}

function tooMany(values: string[], name: string, max: number | undefined): Reply | undefined {
	if (max === undefined || values.length <= max) return undefined;
	return apiError('BATCH_LIMIT_EXCEEDED', `${name} is given ${values.length} times; at most ${max} values are allowed.`);
}

/** `k1=v1,k2=v2`; a bare `k` matches any value of k. Null when malformed. */
function parseTagFilter(raw: string | undefined): [string, string | undefined][] | null {
	if (raw === undefined || raw === '') return [];
	const out: [string, string | undefined][] = [];
	for (const part of raw.split(',')) {
		const eq = part.indexOf('=');
		const key = eq === -1 ? part : part.slice(0, eq);
		if (key === '') return null;
		out.push([key, eq === -1 ? undefined : part.slice(eq + 1)]);
	}
	return out;
}
