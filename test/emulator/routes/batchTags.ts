import { apiError } from '../errors';
import { removeTag, upsertTag, type WorkspaceState } from '../state';
import type { Reply, Tag } from '../types';
import { checkTagList } from '../validation/tags';
import { desktopNotFound, quotaExceeded, tagCountAfter } from './common';
import { jsonObject, NO_CONTENT, type Handler } from './context';

const MAX_DESKTOPS = 100;
const MAX_TAGS_EACH = 20;

interface Item {
	desktopId: string;
	tags: Tag[];
}

/** Tags many desktops at once. All-or-nothing: every desktop and tag is checked before any change. */
export const batchTagDesktops: Handler = ({ body, state }) => {
	const items = parseItems(body, state);
	if (!Array.isArray(items)) return items;
	for (const it of items) {
		const desktop = state.get(it.desktopId);
		if (!desktop) return desktopNotFound(it.desktopId);
		const count = tagCountAfter(desktop.tags, it.tags);
		if (count > state.maxTagsPerDesktop) return quotaExceeded(desktop.desktop_id, count, state.maxTagsPerDesktop);
	}
	for (const it of items) for (const t of it.tags) upsertTag(state.get(it.desktopId)?.tags ?? [], t);
	return NO_CONTENT;
};

/** The DELETE twin: removes the listed keys; keys a desktop does not have are ignored. */
export const batchUntagDesktops: Handler = ({ body, state }) => {
	const items = parseItems(body, state);
	if (!Array.isArray(items)) return items;
	for (const it of items) for (const t of it.tags) removeTag(state.get(it.desktopId)?.tags ?? [], t.key);
	return NO_CONTENT;
};

function parseItems(body: string, state: WorkspaceState): Item[] | Reply {
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
		const tags = checkTagList(entry.tags, `${where}.tags`, { max: MAX_TAGS_EACH, requireNonEmpty: true });
		if (!tags.ok) return tags.reply;
		items.push({ desktopId: entry.desktop_id, tags: tags.value });
	}
	const unknown = items.find((it) => !state.get(it.desktopId));
	if (unknown) return desktopNotFound(unknown.desktopId);
	return items;
}
