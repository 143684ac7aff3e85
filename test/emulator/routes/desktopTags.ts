import { apiError } from '../errors';
import { removeTag, upsertTag } from '../state';
import { checkTag, checkTagList } from '../validation/tags';
import { desktopNotFound, publicTags, quotaExceeded, tagCountAfter } from './common';
import { jsonObject, NO_CONTENT, type Handler } from './context';

/** Seed 002: one tag; same key overwrites; a new key past the quota is refused. */
export const createTag: Handler = ({ params, body, state }) => {
	const parsed = jsonObject(body);
	if (!parsed.ok) return parsed.reply;
	if (parsed.value.tag === undefined) return apiError('INVALID_PARAM', 'tag is required.');
	const tag = checkTag(parsed.value.tag, 'tag');
	if (!tag.ok) return tag.reply;
	const desktop = state.get(params.desktop_id);
	if (!desktop) return desktopNotFound(params.desktop_id);
	const count = tagCountAfter(desktop.tags, [tag.value]);
	if (count > state.maxTagsPerDesktop) return quotaExceeded(desktop.desktop_id, count, state.maxTagsPerDesktop);
	upsertTag(desktop.tags, tag.value);
	return NO_CONTENT;
};

/**
 * Seed 000: deleting a missing tag succeeds. The key is not held to the tag rule, because a tag
 * written under older rules (or through other channels) may break it and must stay deletable.
 */
export const deleteTag: Handler = ({ params, state }) => {
	const desktop = state.get(params.desktop_id);
	if (!desktop) return desktopNotFound(params.desktop_id);
	removeTag(desktop.tags, params.key);
	return NO_CONTENT;
};

export const listTags: Handler = ({ params, state }) => {
	const desktop = state.get(params.desktop_id);
	if (!desktop) return desktopNotFound(params.desktop_id);
	return { status: 200, body: { tags: publicTags(desktop.tags) } };
};

/**
 * Seed 001 (BatchChangeTags, body TagsReq): create or delete many tags at once; everything is
 * validated before anything changes.
 */
export const batchTagAction: Handler = ({ params, body, state }) => {
	const parsed = jsonObject(body);
	if (!parsed.ok) return parsed.reply;
	const { action } = parsed.value;
	if (action !== 'create' && action !== 'delete') {
		return apiError('INVALID_ACTION', `action must be "create" or "delete", got ${JSON.stringify(action)}.`);
	}
	// Deleting names existing tags, which may predate the current rule; creating writes new ones.
	const deleting = action === 'delete';
	const tags = checkTagList(parsed.value.tags, 'tags', { mode: deleting ? 'lookup' : 'user' });
	if (!tags.ok) return tags.reply;
	const sysTags = checkTagList(parsed.value.sys_tags, 'sys_tags', { mode: deleting ? 'lookup' : 'system' });
	if (!sysTags.ok) return sysTags.reply;
	if (tags.value.length === 0 && sysTags.value.length === 0) {
		return apiError('INVALID_PARAM', 'tags and sys_tags are both empty; there is nothing to do.');
	}
	const desktop = state.get(params.desktop_id);
	if (!desktop) return desktopNotFound(params.desktop_id);

	if (action === 'create') {
		const count = tagCountAfter(desktop.tags, tags.value);
		if (count > state.maxTagsPerDesktop) return quotaExceeded(desktop.desktop_id, count, state.maxTagsPerDesktop);
		for (const t of tags.value) upsertTag(desktop.tags, t);
		for (const t of sysTags.value) upsertTag(desktop.sys_tags, t);
	} else {
		for (const t of tags.value) removeTag(desktop.tags, t.key);
		for (const t of sysTags.value) removeTag(desktop.sys_tags, t.key);
	}
	return NO_CONTENT;
};
