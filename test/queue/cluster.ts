/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- developer and test tooling: runs under Node, never shipped in the n8n package */
/**
 * n8n in queue mode, the way teams run it when one process is not enough: PostgreSQL as the database,
 * Redis as the queue, one main instance (`n8n start`, EXECUTIONS_MODE=queue: it receives the webhooks
 * and puts each execution on the queue) and several `n8n worker` processes that take executions off it.
 * All of them share one user folder with the packed package (test/e2e/n8n.ts) and one encryption key,
 * each has its own ports (HTTP, task-runner broker, worker health server), everything on 127.0.0.1.
 *
 * `stop()` stops every process group and removes every temp folder; a signal (Ctrl-C, a CI timeout)
 * or the process exiting does the same synchronously, so nothing is left behind when a test fails.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import {
	buildAndPack,
	ensureRuntime,
	N8nInstance,
	killGroupNow,
	randomFreePort,
	type CredentialJson,
	type StartedN8n,
	type WorkflowJson,
} from '../e2e/n8n';
import { startPostgres, startRedis, type Postgres, type Service } from './services';

/**
 * Queue settings shortened for a test: a worker's lock on its job lapses 10 s after it died (n8n: 60 s),
 * the others look for such stalled jobs every 5 s (30 s), and the main instance looks for executions
 * left running without a job every 15 s (3 hours). What n8n does with them is unchanged.
 */
const QUEUE_TIMINGS = {
	QUEUE_WORKER_LOCK_DURATION: '10000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '2000',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
	N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '0.25',
};

export interface Worker {
	readonly name: string;
	readonly process: StartedN8n;
	/** Execution IDs this worker logged as started. */
	startedExecutions(): string[];
}

export interface Execution {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	startedAtMs: number | null;
	stoppedAtMs: number | null;
}

export interface ClusterOptions {
	workers: number;
	credentials: CredentialJson[];
	/** Imported and published before n8n starts, so the main instance registers their webhooks. */
	workflows: WorkflowJson[];
}

export class Cluster {
	private readonly started: StartedN8n[] = [];
	private readonly signalHandler = () => {
		this.killNow();
		process.exit(130);
	};
	private readonly exitHandler = () => this.killNow();
	readonly workers: Worker[] = [];
	main!: StartedN8n;
	private mainPort = 0;

	private constructor(
		readonly redis: Service,
		readonly postgres: Postgres,
		readonly n8n: N8nInstance,
	) {}

	static async start(opts: ClusterOptions): Promise<Cluster> {
		const runtime = await ensureRuntime();
		const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hwcws-pack-'));
		const tarball = await buildAndPack({ destination: packDir }).catch((error: unknown) => {
			fs.rmSync(packDir, { recursive: true, force: true });
			throw error;
		});
		const services: Service[] = [];
		let cluster: Cluster | undefined;
		const killServices = () => services.forEach((s) => s.killNow());
		process.once('SIGINT', killServices).once('SIGTERM', killServices);
		try {
			const redis = await startRedis().catch((error: unknown) => {
				fs.rmSync(packDir, { recursive: true, force: true });
				throw error;
			});
			services.push(redis);
			const postgres = await startPostgres();
			services.push(postgres);
			const n8n = await N8nInstance.create({
				runtime,
				tarball,
				env: {
					DB_TYPE: 'postgresdb',
					DB_POSTGRESDB_HOST: '127.0.0.1',
					DB_POSTGRESDB_PORT: String(postgres.port),
					DB_POSTGRESDB_DATABASE: postgres.database,
					DB_POSTGRESDB_USER: postgres.user,
					DB_POSTGRESDB_PASSWORD: '',
					EXECUTIONS_MODE: 'queue',
					QUEUE_BULL_REDIS_HOST: '127.0.0.1',
					QUEUE_BULL_REDIS_PORT: String(redis.port),
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
					...QUEUE_TIMINGS,
				},
			});
			fs.rmSync(packDir, { recursive: true, force: true });
			cluster = new Cluster(redis, postgres, n8n);
			process.once('SIGINT', cluster.signalHandler).once('SIGTERM', cluster.signalHandler).once('exit', cluster.exitHandler);
			await n8n.importCredentials(opts.credentials);
			await n8n.importWorkflows(opts.workflows);
			for (const wf of opts.workflows) {
				const published = await n8n.cli(['publish:workflow', `--id=${wf.id}`]);
				if (published.code !== 0) throw new Error(`publish:workflow ${wf.id} failed:\n${published.stderr}${n8n.logTail(published)}`);
			}
			await cluster.startMain();
			for (let n = 1; n <= opts.workers; n++) await cluster.startWorker(`worker${n}`);
			return cluster;
		} catch (error) {
			if (cluster) await cluster.stop();
			else for (const s of services) await s.stop();
			throw error;
		} finally {
			process.off('SIGINT', killServices).off('SIGTERM', killServices);
		}
	}

	private async processEnv(name: string): Promise<Record<string, string>> {
		return {
			N8N_RUNNERS_BROKER_PORT: String(await randomFreePort()),
			N8N_LOG_FILE_LOCATION: `${this.n8n.userFolder}/${name}.log`,
		};
	}

	private async startMain(): Promise<void> {
		this.mainPort = await randomFreePort();
		this.main = await this.n8n.start(this.mainPort, { env: await this.processEnv('main') });
		this.started.push(this.main);
	}

	async startWorker(name: string): Promise<Worker> {
		const healthPort = await randomFreePort();
		const process = await this.n8n.serve('worker', {
			env: { ...(await this.processEnv(name)), QUEUE_HEALTH_CHECK_PORT: String(healthPort) },
			readyUrl: `http://127.0.0.1:${healthPort}/healthz/readiness`,
		});
		this.started.push(process);
		const worker: Worker = {
			name,
			process,
			startedExecutions: () => [...process.output.matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]),
		};
		this.workers.push(worker);
		return worker;
	}

	/** POSTs to a production webhook of the main instance; resolves with n8n's answer. */
	async webhook(path: string, body: unknown): Promise<Response> {
		const res = await fetch(`http://127.0.0.1:${this.mainPort}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		if (!res.ok) throw new Error(`webhook ${path}: ${res.status} ${await res.text()}`);
		return res;
	}

	/** n8n's stored executions of a workflow, oldest first, from PostgreSQL. */
	async executions(workflowId: string): Promise<Execution[]> {
		const rows = await this.postgres.query(
			`SELECT id, "workflowId", status, mode, floor(extract(epoch from "startedAt") * 1000), floor(extract(epoch from "stoppedAt") * 1000)
			 FROM execution_entity WHERE "workflowId" = '${workflowId.replace(/'/g, "''")}' ORDER BY id`,
		);
		return rows.map(([id, wf, status, mode, startedAt, stoppedAt]) => ({
			id,
			workflowId: wf,
			status,
			mode,
			startedAtMs: startedAt ? Number(startedAt) : null,
			stoppedAtMs: stoppedAt ? Number(stoppedAt) : null,
		}));
	}

	/** Whether the execution's stored run data contains `text` (e.g. the error n8n recorded). */
	async storedErrorMentions(executionId: string, text: string): Promise<boolean> {
		const rows = await this.postgres.query(
			`SELECT count(*) FROM execution_data WHERE "executionId" = ${Number(executionId)} AND data LIKE '%${text.replace(/[%_']/g, '')}%'`,
		);
		return rows[0]?.[0] === '1';
	}

	/** Waits until the workflow has `count` executions that are no longer new, queued or running. */
	async settled(workflowId: string, count: number, timeoutMs: number): Promise<Execution[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const list = await this.executions(workflowId);
			const done = list.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
			if (done.length >= count) return list;
			if (Date.now() > deadline) throw new Error(`executions of ${workflowId} not settled: ${JSON.stringify(list)}`);
			await new Promise((r) => setTimeout(r, 500));
		}
	}

	/** Stops the workers, then the main instance, then Redis and PostgreSQL, and removes every folder. */
	async stop(): Promise<void> {
		process.off('SIGINT', this.signalHandler).off('SIGTERM', this.signalHandler).off('exit', this.exitHandler);
		for (const p of [...this.started].reverse()) await p.stop();
		await this.n8n.dispose();
		await this.redis.stop();
		await this.postgres.stop();
	}

	private killNow(): void {
		for (const p of this.started) if (p.child.pid !== undefined) killGroupNow(p.child.pid);
		this.n8n.killAllNow();
		this.redis.killNow();
		this.postgres.killNow();
		fs.rmSync(this.n8n.workDir, { recursive: true, force: true });
	}
}
