import {
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type IPollFunctions,
} from 'n8n-workflow';

import { InputError } from '../shared/validation';
import { type ClientState, WorkspaceClient } from '../transport/client';
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

/** How often a listing that changed while it was paged is read again before the poll gives up. */
const LISTING_ATTEMPTS = 3;

interface Listing {
	desktops: IDataObject[];
	/** Whether the pages agree: the same total_count on every page. */
	consistent: boolean;
}

/**
 * One pass over GET /desktops, 1,000 a page. It stops at a short page or when the pages so far hold
 * `total_count` desktops (so 10,000 desktops take 10 requests, not 11), or when a page brings no new
 * desktop (a server that ignores the offset would otherwise loop forever).
 */
async function listOnce(client: WorkspaceClient): Promise<Listing> {
	const desktops: IDataObject[] = [];
	const seen = new Set<string>();
	const totals = new Set<number>();
	for (let offset = 0; ; offset += PAGE_SIZE) {
		const response = await client.send(
			{ api: 'ListDesktops', method: 'GET', segments: ['desktops'], qs: { offset, limit: PAGE_SIZE } },
			{ itemIndex: 0, errorContext: { action: 'list desktops' }, repeatable: true },
		);
		const body = (response.body ?? {}) as IDataObject;
		const page = Array.isArray(body.desktops) ? (body.desktops as IDataObject[]) : [];
		const total = Number(body.total_count);
		if (Number.isInteger(total) && total >= 0) totals.add(total);
		let added = 0;
		for (const desktop of page) {
			const id = String(desktop.desktop_id ?? '');
			if (id === '' || seen.has(id)) continue;
			seen.add(id);
			desktops.push(desktop);
			added++;
		}
		const [onlyTotal] = totals;
		if (page.length < PAGE_SIZE || added === 0 || (totals.size === 1 && desktops.length >= onlyTotal)) {
			// Only a total that moved between pages says the list changed under the offsets; a steady total that
			// differs from what was listed is taken as Huawei's count, not as a reason to fail every poll.
			return { desktops, consistent: totals.size <= 1 };
		}
	}
}

/**
 * Every desktop of the project through the Workspace client (pacing, retries, Huawei's errors).
 * Offset paging over a list that changes meanwhile can skip a desktop, which would come out as
 * deleted and then created again; such a listing is read again, and after three tries the poll
 * fails (the stored state stays, so the next poll catches up).
 */
async function listAllDesktops(state: ClientState, context: IPollFunctions): Promise<IDataObject[]> {
	const client = await WorkspaceClient.forPoll(state, context);
	for (let attempt = 1; ; attempt++) {
		const { desktops, consistent } = await listOnce(client);
		if (consistent) return desktops;
		if (attempt >= LISTING_ATTEMPTS) {
			throw new NodeOperationError(context.getNode(), 'The desktop list kept changing while it was read', {
				description: `Huawei Cloud's page totals did not agree in ${LISTING_ATTEMPTS} listings in a row. Nothing was emitted and the stored state is kept; the next poll tries again.`,
			});
		}
	}
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
