import { apiError } from '../errors';
import type { Reply, Tag } from '../types';

/**
 * The tag rule of Huawei's current SDK, `Tag` (model_tag.go, since SDK 0.1.131, 2025-01): a key is
 * 1-128 and a value 0-43 Unicode characters drawn from letters of any script, digits, the space and
 * `_ . : = + - @`; neither may begin or end with a space; a key may not begin with `_sys_`.
 * Create (CreateTagReq), tags/action (TagsReq) and batch-tags (DesktopTagsInfo) all embed this one
 * model, so the SDK gives the three APIs the same rule. The seed pages still carry the older wording
 * (`= * < > , | /` forbidden); where the two disagree the SDK wins.
 *
 * Letters are `\p{L}` plus combining marks `\p{M}` (without them most Indic words could not be
 * written), digits are `\p{N}`, and "space" is U+0020 only: tabs and other blanks are refused.
 */
const ALLOWED = /^[\p{L}\p{M}\p{N} _.:=+\-@]*$/u;
const ALLOWED_TEXT = 'letters, digits, spaces and _ . : = + - @';
const RESERVED_PREFIX = '_sys_';
const MAX_KEY = 128;
const MAX_VALUE = 43;

/**
 * - `user`: a tag being written (create, tags/action create, POST batch-tags): the full rule.
 * - `system`: an entry of the deprecated `sys_tags`: the full rule except the `_sys_` prefix, which
 *   system tags carry by nature (the SDK says nothing either way; this is the emulator's choice).
 * - `lookup`: a key naming an existing tag (deletions, search conditions): only a non-empty string,
 *   so a tag written under older rules can still be found and removed.
 */
export type TagMode = 'user' | 'system' | 'lookup';

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

/** Why `s` breaks the shared character rules, or undefined when it does not. */
function textProblem(s: string, what: 'key' | 'value', max: number): string | undefined {
	if (codePoints(s) > max) return `${what} "${s}" is longer than ${max} characters`;
	if (!ALLOWED.test(s)) {
		const offending = [...s].find((c) => !ALLOWED.test(c)) ?? '';
		return `${what} "${s}" contains ${JSON.stringify(offending)}; only ${ALLOWED_TEXT} are allowed`;
	}
	if (s !== s.trim()) return `${what} "${s}" must not begin or end with a space`;
	return undefined;
}

export function checkKey(key: unknown, where: string, mode: TagMode = 'user'): Checked<string> {
	if (typeof key !== 'string') return bad(apiError('INVALID_TAG_KEY', `${where}: key is required and must be a string.`));
	if (key === '') return bad(apiError('INVALID_TAG_KEY', `${where}: key must not be empty.`));
	if (mode === 'lookup') return ok(key);
	const problem = textProblem(key, 'key', MAX_KEY);
	if (problem) return bad(apiError('INVALID_TAG_KEY', `${where}: ${problem}.`));
	if (mode === 'user' && key.startsWith(RESERVED_PREFIX)) {
		return bad(apiError('INVALID_TAG_KEY', `${where}: key "${key}" must not begin with ${RESERVED_PREFIX}, which is reserved for system tags.`));
	}
	return ok(key);
}

export function checkValue(value: unknown, where: string, mode: TagMode = 'user'): Checked<string> {
	if (value === undefined || value === null) return ok('');
	if (typeof value !== 'string') return bad(apiError('INVALID_TAG_VALUE', `${where}: value must be a string.`));
	if (mode === 'lookup') return ok(value);
	const problem = textProblem(value, 'value', MAX_VALUE);
	if (problem) return bad(apiError('INVALID_TAG_VALUE', `${where}: ${problem}.`));
	return ok(value);
}

export function checkTag(raw: unknown, where: string, mode: TagMode = 'user'): Checked<Tag> {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return bad(apiError('INVALID_PARAM', `${where} must be an object with key and value.`));
	const t = raw as Record<string, unknown>;
	const key = checkKey(t.key, where, mode);
	if (!key.ok) return key;
	const value = checkValue(t.value, where, mode);
	if (!value.ok) return value;
	return ok({ key: key.value, value: value.value });
}

export interface TagListOptions {
	max?: number;
	requireNonEmpty?: boolean;
	mode?: TagMode;
}

/** A list of tags; duplicate keys in one request are refused, as TMS-style APIs do. */
export function checkTagList(raw: unknown, where: string, opts: TagListOptions = {}): Checked<Tag[]> {
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
		const t = checkTag(raw[i], `${where}[${i}]`, opts.mode);
		if (!t.ok) return t;
		if (seen.has(t.value.key)) return bad(apiError('INVALID_TAG_KEY', `${where}[${i}]: duplicate key "${t.value.key}".`));
		seen.add(t.value.key);
		out.push(t.value);
	}
	return ok(out);
}
