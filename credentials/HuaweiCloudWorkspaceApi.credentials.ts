import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	assertRequestAllowed,
	EXTRA_ALLOWED_HOSTS,
	parseExtraAllowedHosts,
	type HostAllowance,
} from './common/allowedHosts';
import { CUSTOM_REGION, iamBaseUrl, WORKSPACE_REGIONS, workspaceBaseUrl } from './common/endpoints';
import { headerValue } from './common/headers';
import { IamTokenCache } from './common/iamToken';
import { signRequestOptions } from './common/signRequestOptions';

/**
 * n8n answers a 401 by authenticating the same request again and resending it. A second signature
 * with the same key cannot succeed where the first failed, and Huawei locks an access key after
 * five bad signatures in a row, so a request that already carries our signature is not resent.
 */
function alreadySigned(options: IHttpRequestOptions, accessKeyId: string): boolean {
	const authorization = headerValue(options.headers, 'authorization');
	return authorization !== undefined && authorization.startsWith(`SDK-HMAC-SHA256 Access=${accessKeyId},`);
}

class SignatureRejectedError extends Error {
	readonly httpCode = '401';

	/**
	 * n8n's credential tester matches its rules against `cause.response.status` only (not `httpCode`);
	 * without this the Test button said "Authorization failed - please check your credentials".
	 */
	readonly response = { status: 401, statusText: 'Unauthorized' };

	constructor() {
		super(
			'Huawei Cloud rejected the signed request (401): check the access key, the secret key and this machine\'s clock. It was not sent again, because Huawei locks an access key after five bad signatures in a row.',
		);
		this.name = 'SignatureRejectedError';
	}
}

interface ModeFieldOptions {
	displayName: string;
	name: string;
	/** Masked in the form, and kept out of everything n8n shows. */
	secret?: boolean;
	optional?: boolean;
	placeholder?: string;
	description?: string;
}

/** A text field of one authentication mode, shown only when that mode is chosen. */
function modeField(authType: string, options: ModeFieldOptions): INodeProperties {
	const { secret, optional, ...field } = options;
	return {
		...field,
		type: 'string',
		...(secret ? { typeOptions: { password: true } } : {}),
		default: '',
		...(optional ? {} : { required: true }),
		displayOptions: { show: { authType: [authType] } },
	};
}

/**
 * Credentials whose last request `authenticate` refused (host not allowed, or an invalid Extra
 * Allowed Hosts field). n8n's legacy request helper (the HTTP Request node's) answers any failure
 * by running preAuthentication again as if the token had expired: a refused host is not an expired
 * token, so that second IAM login is skipped.
 */
const refusedCredentials = new WeakSet<ICredentialDataDecryptedObject>();

/** IAM User Password mode logs in through the cache; the other modes have nothing to refresh. */
function passwordPreAuthentication(iamTokens: IamTokenCache) {
	return async function (this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (credentials.authType !== 'password' || refusedCredentials.delete(credentials)) return {};
		const sessionToken = await iamTokens.token(
			this.helpers,
			{
				iamBaseUrl: iamBaseUrl(credentials),
				domainName: String(credentials.domainName ?? ''),
				userName: String(credentials.userName ?? ''),
				password: String(credentials.password ?? ''),
				projectId: String(credentials.projectId ?? ''),
			},
			String(credentials.sessionToken ?? ''),
		);
		return { sessionToken };
	};
}

function endpointOrNone(endpoint: () => string): string[] {
	try {
		return [endpoint()];
	} catch {
		// An endpoint that cannot be worked out allows nothing; Huawei's own hosts still are.
		return [];
	}
}

/**
 * The IAM endpoint counts only in password mode, the one mode whose form shows (and uses) it: a
 * value left over from another mode must not silently widen where the credential may go.
 */
function hostAllowance(credentials: ICredentialDataDecryptedObject): HostAllowance {
	return {
		ownEndpoints: [
			...endpointOrNone(() => workspaceBaseUrl(credentials)),
			...(credentials.authType === 'password' ? endpointOrNone(() => iamBaseUrl(credentials)) : []),
		],
		extraHosts: parseExtraAllowedHosts(String(credentials.extraAllowedHosts ?? '')),
	};
}

type RedirectOptions = IHttpRequestOptions & { followRedirect?: boolean; followAllRedirects?: boolean };

/**
 * n8n's redirect handling keeps custom headers (X-Auth-Token, X-Security-Token) when a redirect
 * leads to another host, and it cannot be told which hosts are allowed, so an authenticated request
 * follows no redirect at all: a 3xx answer comes back as the answer. `disableFollowRedirect` is read
 * by n8n's HTTP helper, `followRedirect`/`followAllRedirects` by its legacy helper.
 */
function withoutRedirects(options: IHttpRequestOptions): IHttpRequestOptions {
	const result: RedirectOptions = {
		...options,
		disableFollowRedirect: true,
		followRedirect: false,
		followAllRedirects: false,
	};
	return result;
}

/** The request with the mode's token or signature; its host has been checked. */
function authenticated(
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
): IHttpRequestOptions {
	if (credentials.authType === 'accessKey') {
		if (alreadySigned(options, String(credentials.accessKeyId ?? ''))) {
			throw new SignatureRejectedError();
		}
		return signRequestOptions(
			options,
			{
				accessKeyId: String(credentials.accessKeyId ?? ''),
				secretAccessKey: String(credentials.secretAccessKey ?? ''),
				securityToken: String(credentials.securityToken ?? '') || undefined,
				projectId: String(credentials.projectId ?? '') || undefined,
			},
			new Date(),
		);
	}
	const token = credentials.authType === 'password' ? credentials.sessionToken : credentials.token;
	return { ...options, headers: { ...options.headers, 'X-Auth-Token': String(token ?? '') } };
}

export class HuaweiCloudWorkspaceApi implements ICredentialType {
	name = 'huaweiCloudWorkspaceApi';

	displayName = 'Huawei Cloud Workspace API';

	icon: Icon = {
		light: 'file:../nodes/HuaweiCloudWorkspace/huaweiCloudWorkspace.svg',
		dark: 'file:../nodes/HuaweiCloudWorkspace/huaweiCloudWorkspace.dark.svg',
	};

	documentationUrl = 'https://support.huaweicloud.com/intl/en-us/api-workspace/workspace_02_0001.html';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			options: [
				{
					name: 'Access Key (AK/SK Signing)',
					value: 'accessKey',
					description: 'Signs every request; never expires. Recommended for scheduled workflows.',
				},
				{
					name: 'IAM Token',
					value: 'token',
					description: 'A token you obtained yourself. It expires after 24 hours.',
				},
				{
					name: 'IAM User Password',
					value: 'password',
					description: 'Logs in as an IAM user and renews the token automatically',
				},
			],
			/*
			 * Stays IAM Token although Access Key is the better choice: n8n's editor saves only the
			 * values that differ from the default, so every saved token credential omits this field and
			 * would silently become an access-key credential if the default changed.
			 */
			default: 'token',
			description:
				'For scheduled or unattended workflows choose Access Key (AK/SK Signing): it never expires, while an IAM token stops working after 24 hours',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				...WORKSPACE_REGIONS,
				{ name: 'Other (Enter Region ID Below)', value: CUSTOM_REGION },
			],
			default: 'ap-southeast-1',
			description: 'The region of your Workspace desktops. The project ID below must belong to it.',
		},
		{
			displayName: 'Region ID',
			name: 'customRegion',
			type: 'string',
			default: '',
			placeholder: 'e.g. ap-southeast-4',
			displayOptions: { show: { region: [CUSTOM_REGION] } },
		},
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 0bec5db98280d2d02fd6c00c2de791ce',
			description:
				'The ID of the project in this region: Huawei Cloud console > My Credentials > API Credentials > Projects',
		},
		modeField('token', {
			displayName: 'IAM Token',
			name: 'token',
			secret: true,
			description:
				'The X-Subject-Token value of an IAM token scoped to the project above. It stops working after 24 hours.',
		}),
		modeField('password', {
			displayName: 'Account Name',
			name: 'domainName',
			placeholder: 'e.g. my-company',
			description: 'The Huawei Cloud account (domain) the IAM user belongs to',
		}),
		modeField('password', { displayName: 'IAM User Name', name: 'userName', placeholder: 'e.g. n8n-automation' }),
		modeField('password', { displayName: 'Password', name: 'password', secret: true }),
		modeField('accessKey', { displayName: 'Access Key ID', name: 'accessKeyId', placeholder: 'e.g. QTWAOYTTINDUT2QVKYUC' }),
		modeField('accessKey', { displayName: 'Secret Access Key', name: 'secretAccessKey', secret: true }),
		modeField('accessKey', {
			displayName: 'Security Token',
			name: 'securityToken',
			secret: true,
			optional: true,
			description: 'Only for temporary access keys (from STS or an agency): the security token issued with them',
		}),
		{
			displayName: 'Workspace Endpoint',
			name: 'workspaceEndpoint',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://workspace.ap-southeast-1.myhuaweicloud.com',
			description:
				'Leave empty to use the public endpoint of the region. Set it for private deployments, proxies or a local emulator.',
		},
		{
			displayName: 'IAM Endpoint',
			name: 'iamEndpoint',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://iam.myhuaweicloud.com',
			description: 'Leave empty to use the IAM endpoint of the region. Used only for IAM user password login.',
			displayOptions: { show: { authType: ['password'] } },
		},
		{
			displayName: EXTRA_ALLOWED_HOSTS,
			name: 'extraAllowedHosts',
			type: 'string',
			default: '',
			placeholder: 'e.g. proxy.example.com, 10.0.0.5:8443',
			description:
				'Hosts besides Huawei Cloud and the endpoints above that may receive this credential (e.g. in the HTTP Request node): host names, IP addresses or host:port, separated by commas. "*.example.com" allows every subdomain of example.com.',
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/**
	 * A property rather than a method so that the IAM token cache belongs to this instance: n8n
	 * loads the credential type once per process, and a fresh instance (a restarted n8n, a test)
	 * starts with no token.
	 */
	preAuthentication = passwordPreAuthentication(new IamTokenCache());

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		// Requests that name no server (the credential test, the node's own requests) go to Workspace.
		const options: IHttpRequestOptions =
			requestOptions.baseURL || /^https?:\/\//i.test(String(requestOptions.url ?? ''))
				? { ...requestOptions }
				: { ...requestOptions, baseURL: workspaceBaseUrl(credentials) };
		try {
			assertRequestAllowed(options, hostAllowance(credentials));
		} catch (error) {
			refusedCredentials.add(credentials);
			throw error;
		}
		return withoutRedirects(authenticated(credentials, options));
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: '=/v2/{{encodeURIComponent($credentials.projectId)}}/desktops',
			qs: { limit: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Huawei Cloud rejected the credentials (401): the token is wrong or expired, or the access key signature does not match (check the secret key and this machine\'s clock)',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The credentials are valid but may not use Workspace in this project (403): check the Project ID, the region, and the IAM user\'s Workspace permissions',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Workspace was not found at this endpoint (404): check the region and the Workspace Endpoint',
				},
			},
		],
	};
}
