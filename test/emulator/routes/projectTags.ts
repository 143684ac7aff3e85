import { queryParam } from '../http/rawTarget';
import { intParam } from '../validation/query';
import type { Handler } from './context';

/**
 * GET /desktops/tags (ListProjectTagsRequest -> ListProjectTagsResponse): every tag key used in the
 * project with its distinct values. The SDK spells the count `totalCount` in camelCase here, unlike
 * everywhere else; the emulator keeps that so a client cannot assume. Limit 0-1000, default 1000.
 * With both `key` and `value`, a tag matching either one is listed (ListProjectTagsRequest says so).
 * Keys and values come sorted, which makes paging stable.
 */
export const projectTags: Handler = ({ query, state }) => {
	const offset = intParam(queryParam(query, 'offset'), 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
	if (!offset.ok) return offset.reply;
	const limit = intParam(queryParam(query, 'limit'), 'limit', 1000, 0, 1000);
	if (!limit.ok) return limit.reply;
	const key = queryParam(query, 'key');
	const value = queryParam(query, 'value');

	const found = new Map<string, Set<string>>();
	for (const d of state.all()) {
		for (const t of d.tags) {
			const byKey = key !== undefined && t.key === key;
			const byValue = value !== undefined && t.value === value;
			if ((key !== undefined || value !== undefined) && !byKey && !byValue) continue;
			const values = found.get(t.key) ?? new Set<string>();
			values.add(t.value);
			found.set(t.key, values);
		}
	}
	const all = [...found.keys()].sort().map((k) => ({ key: k, values: [...(found.get(k) ?? [])].sort() }));
	return { status: 200, body: { tags: all.slice(offset.value, offset.value + limit.value), totalCount: all.length } };
};
