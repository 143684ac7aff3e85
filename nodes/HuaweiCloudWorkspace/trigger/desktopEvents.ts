import type { IDataObject } from 'n8n-workflow';

/**
 * What the trigger remembers and how it compares: pure, so that the rules are tested without n8n.
 *
 * Stored per desktop (in the workflow's static data, keyed by desktop ID): a tuple
 * `[status, computerName, userName, tags]` where `tags` is a flat, key-sorted list
 * `[key1, value1, key2, value2, ...]`. The tags themselves rather than a hash: a hash says only
 * that something changed, and a deleted desktop must still be filtered by its last known tags.
 */
export type StoredDesktop = [status: string, computerName: string, userName: string, tags: string[]];

export interface TriggerState {
	/** Format of the stored entries; a different value means "no baseline yet". */
	v: 1;
	desktops: Record<string, StoredDesktop>;
}

export type DesktopEvent = 'desktopCreated' | 'desktopDeleted' | 'desktopStatusChanged' | 'desktopTagsChanged';

export interface TagChange {
	key: string;
	value: string;
	previousValue?: string;
}

export interface EventSettings {
	events: DesktopEvent[];
	/** Desktop Status Changed: only changes to these statuses (empty = any). */
	toStatuses: string[];
	/** Desktop Tags Changed: only changes of these keys (empty = any). */
	tagKeys: string[];
	filters: DesktopFilters;
}

export interface DesktopFilters {
	/** Every tag must be on the desktop; a value of undefined matches any value. */
	tags: Array<{ key: string; value?: string }>;
	/** Case-insensitive substring. */
	computerNameContains?: string;
	/** Exact, in any letter case. */
	userName?: string;
}

function text(value: unknown): string {
	return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

/** The desktop's tags as a flat list sorted by key. */
export function compactTags(tags: unknown): string[] {
	if (!Array.isArray(tags)) return [];
	const pairs = (tags as IDataObject[])
		.filter((tag) => tag && typeof tag === 'object' && text(tag.key) !== '')
		.map((tag) => [text(tag.key), text(tag.value)] as const)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return pairs.flat();
}

export function storedDesktop(desktop: IDataObject): StoredDesktop {
	return [text(desktop.status), text(desktop.computer_name), text(desktop.user_name), compactTags(desktop.tags)];
}

function tagMap(flat: string[]): Map<string, string> {
	const map = new Map<string, string>();
	for (let i = 0; i + 1 < flat.length; i += 2) map.set(flat[i], flat[i + 1]);
	return map;
}

function tagObjects(flat: string[]): Array<{ key: string; value: string }> {
	return [...tagMap(flat)].map(([key, value]) => ({ key, value }));
}

export function matchesFilters(entry: StoredDesktop, filters: DesktopFilters): boolean {
	const [, computerName, userName, tags] = entry;
	if (
		filters.computerNameContains !== undefined &&
		!computerName.toLowerCase().includes(filters.computerNameContains.toLowerCase())
	) {
		return false;
	}
	if (filters.userName !== undefined && userName.toLowerCase() !== filters.userName.toLowerCase()) return false;
	if (filters.tags.length > 0) {
		const have = tagMap(tags);
		for (const { key, value } of filters.tags) {
			if (!have.has(key)) return false;
			if (value !== undefined && have.get(key) !== value) return false;
		}
	}
	return true;
}

export interface TagDiff {
	added: TagChange[];
	changed: TagChange[];
	removed: TagChange[];
}

export function diffTags(before: string[], after: string[], onlyKeys: string[]): TagDiff {
	const old = tagMap(before);
	const now = tagMap(after);
	const wanted = (key: string) => onlyKeys.length === 0 || onlyKeys.includes(key);
	const diff: TagDiff = { added: [], changed: [], removed: [] };
	for (const [key, value] of now) {
		if (!wanted(key)) continue;
		if (!old.has(key)) diff.added.push({ key, value });
		else if (old.get(key) !== value) diff.changed.push({ key, value, previousValue: old.get(key) });
	}
	for (const [key, value] of old) {
		if (wanted(key) && !now.has(key)) diff.removed.push({ key, value });
	}
	return diff;
}

function eventItem(event: DesktopEvent, id: string, entry: StoredDesktop, desktop: IDataObject): IDataObject {
	const [status, computerName, userName] = entry;
	return { event, desktopId: id, computerName, userName, status, desktop };
}

/** The desktop object a deletion reports: what was last known of it. */
export function lastKnownDesktop(id: string, entry: StoredDesktop): IDataObject {
	const [status, computerName, userName, tags] = entry;
	return { desktop_id: id, computer_name: computerName, user_name: userName, status, tags: tagObjects(tags) };
}

/**
 * The events between the stored state and the desktops listed now, in listing order (deletions
 * last), and the state to store. Filters apply to a desktop as it is now (a deletion: as last known).
 */
export function compareDesktops(
	previous: Record<string, StoredDesktop>,
	listed: IDataObject[],
	settings: EventSettings,
): { events: IDataObject[]; state: TriggerState } {
	const wants = new Set(settings.events);
	const next: Record<string, StoredDesktop> = {};
	const events: IDataObject[] = [];
	for (const desktop of listed) {
		const id = text(desktop.desktop_id);
		if (id === '' || id in next) continue;
		const entry = storedDesktop(desktop);
		next[id] = entry;
		if (!matchesFilters(entry, settings.filters)) continue;
		const before = previous[id];
		if (before === undefined) {
			if (wants.has('desktopCreated')) events.push(eventItem('desktopCreated', id, entry, desktop));
			continue;
		}
		const status = entry[0];
		if (
			wants.has('desktopStatusChanged') &&
			before[0] !== status &&
			(settings.toStatuses.length === 0 || settings.toStatuses.includes(status))
		) {
			events.push({ ...eventItem('desktopStatusChanged', id, entry, desktop), previousStatus: before[0] });
		}
		if (wants.has('desktopTagsChanged')) {
			const diff = diffTags(before[3], entry[3], settings.tagKeys);
			if (diff.added.length + diff.changed.length + diff.removed.length > 0) {
				events.push({
					...eventItem('desktopTagsChanged', id, entry, desktop),
					tagsAdded: diff.added,
					tagsChanged: diff.changed,
					tagsRemoved: diff.removed,
				});
			}
		}
	}
	if (wants.has('desktopDeleted')) {
		for (const [id, entry] of Object.entries(previous)) {
			if (id in next || !matchesFilters(entry, settings.filters)) continue;
			events.push(eventItem('desktopDeleted', id, entry, lastKnownDesktop(id, entry)));
		}
	}
	return { events, state: { v: 1, desktops: next } };
}

/** The stored state, if it is a baseline this version wrote. */
export function readState(staticData: IDataObject): TriggerState | undefined {
	const state = staticData.state as Partial<TriggerState> | undefined;
	if (!state || state.v !== 1 || typeof state.desktops !== 'object' || state.desktops === null) return undefined;
	return state as TriggerState;
}

/** The newest desktop by creation time, for the editor's sample event. */
export function newestDesktop(desktops: IDataObject[]): IDataObject | undefined {
	let newest: IDataObject | undefined;
	for (const desktop of desktops) {
		if (!newest || text(desktop.created) > text(newest.created)) newest = desktop;
	}
	return newest;
}
