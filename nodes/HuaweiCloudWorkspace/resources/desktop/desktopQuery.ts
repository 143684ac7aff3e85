import type { IDataObject } from 'n8n-workflow';

import {
	InputError,
	requireText,
	validateDesktopId,
	validateTagKey,
	validateTagList,
	validateTagValue,
} from '../../shared/validation';

/**
 * What Desktop > Get Many's filters become on the wire: the query of GET /desktops, or the body of
 * POST /desktops/resource-instances/action. Pure, and checked before any request.
 */

/** Desktop states ListDesktops documents for its status filter. */
export const DESKTOP_STATUSES = [
	{ name: 'Active', value: 'ACTIVE', description: 'Running' },
	{ name: 'Error', value: 'ERROR', description: 'Faulty' },
	{ name: 'Hibernated', value: 'HIBERNATED', description: 'Hibernating' },
	{ name: 'Shut Off', value: 'SHUTOFF', description: 'Stopped' },
];

/** Builds the tag query `k1=v1,k2=v2`; a bare key matches any value. */
function tagQuery(tags: Array<{ key: string; value: string }>): string {
	return tags.map(({ key, value }) => (value === '' ? key : `${key}=${value}`)).join(',');
}

/** An optional text field: unset, empty or blank means "no filter". */
function optionalText(value: unknown, field: string): string | undefined {
	if (value === undefined || value === null) return undefined;
	const trimmed = requireText(field, value).trim();
	return trimmed === '' ? undefined : trimmed;
}

/**
 * A filter the user added must say what to match: dropping an empty one (say, an expression that
 * found nothing) would widen the search to every desktop.
 */
function filterText(filters: IDataObject, name: string, field: string): string | undefined {
	if (!(name in filters)) return undefined;
	const value = filters[name];
	const text = value === undefined || value === null ? '' : requireText(field, value).trim();
	if (text === '') {
		throw new InputError(field, `${field} is empty: enter what to match, or remove the filter (an empty filter would match every desktop)`);
	}
	return text;
}

/** ListDesktopsRequest takes at most this many desktop_id values in one request. */
const DESKTOP_IDS_PER_REQUEST = 100;

/** GET /desktops for the Filters collection: unset filters are not sent. */
export interface DesktopListQuery {
	qs: IDataObject;
	/** One entry per request, each with up to 100 desktop IDs, when the Desktop IDs filter is set. */
	idChunks: string[][];
	/** Huawei matches user_name fuzzily ("al" finds alice): for an exact match the answer is filtered by this name. */
	exactUserName?: string;
}

/** The Desktop IDs filter: a list, or text with IDs separated by commas, spaces or line breaks. */
function desktopIdList(filters: IDataObject): string[] | undefined {
	if (!('desktopIds' in filters)) return undefined;
	const raw = filters.desktopIds;
	const entries = Array.isArray(raw) ? raw : requireText('Desktop IDs', raw ?? '').split(/[\s,]+/);
	const ids = entries
		.filter((entry) => !(typeof entry === 'string' && entry.trim() === ''))
		.map((entry, index) => validateDesktopId(entry, `Desktop IDs entry ${index + 1}`));
	if (ids.length === 0) {
		throw new InputError('Desktop IDs', 'Desktop IDs is empty: enter at least one desktop ID, or remove the filter (an empty filter would match every desktop)');
	}
	return [...new Set(ids)];
}

export function readDesktopFilters(filters: IDataObject): DesktopListQuery {
	const qs: IDataObject = {};
	const computerName = filterText(filters, 'computerName', 'Computer Name');
	if (computerName !== undefined) qs.computer_name = computerName;
	const userName = filterText(filters, 'userName', 'User Name');
	if (userName !== undefined) qs.user_name = userName;
	const userNameMatch = filters.userNameMatch ?? 'exact';
	if (userNameMatch !== 'exact' && userNameMatch !== 'contains') {
		throw new InputError('User Name Match', `User Name Match must be "exact" or "contains", not ${JSON.stringify(userNameMatch)}`);
	}
	const status = filterText(filters, 'status', 'Status');
	if (status !== undefined) {
		if (!DESKTOP_STATUSES.some((s) => s.value === status)) {
			throw new InputError('Status', `Status "${status}" is not one of ${DESKTOP_STATUSES.map((s) => s.value).join(', ')}`);
		}
		qs.status = status;
	}
	const tags = validateTagList((filters.tags as IDataObject | undefined)?.tag, 'match', 'Tags filter');
	if (tags.length > 0) qs.tag = tagQuery(tags);
	const ids = desktopIdList(filters);
	const idChunks: string[][] = [];
	for (let start = 0; ids && start < ids.length; start += DESKTOP_IDS_PER_REQUEST) {
		idChunks.push(ids.slice(start, start + DESKTOP_IDS_PER_REQUEST));
	}
	return { qs, idChunks, exactUserName: userNameMatch === 'exact' ? userName : undefined };
}

interface TagCondition {
	key: string;
	values: string[];
}

/** Body of POST /desktops/resource-instances/action (offset and limit are added per page). */
export function readTagConditionsBody(
	tagMatch: unknown,
	conditions: unknown,
	nameContains: unknown,
): IDataObject {
	const body: IDataObject = { action: 'filter' };
	const name = optionalText(nameContains, 'Computer Name');
	if (name !== undefined) body.matches = [{ key: 'resource_name', value: name }];
	if (tagMatch === 'noTags') {
		body.without_any_tag = true;
		return body;
	}
	const field = { all: 'tags', any: 'tags_any', none: 'not_tags_any' }[String(tagMatch)];
	if (field === undefined) {
		throw new InputError('Match', `Match must be "all", "any", "none" or "noTags", not ${JSON.stringify(tagMatch) ?? String(tagMatch)}`);
	}
	const list = Array.isArray(conditions) ? (conditions as IDataObject[]) : [];
	if (list.length === 0) {
		throw new InputError('Tag Conditions', 'Tag Conditions is empty: add at least one tag key to match');
	}
	if (list.length > 20) {
		throw new InputError('Tag Conditions', `Tag Conditions has ${list.length} entries: at most 20 are allowed`);
	}
	const seen = new Set<string>();
	body[field] = list.map((entry, index): TagCondition => {
		const where = `Tag Conditions entry ${index + 1}`;
		const key = validateTagKey(entry.key, 'match', `${where} key`);
		if (seen.has(key)) throw new InputError('Tag Conditions', `Tag Conditions names the key "${key}" twice`);
		seen.add(key);
		const raw = entry.values === undefined || entry.values === null ? '' : requireText(`${where} values`, entry.values);
		// A comma can never be part of a tag value, so it safely separates values.
		const values = raw
			.split(',')
			.map((value) => value.trim())
			.filter((value) => value !== '')
			.map((value) => validateTagValue(value, 'match', `${where} value`));
		return { key, values: [...new Set(values)] };
	});
	return body;
}

