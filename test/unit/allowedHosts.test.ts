/**
 * Where the credential may go: Huawei's domains (from the region tables of Huawei's Go SDK) over
 * https, the credential's own endpoints (scheme, host and port equal), and "Extra Allowed Hosts".
 * The request URL is worked out as axios and n8n's two request helpers build it.
 */
import {
	assertRequestAllowed,
	parseExtraAllowedHosts,
	refusalReason,
	requestUrls,
	type HostAllowance,
} from '../../credentials/common/allowedHosts';

const NONE: HostAllowance = { ownEndpoints: [], extraHosts: [] };
const allowed = (url: string, allowance: HostAllowance = NONE) => refusalReason(url, allowance) === undefined;

describe("Huawei's domains", () => {
	it.each([
		'https://workspace.ap-southeast-1.myhuaweicloud.com/v2/p/desktops',
		'https://ecs.cn-north-4.myhuaweicloud.com/v1/p/cloudservers',
		'https://iam.myhuaweicloud.com/v3/auth/tokens',
		'https://iam.eu-west-101.myhuaweicloud.eu/v3/auth/tokens',
		'https://ecs.cn-north-4.myhuaweicloud.cn/',
		'https://cts.ap-southeast-5.myhuaweicloud.asia/',
		'https://cts.af-north-1.myhuaweicloud.africa/',
		'https://api.meeting.huaweicloud.com/',
		'https://as.ap-southeast-1.myhwclouds.com/',
		'https://WORKSPACE.AP-SOUTHEAST-1.MyHuaweiCloud.COM/',
		'https://workspace.ap-southeast-1.myhuaweicloud.com./',
		'https://workspace.ap-southeast-1.myhuaweicloud.com:8443/',
	])('allows %s', (url) => {
		expect(allowed(url)).toBe(true);
	});

	it.each([
		'https://myhuaweicloud.com.evil.example/',
		'https://workspace.ap-southeast-1.myhuaweicloud.com.evil.example/',
		'https://evilmyhuaweicloud.com/',
		'https://myhuaweicloud.community/',
		'https://huaweicloud.com-evil.example/',
		'https://example.com/?host=myhuaweicloud.com',
		'https://example.com/myhuaweicloud.com',
		'https://myhuaweicloud.com@example.com/',
		'https://example.com\\@workspace.myhuaweicloud.com/',
		'https://127.0.0.1/',
		'https://[::1]/',
	])('refuses %s', (url) => {
		expect(allowed(url)).toBe(false);
	});

	it('gives them the credential only over https', () => {
		expect(refusalReason('http://workspace.ap-southeast-1.myhuaweicloud.com/v2', NONE)).toMatch(/only over https/);
	});
});

describe("the credential's own endpoints", () => {
	const own: HostAllowance = { ownEndpoints: ['http://127.0.0.1:9000', 'https://proxy.corp.example/huawei'], extraHosts: [] };

	it('allow the same scheme, host and port, whatever the path', () => {
		expect(allowed('http://127.0.0.1:9000/v2/p/desktops', own)).toBe(true);
		expect(allowed('https://proxy.corp.example/other/path', own)).toBe(true);
		expect(allowed('https://proxy.corp.example:443/x', own)).toBe(true);
		expect(allowed('https://PROXY.corp.example./x', own)).toBe(true);
	});

	it.each([
		'http://127.0.0.1:9001/',
		'https://127.0.0.1:9000/',
		'http://127.0.0.2:9000/',
		'http://localhost:9000/',
		'http://[::1]:9000/',
		'http://proxy.corp.example/x',
		'https://proxy.corp.example:8443/x',
		'https://sub.proxy.corp.example/x',
	])('do not allow %s', (url) => {
		expect(allowed(url, own)).toBe(false);
	});
});

describe('Extra Allowed Hosts', () => {
	it('parses names, IP addresses, ports and subdomain wildcards, separated by commas or lines', () => {
		expect(parseExtraAllowedHosts(' Proxy.Example.com. , 10.0.0.5:8443\n*.corp.example, [::1]:9000 ,, ')).toEqual([
			{ hostname: 'proxy.example.com', subdomains: false },
			{ hostname: '10.0.0.5', subdomains: false, port: 8443 },
			{ hostname: 'corp.example', subdomains: true },
			{ hostname: '[::1]', subdomains: false, port: 9000 },
		]);
		expect(parseExtraAllowedHosts('')).toEqual([]);
		expect(parseExtraAllowedHosts(' , ')).toEqual([]);
	});

	it.each([
		'https://proxy.example.com',
		'proxy.example.com/api',
		'user@proxy.example.com',
		'proxy example.com',
		'proxy.example.com:0',
		'proxy.example.com:65536',
		'proxy.example.com:',
		'*.com',
		'*',
		'*.10.0.0.5',
		'1.2.3',
		'[not-an-ip]',
		'-proxy.example.com',
	])('refuses the entry %j, naming the field and the entry', (entry) => {
		expect(() => parseExtraAllowedHosts(`ok.example.com, ${entry}`)).toThrow(`Extra Allowed Hosts: "${entry}"`);
	});

	it('allows a listed host on any port, or on its listed port only', () => {
		const extra: HostAllowance = { ownEndpoints: [], extraHosts: parseExtraAllowedHosts('proxy.example.com, 10.0.0.5:8443') };
		expect(allowed('https://proxy.example.com/x', extra)).toBe(true);
		expect(allowed('http://proxy.example.com:8080/x', extra)).toBe(true);
		expect(allowed('https://10.0.0.5:8443/x', extra)).toBe(true);
		expect(allowed('https://10.0.0.5/x', extra)).toBe(false);
		expect(allowed('https://sub.proxy.example.com/x', extra)).toBe(false);
		expect(allowed('https://proxy.example.com.evil.example/x', extra)).toBe(false);
	});

	it('a wildcard allows subdomains, not the domain itself', () => {
		const extra: HostAllowance = { ownEndpoints: [], extraHosts: parseExtraAllowedHosts('*.corp.example') };
		expect(allowed('https://a.corp.example/', extra)).toBe(true);
		expect(allowed('https://a.b.corp.example/', extra)).toBe(true);
		expect(allowed('https://corp.example/', extra)).toBe(false);
		expect(allowed('https://evilcorp.example/', extra)).toBe(false);
	});
});

describe('the URL a request goes to', () => {
	it('is url, or uri when there is no url (the legacy shape), joined to baseURL as axios joins it', () => {
		expect(requestUrls({ url: '/v2/p/desktops', baseURL: 'https://w.example/prefix/' })).toEqual([
			'https://w.example/prefix/v2/p/desktops',
		]);
		expect(requestUrls({ url: 'https://a.example/x', baseURL: 'https://w.example' })).toEqual(['https://a.example/x']);
		expect(requestUrls({ uri: 'https://a.example/x', baseURL: 'https://w.example' })).toEqual([
			'https://a.example/x',
			'https://w.example',
		]);
		expect(requestUrls({ url: '', baseURL: 'https://w.example' })).toEqual(['https://w.example']);
	});

	it('refuses when any reading of the request leaves the allowed hosts', () => {
		const own: HostAllowance = { ownEndpoints: ['http://127.0.0.1:9000'], extraHosts: [] };
		expect(() => assertRequestAllowed({ uri: 'http://127.0.0.1:9000/v2', baseURL: 'http://127.0.0.1:9000' }, own)).not.toThrow();
		expect(() => assertRequestAllowed({ uri: 'http://127.0.0.1:9001/v2', baseURL: 'http://127.0.0.1:9000' }, own)).toThrow(
			'not sent to 127.0.0.1:9001',
		);
		expect(() => assertRequestAllowed({ url: '//127.0.0.1:9001/v2', baseURL: 'http://127.0.0.1:9000' }, own)).toThrow(
			/no absolute http/,
		);
	});

	it.each(['ftp://workspace.ap-southeast-1.myhuaweicloud.com/', 'data:text/plain,hi', 'not a url', ''])(
		'refuses %j: no http(s) host to check',
		(url) => {
			expect(refusalReason(url, NONE)).toMatch(/no absolute http/);
		},
	);

	it('names the host and port and how to allow it, and nothing of the path or query', () => {
		const reason = refusalReason('https://user:pw@evil.example:8443/v2/p?token=abc', NONE) ?? '';
		expect(reason).toContain('not sent to evil.example:8443');
		expect(reason).toContain('add "evil.example:8443" to the credential\'s Extra Allowed Hosts field');
		expect(reason).not.toMatch(/token=abc|user|pw@|\/v2/);
	});
});
