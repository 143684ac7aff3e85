import { ERRORS } from '../../emulator';
import { expectHuaweiError, expectRetriedUntilMaxAttempts, runOn, runWithAnUnknownDesktop } from '../apiErrors';
import { AUTH_MODES, credentialsFor, desktop, params, useEmulator } from '../fixtures';
import { runNode } from '../harness';
import { expectRefusedBeforeSending } from '../hostileCases';
import { DESKTOP_ID_RULES, ruleCases } from '../inputRules';

/**
 * Tag > Get Many (`GET /v2/{project}/desktops/{id}/tags`), one request per item: one output item
 * per tag, paired with its input; a bad desktop ID is refused before sending, Huawei's errors
 * reach the item with their code, message and request ID, and with Continue On Fail one failed
 * item leaves the others listed. Retries after 429 and 5xx: retries.test.ts.
 */
const emu = useEmulator();

const token = () => credentialsFor(emu, 'token');
const workspaceRequests = () => emu.requests.filter((r) => r.route !== 'iam.login');
const listTags = (id: string) => params('tag', 'getAll', { desktopId: desktop(id) });
/** The desktop's tags as the emulator holds them, as the operation outputs them. */
const tagItemsOf = (id: string) => (emu.getDesktop(id)?.tags ?? []).map((t) => ({ key: t.key, value: t.value, desktopId: id }));

describe.each(AUTH_MODES)('Tag > Get Many with %s authentication', (mode) => {
	test('outputs one item per tag', async () => {
		const id = emu.seedDesktopIds.prod01;
		const { items } = await runNode({
			credentials: credentialsFor(emu, mode),
			parameters: params('tag', 'getAll', { desktopId: desktop(id) }),
		});
		expect(items.map((i) => [i.json.key, i.json.value])).toEqual([
			['env', 'prod'],
			['owner', 'carol'],
		]);
		expect(items.every((i) => JSON.stringify(i.pairedItem) === '{"item":0}')).toBe(true);
	});
});

describe('Tag > Get Many: a desktop without tags', () => {
	const untagged = () => emu.updateDesktop(emu.seedDesktopIds.dev02, { tags: [] }).desktop_id;

	test('outputs nothing by default, as saved workflows expect', async () => {
		const id = untagged();
		const { items, error } = await runNode({ credentials: token(), parameters: listTags(id) });
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
	});

	test('with Output an Item When No Tags, outputs one item for it and one per tag for the others', async () => {
		const id = untagged();
		const tagged = emu.seedDesktopIds.prod01;
		const { items } = await runNode({
			credentials: token(),
			parameters: params('tag', 'getAll', { desktopId: desktop('={{ $json.id }}'), options: { outputWhenNoTags: true } }),
			items: [{ id }, { id: tagged }],
		});
		expect(items.map((i) => i.json)).toEqual([{ desktopId: id, tags: [] }, ...tagItemsOf(tagged)]);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 1 }]);
	});

	test('a value that is not true or false fails the item before anything is sent', async () => {
		const { error } = await runNode({
			credentials: token(),
			parameters: params('tag', 'getAll', { desktopId: desktop(untagged()), options: { outputWhenNoTags: '={{ "yes" }}' } }),
		});
		expect(error?.message).toMatch(/Output an Item When No Tags must be true or false/);
		expect(workspaceRequests()).toEqual([]);
	});
});

describe('Tag > Get Many: input rules, checked before anything is sent', () => {
	test.each(ruleCases('tag', 'getAll', /Desktop ID/, DESKTOP_ID_RULES, (v) => ({ desktopId: desktop(v) })))(
		'rejects %s before sending anything',
		async (_rule, c) => {
			await expectRefusedBeforeSending(emu, c);
		},
	);
});

describe('Tag > Get Many: errors from Huawei', () => {
	test('an unknown desktop: a 404 with Huawei\'s code, message and request ID', async () => {
		const { error, items, answers } = await runOn(emu, 'tag.list', listTags('no-such-desktop'));
		expect(items).toEqual([]);
		expect(answers.map((a) => a.status)).toEqual([404]);
		expectHuaweiError(error, answers[0], ERRORS.DESKTOP_NOT_FOUND.msg);
	});

	test('an expired token fails with advice, once per item, without retrying', async () => {
		emu.expireTokens();
		const { error } = await runNode({
			credentials: token(),
			parameters: params('tag', 'getAll', { desktopId: desktop(emu.seedDesktopIds.dev01) }),
		});
		expect(error?.message).toMatch(/401/);
		expect(error?.message).toContain('APIG.0301');
		expect(error?.description).toMatch(/token is wrong or has expired/);
		expect(workspaceRequests()).toHaveLength(1);
		expectHuaweiError(error, workspaceRequests()[0], ERRORS.AUTH_FAILED.msg);
	});

	test('a 504 on every attempt is retried up to Max Attempts, then fails with Huawei\'s code, message and request ID', async () => {
		const timeout = { status: 504, attempts: 3, huaweiMessage: ERRORS.BACKEND_TIMEOUT.msg };
		const { items } = await expectRetriedUntilMaxAttempts(emu, 'tag.list', timeout, listTags(emu.seedDesktopIds.dev01));
		expect(items).toEqual([]);
	});
});

describe('Tag > Get Many with Continue On Fail', () => {
	test('an unknown desktop fails only its item, with Huawei\'s error; the others list their tags', async () => {
		const { items, ids, refused } = await runWithAnUnknownDesktop(emu, 'tag.list', listTags('={{ $json.id }}'));
		// Outputs come in input order. n8n's RoutingNode leaves the failed item of an operation that
		// outputs several items per input unpaired, so its place tells which input failed.
		const before = tagItemsOf(ids[0]).length;
		expect(items.map((i) => i.json)).toEqual([...tagItemsOf(ids[0]), { error: expect.any(String) }, ...tagItemsOf(ids[2])]);
		expect(items.filter((i) => i.json.error === undefined).map((i) => i.pairedItem)).toEqual([
			...tagItemsOf(ids[0]).map(() => ({ item: 0 })),
			...tagItemsOf(ids[2]).map(() => ({ item: 2 })),
		]);
		expectHuaweiError(items[before].error, refused, ERRORS.DESKTOP_NOT_FOUND.msg);
	});
});
