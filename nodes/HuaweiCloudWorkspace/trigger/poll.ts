import {
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type IPollFunctions,
} from 'n8n-workflow';

import { InputError } from '../shared/validation';
import { type ClientState, WorkspaceClient } from '../transport/client';
import { collectPages } from '../transport/paging';
import { compareDesktops, matchesFilters, newestDesktop, readState, storedDesktop } from './desktopEvents';
import { readEventSettings } from './settings';

/** GET /desktops answers at most this many desktops a page. */
const PAGE_SIZE = 1000;

function settingsOf(context: IPollFunctions) {
	try {
		return readEventSettings({
			events: context.getNodeParameter('events', []),
			toStatuses: context.getNodeParameter('toStatuses', []),
			tagKeys: context.getNodeParameter('tagKeys', ''),
			filters: context.getNodeParameter('filters', {}),
		});
	} catch (error) {
		const field = error instanceof InputError ? error.field : undefined;
		throw new NodeOperationError(context.getNode(), error as Error, {
			message: (error as Error).message,
			description: field === undefined ? undefined : `Field: ${field}`,
		});
	}
}

/** Every desktop of the project, 1,000 a page, through the Workspace client (pacing, retries, errors). */
async function listAllDesktops(state: ClientState, context: IPollFunctions): Promise<IDataObject[]> {
	const client = await WorkspaceClient.forPoll(state, context);
	return await collectPages<IDataObject>(
		Infinity,
		PAGE_SIZE,
		async (offset, limit) => {
			const response = await client.send(
				{ method: 'GET', segments: ['desktops'], qs: { offset, limit } },
				{ itemIndex: 0, errorContext: { action: 'list desktops' }, repeatable: true },
			);
			const list = (response.body as IDataObject | undefined)?.desktops;
			return Array.isArray(list) ? (list as IDataObject[]) : [];
		},
		(desktop) => String(desktop.desktop_id),
	);
}

/**
 * The trigger's poll: lists every desktop, compares with what the last poll stored, and emits one
 * item per change. An API error fails the poll (a NodeApiError from the client) before the stored
 * state is touched, so the next poll compares against the same baseline: nothing lost, nothing twice.
 */
export function pollDesktops(state: ClientState) {
	return async function (this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const settings = settingsOf(this);
		const desktops = await listAllDesktops(state, this);

		if (this.getMode() === 'manual') {
			// The editor's "Fetch Test Event": the newest matching desktop as a creation; stored state untouched.
			const newest = newestDesktop(desktops.filter((desktop) => matchesFilters(storedDesktop(desktop), settings.filters)));
			if (!newest) return null;
			const [sample] = compareDesktops({}, [newest], { ...settings, events: ['desktopCreated'] }).events;
			return [this.helpers.returnJsonArray([sample])];
		}

		const staticData = this.getWorkflowStaticData('node');
		const previous = readState(staticData);
		const { events, state: next } = compareDesktops(previous?.desktops ?? {}, desktops, settings);
		staticData.state = next as unknown as IDataObject;
		// The first poll records the baseline and reports nothing.
		if (previous === undefined || events.length === 0) return null;
		return [this.helpers.returnJsonArray(events)];
	};
}
