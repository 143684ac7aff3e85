import { apiError } from '../errors';
import type { WorkspaceState } from '../state';
import type { Reply } from '../types';
import { bad, ok, type Checked } from '../validation/tags';

export interface RouteContext {
	params: Record<string, string>;
	query: [string, string][];
	body: string;
	state: WorkspaceState;
}

export type Handler = (ctx: RouteContext) => Reply;

/** Bodies must be a JSON object; an empty body gets Huawei's documented WKS.0001. */
export function jsonObject(body: string): Checked<Record<string, unknown>> {
	if (body.trim() === '') return bad(apiError('BODY_EMPTY'));
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch (e) {
		return bad(apiError('BAD_JSON', (e as Error).message));
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		return bad(apiError('BAD_JSON', 'The body must be a JSON object.'));
	}
	return ok(parsed as Record<string, unknown>);
}

export const NO_CONTENT: Reply = { status: 204 };
