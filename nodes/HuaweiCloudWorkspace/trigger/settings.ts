import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { DESKTOP_STATUSES } from '../resources/desktop/desktopQuery';
import { InputError, requireText, validateTagKey, validateTagValue } from '../shared/validation';
import type { DesktopEvent, DesktopFilters, EventSettings } from './desktopEvents';

const EVENTS: Array<{ name: string; value: DesktopEvent; description: string }> = [
	{ name: 'Desktop Created', value: 'desktopCreated', description: 'A desktop appeared in the project' },
	{ name: 'Desktop Deleted', value: 'desktopDeleted', description: 'A desktop is no longer in the project' },
	{ name: 'Desktop Status Changed', value: 'desktopStatusChanged', description: 'A desktop changed status, e.g. to Error or Shut Off' },
	{ name: 'Desktop Tags Changed', value: 'desktopTagsChanged', description: 'Tags were added to, changed on or removed from a desktop' },
];

/** The trigger's fields (n8n adds Poll Times to every polling trigger). */
export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['desktopCreated'],
		description: 'Which changes start the workflow; each change is one item',
		options: EVENTS,
	},
	{
		displayName: 'To Statuses',
		name: 'toStatuses',
		type: 'multiOptions',
		default: [],
		description: 'Only status changes to one of these statuses. Empty: any status change.',
		options: DESKTOP_STATUSES,
		displayOptions: { show: { events: ['desktopStatusChanged'] } },
	},
	{
		displayName: 'Only for Tag Keys',
		name: 'tagKeys',
		type: 'string',
		default: '',
		placeholder: 'e.g. owner, env',
		description: 'Only changes of these tag keys, separated by commas. Empty: any key.',
		displayOptions: { show: { events: ['desktopTagsChanged'] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Only desktops that match all of these (a deleted desktop: as it was last seen)',
		options: [
			{
				displayName: 'Computer Name Contains',
				name: 'computerName',
				type: 'string',
				default: '',
				description: 'Part of the computer name, in any letter case',
			},
			{
				displayName: 'Tag',
				name: 'tag',
				type: 'string',
				default: '',
				placeholder: 'e.g. env=prod',
				description:
					'Key=value the desktop must carry; a bare key matches any value. Several separated by commas must all match.',
			},
			{
				displayName: 'User Name',
				name: 'userName',
				type: 'string',
				default: '',
				description: 'The desktop user, exactly (in any letter case)',
			},
		],
	},
];

function listText(value: unknown, field: string): string[] {
	const raw = Array.isArray(value) ? value.map((entry) => requireText(field, entry)).join(',') : requireText(field, value ?? '');
	return raw
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}

function filterText(filters: IDataObject, name: string, field: string): string | undefined {
	if (!(name in filters)) return undefined;
	const text = requireText(field, filters[name] ?? '').trim();
	if (text === '') {
		throw new InputError(field, `${field} is empty: enter what to match, or remove the filter (an empty filter would match every desktop)`);
	}
	return text;
}

/** Reads and checks the trigger's settings; bad input throws an InputError naming the field. */
export function readEventSettings(parameters: {
	events: unknown;
	toStatuses: unknown;
	tagKeys: unknown;
	filters: unknown;
}): EventSettings {
	const events = (Array.isArray(parameters.events) ? parameters.events : []) as DesktopEvent[];
	if (events.length === 0) throw new InputError('Events', 'Choose at least one event');
	for (const event of events) {
		if (!EVENTS.some((known) => known.value === event)) {
			throw new InputError('Events', `Unknown event ${JSON.stringify(event)}`);
		}
	}
	const toStatuses = (Array.isArray(parameters.toStatuses) ? parameters.toStatuses : []).map((status) => String(status));
	const tagKeys = listText(parameters.tagKeys, 'Only for Tag Keys').map((key, index) =>
		validateTagKey(key, 'match', `Only for Tag Keys entry ${index + 1}`),
	);
	const raw = (parameters.filters ?? {}) as IDataObject;
	const filters: DesktopFilters = {
		tags: [],
		computerNameContains: filterText(raw, 'computerName', 'Computer Name Contains'),
		userName: filterText(raw, 'userName', 'User Name'),
	};
	const tagText = filterText(raw, 'tag', 'Tag');
	for (const [index, pair] of (tagText === undefined ? [] : listText(tagText, 'Tag')).entries()) {
		const split = pair.indexOf('=');
		const where = `Tag entry ${index + 1}`;
		filters.tags.push(
			split === -1
				? { key: validateTagKey(pair, 'match', `${where} key`) }
				: {
						key: validateTagKey(pair.slice(0, split).trim(), 'match', `${where} key`),
						value: validateTagValue(pair.slice(split + 1).trim(), 'match', `${where} value`),
					},
		);
	}
	return { events, toStatuses, tagKeys, filters };
}
