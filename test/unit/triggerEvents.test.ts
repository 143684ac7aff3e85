import {
	compactTags,
	compareDesktops,
	diffTags,
	matchesFilters,
	newestDesktop,
	readState,
	storedDesktop,
} from '../../nodes/HuaweiCloudWorkspace/trigger/desktopEvents';
import { readEventSettings } from '../../nodes/HuaweiCloudWorkspace/trigger/settings';

const settings = (overrides: Partial<Parameters<typeof readEventSettings>[0]> = {}) =>
	readEventSettings({ events: ['desktopCreated'], toStatuses: [], tagKeys: '', filters: {}, ...overrides });

describe('stored state', () => {
	test('tags are kept as a flat list sorted by key; entries without a key are dropped', () => {
		expect(compactTags([{ key: 'b', value: '2' }, { key: 'a' }, { value: 'x' }, null])).toEqual(['a', '', 'b', '2']);
		expect(compactTags(undefined)).toEqual([]);
	});

	test('a desktop is stored as [status, computer name, user name, tags]', () => {
		expect(
			storedDesktop({ desktop_id: 'd1', status: 'ACTIVE', computer_name: 'pc', user_name: null, tags: [{ key: 'k', value: 'v' }] }),
		).toEqual(['ACTIVE', 'pc', '', ['k', 'v']]);
	});

	test('static data from another format or none is no baseline', () => {
		expect(readState({})).toBeUndefined();
		expect(readState({ state: { v: 2, desktops: {} } })).toBeUndefined();
		expect(readState({ state: { v: 1, desktops: null } })).toBeUndefined();
		expect(readState({ state: { v: 1, desktops: {} } })).toEqual({ v: 1, desktops: {} });
	});

	test('a desktop listed twice (a page boundary that moved) is stored and reported once', () => {
		const desktop = { desktop_id: 'd1', status: 'ACTIVE', computer_name: 'pc' };
		const { events, state } = compareDesktops({}, [desktop, desktop], settings());
		expect(events).toHaveLength(1);
		expect(Object.keys(state.desktops)).toEqual(['d1']);
	});
});

describe('comparison', () => {
	test('tag differences by key; a value that moves from empty to set is a change', () => {
		expect(diffTags(['a', '', 'b', '1'], ['a', 'x', 'c', '3'], [])).toEqual({
			added: [{ key: 'c', value: '3' }],
			changed: [{ key: 'a', value: 'x', previousValue: '' }],
			removed: [{ key: 'b', value: '1' }],
		});
	});

	test('filters: tag with and without value, name contains, exact user, all in any letter case', () => {
		const entry = storedDesktop({ status: 'ACTIVE', computer_name: 'WKS-Dev-01', user_name: 'Alice', tags: [{ key: 'env', value: 'dev' }] });
		const filters = (raw: Record<string, string>) => settings({ filters: raw }).filters;
		expect(matchesFilters(entry, filters({ tag: 'env' }))).toBe(true);
		expect(matchesFilters(entry, filters({ tag: 'env=dev' }))).toBe(true);
		expect(matchesFilters(entry, filters({ tag: 'env=prod' }))).toBe(false);
		expect(matchesFilters(entry, filters({ tag: 'env=dev,owner' }))).toBe(false);
		expect(matchesFilters(entry, filters({ computerName: 'dev' }))).toBe(true);
		expect(matchesFilters(entry, filters({ userName: 'alice' }))).toBe(true);
		expect(matchesFilters(entry, filters({ userName: 'ali' }))).toBe(false);
	});

	test('the newest desktop by created', () => {
		expect(newestDesktop([{ created: '2024-01-01T00:00:01Z' }, { created: '2024-01-01T00:00:03Z' }, { created: '2024-01-01T00:00:02Z' }])).toEqual({
			created: '2024-01-01T00:00:03Z',
		});
		expect(newestDesktop([])).toBeUndefined();
	});
});

describe('settings', () => {
	test('at least one known event', () => {
		expect(() => settings({ events: [] })).toThrow('Choose at least one event');
		expect(() => settings({ events: ['desktopRebooted'] })).toThrow('Unknown event "desktopRebooted"');
	});

	test('an added but empty filter is refused, a bad tag key is refused by the tag rule', () => {
		expect(() => settings({ filters: { computerName: ' ' } })).toThrow('Computer Name Contains is empty');
		expect(() => settings({ filters: { tag: 'a/b=1' } })).toThrow(/Tag entry 1 key/);
		expect(() => settings({ tagKeys: 'ok, *bad' })).toThrow(/Only for Tag Keys entry 2/);
	});

	test('tag keys and tag filters are split at commas and trimmed; a tag filter splits at the first "="', () => {
		const read = settings({ tagKeys: ' owner , env ', filters: { tag: 'a=b=c, d' } });
		expect(read.tagKeys).toEqual(['owner', 'env']);
		expect(read.filters.tags).toEqual([{ key: 'a', value: 'b=c' }, { key: 'd' }]);
	});
});
