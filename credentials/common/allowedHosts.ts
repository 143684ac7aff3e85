import { HUAWEI_DOMAIN_SUFFIXES } from './huaweiDomains';

/**
 * Which hosts may receive the credential's token, security token or signature: Huawei's own
 * domains over https, the credential's own endpoints (scheme, host and port equal), and the hosts
 * the user lists in "Extra Allowed Hosts". Everything else is refused before anything is sent.
 */

export const EXTRA_ALLOWED_HOSTS = 'Extra Allowed Hosts';

/** One entry of "Extra Allowed Hosts". */
export interface ExtraHost {
	/** Lowercase, no trailing dot; an IPv6 address keeps its brackets, as WHATWG URL writes it. */
	hostname: string;
	/** `*.example.com`: every subdomain of example.com, not example.com itself. */
	subdomains: boolean;
	/** Only this port; any port when absent. */
	port?: number;
}

export interface HostAllowance {
	/** Base URLs of the credential's own Workspace and IAM endpoints. */
	ownEndpoints: readonly string[];
	extraHosts: readonly ExtraHost[];
}

/** The request fields that decide where n8n sends a request (`uri` is the legacy request shape). */
export interface RequestTarget {
	url?: unknown;
	uri?: unknown;
	baseURL?: unknown;
}

interface Place {
	protocol: string;
	hostname: string;
	port: number;
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443 };
/** axios's isAbsoluteURL: such a url makes axios ignore baseURL. */
const ABSOLUTE_URL = /^([a-z][a-z\d+\-.]*:)?\/\//i;
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST_NAME = new RegExp(`^(?:${LABEL}\\.)*${LABEL}\\.?$`);
const ENTRY = /^(\*\.)?(\[[^\]]*\]|[^:[\]]+)(?::(\d{1,5}))?$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export class HostNotAllowedError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'HostNotAllowedError';
	}
}

function normaliseHostname(hostname: string): string {
	return hostname.toLowerCase().replace(/\.$/, '');
}

function placeOf(url: URL): Place {
	return {
		protocol: url.protocol,
		hostname: normaliseHostname(url.hostname),
		port: url.port === '' ? (DEFAULT_PORTS[url.protocol] ?? 0) : Number(url.port),
	};
}

function isIPv4(host: string): boolean {
	const match = IPV4.exec(host);
	return match !== null && match.slice(1).every((part) => Number(part) <= 255);
}

/** WHATWG URL accepts a bracketed host only when it is an IPv6 address. */
function isBracketedIPv6(host: string): boolean {
	try {
		return new URL(`http://${host}/`).hostname.startsWith('[');
	} catch {
		return false;
	}
}

function invalidEntry(entry: string): Error {
	return new Error(
		`${EXTRA_ALLOWED_HOSTS}: "${entry}" is not a host name, IP address or host:port. Write e.g. "proxy.example.com", "proxy.example.com:8443", "10.0.0.5" or "*.example.com", separated by commas, without http:// or a path.`,
	);
}

function parseEntry(raw: string): ExtraHost {
	const entry = raw.trim().toLowerCase();
	const match = ENTRY.exec(entry);
	if (!match) throw invalidEntry(raw.trim());
	const [, wildcard, host, portText] = match;
	const bracketed = host.startsWith('[');
	const ip = bracketed ? isBracketedIPv6(host) : isIPv4(host);
	const validHost = ip || (!bracketed && HOST_NAME.test(host) && !/^[\d.]+$/.test(host));
	// "*.com" would allow a whole top-level domain.
	const wildcardOk = !wildcard || (!ip && normaliseHostname(host).includes('.'));
	const port = portText === undefined ? undefined : Number(portText);
	if (!validHost || !wildcardOk || (port !== undefined && (port < 1 || port > 65535))) {
		throw invalidEntry(raw.trim());
	}
	return {
		hostname: normaliseHostname(new URL(`http://${host}`).hostname),
		subdomains: Boolean(wildcard),
		...(port === undefined ? {} : { port }),
	};
}

/** Parses the "Extra Allowed Hosts" field: entries separated by commas or line breaks; empty means none. */
export function parseExtraAllowedHosts(text: string): ExtraHost[] {
	return text
		.split(/[,\n]/)
		.filter((entry) => entry.trim() !== '')
		.map(parseEntry);
}

/** axios's buildFullPath: a relative url is appended to baseURL's path, an absolute one replaces it. */
function wireUrl(target: string | undefined, baseURL: string | undefined): string | undefined {
	if (target !== undefined && ABSOLUTE_URL.test(target)) return target;
	if (baseURL === undefined) return target;
	if (!target) return baseURL;
	return `${baseURL.replace(/\/+$/, '')}/${target.replace(/^\/+/, '')}`;
}

function optionalString(value: unknown): string | undefined {
	return value === undefined || value === null ? undefined : String(value);
}

/**
 * Every URL the request may be sent to. n8n's HTTP helper sends `url` (or baseURL alone); its
 * legacy helper sends `url ?? uri`. When there is no `url`, both readings are checked.
 */
export function requestUrls(options: RequestTarget): string[] {
	const baseURL = optionalString(options.baseURL) || undefined;
	const url = optionalString(options.url);
	const targets = url !== undefined ? [url] : [optionalString(options.uri), undefined];
	return [...new Set(targets.map((target) => wireUrl(target, baseURL) ?? ''))];
}

function parseHttpUrl(text: string): URL | undefined {
	try {
		const url = new URL(text);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
	} catch {
		return undefined;
	}
}

function isHuaweiHost(hostname: string): boolean {
	return HUAWEI_DOMAIN_SUFFIXES.some((suffix) => hostname === suffix || hostname.endsWith(`.${suffix}`));
}

function samePlace(a: Place, b: Place): boolean {
	return a.protocol === b.protocol && a.hostname === b.hostname && a.port === b.port;
}

function matchesExtra(place: Place, extra: ExtraHost): boolean {
	const hostMatches = extra.subdomains
		? place.hostname.endsWith(`.${extra.hostname}`)
		: place.hostname === extra.hostname;
	return hostMatches && (extra.port === undefined || extra.port === place.port);
}

/** Why the credential must not go to `target`, or undefined when it may. */
export function refusalReason(target: string, allowance: HostAllowance): string | undefined {
	const url = parseHttpUrl(target);
	if (!url) {
		return 'The Huawei Cloud credential was not used: the request has no absolute http:// or https:// URL, so its host cannot be checked. Nothing was sent.';
	}
	const place = placeOf(url);
	const own = allowance.ownEndpoints
		.map(parseHttpUrl)
		.some((endpoint) => endpoint !== undefined && samePlace(placeOf(endpoint), place));
	if (own) return undefined;
	if (allowance.extraHosts.some((extra) => matchesExtra(place, extra))) return undefined;
	if (isHuaweiHost(place.hostname)) {
		if (place.protocol === 'https:') return undefined;
		return `The Huawei Cloud credential was not sent to ${url.host}: Huawei Cloud hosts get it only over https://. Nothing was sent.`;
	}
	const suffixes = HUAWEI_DOMAIN_SUFFIXES.map((suffix) => `*.${suffix}`).join(', ');
	return `The Huawei Cloud credential was not sent to ${url.host}: it is not a Huawei Cloud host (${suffixes}) and not this credential's Workspace or IAM endpoint. Nothing was sent. If ${url.host} is yours (a private deployment or a proxy), add "${url.host}" to the credential's ${EXTRA_ALLOWED_HOSTS} field.`;
}

/** Throws before anything is sent when any URL the request may go to is not allowed. */
export function assertRequestAllowed(options: RequestTarget, allowance: HostAllowance): void {
	for (const target of requestUrls(options)) {
		const reason = refusalReason(target, allowance);
		if (reason !== undefined) throw new HostNotAllowedError(reason);
	}
}
