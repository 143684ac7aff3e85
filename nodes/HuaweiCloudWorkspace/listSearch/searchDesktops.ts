import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { type ClientState, WorkspaceClient } from '../transport/client';

/** Desktops per page of the picker: enough to scroll, small enough to answer fast. */
const SEARCH_PAGE_SIZE = 100;

function pickerName(desktop: IDataObject): string {
	const name = typeof desktop.computer_name === 'string' && desktop.computer_name !== '' ? desktop.computer_name : String(desktop.desktop_id);
	return typeof desktop.user_name === 'string' && desktop.user_name !== '' ? `${name} (${desktop.user_name})` : name;
}

/**
 * The "From List" mode of the Desktop picker: desktops whose computer name contains the search
 * text, one page at a time; the pagination token is the next offset.
 */
export function searchDesktops(state: ClientState) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const offset = /^\d+$/.test(paginationToken ?? '') ? Number(paginationToken) : 0;
		const qs: IDataObject = { offset, limit: SEARCH_PAGE_SIZE };
		const name = (filter ?? '').trim();
		if (name !== '') qs.computer_name = name;
		const client = await WorkspaceClient.forPicker(state, this);
		const response = await client.send(
			{ api: 'ListDesktops', method: 'GET', segments: ['desktops'], qs },
			{ itemIndex: 0, errorContext: { action: 'list desktops' }, repeatable: true },
		);
		const list = (response.body as IDataObject | undefined)?.desktops;
		const desktops = Array.isArray(list) ? (list as IDataObject[]) : [];
		const results: INodeListSearchItems[] = desktops
			.filter((desktop) => typeof desktop.desktop_id === 'string' && desktop.desktop_id !== '')
			.map((desktop) => ({ name: pickerName(desktop), value: desktop.desktop_id as string }));
		return {
			results,
			paginationToken: desktops.length === SEARCH_PAGE_SIZE ? String(offset + SEARCH_PAGE_SIZE) : undefined,
		};
	};
}
