import { ERRORS } from '../../emulator';
import { expectHuaweiError, expectRejectedToken, runOn } from '../apiErrors';
import { AUTH_MODES, credentialsFor, params, UNTHROTTLED, useEmulator } from '../fixtures';
import { runNode } from '../harness';
import { expectRefusedBeforeSending } from '../hostileCases';
import { LIMIT_RULES, ruleCases } from '../inputRules';

/**
 * Tag > Get Project Tags (`GET /v2/{project}/desktops/tags`), once per input item: one output
 * item per key with its values, paging through Return All or stopping at Limit; a bad Limit is
 * refused before sending, Huawei's errors reach the item with their code, message and request ID
 * (throttling is retried up to Max Attempts), and with Continue On Fail one failed item leaves the
 * others listed.
 */
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
});

describe('Tag > Get Project Tags: input rules, checked before anything is sent', () => {
	test('a Limit of 0 is refused before any request', async () => {
		const { error } = await runNode({ credentials: token(), parameters: params('tag', 'getProjectTags', { limit: 0 }) });
		expect(error?.message).toMatch(/Limit must be a whole number/);
		expect(listRequests()).toHaveLength(0);
	});

	test.each(ruleCases('tag', 'getProjectTags', /Limit/, LIMIT_RULES, (v) => ({ returnAll: false, limit: v })))(
		'rejects %s before sending anything',
		async (_rule, c) => {
			await expectRefusedBeforeSending(emu, c);
		},
	);
});

describe('Tag > Get Project Tags: errors from Huawei', () => {
	test('throttling that outlasts the retries names the operation, the code and the request ID', async () => {
		emu.injectFaults([{ type: 'status', status: 429, times: 2 }]);
		const { error } = await runNode({
			credentials: token(),
			parameters: params('tag', 'getProjectTags', { returnAll: true, throttling: { ...UNTHROTTLED, maxAttempts: 2 } }),
		});
		expect(error?.message).toMatch(/Could not list the tags used in the project: HTTP 429 APIG.0308/);
		expect(emu.requests).toHaveLength(2);
		expect(error?.description).toContain(`Request ID: ${emu.requests[1].requestId}`);
		expectHuaweiError(error, emu.requests[1], ERRORS.THROTTLED.msg);
	});

	test('a user without Workspace permissions: a 403 with Huawei\'s code, message and request ID, not retried', async () => {
		emu.injectFaults([{ type: 'status', status: 403, match: { route: 'project.tags' }, times: 5 }]);
		const { error, items, answers } = await runOn(emu, 'project.tags', params('tag', 'getProjectTags', { returnAll: true }));
		expect(items).toEqual([]);
		expect(answers.map((a) => a.status)).toEqual([403]);
		expectHuaweiError(error, answers[0], ERRORS.FORBIDDEN.msg);
	});

	test('an expired token: one request, the 401 with Huawei\'s code, message and request ID', async () => {
		const { items } = await expectRejectedToken(emu, 'project.tags', params('tag', 'getProjectTags', { returnAll: true }));
		expect(items).toEqual([]);
	});
});

describe('Tag > Get Project Tags with Continue On Fail', () => {
	test('a refused request fails only its item, with Huawei\'s error; the other item lists every key', async () => {
		emu.injectFaults([{ type: 'status', status: 403, match: { route: 'project.tags' } }]);
		const { error, items, answers } = await runOn(emu, 'project.tags', params('tag', 'getProjectTags', { returnAll: true }), {
			items: [{}, {}],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		const failed = items.filter((i) => i.json.error !== undefined);
		const listed = items.filter((i) => i.json.error === undefined);
		expect(failed).toHaveLength(1);
		expect(listed.map((i) => i.json)).toEqual(expectedTags());
		// Both items ran at once, so either may have met the fault: the listed keys all belong to the other.
		const pairs = new Set(listed.map((i) => JSON.stringify(i.pairedItem)));
		expect(pairs.size).toBe(1);
		expect([...pairs][0]).toMatch(/^\{"item":[01]\}$/);
		const [refused, ...more] = answers.filter((r) => r.status !== 200);
		expect(more).toEqual([]);
		expectHuaweiError(failed[0].error, refused, ERRORS.FORBIDDEN.msg);
	});
});
