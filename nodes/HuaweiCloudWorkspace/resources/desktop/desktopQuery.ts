import type { IDataObject } from 'n8n-workflow';

import { InputError, requireText, validateTagKey, validateTagList, validateTagValue } from '../../shared/validation';

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

/** Query parameters for GET /desktops from the Filters collection; unset filters are not sent. */
export function readDesktopFilters(filters: IDataObject): IDataObject {
	const qs: IDataObject = {};
	const computerName = filterText(filters, 'computerName', 'Computer Name');
	if (computerName !== undefined) qs.computer_name = computerName;
	const userName = filterText(filters, 'userName', 'User Name');
	if (userName !== undefined) qs.user_name = userName;
	const status = filterText(filters, 'status', 'Status');
	if (status !== undefined) {
		if (!DESKTOP_STATUSES.some((s) => s.value === status)) {
			throw new InputError('Status', `Status "${status}" is not one of ${DESKTOP_STATUSES.map((s) => s.value).join(', ')}`);
		}
		qs.status = status;
	}
	const tags = validateTagList((filters.tags as IDataObject | undefined)?.tag, 'Tags filter');
	if (tags.length > 0) qs.tag = tagQuery(tags);
	return qs;
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
		const key = validateTagKey(entry.key, `${where} key`);
		if (seen.has(key)) throw new InputError('Tag Conditions', `Tag Conditions names the key "${key}" twice`);
		seen.add(key);
		const raw = entry.values === undefined || entry.values === null ? '' : requireText(`${where} values`, entry.values);
		// A comma can never be part of a tag value, so it safely separates values.
		const values = raw
			.split(',')
			.map((value) => value.trim())
			.filter((value) => value !== '')
			.map((value) => validateTagValue(value, `${where} value`));
		return { key, values: [...new Set(values)] };
	});
	return body;
}

