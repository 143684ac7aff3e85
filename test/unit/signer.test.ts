import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import type { ICredential } from '@huaweicloud/huaweicloud-sdk-core/auth/ICredential';

import {
	canonicalHeaders,
	canonicalQuery,
	canonicalRequest,
	canonicalUri,
	encodeSegment,
	EMPTY_BODY_SHA256,
	formatSdkDate,
	sha256Hex,
	sign,
	stringToSign,
	type QueryPair,
} from '../../credentials/common/signer';

const KEYS = {
	accessKeyId: 'HPUAEXAMPLEAK0000001',
	secretAccessKey: 'exampleSecretKey/+=0123456789abcdefghij',
};

/** Huawei's own Node signer, used as an independent oracle. */
function huaweiSignature(request: {
	method: string;
	decodedPath: string;
	query: readonly QueryPair[];
	headers: Record<string, string>;
	data?: unknown;
}): string {
	const queryParams: Record<string, string[]> = {};
	for (const [key, value] of request.query) (queryParams[key] ??= []).push(value);
	const credential = {
		getAk: () => KEYS.accessKeyId,
		getSk: () => KEYS.secretAccessKey,
	} as unknown as ICredential;
	const headers = AKSKSigner.sign(
		{
			endpoint: `https://workspace.ap-southeast-1.myhuaweicloud.com${request.decodedPath}`,
			method: request.method,
			headers: request.headers,
			queryParams,
			data: request.data,
		},
		credential,
	) as Record<string, string>;
	return /Signature=([0-9a-f]{64})$/.exec(headers.Authorization)?.[1] ?? 'no signature';
}

describe('API.md test vectors', () => {
	it("matches Huawei's signing guide (vector 1)", () => {
		const request = {
			method: 'GET',
			path: '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs',
			query: [
				['limit', '2'],
				['marker', '13551d6b-755d-4757-b956-536f674975c0'],
			] as const,
			headers: {
				'content-type': 'application/json',
				host: 'service.region.example.com',
				'x-sdk-date': '20191115T033655Z',
			},
			body: '',
		};
		// The published example key pair from Huawei's signing guide, not a real credential.
		const [guideAk, guideSk] = ['QTWAOYTTINDUT2QVKYUC', 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc'];
		const result = sign(request, { accessKeyId: guideAk, secretAccessKey: guideSk });
		expect(sha256Hex(result.canonicalRequest)).toBe(
			'b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a',
		);
		expect(result.signature).toBe(
			'7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
		);
		expect(result.signedHeaders).toBe('content-type;host;x-sdk-date');
		expect(result.authorization).toBe(
			'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, ' +
				'Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
		);
	});

	it("matches the Go SDK's test (vector 2)", () => {
		const result = sign(
			{
				method: 'GET',
				path: '/path',
				query: [['limit', '1']],
				headers: { 'X-Sdk-Date': '20060102T150405Z' },
				body: '',
			},
			{ accessKeyId: 'AccessKey', secretAccessKey: 'SecretKey' },
		);
		expect(result.signature).toBe(
			'5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624',
		);
		expect(result.signedHeaders).toBe('x-sdk-date');
	});
});

describe('encodeSegment', () => {
	it('leaves only A-Za-z0-9-_.~ unescaped, with uppercase hex over UTF-8', () => {
		expect(encodeSegment('AZaz09-_.~')).toBe('AZaz09-_.~');
		expect(encodeSegment(' !"#$%&\'()*+,/:;<=>?@[\\]^`{|}')).toBe(
			'%20%21%22%23%24%25%26%27%28%29%2A%2B%2C%2F%3A%3B%3C%3D%3E%3F%40%5B%5C%5D%5E%60%7B%7C%7D',
		);
		expect(encodeSegment('ü标😀')).toBe('%C3%BC%E6%A0%87%F0%9F%98%80');
	});
});

describe('canonicalUri', () => {
	it('re-encodes already encoded segments to the strict form and appends a slash', () => {
		expect(canonicalUri('/v2/p/desktops/a%20b/tags/%e6%a0%87')).toBe(
			'/v2/p/desktops/a%20b/tags/%E6%A0%87/',
		);
		expect(canonicalUri('/x/%7e(1)/ü')).toBe('/x/~%281%29/%C3%BC/');
		expect(canonicalUri('/x/')).toBe('/x/');
		expect(canonicalUri('')).toBe('/');
	});

	it('is idempotent and keeps stray percent signs and non-UTF-8 escapes', () => {
		const once = canonicalUri('/a/100%/b%zz/%FF%fe');
		expect(once).toBe('/a/100%25/b%25zz/%FF%FE/');
		expect(canonicalUri(once)).toBe(once);
	});
});

describe('canonicalQuery', () => {
	it('is empty without a query', () => {
		expect(canonicalQuery([])).toBe('');
	});

	it('sorts by key then value, repeats keys, and encodes space as %20', () => {
		const pairs: QueryPair[] = [
			['tag', 'b'],
			['limit', '10'],
			['tag', 'a b'],
			['a', '1+1=2&x'],
			['empty', ''],
		];
		expect(canonicalQuery(pairs)).toBe('a=1%2B1%3D2%26x&empty=&limit=10&tag=a%20b&tag=b');
	});

	it('sorts by code point (UTF-8 byte order), not by UTF-16 unit', () => {
		expect(
			canonicalQuery([
				['\u{FF5E}', '1'],
				['\u{1F600}', '2'],
			]),
		).toBe('%EF%BD%9E=1&%F0%9F%98%80=2');
	});
});

describe('canonicalHeaders, stringToSign, formatSdkDate', () => {
	it('lowercases, sorts and trims headers', () => {
		expect(
			canonicalHeaders({
				'X-Sdk-Date': ' 20240101T000000Z ',
				Host: 'h:8443',
				'Content-Type': 'application/json',
			}),
		).toBe('content-type:application/json\nhost:h:8443\nx-sdk-date:20240101T000000Z\n');
	});

	it('builds the string to sign from the hash of the canonical request', () => {
		expect(stringToSign('abc', '20240101T000000Z')).toBe(
			'SDK-HMAC-SHA256\n20240101T000000Z\nba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
		);
	});

	it('formats the X-Sdk-Date in UTC', () => {
		expect(formatSdkDate(new Date(Date.UTC(2024, 1, 29, 3, 4, 5, 678)))).toBe('20240229T030405Z');
	});

	it('hashes an empty body to the well-known value and requires X-Sdk-Date', () => {
		expect(sha256Hex('')).toBe(EMPTY_BODY_SHA256);
		expect(() =>
			sign({ method: 'GET', path: '/', query: [], headers: { host: 'h' }, body: '' }, KEYS),
		).toThrow(/X-Sdk-Date/);
	});
});

describe("cross-check against Huawei's Node SDK signer (AKSKSigner)", () => {
	const methods = ['GET', 'POST', 'DELETE'];
	// Decoded path segments. Huawei's signer reads the path through url.parse() and then encodes it
	// again, so it is only a valid oracle for segments that url.parse leaves alone (see below).
	const paths: Record<string, string[]> = {
		ascii: ['v2', '0a1b2c3d', 'desktops', 'd-1', 'tags'],
		unicode: ['v2', 'pid', 'desktops', 'd-1', 'tags', '标签ü'],
		emoji: ['v2', 'pid', 'tags', '😀~'],
		reservedCharacters: ['v2', 'pid', 'tags', 'a:b@c$,;=+!*()'],
	};
	const queries: Record<string, QueryPair[]> = {
		none: [],
		paging: [
			['offset', '0'],
			['limit', '100'],
		],
		spaces: [['computer_name', 'my desk top']],
		reserved: [
			['tag', 'k1=v1,k2=v2'],
			['q', '1+1=2&x'],
		],
		unicode: [['名字', 'значение 😀']],
		repeated: [
			['status', 'SHUTOFF'],
			['status', 'ACTIVE'],
		],
	};
	const bodies: Record<string, unknown> = {
		none: undefined,
		tag: { tag: { key: 'env', value: 'prod' } },
		unicodeTags: { action: 'create', tags: [{ key: '标签 key', value: 'a+b&c=d' }] },
	};
	const matrix = methods.flatMap((method) =>
		Object.keys(paths).flatMap((path) =>
			Object.keys(queries).flatMap((query) =>
				Object.keys(bodies)
					.filter((body) => method === 'POST' || body === 'none')
					.map((body) => [method, path, query, body] as const),
			),
		),
	);

	it.each(matrix)('%s path=%s query=%s body=%s', (method, pathName, queryName, bodyName) => {
		const segments = paths[pathName];
		const query = queries[queryName];
		const data = bodies[bodyName];
		const headers: Record<string, string> = {
			'X-Sdk-Date': '20240315T101112Z',
			'X-Project-Id': '0a1b2c3d',
			...(data === undefined ? {} : { 'content-type': 'application/json' }),
		};
		// The wire path as a node builds it: each segment through encodeURIComponent.
		const wirePath = `/${segments.map(encodeURIComponent).join('/')}`;
		const ours = sign(
			{
				method,
				path: wirePath,
				query,
				headers: { ...headers, host: 'workspace.ap-southeast-1.myhuaweicloud.com' },
				body: data === undefined ? '' : JSON.stringify(data),
			},
			KEYS,
		);
		expect(ours.signature).toBe(
			huaweiSignature({ method, decodedPath: `/${segments.join('/')}`, query, headers, data }),
		);
	});

	// Skipped as an oracle: segments with characters that url.parse() escapes (space, ' " < > \ ^ ` { | }).
	// AKSKSigner percent-encodes url.parse's already-escaped pathname again, so a space becomes
	// %2520 instead of %20; the gateway decodes before re-encoding and expects %20. Huawei's Go and
	// Python signers agree with us. This test pins the quirk so it is not mistaken for our bug.
	it.each([
		['space in a tag key', 'my key', 'my%20key'],
		['apostrophe in a tag key', "it's", 'it%27s'],
	])('skipped as an oracle: %s (the SDK double-encodes)', (_name, segment, strict) => {
		const path = `/v2/pid/tags/${segment}`;
		const headers = { 'X-Sdk-Date': '20240315T101112Z' };
		const oursCanonical = canonicalRequest({
			method: 'DELETE',
			path: `/v2/pid/tags/${encodeURIComponent(segment)}`,
			query: [],
			headers: { ...headers, host: 'workspace.ap-southeast-1.myhuaweicloud.com' },
			body: '',
		});
		expect(oursCanonical.split('\n')[1]).toBe(`/v2/pid/tags/${strict}/`);
		expect(huaweiSignature({ method: 'DELETE', decodedPath: path, query: [], headers })).not.toBe(
			sign(
				{
					method: 'DELETE',
					path,
					query: [],
					headers: { ...headers, host: 'workspace.ap-southeast-1.myhuaweicloud.com' },
					body: '',
				},
				KEYS,
			).signature,
		);
	});

	it('signs the same whether the wire path is raw or encoded', () => {
		const base = {
			method: 'GET',
			query: [],
			headers: { 'X-Sdk-Date': '20240315T101112Z' },
			body: '',
		};
		const raw = sign({ ...base, path: '/v2/pid/tags/标签 ü(1)' }, KEYS);
		const encoded = sign(
			{ ...base, path: '/v2/pid/tags/%E6%A0%87%E7%AD%BE%20%c3%bc%281%29' },
			KEYS,
		);
		expect(encoded.signature).toBe(raw.signature);
	});
});
