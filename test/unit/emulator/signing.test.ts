import {
	canonicalQuery,
	canonicalRequest,
	canonicalUri,
	parseAuthorization,
	parseSdkDate,
	sha256Hex,
	signature,
	strictEncode,
	stringToSign,
} from '../../emulator/auth/sdkHmac';
import { parseTarget } from '../../emulator/http/rawTarget';

/** The two published vectors from API.md, fed through the verifier's own canonicalisation. */
describe('SDK-HMAC-SHA256 canonicalisation (verifier side)', () => {
	test('vector 1: Huawei signing guide', () => {
		const t = parseTarget('/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0');
		const canonical = canonicalRequest({
			method: 'GET',
			segments: t.segments,
			query: t.query,
			headers: { 'content-type': 'application/json', host: 'service.region.example.com', 'x-sdk-date': '20191115T033655Z' },
			signedHeaders: ['content-type', 'host', 'x-sdk-date'],
			body: '',
		});
		expect(canonical).toBe(
			[
				'GET',
				'/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/',
				'limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
				'content-type:application/json\nhost:service.region.example.com\nx-sdk-date:20191115T033655Z\n',
				'content-type;host;x-sdk-date',
				'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
			].join('\n'),
		);
		expect(sha256Hex(canonical)).toBe('b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a');
		expect(signature('MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc', stringToSign('20191115T033655Z', canonical))).toBe(
			'7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
		);
	});

	test('vector 2: Go SDK tests', () => {
		const t = parseTarget('/path?limit=1');
		const canonical = canonicalRequest({
			method: 'GET',
			segments: t.segments,
			query: t.query,
			headers: { 'x-sdk-date': '20060102T150405Z' },
			signedHeaders: ['x-sdk-date'],
			body: '',
		});
		expect(signature('SecretKey', stringToSign('20060102T150405Z', canonical))).toBe(
			'5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624',
		);
	});

	test('strict encoding keeps only unreserved characters, uppercase hex over UTF-8', () => {
		expect(strictEncode('AZaz09-_.~')).toBe('AZaz09-_.~');
		expect(strictEncode('a b/c+d=é*')).toBe('a%20b%2Fc%2Bd%3D%C3%A9%2A');
		expect(strictEncode('😀')).toBe('%F0%9F%98%80');
	});

	test('CanonicalURI re-encodes decoded segments and appends the signature-only slash', () => {
		// `%2F` stays inside its segment; a lowercase escape on the wire is re-emitted uppercase.
		expect(canonicalUri(parseTarget('/v2/p/desktops/d/tags/a%2fb').segments)).toBe('/v2/p/desktops/d/tags/a%2Fb/');
		expect(canonicalUri(parseTarget('/v2/p/desktops/d/tags/k%20%C3%BC').segments)).toBe('/v2/p/desktops/d/tags/k%20%C3%BC/');
		expect(canonicalUri(parseTarget('/already/').segments)).toBe('/already/');
	});

	test('CanonicalQuery sorts by key then value, encodes space as %20, repeats keys', () => {
		expect(canonicalQuery(parseTarget('/x?b=2&a=z&a=y&c=hello%20world&d').query)).toBe('a=y&a=z&b=2&c=hello%20world&d=');
		expect(canonicalQuery([])).toBe('');
	});

	test('Authorization and X-Sdk-Date parsing', () => {
		expect(parseAuthorization('SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=abc')).toEqual({
			access: 'AK',
			signedHeaders: ['host', 'x-sdk-date'],
			signature: 'abc',
		});
		expect(parseAuthorization('Bearer abc')).toBeNull();
		expect(parseSdkDate('20191115T033655Z')).toBe(Date.UTC(2019, 10, 15, 3, 36, 55));
		expect(parseSdkDate('2019-11-15T03:36:55Z')).toBeNull();
	});
});
