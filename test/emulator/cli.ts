/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- developer and test tooling: runs under Node, never shipped in the n8n package */
/**
 * `npm run emulator -- --port 9000`: runs the emulator for manual testing in a real n8n and prints
 * what to type into the "Huawei Cloud Workspace API" credential.
 */
import { startEmulator } from './index';

function parseArgs(argv: string[]): { port: number; seed: boolean; legacySearchOnly: boolean; powerTransitionMs?: number; creationMs?: number } {
	let port = 9000;
	let seed = true;
	let legacySearchOnly = false;
	let powerTransitionMs: number | undefined;
	let creationMs: number | undefined;
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--port' || a === '-p') port = Number(argv[++i]);
		else if (a.startsWith('--port=')) port = Number(a.slice('--port='.length));
		else if (a === '--no-seed') seed = false;
		else if (a === '--legacy-search-only') legacySearchOnly = true;
		else if (a === '--power-transition-ms') powerTransitionMs = Number(argv[++i]);
		else if (a === '--creation-ms') creationMs = Number(argv[++i]);
		else if (a === '--help' || a === '-h') {
			console.log('usage: npm run emulator -- [--port 9000] [--no-seed] [--legacy-search-only] [--power-transition-ms 50] [--creation-ms 50]   (--port 0 picks a free port)');
			process.exit(0);
		}
	}
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		console.error(`invalid --port ${String(port)}`);
		process.exit(2);
	}
	if (powerTransitionMs !== undefined && !(Number.isFinite(powerTransitionMs) && powerTransitionMs >= 0)) {
		console.error(`invalid --power-transition-ms ${String(powerTransitionMs)}`);
		process.exit(2);
	}
	if (creationMs !== undefined && !(Number.isFinite(creationMs) && creationMs >= 0)) {
		console.error(`invalid --creation-ms ${String(creationMs)}`);
		process.exit(2);
	}
	return { port, seed, legacySearchOnly, powerTransitionMs, creationMs };
}

async function main(): Promise<void> {
	const { port, seed, legacySearchOnly, powerTransitionMs, creationMs } = parseArgs(process.argv.slice(2));
	const emu = await startEmulator({ port, seed, legacySearchOnly, powerTransitionMs, creationMs });
	const c = emu.credentials;
	const lines = [
		`Huawei Cloud Workspace + IAM emulator listening on ${emu.url}`,
		'',
		'n8n credential "Huawei Cloud Workspace API" (huaweiCloudWorkspaceApi):',
		`  region              ap-southeast-1`,
		`  projectId           ${emu.projectId}`,
		`  workspaceEndpoint   ${emu.url}`,
		`  iamEndpoint         ${emu.url}`,
		'',
		'  authType = token',
		`    token             ${c.token}`,
		'    (valid 24 hours, until the emulator stops)',
		'',
		'  authType = password',
		`    domainName        ${c.domainName}`,
		`    userName          ${c.userName}`,
		`    password          ${c.password}`,
		'',
		'  authType = accessKey (permanent)',
		`    accessKeyId       ${c.accessKeyId}`,
		`    secretAccessKey   ${c.secretAccessKey}`,
		'',
		'  authType = accessKey (temporary)',
		`    accessKeyId       ${c.tempAccessKeyId}`,
		`    secretAccessKey   ${c.tempSecretAccessKey}`,
		`    securityToken     ${c.securityToken}`,
		'',
		seed
			? `Seeded desktops: ${emu
					.listDesktops()
					.map((d) => `${d.computer_name}=${d.desktop_id}`)
					.join('  ')}`
			: 'No desktops seeded (--no-seed).',
		...(legacySearchOnly ? ['Tag search only on the deprecated resource_instances path (--legacy-search-only).'] : []),
		'Press Ctrl+C to stop.',
	];
	console.log(lines.join('\n'));

	let stopping = false;
	const stop = (signal: string): void => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping emulator (${emu.stats().requests} requests served)`);
		void emu.close().then(() => process.exit(0));
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
	console.error((e as Error).message);
	process.exit(1);
});
