/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- developer and test tooling: runs under Node, never shipped in the n8n package */
/**
 * `npm run demo`: the packed package, inside real n8n, against the local Huawei Cloud Workspace emulator.
 *
 * Provisions the pinned n8n runtime (no-op when cached), builds and packs the package, starts the emulator,
 * drops the tarball into a fresh N8N_CUSTOM_EXTENSIONS folder, imports a token credential pointing at the
 * emulator plus examples/tour.json, runs it with `n8n execute`, and prints what happened on both sides.
 * Exits non-zero when anything goes wrong; always stops the emulator and n8n.
 *
 *   npm run demo                      full run
 *   E2E_SKIP_BUILD=1 npm run demo     reuse the existing dist/
 *   E2E_KEEP=1 npm run demo           keep the temp n8n folder (path printed) for inspection
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmulator, type Emulator } from '../test/emulator';
import {
	buildAndPack,
	emulatorTokenCredential,
	ensureRuntime,
	itemsOf,
	loadExample,
	N8nInstance,
	n8nId,
	nodeError,
	withCredential,
	type JsonObject,
	type RunResult,
} from '../test/e2e/n8n';

/** A desktop of the emulator's seed: the tour works on desktops of its own and must leave this one as it was. */
const BYSTANDER_ID = 'de500000-0000-4000-8000-000000000002';

const t0 = Date.now();
const stamp = () => `${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s`;
const step = (msg: string) => console.log(`[${stamp()}] ${msg}`);

/** A Tag → Get Many output item as a tag; a missing key shows as an empty string. */
function asTag(item: JsonObject): { key: string; value?: string } {
	return { key: String(item.key ?? ''), value: typeof item.value === 'string' ? item.value : undefined };
}

function tagsText(tags: Array<{ key: string; value?: string }>): string {
	return tags.length ? tags.map((t) => `${t.key}=${t.value ?? ''}`).join(', ') : '(none)';
}

function printState(emu: Emulator, title: string): void {
	console.log(`\n  ${title}`);
	for (const d of emu.listDesktops()) {
		console.log(`    ${d.desktop_id}  ${d.computer_name.padEnd(12)} tags: ${tagsText(d.tags)}`);
	}
	if (emu.deletedDesktops.length) {
		for (const d of emu.deletedDesktops) {
			const q = Object.entries(d.query)
				.map(([k, v]) => `${k}=${v}`)
				.join('&');
			console.log(`    deleted: ${d.desktop_id}${q ? ` (query ${q})` : ''}`);
		}
	}
	console.log('');
}

function report(r: RunResult, nodes: string[]): string[] {
	const problems: string[] = [];
	const show = (node: string, describe: (items: JsonObject[]) => string) => {
		const err = nodeError(r, node);
		if (err) {
			problems.push(`${node}: ${err.message ?? JSON.stringify(err)}`);
			console.log(`  ✗ ${node}: ${err.message ?? ''} ${err.description ?? ''}`);
			return;
		}
		try {
			console.log(`  ✓ ${node}: ${describe(itemsOf(r, node))}`);
		} catch (e) {
			problems.push(`${node}: ${(e as Error).message}`);
			console.log(`  ✗ ${node}: did not run`);
		}
	};
	const summary = (items: JsonObject[]) =>
		items.length === 1 && items[0].success === true
			? `success${items[0].key ? ` (key ${String(items[0].key)})` : ''}`
			: `${items.length} item(s)${items.length && 'key' in items[0] ? `: ${tagsText(items.map(asTag))}` : ''}`;
	for (const node of nodes) show(node, summary);
	return problems;
}

async function main(): Promise<number> {
	let emu: Emulator | undefined;
	let n8n: N8nInstance | undefined;
	const stopAll = async () => {
		await n8n?.dispose().catch(() => undefined);
		await emu?.close().catch(() => undefined);
	};
	const onSignal = (sig: NodeJS.Signals) => {
		console.log(`\n${sig}: stopping`);
		void stopAll().finally(() => process.exit(130));
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);

	try {
		step('n8n runtime (scripts/n8n-runtime.sh; minutes on the first run, then a no-op)');
		const runtime = await ensureRuntime((l) => {
			if (l.startsWith('[n8n-runtime]')) console.log(`         ${l}`);
		});
		console.log(`         Node ${runtime.nodeVersion}, n8n ${runtime.n8nVersion}`);

		step(process.env.E2E_SKIP_BUILD === '1' ? 'npm pack (build skipped)' : 'npm run build + npm pack');
		const tarball = await buildAndPack({ log: (l) => console.log(`         ${l}`) });

		step('starting the emulator');
		emu = await startEmulator();
		console.log(`         ${emu.url} (project ${emu.projectId})`);

		n8n = await N8nInstance.create({ runtime, tarball });
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		step(`n8n user folder ${n8n.userFolder}`);
		console.log(`         package extracted into ${n8n.extensionsDir}/n8n-nodes-huaweicloud-workspace`);

		const credential = { id: n8nId('demoEmulatorCred'), name: 'Workspace emulator (token)' };
		step('n8n import:credentials (token mode, endpoint = emulator)');
		await n8n.importCredentials([emulatorTokenCredential(emu, credential)]);

		const workflow = { ...withCredential(loadExample('tour.json'), credential), id: n8nId('demoTourWorkflow') };
		step(`n8n import:workflow "${workflow.name}"`);
		await n8n.importWorkflows([workflow]);

		printState(emu, 'Emulator before:');
		const bystanderTags = JSON.stringify(emu.getDesktop(BYSTANDER_ID)?.tags);
		emu.clearRequests();

		step(`n8n execute --id=${workflow.id}`);
		const result = await n8n.executeWorkflow(workflow.id);
		console.log(`         n8n ran ${Object.keys(result.runData).length} nodes in ${(result.ms / 1000).toFixed(1)}s (boot included)\n`);
		const operations = workflow.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote' && n.type !== 'n8n-nodes-base.manualTrigger');
		const problems = report(result, operations.map((n) => n.name));
		if (!result.success) problems.push(`workflow failed: ${result.error?.message ?? 'unknown error'}`);

		console.log(`\n  Requests the emulator received from n8n (${emu.requests.length}):`);
		for (const q of emu.requests) {
			console.log(`    ${q.status} ${q.method.padEnd(6)} ${q.rawPath}${q.query ? `?${q.query}` : ''}  [${q.route}]`);
		}
		printState(emu, 'Emulator after:');

		// Cross-check n8n's account against the emulator's state: what the tour made is gone again.
		const made = itemsOf(result, 'Create desktop')[0]?.desktopId;
		if (typeof made !== 'string') problems.push('emulator: the tour created no desktop');
		else if (emu.getDesktop(made)) problems.push('emulator: the tour desktop still exists');
		if (emu.listUsers().some((u) => u.user_name === 'tour01')) problems.push('emulator: the tour user still exists');
		if (JSON.stringify(emu.getDesktop(BYSTANDER_ID)?.tags) !== bystanderTags) problems.push('emulator: a seeded desktop changed');

		if (problems.length) {
			console.log(`✗ demo FAILED after ${stamp().trim()}:`);
			for (const p of problems) console.log(`  - ${p}`);
			return 1;
		}
		console.log(`✓ demo passed in ${stamp().trim()} (n8n CLI boots: ${n8n.timings.map((t) => `${t.command} ${(t.ms / 1000).toFixed(1)}s`).join(', ')})`);
		return 0;
	} catch (e) {
		console.error(`✗ demo FAILED after ${stamp().trim()}: ${(e as Error).message}`);
		return 1;
	} finally {
		await stopAll();
	}
}

main().then(
	(code) => process.exit(code),
	(e) => {
		console.error(e);
		process.exit(1);
	},
);
