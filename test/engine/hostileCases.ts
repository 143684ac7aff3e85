import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Emulator } from '../emulator';
import { credentialsFor, params } from './fixtures';
import { runNode } from './harness';

/** The vocabulary of the table-driven hostile-input suites. */

/** Upstream item fields: `v` carries the hostile value, `id` the desktop. */
export const ID = '={{ $json.id }}';
export const V = '={{ $json.v }}';

export interface HostileCase {
	label: string;
	resource: string;
	operation: string;
	parameters: INodeParameters;
	item?: Record<string, unknown>;
	/** The field the error must name, and the rule it must state. */
	field: RegExp;
	rule: RegExp;
}

export const TOO_LONG_KEY = '🔑'.repeat(129); // 129 code points, 258 UTF-16 units
export const CONTROL = { 'a line break': 'a\nb', 'a tab': 'a\tb', NUL: 'a\u0000b', DEL: 'a\u007fb', 'a C1 control': 'a\u0085b' };
/** Forbidden by every wording of Huawei's tag rule ("=" is allowed by the current one: Huawei decides). */
export const FORBIDDEN = ['*', '<', '>', ',', '|', '/'];
/** What the node says when it refuses one of them. */
export const FORBIDDEN_RULE = /Huawei's tag rules forbid \* < > , \| \/ in tag keys and values/;
export const NOT_TEXT: Array<[string, unknown, RegExp]> = [
	['a number', 5, /must be text, but the value is a number \(5\)/],
	['an object', { a: 1 }, /must be text, but the value is an object/],
	['a list', [1], /must be text, but the value is a list/],
	['a boolean', true, /must be text, but the value is a boolean/],
];

/**
 * Runs one case and asserts the promise of the suites: a clear error naming the field and the rule,
 * nothing sent, nothing changed. Returns the requests that reached Delete Desktop, for the suites'
 * final check that none ever did (recorded before asserting, so a failing case still reports them).
 */
export async function expectRefusedBeforeSending(emu: Emulator, c: HostileCase): Promise<string[]> {
	const before = JSON.stringify(emu.listDesktops());
	const { error, items } = await runNode({
		credentials: credentialsFor(emu, 'token'),
		parameters: params(c.resource, c.operation, c.parameters),
		items: [{ id: emu.seedDesktopIds.dev01, ...c.item } as IDataObject],
	});
	const deleteHits = emu.requests
		.filter((r) => r.route === 'desktop.delete')
		.map((r) => `${c.label}: ${r.method} ${r.rawPath}`);
	expect(items).toEqual([]);
	const text = `${error?.message ?? ''}\n${error?.description ?? ''}`;
	expect(text).toMatch(c.field);
	expect(text).toMatch(c.rule);
	expect(error?.description ?? '').toMatch(/Nothing was sent to Huawei Cloud/);
	expect(emu.requests).toEqual([]);
	expect(JSON.stringify(emu.listDesktops())).toBe(before);
	expect(emu.deletedDesktops).toEqual([]);
	return deleteHits;
}
