import { startEmulator, type Emulator } from '../emulator';
import { credentialsFor, desktop, params, UNTHROTTLED } from './fixtures';
import { restartN8n, runNode } from './harness';

/**
 * Every fault the emulator can produce, on one item among several: either it is retried and the
 * item succeeds, or that item carries a clear error and the other items are not affected. The same
 * for Desktop > Delete, which is never retried: desktop/delete.test.ts.
 */
let emu: Emulator;
const ids: string[] = [];
beforeAll(async () => {
	emu = await startEmulator({ seed: false });
});
beforeEach(() => {
	emu.reset();
	restartN8n();
	ids.length = 0;
	for (let i = 0; i < 4; i++) ids.push(emu.addDesktop({ desktop_id: `fa000000-0000-4000-8000-00000000000${i}`, computer_name: `fa-${i}` }).desktop_id);
});
afterAll(async () => {
	await emu.close();
});

const token = () => credentialsFor(emu, 'token');
/** Faults target the third desktop only. */
const target = () => ids[2];

async function createOnAll(extra: Record<string, unknown> = {}) {
	return await runNode({
		credentials: token(),
		parameters: params('tag', 'create', { desktopId: desktop('={{ $json.id }}'), key: 'team', value: 'blue', ...extra }),
		items: ids.map((id) => ({ id })),
		continueOnFail: true,
	});
}

function expectAllTagged(items: Array<{ json: Record<string, unknown> }>) {
	expect(items.map((i) => i.json)).toEqual(ids.map((id) => ({ success: true, desktopId: id, key: 'team', value: 'blue' })));
	for (const id of ids) expect(emu.getDesktop(id)?.tags).toEqual([{ key: 'team', value: 'blue' }]);
}

function expectOthersTagged(items: Array<{ json: Record<string, unknown> }>, failedId: string) {
	ids.forEach((id, i) => {
		if (id === failedId) {
			expect(items[i].json.success).toBeUndefined();
			expect(emu.getDesktop(id)?.tags).toEqual([]);
		} else {
			expect(items[i].json).toEqual({ success: true, desktopId: id, key: 'team', value: 'blue' });
			expect(emu.getDesktop(id)?.tags).toEqual([{ key: 'team', value: 'blue' }]);
		}
	});
}

const onTarget = () => ({ route: 'tag.create', pathIncludes: target() });

describe('retried and succeeded', () => {
	test('latency: slow answers just take longer', async () => {
		emu.injectFaults([{ type: 'latency', delayMs: 400, match: onTarget() }]);
		const started = Date.now();
		const { items } = await createOnAll();
		expectAllTagged(items);
		expect(Date.now() - started).toBeGreaterThanOrEqual(400);
		expect(emu.requests).toHaveLength(4);
	});

	test('a burst of 429s on every item', async () => {
		emu.injectFaults([{ type: 'status', status: 429, times: 6 }]);
		const { items } = await createOnAll();
		expectAllTagged(items);
		expect(emu.stats().byStatus[429]).toBe(6);
		expect(emu.stats().byStatus[204]).toBe(4);
	});

	test.each([500, 502, 503])('HTTP %i', async (status) => {
		emu.injectFaults([{ type: 'status', status, match: onTarget() }]);
		const { items } = await createOnAll();
		expectAllTagged(items);
		expect(emu.requests).toHaveLength(5);
	});

	test('connection reset', async () => {
		emu.injectFaults([{ type: 'reset', match: onTarget() }]);
		const { items } = await createOnAll();
		expectAllTagged(items);
		expect(emu.requests).toHaveLength(5);
	});

	test('HTML error body from a proxy', async () => {
		emu.injectFaults([{ type: 'html', status: 502, match: onTarget() }]);
		const { items } = await createOnAll();
		expectAllTagged(items);
	});

	test('empty error body', async () => {
		emu.injectFaults([{ type: 'empty', status: 503, match: onTarget() }]);
		const { items } = await createOnAll();
		expectAllTagged(items);
	});

	test('a response slower than the request timeout is abandoned and retried', async () => {
		emu.injectFaults([{ type: 'slow', delayMs: 5000, match: onTarget() }]);
		const started = Date.now();
		const { items } = await createOnAll({ requestOptions: { timeout: 500 } });
		expectAllTagged(items);
		expect(Date.now() - started).toBeLessThan(4000);
		expect(emu.requests.filter((r) => r.fault === 'slow')).toHaveLength(1);
	});
});

describe('a clear error on that item, nothing else lost', () => {
	const once = { ...UNTHROTTLED, maxAttempts: 1 };

	test('429s that outlast the attempts', async () => {
		emu.injectFaults([{ type: 'status', status: 429, match: onTarget(), times: 2 }]);
		const { items } = await createOnAll({ throttling: { ...UNTHROTTLED, maxAttempts: 2 } });
		expectOthersTagged(items, target());
		expect(items[2].json.error).toMatch(/Could not create tag "team" on desktop fa0.*: HTTP 429 APIG.0308/);
	});

	test('HTML error body: status, and the start of the body', async () => {
		emu.injectFaults([{ type: 'html', status: 502, match: onTarget() }]);
		const { items } = await createOnAll({ throttling: once });
		expectOthersTagged(items, target());
		expect(items[2].json.error).toMatch(/HTTP 502/);
		const error = items[2].error as unknown as { description?: string };
		expect(error.description).toMatch(/Response \(not JSON\): <html>/);
		expect(error.description).toMatch(/Bad Gateway/);
	});

	test('empty error body: the status and that there was no request ID', async () => {
		emu.injectFaults([{ type: 'empty', status: 500, match: onTarget() }]);
		const { items } = await createOnAll({ throttling: once });
		expectOthersTagged(items, target());
		expect(items[2].json.error).toMatch(/HTTP 500/);
	});

	test('connection reset', async () => {
		emu.injectFaults([{ type: 'reset', match: onTarget() }]);
		const { items } = await createOnAll({ throttling: once });
		expectOthersTagged(items, target());
		expect(String(items[2].json.error)).toMatch(/socket hang up|reset|connection/i);
	});

	test('timeout', async () => {
		emu.injectFaults([{ type: 'slow', delayMs: 5000, match: onTarget() }]);
		const { items } = await createOnAll({ throttling: once, requestOptions: { timeout: 300 } });
		expectOthersTagged(items, target());
		expect(items[2].json.error).toBe(`Could not create tag "team" on desktop ${target()}: no answer from Huawei Cloud within 300 ms (Options > Timeout)`);
	});
});
