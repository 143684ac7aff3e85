/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- developer tooling: runs under Node, never shipped in the n8n package */
/**
 * `npm run screenshot`: the pictures of the README, taken from the real n8n editor.
 *
 *   docs/workflow-canvas.png     the Quick Start workflow (Manual Trigger -> Desktop > Get Many -> Tag > Create or Update) on the canvas
 *   docs/node-tag-create.png     the Tag > Create or Update node panel after the workflow ran: parameters, input and output
 *   docs/output-table.png        that node's output panel, table view
 *   docs/credential-dialog.png   the credential dialog in Access Key (AK/SK) mode, filled with placeholder values
 *
 * Same set-up as `npm run editor` (test/e2e/n8n.ts): the pinned n8n runtime, the packed package in a fresh
 * N8N_CUSTOM_EXTENSIONS folder, the emulator and a token credential for it, `n8n start`, an owner account made
 * through POST /rest/owner/setup. Then Chromium (Debian's `chromium` package), driven by playwright-core
 * (headless, fresh profile), signs in, opens the workflow, executes it, opens the node and the credential, and
 * saves each picture cropped to its part of the page. Everything is stopped and deleted afterwards.
 *
 *   npm run screenshot
 *   E2E_SKIP_BUILD=1 npm run screenshot      reuse dist/
 *   CHROMIUM=/path/to/chromium npm run screenshot
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
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
const DOCS = path.join(REPO_ROOT, 'docs');
const TRIGGER_NAME = "When clicking 'Execute workflow'";
const LIST_NAME = 'Find active desktops';
const NODE_NAME = 'Tag each desktop';

function workflow(credential: { id: string; name: string }): WorkflowJson {
	return {
		id: n8nId('screenshotQuickStart'),
		name: 'Tag every active desktop with its team',
		nodes: [
			{
				id: 'b0000000-0000-4000-8000-000000000001',
				name: TRIGGER_NAME,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'b0000000-0000-4000-8000-000000000002',
				name: LIST_NAME,
				type: CUSTOM_NODE_TYPE,
				typeVersion: 1,
				position: [240, 0],
				parameters: { resource: 'desktop', operation: 'getAll', returnAll: true, filters: { status: 'ACTIVE' } },
				credentials: { [CREDENTIAL_TYPE]: credential },
			},
			{
				id: 'b0000000-0000-4000-8000-000000000003',
				name: NODE_NAME,
				type: CUSTOM_NODE_TYPE,
				typeVersion: 1,
				position: [480, 0],
				parameters: {
					resource: 'tag',
					operation: 'create',
					desktopId: { __rl: true, mode: 'id', value: '={{ $json.desktop_id }}' },
					key: 'team',
					value: 'finance',
				},
				credentials: { [CREDENTIAL_TYPE]: credential },
			},
		],
		connections: {
			[TRIGGER_NAME]: { main: [[{ node: LIST_NAME, type: 'main', index: 0 }]] },
			[LIST_NAME]: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Typed into the credential dialog: placeholders in the shape of real values, no real key or project. */
const ACCESS_KEY_PLACEHOLDERS = {
	projectId: '0123456789abcdef0123456789abcdef',
	accessKeyId: 'EXAMPLEACCESSKEYID00',
	secretAccessKey: 'placeholder-not-a-real-secret-key',
};

type Clip = { x: number; y: number; width: number; height: number };

/** Saves `clip` of the page, held inside the viewport. */
async function save(page: Page, clip: Clip, file: string): Promise<void> {
	const view = page.viewportSize() ?? { width: 1440, height: 900 };
	const x = Math.max(0, Math.floor(clip.x));
	const y = Math.max(0, Math.floor(clip.y));
	const inside = { x, y, width: Math.min(view.width - x, Math.ceil(clip.width)), height: Math.min(view.height - y, Math.ceil(clip.height)) };
	const out = path.join(DOCS, file);
	await page.screenshot({ path: out, clip: inside });
	console.log(`saved ${path.relative(REPO_ROOT, out)} (${Math.round(fs.statSync(out).size / 1024)} KB)`);
}

async function boxOf(target: Locator, what: string): Promise<Clip> {
	const box = await target.boundingBox();
	if (!box) throw new Error(`${what} is not on the page`);
	return box;
}

/** Closes toasts and pop-up hints that would cover what is photographed. */
async function clearPopups(page: Page): Promise<void> {
	for (const close of await page.locator('.el-notification__closeBtn, [data-test-id="toast-close"]').all()) {
		await close.click().catch(() => undefined);
	}
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
		const wf = workflow(credential);
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

		fs.mkdirSync(DOCS, { recursive: true });

		await page.goto(`${server.url}/workflow/${wf.id}`);
		const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${NODE_NAME}"], [data-test-id="canvas-node"]:has-text("${NODE_NAME}")`).first();
		await node.waitFor();
		await page.waitForTimeout(1500);
		await clearPopups(page);

		await page.locator('[data-test-id="execute-workflow-button"]').first().click();
		// The last node shows its item count once the run is over.
		await page.locator('[data-test-id="canvas-node-status-success"]').nth(2).waitFor().catch(() => page.waitForTimeout(5000));
		await page.waitForTimeout(1000);
		await clearPopups(page);
		// From the first node to past the last node's output count and its "+" handle, with the node names.
		const first = await boxOf(page.locator('[data-test-id="canvas-node"]').first(), 'the trigger');
		const last = await boxOf(node, 'the last node');
		await save(page, { x: first.x - 60, y: first.y - 50, width: last.x + last.width - first.x + 200, height: last.height + 130 }, 'workflow-canvas.png');

		await node.dblclick();
		const ndv = page.locator('[data-test-id="ndv"]').first();
		await ndv.waitFor();
		await ndv.getByText('Key', { exact: true }).first().waitFor();
		const output = page.locator('[data-test-id="output-panel"]').first();
		await output.locator('[data-test-id="ndv-run-data-display-mode"]').getByText('Table', { exact: true }).first().click();
		await output.locator('table').first().waitFor();
		await page.waitForTimeout(1000);
		await clearPopups(page);
		const panelDialog = page.locator('[data-test-id="ndv-dialog"], .ndv-wrapper, [data-test-id="ndv"]').first();
		await save(page, await boxOf(panelDialog, 'the node panel'), 'node-tag-create.png');
		// The output panel down to the end of its table: the empty panel below it says nothing.
		const panel = await boxOf(output, 'the output panel');
		const table = await boxOf(output.locator('table').first(), 'the output table');
		await save(page, { ...panel, height: table.y + table.height + 16 - panel.y }, 'output-table.png');

		// A new credential, as a user makes it from the node: a saved one would be tested on opening and,
		// with placeholder keys, show a failed test.
		await page.setViewportSize({ width: 1440, height: 1150 });
		await ndv.locator('[data-test-id="node-credentials-select"]').first().click();
		await page.locator('[data-test-id="node-credentials-select-item-new"]').first().click();
		const dialog = page.locator('[data-test-id="editCredential-modal"] .el-dialog, [data-test-id="editCredential-modal"]').first();
		await dialog.getByText('Authentication', { exact: true }).first().waitFor();
		await dialog.locator('[data-test-id="parameter-input-authType"]').first().click();
		await page.locator('.el-select-dropdown__item:visible').filter({ hasText: 'Access Key (AK/SK Signing)' }).first().click();
		await dialog.getByText('Access Key ID').first().waitFor();
		for (const [name, value] of Object.entries(ACCESS_KEY_PLACEHOLDERS)) {
			await dialog.locator(`[data-test-id="parameter-input-${name}"] input`).first().fill(value);
		}
		// Blur the last field and take the mouse away, so no field shows its hover controls.
		await dialog.getByText('Authentication', { exact: true }).first().click();
		await page.mouse.move(0, 0);
		await page.waitForTimeout(1000);
		await clearPopups(page);
		await save(page, await boxOf(dialog, 'the credential dialog'), 'credential-dialog.png');
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
