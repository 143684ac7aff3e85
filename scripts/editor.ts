/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- developer and test tooling: runs under Node, never shipped in the n8n package */
/**
 * `npm run editor`: a local n8n editor with this package loaded, talking to the emulator.
 *
 * Starts the emulator (port 9000, or a random free one), builds + packs the package, drops it into a fresh
 * N8N_CUSTOM_EXTENSIONS folder, imports a token credential for the emulator and every workflow in examples/,
 * starts `n8n start` on 127.0.0.1:5678 (or the next free port), creates the owner account (n8n 2.x always
 * asks for one: the script does it through POST /rest/owner/setup and prints the login), and waits.
 * Ctrl-C stops n8n and the emulator and deletes the temporary n8n folder.
 *
 *   npm run editor
 *   E2E_SKIP_BUILD=1 npm run editor    reuse dist/
 *   N8N_EDITOR_PORT=5700 npm run editor
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmulator, type Emulator } from '../test/emulator';
import {
	buildAndPack,
	emulatorTokenCredential,
	ensureRuntime,
	freePort,
	isPortFree,
	loadExample,
	N8nInstance,
	n8nId,
	REPO_ROOT,
	withCredential,
	type StartedN8n,
} from '../test/e2e/n8n';

// A throwaway local instance: fixed, printed login. Never reuse these for a real n8n.
const OWNER = { email: 'demo@example.com', firstName: 'Demo', lastName: 'User', password: 'Workspace-Demo-1' };

async function main(): Promise<void> {
	let emu: Emulator | undefined;
	let n8n: N8nInstance | undefined;
	let server: StartedN8n | undefined;
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		console.log('\nstopping n8n and the emulator...');
		await server?.stop().catch(() => undefined);
		await n8n?.dispose().catch(() => undefined);
		await emu?.close().catch(() => undefined);
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	try {
		console.log('n8n runtime...');
		const runtime = await ensureRuntime((l) => l.startsWith('[n8n-runtime]') && console.log(`  ${l}`));
		console.log('build + pack...');
		const tarball = await buildAndPack({ log: (l) => console.log(`  ${l}`) });

		emu = await startEmulator({ port: (await isPortFree(9000)) ? 9000 : 0 });
		emu.addDesktop({
			desktop_id: 'de500000-0000-4000-8000-0000000000ff',
			computer_name: 'wks-old-99',
			user_name: 'dave',
			status: 'SHUTOFF',
			tags: [{ key: 'decommission', value: 'true' }],
		});

		n8n = await N8nInstance.create({ runtime, tarball });
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		const credential = { id: n8nId('editorEmulatorCred'), name: 'Workspace emulator (token)' };
		console.log('importing the credential and examples/ ...');
		await n8n.importCredentials([emulatorTokenCredential(emu, credential)]);
		const files = fs.readdirSync(path.join(REPO_ROOT, 'examples')).filter((f) => f.endsWith('.json'));
		await n8n.importWorkflows(files.map((f) => ({ ...withCredential(loadExample(f), credential), id: n8nId(`example${f}`) })));

		const port = await freePort(Number(process.env.N8N_EDITOR_PORT ?? 5678));
		console.log(`starting n8n on port ${port} (this takes a little while)...`);
		server = await n8n.start(port);

		const res = await fetch(`http://127.0.0.1:${port}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		const ownerOk = res.ok;
		if (!ownerOk) console.log(`  (owner setup answered ${res.status}; set the owner up in the browser instead)`);

		const c = emu.credentials;
		console.log(`
n8n editor:   ${server.url}
${ownerOk ? `  log in as   ${OWNER.email} / ${OWNER.password}   (local throwaway instance)` : '  create the owner account in the browser'}
  workflows:  ${files.join(', ')} (imported, credential "${credential.name}" attached)
  node:       "Huawei Cloud Workspace" (loaded from ${n8n.extensionsDir}, type CUSTOM.huaweiCloudWorkspace)

emulator:     ${emu.url}   project ${emu.projectId}
  desktops:   ${emu.listDesktops().map((d) => `${d.computer_name} ${d.desktop_id}`).join('\n              ')}
  for other credentials: account ${c.domainName}, user ${c.userName}, password ${c.password},
              AK ${c.accessKeyId} / SK ${c.secretAccessKey}   (emulator test values)

Ctrl-C stops everything.`);
		server.child.on('exit', (code) => {
			if (!stopping) {
				console.log(`n8n exited (${code})`);
				void stop(1);
			}
		});
	} catch (e) {
		console.error(`editor failed: ${(e as Error).message}`);
		await stop(1);
	}
}

void main();
