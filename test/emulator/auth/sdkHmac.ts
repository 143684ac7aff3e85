import { createHash, createHmac } from 'crypto';

/**
 * The SDK-HMAC-SHA256 canonicalisation, written from the algorithm text in API.md (not from any
 * SDK) so it can disagree with a client that gets it wrong. It works on the request as received.
 */

export const ALGORITHM = 'SDK-HMAC-SHA256';

export function sha256Hex(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

/** Only A-Za-z0-9-_.~ stay literal; everything else as %XX with uppercase hex over UTF-8 bytes. */
export function strictEncode(s: string): string {
	let out = '';
	for (const byte of Buffer.from(s, 'utf8')) {
		const c = String.fromCharCode(byte);
		out += /[A-Za-z0-9\-_.~]/.test(c) ? c : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
	}
	return out;
}

/** Segments are the DECODED ones; each is re-encoded strictly, then the signature-only '/' added. */
export function canonicalUri(decodedSegments: string[]): string {
	const uri = '/' + decodedSegments.map(strictEncode).join('/');
	return uri.endsWith('/') ? uri : uri + '/';
}

export function canonicalQuery(decodedPairs: [string, string][]): string {
	return decodedPairs
		.map(([k, v]): [string, string] => [strictEncode(k), strictEncode(v)])
		.sort((a, b) => (a[0] === b[0] ? cmp(a[1], b[1]) : cmp(a[0], b[0])))
		.map(([k, v]) => `${k}=${v}`)
		.join('&');
}

function cmp(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** `headers` must already have lowercase names; `signed` is the SignedHeaders list. */
export function canonicalHeaders(headers: Record<string, string>, signed: string[]): string {
	return signed
		.map((name) => `${name}:${(headers[name] ?? '').trim()}\n`)
		.join('');
}

export interface CanonicalInput {
	method: string;
	segments: string[];
	query: [string, string][];
	headers: Record<string, string>;
	signedHeaders: string[];
	body: string | Buffer;
}

export function canonicalRequest(r: CanonicalInput): string {
	// Used as given: the verifier rejects lists that are not lowercase and sorted before this point.
	const signed = r.signedHeaders;
	return [
		r.method.toUpperCase(),
		canonicalUri(r.segments),
		canonicalQuery(r.query),
		canonicalHeaders(r.headers, signed),
		signed.join(';'),
		sha256Hex(r.body),
	].join('\n');
}

export function stringToSign(sdkDate: string, canonical: string): string {
	return `${ALGORITHM}\n${sdkDate}\n${sha256Hex(canonical)}`;
}

export function signature(secretKey: string, toSign: string): string {
	return createHmac('sha256', secretKey).update(toSign).digest('hex');
}

export interface ParsedAuthorization {
	access: string;
	signedHeaders: string[];
	signature: string;
}

/** `SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex`; null when it is not that scheme. */
export function parseAuthorization(header: string): ParsedAuthorization | null {
	const trimmed = header.trim();
	if (!trimmed.startsWith(ALGORITHM + ' ')) return null;
	const fields = new Map<string, string>();
	for (const part of trimmed.slice(ALGORITHM.length + 1).split(',')) {
		const eq = part.indexOf('=');
		if (eq === -1) return null;
		fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
	}
	const access = fields.get('Access');
	const signedHeaders = fields.get('SignedHeaders');
	const sig = fields.get('Signature');
	if (!access || !signedHeaders || !sig) return null;
	return { access, signedHeaders: signedHeaders.split(';').filter((h) => h !== ''), signature: sig };
}

/** `YYYYMMDDTHHMMSSZ` → epoch ms, or null when malformed. */
export function parseSdkDate(s: string): number | null {
	const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s.trim());
	if (!m) return null;
	const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
	return Number.isNaN(ms) ? null : ms;
}

export function formatSdkDate(ms: number): string {
	return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
