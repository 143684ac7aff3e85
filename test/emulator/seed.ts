/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- developer and test tooling: runs under Node, never shipped in the n8n package */
import type { Credentials, NewDesktop } from './types';
import type { NewUser } from './users';

/** Fixed so that `npm run emulator` prints the same values every time and docs can quote them. */
export const FIXED_CREDENTIALS: Omit<Credentials, 'token'> = {
	domainName: 'demo-account',
	userName: 'demo-user',
	password: 'Demo-Passw0rd!',
	accessKeyId: 'EMULATORAK0000000001',
	secretAccessKey: 'emulator-secret-key-0000000000000000000001',
	tempAccessKeyId: 'EMULATORTEMPAK000001',
	tempSecretAccessKey: 'emulator-temp-secret-key-00000000000000001',
	securityToken: 'emulator-security-token-gQpjbi1ub3J0aC00-0000000000000000000000000000000000000001',
};

export const DEFAULT_PROJECT_ID = '0123456789abcdef0123456789abcdef';
export const PROJECT_NAME = 'ap-southeast-1';

/** UUID-shaped but readable, so a failing test names the desktop at a glance. */
export const SEED_DESKTOP_IDS = {
	dev01: 'de500000-0000-4000-8000-000000000001',
	dev02: 'de500000-0000-4000-8000-000000000002',
	prod01: 'de500000-0000-4000-8000-000000000003',
} as const;

export const SEED_DESKTOPS: NewDesktop[] = [
	{
		desktop_id: SEED_DESKTOP_IDS.dev01,
		computer_name: 'wks-dev-01',
		user_name: 'alice',
		status: 'ACTIVE',
		tags: [
			{ key: 'env', value: 'dev' },
			{ key: 'owner', value: 'alice' },
		],
		ip_addresses: ['192.168.0.11'],
	},
	{
		desktop_id: SEED_DESKTOP_IDS.dev02,
		computer_name: 'wks-dev-02',
		user_name: 'bob',
		status: 'ACTIVE',
		tags: [{ key: 'env', value: 'dev' }],
		ip_addresses: ['192.168.0.12'],
	},
	{
		desktop_id: SEED_DESKTOP_IDS.prod01,
		computer_name: 'wks-prod-01',
		user_name: 'carol',
		status: 'ACTIVE',
		tags: [
			{ key: 'env', value: 'prod' },
			{ key: 'owner', value: 'carol' },
		],
		ip_addresses: ['192.168.1.21'],
	},
];

/** The Workspace users of the seed desktops. */
export const SEED_USERS: NewUser[] = [
	{ id: 'a11ce000000040008000000000000001', user_name: 'alice', user_email: 'alice@example.com', description: 'Developer' },
	{ id: 'b0b00000000040008000000000000002', user_name: 'bob', user_email: 'bob@example.com', description: 'Developer' },
	{ id: 'ca201000000040008000000000000003', user_name: 'carol', user_email: 'carol@example.com', description: 'Operations' },
];
