import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { ERRORS } from '../../emulator';
import { expectHuaweiError, onRoute, type ReportedError } from '../apiErrors';
import { AUTH_MODES, credentialsFor, useEmulator } from '../fixtures';
import { loadedNode } from '../harness';
import { loadOptionsContext } from '../loadOptions';

/**
 * The Desktop picker's "From List" (list search `searchDesktops`, `GET /v2/{project}/desktops`),
 * called through a real n8n LoadOptionsContext as the editor calls it: desktops as
 * "computer name (user)", filtered by computer name, paged with a token; Huawei's errors reach the
 * editor with their code, message and request ID. It takes no input that could be refused (the
 * search text is passed on as a filter) and runs outside any item, so it has no Continue On Fail.
 */

/** The picker's page size, as the README documents it (Operations: *From List* is "listed 100 desktops a page"). */
const SEARCH_PAGE_SIZE = 100;
/** The picker as the editor calls it: the loaded node's listSearch method, on a load-options context. */
const search = (context: ILoadOptionsFunctions, filter?: string, token?: string) =>
	loadedNode().methods.listSearch.searchDesktops.call(context, filter, token);

const emu = useEmulator();
/** What a call that should fail threw; undefined when it did not fail. */
const failureOf = (call: Promise<unknown>) => call.then(() => undefined, (error: unknown) => error as ReportedError & { name?: string });

const query = (raw: string) => Object.fromEntries(new URLSearchParams(raw));
const listRequests = () => emu.requests.filter((r) => r.route !== 'iam.login');

test('the node registers searchDesktops and the Desktop picker offers it before By ID, as the default of new nodes', () => {
	const node = loadedNode();
	expect(typeof node.methods.listSearch.searchDesktops).toBe('function');
	const pickers = node.description.properties.filter((p) => p.name === 'desktopId');
	expect(pickers.length).toBeGreaterThan(0);
	for (const picker of pickers) {
		expect(picker.default).toEqual({ mode: 'list', value: '' });
		expect(picker.modes?.map((m) => m.name)).toEqual(['list', 'id']);
		expect(picker.modes?.[0].typeOptions).toEqual({ searchListMethod: 'searchDesktops', searchable: true });
		expect(Object.keys(node.methods.listSearch)).toContain(picker.modes?.[0].typeOptions?.searchListMethod);
	}
});

describe.each(AUTH_MODES)('searchDesktops with %s authentication', (mode) => {
	test('lists desktops as "name (user)" with their IDs', async () => {
		const result = await search(loadOptionsContext(credentialsFor(emu, mode)));
		expect(result).toEqual({
			results: emu.listDesktops().map((d) => ({ name: `${d.computer_name} (${d.user_name})`, value: d.desktop_id })),
			paginationToken: undefined,
		});
	});
});

describe('searchDesktops', () => {
	const context = () => loadOptionsContext(credentialsFor(emu, 'token'));

	test('the search text filters by computer name', async () => {
		const result = await search(context(), 'prod');
		const expected = emu.listDesktops().filter((d) => d.computer_name.includes('prod'));
		expect(result.results.map((r) => r.value)).toEqual(expected.map((d) => d.desktop_id));
		expect(query(listRequests()[0].query)).toEqual({ offset: '0', limit: String(SEARCH_PAGE_SIZE), computer_name: 'prod' });
	});

	test('pages with a token until a short page', async () => {
		for (let n = 0; n < 250; n++) emu.addDesktop({ computer_name: `bulk-${n}` });
		const all = emu.listDesktops();
		const seen: string[] = [];
		let token: string | undefined;
		let calls = 0;
		do {
			const page = await search(context(), undefined, token);
			seen.push(...page.results.map((r) => String(r.value)));
			token = page.paginationToken;
			calls++;
		} while (token !== undefined && calls < 10);
		expect(seen).toEqual(all.map((d) => d.desktop_id));
		expect(calls).toBe(Math.ceil(all.length / SEARCH_PAGE_SIZE));
		// A desktop without a user shows its name alone.
		expect(seen.length).toBe(all.length);
	});

	test('a desktop without a user is shown by its name alone', async () => {
		const added = emu.addDesktop({ computer_name: 'kiosk-01' });
		const result = await search(context(), 'kiosk');
		expect(result.results).toEqual([{ name: 'kiosk-01', value: added.desktop_id }]);
	});

	test('an API error is a NodeApiError with Huawei\'s code and request ID', async () => {
		emu.injectFaults([{ type: 'status', status: 403 }]);
		await expect(search(context())).rejects.toMatchObject({
			name: 'NodeApiError',
			message: expect.stringMatching(/Could not list desktops: HTTP 403/),
			description: expect.stringContaining(`Request ID: ${emu.requests[0]?.requestId ?? ''}`),
		});
		expect(emu.requests[0].status).toBe(403);
	});

	test('a 403 keeps Huawei\'s code, message and request ID', async () => {
		emu.injectFaults([{ type: 'status', status: 403 }]);
		const error = await failureOf(search(context()));
		expectHuaweiError(error, onRoute(emu, 'desktop.list')[0], ERRORS.FORBIDDEN.msg);
	});

	test('an expired token: one request, a 401 with Huawei\'s code, message and request ID', async () => {
		emu.expireTokens();
		const error = await failureOf(search(context()));
		const answers = onRoute(emu, 'desktop.list');
		expect(answers.map((a) => a.status)).toEqual([401]);
		expect(error).toMatchObject({ name: 'NodeApiError' });
		expectHuaweiError(error, answers[0], ERRORS.AUTH_FAILED.msg);
	});

	test('throttling that does not let up: the editor gets the 429 with Huawei\'s code, message and request ID', async () => {
		emu.injectFaults([{ type: 'status', status: 429, match: { route: 'desktop.list' }, times: 10 }]);
		const error = await failureOf(search(context()));
		const answers = onRoute(emu, 'desktop.list');
		expect(answers.length).toBeGreaterThan(0);
		expect(answers.every((a) => a.status === 429)).toBe(true);
		expectHuaweiError(error, answers[answers.length - 1], ERRORS.THROTTLED.msg);
	});
});
