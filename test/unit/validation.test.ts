/**
 * Input rules from the seed pages, API.md and Huawei's SDK: tag key required, at most 128 Unicode
 * characters (code points), value optional, at most 43. The seed pages forbid = * < > , | /; the
 * SDK's Tag model allows = (and only letters, digits, spaces and _ . : = + - @). Writing or
 * matching a tag refuses what both forbid (* < > , | / and control characters) and leaves the
 * rest to Huawei; removing one checks only emptiness, length and the dot segments "." / "..", so
 * a tag Huawei holds can always be removed. Desktop IDs are plain identifiers.
 * Expected values are written from those rules, not from the code's output.
 */
import {
	InputError,
	validateDesktopId,
	validateTagKey,
	validateTagList,
	validateTagValue,
} from '../../nodes/HuaweiCloudWorkspace/shared/validation';

/** Runs fn, asserts it throws an InputError, and returns it for further checks. */
function inputErrorOf(fn: () => unknown): InputError {
	let caught: unknown;
	try {
		fn();
	} catch (error) {
		caught = error;
	}
	expect(caught).toBeInstanceOf(InputError);
	return caught as InputError;
}

const ASTRAL = '𝒳'; // U+1D4B3: one code point, two UTF-16 units
const EMOJI = '😀'; // U+1F600
/** Forbidden by the seed pages and not allowed by the SDK's rule either. */
const FORBIDDEN = ['*', '<', '>', ',', '|', '/'];
const CONTROLS: Array<[string, string]> = [
	['line feed', '\n'],
	['tab', '\t'],
	['NUL', '\u0000'],
	['DEL', '\u007f'],
	['carriage return', '\r'],
];

/** Huawei counts characters as code points: the limits hold whatever the script or UTF-16 length. */
describe('characters are counted as Unicode code points', () => {
	it('counts an astral character such as 𝒳 as one character: 128 fit a key, 129 do not', () => {
		expect(ASTRAL.length).toBe(2); // sanity: JS sees two UTF-16 units
		expect(validateTagKey(ASTRAL.repeat(128), 'write')).toBe(ASTRAL.repeat(128));
		inputErrorOf(() => validateTagKey(ASTRAL.repeat(129), 'write'));
	});

	it('counts an emoji as one character: "a😀b" and 40 more fit a value, 41 more do not', () => {
		expect(validateTagValue(`a${EMOJI}b${'x'.repeat(40)}`, 'write')).toBe(`a${EMOJI}b${'x'.repeat(40)}`);
		inputErrorOf(() => validateTagValue(`a${EMOJI}b${'x'.repeat(41)}`, 'write'));
	});

	it('counts Cyrillic text by characters: "ключ" and 39 more fit a value, 40 more do not', () => {
		expect(validateTagValue(`ключ${'x'.repeat(39)}`, 'write')).toBe(`ключ${'x'.repeat(39)}`);
		inputErrorOf(() => validateTagValue(`ключ${'x'.repeat(40)}`, 'write'));
	});

	it('counts an empty value as zero characters', () => {
		expect(validateTagValue('', 'write')).toBe('');
	});
});

describe('validateTagKey', () => {
	it('accepts an ordinary key and returns it unchanged', () => {
		expect(validateTagKey('ENV', 'write')).toBe('ENV');
		expect(validateTagKey('key-1_a', 'write')).toBe('key-1_a');
	});

	it.each([['a b'], ['ключ'], ['x.y'], ['%2e%2e'], ['?a'], ['?a:b'], ['#'], ['a%2Fb'], ['...'], ['.a'], [EMOJI]])(
		'accepts %j as a key (it is percent-encoded as one path segment)',
		(key) => {
			expect(validateTagKey(key, 'write')).toBe(key);
		},
	);

	it('accepts "?a=b" as a key: the seed pages forbid "=", the SDK allows it, so Huawei decides', () => {
		expect(validateTagKey('?a=b', 'write', 'Key')).toBe('?a=b');
		expect(validateTagValue('x=y', 'write', 'Value')).toBe('x=y');
	});

	it('accepts a key of exactly 128 ASCII characters', () => {
		const key = 'k'.repeat(128);
		expect(validateTagKey(key, 'write')).toBe(key);
	});

	it('rejects a key of 129 ASCII characters, naming the 128 limit', () => {
		const error = inputErrorOf(() => validateTagKey('k'.repeat(129), 'write', 'Key'));
		expect(error.field).toBe('Key');
		expect(error.message).toContain('Key');
		expect(error.message).toContain('128');
	});

	it('accepts 128 astral characters (256 UTF-16 units) because Huawei counts code points', () => {
		const key = ASTRAL.repeat(128);
		expect(key.length).toBe(256);
		expect(validateTagKey(key, 'write')).toBe(key);
	});

	it('rejects 129 astral characters', () => {
		const error = inputErrorOf(() => validateTagKey(ASTRAL.repeat(129), 'write', 'Key'));
		expect(error.message).toContain('128');
	});

	it('accepts 128 emoji and rejects 129', () => {
		expect(validateTagKey(EMOJI.repeat(128), 'write')).toBe(EMOJI.repeat(128));
		inputErrorOf(() => validateTagKey(EMOJI.repeat(129), 'write'));
	});

	it('rejects an empty key as required', () => {
		const error = inputErrorOf(() => validateTagKey('', 'write', 'Key'));
		expect(error.field).toBe('Key');
		expect(error.message).toContain('Key');
		expect(error.message).toMatch(/required|blank|empty/i);
	});

	it('rejects a blank (whitespace-only) key as required', () => {
		const error = inputErrorOf(() => validateTagKey('   ', 'write', 'Key'));
		expect(error.message).toMatch(/required|blank|empty/i);
	});

	it.each(FORBIDDEN)('rejects a key containing %s before anything is sent, naming the character', (character) => {
		const error = inputErrorOf(() => validateTagKey(`a${character}b`, 'write', 'Key'));
		expect(error.field).toBe('Key');
		expect(error.message).toContain('Key');
		expect(error.message).toContain(character);
	});

	it.each(FORBIDDEN)('rejects a key that is only the forbidden character %s', (character) => {
		inputErrorOf(() => validateTagKey(character, 'write'));
	});

	it('rejects a key with a slash before anything is sent', () => {
		const error = inputErrorOf(() => validateTagKey('x/y', 'write', 'Tag Key'));
		expect(error.field).toBe('Tag Key');
		expect(error.message).toContain('/');
	});

	it.each(CONTROLS)('rejects a key containing a %s control character', (_name, character) => {
		const error = inputErrorOf(() => validateTagKey(`a${character}b`, 'write', 'Key'));
		expect(error.field).toBe('Key');
		expect(error.message).toContain('Key');
		expect(error.message).toMatch(/control/i);
	});

	it.each([['.'], ['..']])('rejects the dot segment %j because HTTP clients collapse it', (key) => {
		const error = inputErrorOf(() => validateTagKey(key, 'write', 'Key'));
		expect(error.field).toBe('Key');
		expect(error.message).toContain('Key');
		expect(error.message).toContain(key);
	});

	it.each<[string, unknown, RegExp]>([
		['number', 42, /number/],
		['boolean', true, /boolean/],
		['object', { key: 'a' }, /object/],
		['array', ['a'], /list|array/],
		['null', null, /null/],
	])('rejects a key of type %s, saying what type it was', (_name, value, typePattern) => {
		const error = inputErrorOf(() => validateTagKey(value, 'write', 'Key'));
		expect(error.field).toBe('Key');
		expect(error.message).toContain('Key');
		expect(error.message).toMatch(typePattern);
	});

	it('rejects a missing (undefined) key, saying the key is required', () => {
		const error = inputErrorOf(() => validateTagKey(undefined, 'write', 'Key'));
		expect(error.field).toBe('Key');
		expect(error.message).toContain('Key');
		expect(error.message).toMatch(/required|missing/i);
	});

	it('uses a default field name that appears in the error message', () => {
		const error = inputErrorOf(() => validateTagKey('', 'write'));
		expect(typeof error.field).toBe('string');
		expect(error.field.length).toBeGreaterThan(0);
		expect(error.message).toContain(error.field);
	});
});

describe('validateTagValue', () => {
	it('accepts an ordinary value', () => {
		expect(validateTagValue('DEV', 'write')).toBe('DEV');
	});

	it('treats an absent value as empty (value is optional)', () => {
		expect(validateTagValue(undefined, 'write')).toBe('');
	});

	it('accepts an empty string', () => {
		expect(validateTagValue('', 'write')).toBe('');
	});

	it('accepts exactly 43 characters and rejects 44, naming the limit', () => {
		expect(validateTagValue('v'.repeat(43), 'write')).toBe('v'.repeat(43));
		const error = inputErrorOf(() => validateTagValue('v'.repeat(44), 'write', 'Value'));
		expect(error.field).toBe('Value');
		expect(error.message).toContain('Value');
		expect(error.message).toContain('43');
	});

	it('counts code points: 43 astral characters pass, 44 fail', () => {
		expect(validateTagValue(ASTRAL.repeat(43), 'write')).toBe(ASTRAL.repeat(43));
		inputErrorOf(() => validateTagValue(ASTRAL.repeat(44), 'write'));
	});

	it.each(FORBIDDEN)('rejects a value containing %s, naming the character', (character) => {
		const error = inputErrorOf(() => validateTagValue(`v${character}w`, 'write', 'Value'));
		expect(error.field).toBe('Value');
		expect(error.message).toContain('Value');
		expect(error.message).toContain(character);
	});

	it.each(CONTROLS)('rejects a value containing a %s control character', (_name, character) => {
		const error = inputErrorOf(() => validateTagValue(`v${character}`, 'write', 'Value'));
		expect(error.field).toBe('Value');
		expect(error.message).toMatch(/control/i);
	});

	it.each([['a b'], ['ключ'], ['x.y'], ['%2e%2e'], ['#'], [EMOJI]])('accepts %j as a value', (value) => {
		expect(validateTagValue(value, 'write')).toBe(value);
	});

	it.each<[string, unknown, RegExp]>([
		['number', 7, /number/],
		['boolean', false, /boolean/],
		['object', { a: 1 }, /object/],
		['array', [1], /list|array/],
	])('rejects a value of type %s, saying what type it was', (_name, value, typePattern) => {
		const error = inputErrorOf(() => validateTagValue(value, 'write', 'Value'));
		expect(error.field).toBe('Value');
		expect(error.message).toContain('Value');
		expect(error.message).toMatch(typePattern);
	});
});

describe('validateDesktopId', () => {
	it('accepts a UUID desktop ID', () => {
		expect(validateDesktopId('a130ab3a-72bf-4b71-baa9-af4987c8e338')).toBe('a130ab3a-72bf-4b71-baa9-af4987c8e338');
	});

	it('accepts letters, digits, "-", "_" and "." starting with a letter or digit', () => {
		expect(validateDesktopId('Desk_01.a-b')).toBe('Desk_01.a-b');
		expect(validateDesktopId('9abc')).toBe('9abc');
	});

	it('trims surrounding whitespace', () => {
		expect(validateDesktopId('  abc-123\t\n')).toBe('abc-123');
	});

	it('rejects a missing (undefined) desktop ID, saying it is required', () => {
		const error = inputErrorOf(() => validateDesktopId(undefined, 'Desktop ID'));
		expect(error.field).toBe('Desktop ID');
		expect(error.message).toContain('Desktop ID');
		expect(error.message).toMatch(/required|missing/i);
	});

	it('accepts 128 characters and rejects 129', () => {
		expect(validateDesktopId('d'.repeat(128))).toBe('d'.repeat(128));
		const error = inputErrorOf(() => validateDesktopId('d'.repeat(129), 'Desktop ID'));
		expect(error.field).toBe('Desktop ID');
		expect(error.message).toContain('128');
	});

	it.each([[''], [' '], ['\t']])('rejects an empty or blank ID %j as required', (value) => {
		const error = inputErrorOf(() => validateDesktopId(value, 'Desktop ID'));
		expect(error.field).toBe('Desktop ID');
		expect(error.message).toContain('Desktop ID');
		expect(error.message).toMatch(/required/i);
	});

	it.each([['..'], ['.'], ['../..'], ['x/y'], ['%2e%2e'], ['?a=b'], ['#'], ['a b'], ['-abc'], ['_abc'], ['.abc'], ['abc/'], ['ключ'], ['a\\b']])(
		'rejects %j as a desktop ID before anything is sent',
		(value) => {
			const error = inputErrorOf(() => validateDesktopId(value, 'Desktop ID'));
			expect(error.field).toBe('Desktop ID');
			expect(error.message).toContain('Desktop ID');
		},
	);

	it.each<[string, unknown, RegExp]>([
		['number', 123, /number/],
		['boolean', true, /boolean/],
		['object', { value: 'abc' }, /object/],
		['array', ['abc'], /list|array/],
		['null', null, /null/],
	])('rejects a desktop ID of type %s, saying what type it was', (_name, value, typePattern) => {
		const error = inputErrorOf(() => validateDesktopId(value, 'Desktop ID'));
		expect(error.field).toBe('Desktop ID');
		expect(error.message).toMatch(typePattern);
	});
});

describe('validateTagList', () => {
	const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));

	it('returns [] for an absent list', () => {
		expect(validateTagList(undefined, 'write', 'Tags')).toEqual([]);
	});

	it('returns the validated tags, filling a missing value with ""', () => {
		expect(validateTagList([{ key: 'a', value: '1' }, { key: 'b' }], 'write', 'Tags')).toEqual([
			{ key: 'a', value: '1' },
			{ key: 'b', value: '' },
		]);
	});

	it('accepts 20 tags in one request', () => {
		expect(validateTagList(tags(20), 'write', 'Tags')).toHaveLength(20);
	});

	it('rejects 21 tags in one request, naming the limit of 20', () => {
		const error = inputErrorOf(() => validateTagList(tags(21), 'write', 'Tags'));
		expect(error.field).toContain('Tags');
		expect(error.message).toContain('Tags');
		expect(error.message).toContain('20');
	});

	it('rejects the same key twice in one request, naming the key', () => {
		const error = inputErrorOf(() => validateTagList([{ key: 'dup', value: '1' }, { key: 'dup', value: '2' }], 'write', 'Tags'));
		expect(error.field).toContain('Tags');
		expect(error.message).toContain('Tags');
		expect(error.message).toContain('dup');
	});

	it.each<[string, unknown]>([
		['a string', 'a'],
		['null', null],
		['a number', 5],
		['a list', [{ key: 'a' }]],
	])('rejects an entry that is %s rather than an object', (_name, entry) => {
		const error = inputErrorOf(() => validateTagList([{ key: 'ok' }, entry], 'write', 'Tags'));
		expect(error.field).toContain('Tags');
		expect(error.message).toContain('Tags');
	});

	it('rejects a list that is not a list', () => {
		const error = inputErrorOf(() => validateTagList('a=b', 'write', 'Tags'));
		expect(error.field).toContain('Tags');
	});

	it('applies the key rules to each entry, naming the list field', () => {
		const error = inputErrorOf(() => validateTagList([{ key: 'good' }, { key: 'a/b' }], 'write', 'Tags'));
		expect(error.field).toContain('Tags');
		expect(error.message).toContain('Tags');
		expect(error.message).toContain('/');
	});

	it('applies the value rules to each entry', () => {
		inputErrorOf(() => validateTagList([{ key: 'a', value: 'x'.repeat(44) }], 'write', 'Tags'));
		inputErrorOf(() => validateTagList([{ key: 'a', value: 'x|y' }], 'write', 'Tags'));
	});

	it('rejects an entry with a missing key, saying the key is required', () => {
		const error = inputErrorOf(() => validateTagList([{ value: 'v' }], 'write', 'Tags'));
		expect(error.field).toContain('Tags');
		expect(error.message).toContain('Tags');
		expect(error.message).toMatch(/required|missing/i);
	});
});

describe('removing a tag: only emptiness, length and the path are checked', () => {
	it.each([...FORBIDDEN, '=', '\\', '#'])('accepts a key containing %s, which Huawei may hold from an older rule', (character) => {
		expect(validateTagKey(`a${character}b`, 'remove', 'Key')).toBe(`a${character}b`);
	});

	it.each(CONTROLS)('accepts a key with a %s: it is percent-encoded inside its path segment', (_name, character) => {
		expect(validateTagKey(`a${character}b`, 'remove', 'Key')).toBe(`a${character}b`);
	});

	it('accepts a tag list naming such keys, values ignored for the rule', () => {
		expect(validateTagList([{ key: 'a=b', value: 'c|d' }], 'remove', 'Tags')).toEqual([{ key: 'a=b', value: 'c|d' }]);
	});

	it.each([['.'], ['..']])('still rejects the dot segment %j', (key) => {
		inputErrorOf(() => validateTagKey(key, 'remove', 'Key'));
	});

	it('still rejects an empty key and a key of 129 characters', () => {
		inputErrorOf(() => validateTagKey('', 'remove', 'Key'));
		inputErrorOf(() => validateTagKey('k'.repeat(129), 'remove', 'Key'));
	});
});

describe('matching a tag (filters) checks the characters as writing does', () => {
	it.each(FORBIDDEN)('rejects a key containing %s, which would break the query', (character) => {
		inputErrorOf(() => validateTagKey(`a${character}b`, 'match', 'Key'));
	});

	it.each(CONTROLS)('rejects a key with a %s', (_name, character) => {
		inputErrorOf(() => validateTagKey(`a${character}b`, 'match', 'Key'));
	});
});
