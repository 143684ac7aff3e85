import type { CreateItem } from '../../nodes/HuaweiCloudWorkspace/resources/desktop/createInput';
import { planCreateRequests } from '../../nodes/HuaweiCloudWorkspace/resources/desktop/createPlan';

/** Which Desktop > Create items share a POST /desktops request (CreateDesktopReq takes 1-100 desktops). */
const shared = { desktop_type: 'DEDICATED', product_id: 'p', image_type: 'gold', image_id: 'i', root_volume: { type: 'SAS', size: 80 } };
let next = 0;
const item = (user: string, extra: Partial<CreateItem> = {}): CreateItem => ({ itemIndex: next++, shared, entry: { user_name: user }, waitMs: 60_000, ...extra });
const shape = (items: CreateItem[]) => planCreateRequests(items).map((r) => r.items.map((i) => i.entry.user_name));

beforeEach(() => {
	next = 0;
});

test('equal items share requests of at most 100, in input order', () => {
	const users = Array.from({ length: 250 }, (_, n) => `u${n}`);
	expect(shape(users.map((u) => item(u))).map((r) => r.length)).toEqual([100, 100, 50]);
});

test('different parameters or wait settings: different requests', () => {
	const other = { ...shared, tags: [{ key: 'team', value: 'b' }] };
	expect(shape([item('a'), item('b', { shared: other }), item('c'), item('d', { waitMs: undefined })])).toEqual([['a', 'c'], ['b'], ['d']]);
});

test('a user appears once per request, in any letter case', () => {
	expect(shape([item('alice'), item('ALICE'), item('bob'), item('alice')])).toEqual([['alice', 'bob'], ['ALICE'], ['alice']]);
});

test('a desktop name longer than a prefix may be (13) names lone desktops only', () => {
	const named = { ...shared, desktop_name: 'a-fourteen-chr' };
	const prefixed = { ...shared, desktop_name: 'thirteen-char' };
	expect(shape([item('a', { shared: named }), item('b', { shared: named })])).toEqual([['a'], ['b']]);
	expect(shape([item('a', { shared: prefixed }), item('b', { shared: prefixed })])).toEqual([['a', 'b']]);
});

test('a computer name appears once per request, in any letter case', () => {
	const named = (user: string, computer: string) => item(user, { entry: { user_name: user, computer_name: computer } });
	expect(shape([named('a', 'pc-1'), named('b', 'PC-1'), named('c', 'pc-2')])).toEqual([['a', 'c'], ['b']]);
});
