import { apiError } from '../errors';
import type { AuthKind, Reply } from '../types';
import type { AkskVerifier, SignedRequest } from './akskVerifier';
import type { TokenStore } from './tokens';

export interface AuthOutcome {
	kind: AuthKind;
	/** Undefined when the request may proceed. */
	reject?: Reply;
}

/**
 * The gateway's check in front of every /v2 route. A present X-Auth-Token wins over an
 * Authorization header, mirroring APIG which picks token auth whenever the header exists.
 */
export function authenticate(
	req: SignedRequest,
	pathProjectId: string,
	accountProjectId: string,
	tokens: TokenStore,
	verifier: AkskVerifier,
): AuthOutcome {
	const token = req.headers['x-auth-token'];
	if (token !== undefined) {
		const found = tokens.lookup(token.trim());
		if (found.status === 'unknown') return { kind: 'token', reject: apiError('AUTH_FAILED', 'The token is invalid or was not issued by IAM.') };
		if (found.status === 'expired') return { kind: 'token', reject: apiError('AUTH_FAILED', 'The token has expired.') };
		if (found.info.projectId !== pathProjectId) {
			return {
				kind: 'token',
				reject: apiError('FORBIDDEN', `The token is scoped to project ${found.info.projectId}, not to project ${pathProjectId} in the URL.`),
			};
		}
		return { kind: 'token' };
	}

	const authorization = req.headers['authorization'];
	if (authorization !== undefined) {
		const result = verifier.verify(authorization, req);
		if (!result.ok) return { kind: 'aksk', reject: apiError('AUTH_FAILED', result.reason) };
		const headerProject = req.headers['x-project-id'];
		if (headerProject !== undefined && headerProject !== pathProjectId) {
			return {
				kind: 'aksk',
				reject: apiError('FORBIDDEN', `X-Project-Id ${headerProject} does not match project ${pathProjectId} in the URL.`),
			};
		}
		// AK/SK is account-wide, so the project comes from the URL and must belong to the account.
		if (pathProjectId !== accountProjectId) {
			return { kind: 'aksk', reject: apiError('FORBIDDEN', `The project ${pathProjectId} does not belong to this account.`) };
		}
		return { kind: 'aksk' };
	}

	return { kind: 'none', reject: apiError('AUTH_FAILED', 'No X-Auth-Token or Authorization header was found.') };
}
