import { AkskVerifier } from './auth/akskVerifier';
import { TokenStore } from './auth/tokens';
import { Clock } from './clock';
import { FaultQueue } from './faults';
import { RateLimiter } from './rateLimit';
import { DEFAULT_PROJECT_ID, FIXED_CREDENTIALS, SEED_DESKTOP_IDS } from './seed';
import { WorkspaceState } from './state';
import type { Credentials, Desktop, EmulatorOptions, Fault, NewDesktop, RateLimit, RecordedRequest, RouteName } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Everything the emulator knows, independent of HTTP; the server only translates requests into it. */
export class EmulatorCore {
	readonly projectId: string;
	readonly seedEnabled: boolean;
	readonly tokenTtlMs: number;
	readonly clock: Clock;
	readonly tokens: TokenStore;
	readonly verifier: AkskVerifier;
	readonly state: WorkspaceState;
	readonly faults = new FaultQueue();
	readonly rateLimiter = new RateLimiter();
	readonly credentials: Credentials;
	readonly seedDesktopIds = SEED_DESKTOP_IDS;
	readonly requests: RecordedRequest[] = [];
	iamLoginCount = 0;
	inFlight = 0;
	maxInFlightSeen = 0;
	/** Added to every admitted request, so concurrency is observable without scripting faults. */
	latencyMs = 0;
	/** When set, the current tag-search path is "not deployed": see `isUndeployed`. */
	legacySearchOnly: boolean;
	private readonly initialSkewMs: number;
	private readonly initialLegacySearchOnly: boolean;

	constructor(opts: EmulatorOptions = {}) {
		this.projectId = opts.projectId ?? DEFAULT_PROJECT_ID;
		this.seedEnabled = opts.seed ?? true;
		this.tokenTtlMs = opts.tokenTtlMs ?? DAY_MS;
		this.initialSkewMs = opts.clockSkewMs ?? 0;
		this.initialLegacySearchOnly = opts.legacySearchOnly ?? false;
		this.legacySearchOnly = this.initialLegacySearchOnly;
		this.clock = new Clock(this.initialSkewMs);
		this.tokens = new TokenStore(this.clock);
		this.verifier = new AkskVerifier(this.clock);
		this.state = new WorkspaceState(
			opts.maxTagsPerDesktop ?? 10,
			() => this.clock.now(),
			opts.powerTransitionMs ?? 50,
			opts.creationMs ?? 50,
			opts.desktopQuota ?? 200,
		);
		this.credentials = { token: TokenStore.newTokenString(), ...FIXED_CREDENTIALS };
		this.verifier.addKey({ accessKeyId: this.credentials.accessKeyId, secretAccessKey: this.credentials.secretAccessKey });
		this.verifier.addKey({
			accessKeyId: this.credentials.tempAccessKeyId,
			secretAccessKey: this.credentials.tempSecretAccessKey,
			securityToken: this.credentials.securityToken,
		});
		this.reset();
	}

	get token(): string {
		return this.credentials.token;
	}

	reset(): void {
		this.clock.skewMs = this.initialSkewMs;
		this.legacySearchOnly = this.initialLegacySearchOnly;
		this.state.reset(this.seedEnabled);
		this.tokens.clear();
		this.tokens.issue(this.projectId, this.tokenTtlMs, this.credentials.userName, this.credentials.domainName, this.credentials.token);
		this.verifier.clearLockouts();
		this.faults.clear();
		this.rateLimiter.set(null);
		this.latencyMs = 0;
		this.clearRequests();
	}

	/** A route the emulated region does not serve: the gateway answers it like an unknown route. */
	isUndeployed(route: RouteName): boolean {
		return route === 'desktop.filter' && this.legacySearchOnly;
	}

	clearRequests(): void {
		this.requests.length = 0;
		this.iamLoginCount = 0;
		this.maxInFlightSeen = this.inFlight;
	}

	issueToken(opts: { projectId?: string; ttlMs?: number } = {}): string {
		return this.tokens.issue(opts.projectId ?? this.projectId, opts.ttlMs ?? this.tokenTtlMs, this.credentials.userName, this.credentials.domainName).token;
	}

	addDesktop(d: NewDesktop): Desktop {
		return this.state.add(d);
	}

	setRateLimit(limit: RateLimit | null): void {
		this.rateLimiter.set(limit);
	}

	injectFaults(faults: Fault[]): void {
		this.faults.add(faults);
	}

	stats(): { requests: number; maxInFlight: number; byStatus: Record<number, number>; byRoute: Record<string, number> } {
		const byStatus: Record<number, number> = {};
		const byRoute: Record<string, number> = {};
		for (const r of this.requests) {
			byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
			byRoute[r.route] = (byRoute[r.route] ?? 0) + 1;
		}
		return { requests: this.requests.length, maxInFlight: this.maxInFlightSeen, byStatus, byRoute };
	}
}
