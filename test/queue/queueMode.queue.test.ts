/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- developer and test tooling: runs under Node, never shipped in the n8n package */
/**
 * The packed package in n8n 2.40.7's queue mode: a main instance, Redis, PostgreSQL and two workers
 * (test/queue/cluster.ts), the emulator as Huawei Cloud. Each scenario starts executions through
 * production webhooks, so the queue spreads them over the workers, and asserts on the emulator's state
 * and request log and on the executions n8n stored in PostgreSQL. The scenarios share one cluster and
 * run in order; the worker killed in the last one is not brought back.
 */
import { startEmulator, type Emulator, type RecordedRequest } from '../emulator';
import { CREDENTIAL_TYPE, emulatorTokenCredential, n8nId, type CredentialJson } from '../e2e/n8n';
import { Cluster, type Execution } from './cluster';
import { desktopDelete, tagBulkCreate, tagCreate, type WebhookBody } from './workflows';

const PER_SECOND = 5;
const RUNS = 4;
const ITEMS = 100;

let emu: Emulator;
let cluster: Cluster;

const desktopId = (group: number, n: number) =>
	`a${String(group).padStart(7, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`;

function addDesktops(group: number, count: number): string[] {
	const ids: string[] = [];
	for (let n = 0; n < count; n++) {
		const id = desktopId(group, n);
		emu.addDesktop({ desktop_id: id, computer_name: `q${group}-${n}` });
		ids.push(id);
	}
	return ids;
}

const body = (run: string, ids: string[]): WebhookBody => ({ run, desktops: ids.map((id) => ({ desktopId: id })) });
const desktopOf = (r: RecordedRequest) => r.segments[3];
const ok = (r: RecordedRequest) => r.status >= 200 && r.status < 300;

let tokenCredential: CredentialJson;
let passwordCredential: CredentialJson;
const throughput = () => tagCreate('throughput', tokenCredential);
const bulk = () => tagBulkCreate('bulk', tokenCredential);
const auth = () => tagCreate('auth', passwordCredential);
const crash = () => tagCreate('crash', passwordCredential);
const crashDelete = () => desktopDelete('delete', passwordCredential);

const workerOf = (executionId: string) => cluster.workers.find((w) => w.startedExecutions().includes(executionId))?.name ?? '?';

/** Starts `count` executions at once through the workflow's webhook, one desktop group each. */
async function startRuns(wf: { path: string }, groups: number[], ids: string[][]): Promise<void> {
	await Promise.all(groups.map(async (g, i) => await cluster.webhook(wf.path, body(`r${g}`, ids[i]))));
}

const wait = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await wait(200);
	}
}

beforeAll(async () => {
	emu = await startEmulator({ seed: false });
	tokenCredential = emulatorTokenCredential(
		{ projectId: emu.projectId, url: emu.url, token: emu.issueToken({ ttlMs: 24 * 3600_000 }) },
		{ id: n8nId('crqtoken'), name: 'queue token' },
	);
	passwordCredential = {
		id: n8nId('crqpassword'),
		name: 'queue password',
		type: CREDENTIAL_TYPE,
		data: {
			authType: 'password',
			region: 'ap-southeast-1',
			projectId: emu.projectId,
			workspaceEndpoint: emu.url,
			iamEndpoint: emu.url,
			domainName: emu.credentials.domainName,
			userName: emu.credentials.userName,
			password: emu.credentials.password,
		},
	};
	cluster = await Cluster.start({
		workers: 2,
		credentials: [tokenCredential, passwordCredential],
		workflows: [throughput(), bulk(), auth(), crash(), crashDelete()],
	});
}, 15 * 60_000);

afterAll(async () => {
	await cluster?.stop();
	await emu?.close();
});

/**
 * Each worker paces on its own; what makes their sum reach the limit is the pacer's probing above a
 * rate it learned from 429s (pacer.ts RATE.probeStep), which lets a worker take back the share another
 * worker held once that one is done.
 */
describe('throughput in sum: 4 executions of 100 Tag > Create items against 5 requests a second', () => {
	const groups = [1, 2, 3, 4];
	let executions: Execution[];
	let elapsedMs = 0;
	let creates: RecordedRequest[];

	beforeAll(async () => {
		const ids = groups.map((g) => addDesktops(g, ITEMS));
		emu.clearRequests();
		emu.setRateLimit({ perSecond: PER_SECOND });
		const wf = throughput();
		const t0 = Date.now();
		await startRuns(wf, groups, ids);
		executions = await cluster.settled(wf.id, RUNS, 10 * 60_000);
		elapsedMs = Math.max(...executions.map((e) => e.stoppedAtMs ?? Infinity)) - t0;
		emu.setRateLimit(null);
		creates = emu.requests.filter((r) => r.route === 'tag.create');
		const throttled = creates.filter((r) => r.status === 429).length;
		process.stdout.write(
			`queue throughput: ${RUNS * ITEMS} items in ${(elapsedMs / 1000).toFixed(1)} s ` +
				`(minimum ${(RUNS * ITEMS) / PER_SECOND} s, ${(elapsedMs / ((RUNS * ITEMS * 1000) / PER_SECOND)).toFixed(2)}x), ` +
				`${creates.length} requests, ${throttled} answered 429; workers: ` +
				executions.map((e) => `${e.id}: ${workerOf(e.id)} ${(((e.stoppedAtMs ?? 0) - t0) / 1000).toFixed(1)} s`).join(', ') +
				'\n',
		);
	}, 12 * 60_000);

	test('n8n stored 4 successful webhook executions, run by both workers', () => {
		expect(executions.map((e) => [e.status, e.mode])).toEqual(groups.map(() => ['success', 'webhook']));
		const ran = cluster.workers.map((w) => w.startedExecutions().filter((id) => executions.some((e) => e.id === id)));
		expect(ran.flat().sort()).toEqual(executions.map((e) => e.id).sort());
		for (const mine of ran) expect(mine.length).toBeGreaterThan(0);
	});

	test('every desktop carries its run tag, written by exactly one accepted request', () => {
		for (const g of groups) {
			for (let n = 0; n < ITEMS; n++) expect(emu.getDesktop(desktopId(g, n))?.tags).toEqual([{ key: 'run', value: `r${g}` }]);
		}
		const accepted = creates.filter(ok).map(desktopOf);
		expect(accepted).toHaveLength(RUNS * ITEMS);
		expect(new Set(accepted).size).toBe(RUNS * ITEMS);
		expect(creates.filter((r) => !ok(r) && r.status !== 429)).toEqual([]);
	});

	test('all 400 items within 1.5x of the minimum the limit allows (80 s)', () => {
		expect(elapsedMs).toBeLessThanOrEqual(1.5 * ((RUNS * ITEMS) / PER_SECOND) * 1000);
	});
});

describe('bulk path: 4 executions of Add to Many Desktops with 1,000 items each, against 5 requests a second', () => {
	const groups = [11, 12, 13, 14];
	const BULK_ITEMS = 1000;
	let executions: Execution[];
	let batches: RecordedRequest[];

	beforeAll(async () => {
		const ids = groups.map((g) => addDesktops(g, BULK_ITEMS));
		emu.clearRequests();
		emu.setRateLimit({ perSecond: PER_SECOND });
		const wf = bulk();
		await startRuns(wf, groups, ids);
		executions = await cluster.settled(wf.id, RUNS, 5 * 60_000);
		emu.setRateLimit(null);
		batches = emu.requests.filter((r) => r.route === 'desktop.batchTags');
	}, 6 * 60_000);

	test('n8n stored 4 successful webhook executions', () => {
		expect(executions.map((e) => [e.status, e.mode])).toEqual(groups.map(() => ['success', 'webhook']));
	});

	test('each execution sent 10 accepted batch requests, none over 100 desktops, each desktop in one of them', () => {
		const accepted = batches.filter(ok).map((r) => (JSON.parse(r.body) as { desktops: Array<{ desktop_id: string }> }).desktops.map((d) => d.desktop_id));
		expect(accepted).toHaveLength(RUNS * 10);
		for (const desktops of accepted) expect(desktops.length).toBeLessThanOrEqual(100);
		for (const g of groups) expect(accepted.filter((desktops) => desktops[0].startsWith(desktopId(g, 0).slice(0, 8)))).toHaveLength(10);
		const all = accepted.flat();
		expect(all).toHaveLength(RUNS * BULK_ITEMS);
		expect(new Set(all).size).toBe(RUNS * BULK_ITEMS);
		expect(batches.filter((r) => !ok(r) && r.status !== 429)).toEqual([]);
	});

	test('every desktop carries its run tag', () => {
		for (const g of groups) {
			for (let n = 0; n < BULK_ITEMS; n++) expect(emu.getDesktop(desktopId(g, n))?.tags).toEqual([{ key: 'bulk', value: `r${g}` }]);
		}
	});
});

describe('IAM User Password over both workers: one login per worker process, one renewal after the token expired', () => {
	const DESKTOPS = 10;
	interface Round {
		logins: number;
		workers: string[];
		executions: Execution[];
	}
	const rounds: Round[] = [];
	let done = 0;
	let nextGroup = 21;

	async function round(): Promise<Round> {
		const groups = [0, 1, 2, 3].map(() => nextGroup++);
		const ids = groups.map((g) => addDesktops(g, DESKTOPS));
		const loginsBefore = emu.iamLogins;
		const wf = auth();
		const before = new Set((await cluster.executions(wf.id)).map((e) => e.id));
		await startRuns(wf, groups, ids);
		done += RUNS;
		const executions = (await cluster.settled(wf.id, done, 3 * 60_000)).filter((e) => !before.has(e.id));
		for (const [i, g] of groups.entries()) {
			for (const id of ids[i]) expect(emu.getDesktop(id)?.tags).toEqual([{ key: 'run', value: `r${g}` }]);
		}
		return { logins: emu.iamLogins - loginsBefore, workers: [...new Set(executions.map((e) => workerOf(e.id)))], executions };
	}

	beforeAll(async () => {
		rounds.push(await round());
		rounds.push(await round());
		emu.expireTokens();
		rounds.push(await round());
		rounds.push(await round());
		process.stdout.write(`queue IAM logins per round of 4 executions: ${JSON.stringify(rounds.map((r) => ({ logins: r.logins, workers: r.workers })))}\n`);
	}, 12 * 60_000);

	test('every execution succeeded', () => {
		for (const r of rounds) expect(r.executions.map((e) => e.status)).toEqual(['success', 'success', 'success', 'success']);
	});

	test('first round: at least one login and at most one per worker process that ran an execution', () => {
		expect(rounds[0].logins).toBeGreaterThanOrEqual(1);
		expect(rounds[0].logins).toBeLessThanOrEqual(rounds[0].workers.length);
	});

	test('both worker processes ran executions of this workflow, and a login is never repeated while the token lives', () => {
		expect(new Set(rounds.flatMap((r) => r.workers))).toEqual(new Set(cluster.workers.map((w) => w.name)));
		expect(rounds[0].logins + rounds[1].logins).toBeLessThanOrEqual(cluster.workers.length);
		expect(rounds[3].logins).toBe(0);
	});

	test('after the emulator expired the token: renewed, at most once per worker process', () => {
		expect(rounds[2].logins).toBeGreaterThanOrEqual(1);
		expect(rounds[2].logins).toBeLessThanOrEqual(rounds[2].workers.length);
	});
});

/**
 * What n8n 2.40.7 stores for an execution whose worker died: its job's lock lapses, another worker finds
 * it stalled, and since n8n allows no stalled job to run again (maxStalledCount 0) the main instance
 * fails the execution with this message.
 */
const STALLED = 'failed to be processed too many times';

describe('a worker killed (SIGKILL) mid-execution', () => {
	const CRASH_ITEMS = 100;
	const group = 40;
	let ids: string[];
	let killedExecution: Execution | undefined;
	let acceptedAtKill = 0;
	const acceptedCreates = () =>
		emu.requests.filter((r) => r.route === 'tag.create' && ok(r) && ids.includes(desktopOf(r))).map(desktopOf);

	/** Waits for the execution to run on a worker, then kills that worker's process group. */
	async function killWorkerRunning(workflowId: string, progress: () => number, atLeast: number): Promise<Execution> {
		await until('the execution to make progress', () => progress() >= atLeast, 120_000);
		const [execution] = await cluster.executions(workflowId);
		const victim = cluster.workers.find((w) => w.startedExecutions().includes(execution.id));
		if (!victim) throw new Error(`no worker logged execution ${execution.id}`);
		process.kill(-victim.process.child.pid!, 'SIGKILL');
		cluster.workers.splice(cluster.workers.indexOf(victim), 1);
		return execution;
	}

	async function untilCrashed(workflowId: string): Promise<void> {
		try {
			await until('n8n to give the execution up', async () => (await cluster.executions(workflowId))[0].status === 'error', 120_000);
		} catch (error) {
			const logs = [cluster.main, ...cluster.workers.map((w) => w.process)].map((p) => p.output.split('\n').filter((l) => /recover|stall|crash|fail|error/i.test(l)).slice(-15).join('\n'));
			throw new Error(`${(error as Error).message}: ${JSON.stringify(await cluster.executions(workflowId))}\n${logs.join('\n---\n')}`);
		}
	}

	beforeAll(async () => {
		ids = addDesktops(group, CRASH_ITEMS);
		emu.clearRequests();
		emu.setRateLimit({ perSecond: PER_SECOND });
		const wf = crash();
		await cluster.webhook(wf.path, body('crash', ids));
		killedExecution = await killWorkerRunning(wf.id, () => acceptedCreates().length, 20);
		await wait(1000);
		acceptedAtKill = acceptedCreates().length;
		await untilCrashed(wf.id);
		// Past another stalled-job check and recovery pass: nothing may pick the execution up again.
		await wait(20_000);
	}, 6 * 60_000);

	test('n8n stored the execution as failed because its worker died, and did not run it again by itself', async () => {
		const list = await cluster.executions(crash().id);
		expect(list.map((e) => [e.id, e.status])).toEqual([[killedExecution!.id, 'error']]);
		expect(await cluster.storedErrorMentions(killedExecution!.id, STALLED)).toBe(true);
		expect(acceptedCreates()).toHaveLength(acceptedAtKill);
		expect(acceptedAtKill).toBeLessThan(CRASH_ITEMS);
	});

	test('nothing was applied twice: each desktop got at most one accepted Tag > Create', () => {
		const accepted = acceptedCreates();
		expect(new Set(accepted).size).toBe(accepted.length);
	});

	test('re-run on the surviving worker: every desktop ends with the tag once, the rest are written once', async () => {
		const wf = crash();
		const writtenBefore = new Set(acceptedCreates());
		emu.clearRequests();
		await cluster.webhook(wf.path, body('crash', ids));
		const list = await cluster.settled(wf.id, 2, 3 * 60_000);
		expect(list.map((e) => e.status)).toEqual(['error', 'success']);
		for (const id of ids) expect(emu.getDesktop(id)?.tags).toEqual([{ key: 'run', value: 'crash' }]);
		const accepted = acceptedCreates();
		expect(accepted).toHaveLength(CRASH_ITEMS);
		expect(new Set(accepted).size).toBe(CRASH_ITEMS);
		expect(ids.filter((id) => !writtenBefore.has(id) && !accepted.includes(id))).toEqual([]);
	});

	describe('Delete Desktop on a worker killed mid-run', () => {
		const DELETES = 60;
		let victims: string[];
		const deletes = () => emu.requests.filter((r) => r.route === 'desktop.delete' && victims.includes(desktopOf(r)));

		beforeAll(async () => {
			await cluster.startWorker('worker3');
			victims = addDesktops(group + 1, DELETES);
			emu.clearRequests();
			const wf = crashDelete();
			await cluster.webhook(wf.path, body('delete', victims));
			await killWorkerRunning(wf.id, () => deletes().filter(ok).length, 10);
			await untilCrashed(wf.id);
			await wait(20_000);
			emu.setRateLimit(null);
		}, 8 * 60_000);

		test('no desktop was sent a second Delete that Huawei could have carried out', () => {
			const carriedOut = deletes().filter((r) => r.status !== 429).map(desktopOf);
			expect(carriedOut.length).toBeGreaterThanOrEqual(10);
			expect(new Set(carriedOut).size).toBe(carriedOut.length);
			const deleted = new Set(emu.deletedDesktops.map((d) => d.desktop_id));
			expect(victims.filter((id) => deleted.has(id)).length).toBeLessThan(DELETES);
		});
	});
});
