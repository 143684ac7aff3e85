import { apiError } from '../errors';
import { removeTag, upsertTag } from '../state';
import type { Reply, Tag } from '../types';
import { checkTagList, type TagMode } from '../validation/tags';
import { quotaExceeded, tagCountAfter } from './common';
import { jsonObject, NO_CONTENT, type Handler } from './context';

/**
 * Per-request limits from Huawei's BatchAddDesktopsTags / BatchDeleteDesktopsTags pages ("at most
 * 100 desktops, at most 20 tags per desktop"). The SDK models (BatchAddDesktopsTagsReq,
 * DesktopTagsInfo) state no limit, so these come from the pages alone.
 */
const MAX_DESKTOPS = 100;
const MAX_TAGS_EACH = 20;

interface Item {
	desktopId: string;
	tags: Tag[];
}

/**
 * POST batch-tags (BatchAddDesktopsTagsReq). Desktop IDs that do not exist are skipped and the
 * request still succeeds, as the SDK's `desktops` comment says. Among the desktops that do exist it
 * is all-or-nothing: every tag and every quota is checked before anything changes.
 */
export const batchTagDesktops: Handler = ({ body, state }) => {
	const items = parseItems(body, 'user');
	if (!Array.isArray(items)) return items;
	const known = items.filter((it) => state.get(it.desktopId));
	for (const it of known) {
		const tags = state.get(it.desktopId)?.tags ?? [];
		const count = tagCountAfter(tags, it.tags);
		if (count > state.maxTagsPerDesktop) return quotaExceeded(it.desktopId, count, state.maxTagsPerDesktop);
	}
	for (const it of known) for (const t of it.tags) upsertTag(state.get(it.desktopId)?.tags ?? [], t);
	return NO_CONTENT;
};

/**
 * DELETE batch-tags (BatchDeleteDesktopsTagsReq): removes the listed keys. Unknown desktops are
 * skipped like in the POST; keys a desktop does not have are ignored; keys are only looked up, not
 * held to the tag rule, so tags from older rules stay removable.
 */
export const batchUntagDesktops: Handler = ({ body, state }) => {
	const items = parseItems(body, 'lookup');
	if (!Array.isArray(items)) return items;
	for (const it of items) for (const t of it.tags) removeTag(state.get(it.desktopId)?.tags ?? [], t.key);
	return NO_CONTENT;
};

function parseItems(body: string, mode: TagMode): Item[] | Reply {
	const parsed = jsonObject(body);
	if (!parsed.ok) return parsed.reply;
	const desktops = parsed.value.desktops;
	if (!Array.isArray(desktops) || desktops.length === 0) return apiError('INVALID_PARAM', 'desktops is required and must be a non-empty array.');
	if (desktops.length > MAX_DESKTOPS) {
		return apiError('BATCH_LIMIT_EXCEEDED', `desktops holds ${desktops.length} entries; at most ${MAX_DESKTOPS} are allowed.`);
	}
	const items: Item[] = [];
	const seen = new Set<string>();
	for (let i = 0; i < desktops.length; i++) {
		const entry = desktops[i] as Record<string, unknown> | null;
		const where = `desktops[${i}]`;
		if (typeof entry !== 'object' || entry === null) return apiError('INVALID_PARAM', `${where} must be an object.`);
		if (typeof entry.desktop_id !== 'string' || entry.desktop_id === '') return apiError('INVALID_PARAM', `${where}.desktop_id is required.`);
		if (seen.has(entry.desktop_id)) return apiError('INVALID_PARAM', `${where}: desktop ${entry.desktop_id} is listed twice.`);
		seen.add(entry.desktop_id);
		const tags = checkTagList(entry.tags, `${where}.tags`, { max: MAX_TAGS_EACH, requireNonEmpty: true, mode });
		if (!tags.ok) return tags.reply;
		items.push({ desktopId: entry.desktop_id, tags: tags.value });
	}
	return items;
}
