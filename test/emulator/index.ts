/* eslint-disable @n8n/community-nodes/no-restricted-imports -- developer and test tooling: runs under Node, never shipped in the n8n package */
import type { AddressInfo } from 'net';
import { EmulatorCore } from './core';
import { createEmulatorServer } from './server';
import type { Credentials, Desktop, EmulatorOptions, Fault, NewDesktop, RateLimit, RecordedRequest } from './types';
import type { NewUser, WorkspaceUser } from './users';

export type { Credentials, Desktop, EmulatorOptions, Fault, NewDesktop, RateLimit, RecordedRequest, Tag, RouteName } from './types';
export type { NewUser, WorkspaceUser } from './users';
export { SEED_IMAGES, SEED_PRODUCTS } from './catalogue';
export { SEED_DESKTOP_IDS, FIXED_CREDENTIALS, DEFAULT_PROJECT_ID } from './seed';
export { ERRORS } from './errors';
export { ROUTE_SHAPES, type RouteShape } from './shapes';

/** See INTERFACE.md; members marked "addition" there are beyond the fixed interface. */
export interface Emulator {
	readonly url: string;
	readonly port: number;
	readonly projectId: string;
	readonly token: string;
	readonly credentials: Credentials;
	readonly seedDesktopIds: { dev01: string; dev02: string; prod01: string };
	addDesktop(d: NewDesktop): Desktop;
	getDesktop(id: string): Desktop | undefined;
	listDesktops(): Desktop[];
	updateDesktop(id: string, patch: Partial<Omit<Desktop, 'desktop_id'>>): Desktop;
	readonly deletedDesktops: { desktop_id: string; query: Record<string, string> }[];
	readonly requests: RecordedRequest[];
	clearRequests(): void;
	readonly iamLogins: number;
	expireTokens(): void;
	issueToken(opts?: { projectId?: string; ttlMs?: number }): string;
	setRateLimit(limit: RateLimit | null): void;
	injectFaults(faults: Fault[]): void;
	pendingFaults(): number;
	setLatency(ms: number | null): void;
	setClockSkewMs(ms: number): void;
	setLegacySearchOnly(on: boolean): void;
	now(): number;
	isAccessKeyLocked(accessKeyId: string): boolean;
	/** Addition: how long power actions take from now on (emulator clock); reset() restores the start value. */
	setPowerTransitionMs(ms: number): void;
	/** Addition: the desktop's next power action ends in ERROR ('fail') or never finishes ('hang'). */
	setNextPowerOutcome(desktopId: string, outcome: 'fail' | 'hang'): void;
	/** Addition: every desktop a log-off request reached, with the message sent. */
	readonly logoffs: { desktop_id: string; message?: string }[];
	/** Addition: the project's Workspace users (the seeds have alice, bob and carol). */
	listUsers(): WorkspaceUser[];
	addUser(user: NewUser): WorkspaceUser;
	/** Addition: how long desktop creation jobs take from now on (emulator clock); reset() restores the start value. */
	setCreationMs(ms: number): void;
	/** Addition: the next desktop created for this user fails with this reason (its sub job FAILED, no desktop). */
	setCreationFailure(userName: string, reason: string): void;
	/** Addition: how many desktops the project may hold, those being created included; reset() restores the start value. */
	setDesktopQuota(quota: number): void;
	stats(): { requests: number; maxInFlight: number; byStatus: Record<number, number>; byRoute: Record<string, number> };
	reset(): void;
	close(): Promise<void>;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
	const core = new EmulatorCore(opts);
	const { server, delays } = createEmulatorServer(core);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	let closed: Promise<void> | undefined;

	return {
		url: `http://127.0.0.1:${port}`,
		port,
		projectId: core.projectId,
		get token() {
			return core.token;
		},
		credentials: core.credentials,
		seedDesktopIds: { ...core.seedDesktopIds },
		addDesktop: (d) => core.addDesktop(d),
		getDesktop: (id) => core.state.snapshot(id),
		listDesktops: () => core.state.all().map((d) => core.state.snapshot(d.desktop_id) as Desktop),
		updateDesktop: (id, patch) => core.state.update(id, patch),
		get deletedDesktops() {
			return core.state.deletedDesktops;
		},
		requests: core.requests,
		clearRequests: () => core.clearRequests(),
		get iamLogins() {
			return core.iamLoginCount;
		},
		expireTokens: () => core.tokens.expireAll(),
		issueToken: (o) => core.issueToken(o),
		setRateLimit: (l) => core.setRateLimit(l),
		injectFaults: (f) => core.injectFaults(f),
		pendingFaults: () => core.faults.pending,
		setLatency: (ms) => {
			core.latencyMs = ms ?? 0;
		},
		setClockSkewMs: (ms) => {
			core.clock.skewMs = ms;
		},
		setLegacySearchOnly: (on) => {
			core.legacySearchOnly = on;
		},
		now: () => core.clock.now(),
		isAccessKeyLocked: (ak) => core.verifier.isLocked(ak),
		setPowerTransitionMs: (ms) => {
			core.state.power.transitionMs = ms;
		},
		setNextPowerOutcome: (id, outcome) => {
			core.state.update(id, { nextAction: outcome });
		},
		get logoffs() {
			return core.state.logoffs;
		},
		listUsers: () => core.state.users.all().map((user) => ({ ...user })),
		addUser: (user) => core.state.users.add(user),
		setCreationMs: (ms) => {
			core.state.creationMs = ms;
		},
		setCreationFailure: (userName, reason) => {
			core.state.creationFailures.set(userName.toLowerCase(), reason);
		},
		setDesktopQuota: (quota) => {
			core.state.desktopQuota = quota;
		},
		stats: () => core.stats(),
		reset: () => core.reset(),
		close: () => {
			closed ??= new Promise<void>((resolve) => {
				delays.cancelAll();
				server.close(() => resolve());
				// Keep-alive sockets and requests parked by 'slow' faults would otherwise hold close() open.
				server.closeAllConnections();
			});
			return closed;
		},
	};
}
