import { randomBytes } from 'crypto';
import type { Clock } from '../clock';

interface TokenInfo {
	projectId: string;
	issuedAt: number;
	expiresAt: number;
	user: string;
	domain: string;
}

/** IAM tokens are opaque to clients; the emulator only needs to recognise the ones it issued. */
export class TokenStore {
	private tokens = new Map<string, TokenInfo>();

	constructor(private clock: Clock) {}

	/** Real tokens are long base64-ish strings starting with MII; the length catches header truncation. */
	static newTokenString(): string {
		return 'MIIEMU' + randomBytes(384).toString('base64').replace(/[+/=]/g, '');
	}

	issue(projectId: string, ttlMs: number, user: string, domain: string, token = TokenStore.newTokenString()): { token: string; info: TokenInfo } {
		const issuedAt = this.clock.now();
		const info = { projectId, issuedAt, expiresAt: issuedAt + ttlMs, user, domain };
		this.tokens.set(token, info);
		return { token, info };
	}

	lookup(token: string): { status: 'valid'; info: TokenInfo } | { status: 'unknown' } | { status: 'expired' } {
		const info = this.tokens.get(token);
		if (!info) return { status: 'unknown' };
		if (info.expiresAt <= this.clock.now()) return { status: 'expired' };
		return { status: 'valid', info };
	}

	expireAll(): void {
		for (const info of this.tokens.values()) info.expiresAt = Number.NEGATIVE_INFINITY;
	}

	clear(): void {
		this.tokens.clear();
	}
}
