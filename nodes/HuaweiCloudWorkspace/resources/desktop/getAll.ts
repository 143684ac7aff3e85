import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeProperties,
} from 'n8n-workflow';

import { tagListField } from '../../shared/descriptions';
import { offsetPagination, returnAllAndLimitFields } from '../../shared/pagination';
import { workspaceRouting } from '../../shared/routing';
import { checkInput, type WorkspaceRequest } from '../../shared/transport';
import {
	InputError,
	requireText,
	validateBoolean,
	validateTagKey,
	validateTagList,
	validateTagValue,
} from '../../shared/validation';

const show = { resource: ['desktop'], operation: ['getAll'] };
const showProperties = { ...show, searchBy: ['properties'] };
const showTags = { ...show, searchBy: ['tagConditions'] };

/** Desktop states ListDesktops documents for its status filter. */
export const DESKTOP_STATUSES = [
	{ name: 'Active', value: 'ACTIVE', description: 'Running' },
	{ name: 'Error', value: 'ERROR', description: 'Faulty' },
	{ name: 'Hibernated', value: 'HIBERNATED', description: 'Hibernating' },
	{ name: 'Shut Off', value: 'SHUTOFF', description: 'Stopped' },
];

/** The fields "Simplify" keeps; the rest (product, login state, attachment details...) only in the raw object. */
export const SIMPLE_DESKTOP_FIELDS = [
	'desktop_id',
	'computer_name',
	'status',
	'user_name',
	'tags',
	'ip_addresses',
	'created',
	'product_id',
	'login_status',
] as const;

export const desktopGetAllDescription: INodeProperties[] = [
	{
		displayName: 'Search By',
		name: 'searchBy',
		type: 'options',
		default: 'properties',
		displayOptions: { show },
		options: [
			{
				name: 'Desktop Properties',
				value: 'properties',
				description: 'Name, user, status and tags (key=value), all of which must match',
			},
			{
				name: 'Tag Conditions',
				value: 'tagConditions',
				description: 'Desktops with all, any or none of some tags, or without any tag',
			},
		],
	},
	...returnAllAndLimitFields(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showProperties },
		options: [
			{
				displayName: 'Computer Name',
				name: 'computerName',
				type: 'string',
				default: '',
				placeholder: 'e.g. wks-dev',
				description: 'Desktops whose computer name contains this text (fuzzy match)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'ACTIVE',
				options: DESKTOP_STATUSES,
				description: 'Only desktops in this state',
			},
			tagListField(
				'tags',
				'Tags',
				'Only desktops with all of these tags. A tag with an empty value matches any value of its key.',
			),
			{
				displayName: 'User Name',
				name: 'userName',
				type: 'string',
				default: '',
				placeholder: 'e.g. alice',
				description: 'Only desktops assigned to this user (exact name)',
			},
		],
	},
	{
		displayName: 'Match',
		name: 'tagMatch',
		type: 'options',
		default: 'all',
		displayOptions: { show: showTags },
		options: [
			{ name: 'Has All of These Tags', value: 'all' },
			{ name: 'Has Any of These Tags', value: 'any' },
			{ name: 'Has None of These Tags', value: 'none' },
			{ name: 'Has No Tags at All', value: 'noTags' },
		],
	},
	{
		displayName: 'Tag Conditions',
		name: 'tagConditions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Tag Condition',
		default: {},
		description: 'At most 20 conditions',
		displayOptions: { show: { ...showTags, tagMatch: ['all', 'any', 'none'] } },
		options: [
			{
				displayName: 'Condition',
				name: 'condition',
				values: [
					{
						displayName: 'Key',
						name: 'key',
						type: 'string',
						default: '',
						placeholder: 'e.g. env',
					},
					{
						displayName: 'Values',
						name: 'values',
						type: 'string',
						default: '',
						placeholder: 'e.g. dev,test',
						description: 'Comma-separated values the tag may have; empty matches any value of the key',
					},
				],
			},
		],
	},
	{
		displayName: 'Computer Name',
		name: 'nameContains',
		type: 'string',
		default: '',
		placeholder: 'e.g. wks-dev',
		description: 'Only desktops whose computer name contains this text',
		displayOptions: { show: showTags },
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return a simplified version of the response (ID, name, status, user, tags, IP addresses, creation time) instead of the raw data',
		displayOptions: { show },
	},
];

/** Builds the tag query `k1=v1,k2=v2`; a bare key matches any value. */
export function tagQuery(tags: Array<{ key: string; value: string }>): string {
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

function simplifyDesktop(desktop: IDataObject): IDataObject {
	const simple: IDataObject = {};
	for (const field of SIMPLE_DESKTOP_FIELDS) {
		if (desktop[field] !== undefined) simple[field] = desktop[field];
	}
	return simple;
}

/** resource-instances answers resource_id/resource_name: Simplify names them like the desktop list does. */
function simplifyResource(resource: IDataObject): IDataObject {
	return { desktop_id: resource.resource_id, computer_name: resource.resource_name, tags: resource.tags ?? [] };
}

interface GetManyInput {
	byTags: boolean;
	simplify: boolean;
	request: WorkspaceRequest;
}

/** Checked before any request: an unknown Search By would otherwise list by (no) properties. */
function readGetMany(context: IExecuteSingleFunctions): GetManyInput {
	const { byTags, simplify } = checkInput(context, () => {
		const searchBy = context.getNodeParameter('searchBy', 'properties');
		if (searchBy !== 'properties' && searchBy !== 'tagConditions') {
			throw new InputError('Search By', `Search By must be "properties" or "tagConditions", not ${JSON.stringify(searchBy)}`);
		}
		return {
			byTags: searchBy === 'tagConditions',
			simplify: validateBoolean(context.getNodeParameter('simplify', true), 'Simplify'),
		};
	});
	if (byTags) {
		const body = checkInput(context, () =>
			readTagConditionsBody(
				context.getNodeParameter('tagMatch', 'all'),
				(context.getNodeParameter('tagConditions', {}) as IDataObject)?.condition,
				context.getNodeParameter('nameContains', ''),
			),
		);
		return { byTags, simplify, request: { method: 'POST', segments: ['desktops', 'resource-instances', 'action'], body } };
	}
	const qs = checkInput(context, () => readDesktopFilters(context.getNodeParameter('filters', {}) as IDataObject));
	return { byTags, simplify, request: { method: 'GET', segments: ['desktops'], qs } };
}

export const desktopGetAllRouting = workspaceRouting({
	read: readGetMany,
	request: (input) => input.request,
	describe: ({ byTags }) => ({ action: byTags ? 'find desktops by tags' : 'list desktops' }),
	output: (context, { byTags, simplify }, response) => {
		const body = (response.body ?? {}) as IDataObject;
		const list = body[byTags ? 'resources' : 'desktops'];
		const entries = Array.isArray(list) ? (list as IDataObject[]) : [];
		return entries.map((entry) => ({
			json: simplify ? (byTags ? simplifyResource(entry) : simplifyDesktop(entry)) : entry,
			pairedItem: { item: context.getItemIndex() },
		}));
	},
	// Paging for both searches; see shared/pagination.ts for why it is a function. The body of
	// resource-instances wants offset/limit as strings, GET /desktops wants them in the query.
	send: async function (this: IExecutePaginationFunctions, requestData: DeclarativeRestApiSettings.ResultOptions) {
		const byTags = this.getNodeParameter('searchBy', 'properties') === 'tagConditions';
		return await offsetPagination({ pageSize: 1000, placement: byTags ? 'bodyStrings' : 'qs' }).call(this, requestData);
	},
});
