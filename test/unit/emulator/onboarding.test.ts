import { sleep } from 'n8n-workflow';

import { ERRORS, SEED_IMAGES, SEED_PRODUCTS, startEmulator, type Emulator } from '../../emulator';
import { call, p } from './helpers';

/** The emulator's users, catalogues and desktop creation jobs, as INTERFACE.md describes them (rules from the SDK). */

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ creationMs: 40 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const create = async (body: Record<string, unknown>) =>
	await call(emu, 'POST', p(emu, '/desktops'), {
		desktop_type: 'DEDICATED',
		product_id: SEED_PRODUCTS[0].product_id,
		image_type: 'gold',
		image_id: SEED_IMAGES[0].id,
		root_volume: { type: 'SAS', size: 80 },
		...body,
	});
const job = async (id: unknown) => (await call(emu, 'GET', p(emu, `/workspace-jobs/${String(id)}`))).json ?? {};

describe('users', () => {
	test('create answers the id; the name is unique in any letter case; the user can be read, listed and deleted', async () => {
		const res = await call(emu, 'POST', p(emu, '/users'), { user_name: 'dave', user_email: 'dave@example.com', description: 'QA' });
		expect(res.status).toBe(200);
		const id = String(res.json?.id);
		const again = await call(emu, 'POST', p(emu, '/users'), { user_name: 'DAVE' });
		expect([again.status, again.json?.error_code]).toEqual([ERRORS.USER_EXISTS.status, ERRORS.USER_EXISTS.code]);
		const detail = await call(emu, 'GET', p(emu, `/users/${id}`));
		expect(detail.json?.user_detail).toMatchObject({ id, user_name: 'dave', user_email: 'dave@example.com', account_expires: 0 });
		const list = await call(emu, 'GET', p(emu, '/users?user_name=Dave'));
		expect(list.json).toMatchObject({ total_count: 1, users: [{ id, user_name: 'dave' }] });
		const fuzzy = await call(emu, 'GET', p(emu, '/users?description=q'));
		expect(fuzzy.json?.users).toEqual([expect.objectContaining({ id })]);
		expect((await call(emu, 'DELETE', p(emu, `/users/${id}`))).status).toBe(204);
		expect((await call(emu, 'GET', p(emu, `/users/${id}`))).status).toBe(404);
	});

	test.each([
		['a name starting with a digit', { user_name: '1dave' }],
		['a name of 21 characters', { user_name: 'a'.repeat(21) }],
		['a name with a space', { user_name: 'da ve' }],
		['a bad email', { user_name: 'dave', user_email: 'dave@' }],
		['a description of 256 characters', { user_name: 'dave', description: 'x'.repeat(256) }],
		['ADMIN_ACTIVATE without a password', { user_name: 'dave', active_type: 'ADMIN_ACTIVATE' }],
		['an unknown active_type', { user_name: 'dave', active_type: 'SELF' }],
		['a bad account_expires', { user_name: 'dave', account_expires: '2030-12-31' }],
	])('refuses %s with 400', async (_name, body) => {
		const res = await call(emu, 'POST', p(emu, '/users'), body);
		expect(res.status).toBe(400);
		expect(emu.listUsers().map((u) => u.user_name)).toEqual(['alice', 'bob', 'carol']);
	});

	test('deleting a desktop with delete_users=true removes its user too', async () => {
		await call(emu, 'DELETE', p(emu, `/desktops/${emu.seedDesktopIds.dev02}?delete_users=true`));
		expect(emu.listUsers().map((u) => u.user_name)).toEqual(['alice', 'carol']);
	});
});

describe('catalogues', () => {
	test('products filter by os_type and page with limit 0-100', async () => {
		const linux = await call(emu, 'GET', p(emu, '/products?os_type=Linux'));
		expect(linux.json?.products).toEqual([expect.objectContaining({ product_id: 'workspace.x86.ultimate.large2.linux' })]);
		expect((await call(emu, 'GET', p(emu, '/products?limit=101'))).status).toBe(400);
	});

	test('images filter by image_type', async () => {
		const res = await call(emu, 'GET', p(emu, '/images?image_type=private'));
		expect(res.json).toMatchObject({ total_count: 1, images: [{ image_type: 'private' }] });
	});
});

describe('POST /desktops', () => {
	test('one job, a sub job per desktop: RUNNING, then SUCCESS with the new desktop (ACTIVE, user, tags)', async () => {
		const res = await create({ desktops: [{ user_name: 'alice' }, { user_name: 'bob', computer_name: 'pc-bob' }], tags: [{ key: 'team', value: 'qa' }] });
		expect(res.status).toBe(200);
		const running = await job(res.json?.job_id);
		expect(running).toMatchObject({ status: 'RUNNING', job_type: 'CREATE_DESKTOP', sub_jobs_total: 2 });
		await sleep(60);
		const done = await job(res.json?.job_id);
		expect(done.status).toBe('SUCCESS');
		const subs = done.sub_jobs as Array<{ entities: { desktop_id: string; user_name: string; desktop_name: string } }>;
		const bob = emu.getDesktop(subs[1].entities.desktop_id);
		expect(bob).toMatchObject({ computer_name: 'pc-bob', user_name: 'bob', status: 'ACTIVE', tags: [{ key: 'team', value: 'qa' }] });
		expect(emu.getDesktop(subs[0].entities.desktop_id)?.user_name).toBe('alice');
	});

	test('a creation set to fail: its sub job FAILED with the reason, no desktop; the other succeeds', async () => {
		emu.setCreationFailure('bob', 'No capacity in the availability zone');
		const res = await create({ desktops: [{ user_name: 'alice' }, { user_name: 'bob' }] });
		await sleep(60);
		const done = await job(res.json?.job_id);
		expect(done.status).toBe('FAILED');
		const subs = done.sub_jobs as Array<{ status: string; fail_reason: string; entities: { desktop_id: string } }>;
		expect(subs.map((s) => s.status)).toEqual(['SUCCESS', 'FAILED']);
		expect(subs[1]).toMatchObject({ fail_reason: 'No capacity in the availability zone', entities: { desktop_id: '' } });
		expect(emu.listDesktops()).toHaveLength(4);
	});

	test('more desktops than the quota allows: 400, nothing created', async () => {
		emu.setDesktopQuota(4);
		const res = await create({ desktops: [{ user_name: 'alice' }, { user_name: 'bob' }] });
		expect([res.status, res.json?.error_code]).toEqual([400, ERRORS.DESKTOP_QUOTA_EXCEEDED.code]);
		await sleep(60);
		expect(emu.listDesktops()).toHaveLength(3);
	});

	test.each([
		['no product', { product_id: undefined }],
		['an unknown product', { product_id: 'nope' }],
		['an image of the other type', { image_type: 'private' }],
		['a root volume of 85 GB', { root_volume: { type: 'SAS', size: 85 } }],
		['a root volume of 70 GB', { root_volume: { type: 'SAS', size: 70 } }],
		['a volume type SATA', { root_volume: { type: 'SATA', size: 80 } }],
		['no desktops', { desktops: [] }],
		['101 desktops', { desktops: Array.from({ length: 101 }, (_, n) => ({ user_name: `u${n}` })) }],
		['a user name starting with a digit', { desktops: [{ user_name: '9lives' }] }],
		['a bad email', { desktops: [{ user_name: 'dave', user_email: 'dave' }] }],
		['a computer name of 16 characters', { desktops: [{ user_name: 'dave', computer_name: 'a'.repeat(16) }] }],
		['a computer name ending with "-"', { desktops: [{ user_name: 'dave', computer_name: 'pc-' }] }],
		['a taken computer name', { desktops: [{ user_name: 'dave', computer_name: 'WKS-DEV-01' }] }],
		['a tag with "/"', { desktops: [{ user_name: 'dave' }], tags: [{ key: 'a/b', value: '' }] }],
		['11 tags', { desktops: [{ user_name: 'dave' }], tags: Array.from({ length: 11 }, (_, n) => ({ key: `k${n}`, value: '' })) }],
	])('refuses %s with 400', async (_name, body) => {
		const res = await create({ desktops: [{ user_name: 'dave' }], ...body });
		expect(res.status).toBe(400);
	});
});
