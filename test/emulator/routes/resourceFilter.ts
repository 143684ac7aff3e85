import { apiError } from '../errors';
import type { Desktop } from '../types';
import { bad, checkKey, ok, type Checked } from '../validation/tags';
import { publicTags } from './common';
import { jsonObject, type Handler } from './context';

interface TagCondition {
	key: string;
	/** Empty means "any value of this key". */
	values: string[];
}

/**
 * Tag-condition search, served on both paths: POST /desktops/resource-instances/action (current,
 * ListDesktopsByTags) and the deprecated POST /desktops/resource_instances/action (ListDesktopByTags,
 * still what Terraform calls). Both take QueryDesktopByTagReq and answer the same shape
 * (ListDesktopsByTagsResponse / ListDesktopByTagsResponse: offset, total_count, resources of
 * TagResource); `count` answers total_count alone.
 * offset and limit are STRINGS in this API; numbers are refused so a client that sends the natural
 * JSON type finds out here rather than in production.
 */
export const filterDesktops: Handler = ({ body, state }) => {
	const parsed = jsonObject(body);
	if (!parsed.ok) return parsed.reply;
	const b = parsed.value;
	if (b.action !== 'filter' && b.action !== 'count') {
		return apiError('INVALID_ACTION', `action must be "filter" or "count", got ${JSON.stringify(b.action)}.`);
	}
	const offset = stringInt(b.offset, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
	if (!offset.ok) return offset.reply;
	const limit = stringInt(b.limit, 'limit', 1000, 1, 1000);
	if (!limit.ok) return limit.reply;

	const lists: Record<string, TagCondition[]> = {};
	for (const name of ['tags', 'tags_any', 'not_tags', 'not_tags_any']) {
		const c = conditions(b[name], name);
		if (!c.ok) return c.reply;
		lists[name] = c.value;
	}
	if (b.without_any_tag !== undefined && typeof b.without_any_tag !== 'boolean') {
		return apiError('INVALID_PARAM', 'without_any_tag must be a boolean.');
	}
	const nameMatch = matches(b.matches);
	if (!nameMatch.ok) return nameMatch.reply;

	const selected = state.all().filter((d) => {
		if (nameMatch.value !== undefined && !d.computer_name.toLowerCase().includes(nameMatch.value.toLowerCase())) return false;
		// Like TMS, without_any_tag overrides every other tag condition.
		if (b.without_any_tag === true) return d.tags.length === 0;
		if (lists.tags.length && !lists.tags.every((c) => has(d, c))) return false;
		if (lists.tags_any.length && !lists.tags_any.some((c) => has(d, c))) return false;
		if (lists.not_tags.length && lists.not_tags.every((c) => has(d, c))) return false;
		if (lists.not_tags_any.length && lists.not_tags_any.some((c) => has(d, c))) return false;
		return true;
	});

	if (b.action === 'count') return { status: 200, body: { total_count: selected.length } };
	return {
		status: 200,
		body: {
			offset: offset.value,
			total_count: selected.length,
			resources: selected.slice(offset.value, offset.value + limit.value).map((d) => ({
				resource_id: d.desktop_id,
				resource_name: d.computer_name,
				resource_detail: null,
				tags: publicTags(d.tags),
			})),
		},
	};
};

function has(d: Desktop, c: TagCondition): boolean {
	return d.tags.some((t) => t.key === c.key && (c.values.length === 0 || c.values.includes(t.value)));
}

function stringInt(raw: unknown, name: string, def: number, min: number, max: number): Checked<number> {
	if (raw === undefined) return ok(def);
	if (typeof raw !== 'string') return bad(apiError('INVALID_PARAM', `${name} must be a string holding an integer, got ${typeof raw}.`));
	if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
		return bad(apiError('INVALID_PARAM', `${name} must be an integer between ${min} and ${max}, got "${raw}".`));
	}
	return ok(Number(raw));
}

function conditions(raw: unknown, name: string): Checked<TagCondition[]> {
	if (raw === undefined) return ok([]);
	if (!Array.isArray(raw)) return bad(apiError('INVALID_PARAM', `${name} must be an array.`));
	if (raw.length > 20) return bad(apiError('BATCH_LIMIT_EXCEEDED', `${name} holds ${raw.length} conditions; at most 20 are allowed.`));
	const out: TagCondition[] = [];
	for (let i = 0; i < raw.length; i++) {
		const where = `${name}[${i}]`;
		const c = raw[i] as Record<string, unknown> | null;
		if (typeof c !== 'object' || c === null) return bad(apiError('INVALID_PARAM', `${where} must be an object.`));
		// Tags (model_tags.go) carries no character rule: a search may name any key a desktop holds.
		const key = checkKey(c.key, where, 'lookup');
		if (!key.ok) return key;
		if (!Array.isArray(c.values) || c.values.some((v) => typeof v !== 'string')) {
			return bad(apiError('INVALID_PARAM', `${where}.values is required and must be an array of strings (empty means any value).`));
		}
		out.push({ key: key.value, values: c.values as string[] });
	}
	return ok(out);
}

/** Only `resource_name` can be matched, as in TMS. */
function matches(raw: unknown): Checked<string | undefined> {
	if (raw === undefined) return ok(undefined);
	if (!Array.isArray(raw)) return bad(apiError('INVALID_PARAM', 'matches must be an array.'));
	let value: string | undefined;
	for (const m of raw as unknown[]) {
		const entry = m as Record<string, unknown> | null;
		if (typeof entry !== 'object' || entry === null || entry.key !== 'resource_name' || typeof entry.value !== 'string') {
			return bad(apiError('INVALID_PARAM', 'matches entries must be {"key":"resource_name","value":"<string>"}.'));
		}
		value = entry.value;
	}
	return ok(value);
}
