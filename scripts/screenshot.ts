/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- developer tooling: runs under Node, never shipped in the n8n package */
/**
 * `npm run screenshot`: docs/node-tag-create.png, the node's parameter panel for Tag → Create in the real n8n editor.
 *
 * Same set-up as `npm run editor` (test/e2e/n8n.ts): the pinned n8n runtime, the packed package in a fresh
 * N8N_CUSTOM_EXTENSIONS folder, the emulator and a token credential for it, `n8n start`, an owner account made
 * through POST /rest/owner/setup. Then Debian's Chromium, driven by playwright-core (headless, fresh profile),
 * signs in, opens a workflow whose Huawei Cloud Workspace node is set to Tag → Create, opens that node's
 * parameter panel and saves the screenshot. Everything is stopped and deleted afterwards.
 *
 *   npm run screenshot
 *   E2E_SKIP_BUILD=1 npm run screenshot      reuse dist/
 *   CHROMIUM=/path/to/chromium npm run screenshot
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { startEmulator, type Emulator } from '../test/emulator';
import {
	buildAndPack,
	CREDENTIAL_TYPE,
	emulatorTokenCredential,
	CUSTOM_NODE_TYPE,
	ensureRuntime,
	freePort,
	N8nInstance,
	n8nId,
	REPO_ROOT,
	type StartedN8n,
	type WorkflowJson,
} from '../test/e2e/n8n';

// A throwaway local instance (the same login as `npm run editor`). Never reuse these for a real n8n.
const OWNER = { email: 'demo@example.com', firstName: 'Demo', lastName: 'User', password: 'Workspace-Demo-1' };
const OUT = path.join(REPO_ROOT, 'docs', 'node-tag-create.png');
const NODE_NAME = 'Tag the desktop';

function workflow(credential: { id: string; name: string }, desktopId: string): WorkflowJson {
	return {
		id: n8nId('screenshotTagCreate'),
		name: 'Tag a new desktop with its team',
		nodes: [
			{
				id: 'b0000000-0000-4000-8000-000000000001',
				name: "When clicking 'Execute workflow'",
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'b0000000-0000-4000-8000-000000000002',
				name: NODE_NAME,
				type: CUSTOM_NODE_TYPE,
				typeVersion: 1,
				position: [260, 0],
				parameters: {
					resource: 'tag',
					operation: 'create',
					desktopId: { __rl: true, mode: 'id', value: desktopId },
					key: 'team',
					value: 'finance',
				},
				credentials: { [CREDENTIAL_TYPE]: credential },
			},
		],
		connections: {
			"When clicking 'Execute workflow'": { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

async function main(): Promise<number> {
	let emu: Emulator | undefined;
	let n8n: N8nInstance | undefined;
	let server: StartedN8n | undefined;
	let browser: BrowserContext | undefined;
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-shot-chromium-'));
	try {
		const runtime = await ensureRuntime((l) => l.startsWith('[n8n-runtime]') && console.log(`  ${l}`));
		console.log('build + pack...');
		const tarball = await buildAndPack({ log: (l) => console.log(`  ${l}`) });
		emu = await startEmulator({ port: 0 });
		n8n = await N8nInstance.create({ runtime, tarball });
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });

		const credential = { id: n8nId('screenshotEmulatorCred'), name: 'Huawei Cloud Workspace account' };
		await n8n.importCredentials([emulatorTokenCredential(emu, credential)]);
		const wf = workflow(credential, emu.listDesktops()[0].desktop_id);
		await n8n.importWorkflows([wf]);

		const port = await freePort(5690);
		console.log(`starting n8n on port ${port}...`);
		server = await n8n.start(port);
		const setup = await fetch(`${server.url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		if (!setup.ok) throw new Error(`owner setup answered ${setup.status}`);

		console.log('chromium...');
		// A persistent context on a fresh, temporary profile folder (deleted below).
		browser = await chromium.launchPersistentContext(profile, {
			executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
			headless: true,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
			viewport: { width: 1440, height: 900 },
			deviceScaleFactor: 1,
		});
		const page = browser.pages()[0] ?? (await browser.newPage());
		page.setDefaultTimeout(60_000);

		await page.goto(`${server.url}/signin`);
		await page.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]').first().fill(OWNER.email);
		await page.locator('input[type="password"]').first().fill(OWNER.password);
		await page.locator('button[type="submit"], [data-test-id="form-submit-button"]').first().click();
		await page.waitForURL((u) => !u.pathname.startsWith('/signin'));

		await page.goto(`${server.url}/workflow/${wf.id}`);
		const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${NODE_NAME}"], [data-test-id="canvas-node"]:has-text("${NODE_NAME}")`).first();
		await node.waitFor();
		await node.dblclick();
		const ndv = page.locator('[data-test-id="ndv"]').first();
		await ndv.waitFor();
		// The panel shows the operation's fields once the node's description is loaded.
		await ndv.getByText('Key', { exact: true }).first().waitFor();
		// Close hint/toast pop-ups that would cover the panel.
		await page.keyboard.press('Escape').catch(() => undefined);
		if (!(await ndv.isVisible())) await node.dblclick();
		await page.waitForTimeout(1000);

		fs.mkdirSync(path.dirname(OUT), { recursive: true });
		await page.screenshot({ path: OUT });
		console.log(`saved ${path.relative(REPO_ROOT, OUT)}`);
		return 0;
	} catch (e) {
		console.error(`screenshot failed: ${(e as Error).message}`);
		return 1;
	} finally {
		await browser?.close().catch(() => undefined);
		await server?.stop().catch(() => undefined);
		await n8n?.dispose().catch(() => undefined);
		await emu?.close().catch(() => undefined);
		fs.rmSync(profile, { recursive: true, force: true });
	}
}

void main().then((code) => process.exit(code));
