/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- developer and test tooling: runs under Node, never shipped in the n8n package */
/**
 * Real-n8n harness: runs the PACKED package inside a pinned n8n (scripts/n8n-runtime.versions), or with
 * N8N_RUNTIME=1x inside the newest n8n 1.x (scripts/n8n-runtime-1x.versions: Node 22, its own folder).
 *
 * Used by the e2e jest suite (test/e2e/*.e2e.test.ts) and by scripts/demo.ts and scripts/editor.ts.
 *
 * What it does, the way a user would:
 *   1. `ensureRuntime()`      provisions Node 24 + n8n into .n8n-runtime/ (scripts/n8n-runtime.sh; no-op when cached)
 *   2. `buildAndPack()`       `npm run build` then `npm pack --pack-destination`: only what `files` ships gets tested
 *   3. `N8nInstance.create()` a fresh temp N8N_USER_FOLDER, and a custom extensions folder holding the
 *                             extracted tarball: <extensions>/n8n-nodes-huaweicloud-workspace/{package.json,dist/...}
 *                             (n8n 2.40.7's CustomDirectoryLoader globs `**\/*.node.js` and `**\/*.credentials.js`
 *                             under each N8N_CUSTOM_EXTENSIONS folder, so the package folder can sit at any depth;
 *                             nodes loaded that way get the type `CUSTOM.<nodeName>`.)
 *   4. `importCredentials()`, `importWorkflows()`, `executeWorkflow(id)` / `executeWorkflows(ids)` through the n8n CLI.
 *
 * Speed: every n8n CLI command boots n8n (loads all ~500 built-in nodes, opens SQLite, runs migrations the first
 * time), which costs seconds per command. The suite therefore
 *   - imports ALL credentials in one `import:credentials --separate` and ALL workflows in one
 *     `import:workflow --separate` (2 boots in total), and
 *   - runs many workflows per boot with `n8n execute-batch --ids=a,b,c --snapshot=DIR`, which writes the full run
 *     data of each workflow to DIR/<id>-snapshot.json. One boot, then each execution costs only its own run time.
 * `n8n execute --id X --rawOutput` (one boot per workflow) is kept as `executeWorkflow()` for the demo and for
 * single checks. `n8n start` + REST was not chosen: in n8n 2.x manual runs over REST need an owner account, a
 * session cookie and the push channel (results arrive over websocket), i.e. a lot of moving parts for no gain
 * over execute-batch.
 *
 * The harness runs under Node 20 (jest/tsx); n8n runs as a child process under the runtime's Node 24.
 * Children are spawned asynchronously, never with spawnSync, because the emulator usually lives in the
 * calling process and must keep answering while n8n runs. Nothing here prints credential data:
 * credentials are written to a temp file (deleted after import) and CLI output is only returned, not logged.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-huaweicloud-workspace';
export const NODE_NAME = 'huaweiCloudWorkspace';
export const CREDENTIAL_TYPE = 'huaweiCloudWorkspaceApi';
/** Node type in workflows meant for users (package installed as a community package). */
export const COMMUNITY_NODE_TYPE = `${PACKAGE_NAME}.${NODE_NAME}`;
/** The trigger's node type in workflows meant for users. */
export const COMMUNITY_TRIGGER_TYPE = `${PACKAGE_NAME}.${NODE_NAME}Trigger`;
/** Node type when the package is loaded from N8N_CUSTOM_EXTENSIONS (what this harness does). */
export const CUSTOM_NODE_TYPE = `CUSTOM.${NODE_NAME}`;
/** The trigger's node type from N8N_CUSTOM_EXTENSIONS. */
export const CUSTOM_TRIGGER_TYPE = `CUSTOM.${NODE_NAME}Trigger`;
/** Fixed so that credentials imported by one boot can be decrypted by the next. Test-only value. */
export const ENCRYPTION_KEY = 'e2e-test-encryption-key-not-a-secret-0001';

// ---------------------------------------------------------------------------------------------------------------
// Runtime

export interface RuntimeVersions {
	nodeVersion: string;
	n8nVersion: string;
}

export interface N8nRuntime extends RuntimeVersions {
	dir: string;
	nodeBin: string;
	n8nEntry: string;
}

/**
 * Which runtime to use: unset = the pinned n8n 2.x (scripts/n8n-runtime.versions); `N8N_RUNTIME=1x` = the
 * n8n 1.x compatibility runtime (scripts/n8n-runtime-1x.versions). scripts/n8n-runtime.sh reads the same names.
 */
export function runtimeName(): string {
	return process.env.N8N_RUNTIME ?? '';
}

function runtimeSuffix(): string {
	const name = runtimeName();
	return name ? `-${name}` : '';
}

export function readRuntimeVersions(): RuntimeVersions {
	const file = path.join(REPO_ROOT, 'scripts', `n8n-runtime${runtimeSuffix()}.versions`);
	const text = fs.readFileSync(file, 'utf8');
	const get = (k: string) => {
		const m = new RegExp(`^${k}=(.+)$`, 'm').exec(text);
		if (!m) throw new Error(`${path.relative(REPO_ROOT, file)} lacks ${k}`);
		return m[1].trim();
	};
	// N8N_RUNTIME_N8N_VERSION installs another n8n than the file's, to bracket the oldest version that passes.
	return { nodeVersion: get('NODE_VERSION'), n8nVersion: process.env.N8N_RUNTIME_N8N_VERSION ?? get('N8N_VERSION') };
}

/** The n8n major version the harness drives (its CLI and node-type conventions differ between 1 and 2). */
export function n8nMajor(rt: RuntimeVersions = readRuntimeVersions()): number {
	return Number(rt.n8nVersion.split('.')[0]);
}

/** N8N_RUNTIME_DIR for the default runtime, N8N_RUNTIME_1X_DIR for `N8N_RUNTIME=1x` (as scripts/n8n-runtime.sh). */
export function runtimeDir(): string {
	const name = runtimeName();
	const variable = name ? `N8N_RUNTIME_${name.toUpperCase()}_DIR` : 'N8N_RUNTIME_DIR';
	return process.env[variable] ?? path.join(REPO_ROOT, `.n8n-runtime${runtimeSuffix()}`);
}

function runtimePaths(): N8nRuntime {
	const dir = runtimeDir();
	const osName = process.platform === 'darwin' ? 'darwin' : 'linux';
	const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
	return {
		...readRuntimeVersions(),
		dir,
		nodeBin: path.join(dir, 'node_modules', `node-${osName}-${arch}`, 'bin', 'node'),
		n8nEntry: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

/**
 * The HTTP Request node's `defaultVersion` in the runtime (what a new node gets): 4.5 in n8n 2.40.7, 4.3 in
 * 1.123, 4.2 in 1.85. A workflow naming a version its n8n lacks fails to start.
 */
export function httpRequestNodeVersion(rt: N8nRuntime): number {
	const file = path.join(rt.dir, 'node_modules', 'n8n-nodes-base', 'dist', 'nodes', 'HttpRequest', 'HttpRequest.node.js');
	const m = /defaultVersion:\s*([\d.]+)/.exec(fs.readFileSync(file, 'utf8'));
	if (!m) throw new Error(`no defaultVersion in ${file}`);
	return Number(m[1]);
}

/** Runs scripts/n8n-runtime.sh (a no-op when the marker matches the pinned versions). */
export async function ensureRuntime(log: (line: string) => void = () => {}): Promise<N8nRuntime> {
	const rt = runtimePaths();
	const res = await run('bash', [path.join(REPO_ROOT, 'scripts', 'n8n-runtime.sh')], {
		cwd: REPO_ROOT,
		onLine: log,
		timeoutMs: 30 * 60_000,
	});
	if (res.code !== 0) {
		throw new Error(`scripts/n8n-runtime.sh failed (exit ${res.code}):\n${tail(res.stdout + res.stderr)}`);
	}
	for (const f of [rt.nodeBin, rt.n8nEntry]) {
		if (!fs.existsSync(f)) throw new Error(`n8n runtime incomplete: ${f} missing`);
	}
	return rt;
}

// ---------------------------------------------------------------------------------------------------------------
// Build and pack

export interface PackOptions {
	/** Skip `npm run build` (use the dist/ that exists). Also set by E2E_SKIP_BUILD=1. */
	skipBuild?: boolean;
	destination?: string;
	log?: (line: string) => void;
}

/** `npm run build` + `npm pack`; returns the tarball path. */
export async function buildAndPack(opts: PackOptions = {}): Promise<string> {
	const log = opts.log ?? (() => {});
	const skipBuild = opts.skipBuild ?? process.env.E2E_SKIP_BUILD === '1';
	if (!skipBuild) {
		const b = await run('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, timeoutMs: 5 * 60_000 });
		if (b.code !== 0) throw new Error(`npm run build failed (exit ${b.code}):\n${tail(b.stdout + b.stderr)}`);
		log('built dist/');
	}
	const dest = opts.destination ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hwcws-pack-'));
	fs.mkdirSync(dest, { recursive: true });
	const p = await run('npm', ['pack', '--json', '--pack-destination', dest], {
		cwd: REPO_ROOT,
		timeoutMs: 2 * 60_000,
	});
	if (p.code !== 0) throw new Error(`npm pack failed (exit ${p.code}):\n${tail(p.stdout + p.stderr)}`);
	const info = JSON.parse(p.stdout.slice(p.stdout.indexOf('['))) as Array<{ filename: string; files: unknown[] }>;
	const tarball = path.join(dest, info[0].filename);
	log(`packed ${tarball} (${info[0].files.length} files)`);
	return tarball;
}

// ---------------------------------------------------------------------------------------------------------------
// Workflow and credential JSON

export interface CredentialJson {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** A token-mode credential that points the node at the emulator, as `import:credentials` takes it. */
export function emulatorTokenCredential(
	emu: { projectId: string; token: string; url: string },
	credential: { id: string; name: string },
): CredentialJson {
	return {
		...credential,
		type: CREDENTIAL_TYPE,
		data: {
			authType: 'token',
			region: 'ap-southeast-1',
			projectId: emu.projectId,
			token: emu.token,
			workspaceEndpoint: emu.url,
			iamEndpoint: emu.url,
		},
	};
}

export interface WorkflowNodeJson {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	continueOnFail?: boolean;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	alwaysOutputData?: boolean;
	[k: string]: unknown;
}

export interface WorkflowJson {
	id: string;
	name: string;
	nodes: WorkflowNodeJson[];
	connections: Record<string, unknown>;
	active?: boolean;
	settings?: Record<string, unknown>;
	[k: string]: unknown;
}

/**
 * n8n ids are 16-character alphanumerics; derive a stable one from a label. It always ends in 4 digits:
 * `n8n execute-batch --ids` silently drops every id that contains no digit (it filters with /\d+/, a leftover
 * from numeric ids), and the hash keeps long labels with a common prefix apart.
 */
export function n8nId(label: string): string {
	const clean = label.replace(/[^A-Za-z0-9]/g, '');
	let h = 0;
	for (const ch of label) h = (h * 31 + ch.codePointAt(0)!) % 10000;
	return (clean + 'xxxxxxxxxxxx').slice(0, 12) + String(h).padStart(4, '0');
}

/** Rewrites the community-package node type to the custom-folder one (deep copy). */
export function toCustomNodeTypes<T extends { nodes: WorkflowNodeJson[] }>(wf: T): T {
	const copy = JSON.parse(JSON.stringify(wf)) as T;
	for (const n of copy.nodes) {
		if (n.type === COMMUNITY_NODE_TYPE) n.type = CUSTOM_NODE_TYPE;
		if (n.type === COMMUNITY_TRIGGER_TYPE) n.type = CUSTOM_TRIGGER_TYPE;
	}
	return copy;
}

/** Points every node of the workflow that takes our credential at the given credential. */
export function withCredential<T extends { nodes: WorkflowNodeJson[] }>(wf: T, cred: { id: string; name: string }): T {
	const copy = JSON.parse(JSON.stringify(wf)) as T;
	for (const n of copy.nodes) {
		if ([COMMUNITY_NODE_TYPE, CUSTOM_NODE_TYPE, COMMUNITY_TRIGGER_TYPE, CUSTOM_TRIGGER_TYPE].includes(n.type)) {
			n.credentials = { [CREDENTIAL_TYPE]: { id: cred.id, name: cred.name } };
		}
	}
	return copy;
}

export function loadExample(file: string): WorkflowJson {
	return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'examples', file), 'utf8')) as WorkflowJson;
}

/**
 * Builds and packs the package, starts n8n with it, imports a token credential for the emulator (a fresh
 * token, so the test can tell the run's requests from its own) and the shipped example `file` (after
 * `adapt`, e.g. to swap a trigger `n8n execute` cannot start from), and executes it once.
 */
export async function runExample(
	emu: { projectId: string; url: string; issueToken(): string },
	file: string,
	label: string,
	adapt: (workflow: WorkflowJson) => void = () => {},
): Promise<{ n8n: N8nInstance; result: RunResult; token: string }> {
	const runtime = await ensureRuntime();
	const tarball = await buildAndPack();
	const n8n = await N8nInstance.create({ runtime, tarball });
	const token = emu.issueToken();
	const credential = emulatorTokenCredential({ projectId: emu.projectId, url: emu.url, token }, { id: n8nId(`cr${label}`), name: `e2e ${label}` });
	await n8n.importCredentials([credential]);
	const workflow = { ...withCredential(loadExample(file), credential), id: n8nId(`wf${label}`) };
	adapt(workflow);
	await n8n.importWorkflows([workflow]);
	return { n8n, result: await n8n.executeWorkflow(workflow.id), token };
}

// ---------------------------------------------------------------------------------------------------------------
// Run data

/** An item's `json`, as n8n serialises it. */
export type JsonObject = Record<string, unknown>;

/** An error as n8n stores it in run data (NodeApiError / NodeOperationError serialised). */
export interface ErrorJson {
	message?: string;
	description?: string | null;
	[key: string]: unknown;
}

export interface NodeRunItem {
	json: JsonObject;
	pairedItem?: unknown;
	error?: unknown;
}

export interface NodeRun {
	startTime?: number;
	executionTime?: number;
	executionStatus?: string;
	error?: ErrorJson;
	data?: { main?: Array<NodeRunItem[] | null> };
}

export interface RunResult {
	workflowId: string;
	/** true when n8n reports the run finished without a workflow-level error. */
	success: boolean;
	/** workflow-level error (the error that stopped the run), if any. */
	error?: ErrorJson;
	/** The node that failed, if n8n says so. */
	lastNodeExecuted?: string;
	runData: Record<string, NodeRun[]>;
	/** CLI output, for diagnostics; may be long. */
	stdout: string;
	stderr: string;
	ms: number;
}

/** Items of the first (or given) output of a node's last run. */
export function itemsOf(r: RunResult, nodeName: string, output = 0): JsonObject[] {
	const runs = r.runData[nodeName];
	if (!runs || runs.length === 0) {
		throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(r.runData).join(', ')}` + describeError(r));
	}
	const last = runs[runs.length - 1];
	return (last.data?.main?.[output] ?? []).map((i) => i.json);
}

/** Error of a node's last run, if it failed. */
export function nodeError(r: RunResult, nodeName: string): ErrorJson | undefined {
	const runs = r.runData[nodeName];
	return runs?.[runs.length - 1]?.error;
}

export function describeError(r: RunResult): string {
	if (!r.error) return '';
	const e = r.error;
	return `\nworkflow error: ${e.message ?? ''} ${e.description ?? ''}`;
}

/** Any string form of an error n8n recorded (message, description, context), for assertions. */
export function errorText(e: ErrorJson | undefined): string {
	if (!e) return '';
	return JSON.stringify(e);
}

// ---------------------------------------------------------------------------------------------------------------
// n8n instance

export interface InstanceOptions {
	runtime: N8nRuntime;
	/** The packed tarball to load. Omit to run n8n without the package (harness self-tests). */
	tarball?: string;
	/** Root folder for the user folder and extensions; default: a new temp folder. */
	workDir?: string;
	/** Extra environment for n8n. */
	env?: Record<string, string>;
	/** Keep the work folder on dispose() (for debugging). Also E2E_KEEP=1. */
	keep?: boolean;
}

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
	ms: number;
	/** n8n's log file for this command (JSON lines) and the messages in it. */
	logFile?: string;
	logMessages?: string[];
}

function readLogMessages(file: string): string[] {
	if (!fs.existsSync(file)) return [];
	const out: string[] = [];
	for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
		if (!line.trim()) continue;
		try {
			const entry = JSON.parse(line) as { message?: unknown };
			if (typeof entry.message === 'string') out.push(entry.message);
		} catch {
			out.push(line);
		}
	}
	return out;
}

export class N8nInstance {
	readonly userFolder: string;
	readonly extensionsDir: string;
	readonly workDir: string;
	/** Durations of every CLI boot, for reporting. */
	readonly timings: Array<{ command: string; ms: number }> = [];
	private readonly children = new Set<import('node:child_process').ChildProcess>();
	private cliCount = 0;
	/** Everything n8n printed or logged, plus run snapshots: tests scan it for leaked secrets. */
	readonly transcript: string[] = [];
	/** Task-runner broker port of this instance (set by create()). */
	brokerPort = 5679;

	private constructor(
		readonly runtime: N8nRuntime,
		workDir: string,
		private readonly extraEnv: Record<string, string>,
		private readonly keep: boolean,
	) {
		this.workDir = workDir;
		this.userFolder = path.join(workDir, 'user');
		this.extensionsDir = path.join(workDir, 'custom-extensions');
	}

	static async create(opts: InstanceOptions): Promise<N8nInstance> {
		const workDir = opts.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hwcws-n8n-'));
		const inst = new N8nInstance(opts.runtime, workDir, opts.env ?? {}, opts.keep ?? process.env.E2E_KEEP === '1');
		fs.mkdirSync(inst.userFolder, { recursive: true });
		fs.mkdirSync(inst.extensionsDir, { recursive: true });
		inst.brokerPort = await randomFreePort();
		if (opts.tarball) await inst.installTarball(opts.tarball);
		return inst;
	}

	/** Extracts `npm pack` output into <extensions>/<package name>/ (the tarball's `package/` prefix stripped). */
	async installTarball(tarball: string): Promise<string> {
		const target = path.join(this.extensionsDir, PACKAGE_NAME);
		fs.rmSync(target, { recursive: true, force: true });
		fs.mkdirSync(target, { recursive: true });
		const r = await run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], { timeoutMs: 60_000 });
		if (r.code !== 0) throw new Error(`tar failed: ${r.stderr}`);
		return target;
	}

	env(): NodeJS.ProcessEnv {
		const env: NodeJS.ProcessEnv = {};
		// Start from a clean slate: inherit only what a process needs, never the parent's N8N_* or NODE_OPTIONS
		// (jest and tsx set loaders/flags that must not leak into Node 24).
		for (const k of ['HOME', 'USER', 'LANG', 'TZ', 'TMPDIR', 'SHELL', 'TERM']) {
			if (process.env[k] !== undefined) env[k] = process.env[k];
		}
		const noProxy = ['127.0.0.1', 'localhost', process.env.NO_PROXY ?? process.env.no_proxy ?? '']
			.filter(Boolean)
			.join(',');
		Object.assign(env, {
			PATH: `${path.dirname(this.runtime.nodeBin)}:${process.env.PATH ?? ''}`,
			NO_PROXY: noProxy,
			no_proxy: noProxy,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_CUSTOM_EXTENSIONS: this.extensionsDir,
			// N8N_RUNNERS_ENABLED is gone in n8n 2.x (runners always start, in internal mode: a JS runner child
			// process). It is kept for older builds; what matters is that each instance gets its own broker port,
			// otherwise two n8n processes (e.g. `npm run editor` and the e2e suite) collide on 5679.
			N8N_RUNNERS_ENABLED: 'false',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_LOG_LEVEL: 'warn',
			N8N_LOG_OUTPUT: 'file',
			N8N_LOG_FILE_LOCATION: path.join(this.userFolder, 'n8n.log'),
			N8N_LOG_FORMAT: 'json',
			DB_SQLITE_POOL_SIZE: '2',
			GENERIC_TIMEZONE: 'UTC',
			NODE_ENV: 'production',
		});
		// n8n 1.123's default "vm" expression engine evaluated `$('Other node').item` (and `.first()`) to nothing
		// in these CLI runs, for n8n's own Set node as well, so the shipped examples' second and third nodes got no
		// desktop ID (and the node refused the item). Its "legacy" engine, the one n8n 1.x used before, does not.
		if (n8nMajor(this.runtime) < 2) env.N8N_EXPRESSION_ENGINE = 'legacy';
		for (const [k, v] of Object.entries(this.extraEnv)) env[k] = v;
		return env;
	}

	/**
	 * Runs one n8n CLI command (one boot). n8n 2.x CLI commands print their results through the logger
	 * (`this.log()` is `logger.info()`), so each command logs at info level as JSON lines into a file of its own;
	 * `logMessages` holds the parsed `message` fields.
	 */
	async cli(args: string[], opts: { timeoutMs?: number; onLine?: (l: string) => void } = {}): Promise<CliResult> {
		const logFile = path.join(this.userFolder, `cli-${++this.cliCount}-${args[0].replace(/[^a-z-]/gi, '')}.log`);
		const r = await run(this.runtime.nodeBin, [this.runtime.n8nEntry, ...args], {
			cwd: this.workDir,
			env: { ...this.env(), N8N_LOG_LEVEL: 'info', N8N_LOG_OUTPUT: 'file', N8N_LOG_FILE_LOCATION: logFile },
			timeoutMs: opts.timeoutMs ?? 5 * 60_000,
			onLine: opts.onLine,
			track: this.children,
		});
		this.timings.push({ command: args[0], ms: r.ms });
		// n8n 1.85 puts N8N_LOG_FILE_LOCATION under <user folder>/.n8n even when it is absolute.
		const nested = path.join(this.userFolder, '.n8n', logFile);
		r.logFile = fs.existsSync(logFile) || !fs.existsSync(nested) ? logFile : nested;
		r.logMessages = readLogMessages(r.logFile);
		this.transcript.push(r.stdout, r.stderr, ...r.logMessages);
		return r;
	}

	private async cliOk(args: string[], what: string): Promise<CliResult> {
		const r = await this.cli(args);
		if (r.code !== 0) {
			throw new Error(`n8n ${what} failed (exit ${r.code}):\n${tail(r.stdout + '\n' + r.stderr)}${this.logTail(r)}`);
		}
		return r;
	}

	logTail(r?: CliResult): string {
		const msgs = r?.logMessages ?? [];
		if (msgs.length === 0) return '';
		return `\n--- n8n log (tail) ---\n${tail(msgs.map((m) => m.slice(0, 2000)).join('\n'), 40)}`;
	}

	/** Imports credentials in one boot. `data` is plain; n8n encrypts it with N8N_ENCRYPTION_KEY. */
	async importCredentials(creds: CredentialJson[]): Promise<void> {
		const dir = fs.mkdtempSync(path.join(this.workDir, 'creds-'));
		try {
			creds.forEach((c, i) => {
				fs.writeFileSync(path.join(dir, `${i}.json`), JSON.stringify(c), { mode: 0o600 });
			});
			await this.cliOk(['import:credentials', '--separate', `--input=${dir}`], 'import:credentials');
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	}

	/** Imports workflows in one boot (node types rewritten to CUSTOM.*). */
	async importWorkflows(wfs: WorkflowJson[]): Promise<void> {
		const dir = fs.mkdtempSync(path.join(this.workDir, 'workflows-'));
		wfs.forEach((wf, i) => {
			const full = { active: false, settings: { executionOrder: 'v1' }, ...toCustomNodeTypes(wf) };
			fs.writeFileSync(path.join(dir, `${i}.json`), JSON.stringify(full, null, 2));
		});
		await this.cliOk(['import:workflow', '--separate', `--input=${dir}`], 'import:workflow');
	}

	async importWorkflow(wf: WorkflowJson): Promise<void> {
		await this.importWorkflows([wf]);
	}

	/**
	 * Makes a workflow active so that `n8n start` runs its trigger. n8n 2.x publishes a version
	 * (`publish:workflow`); n8n 1.x has no publishing and sets the flag (`update:workflow --active=true`).
	 */
	async activateWorkflow(id: string): Promise<void> {
		const args = n8nMajor(this.runtime) >= 2 ? ['publish:workflow', `--id=${id}`] : ['update:workflow', `--id=${id}`, '--active=true'];
		await this.cliOk(args, args[0]);
	}

	/** `n8n execute --id X --rawOutput`: one boot per workflow. */
	async executeWorkflow(id: string): Promise<RunResult> {
		const r = await this.cli(['execute', `--id=${id}`, '--rawOutput']);
		return parseExecuteOutput(id, r, this.logTail(r));
	}

	/**
	 * `n8n execute-batch --ids=... --snapshot=DIR`: one boot for many workflows, run one after another.
	 * Returns each workflow's run data read from its snapshot file.
	 * execute-batch runs every FAILED workflow once more by default (its `--retries` flag defaults to 1),
	 * so a failing workflow would send its requests twice and hide how often the node itself retried:
	 * each workflow runs exactly once unless `retries` says otherwise.
	 */
	async executeWorkflows(ids: string[], opts: { retries?: number } = {}): Promise<Record<string, RunResult>> {
		const snapDir = fs.mkdtempSync(path.join(this.workDir, 'snapshots-'));
		const outFile = path.join(snapDir, 'summary.json');
		const args = ['execute-batch', `--ids=${ids.join(',')}`, `--snapshot=${snapDir}`, `--output=${outFile}`, '--concurrency=1'];
		args.push(`--retries=${opts.retries ?? 0}`);
		const r = await this.cli(args, { timeoutMs: 15 * 60_000 });
		for (const f of fs.readdirSync(snapDir)) this.transcript.push(fs.readFileSync(path.join(snapDir, f), 'utf8'));
		return parseBatchOutput(ids, snapDir, outFile, r, this.logTail(r));
	}

	/** Starts `n8n start`; resolves once the HTTP server is ready and its REST API answers. */
	async start(port: number, opts: { onLine?: (l: string) => void; env?: Record<string, string> } = {}): Promise<StartedN8n> {
		return await this.serve('start', {
			env: {
				N8N_PORT: String(port),
				N8N_LISTEN_ADDRESS: '127.0.0.1',
				N8N_HOST: 'localhost',
				N8N_SECURE_COOKIE: 'false',
				...opts.env,
			},
			readyUrl: `http://127.0.0.1:${port}/healthz/readiness`,
			// n8n 1.x answers readiness before it mounts its REST routes (they answer 404 for a moment).
			apiReadyUrl: `http://127.0.0.1:${port}/rest/settings`,
			url: `http://localhost:${port}`,
			onLine: opts.onLine,
		});
	}

	/**
	 * Starts a long-running n8n command (`start`, `worker`) in its own process group and resolves once
	 * `readyUrl` (and `apiReadyUrl`, if given) answers 2xx. Logs go to the console (captured in `output`) and to the user folder.
	 */
	async serve(
		command: 'start' | 'worker',
		opts: { env: Record<string, string>; readyUrl: string; apiReadyUrl?: string; url?: string; onLine?: (l: string) => void },
	): Promise<StartedN8n> {
		const env = {
			...this.env(),
			N8N_LOG_OUTPUT: 'console,file',
			N8N_LOG_LEVEL: 'info',
			...opts.env,
		};
		const child = spawn(this.runtime.nodeBin, [this.runtime.n8nEntry, command], {
			cwd: this.workDir,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		this.children.add(child);
		child.on('exit', () => this.children.delete(child));
		const started: StartedN8n = {
			url: opts.url ?? opts.readyUrl,
			child,
			output: '',
			stop: async () => await killTree(child),
		};
		const onData = (b: Buffer) => {
			const s = b.toString();
			started.output += s;
			if (opts.onLine) for (const l of s.split('\n')) if (l.trim()) opts.onLine(l);
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', onData);
		const deadline = Date.now() + 180_000;
		while (Date.now() < deadline) {
			if (child.exitCode !== null) throw new Error(`n8n ${command} exited (${child.exitCode}):\n${tail(started.output)}`);
			try {
				const res = await fetch(opts.readyUrl);
				if (res.ok && (!opts.apiReadyUrl || (await fetch(opts.apiReadyUrl)).ok)) break;
			} catch {
				// not up yet
			}
			await new Promise((r) => setTimeout(r, 500));
		}
		if (Date.now() >= deadline) {
			await killTree(child);
			throw new Error(`n8n ${command} did not become ready:\n${tail(started.output)}`);
		}
		return started;
	}

	/** For a signal handler that cannot wait: SIGKILLs the process group of every child still running. */
	killAllNow(): void {
		for (const c of this.children) if (c.pid !== undefined) killGroupNow(c.pid);
	}

	/** Kills any child still running and removes the work folder (unless keep). */
	async dispose(): Promise<void> {
		for (const c of [...this.children]) await killTree(c);
		if (!this.keep) fs.rmSync(this.workDir, { recursive: true, force: true });
	}
}

export interface StartedN8n {
	url: string;
	child: import('node:child_process').ChildProcess;
	/** Everything the process printed so far. */
	output: string;
	stop(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// Output parsing

/** The parts of an n8n run (IRun, as `execute` logs it or `execute-batch` snapshots it) that the harness reads. */
interface RunJson {
	status?: string;
	finished?: boolean;
	data?: { resultData?: ResultDataJson };
	resultData?: ResultDataJson;
}

interface ResultDataJson {
	error?: ErrorJson;
	lastNodeExecuted?: string;
	runData?: Record<string, NodeRun[]>;
}

/** `execute-batch --output` summary. */
interface BatchSummaryJson {
	executions?: Array<{ workflowId?: string; error?: string; [key: string]: unknown }>;
}

function findJson(stdout: string): RunJson | undefined {
	// --rawOutput prints the run as pretty JSON; anything before it is noise.
	const start = stdout.search(/^[{[]/m);
	if (start < 0) return undefined;
	const text = stdout.slice(start).trim();
	try {
		return JSON.parse(text) as RunJson;
	} catch {
		// maybe trailing noise: cut at the last closing brace
		const end = Math.max(text.lastIndexOf('\n}'), text.lastIndexOf('\n]'));
		if (end > 0) {
			try {
				return JSON.parse(text.slice(0, end + 2)) as RunJson;
			} catch {
				return undefined;
			}
		}
		return undefined;
	}
}

/**
 * n8n 2.x says `status: success`. n8n 1.x's `execute` (1.85 at least) hands back the run before its status is
 * updated: `status: running` with `finished: true`, which only a run without an error gets.
 */
function finishedWell(run: RunJson | undefined): boolean {
	if (run?.status === undefined || run.status === 'success') return true;
	return run.status === 'running' && run.finished === true;
}

function toRunResult(id: string, run: RunJson | undefined, r: CliResult): RunResult {
	const resultData: ResultDataJson = run?.data?.resultData ?? run?.resultData ?? {};
	const error = resultData.error;
	return {
		workflowId: id,
		success: !error && finishedWell(run),
		error,
		lastNodeExecuted: resultData.lastNodeExecuted,
		runData: resultData.runData ?? {},
		stdout: r.stdout,
		stderr: r.stderr,
		ms: r.ms,
	};
}

function parseExecuteOutput(id: string, r: CliResult, logTail: string): RunResult {
	// Success and failure both log the whole run (`JSON.stringify(run, null, 2)`) as one message.
	let run: RunJson | undefined;
	for (const m of r.logMessages ?? []) {
		if (!m.startsWith('{')) continue;
		try {
			const candidate = JSON.parse(m) as RunJson | null;
			if (candidate?.data?.resultData) run = candidate;
		} catch {
			// not the run
		}
	}
	run ??= findJson(r.stdout);
	if (!run) {
		throw new Error(`n8n execute --id=${id}: no run data in output (exit ${r.code}):\n${tail(r.stdout + '\n' + r.stderr)}${logTail}`);
	}
	return toRunResult(id, run, r);
}

function parseBatchOutput(
	ids: string[],
	snapDir: string,
	outFile: string,
	r: CliResult,
	logTail: string,
): Record<string, RunResult> {
	// execute-batch writes a snapshot (the full run) only for runs without a workflow-level error. For the
	// others, its summary (--output) holds `error` = the error's description (or, without one, its message)
	// + " on node <name>". Exit code 1 just means "some workflow failed", which tests may expect.
	const summary = fs.existsSync(outFile) ? (JSON.parse(fs.readFileSync(outFile, 'utf8')) as BatchSummaryJson) : undefined;
	const executions = summary?.executions ?? [];
	const results: Record<string, RunResult> = {};
	const missing: string[] = [];
	for (const id of ids) {
		const f = path.join(snapDir, `${id}-snapshot.json`);
		if (fs.existsSync(f)) {
			const snap = JSON.parse(fs.readFileSync(f, 'utf8')) as RunJson;
			results[id] = toRunResult(id, snap, r);
			continue;
		}
		const ex = executions.find((e) => e.workflowId === id);
		if (!ex) {
			missing.push(id);
			continue;
		}
		const text = String(ex.error ?? 'failed');
		const m = / on node (.+)$/.exec(text);
		results[id] = {
			workflowId: id,
			success: false,
			error: { message: text, executionStatus: ex.executionStatus },
			lastNodeExecuted: m?.[1],
			runData: {},
			stdout: r.stdout,
			stderr: r.stderr,
			ms: r.ms,
		};
	}
	if (missing.length) {
		throw new Error(
			`n8n execute-batch has no result for ${missing.join(', ')} (exit ${r.code}).\n` +
				tail(r.stdout + '\n' + r.stderr) +
				logTail,
		);
	}
	return results;
}

// ---------------------------------------------------------------------------------------------------------------
// Process helpers

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	timeoutMs?: number;
	onLine?: (line: string) => void;
	track?: Set<import('node:child_process').ChildProcess>;
}

/** Async spawn, capturing output; kills the process group on timeout. */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<CliResult> {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, {
			cwd: opts.cwd,
			env: opts.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true, // own process group, so a timeout can kill n8n and anything it spawned
		});
		opts.track?.add(child);
		let stdout = '';
		let stderr = '';
		let partial = '';
		const lines = (s: string) => {
			if (!opts.onLine) return;
			partial += s;
			const parts = partial.split('\n');
			partial = parts.pop() ?? '';
			for (const l of parts) opts.onLine(l);
		};
		child.stdout!.on('data', (b: Buffer) => {
			stdout += b.toString();
			lines(b.toString());
		});
		child.stderr!.on('data', (b: Buffer) => {
			stderr += b.toString();
			lines(b.toString());
		});
		const timer = opts.timeoutMs
			? setTimeout(() => {
					stderr += `\n[harness] timed out after ${opts.timeoutMs} ms, killing`;
					void killTree(child);
				}, opts.timeoutMs)
			: undefined;
		child.on('error', (e) => {
			if (timer) clearTimeout(timer);
			opts.track?.delete(child);
			reject(e);
		});
		child.on('close', (code) => {
			if (timer) clearTimeout(timer);
			opts.track?.delete(child);
			if (opts.onLine && partial) opts.onLine(partial);
			resolve({ code, stdout, stderr, ms: Date.now() - started });
		});
	});
}

/** SIGTERM the child's process group, SIGKILL after 10 s. */
export async function killTree(child: import('node:child_process').ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
	const pid = child.pid;
	const exited = new Promise<void>((r) => child.once('exit', () => r()));
	try {
		process.kill(-pid, 'SIGTERM');
	} catch {
		try {
			child.kill('SIGTERM');
		} catch {
			// gone
		}
	}
	const t = setTimeout(() => {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			// gone
		}
	}, 10_000);
	await exited;
	clearTimeout(t);
}

/** SIGKILLs a process group at once, ignoring one that is already gone. */
export function killGroupNow(pid: number): void {
	try {
		process.kill(-pid, 'SIGKILL');
	} catch {
		// gone
	}
}

/** Synchronous check used by scripts: is a TCP port free on 127.0.0.1? */
export async function isPortFree(port: number): Promise<boolean> {
	const net = await import('node:net');
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

/** A port the OS considers free right now. */
export async function randomFreePort(): Promise<number> {
	const net = await import('node:net');
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const port = (srv.address() as import('node:net').AddressInfo).port;
			srv.close(() => resolve(port));
		});
	});
}

export async function freePort(preferred: number, tries = 20): Promise<number> {
	for (let p = preferred; p < preferred + tries; p++) if (await isPortFree(p)) return p;
	throw new Error(`no free port in ${preferred}..${preferred + tries - 1}`);
}

export function tail(s: string, n = 30): string {
	return s.split('\n').slice(-n).join('\n');
}

/** Is `git`/`npm` etc. available (for friendly errors in scripts). */
export function hasCommand(cmd: string): boolean {
	return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}
