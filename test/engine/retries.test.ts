/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- developer and test tooling: runs under Node, never shipped in the n8n package */
import type { INodeParameters } from 'n8n-workflow';

import { startEmulator, type Emulator, type RecordedRequest } from '../emulator';
import { credentialsFor, desktop, params, resetForTest, UNTHROTTLED } from './fixtures';
import { runNode } from './harness';

/**
 * Retries only where they are safe: throttling always, transient failures only for operations
 * whose repeat changes nothing, authentication and client errors never. Desktop > Delete, which is
 * never repeated after a transient failure, is proven in desktop/delete.test.ts.
 */
let emu: Emulator;
/** When each request arrived, from the emulator's own request log. */
const arrivedAt = new WeakMap<RecordedRequest, number>();
beforeAll(async () => {
	emu = await startEmulator();
	const push = emu.requests.push.bind(emu.requests);
	emu.requests.push = (...records: RecordedRequest[]) => {
		for (const record of records) arrivedAt.set(record, Date.now());
		return push(...records);
	};
});
beforeEach(() => resetForTest(emu));
afterAll(async () => {
	await emu.close();
});

const token = () => credentialsFor(emu, 'token');
const dev01 = () => emu.seedDesktopIds.dev01;
const routeCount = (route: string) => emu.requests.filter((r) => r.route === route).length;

interface TagOperation {
	name: string;
	route: string;
	parameters: () => INodeParameters;
	/** The output and state the operation must leave, checked after a retried success. */
	check: (json: Array<Record<string, unknown>>) => void;
}

const TAG_OPERATIONS: TagOperation[] = [
	{
		name: 'Create',
		route: 'tag.create',
		parameters: () => params('tag', 'create', { desktopId: desktop(dev01()), key: 'team', value: 'blue' }),
		check: (json) => {
			expect(json).toEqual([{ success: true, desktopId: dev01(), key: 'team', value: 'blue' }]);
			expect(emu.getDesktop(dev01())?.tags).toEqual([
				{ key: 'env', value: 'dev' },
				{ key: 'owner', value: 'alice' },
				{ key: 'team', value: 'blue' },
			]);
		},
	},
	{
		name: 'Delete',
		route: 'tag.delete',
		parameters: () => params('tag', 'delete', { desktopId: desktop(dev01()), key: 'owner' }),
		check: (json) => {
			expect(json).toEqual([{ success: true, deleted: true, desktopId: dev01(), key: 'owner' }]);
			expect(emu.getDesktop(dev01())?.tags).toEqual([{ key: 'env', value: 'dev' }]);
		},
	},
	{
		name: 'Get Many',
		route: 'tag.list',
		parameters: () => params('tag', 'getAll', { desktopId: desktop(dev01()) }),
		check: (json) => {
			expect(json).toEqual([
				{ key: 'env', value: 'dev', desktopId: dev01() },
				{ key: 'owner', value: 'alice', desktopId: dev01() },
			]);
		},
	},
	{
		name: 'Add or Remove Many',
		route: 'tag.batch',
		parameters: () =>
			params('tag', 'batch', { desktopId: desktop(dev01()), action: 'create', tags: { tag: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] } }),
		check: (json) => {
			expect(json).toEqual([{ success: true, desktopId: dev01(), action: 'create', keys: ['a', 'b'] }]);
			expect(emu.getDesktop(dev01())?.tags).toEqual([
				{ key: 'env', value: 'dev' },
				{ key: 'owner', value: 'alice' },
				{ key: 'a', value: '1' },
				{ key: 'b', value: '2' },
			]);
		},
	},
];

const TRANSIENT_FAULTS = [
	{ label: '500', fault: { type: 'status' as const, status: 500 } },
	{ label: '502', fault: { type: 'status' as const, status: 502 } },
	{ label: '503', fault: { type: 'status' as const, status: 503 } },
	{ label: 'connection reset', fault: { type: 'reset' as const } },
];

describe.each(TAG_OPERATIONS)('Tag > $name', (operation) => {
	test.each(TRANSIENT_FAULTS)('is retried after a $label and succeeds', async ({ fault }) => {
		emu.injectFaults([{ ...fault, match: { route: operation.route }, times: 2 }]);
		const { items, error } = await runNode({ credentials: token(), parameters: operation.parameters() });
		expect(error).toBeUndefined();
		operation.check(items.map((i) => i.json));
		expect(routeCount(operation.route)).toBe(3);
		expect(emu.pendingFaults()).toBe(0);
	});

	test('is retried after a 429 and succeeds', async () => {
		emu.injectFaults([{ type: 'status', status: 429, match: { route: operation.route } }]);
		const { items, error } = await runNode({ credentials: token(), parameters: operation.parameters() });
		expect(error).toBeUndefined();
		operation.check(items.map((i) => i.json));
		expect(routeCount(operation.route)).toBe(2);
	});
});

describe('authentication and client errors are never retried', () => {
	test.each([400, 401, 403, 404, 409])('HTTP %i on Tag > Create: one request', async (status) => {
		emu.injectFaults([{ type: 'status', status, match: { route: 'tag.create' }, times: 5 }]);
		const { error } = await runNode({ credentials: token(), parameters: TAG_OPERATIONS[0].parameters() });
		expect(error?.message).toContain(`HTTP ${status}`);
		expect(routeCount('tag.create')).toBe(1);
		expect(emu.getDesktop(dev01())?.tags).toHaveLength(2);
	});

	test('an expired token: one request for the whole run, every item fails with the 401', async () => {
		emu.expireTokens();
		const { items } = await runNode({
			credentials: token(),
			parameters: params('tag', 'getAll', { desktopId: desktop(dev01()) }),
			items: [{}, {}, {}],
			continueOnFail: true,
		});
		expect(items.map((i) => String(i.json.error))).toEqual(Array(3).fill(expect.stringContaining('401')));
		expect(routeCount('tag.list')).toBe(1);
	});

	test('a wrong secret key: one signed request for the whole run, so the key is not locked', async () => {
		const credentials = { ...credentialsFor(emu, 'accessKey'), secretAccessKey: 'not-the-secret-0000000000000000' };
		await runNode({
			credentials,
			parameters: params('tag', 'delete', { desktopId: desktop(dev01()), key: 'owner' }),
			items: [{}, {}],
			continueOnFail: true,
		});
		expect(routeCount('tag.delete')).toBe(1);
		expect(emu.isAccessKeyLocked(emu.credentials.accessKeyId)).toBe(false);
		expect(emu.getDesktop(dev01())?.tags).toHaveLength(2);
	});
});

describe('Retry-After and bounds', () => {
	const gapsOf = (route: string) => {
		const times = emu.requests.filter((r) => r.route === route).map((r) => arrivedAt.get(r) ?? NaN);
		return times.slice(1).map((t, i) => t - times[i]);
	};

	test('Retry-After on a 429 is waited out before the next attempt', async () => {
		emu.injectFaults([{ type: 'status', status: 429, retryAfter: 2, match: { route: 'tag.create' } }]);
		const { error } = await runNode({ credentials: token(), parameters: TAG_OPERATIONS[0].parameters() });
		expect(error).toBeUndefined();
		const gaps = gapsOf('tag.create');
		expect(gaps).toHaveLength(1);
		// Without Retry-After the first backoff is 250-500 ms.
		expect(gaps[0]).toBeGreaterThanOrEqual(1990);
		expect(gaps[0]).toBeLessThan(3000);
	});

	test('Retry-After on a 503 is waited out too', async () => {
		emu.injectFaults([{ type: 'status', status: 503, retryAfter: 1, match: { route: 'tag.list' } }]);
		const { error } = await runNode({ credentials: token(), parameters: TAG_OPERATIONS[2].parameters() });
		expect(error).toBeUndefined();
		expect(gapsOf('tag.list')[0]).toBeGreaterThanOrEqual(990);
	});

	test('attempts stop at Max Attempts, with the throttling error on the item', async () => {
		emu.injectFaults([{ type: 'status', status: 429, match: { route: 'tag.create' }, times: 10 }]);
		const { error } = await runNode({
			credentials: token(),
			parameters: { ...TAG_OPERATIONS[0].parameters(), throttling: { ...UNTHROTTLED, maxAttempts: 3 } },
		});
		expect(error?.message).toMatch(/HTTP 429 APIG.0308/);
		expect(routeCount('tag.create')).toBe(3);
		expect(emu.getDesktop(dev01())?.tags).toHaveLength(2);
	});

	test('a Retry-After beyond Max Retry Wait ends the retries at once', async () => {
		emu.injectFaults([{ type: 'status', status: 429, retryAfter: 5, match: { route: 'tag.create' }, times: 3 }]);
		const started = Date.now();
		const { error } = await runNode({
			credentials: token(),
			parameters: { ...TAG_OPERATIONS[0].parameters(), throttling: { ...UNTHROTTLED, maxRetryWaitSeconds: 2 } },
		});
		expect(error?.message).toMatch(/HTTP 429/);
		expect(routeCount('tag.create')).toBe(1);
		expect(Date.now() - started).toBeLessThan(2000);
	});

	test('the total wait stays within Max Retry Wait', async () => {
		emu.injectFaults([{ type: 'status', status: 503, retryAfter: 1, match: { route: 'tag.list' }, times: 10 }]);
		const started = Date.now();
		const { error } = await runNode({
			credentials: token(),
			parameters: { ...TAG_OPERATIONS[2].parameters(), throttling: { ...UNTHROTTLED, maxRetryWaitSeconds: 2.5 } },
		});
		expect(error?.message).toMatch(/HTTP 503/);
		// 1 s + at least 1 s (backoff or Retry-After) fit in 2.5 s; a third wait would not.
		expect(routeCount('tag.list')).toBe(3);
		expect(Date.now() - started).toBeLessThan(4000);
	});
});
