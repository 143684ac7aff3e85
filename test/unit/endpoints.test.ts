/**
 * Endpoints from API.md and the region tables of Huawei's Go SDK (services/workspace/v2/region,
 * services/iam/v3/region): Workspace at https://workspace.{region}.myhuaweicloud.com, IAM at
 * https://iam.{region}.myhuaweicloud.com except where the IAM table says otherwise, a list of
 * regions plus free text, and an endpoint override (private clouds, proxies, tests) that keeps any
 * path prefix.
 */
import { iamBaseUrl, WORKSPACE_REGIONS, workspaceBaseUrl } from '../../credentials/common/endpoints';

/** Every region API.md lists for Workspace (SDK regions plus na-mexico-1 from the international docs). */
const API_MD_REGIONS = [
	'cn-north-4',
	'cn-north-9',
	'cn-north-11',
	'cn-east-3',
	'cn-east-5',
	'cn-south-1',
	'cn-southwest-2',
	'ap-southeast-1',
	'ap-southeast-2',
	'ap-southeast-3',
	'la-south-2',
	'la-north-2',
	'sa-brazil-1',
	'me-east-1',
	'af-south-1',
	'af-north-1',
	'tr-west-1',
	'na-mexico-1',
	'eu-west-101',
];

/**
 * IAM hosts per the IAM SDK's table: eu-west-101 is under .eu; cn-north-11 and af-north-1 have no
 * regional IAM there, so the global endpoint serves them.
 */
const IAM_HOST: Record<string, string> = {
	'eu-west-101': 'https://iam.eu-west-101.myhuaweicloud.eu',
	'cn-north-11': 'https://iam.myhuaweicloud.com',
	'af-north-1': 'https://iam.myhuaweicloud.com',
};

describe('region endpoints', () => {
	it('builds the Workspace endpoint from the region', () => {
		expect(workspaceBaseUrl({ region: 'ap-southeast-1' })).toBe('https://workspace.ap-southeast-1.myhuaweicloud.com');
	});

	it('builds the IAM endpoint from the region', () => {
		expect(iamBaseUrl({ region: 'ap-southeast-1' })).toBe('https://iam.ap-southeast-1.myhuaweicloud.com');
	});

	it.each(API_MD_REGIONS)('builds both endpoints for %s', (region) => {
		expect(workspaceBaseUrl({ region })).toBe(`https://workspace.${region}.myhuaweicloud.com`);
		expect(iamBaseUrl({ region })).toBe(IAM_HOST[region] ?? `https://iam.${region}.myhuaweicloud.com`);
	});

	it('offers every Workspace region of the SDK in the list', () => {
		const offered = WORKSPACE_REGIONS.map((option) => option.value);
		for (const region of API_MD_REGIONS) expect(offered).toContain(region);
	});

	it('trims whitespace around the region', () => {
		expect(workspaceBaseUrl({ region: '  cn-north-4 ' })).toBe('https://workspace.cn-north-4.myhuaweicloud.com');
	});

	it('uses customRegion when region is "custom"', () => {
		const settings = { region: 'custom', customRegion: 'xx-test-9' };
		expect(workspaceBaseUrl(settings)).toBe('https://workspace.xx-test-9.myhuaweicloud.com');
		expect(iamBaseUrl(settings)).toBe('https://iam.xx-test-9.myhuaweicloud.com');
	});

	it('trims whitespace around a custom region', () => {
		expect(workspaceBaseUrl({ region: 'custom', customRegion: ' eu-west-101\n' })).toBe(
			'https://workspace.eu-west-101.myhuaweicloud.com',
		);
	});

	it('rejects "custom" without a custom region, with a message about the region', () => {
		expect(() => workspaceBaseUrl({ region: 'custom', customRegion: '' })).toThrow(/region/i);
		expect(() => workspaceBaseUrl({ region: 'custom' })).toThrow(/region/i);
	});

	it.each([
		[''],
		['   '],
		['ap southeast 1'],
		['ap-southeast-1.evil.example.com'],
		['ap-southeast-1/x'],
		['../ap-southeast-1'],
		['ap-southeast-1?x=1'],
		['ap-southeast-1#'],
		['evil.com:443'],
		['-'],
	])('rejects the invalid region %j with a clear message', (region) => {
		expect(() => workspaceBaseUrl({ region })).toThrow(/region/i);
		expect(() => iamBaseUrl({ region })).toThrow(/region/i);
	});

	it('rejects a missing region', () => {
		expect(() => workspaceBaseUrl({})).toThrow(/region/i);
	});

	it('quotes the offending region in the message', () => {
		expect(() => workspaceBaseUrl({ region: 'ap-southeast-1.evil.example.com' })).toThrow(
			'ap-southeast-1.evil.example.com',
		);
	});
});

describe('endpoint overrides', () => {
	const region = 'ap-southeast-1';

	it('uses the Workspace override instead of the region endpoint', () => {
		expect(workspaceBaseUrl({ region, workspaceEndpoint: 'http://127.0.0.1:9000' })).toBe('http://127.0.0.1:9000');
	});

	it('uses the IAM override instead of the region endpoint', () => {
		expect(iamBaseUrl({ region, iamEndpoint: 'http://127.0.0.1:9001' })).toBe('http://127.0.0.1:9001');
	});

	it('keeps each override to its own endpoint', () => {
		const settings = { region, workspaceEndpoint: 'http://127.0.0.1:9000' };
		expect(iamBaseUrl(settings)).toBe('https://iam.ap-southeast-1.myhuaweicloud.com');
	});

	it('treats an empty or blank override as none', () => {
		expect(workspaceBaseUrl({ region, workspaceEndpoint: '' })).toBe('https://workspace.ap-southeast-1.myhuaweicloud.com');
		expect(workspaceBaseUrl({ region, workspaceEndpoint: '   ' })).toBe('https://workspace.ap-southeast-1.myhuaweicloud.com');
		expect(iamBaseUrl({ region, iamEndpoint: ' ' })).toBe('https://iam.ap-southeast-1.myhuaweicloud.com');
	});

	it.each([
		['http://127.0.0.1:9000/', 'http://127.0.0.1:9000'],
		['http://127.0.0.1:9000///', 'http://127.0.0.1:9000'],
		['https://workspace.example.com/', 'https://workspace.example.com'],
	])('removes trailing slashes: %s -> %s', (raw, expected) => {
		expect(workspaceBaseUrl({ region, workspaceEndpoint: raw })).toBe(expected);
		expect(iamBaseUrl({ region, iamEndpoint: raw })).toBe(expected);
	});

	it.each([
		['http://127.0.0.1:9000/proxy/ws/', 'http://127.0.0.1:9000/proxy/ws'],
		['http://127.0.0.1:9000/proxy/ws', 'http://127.0.0.1:9000/proxy/ws'],
		['https://gw.example.com/huawei/workspace//', 'https://gw.example.com/huawei/workspace'],
	])('keeps a path prefix: %s -> %s', (raw, expected) => {
		expect(workspaceBaseUrl({ region, workspaceEndpoint: raw })).toBe(expected);
	});

	it.each([
		['workspace.example.com', 'https://workspace.example.com'],
		['workspace.example.com/', 'https://workspace.example.com'],
		['127.0.0.1:9000', 'https://127.0.0.1:9000'],
		['localhost:9000', 'https://localhost:9000'],
		['localhost:9000/proxy/', 'https://localhost:9000/proxy'],
		['gw.example.com/proxy/ws/', 'https://gw.example.com/proxy/ws'],
	])('gives a scheme-less host https: %s -> %s', (raw, expected) => {
		expect(workspaceBaseUrl({ region, workspaceEndpoint: raw })).toBe(expected);
	});

	it('trims whitespace around an override', () => {
		expect(workspaceBaseUrl({ region, workspaceEndpoint: '  http://127.0.0.1:9000/proxy/ws/ \n' })).toBe(
			'http://127.0.0.1:9000/proxy/ws',
		);
		expect(iamBaseUrl({ region, iamEndpoint: '\thttps://iam.example.com ' })).toBe('https://iam.example.com');
	});

	it('keeps the scheme as written: http stays http', () => {
		expect(workspaceBaseUrl({ region, workspaceEndpoint: 'http://ws.example.com' })).toBe('http://ws.example.com');
	});

	it.each([['ftp://ws.example.com'], ['file:///etc/passwd'], ['ws://ws.example.com'], ['gopher://ws.example.com']])(
		'rejects the non-http scheme %s, saying http or https is needed',
		(raw) => {
			expect(() => workspaceBaseUrl({ region, workspaceEndpoint: raw })).toThrow(/http/i);
			expect(() => iamBaseUrl({ region, iamEndpoint: raw })).toThrow(/http/i);
		},
	);

	it('names the field in an override error', () => {
		expect(() => workspaceBaseUrl({ region, workspaceEndpoint: 'ftp://x.example.com' })).toThrow(/workspace/i);
		expect(() => iamBaseUrl({ region, iamEndpoint: 'ftp://x.example.com' })).toThrow(/iam/i);
	});

	it('rejects an override that is not a URL at all', () => {
		expect(() => workspaceBaseUrl({ region, workspaceEndpoint: 'http://' })).toThrow();
	});

	it('appending "/v2/..." to an override with a prefix yields exactly one slash between them', () => {
		const base = workspaceBaseUrl({ region, workspaceEndpoint: 'http://127.0.0.1:9000/proxy/ws/' });
		expect(`${base}/v2/pid/desktops`).toBe('http://127.0.0.1:9000/proxy/ws/v2/pid/desktops');
	});
});

describe('WORKSPACE_REGIONS', () => {
	const values = WORKSPACE_REGIONS.map((region) => region.value);

	it.each(API_MD_REGIONS)('offers %s', (region) => {
		expect(values).toContain(region);
	});

	it('lists each region once', () => {
		expect(new Set(values).size).toBe(values.length);
	});

	it('gives every region a display name that shows its ID', () => {
		for (const region of WORKSPACE_REGIONS) {
			expect(region.name).toContain(region.value);
		}
	});

	it('offers only regions that build a valid endpoint', () => {
		for (const value of values) {
			expect(workspaceBaseUrl({ region: value })).toBe(`https://workspace.${value}.myhuaweicloud.com`);
		}
	});
});
