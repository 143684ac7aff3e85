/**
 * Splits the request target exactly as it arrived. WHATWG URL parsing would normalise `.`/`..`
 * and re-encode characters, hiding precisely the client mistakes the emulator must catch, so the
 * target is taken apart by hand: split on '/', then percent-decode each segment on its own, which
 * keeps a `%2F` inside a tag key part of that key.
 */

export interface ParsedTarget {
	rawPath: string;
	rawQuery: string;
	rawSegments: string[];
	segments: string[];
	/** Decoded query pairs in arrival order; a key without '=' has the value ''. */
	query: [string, string][];
}

/**
 * `+` is kept as a literal plus (RFC 3986), not read as a space: Huawei's signers encode a space as
 * %20, so a client sending `+` for a space is wrong and should see its plus come back.
 */
export function percentDecode(s: string): string {
	try {
		return decodeURIComponent(s);
	} catch {
		// Malformed escapes are kept verbatim rather than rejected: what arrived is what is recorded.
		return s;
	}
}

export function parseTarget(target: string): ParsedTarget {
	const q = target.indexOf('?');
	const rawPath = q === -1 ? target : target.slice(0, q);
	const rawQuery = q === -1 ? '' : target.slice(q + 1);
	// The leading '/' yields an empty first element that is not a segment.
	const rawSegments = rawPath.split('/').slice(1);
	return {
		rawPath,
		rawQuery,
		rawSegments,
		segments: rawSegments.map(percentDecode),
		query: parseQuery(rawQuery),
	};
}

export function parseQuery(rawQuery: string): [string, string][] {
	if (rawQuery === '') return [];
	return rawQuery
		.split('&')
		.filter((p) => p !== '')
		.map((p): [string, string] => {
			const eq = p.indexOf('=');
			return eq === -1 ? [percentDecode(p), ''] : [percentDecode(p.slice(0, eq)), percentDecode(p.slice(eq + 1))];
		});
}

/** Last value wins for single-valued parameters, as most Java-based backends behave. */
export function queryParam(query: [string, string][], name: string): string | undefined {
	let found: string | undefined;
	for (const [k, v] of query) if (k === name) found = v;
	return found;
}

/**
 * Every value of a parameter, in arrival order. Huawei's SDKs send an array parameter as repeated
 * keys (`desktop_id=a&desktop_id=b`), never as one comma-joined value.
 */
export function queryParams(query: [string, string][], name: string): string[] {
	return query.filter(([k]) => k === name).map(([, v]) => v);
}
