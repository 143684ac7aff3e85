import { ERRORS } from '../emulator';
import { credentialsFor, desktop, params, useEmulator } from './fixtures';
import { loadedNode, restartN8n, runNode } from './harness';
import { loadOptionsContext } from './loadOptions';

/**
 * Proving the credential before the crowd: with no answer yet for an identity (or after a 401), one
 * request goes alone and the others wait. A refused signature or token fails every item of the run
 * without sending it, so a wrong secret key has seen one bad signature, not twenty (Huawei locks an
 * access key after five in a row). An answer opens the gate for everyone.
 */
const emu = useEmulator();

const ITEMS = 20;
const tenInFlight = { requestsPerSecond: 10000, maxConcurrent: 10 };
/** Item n tags desktop n, so that no desktop reaches its tag quota. */
const createOnEveryItem = () =>
	params('tag', 'create', {
		desktopId: desktop('={{ $json.id }}'),
		key: '={{ "k" + $json.n }}',
		value: 'v',
		throttling: tenInFlight,
	});
const idOf = (n: number) => `9a000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const items = () =>
	Array.from({ length: ITEMS }, (_, n) => ({
		n,
		id: emu.getDesktop(idOf(n))
			? idOf(n)
			: emu.addDesktop({ desktop_id: idOf(n), computer_name: `gate-${n}` }).desktop_id,
	}));
const tagRequests = () => emu.requests.filter((r) => r.route === 'tag.create');

test.each([
	[
		'a wrong secret key',
		() => ({
			...credentialsFor(emu, 'accessKey'),
			secretAccessKey: 'not-the-secret',
		}),
	],
	['a wrong token', () => ({ ...credentialsFor(emu, 'token'), token: 'not-a-token' })],
])(
	'%s: exactly one request reaches Huawei, and all %i items fail with its error',
	async (_label, credentials) => {
		const run = await runNode({
			credentials: credentials(),
			parameters: createOnEveryItem(),
			items: items(),
			continueOnFail: true,
		});
		expect(tagRequests()).toHaveLength(1);
		expect(tagRequests()[0].status).toBe(401);
		expect(run.items).toHaveLength(ITEMS);
		for (const item of run.items) {
			expect(String(item.json.error)).toMatch(/HTTP 401 APIG\.0301/);
			expect(item.error?.description).toContain(ERRORS.AUTH_FAILED.msg);
		}
		// Every item but the one sent says it was not sent, and why.
		expect(
			run.items.filter((item) =>
				/Not sent: Huawei Cloud refused the credential/.test(String(item.error?.description)),
			),
		).toHaveLength(ITEMS - 1);
		expect(emu.isAccessKeyLocked(emu.credentials.accessKeyId)).toBe(false);
		for (let n = 0; n < ITEMS; n++) expect(emu.getDesktop(idOf(n))?.tags).toEqual([]);
	},
);

test('without Continue On Fail the node stops on the first refusal, having sent one request', async () => {
	const credentials = {
		...credentialsFor(emu, 'accessKey'),
		secretAccessKey: 'not-the-secret',
	};
	const { error, items: out } = await runNode({
		credentials,
		parameters: createOnEveryItem(),
		items: items(),
	});
	expect(out).toEqual([]);
	expect(error?.message).toMatch(/401/);
	expect(tagRequests()).toHaveLength(1);
});

test('with the right key, the first answer opens the gate and the rest go at full concurrency', async () => {
	emu.setLatency(50);
	const arrivedAt: number[] = [];
	const push = emu.requests.push.bind(emu.requests);
	emu.requests.push = (...records) => {
		for (const record of records) if (record.route === 'tag.create') arrivedAt.push(Date.now());
		return push(...records);
	};
	const credentials = credentialsFor(emu, 'accessKey');
	const { error, items: out } = await runNode({
		credentials,
		parameters: createOnEveryItem(),
		items: items(),
	});
	expect(error).toBeUndefined();
	expect(out.every((item) => item.json.success === true)).toBe(true);
	expect(tagRequests()).toHaveLength(ITEMS);
	// One went alone; then ten at a time.
	expect(emu.stats().maxInFlight).toBe(10);
	const [first, ...rest] = arrivedAt;
	expect(rest.every((at) => at >= first + 50)).toBe(true);
});

test('a refusal in one run does not stop the next: the next run proves the credential again', async () => {
	const wrong = { ...credentialsFor(emu, 'token'), token: 'not-a-token' };
	await runNode({
		credentials: wrong,
		parameters: createOnEveryItem(),
		items: items(),
		continueOnFail: true,
	});
	expect(tagRequests()).toHaveLength(1);
	const right = await runNode({
		credentials: credentialsFor(emu, 'token'),
		parameters: createOnEveryItem(),
		items: items(),
	});
	expect(right.error).toBeUndefined();
	expect(tagRequests()).toHaveLength(1 + ITEMS);
});

test('a token that dies mid-run closes the gate for the rest of that run', async () => {
	restartN8n();
	emu.injectFaults([
		{
			type: 'status',
			status: 401,
			errorCode: 'APIG.0301',
			match: { route: 'tag.create' },
			times: 1,
		},
	]);
	const credentials = credentialsFor(emu, 'token');
	// A first run proves the token; in the second the first answer is a 401.
	await runNode({
		credentials,
		parameters: params('tag', 'getAll', { desktopId: desktop(emu.seedDesktopIds.dev01) }),
	});
	const { items: out } = await runNode({
		credentials,
		parameters: {
			...createOnEveryItem(),
			throttling: { requestsPerSecond: 10000, maxConcurrent: 1 },
		},
		items: items(),
		continueOnFail: true,
	});
	expect(tagRequests()).toHaveLength(1);
	expect(out.every((item) => /401/.test(String(item.json.error)))).toBe(true);
});

test('bulk tagging: 250 desktops with a wrong key send one look-up, not three, and no batch', async () => {
	const ids = Array.from(
		{ length: 250 },
		(_, n) => emu.addDesktop({ desktop_id: idOf(500 + n), computer_name: `bulk-${n}` }).desktop_id,
	);
	const credentials = { ...credentialsFor(emu, 'accessKey'), secretAccessKey: 'not-the-secret' };
	const { error } = await runNode({
		credentials,
		parameters: params('tag', 'bulkCreate', {
			desktopId: desktop('={{ $json.id }}'),
			tags: { tag: [{ key: 'env', value: 'dev' }] },
		}),
		items: ids.map((id) => ({ id })),
	});
	expect(error?.message).toMatch(/401/);
	expect(emu.requests.map((r) => r.route)).toEqual(['desktop.list']);
});

test('the Desktop picker proves the credential the same way: a refused key is one request', async () => {
	const credentials = { ...credentialsFor(emu, 'accessKey'), secretAccessKey: 'not-the-secret' };
	await expect(
		loadedNode().methods.listSearch.searchDesktops.call(loadOptionsContext(credentials)),
	).rejects.toMatchObject({
		httpCode: '401',
	});
	expect(emu.requests).toHaveLength(1);
});
