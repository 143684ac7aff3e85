import { queryParam } from '../http/rawTarget';
import { intParam } from '../validation/query';
import type { Handler } from './context';

/**
 * Every tag key used in the project with its distinct values. Huawei answers `totalCount` in
 * camelCase here, unlike everywhere else; the emulator keeps that so a client cannot assume.
 * Keys and values come sorted, which makes paging stable.
 */
export const projectTags: Handler = ({ query, state }) => {
	const offset = intParam(queryParam(query, 'offset'), 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
	if (!offset.ok) return offset.reply;
	const limit = intParam(queryParam(query, 'limit'), 'limit', 1000, 1, 1000);
	if (!limit.ok) return limit.reply;
	const key = queryParam(query, 'key');
	const value = queryParam(query, 'value');

	const byKey = new Map<string, Set<string>>();
	for (const d of state.all()) {
		for (const t of d.tags) {
			if (key !== undefined && t.key !== key) continue;
			if (value !== undefined && t.value !== value) continue;
			const values = byKey.get(t.key) ?? new Set<string>();
			values.add(t.value);
			byKey.set(t.key, values);
		}
	}
	const all = [...byKey.keys()].sort().map((k) => ({ key: k, values: [...(byKey.get(k) ?? [])].sort() }));
	return { status: 200, body: { tags: all.slice(offset.value, offset.value + limit.value), totalCount: all.length } };
};
