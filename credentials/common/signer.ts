import { createHash, createHmac } from 'node:crypto';

import { headerValue } from './headers';

/**
 * Huawei Cloud API Gateway request signing (SDK-HMAC-SHA256), as pure functions.
 *
 * The gateway rebuilds the canonical request from what it receives: it decodes the path and the
 * query and re-encodes them strictly. Every function here therefore works on the decoded form and
 * encodes it the same way, so the signature matches whatever (equivalent) encoding went on the wire.
 */

const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';
const SDK_DATE_HEADER = 'X-Sdk-Date';
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export type QueryPair = readonly [key: string, value: string];

export interface SignableRequest {
	method: string;
	/** The path exactly as sent on the wire (segments percent-encoded or not). */
	path: string;
	/** Decoded query pairs; order and encoding do not matter. */
	query: readonly QueryPair[];
	/** Exactly the headers to sign, including the X-Sdk-Date header. */
	headers: Readonly<Record<string, string>>;
	/** The exact bytes of the body that is sent; '' when there is none. */
	body: string | Uint8Array;
}

export interface AccessKeys {
	accessKeyId: string;
	secretAccessKey: string;
}

export interface RequestSignature {
	authorization: string;
	signedHeaders: string;
	signature: string;
	canonicalRequest: string;
}

const UNRESERVED = /^[A-Za-z0-9\-_.~]$/;
const PERCENT_TRIPLET = /^%[0-9A-Fa-f]{2}$/;
const utf8 = new TextEncoder();

function encodeBytes(bytes: Uint8Array): string {
	let out = '';
	for (const byte of bytes) {
		const char = String.fromCharCode(byte);
		out += UNRESERVED.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
	}
	return out;
}

/** Strict RFC 3986 encoding of a UTF-8 string: only `A-Za-z0-9-_.~` stay as they are. */
export function encodeSegment(value: string): string {
	return encodeBytes(utf8.encode(value));
}

/**
 * Percent-decodes to bytes rather than to a string, so that escapes which are not valid UTF-8 and
 * stray `%` signs survive the round trip unchanged instead of throwing like decodeURIComponent.
 */
function percentDecodeToBytes(text: string): Uint8Array {
	const bytes: number[] = [];
	for (let i = 0; i < text.length; ) {
		const triplet = text.slice(i, i + 3);
		if (PERCENT_TRIPLET.test(triplet)) {
			bytes.push(parseInt(triplet.slice(1), 16));
			i += 3;
			continue;
		}
		const codePoint = text.codePointAt(i) ?? 0;
		const char = String.fromCodePoint(codePoint);
		bytes.push(...utf8.encode(char));
		i += char.length;
	}
	return Uint8Array.from(bytes);
}

/** Re-encodes a path segment that may already be percent-encoded (idempotent). */
function canonicalSegment(segment: string): string {
	return encodeBytes(percentDecodeToBytes(segment));
}

/** The signed form of a wire path; the trailing slash exists only in the signature. */
export function canonicalUri(path: string): string {
	const uri = path.split('/').map(canonicalSegment).join('/');
	return uri.endsWith('/') ? uri : `${uri}/`;
}

/** Code-point order, which is the UTF-8 byte order Huawei's Go and Python signers sort by. */
function compareCodePoints(a: string, b: string): number {
	const left = Array.from(a);
	const right = Array.from(b);
	const length = Math.min(left.length, right.length);
	for (let i = 0; i < length; i++) {
		const diff = (left[i].codePointAt(0) ?? 0) - (right[i].codePointAt(0) ?? 0);
		if (diff !== 0) return diff;
	}
	return left.length - right.length;
}

/** Sorted by key then value, a repeated key once per value; '' when there is no query. */
export function canonicalQuery(pairs: readonly QueryPair[]): string {
	return [...pairs]
		.sort(
			([keyA, valueA], [keyB, valueB]) =>
				compareCodePoints(keyA, keyB) || compareCodePoints(valueA, valueB),
		)
		.map(([key, value]) => `${encodeSegment(key)}=${encodeSegment(value)}`)
		.join('&');
}

function normalisedHeaders(headers: Readonly<Record<string, string>>): Array<[string, string]> {
	return Object.entries(headers)
		.map(([name, value]): [string, string] => [name.toLowerCase(), value.trim()])
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `name:value\n` per header, lowercase names, sorted (the block ends with a newline). */
export function canonicalHeaders(headers: Readonly<Record<string, string>>): string {
	return normalisedHeaders(headers)
		.map(([name, value]) => `${name}:${value}\n`)
		.join('');
}

function signedHeaderNames(headers: Readonly<Record<string, string>>): string {
	return normalisedHeaders(headers)
		.map(([name]) => name)
		.join(';');
}

export function sha256Hex(data: string | Uint8Array): string {
	return createHash('sha256').update(data).digest('hex');
}

export function canonicalRequest(request: SignableRequest): string {
	return [
		request.method.toUpperCase(),
		canonicalUri(request.path),
		canonicalQuery(request.query),
		canonicalHeaders(request.headers),
		signedHeaderNames(request.headers),
		sha256Hex(request.body),
	].join('\n');
}

export function stringToSign(canonicalRequestText: string, sdkDate: string): string {
	return [SIGNING_ALGORITHM, sdkDate, sha256Hex(canonicalRequestText)].join('\n');
}

export function sign(request: SignableRequest, keys: AccessKeys): RequestSignature {
	const sdkDate = headerValue(request.headers, SDK_DATE_HEADER);
	if (sdkDate === undefined) {
		throw new Error(`The ${SDK_DATE_HEADER} header must be among the signed headers`);
	}
	const canonical = canonicalRequest(request);
	const signature = createHmac('sha256', keys.secretAccessKey)
		.update(stringToSign(canonical, sdkDate.trim()))
		.digest('hex');
	const signedHeaders = signedHeaderNames(request.headers);
	return {
		authorization: `${SIGNING_ALGORITHM} Access=${keys.accessKeyId}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
		signedHeaders,
		signature,
		canonicalRequest: canonical,
	};
}

/** `YYYYMMDDTHHMMSSZ` in UTC, the format of the X-Sdk-Date header. */
export function formatSdkDate(date: Date): string {
	return date
		.toISOString()
		.replace(/\.\d{3}Z$/, 'Z')
		.replace(/[-:]/g, '');
}
