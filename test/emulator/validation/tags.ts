import { apiError } from '../errors';
import type { Reply, Tag } from '../types';

/** Every source agrees on these; newer docs allow more, so nothing beyond them is refused. */
const FORBIDDEN = /[=*<>,|/]/;
const MAX_KEY = 128;
const MAX_VALUE = 43;

/** Code points, not UTF-16 units: an emoji is one "Unicode character" to Huawei. */
export function codePoints(s: string): number {
	return [...s].length;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reply: Reply };

export function ok<T>(value: T): Checked<T> {
	return { ok: true, value };
}

export function bad<T>(reply: Reply): Checked<T> {
	return { ok: false, reply };
}

export function checkKey(key: unknown, where: string): Checked<string> {
	if (typeof key !== 'string') return bad(apiError('INVALID_TAG_KEY', `${where}: key is required and must be a string.`));
	if (key.trim() === '') return bad(apiError('INVALID_TAG_KEY', `${where}: key must not be empty.`));
	if (codePoints(key) > MAX_KEY) return bad(apiError('INVALID_TAG_KEY', `${where}: key "${key}" is longer than ${MAX_KEY} characters.`));
	if (FORBIDDEN.test(key)) return bad(apiError('INVALID_TAG_KEY', `${where}: key "${key}" contains one of the forbidden characters =*<>,|/.`));
	return ok(key);
}

export function checkValue(value: unknown, where: string): Checked<string> {
	if (value === undefined || value === null) return ok('');
	if (typeof value !== 'string') return bad(apiError('INVALID_TAG_VALUE', `${where}: value must be a string.`));
	if (codePoints(value) > MAX_VALUE) return bad(apiError('INVALID_TAG_VALUE', `${where}: value "${value}" is longer than ${MAX_VALUE} characters.`));
	if (FORBIDDEN.test(value)) return bad(apiError('INVALID_TAG_VALUE', `${where}: value "${value}" contains one of the forbidden characters =*<>,|/.`));
	return ok(value);
}

export function checkTag(raw: unknown, where: string): Checked<Tag> {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return bad(apiError('INVALID_PARAM', `${where} must be an object with key and value.`));
	const t = raw as Record<string, unknown>;
	const key = checkKey(t.key, where);
	if (!key.ok) return key;
	const value = checkValue(t.value, where);
	if (!value.ok) return value;
	return ok({ key: key.value, value: value.value });
}

/** A list of tags; duplicate keys in one request are refused, as TMS-style APIs do. */
export function checkTagList(raw: unknown, where: string, opts: { max?: number; requireNonEmpty?: boolean } = {}): Checked<Tag[]> {
	if (raw === undefined || raw === null) {
		return opts.requireNonEmpty ? bad(apiError('INVALID_PARAM', `${where} is required.`)) : ok([]);
	}
	if (!Array.isArray(raw)) return bad(apiError('INVALID_PARAM', `${where} must be an array.`));
	if (opts.requireNonEmpty && raw.length === 0) return bad(apiError('INVALID_PARAM', `${where} must not be empty.`));
	if (opts.max !== undefined && raw.length > opts.max) {
		return bad(apiError('BATCH_LIMIT_EXCEEDED', `${where} holds ${raw.length} tags; at most ${opts.max} are allowed.`));
	}
	const out: Tag[] = [];
	const seen = new Set<string>();
	for (let i = 0; i < raw.length; i++) {
		const t = checkTag(raw[i], `${where}[${i}]`);
		if (!t.ok) return t;
		if (seen.has(t.value.key)) return bad(apiError('INVALID_TAG_KEY', `${where}[${i}]: duplicate key "${t.value.key}".`));
		seen.add(t.value.key);
		out.push(t.value);
	}
	return ok(out);
}
