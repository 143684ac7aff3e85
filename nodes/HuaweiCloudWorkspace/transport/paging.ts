import type { IDataObject } from 'n8n-workflow';

/**
 * Offset + limit paging, as Huawei documents it: pages until a short page. Pure, so that the rules
 * are tested without a server; the client sends the pages.
 * - Paging stops at the first short page, when the wanted number is reached (the last page asks
 *   only for what is still wanted), or when a page repeats the previous one (a server that ignores
 *   the offset would otherwise loop forever).
 * - n8n's built-in `offset` pagination cannot put offset and limit as strings into a JSON body (the
 *   resource-instances API wants "0", "100"), and cannot stop on a repeated page.
 */

export interface PageSettings {
	/** Largest page the API accepts. */
	pageSize: number;
	/** Where offset and limit go: the query string, or the JSON body as strings (resource-instances). */
	placement: 'qs' | 'bodyStrings';
}

export interface PageRequest {
	qs?: IDataObject;
	body?: unknown;
}

/** The request with one page's offset and limit. */
export function withPage<T extends PageRequest>(request: T, placement: PageSettings['placement'], offset: number, limit: number): T {
	if (placement === 'qs') return { ...request, qs: { ...(request.qs ?? {}), offset, limit } };
	const body = (request.body && typeof request.body === 'object' ? request.body : {}) as IDataObject;
	return { ...request, body: { ...body, offset: String(offset), limit: String(limit) } };
}

/**
 * Fetches pages until `wanted` results (Infinity for all) or the end, and returns them in order.
 * `keep` drops results the server should not have matched; the end of the list is still told by
 * the server's page, and pages are then always full-sized, as fewer kept results than asked for
 * says nothing about what comes next.
 */
export async function collectPages<T>(
	wanted: number,
	pageSize: number,
	fetchPage: (offset: number, limit: number) => Promise<T[]>,
	fingerprint: (result: T) => string,
	keep?: (result: T) => boolean,
): Promise<T[]> {
	const results: T[] = [];
	let offset = 0;
	let previousFirst: string | undefined;
	while (results.length < wanted) {
		const size = keep ? pageSize : Math.min(pageSize, wanted - results.length);
		const page = await fetchPage(offset, size);
		const first = page.length > 0 ? fingerprint(page[0]) : undefined;
		if (first !== undefined && first === previousFirst) break;
		previousFirst = first;
		results.push(...(keep ? page.filter(keep) : page));
		if (page.length < size) break;
		offset += size;
	}
	return results.slice(0, wanted);
}
