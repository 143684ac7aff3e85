import { apiError } from '../errors';
import type { Reply, Tag } from '../types';

export function desktopNotFound(id: string): Reply {
	return apiError('DESKTOP_NOT_FOUND', `The desktop ${id} does not exist.`);
}

/** The number of tags the desktop would have after upserting `incoming`; used before any change. */
export function tagCountAfter(current: Tag[], incoming: Tag[]): number {
	const keys = new Set(current.map((t) => t.key));
	for (const t of incoming) keys.add(t.key);
	return keys.size;
}

export function quotaExceeded(desktopId: string, count: number, max: number): Reply {
	return apiError('TAG_QUOTA_EXCEEDED', `Desktop ${desktopId} would have ${count} tags; at most ${max} are allowed.`);
}

export function publicTags(tags: Tag[]): Tag[] {
	return tags.map((t) => ({ key: t.key, value: t.value }));
}
