import { timingSafeEqual } from 'crypto';
import type { Clock } from '../clock';
import { canonicalRequest, parseAuthorization, parseSdkDate, signature, stringToSign } from './sdkHmac';

export interface AccessKey {
	accessKeyId: string;
	secretAccessKey: string;
	/** Present for temporary keys: the request must carry it in a SIGNED X-Security-Token header. */
	securityToken?: string;
}

export interface SignedRequest {
	method: string;
	segments: string[];
	query: [string, string][];
	headers: Record<string, string>;
	body: Buffer;
}

export type VerifyResult = { ok: true; accessKeyId: string } | { ok: false; reason: string };

const MAX_SKEW_MS = 15 * 60 * 1000;
const LOCK_AFTER_FAILURES = 5;
const LOCK_MS = 5 * 60 * 1000;

/**
 * Policy around the signature: date window, temporary keys and the lockout Huawei applies after
 * repeated bad signatures (a client that retries 401s blindly locks its own key).
 */
export class AkskVerifier {
	private keys = new Map<string, AccessKey>();
	private failures = new Map<string, number>();
	private lockedUntil = new Map<string, number>();

	constructor(private clock: Clock) {}

	addKey(key: AccessKey): void {
		this.keys.set(key.accessKeyId, key);
	}

	clearLockouts(): void {
		this.failures.clear();
		this.lockedUntil.clear();
	}

	isLocked(accessKeyId: string): boolean {
		return (this.lockedUntil.get(accessKeyId) ?? 0) > this.clock.now();
	}

	verify(authorization: string, req: SignedRequest): VerifyResult {
		const auth = parseAuthorization(authorization);
		if (!auth) return fail('the Authorization header is not a valid SDK-HMAC-SHA256 authorization');
		const key = this.keys.get(auth.access);
		if (!key) return fail(`the access key ${auth.access} does not exist`);
		if (this.isLocked(key.accessKeyId)) {
			return fail(`the access key ${key.accessKeyId} is locked for 5 minutes after ${LOCK_AFTER_FAILURES} consecutive signature failures`);
		}

		const signed = auth.signedHeaders;
		const sortedLower = [...signed].map((h) => h.toLowerCase()).sort();
		if (signed.join(';') !== sortedLower.join(';')) return fail('SignedHeaders must be lowercase and sorted');
		if (!signed.includes('x-sdk-date')) return fail('x-sdk-date must be a signed header');
		const missing = signed.find((h) => req.headers[h] === undefined);
		if (missing) return fail(`the signed header ${missing} is not present in the request`);

		const sdkDate = req.headers['x-sdk-date'];
		const dateMs = parseSdkDate(sdkDate);
		if (dateMs === null) return fail(`X-Sdk-Date ${sdkDate} is not in the format YYYYMMDDTHHMMSSZ`);
		const skew = dateMs - this.clock.now();
		if (Math.abs(skew) > MAX_SKEW_MS) {
			return fail(
				`the request time ${sdkDate} is out of range: request expired (time differs from the server time ${new Date(this.clock.now()).toISOString()} by more than 15 minutes)`,
			);
		}

		if (key.securityToken !== undefined) {
			if (req.headers['x-security-token'] === undefined) return fail('a temporary access key requires the X-Security-Token header');
			if (!signed.includes('x-security-token')) return fail('X-Security-Token must be a signed header');
			if (req.headers['x-security-token'] !== key.securityToken) return fail('the security token is invalid or expired');
		}

		const canonical = canonicalRequest({ ...req, signedHeaders: signed });
		const expected = signature(key.secretAccessKey, stringToSign(sdkDate, canonical));
		if (!safeEqualHex(expected, auth.signature)) {
			const n = (this.failures.get(key.accessKeyId) ?? 0) + 1;
			this.failures.set(key.accessKeyId, n);
			if (n >= LOCK_AFTER_FAILURES) {
				this.failures.delete(key.accessKeyId);
				this.lockedUntil.set(key.accessKeyId, this.clock.now() + LOCK_MS);
			}
			return fail('verify aksk signature fail');
		}
		this.failures.delete(key.accessKeyId);
		return { ok: true, accessKeyId: key.accessKeyId };
	}
}

function fail(reason: string): VerifyResult {
	return { ok: false, reason };
}

function safeEqualHex(a: string, b: string): boolean {
	const ba = Buffer.from(a, 'utf8');
	const bb = Buffer.from(b, 'utf8');
	return ba.length === bb.length && timingSafeEqual(ba, bb);
}
