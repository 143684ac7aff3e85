/**
 * Input rules checked before any request leaves, so that bad data from upstream nodes fails the
 * item with a message naming the field and the rule, and never reaches the API half-formed.
 *
 * Tags: key 1-128 and value 0-43 Unicode characters. Huawei has two wordings of the character rule:
 * the API pages the node was specified from forbid = * < > , | /; the current SDK model (Tag, since
 * 2025-01) allows only letters, digits, spaces and _ . : = + - @, no space at either end and no key
 * starting with _sys_. Where they disagree (=, a backslash, #, edge spaces...) Huawei's server
 * decides and its message is shown. Before writing or matching a tag the node refuses only what
 * both forbid; to remove one it checks only emptiness, length and what keeps the path intact, so
 * that any tag Huawei holds can be removed.
 */

export const TAG_KEY_MAX = 128;
export const TAG_VALUE_MAX = 43;
/** The newest Huawei definitions allow 20 tags a desktop and older ones 10: no source allows more than 20 in one call. */
export const TAGS_PER_REQUEST_MAX = 20;
/** Characters neither wording of Huawei's tag rule allows. */
export const FORBIDDEN_TAG_CHARACTERS = ['*', '<', '>', ',', '|', '/'];

/**
 * What a tag is for: writing it (create, add), matching it (filters and conditions, where a comma
 * or a control character would break the query's own syntax), or removing it (delete, remove).
 */
export type TagUse = 'write' | 'match' | 'remove';

const DESKTOP_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export class InputError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
		this.name = 'InputError';
	}
}

function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value}`;
}

export function requireText(field: string, value: unknown): string {
	if (value === undefined || value === null) {
		throw new InputError(field, `${field} is required but the value is ${value === null ? 'null' : 'missing'}`);
	}
	if (typeof value !== 'string') {
		const shown = typeof value === 'number' || typeof value === 'boolean' ? ` (${String(value)})` : '';
		throw new InputError(field, `${field} must be text, but the value is ${describeType(value)}${shown}`);
	}
	return value;
}

/** A true/false parameter: an expression that yields "true" or 1 is refused rather than guessed at. */
export function validateBoolean(value: unknown, field: string): boolean {
	if (typeof value === 'boolean') return value;
	const shown = typeof value === 'string' ? `the text "${value}"` : (JSON.stringify(value) ?? String(value));
	throw new InputError(field, `${field} must be true or false, but the value is ${shown}`);
}

/** Huawei counts characters as Unicode code points: an emoji is one character, not two UTF-16 units. */
function codePointLength(text: string): number {
	return [...text].length;
}

/** C0 and C1 control characters: line breaks, tabs, NUL and the like. */
function hasControlCharacter(text: string): boolean {
	return [...text].some((character) => {
		const code = character.codePointAt(0) ?? 0;
		return code < 0x20 || (code >= 0x7f && code <= 0x9f);
	});
}

function checkCharacters(field: string, text: string): void {
	const forbidden = FORBIDDEN_TAG_CHARACTERS.filter((character) => text.includes(character));
	if (forbidden.length > 0) {
		throw new InputError(
			field,
			`${field} "${text}" contains ${forbidden.map((c) => `"${c}"`).join(', ')}: Huawei's tag rules forbid * < > , | / in tag keys and values`,
		);
	}
	if (hasControlCharacter(text)) {
		throw new InputError(field, `${field} contains a control character (such as a line break or tab), which tags may not contain`);
	}
}

export function validateDesktopId(value: unknown, field = 'Desktop ID'): string {
	const text = requireText(field, value).trim();
	if (text === '') {
		throw new InputError(field, `${field} is required: enter the ID of a desktop, e.g. a130ab3a-72bf-4b71-baa9-af4987c8e338`);
	}
	if (!DESKTOP_ID_PATTERN.test(text)) {
		throw new InputError(
			field,
			`${field} "${text}" is not a desktop ID: it may contain only letters, digits, "-", "_" and ".", must start with a letter or digit, and be at most 128 characters long`,
		);
	}
	return text;
}

export function validateTagKey(value: unknown, use: TagUse, field = 'Tag Key'): string {
	const key = requireText(field, value);
	if (key.trim() === '') {
		throw new InputError(field, `${field} is required and may not be blank`);
	}
	const length = codePointLength(key);
	if (length > TAG_KEY_MAX) {
		throw new InputError(field, `${field} is ${length} characters long: tag keys may have at most ${TAG_KEY_MAX} characters`);
	}
	if (use !== 'remove') checkCharacters(field, key);
	// An HTTP client resolves "." and ".." path segments before sending, which would change the address.
	if (key === '.' || key === '..') {
		throw new InputError(field, `${field} "${key}" is not allowed: a tag key may not be "." or ".."`);
	}
	return key;
}

export function validateTagValue(value: unknown, use: TagUse, field = 'Tag Value'): string {
	if (value === undefined || value === null) return '';
	const text = requireText(field, value);
	const length = codePointLength(text);
	if (length > TAG_VALUE_MAX) {
		throw new InputError(field, `${field} is ${length} characters long: tag values may have at most ${TAG_VALUE_MAX} characters`);
	}
	if (use !== 'remove') checkCharacters(field, text);
	return text;
}

export interface Tag {
	key: string;
	value: string;
}

/** Validates a list of tags for one request: each tag, duplicates, and the per-request maximum. */
export function validateTagList(value: unknown, use: TagUse, field: string): Tag[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) {
		throw new InputError(field, `${field} must be a list of tags, but the value is ${describeType(value)}`);
	}
	if (value.length > TAGS_PER_REQUEST_MAX) {
		throw new InputError(field, `${field} has ${value.length} tags: at most ${TAGS_PER_REQUEST_MAX} tags can be sent in one request`);
	}
	const seen = new Set<string>();
	return value.map((entry: unknown, index) => {
		if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
			throw new InputError(field, `${field} entry ${index + 1} must be an object with a key and a value, but it is ${describeType(entry)}`);
		}
		const { key, value: tagValue } = entry as Record<string, unknown>;
		const tag = {
			key: validateTagKey(key, use, `${field} entry ${index + 1} key`),
			value: validateTagValue(tagValue, use, `${field} entry ${index + 1} value`),
		};
		if (seen.has(tag.key)) {
			throw new InputError(field, `${field} names the key "${tag.key}" twice: each key may appear once per request`);
		}
		seen.add(tag.key);
		return tag;
	});
}

/** A job ID as Huawei answers them (a UUID in practice): one path segment, never "." or "..". */
const JOB_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

export function validateJobId(value: unknown): string {
	const text = requireText('Job ID', value).trim();
	if (text === '') throw new InputError('Job ID', 'Job ID is required: enter the job_id a power action or another operation answered');
	if (!JOB_ID_PATTERN.test(text)) {
		throw new InputError(
			'Job ID',
			`Job ID "${text}" is not a job ID: it may contain only letters, digits, "-" and "_", and be at most 128 characters long`,
		);
	}
	return text;
}

/**
 * Workspace users (Huawei's SDK: ListUsersRequest and the `Desktop` entry of CreateDesktopReq): a user
 * name is 1-20 letters, digits, "-" and "_", starting with a letter (the Windows rule; Linux-only
 * domains allow more, which Huawei then decides).
 */
export const USER_NAME_MAX = 20;
const USER_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** A practical address check: something, "@", a domain with a dot; Huawei names no pattern. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
/** CreateUserRequest: description 0-255 characters. */
export const USER_DESCRIPTION_MAX = 255;

export function validateUserName(value: unknown, field = 'User Name'): string {
	const text = requireText(field, value).trim();
	if (text === '') throw new InputError(field, `${field} is required: enter the Workspace user name, e.g. alice`);
	const length = codePointLength(text);
	if (length > USER_NAME_MAX) {
		throw new InputError(field, `${field} "${text}" is ${length} characters long: user names may have at most ${USER_NAME_MAX} characters`);
	}
	if (!USER_NAME_PATTERN.test(text)) {
		throw new InputError(
			field,
			`${field} "${text}" is not a valid user name: use letters, digits, "-" and "_" only, starting with a letter`,
		);
	}
	return text;
}

/** An email address; `required` false lets an empty one through as undefined. */
export function validateEmail(value: unknown, field: string, required: boolean): string | undefined {
	if (!required && (value === undefined || value === null)) return undefined;
	const text = requireText(field, value).trim();
	if (text === '') {
		if (!required) return undefined;
		throw new InputError(field, `${field} is required: enter an email address, e.g. alice@example.com`);
	}
	if (!EMAIL_PATTERN.test(text)) throw new InputError(field, `${field} "${text}" is not a valid email address`);
	return text;
}

export function validateUserId(value: unknown): string {
	const text = requireText('User ID', value).trim();
	if (text === '') throw new InputError('User ID', 'User ID is required: enter the id that User > Create or Get Many output');
	if (!JOB_ID_PATTERN.test(text)) {
		throw new InputError('User ID', `User ID "${text}" is not a user ID: it may contain only letters, digits, "-" and "_", and be at most 128 characters long`);
	}
	return text;
}

/** Free text with a maximum length in Unicode characters, e.g. a description. */
export function validateText(value: unknown, field: string, max: number): string {
	const text = requireText(field, value);
	const length = codePointLength(text);
	if (length > max) throw new InputError(field, `${field} is ${length} characters long: at most ${max} are allowed`);
	return text;
}

/** A list of IDs typed as text (comma, space or line separated) or given as a list by an expression. */
export function validateIdList(value: unknown, field: string): string[] {
	if (value === undefined || value === null || value === '') return [];
	const parts = Array.isArray(value) ? value : requireText(field, value).split(/[\s,]+/);
	const ids = parts.map((part) => (typeof part === 'string' ? part.trim() : part)).filter((part) => part !== '');
	return [
		...new Set(
			ids.map((id) => {
				const text = requireText(field, id);
				if (!DESKTOP_ID_PATTERN.test(text)) {
					throw new InputError(field, `${field} holds "${text}", which is not an ID: letters, digits, "-", "_" and "." only, at most 128 characters`);
				}
				return text;
			}),
		),
	];
}

/**
 * Desktop creation (Huawei's SDK, CreateDesktopReq and its `Volume` and `Desktop`): disk types SAS,
 * SSD, GPSSD; the system disk 80-32760 GB, data disks 10-32760 GB, in multiples of 10; 1 to 100
 * desktops a request; a computer name 1-15 characters (a Chinese character counts 2) of letters,
 * Chinese characters, digits and "-", starting with a letter or digit and not ending with "-";
 * a desktop name 1-15 for one desktop, a prefix of 1-13 for several.
 */
export const VOLUME_TYPES = ['SAS', 'SSD', 'GPSSD'];
export const ROOT_VOLUME_MIN_GB = 80;
export const DATA_VOLUME_MIN_GB = 10;
export const VOLUME_MAX_GB = 32760;
export const COMPUTER_NAME_MAX = 15;
export const DESKTOP_NAME_PREFIX_MAX = 13;
const COMPUTER_NAME_PATTERN = /^[A-Za-z0-9\u4e00-\u9fff](?:[A-Za-z0-9\u4e00-\u9fff-]*[A-Za-z0-9\u4e00-\u9fff])?$/;

/** Huawei counts a Chinese character as 2 in computer and desktop names. */
export function desktopNameLength(name: string): number {
	return [...name].reduce((length, character) => length + (/[\u4e00-\u9fff]/.test(character) ? 2 : 1), 0);
}

export function validateVolumeSize(value: unknown, field: string, min: number): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > VOLUME_MAX_GB || value % 10 !== 0) {
		const shown = typeof value === 'number' ? String(value) : JSON.stringify(value);
		throw new InputError(field, `${field} must be a multiple of 10 between ${min} and ${VOLUME_MAX_GB} GB, not ${shown}`);
	}
	return value;
}

export function validateVolumeType(value: unknown, field: string): string {
	if (typeof value !== 'string' || !VOLUME_TYPES.includes(value)) {
		throw new InputError(field, `${field} must be one of ${VOLUME_TYPES.join(', ')}, not ${JSON.stringify(value)}`);
	}
	return value;
}

/** A computer name or desktop name; `max` 15, or 13 for a prefix. */
export function validateComputerName(value: unknown, field: string, max = COMPUTER_NAME_MAX): string {
	const text = requireText(field, value).trim();
	if (text === '') throw new InputError(field, `${field} was given but is empty: fill it in or remove it`);
	const length = desktopNameLength(text);
	if (length > max) {
		throw new InputError(field, `${field} "${text}" is ${length} characters long (a Chinese character counts 2): at most ${max} are allowed`);
	}
	if (!COMPUTER_NAME_PATTERN.test(text)) {
		throw new InputError(
			field,
			`${field} "${text}" is not valid: use letters, digits and "-" only, starting with a letter or digit and not ending with "-"`,
		);
	}
	return text;
}

/** An ID Huawei hands out (product, image, availability zone): one path-safe token. */
export function validateIdentifier(value: unknown, field: string, example: string): string {
	const text = requireText(field, value).trim();
	if (text === '') throw new InputError(field, `${field} is required: pick one from the list or enter its ID, e.g. ${example}`);
	if (!DESKTOP_ID_PATTERN.test(text)) {
		throw new InputError(
			field,
			`${field} "${text}" is not an ID: it may contain only letters, digits, "-", "_" and ".", must start with a letter or digit, and be at most 128 characters long`,
		);
	}
	return text;
}
