import type { TokenStore } from '../auth/tokens';
import { iamError } from '../errors';
import { PROJECT_NAME } from '../seed';
import type { Reply } from '../types';

export interface IamAccount {
	domainName: string;
	userName: string;
	password: string;
	projectId: string;
	tokenTtlMs: number;
}

/**
 * POST /v3/auth/tokens with the password method and a project scope. The token travels in the
 * X-Subject-Token header, never in the body, which is the detail clients most often get wrong.
 */
export function iamLogin(body: string, tokens: TokenStore, account: IamAccount): Reply {
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		return iamError(400, 'The request body is not valid JSON.');
	}
	const auth = (parsed as { auth?: Record<string, unknown> } | null)?.auth;
	const identity = auth?.identity as { methods?: unknown; password?: { user?: Record<string, unknown> } } | undefined;
	if (!identity || !Array.isArray(identity.methods) || !identity.methods.includes('password')) {
		return iamError(400, 'auth.identity.methods must include "password".');
	}
	const user = identity.password?.user;
	const domain = user?.domain as { name?: unknown } | undefined;
	if (!user || typeof user.name !== 'string' || typeof user.password !== 'string' || typeof domain?.name !== 'string') {
		return iamError(400, 'auth.identity.password.user needs name, password and domain.name.');
	}
	if (domain.name !== account.domainName || user.name !== account.userName || user.password !== account.password) {
		return iamError(401, 'The username or password is wrong.');
	}
	const project = (auth?.scope as { project?: { id?: unknown; name?: unknown } } | undefined)?.project;
	if (!project) return iamError(400, 'auth.scope.project is required: Workspace needs a project-scoped token.');
	const scopedById = project.id !== undefined && project.id === account.projectId;
	const scopedByName = project.id === undefined && project.name === PROJECT_NAME;
	if (!scopedById && !scopedByName) {
		return iamError(400, `The project ${JSON.stringify(project.id ?? project.name)} does not exist in this account.`);
	}

	const { token, info } = tokens.issue(account.projectId, account.tokenTtlMs, user.name, domain.name);
	return {
		status: 201,
		headers: { 'X-Subject-Token': token },
		body: {
			token: {
				expires_at: new Date(info.expiresAt).toISOString(),
				issued_at: new Date(info.issuedAt).toISOString(),
				methods: ['password'],
				project: { id: account.projectId, name: PROJECT_NAME, domain: { name: account.domainName } },
				user: { name: user.name, domain: { name: domain.name } },
				roles: [{ name: 'workspace_adm' }],
			},
		},
	};
}
