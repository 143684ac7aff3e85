/** Regions where Huawei's SDKs publish a Workspace endpoint (na-mexico-1 is listed only in the international docs). */
export const WORKSPACE_REGIONS: ReadonlyArray<{ name: string; value: string }> = [
	{ name: 'AF-Johannesburg (af-south-1)', value: 'af-south-1' },
	{ name: 'AF-Cairo (af-north-1)', value: 'af-north-1' },
	{ name: 'AP-Bangkok (ap-southeast-2)', value: 'ap-southeast-2' },
	{ name: 'AP-Hong Kong (ap-southeast-1)', value: 'ap-southeast-1' },
	{ name: 'AP-Singapore (ap-southeast-3)', value: 'ap-southeast-3' },
	{ name: 'CN East-Shanghai1 (cn-east-3)', value: 'cn-east-3' },
	{ name: 'CN East-Qingdao (cn-east-5)', value: 'cn-east-5' },
	{ name: 'CN North-Beijing4 (cn-north-4)', value: 'cn-north-4' },
	{ name: 'CN North-Ulanqab1 (cn-north-9)', value: 'cn-north-9' },
	{ name: 'CN North-Ulanqab-Auto1 (cn-north-11)', value: 'cn-north-11' },
	{ name: 'CN South-Guangzhou (cn-south-1)', value: 'cn-south-1' },
	{ name: 'CN Southwest-Guiyang1 (cn-southwest-2)', value: 'cn-southwest-2' },
	{ name: 'EU-Dublin (eu-west-101)', value: 'eu-west-101' },
	{ name: 'LA-Mexico City1 (na-mexico-1)', value: 'na-mexico-1' },
	{ name: 'LA-Mexico City2 (la-north-2)', value: 'la-north-2' },
	{ name: 'LA-Santiago (la-south-2)', value: 'la-south-2' },
	{ name: 'LA-Sao Paulo1 (sa-brazil-1)', value: 'sa-brazil-1' },
	{ name: 'ME-Riyadh (me-east-1)', value: 'me-east-1' },
	{ name: 'TR-Istanbul (tr-west-1)', value: 'tr-west-1' },
];

/** The `region` option that reveals the free-text `customRegion` field. */
export const CUSTOM_REGION = 'custom';

export interface EndpointSettings {
	region?: unknown;
	customRegion?: unknown;
	workspaceEndpoint?: unknown;
	iamEndpoint?: unknown;
}

const REGION_PATTERN = /^[a-z]{2}(-[a-z0-9]+)+$/;

function resolveRegion(settings: EndpointSettings): string {
	const picked = String(settings.region ?? '').trim();
	const region = picked === CUSTOM_REGION ? String(settings.customRegion ?? '').trim() : picked;
	if (!REGION_PATTERN.test(region)) {
		throw new Error(
			`Region "${region}" is not a Huawei Cloud region ID: it must look like "ap-southeast-1" (lowercase letters, digits and dashes)`,
		);
	}
	return region;
}

/**
 * Normalises an endpoint override: keeps scheme, host, port and any path prefix (proxies and
 * private deployments mount the API below a path) and drops trailing slashes, query and fragment,
 * so that appending "/v2/..." always yields one slash.
 */
function normaliseBaseUrl(raw: string, field: string): string {
	const trimmed = raw.trim();
	const url = parseUrl(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
	if (!url) {
		throw new Error(`${field} "${trimmed}" is not a valid URL: use e.g. https://workspace.example.com`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new Error(`${field} must start with http:// or https://, got "${url.protocol}"`);
	}
	const path = url.pathname.replace(/\/+$/, '');
	return `${url.protocol}//${url.host}${path}`;
}

function parseUrl(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}

export function workspaceBaseUrl(settings: EndpointSettings): string {
	const override = String(settings.workspaceEndpoint ?? '').trim();
	if (override) return normaliseBaseUrl(override, 'Workspace Endpoint');
	return `https://workspace.${resolveRegion(settings)}.myhuaweicloud.com`;
}

/**
 * IAM hosts that differ from iam.{region}.myhuaweicloud.com, from the region table of Huawei's IAM
 * SDK: eu-west-101 is served under .eu, and the SDK lists no regional IAM for cn-north-11 and
 * af-north-1, where the global endpoint (which serves every public region) is used.
 */
const IAM_HOSTS: Readonly<Record<string, string>> = {
	'eu-west-101': 'iam.eu-west-101.myhuaweicloud.eu',
	'cn-north-11': 'iam.myhuaweicloud.com',
	'af-north-1': 'iam.myhuaweicloud.com',
};

/** Regional IAM endpoints avoid a cross-region hop. */
export function iamBaseUrl(settings: EndpointSettings): string {
	const override = String(settings.iamEndpoint ?? '').trim();
	if (override) return normaliseBaseUrl(override, 'IAM Endpoint');
	const region = resolveRegion(settings);
	return `https://${IAM_HOSTS[region] ?? `iam.${region}.myhuaweicloud.com`}`;
}
