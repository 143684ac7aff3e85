import { type Tag, TAGS_PER_REQUEST_MAX } from '../../shared/validation';

/**
 * How Add to Many Desktops and Remove From Many Desktops pack items into batch-tags requests.
 * Pure, so that the packing rules are tested on random items without a server.
 */

/** Huawei's limit for one batch-tags request. */
const DESKTOPS_PER_REQUEST_MAX = 100;

export interface BulkItem {
	itemIndex: number;
	desktopId: string;
	tags: Tag[];
}

/** One desktop's part of a request: its tags, and the input items they came from. */
export interface BulkEntry {
	desktopId: string;
	tags: Tag[];
	itemIndexes: number[];
}

/** Requests to send one round after another; the requests of a round are independent of each other. */
export type BulkPlan = BulkEntry[][][];

/**
 * Whether an item's tags can join the desktop's entry without changing what either asks for: no
 * key with two different values (Huawei would keep one of them, and which is not documented), and
 * no more tags than one entry may carry.
 */
function canMerge(entry: BulkEntry, tags: Tag[]): boolean {
	const values = new Map(entry.tags.map((tag) => [tag.key, tag.value]));
	for (const tag of tags) {
		const value = values.get(tag.key);
		if (value !== undefined && value !== tag.value) return false;
		values.set(tag.key, tag.value);
	}
	return values.size <= TAGS_PER_REQUEST_MAX;
}

/**
 * Packs the items into as few batch-tags requests as Huawei allows. A desktop may appear only once
 * in a request (Huawei rejects the whole body otherwise), so items naming the same desktop are
 * merged into one entry when their tags agree; an item that conflicts with the desktop's entry (the
 * same key with another value, or more than 20 tags together) goes into the next round, which is
 * sent only after the previous round has finished, so that later items win as they would one by one.
 */
export function planBulkRequests(items: BulkItem[], desktopsPerRequest = DESKTOPS_PER_REQUEST_MAX): BulkPlan {
	const rounds: Array<Map<string, BulkEntry>> = [];
	const lastRound = new Map<string, number>();
	for (const item of items) {
		const round = lastRound.get(item.desktopId);
		const entry = round === undefined ? undefined : rounds[round].get(item.desktopId);
		if (entry && canMerge(entry, item.tags)) {
			for (const tag of item.tags) {
				if (!entry.tags.some((known) => known.key === tag.key)) entry.tags.push(tag);
			}
			entry.itemIndexes.push(item.itemIndex);
			continue;
		}
		const target = round === undefined ? 0 : round + 1;
		if (!rounds[target]) rounds[target] = new Map();
		rounds[target].set(item.desktopId, { desktopId: item.desktopId, tags: [...item.tags], itemIndexes: [item.itemIndex] });
		lastRound.set(item.desktopId, target);
	}
	return rounds.map((round) => {
		const entries = [...round.values()];
		const requests: BulkEntry[][] = [];
		for (let start = 0; start < entries.length; start += desktopsPerRequest) {
			requests.push(entries.slice(start, start + desktopsPerRequest));
		}
		return requests;
	});
}
