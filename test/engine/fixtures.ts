import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator';
import { restartN8n } from './harness';

export type AuthMode = 'token' | 'password' | 'accessKey';
export const AUTH_MODES: AuthMode[] = ['token', 'password', 'accessKey'];

/** A credential pointing at the emulator, as a user would fill it in. */
export function credentialsFor(emu: Emulator, mode: AuthMode): ICredentialDataDecryptedObject {
	const common = { region: 'ap-southeast-1', projectId: emu.projectId, workspaceEndpoint: emu.url, iamEndpoint: emu.url };
	if (mode === 'token') return { ...common, authType: 'token', token: emu.token };
	if (mode === 'password') {
		return {
			...common,
			authType: 'password',
			domainName: emu.credentials.domainName,
			userName: emu.credentials.userName,
			password: emu.credentials.password,
		};
	}
	return {
		...common,
		authType: 'accessKey',
		accessKeyId: emu.credentials.accessKeyId,
		secretAccessKey: emu.credentials.secretAccessKey,
	};
}

export function desktop(value: string) {
	return { __rl: true, mode: 'id', value };
}

/**
 * Pacing lifted far above anything the emulator needs, for tests about something else: at the
 * default 5 requests a second a 500-item test would take 100 s. The pacing tests use the defaults.
 */
export const UNTHROTTLED = { requestsPerSecond: 10000, maxConcurrent: 1000 };

export function params(resource: string, operation: string, rest: INodeParameters): INodeParameters {
	return { resource, operation, throttling: UNTHROTTLED, ...rest };
}

/**
 * Puts the emulator back in its seeded state and starts n8n afresh (no cached IAM token, no
 * learned rate), so that no test sees another's logins or slowed rate. For files that run their emulator
 * themselves; useEmulator does this before every test.
 */
export function resetForTest(emu: Emulator): void {
	emu.reset();
	restartN8n();
}

/**
 * One emulator per test file, back in its seeded state before every test, with the process-wide
 * caches (IAM tokens, pacers) cleared so that no test sees another's logins or slowed rate. The
 * returned object forwards to the running emulator, so tests use it like the emulator itself.
 */
export function useEmulator(options?: EmulatorOptions): Emulator {
	let running: Emulator | undefined;
	beforeAll(async () => {
		running = await startEmulator(options);
	});
	beforeEach(() => {
		if (running) resetForTest(running);
	});
	afterAll(async () => {
		await running?.close();
	});
	return new Proxy({} as Emulator, {
		get(_target, property) {
			if (!running) throw new Error('the emulator starts in beforeAll: use it inside tests and hooks');
			return Reflect.get(running, property);
		},
	});
}
