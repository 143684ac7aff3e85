import { apiError } from '../errors';
import { bad, ok, type Checked } from './tags';

/** Integers in a query string: digits only, so "10abc", "1e3" and "-1" are refused, not coerced. */
export function intParam(raw: string | undefined, name: string, def: number, min: number, max: number): Checked<number> {
	if (raw === undefined) return ok(def);
	if (!/^\d+$/.test(raw)) return bad(apiError('INVALID_PARAM', `${name} must be an integer between ${min} and ${max}, got "${raw}".`));
	const n = Number(raw);
	if (n < min || n > max) return bad(apiError('INVALID_PARAM', `${name} must be an integer between ${min} and ${max}, got ${raw}.`));
	return ok(n);
}

/** Huawei's boolean query parameters accept exactly `true` or `false`. */
export function boolParam(raw: string | undefined, name: string): Checked<boolean | undefined> {
	if (raw === undefined) return ok(undefined);
	if (raw === 'true') return ok(true);
	if (raw === 'false') return ok(false);
	return bad(apiError('INVALID_PARAM', `${name} must be true or false, got "${raw}".`));
}
