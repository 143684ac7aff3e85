import { apiError } from '../errors';
import { queryParam, queryParams } from '../http/rawTarget';
import type { WorkspaceState } from '../state';
import { createUserProblem, userDetail, userInfo, type WorkspaceUser } from '../users';
import { intParam } from '../validation/query';
import { NO_CONTENT, type Handler, jsonObject } from './context';

function desktopsOf(state: WorkspaceState, user: WorkspaceUser): number {
	return state.all().filter((d) => d.user_name.toLowerCase() === user.user_name.toLowerCase()).length;
}

function userNotFound(id: string) {
	return apiError('USER_NOT_FOUND', `The user ${id} does not exist.`);
}

/**
 * POST /users (CreateDesktopUserRequest, body CreateUserRequest) -> CreateDesktopUserResponse { id }.
 * The password is only noted as given, never kept.
 */
export const createUser: Handler = ({ body, state }) => {
	const parsed = jsonObject(body);
	if (!parsed.ok) return parsed.reply;
	const req = parsed.value;
	const problem = createUserProblem(req);
	if (problem) return apiError('INVALID_PARAM', problem);
	const name = req.user_name as string;
	if (state.users.byName(name)) return apiError('USER_EXISTS', `The user ${name} already exists.`);
	const user = state.users.add({
		user_name: name,
		user_email: req.user_email as string | undefined,
		user_phone: req.user_phone as string | undefined,
		active_type: req.active_type as WorkspaceUser['active_type'] | undefined,
		account_expires: req.account_expires as string | undefined,
		enable_change_password: req.enable_change_password as boolean | undefined,
		next_login_change_password: req.next_login_change_password as boolean | undefined,
		description: req.description as string | undefined,
		alias_name: req.alias_name as string | undefined,
		group_ids: req.group_ids as string[] | undefined,
		has_password: typeof req.password === 'string' && req.password !== '',
	});
	return { status: 200, body: { id: user.id } };
};

/**
 * GET /users (ListUsersRequest -> ListUsersResponse { total_count, users: User[] }). limit and offset
 * are strings in the SDK; without limit every match is answered. user_name and user_names match whole
 * names (any letter case); description is fuzzy (substring, any case); group_name exact.
 */
export const listUsers: Handler = ({ query, state }) => {
	const offset = intParam(queryParam(query, 'offset'), 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
	if (!offset.ok) return offset.reply;
	const limit = intParam(queryParam(query, 'limit'), 'limit', Number.MAX_SAFE_INTEGER, 0, Number.MAX_SAFE_INTEGER);
	if (!limit.ok) return limit.reply;
	const names = [...queryParams(query, 'user_name'), ...queryParams(query, 'user_names')].map((n) => n.toLowerCase());
	const description = queryParam(query, 'description')?.toLowerCase();
	const group = queryParam(query, 'group_name');
	const matches = state.users
		.all()
		.filter(
			(u) =>
				(names.length === 0 || names.includes(u.user_name.toLowerCase())) &&
				(description === undefined || u.description.toLowerCase().includes(description)) &&
				// No user of the emulator is in a group: a group filter matches nobody.
				group === undefined,
		);
	const now = Date.now();
	return {
		status: 200,
		body: {
			total_count: matches.length,
			users: matches.slice(offset.value, offset.value + limit.value).map((u) => userInfo(u, desktopsOf(state, u), now)),
		},
	};
};

/** GET /users/{user_id} (ListUserDetailRequest -> ListUserDetailResponse { user_detail: UserDetail }). */
export const showUser: Handler = ({ params, state }) => {
	const user = state.users.get(params.user_id);
	if (!user) return userNotFound(params.user_id);
	return { status: 200, body: { user_detail: userDetail(user, desktopsOf(state, user), Date.now()) } };
};

/** DELETE /users/{user_id} (DeleteUserRequest -> DeleteUserResponse, no fields): 204. */
export const deleteUser: Handler = ({ params, state }) => {
	if (!state.users.remove(params.user_id)) return userNotFound(params.user_id);
	return NO_CONTENT;
};
