/* eslint-disable @n8n/community-nodes/no-restricted-imports -- developer and test tooling: runs under Node, never shipped in the n8n package */
import type { ServerResponse } from 'http';
import { REQUEST_ID_PLACEHOLDER } from '../errors';
import type { Reply } from '../types';

/** Writes a Reply with the headers every Huawei answer carries; returns the error_code sent, if any. */
export function send(res: ServerResponse, reply: Reply, requestId: string, nowMs: number): string | undefined {
	if (res.destroyed || res.headersSent) return undefined;
	res.statusCode = reply.status;
	res.setHeader('X-Request-Id', requestId);
	res.setHeader('Date', new Date(nowMs).toUTCString());
	for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
	let errorCode: string | undefined;
	let payload: string | undefined;
	if (typeof reply.body === 'string') {
		payload = reply.body;
	} else if (reply.body !== undefined) {
		const body = reply.body as Record<string, unknown>;
		if (body.request_id === REQUEST_ID_PLACEHOLDER) body.request_id = requestId;
		if (typeof body.error_code === 'string') errorCode = body.error_code;
		payload = JSON.stringify(body);
		if (!res.hasHeader('Content-Type')) res.setHeader('Content-Type', 'application/json;charset=UTF-8');
	}
	if (payload === undefined) {
		res.end();
	} else {
		res.setHeader('Content-Length', Buffer.byteLength(payload));
		res.end(payload);
	}
	return errorCode;
}

export function readBody(req: import('http').IncomingMessage): Promise<Buffer> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		// An aborted upload still gets recorded with whatever arrived.
		req.on('error', () => resolve(Buffer.concat(chunks)));
		req.on('aborted', () => resolve(Buffer.concat(chunks)));
	});
}
