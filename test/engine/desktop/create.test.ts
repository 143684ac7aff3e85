import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { pollSchedule } from '../../../nodes/HuaweiCloudWorkspace/resources/desktop/polling';
import { ERRORS, SEED_IMAGES, SEED_PRODUCTS } from '../../emulator';
import { expectHuaweiError, expectRejectedToken, onRoute } from '../apiErrors';
import { AUTH_MODES, credentialsFor, desktop, params, UNTHROTTLED, useEmulator } from '../fixtures';
import { runNode } from '../harness';
import { expectRefusedBeforeSending, V } from '../hostileCases';

/**
 * Desktop > Create: POST /desktops (CreateDesktopReq) -> { job_id }, one desktop per input item,
 * items with equal parameters in one request of up to 100 (the SDK's 1-100 `desktops`); with Wait
 * for Completion the job (GET /workspace-jobs/{job_id}) is polled until it ends, and each item gets
 * the desktop of its own user or its sub job's fail_reason. Expected desktops are read from the
 * emulator's state; rules from the SDK (CreateDesktopReq, Volume, Desktop, Tag).
 */
const emu = useEmulator({ creationMs: 40 });
beforeAll(() => {
	Object.assign(pollSchedule, { firstMs: 20, growth: 1.5, maxMs: 60 });
});

const PRODUCT = SEED_PRODUCTS[1].product_id;
const IMAGE = SEED_IMAGES[0].id;
const base = (rest: INodeParameters = {}): INodeParameters =>
	params('desktop', 'create', {
		productId: desktop(PRODUCT),
		imageType: 'gold',
		imageId: desktop(IMAGE),
		userName: '={{ $json.user }}',
		userEmail: '={{ $json.email }}',
		tags: { tag: [{ key: 'team', value: '={{ $json.team }}' }] },
		...rest,
	});
const employees = (names: string[], team = 'qa') => names.map((user) => ({ user, email: `${user}@example.com`, team }));
const run = (parameters: INodeParameters, items: IDataObject[], extra: { continueOnFail?: boolean; onStarted?: (cancel: () => void) => void } = {}) =>
	runNode({ credentials: credentialsFor(emu, 'token'), parameters, items, ...extra });
const bodies = () => onRoute(emu, 'desktop.create').map((r) => JSON.parse(r.body) as IDataObject);
const desktopOf = (user: string) => emu.listDesktops().filter((d) => d.user_name === user);

describe.each(AUTH_MODES)('Desktop > Create with %s authentication', (mode) => {
	test('three employees: one request, one job, each item its own desktop (ACTIVE, its user, its tag)', async () => {
		const { items, error } = await runNode({ credentials: credentialsFor(emu, mode), parameters: base(), items: employees(['dave', 'erin', 'frank']) });
		expect(error).toBeUndefined();
		expect(bodies()).toEqual([
			{
				desktop_type: 'DEDICATED',
				product_id: PRODUCT,
				image_type: 'gold',
				image_id: IMAGE,
				root_volume: { type: 'SAS', size: 80 },
				tags: [{ key: 'team', value: 'qa' }],
				desktops: ['dave', 'erin', 'frank'].map((user) => ({ user_name: user, user_email: `${user}@example.com` })),
			},
		]);
		for (const [index, user] of ['dave', 'erin', 'frank'].entries()) {
			const [made] = desktopOf(user);
			expect(made).toMatchObject({ status: 'ACTIVE', product_id: PRODUCT, tags: [{ key: 'team', value: 'qa' }] });
			expect(items[index].json).toMatchObject({ success: true, userName: user, desktopId: made.desktop_id, computerName: made.computer_name, status: 'ACTIVE' });
			expect(items[index].json.desktop).toMatchObject({ desktop_id: made.desktop_id, user_name: user });
			expect(items[index].pairedItem).toEqual({ item: index });
		}
		expect(new Set(items.map((i) => i.json.jobId)).size).toBe(1);
		expect(onRoute(emu, 'job.show').every((r) => r.rawPath === `/v2/${emu.projectId}/workspace-jobs/${String(items[0].json.jobId)}`)).toBe(true);
	});
});

describe('Desktop > Create', () => {
	test('batching: 150 equal items are 2 requests (100 + 50); another team, another request; a second desktop for a user, a later one', async () => {
		const many = employees(Array.from({ length: 150 }, (_, n) => `user${n}`));
		const { items, error } = await run(base(), [...many, ...employees(['gina'], 'sales'), ...employees(['user149'])]);
		expect(error).toBeUndefined();
		expect(bodies().map((b) => (b.desktops as unknown[]).length)).toEqual([100, 50, 1, 1]);
		expect(items).toHaveLength(152);
		expect(items.every((i) => i.json.success === true)).toBe(true);
		expect(bodies()[2].desktops).toEqual([{ user_name: 'user149', user_email: 'user149@example.com' }]);
		expect(desktopOf('user149')).toHaveLength(2);
		expect(new Set(items.map((i) => i.json.desktopId)).size).toBe(152);
		expect(desktopOf('gina')[0].tags).toEqual([{ key: 'team', value: 'sales' }]);
	});

	test('without Wait for Completion: the job ID at once, readable with Job > Get', async () => {
		const { items } = await run(base({ options: { waitForCompletion: false } }), employees(['dave']));
		expect(items[0].json).toEqual({ success: true, userName: 'dave', accepted: true, jobId: expect.any(String) });
		expect(onRoute(emu, 'job.show')).toEqual([]);
		await sleep(60);
		const job = await run(params('job', 'get', { jobId: String(items[0].json.jobId) }), [{}]);
		expect(job.items[0].json).toMatchObject({ status: 'SUCCESS', sub_jobs: [{ entities: { user_name: 'dave', desktop_id: desktopOf('dave')[0].desktop_id } }] });
	});

	test('options go in the SDK names; a computer name, data volumes, network and email notification', async () => {
		await run(
			base({
				desktopType: 'SHARED',
				rootVolumeType: 'SSD',
				rootVolumeSize: 100,
				options: {
					computerName: 'pc-dave',
					availabilityZone: 'ap-southeast-1a',
					dataVolumes: { volume: [{ type: 'SAS', size: 50 }] },
					subnetIds: 'subnet-1',
					securityGroupIds: 'sg-1, sg-2',
					emailNotification: false,
				},
			}),
			employees(['dave']),
		);
		expect(bodies()[0]).toMatchObject({
			desktop_type: 'SHARED',
			root_volume: { type: 'SSD', size: 100 },
			availability_zone: 'ap-southeast-1a',
			data_volumes: [{ type: 'SAS', size: 50 }],
			nics: [{ subnet_id: 'subnet-1' }],
			security_groups: [{ id: 'sg-1' }, { id: 'sg-2' }],
			email_notification: false,
			desktops: [{ user_name: 'dave', user_email: 'dave@example.com', computer_name: 'pc-dave' }],
		});
		expect(desktopOf('dave')[0].computer_name).toBe('pc-dave');
	});

	test('a failed creation fails only its item, with the reason; never reported as success', async () => {
		emu.setCreationFailure('erin', 'No capacity in the availability zone');
		const { items, error } = await run(base(), employees(['dave', 'erin', 'frank']), { continueOnFail: true });
		expect(error).toBeUndefined();
		// With Continue On Fail n8n gives a failed item { error: message } and keeps the error beside it.
		expect(items.map((i) => i.json.success)).toEqual([true, undefined, true]);
		expect(items[1].error?.description).toContain('Job ID:');
		expect(String(items[1].json.error)).toContain('The desktop for user erin was not created: No capacity in the availability zone');
		expect(items[1].json.desktopId).toBeUndefined();
		expect(desktopOf('erin')).toEqual([]);
		expect(desktopOf('dave')).toHaveLength(1);
	});

	test('without Continue On Fail the node fails on the failed creation and says how many were created', async () => {
		emu.setCreationFailure('erin', 'Image not available');
		const { error } = await run(base(), employees(['dave', 'erin']));
		expect(error?.message).toContain('The desktop for user erin was not created: Image not available');
		expect(error?.description).toContain('1 of 2 desktops were created or accepted');
	});

	test('more desktops than the quota: every item of the request gets Huawei\'s error, nothing created', async () => {
		emu.setDesktopQuota(4);
		const { items, error } = await run(base(), employees(['dave', 'erin']), { continueOnFail: true });
		expect(error).toBeUndefined();
		const [answer] = onRoute(emu, 'desktop.create');
		expect(answer.status).toBe(400);
		for (const item of items) expectHuaweiError(item.error ?? undefined, answer, ERRORS.DESKTOP_QUOTA_EXCEEDED.msg);
		await sleep(60);
		expect(emu.listDesktops()).toHaveLength(3);
	});

	test('a listing of the new desktops that fails leaves their details out, never their success', async () => {
		emu.injectFaults([{ type: 'status', status: 500, match: { route: 'desktop.list' }, times: 10 }]);
		const { items, error } = await run(base({ throttling: { ...UNTHROTTLED, maxAttempts: 2 } }), employees(['dave']));
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ success: true, desktopId: desktopOf('dave')[0].desktop_id });
		expect(items[0].json.desktop).toBeUndefined();
	});

	test('a 502 on the create request is not repeated (a second request could create a second desktop)', async () => {
		emu.injectFaults([{ type: 'status', status: 502, match: { route: 'desktop.create' } }]);
		const { error } = await run(base(), employees(['dave']));
		expect(onRoute(emu, 'desktop.create')).toHaveLength(1);
		expect(error?.message).toContain('HTTP 502');
	});

	test('Timeout: the item fails saying the job still runs, and the creation goes on', async () => {
		emu.setCreationMs(1500);
		const started = Date.now();
		const { items } = await run(base({ options: { timeout: 0.005 } }), employees(['dave']), { continueOnFail: true });
		expect(Date.now() - started).toBeLessThan(1500);
		expect(String(items[0].json.error)).toContain('did not finish within the timeout');
		expect(items[0].error?.description).toContain('job status RUNNING');
		await sleep(1600);
		expect(desktopOf('dave')).toHaveLength(1);
	});

	test('cancelling the execution stops the polling', async () => {
		emu.setCreationMs(60_000);
		let pollsAtCancel = -1;
		const started = Date.now();
		await run(base(), employees(['dave']), {
			continueOnFail: true,
			onStarted: (cancel) => {
				void (async () => {
					while (onRoute(emu, 'job.show').length < 3) await sleep(1);
					pollsAtCancel = onRoute(emu, 'job.show').length;
					cancel();
				})();
			},
		});
		expect(Date.now() - started).toBeLessThan(5000);
		const after = onRoute(emu, 'job.show').length;
		await sleep(200);
		expect(after - pollsAtCancel).toBeLessThanOrEqual(1);
		expect(onRoute(emu, 'job.show').length).toBe(after);
	});

	test('a 401 is not repeated', async () => {
		await expectRejectedToken(emu, 'desktop.create', base(), employees(['dave']));
	});

	describe('input rules: refused before anything is sent', () => {
		test.each([
			['a missing product', { productId: desktop(V) }, '', /Product/, /Product is required: pick one from the list/],
			['a missing image', { imageId: desktop(V) }, ' ', /Image/, /Image is required/],
			['a bad email', { userEmail: V }, 'dave@', /User Email/, /not a valid email/],
			['a user name of 21 characters', { userName: V }, 'a'.repeat(21), /User Name/, /at most 20/],
			['a user name starting with a digit', { userName: V }, '9lives', /User Name/, /starting with a letter/],
			['21 tags', { tags: { tag: Array.from({ length: 21 }, (_, n) => ({ key: `k${n}`, value: '' })) } }, '', /Tags/, /at most 20 tags/],
			['a tag key with a slash', { tags: { tag: [{ key: V, value: '' }] } }, 'a/b', /Tags entry 1 key/, /forbid/],
			['a root volume of 85 GB', { rootVolumeSize: V }, 85, /Root Volume Size/, /multiple of 10 between 80/],
			['a root volume of 70 GB', { rootVolumeSize: V }, 70, /Root Volume Size/, /multiple of 10 between 80/],
			['a volume type SATA', { rootVolumeType: V }, 'SATA', /Root Volume Type/, /one of SAS, SSD, GPSSD/],
			['a computer name of 16 characters', { options: { computerName: V } }, 'a'.repeat(16), /Computer Name/, /at most 15/],
			['a computer name ending with "-"', { options: { computerName: V } }, 'pc-', /Computer Name/, /not ending with "-"/],
			['a data volume of 5 GB', { options: { dataVolumes: { volume: [{ type: 'SAS', size: V }] } } }, 5, /Data Volume 1 Size/, /between 10/],
			['a Timeout of 0', { options: { timeout: V } }, 0, /Timeout/, /greater than 0/],
			['an image type "public"', { imageType: V }, 'public', /Image Type/, /one of gold, private/],
		])('rejects %s', async (label, parameters, value, field, rule) => {
			const { productId, imageId, ...rest } = base() as IDataObject;
			await expectRefusedBeforeSending(emu, {
				label,
				resource: 'desktop',
				operation: 'create',
				parameters: { productId, imageId, ...rest, userName: 'dave', userEmail: 'dave@example.com', tags: {}, ...parameters } as INodeParameters,
				item: { v: value },
				field,
				rule,
			});
		});
	});
});
