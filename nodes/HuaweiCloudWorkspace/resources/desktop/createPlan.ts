import type { IDataObject } from 'n8n-workflow';

import { type CreateItem, fitsPrefix } from './createInput';

/**
 * Which items go in which POST /desktops request. Pure, so that the rules are tested without a server.
 * - Items whose create parameters (everything but their own user and computer name) and wait
 *   settings are equal share requests; CreateDesktopReq takes 1 to 100 desktops a request.
 * - A request names each user once (in any letter case), so that its job's sub jobs, which name the
 *   user, tell which desktop is whose; a second desktop for a user goes in a later request. The same
 *   holds for a computer name, which Huawei wants unique.
 * - A Desktop Name longer than a prefix may be (13) can only name a lone desktop: such items go alone.
 */
export const DESKTOPS_PER_CREATE = 100;

export interface CreateRequest {
	shared: IDataObject;
	items: CreateItem[];
}

export function planCreateRequests(items: CreateItem[]): CreateRequest[] {
	const groups = new Map<string, CreateItem[]>();
	for (const item of items) {
		const key = JSON.stringify([item.shared, item.waitMs ?? null]);
		groups.set(key, [...(groups.get(key) ?? []), item]);
	}
	const requests: CreateRequest[] = [];
	for (const group of groups.values()) {
		const size = fitsPrefix(group[0].shared) ? DESKTOPS_PER_CREATE : 1;
		const open: Array<{ request: CreateRequest; names: Set<string> }> = [];
		for (const item of group) {
			const names = [`user:${item.entry.user_name.toLowerCase()}`];
			if (item.entry.computer_name) names.push(`computer:${item.entry.computer_name.toLowerCase()}`);
			let slot = open.find((candidate) => candidate.request.items.length < size && !names.some((name) => candidate.names.has(name)));
			if (!slot) {
				slot = { request: { shared: item.shared, items: [] }, names: new Set() };
				open.push(slot);
				requests.push(slot.request);
			}
			slot.request.items.push(item);
			for (const name of names) slot.names.add(name);
		}
	}
	return requests;
}
