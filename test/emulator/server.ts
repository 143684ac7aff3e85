/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- developer and test tooling: runs under Node, never shipped in the n8n package */
import { randomUUID } from 'crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import { authenticate } from './auth/authenticate';
import type { EmulatorCore } from './core';
import { apiError, ERRORS, errorForStatus, errorReply } from './errors';
import { readBody, send } from './http/respond';
import { parseTarget } from './http/rawTarget';
import { matchRoute } from './router';
import { iamLogin } from './routes/iam';
import type { Fault, RecordedRequest, Reply } from './types';

/** Timers that must not outlive close(): scripted delays can be far longer than a test. */
class Delays {
	private timers = new Set<NodeJS.Timeout>();

	wait(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const t = setTimeout(() => {
				this.timers.delete(t);
				resolve();
			}, ms);
			this.timers.add(t);
		});
	}

	cancelAll(): void {
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
	}
}

export interface RunningServer {
	server: Server;
	delays: Delays;
}

export function createEmulatorServer(core: EmulatorCore): RunningServer {
	const delays = new Delays();
	const server = createServer((req, res) => {
		handle(core, delays, req, res).catch((e: unknown) => {
			// A bug in the emulator must show up as a 500, not hang the client.
			send(res, apiError('INTERNAL', (e as Error).stack ?? String(e)), randomUUID(), core.clock.now());
		});
	});
	return { server, delays };
}

async function handle(core: EmulatorCore, delays: Delays, req: IncomingMessage, res: ServerResponse): Promise<void> {
	core.inFlight++;
	core.maxInFlightSeen = Math.max(core.maxInFlightSeen, core.inFlight);
	let released = false;
	const done = (): void => {
		if (!released) {
			released = true;
			core.inFlight--;
		}
	};
	res.on('close', done);

	const requestId = randomUUID();
	const receivedAt = Date.now();
	const bodyBytes = await readBody(req);
	const method = (req.method ?? 'GET').toUpperCase();
	const target = parseTarget(req.url ?? '/');
	const route = matchRoute(method, target.segments);
	const headers: Record<string, string> = {};
	for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;

	const record: RecordedRequest = {
		method,
		rawPath: target.rawPath,
		path: target.segments.join('/'),
		segments: target.segments,
		query: target.rawQuery,
		headers,
		body: bodyBytes.toString('utf8'),
		status: 0,
		route: route.name,
		requestId,
		receivedAt,
		auth: 'none',
	};
	core.requests.push(record);
	const reply = (r: Reply): void => {
		record.status = r.status;
		record.errorCode = send(res, r, requestId, core.clock.now());
	};

	if (route.name === 'iam.login') core.iamLoginCount++;
	// Recorded under its route name, so a test sees what was attempted, but refused before auth.
	if (route.name === 'unknown' || core.isUndeployed(route.name)) return reply(apiError('ROUTE_NOT_FOUND'));

	if (!core.rateLimiter.tryAdmit()) return reply(apiError('THROTTLED', 'policy emulator over ratelimit'));
	res.on('close', () => core.rateLimiter.release());

	const fault = core.faults.take(method, route.name, target.rawPath, record.path);
	if (fault) {
		record.fault = fault.type;
		if (fault.type !== 'latency') return applyFault(fault, delays, req, res, reply, record);
		await delays.wait(fault.delayMs ?? 1000);
	}
	if (core.latencyMs > 0) await delays.wait(core.latencyMs);
	if (res.destroyed) return;

	if (route.name === 'iam.login') {
		return reply(
			iamLogin(record.body, core.tokens, {
				domainName: core.credentials.domainName,
				userName: core.credentials.userName,
				password: core.credentials.password,
				projectId: core.projectId,
				tokenTtlMs: core.tokenTtlMs,
			}),
		);
	}

	const signed = { method, segments: target.segments, query: target.query, headers, body: bodyBytes };
	const auth = authenticate(signed, route.params.project_id, core.projectId, core.tokens, core.verifier);
	record.auth = auth.kind;
	if (auth.reject) return reply(auth.reject);
	if (!route.handler) return reply(apiError('ROUTE_NOT_FOUND'));
	return reply(route.handler({ params: route.params, query: target.query, body: record.body, state: core.state }));
}

/** Faulted requests never reach a handler, so they cannot change state. */
async function applyFault(
	fault: Fault,
	delays: Delays,
	req: IncomingMessage,
	res: ServerResponse,
	reply: (r: Reply) => void,
	record: RecordedRequest,
): Promise<void> {
	const retryAfter: Record<string, string> = fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {};
	switch (fault.type) {
		case 'reset':
			record.status = 0;
			req.socket.destroy();
			return;
		case 'html':
			return reply({
				status: fault.status ?? 502,
				headers: { 'Content-Type': 'text/html', ...retryAfter },
				body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
			});
		case 'empty':
			return reply({ status: fault.status ?? 500, headers: retryAfter });
		case 'slow':
			// Long enough for a client timeout to fire first; if the client is still there, the gateway gives up.
			await delays.wait(fault.delayMs ?? 30000);
			if (res.destroyed) return;
			return reply(errorReply(ERRORS.BACKEND_TIMEOUT.status, ERRORS.BACKEND_TIMEOUT.code, ERRORS.BACKEND_TIMEOUT.msg, 'apig', retryAfter));
		case 'status': {
			const status = fault.status ?? 500;
			const def = errorForStatus(status);
			return reply(errorReply(status, fault.errorCode ?? def.code, fault.errorMsg ?? def.msg, def.kind, retryAfter));
		}
		default:
			return reply(apiError('INTERNAL', `unknown fault type ${String((fault as Fault).type)}`));
	}
}
