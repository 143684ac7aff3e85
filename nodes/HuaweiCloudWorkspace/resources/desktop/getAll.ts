import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimitFields, tagKeyInput, tagListField } from '../../shared/descriptions';
import { checkInput, readWanted } from '../../shared/input';
import { routedOperation } from '../../shared/operation';
import { InputError, validateBoolean } from '../../shared/validation';
import type { WorkspaceRequest } from '../../transport/client';
import type { ItemPaging } from '../../transport/routing';
import { DESKTOP_STATUSES, readDesktopFilters, readTagConditionsBody } from './desktopQuery';

const show = { resource: ['desktop'], operation: ['getAll'] };
const showProperties = { ...show, searchBy: ['properties'] };
const showTags = { ...show, searchBy: ['tagConditions'] };

/**
 * The fields "Simplify" keeps, all of which GET /desktops answers (SimpleDesktopInfo); the rest
 * (pool, type, attached users...) only in the raw object. Product and login state are not in this
 * list's answer at all: Desktop > Get gives them.
 */
const SIMPLE_DESKTOP_FIELDS = [
	'desktop_id',
	'computer_name',
	'status',
	'task_status',
	'user_name',
	'ip_address',
	'created',
	'tags',
] as const;

const fields: INodeProperties[] = [
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
				displayName: 'Desktop IDs',
				name: 'desktopIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. a130ab3a-72bf-4b71-baa9-af4987c8e338, 4c9e2f1a-...',
				description:
					'Only these desktops: IDs separated by commas or line breaks, or an expression giving a list. Any number; sent 100 per request.',
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
				description: 'Only desktops assigned to this user (see User Name Match)',
			},
			{
				displayName: 'User Name Match',
				name: 'userNameMatch',
				type: 'options',
				default: 'exact',
				description:
					'Huawei matches user names fuzzily ("al" also finds alice and alan); Exact keeps only the user named, in any letter case',
				options: [
					{ name: 'Exact', value: 'exact' },
					{ name: 'Contains', value: 'contains' },
				],
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
					tagKeyInput(),
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
	wanted: number;
	request: WorkspaceRequest;
	idChunks?: string[][];
	exactUserName?: string;
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
	const wanted = readWanted(context);
	if (byTags) {
		const body = checkInput(context, () =>
			readTagConditionsBody(
				context.getNodeParameter('tagMatch', 'all'),
				(context.getNodeParameter('tagConditions', {}) as IDataObject)?.condition,
				context.getNodeParameter('nameContains', ''),
			),
		);
		const request: WorkspaceRequest = {
			api: 'ListDesktopsByTags',
			method: 'POST',
			segments: ['desktops', 'resource-instances', 'action'],
			// Deprecated since SDK 0.1.184 (2026-01), but still the only path in regions not yet updated.
			deprecatedSegments: ['desktops', 'resource_instances', 'action'],
			body,
		};
		return { byTags, simplify, wanted, request };
	}
	const { qs, idChunks, exactUserName } = checkInput(context, () =>
		readDesktopFilters(context.getNodeParameter('filters', {}) as IDataObject),
	);
	return { byTags, simplify, wanted, idChunks, exactUserName, request: { api: 'ListDesktops', method: 'GET', segments: ['desktops'], qs } };
}

/**
 * GET /desktops (filters by properties), or POST /desktops/resource-instances/action (tag
 * conditions), both paged.
 */
export const getAll = routedOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many desktops',
	description: 'List desktops, filtered by name, user, status or tags',
	fields,
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
	repeatable: true,
	// resource-instances wants offset and limit as strings in its body; GET /desktops in the query.
	paging: ({ byTags, wanted, idChunks, exactUserName }): ItemPaging => ({
		wanted,
		pageSize: 1000,
		placement: byTags ? 'bodyStrings' : 'qs',
		parts: idChunks && idChunks.length > 0 ? idChunks.map((ids) => ({ desktop_id: ids })) : undefined,
		keep:
			exactUserName === undefined
				? undefined
				: (item) => String(item.json.user_name ?? '').toLowerCase() === exactUserName.toLowerCase(),
	}),
});
