import { createHash } from 'node:crypto';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { workspaceBaseUrl } from '../../../credentials/common/endpoints';

/**
 * Requests with the same endpoint, project and identity share Huawei's rate limit (and so a pacer)
 * and stand or fall with the same secret (and so a credential gate).
 */
export function identityKey(credentials: ICredentialDataDecryptedObject): string {
	const identity =
		credentials.authType === 'accessKey'
			? credentials.accessKeyId
			: credentials.authType === 'password'
				? `${String(credentials.domainName)}/${String(credentials.userName)}`
				: // Tokens are secrets: only a digest of one names its identity.
					createHash('sha256').update(String(credentials.token ?? '')).digest('hex').slice(0, 16);
	let endpoint: string;
	try {
		endpoint = workspaceBaseUrl(credentials);
	} catch {
		endpoint = 'invalid-endpoint';
	}
	return [endpoint, credentials.projectId, credentials.authType, identity].map(String).join('|');
}
