import type { INodeParameters } from 'n8n-workflow';

import { desktop } from './fixtures';
import { CONTROL, FORBIDDEN_RULE, type HostileCase, ID, TOO_LONG_KEY, V } from './hostileCases';

/**
 * One case per input rule, named after it, for the per-operation files to run where their
 * operation takes that input (with expectRefusedBeforeSending: the item fails naming the field and
 * the rule, and nothing is sent). The rules are the README's: tag keys are required, at most 128
 * characters (code points), not "." or ".."; where a tag is written or matched also without
 * * < > , | / (forbidden by every wording of Huawei's rule) or control characters; values at most
 * 43 characters, with the same characters refused where they are written; at most 20 tags a
 * request, each key once; an empty desktop ID, or text where a number or a boolean belongs, is
 * refused. The hostile-input suites try many values per rule; these name each rule once.
 */
export interface Rule {
	/** Reads after "rejects ", e.g. "a key with a slash". */
	name: string;
	value: unknown;
	says: RegExp;
}

const FORBIDDEN_NAMES: Array<[string, string]> = [
	['*', 'an asterisk'],
	['<', 'a less-than sign'],
	['>', 'a greater-than sign'],
	[',', 'a comma'],
	['|', 'a vertical bar'],
	['/', 'a slash'],
];
/** Where a tag is removed: a key Huawei holds from an older rule must stay removable. */
export const KEY_RULES_FOR_REMOVING: Rule[] = [
	{ name: 'an empty key', value: '', says: /required/ },
	{ name: 'a key of 129 characters', value: TOO_LONG_KEY, says: /at most 128/ },
	{ name: 'the key "."', value: '.', says: /may not be "\." or "\.\."/ },
	{ name: 'the key ".."', value: '..', says: /may not be "\." or "\.\."/ },
	{ name: 'a key that is a number', value: 5, says: /must be text/ },
];

/** Where a tag is written or matched. */
export const KEY_RULES: Rule[] = [
	...KEY_RULES_FOR_REMOVING,
	...FORBIDDEN_NAMES.map(([c, name]) => ({ name: `a key with ${name}`, value: `a${c}b`, says: FORBIDDEN_RULE })),
	{ name: 'a key with a line break', value: CONTROL['a line break'], says: /control character/ },
];

export const VALUE_RULES_FOR_REMOVING: Rule[] = [
	{ name: 'a value of 44 characters', value: '😀'.repeat(44), says: /at most 43/ },
	{ name: 'a value that is a number', value: 5, says: /must be text/ },
];

export const VALUE_RULES: Rule[] = [
	...VALUE_RULES_FOR_REMOVING,
	...FORBIDDEN_NAMES.map(([c, name]) => ({ name: `a value with ${name}`, value: `v${c}`, says: FORBIDDEN_RULE })),
	{ name: 'a value with a tab', value: CONTROL['a tab'], says: /control character/ },
];

export const DESKTOP_ID_RULES: Rule[] = [
	{ name: 'an empty desktop ID', value: '', says: /required/ },
	{ name: 'a blank desktop ID', value: '  ', says: /required/ },
	{ name: 'a desktop ID with a slash', value: 'a/b', says: /is not a desktop ID/ },
	{ name: 'the desktop ID ".."', value: '..', says: /is not a desktop ID/ },
	{ name: 'a desktop ID of 129 characters', value: 'd'.repeat(129), says: /is not a desktop ID/ },
	{ name: 'a desktop ID that is a number', value: 5, says: /must be text/ },
];

export const LIMIT_RULES: Rule[] = [
	{ name: 'a Limit of 0', value: 0, says: /whole number of at least 1/ },
	{ name: 'a negative Limit', value: -5, says: /whole number of at least 1/ },
	{ name: 'a Limit of 1.5', value: 1.5, says: /whole number of at least 1/ },
	{ name: 'a Limit given as text', value: '7', says: /whole number of at least 1/ },
];

/** A true-or-false option given by an expression that yields something else. */
export const BOOLEAN_RULES: Rule[] = [
	{ name: 'the text "true"', value: 'true', says: /true or false/ },
	{ name: 'the number 1', value: 1, says: /true or false/ },
];

/**
 * The cases of `rules` for one operation: the value comes from upstream data (`$json.v`) into the
 * parameters `at` builds; the desktop is the first seed desktop unless `at` sets desktopId. `where`
 * names the place when an operation takes the same kind of input twice.
 */
export function ruleCases(
	resource: string,
	operation: string,
	field: RegExp,
	rules: Rule[],
	at: (value: string) => INodeParameters,
	where?: string,
): Array<[string, HostileCase]> {
	return rules.map((rule) => [
		where ? `${rule.name} in ${where}` : rule.name,
		{
			label: rule.name,
			resource,
			operation,
			parameters: { desktopId: desktop(ID), ...at(V) },
			item: { v: rule.value },
			field,
			rule: rule.says,
		},
	]);
}

/** The README's limits on the list of tags of one request: not empty, at most 20, each key once. */
export function tagListCases(resource: string, operation: string, rest: INodeParameters = {}): Array<[string, HostileCase]> {
	const shapes: Array<[string, INodeParameters, RegExp]> = [
		['a request without tags', {}, /is empty/],
		['21 tags in one request', { tag: Array.from({ length: 21 }, (_, n) => ({ key: `k${n}`, value: 'v' })) }, /at most 20/],
		['the same key twice', { tag: [{ key: 'k', value: '1' }, { key: 'k', value: '2' }] }, /names the key "k" twice/],
	];
	return shapes.map(([name, tags, says]) => [
		name,
		{ label: name, resource, operation, parameters: { desktopId: desktop(ID), ...rest, tags }, field: /Tags/, rule: says },
	]);
}
