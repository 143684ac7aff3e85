import { AUTH_MODES, credentialsFor, params, UNTHROTTLED, useEmulator } from './fixtures';
import { runNode } from './harness';

const emu = useEmulator();

const token = () => credentialsFor(emu, 'token');
const query = (raw: string) => Object.fromEntries(new URLSearchParams(raw));
const listRequests = () => emu.requests.filter((r) => r.route !== 'iam.login');

/** Every key used in the emulator's desktops with its distinct values, sorted, from the state itself. */
function expectedTags() {
	const byKey = new Map<string, Set<string>>();
	for (const d of emu.listDesktops()) {
		for (const t of d.tags) byKey.set(t.key, (byKey.get(t.key) ?? new Set()).add(t.value));
	}
	return [...byKey.keys()].sort().map((key) => ({ key, values: [...(byKey.get(key) ?? [])].sort() }));
}

describe.each(AUTH_MODES)('Tag > Get Project Tags with %s authentication', (mode) => {
	test('one item per key with its values, paired with the input', async () => {
		const { items, error } = await runNode({
			credentials: credentialsFor(emu, mode),
			parameters: params('tag', 'getProjectTags', { returnAll: true }),
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual(expectedTags());
		expect(items.every((i) => JSON.stringify(i.pairedItem) === '{"item":0}')).toBe(true);
		const [request] = listRequests();
		expect(request.method).toBe('GET');
		expect(request.rawPath).toBe(`/v2/${emu.projectId}/desktops/tags`);
	});
});

describe('Tag > Get Project Tags', () => {
	test('Return All pages over 1,050 keys', async () => {
		for (let n = 0; n < 105; n++) {
			emu.addDesktop({
				computer_name: `bulk-${n}`,
				tags: Array.from({ length: 10 }, (_, k) => ({ key: `k${String(n).padStart(3, '0')}-${k}`, value: `v${k}` })),
			});
		}
		const expected = expectedTags();
		expect(expected.length).toBeGreaterThan(1000);
		const { items } = await runNode({ credentials: token(), parameters: params('tag', 'getProjectTags', { returnAll: true }) });
		expect(items.map((i) => i.json)).toEqual(expected);
		expect(listRequests().map((r) => query(r.query))).toEqual([
			{ offset: '0', limit: '1000' },
			{ offset: '1000', limit: '1000' },
		]);
	});

	test('Limit returns that many keys with one request', async () => {
		const { items } = await runNode({ credentials: token(), parameters: params('tag', 'getProjectTags', { limit: 1 }) });
		expect(items.map((i) => i.json)).toEqual(expectedTags().slice(0, 1));
		expect(listRequests().map((r) => query(r.query))).toEqual([{ offset: '0', limit: '1' }]);
	});

	test('no tags in the project gives no items', async () => {
		for (const d of emu.listDesktops()) emu.updateDesktop(d.desktop_id, { tags: [] });
		const { items, error } = await runNode({ credentials: token(), parameters: params('tag', 'getProjectTags', { returnAll: true }) });
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
	});

	test('throttling that outlasts the retries names the operation, the code and the request ID', async () => {
		emu.injectFaults([{ type: 'status', status: 429, times: 2 }]);
		const { error } = await runNode({
			credentials: token(),
			parameters: params('tag', 'getProjectTags', { returnAll: true, throttling: { ...UNTHROTTLED, maxAttempts: 2 } }),
		});
		expect(error?.message).toMatch(/Could not list the tags used in the project: HTTP 429 APIG.0308/);
		expect(emu.requests).toHaveLength(2);
		expect(error?.description).toContain(`Request ID: ${emu.requests[1].requestId}`);
	});

	test('a Limit of 0 is refused before any request', async () => {
		const { error } = await runNode({ credentials: token(), parameters: params('tag', 'getProjectTags', { limit: 0 }) });
		expect(error?.message).toMatch(/Limit must be a whole number/);
		expect(listRequests()).toHaveLength(0);
	});
});
