import { apiError } from '../errors';
import { queryParam } from '../http/rawTarget';
import type { Desktop, Reply } from '../types';
import { boolParam, intParam } from '../validation/query';
import { desktopNotFound, publicTags } from './common';
import { NO_CONTENT, type Handler, type RouteContext } from './context';

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
	return NO_CONTENT;
};

export const listDesktops: Handler = (ctx) => list(ctx, 1000, summary);
export const listDesktopsDetail: Handler = (ctx) => list(ctx, 500, detail);

/** Offset + limit paging over insertion order, after filtering; total_count counts all matches. */
function list(ctx: RouteContext, maxLimit: number, shape: (d: Desktop) => Record<string, unknown>): Reply {
	const { query, state } = ctx;
	const offset = intParam(queryParam(query, 'offset'), 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
	if (!offset.ok) return offset.reply;
	const limit = intParam(queryParam(query, 'limit'), 'limit', maxLimit, 0, maxLimit);
	if (!limit.ok) return limit.reply;
	const tagFilter = parseTagFilter(queryParam(query, 'tag'));
	if (tagFilter === null) return apiError('INVALID_PARAM', 'tag must look like key1=value1,key2=value2.');

	const name = queryParam(query, 'computer_name')?.toLowerCase();
	const user = queryParam(query, 'user_name');
	const status = queryParam(query, 'status');
	const desktopId = queryParam(query, 'desktop_id');
	const matches = state.all().filter(
		(d) =>
			(name === undefined || d.computer_name.toLowerCase().includes(name)) &&
			(user === undefined || d.user_name === user) &&
			(status === undefined || d.status === status.toUpperCase()) &&
			(desktopId === undefined || d.desktop_id === desktopId) &&
			tagFilter.every(([k, v]) => d.tags.some((t) => t.key === k && (v === undefined || t.value === v))),
	);
	return {
		status: 200,
		body: { total_count: matches.length, desktops: matches.slice(offset.value, offset.value + limit.value).map(shape) },
	};
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

function summary(d: Desktop): Record<string, unknown> {
	return {
		desktop_id: d.desktop_id,
		computer_name: d.computer_name,
		status: d.status,
		user_name: d.user_name,
		attach_user_infos: d.user_name ? [{ user_name: d.user_name, type: 'USER' }] : [],
		tags: publicTags(d.tags),
		created: d.created,
		ip_addresses: [...d.ip_addresses],
		product_id: d.product_id,
		desktop_type: 'DEDICATED',
		login_status: 'REGISTERED',
		in_maintenance_mode: false,
	};
}

function detail(d: Desktop): Record<string, unknown> {
	return {
		...summary(d),
		product: { product_id: d.product_id, flavor_id: 's6.xlarge.2', type: 'BASE', cpu: '4', memory: '8192' },
		availability_zone: 'ap-southeast-1a',
		os_type: 'Windows',
		os_version: '10',
		user_group: 'users',
		enterprise_project_id: '0',
		root_volume: { type: 'SAS', size: 80, device: '/dev/vda' },
		data_volumes: [],
		security_groups: [{ id: 'sg-emulator-0001' }],
		metadata: { 'metering.image_id': 'image-emulator-0001' },
		addresses: Object.fromEntries(d.ip_addresses.length ? [['net-emulator', d.ip_addresses.map((addr) => ({ addr, version: 4 }))]] : []),
		site_type: 'CENTER',
	};
}
