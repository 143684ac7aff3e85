import type { INodeProperties } from 'n8n-workflow';

import { FORBIDDEN_TAG_CHARACTERS, TAG_KEY_MAX, TAG_VALUE_MAX } from './validation';

/** The editor renders hints as HTML, where a bare "< >" vanishes as if it were a tag. */
const forbidden = FORBIDDEN_TAG_CHARACTERS.map((character) =>
	character === '<' ? '&lt;' : character === '>' ? '&gt;' : character,
).join(' ');

/**
 * The desktop every per-desktop operation acts on. New nodes start From List. Saved workflows do
 * not follow the default: n8n's editor stores a locator as `{ __rl: true, mode, value }`, which
 * never equals a declared default, so every node it saved keeps its own mode (see
 * test/engine/desktopLocatorDefault.test.ts).
 */
export function desktopIdField(show: { resource: string[]; operation: string[] }): INodeProperties {
	return {
		displayName: 'Desktop',
		name: 'desktopId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The desktop to act on',
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a desktop...',
				typeOptions: {
					searchListMethod: 'searchDesktops',
					searchable: true,
				},
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. a130ab3a-72bf-4b71-baa9-af4987c8e338',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$',
							errorMessage: 'A desktop ID contains only letters, digits, "-", "_" and "."',
						},
					},
				],
			},
		],
	};
}

/** A tag key's text box, wherever one is asked for: alone, in a tag list, in a tag condition. */
export function tagKeyInput(extra: Partial<INodeProperties> = {}): INodeProperties {
	return { displayName: 'Key', name: 'key', type: 'string', default: '', placeholder: 'e.g. env', ...extra };
}

function tagValueInput(extra: Partial<INodeProperties>): INodeProperties {
	return { displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. dev', ...extra };
}

/** Huawei's current tag rule (SDK model Tag), and what every wording of it forbids. */
const allowed = 'letters, digits, spaces and _ . : = + - @';
const keyHint = `1 to ${TAG_KEY_MAX} characters: ${allowed}, not starting with _sys_; never ${forbidden}`;

export function tagKeyField(show: { resource: string[]; operation: string[] }, description: string): INodeProperties {
	return tagKeyInput({ required: true, description, hint: keyHint, displayOptions: { show } });
}

export function tagValueField(show: { resource: string[]; operation: string[] }): INodeProperties {
	return tagValueInput({
		description: 'The tag value; may be empty',
		hint: `Up to ${TAG_VALUE_MAX} characters: ${allowed}; never ${forbidden}`,
		displayOptions: { show },
	});
}

/** A key/value list, stored as { tag: [{ key, value }] } (the shape saved workflows depend on). */
export function tagListField(
	name: string,
	displayName: string,
	description: string,
	show?: { resource: string[]; operation: string[] },
): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Tag',
		default: {},
		description,
		...(show ? { displayOptions: { show } } : {}),
		options: [
			{
				displayName: 'Tag',
				name: 'tag',
				values: [
					tagKeyInput({ description: 'The tag key; each key once per request', hint: keyHint }),
					tagValueInput({
						description: 'The tag value; may be empty',
						hint: `Up to ${TAG_VALUE_MAX} characters; ignored when deleting`,
					}),
				],
			},
		],
	};
}

/** The "Options" collection of an operation: settings a user adds only when needed. */
export function optionsField(
	show: { resource: string[]; operation: string[] },
	options: INodeProperties[],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options,
	};
}

/** Return All, and Limit when it is off, for a list operation. */
export function returnAllAndLimitFields(show: { resource: string[]; operation: string[] }): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}
