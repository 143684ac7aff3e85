/* eslint-disable @n8n/community-nodes/no-restricted-imports -- developer and test tooling: runs under Node, never shipped in the n8n package */
import { request } from 'http';
import type { Emulator } from '../../emulator';
import { canonicalRequest, formatSdkDate, signature, stringToSign } from '../../emulator/auth/sdkHmac';
import { parseTarget } from '../../emulator/http/rawTarget';

export interface RawResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	/** The parsed body; undefined when the body is empty or not JSON. */
	json: ResponseBody | undefined;
}

/** The fields of Huawei (and emulator) response bodies that the emulator tests read. */
export interface ResponseBody {
	error_code?: string;
	error_msg?: string;
	request_id?: string;
	error?: { code?: number; message?: string; title?: string };
	total_count?: number;
	totalCount?: number;
	desktops?: Array<{ desktop_id?: string; computer_name: string; product_id?: string; created?: string; [key: string]: unknown }>;
	resources?: Array<{ resource_id?: string; resource_name: string; [key: string]: unknown }>;
	tags?: Array<{ key: string; value?: string; values?: string[] }>;
	token?: { expires_at: string; issued_at: string; [key: string]: unknown };
	[key: string]: unknown;
}

export interface RawRequest {
	method?: string;
	/** Sent byte for byte: no URL parsing, so `%2F` and `..` reach the server as written. */
	path: string;
	headers?: Record<string, string>;
	body?: string | Buffer;
	timeoutMs?: number;
}

/** Node's http client rather than fetch, because fetch's URL parser would normalise the path. */
export function raw(emu: Emulator, r: RawRequest): Promise<RawResponse> {
	const url = new URL(emu.url);
	const headers = { ...r.headers };
	// Node sends a DELETE body unframed unless told its length; the server would then see none.
	if (r.body !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-length')) {
		headers['Content-Length'] = String(Buffer.byteLength(r.body));
	}
	return new Promise((resolve, reject) => {
		const req = request(
			{ host: url.hostname, port: url.port, method: r.method ?? 'GET', path: r.path, headers, agent: false },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let json: ResponseBody | undefined;
					try {
						json = text ? (JSON.parse(text) as ResponseBody) : undefined;
					} catch {
						json = undefined;
					}
					resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
				});
				res.on('error', reject);
			},
		);
		req.on('error', reject);
		if (r.timeoutMs) req.setTimeout(r.timeoutMs, () => req.destroy(new Error('client timeout')));
		if (r.body !== undefined) req.write(r.body);
		req.end();
	});
}

/** Token-authenticated call with a JSON body. */
export function call(emu: Emulator, method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<RawResponse> {
	const headers: Record<string, string> = { 'X-Auth-Token': emu.token, ...extraHeaders };
	let payload: string | undefined;
	if (body !== undefined) {
		payload = typeof body === 'string' ? body : JSON.stringify(body);
		headers['Content-Type'] = 'application/json';
	}
	return raw(emu, { method, path, headers, body: payload });
}

export function p(emu: Emulator, rest: string): string {
	return `/v2/${emu.projectId}${rest}`;
}

export interface SignOptions {
	method: string;
	path: string;
	body?: string;
	ak: string;
	sk: string;
	dateMs?: number;
	headers?: Record<string, string>;
	/** Lowercase names to sign; default: every header given plus host and x-sdk-date. */
	signed?: string[];
}

/**
 * A test-side signer built on the canonicalisation functions whose output the vector tests pin
 * down; the SDK-oracle test checks interoperability with Huawei's own signer separately.
 */
export function sign(emu: Emulator, o: SignOptions): Record<string, string> {
	const host = new URL(emu.url).host;
	const sdkDate = formatSdkDate(o.dateMs ?? emu.now());
	const headers: Record<string, string> = { host, 'x-sdk-date': sdkDate };
	for (const [k, v] of Object.entries(o.headers ?? {})) headers[k.toLowerCase()] = v;
	const signed = o.signed ?? Object.keys(headers).sort();
	const t = parseTarget(o.path);
	const canonical = canonicalRequest({ method: o.method, segments: t.segments, query: t.query, headers, signedHeaders: signed, body: o.body ?? '' });
	const sig = signature(o.sk, stringToSign(sdkDate, canonical));
	return { ...headers, Authorization: `SDK-HMAC-SHA256 Access=${o.ak}, SignedHeaders=${signed.join(';')}, Signature=${sig}` };
}
