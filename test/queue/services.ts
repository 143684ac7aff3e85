/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- developer and test tooling: runs under Node, never shipped in the n8n package */
/**
 * Redis and PostgreSQL for the queue-mode suite, as the machine installs them (Debian's `redis-server`
 * and `postgresql`; `.ci/run` installs what is missing). Each runs from a fresh temp folder, on a free
 * port of 127.0.0.1 only, in its own process group, and is stopped with that group.
 *
 * PostgreSQL refuses to run as root: as root, initdb and postgres run as the `postgres` user (the Debian
 * package creates it) through `runuser`, with the data folder handed to that user.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import { killGroupNow, killTree, randomFreePort, run, tail } from '../e2e/n8n';

export interface Service {
	readonly port: number;
	readonly dir: string;
	readonly child: ChildProcess;
	/** Everything the server printed. */
	output(): string;
	stop(): Promise<void>;
	/** For a signal handler: SIGKILL the group and remove the folder, synchronously. */
	killNow(): void;
}

const wait = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

function spawnGroup(cmd: string, args: string[], cwd: string): { child: ChildProcess; output: () => string } {
	const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	let out = '';
	child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
	child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
	return { child, output: () => out };
}

async function until(what: string, check: () => Promise<boolean>, child: ChildProcess, output: () => string): Promise<void> {
	const deadline = Date.now() + 60_000;
	while (!(await check())) {
		if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}):\n${tail(output())}`);
		if (Date.now() > deadline) throw new Error(`${what} did not become ready:\n${tail(output())}`);
		await wait(200);
	}
}

function service(port: number, dir: string, child: ChildProcess, output: () => string): Service {
	return {
		port,
		dir,
		child,
		output,
		stop: async () => {
			await killTree(child);
			fs.rmSync(dir, { recursive: true, force: true });
		},
		killNow: () => {
			if (child.pid !== undefined) killGroupNow(child.pid);
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

// ---------------------------------------------------------------------------------------------------------------
// Redis

async function redisPing(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let answer = '';
		socket.setTimeout(1000);
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (b: Buffer) => {
			answer += b.toString();
			if (answer.includes('\r\n')) {
				socket.destroy();
				resolve(answer.startsWith('+PONG'));
			}
		});
		socket.on('error', () => resolve(false));
		socket.on('timeout', () => {
			socket.destroy();
			resolve(false);
		});
	});
}

/** A throw-away Redis: no persistence, loopback only. */
export async function startRedis(): Promise<Service> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hwcws-redis-'));
	const port = await randomFreePort();
	const { child, output } = spawnGroup(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'],
		dir,
	);
	const redis = service(port, dir, child, output);
	try {
		await until('redis-server', async () => await redisPing(port), child, output);
	} catch (error) {
		await redis.stop();
		throw error;
	}
	return redis;
}

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL

/** The newest installed server's bin folder (Debian: /usr/lib/postgresql/<major>/bin), or PG_BIN. */
export function postgresBin(): string {
	if (process.env.PG_BIN) return process.env.PG_BIN;
	const root = '/usr/lib/postgresql';
	const majors = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'postgres')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (majors.length === 0) throw new Error('PostgreSQL server not found under /usr/lib/postgresql (install `postgresql`, or set PG_BIN)');
	return path.join(root, majors[0], 'bin');
}

const asRoot = () => process.getuid?.() === 0;

/** As root, commands run as the `postgres` user. */
function pgCommand(bin: string, args: string[]): [string, string[]] {
	return asRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

export interface Postgres extends Service {
	readonly user: string;
	readonly database: string;
	/** Rows of a query (tab-separated columns), through psql. */
	query(sql: string): Promise<string[][]>;
}

export const PG_USER = 'n8n';
export const PG_DATABASE = 'n8n';

/** A throw-away cluster: trust authentication on 127.0.0.1, durability off (it lives for one run). */
export async function startPostgres(): Promise<Postgres> {
	const bin = postgresBin();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hwcws-pg-'));
	const data = path.join(dir, 'data');
	if (asRoot()) await run('chown', ['postgres:', dir]);
	const [initCmd, initArgs] = pgCommand(path.join(bin, 'initdb'), ['-D', data, '-U', PG_USER, '--auth=trust', '-E', 'UTF8', '--no-sync']);
	const init = await run(initCmd, initArgs, { cwd: dir, timeoutMs: 120_000 });
	if (init.code !== 0) {
		fs.rmSync(dir, { recursive: true, force: true });
		throw new Error(`initdb failed (exit ${init.code}):\n${tail(init.stdout + init.stderr)}`);
	}
	const port = await randomFreePort();
	const [cmd, args] = pgCommand(path.join(bin, 'postgres'), [
		'-D', data,
		'-p', String(port),
		'-c', 'listen_addresses=127.0.0.1',
		'-c', `unix_socket_directories=${dir}`,
		'-c', 'fsync=off',
		'-c', 'synchronous_commit=off',
		'-c', 'full_page_writes=off',
		'-c', 'max_connections=100',
	]);
	const { child, output } = spawnGroup(cmd, args, dir);
	const psql = async (database: string, sql: string) =>
		await run(path.join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', PG_USER, '-d', database, '-X', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-c', sql], {
			cwd: dir,
			timeoutMs: 60_000,
		});
	const base = service(port, dir, child, output);
	try {
		await until('postgres', async () => (await psql('postgres', 'SELECT 1')).code === 0, child, output);
		const created = await psql('postgres', `CREATE DATABASE ${PG_DATABASE}`);
		if (created.code !== 0) throw new Error(`CREATE DATABASE failed: ${created.stderr}`);
	} catch (error) {
		await base.stop();
		throw error;
	}
	return {
		...base,
		user: PG_USER,
		database: PG_DATABASE,
		query: async (sql) => {
			const r = await psql(PG_DATABASE, sql);
			if (r.code !== 0) throw new Error(`psql failed: ${r.stderr}`);
			return r.stdout
				.split('\n')
				.filter((l) => l !== '')
				.map((l) => l.split('\t'));
		},
	};
}
