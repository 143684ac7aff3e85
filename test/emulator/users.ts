import { randomUUID } from 'crypto';

/**
 * Workspace users, written from Huawei's SDK (services/workspace/v2/model): CreateUserRequest (the
 * body of POST /users), ListUsersRequest/ListUsersResponse of `User`, ListUserDetailResponse of
 * `UserDetail` (GET /users/{user_id}), DeleteUserRequest. Rules the SDK states: user_name required,
 * 1-20 characters without special characters and not starting with a digit (ListUsersRequest);
 * description 0-255 characters; active_type USER_ACTIVATE (default) or ADMIN_ACTIVATE, the latter with
 * an initial password; account_expires "0" (never) or yyyy-MM-ddTHH:mm:ssZ / yyyy-MM-ddTHH:mm:ss.SSSZ.
 * Names are unique per project; the emulator compares them in any letter case, as Windows accounts are.
 */

export interface WorkspaceUser {
	id: string;
	user_name: string;
	user_email: string;
	user_phone: string;
	active_type: 'USER_ACTIVATE' | 'ADMIN_ACTIVATE';
	/** "0" for never, else the date as sent. */
	account_expires: string;
	enable_change_password: boolean;
	next_login_change_password: boolean;
	description: string;
	alias_name: string;
	group_ids: string[];
	when_created: string;
	/** Addition: whether a password was set (the password itself is never kept). */
	has_password: boolean;
}

export type NewUser = Partial<Omit<WorkspaceUser, 'id' | 'when_created'>> & { user_name: string; id?: string };

const USER_NAME = /^[A-Za-z_-][A-Za-z0-9_-]{0,19}$/;
/** A practical address check (local part, @, a domain with a dot); Huawei names no pattern. */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const EXPIRES = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const ACTIVE_TYPES = ['USER_ACTIVATE', 'ADMIN_ACTIVATE'];

export function userNameProblem(name: unknown): string | undefined {
	if (typeof name !== 'string' || name === '') return 'user_name is required.';
	if (!USER_NAME.test(name)) {
		return `user_name "${name}" must be 1-20 letters, digits, "-" or "_", not starting with a digit.`;
	}
	return undefined;
}

export function emailProblem(email: unknown, field = 'user_email'): string | undefined {
	if (email === undefined) return undefined;
	if (typeof email !== 'string' || !EMAIL.test(email)) return `${field} ${JSON.stringify(email)} is not a valid email address.`;
	return undefined;
}

function optionalText(body: Record<string, unknown>, field: string, max?: number): string | undefined {
	const value = body[field];
	if (value === undefined) return undefined;
	if (typeof value !== 'string') return `${field} must be a string.`;
	if (max !== undefined && [...value].length > max) return `${field} is longer than ${max} characters.`;
	return undefined;
}

function optionalBoolean(body: Record<string, unknown>, field: string): string | undefined {
	const value = body[field];
	return value === undefined || typeof value === 'boolean' ? undefined : `${field} must be true or false.`;
}

/** Why a CreateUserRequest body is refused (400), or undefined. Uniqueness is the store's. */
export function createUserProblem(body: Record<string, unknown>): string | undefined {
	const activeType = body.active_type ?? 'USER_ACTIVATE';
	const problems = [
		userNameProblem(body.user_name),
		emailProblem(body.user_email),
		optionalText(body, 'user_phone', 32),
		optionalText(body, 'description', 255),
		optionalText(body, 'alias_name'),
		optionalText(body, 'domain'),
		optionalText(body, 'password'),
		optionalBoolean(body, 'enable_change_password'),
		optionalBoolean(body, 'next_login_change_password'),
		typeof activeType === 'string' && ACTIVE_TYPES.includes(activeType) ? undefined : 'active_type must be USER_ACTIVATE or ADMIN_ACTIVATE.',
		activeType === 'ADMIN_ACTIVATE' && (typeof body.password !== 'string' || body.password === '')
			? 'password is required when active_type is ADMIN_ACTIVATE.'
			: undefined,
		body.account_expires === undefined ||
		body.account_expires === '0' ||
		(typeof body.account_expires === 'string' && EXPIRES.test(body.account_expires))
			? undefined
			: 'account_expires must be "0" or a time like 2030-12-31T23:59:59Z.',
		body.group_ids === undefined || (Array.isArray(body.group_ids) && body.group_ids.every((id) => typeof id === 'string'))
			? undefined
			: 'group_ids must be a list of strings.',
	];
	return problems.find((problem) => problem !== undefined);
}

export class UserStore {
	private users = new Map<string, WorkspaceUser>();

	constructor(private readonly now: () => number) {}

	clear(): void {
		this.users.clear();
	}

	byName(name: string): WorkspaceUser | undefined {
		return [...this.users.values()].find((user) => user.user_name.toLowerCase() === name.toLowerCase());
	}

	get(id: string): WorkspaceUser | undefined {
		return this.users.get(id);
	}

	all(): WorkspaceUser[] {
		return [...this.users.values()];
	}

	add(user: NewUser): WorkspaceUser {
		if (this.byName(user.user_name)) throw new Error(`emulator: user ${user.user_name} already exists`);
		const created: WorkspaceUser = {
			id: user.id ?? randomUUID().replace(/-/g, ''),
			user_name: user.user_name,
			user_email: user.user_email ?? '',
			user_phone: user.user_phone ?? '',
			active_type: user.active_type ?? 'USER_ACTIVATE',
			account_expires: user.account_expires ?? '0',
			enable_change_password: user.enable_change_password ?? true,
			next_login_change_password: user.next_login_change_password ?? true,
			description: user.description ?? '',
			alias_name: user.alias_name ?? '',
			group_ids: user.group_ids ?? [],
			when_created: new Date(this.now()).toISOString(),
			has_password: user.has_password ?? false,
		};
		this.users.set(created.id, created);
		return { ...created };
	}

	remove(id: string): boolean {
		return this.users.delete(id);
	}

	removeByName(name: string): void {
		const user = this.byName(name);
		if (user) this.users.delete(user.id);
	}
}

/** account_expires as UserDetail has it: milliseconds (0 for never). */
function expiresMs(user: WorkspaceUser): number {
	return user.account_expires === '0' ? 0 : Date.parse(user.account_expires);
}

/** Whether the account has expired by `now`: User's account_expired, UserDetail's user_expired. */
function expiredBy(user: WorkspaceUser, now: number): boolean {
	const expires = expiresMs(user);
	return expires !== 0 && expires < now;
}

/** `User` (model_user.go), one entry of GET /users. */
export function userInfo(user: WorkspaceUser, totalDesktops: number, now: number): Record<string, unknown> {
	return {
		id: user.id,
		user_name: user.user_name,
		user_email: user.user_email,
		user_phone: user.user_phone,
		active_type: user.active_type,
		account_expires: user.account_expires,
		account_expired: expiredBy(user, now),
		enable_change_password: user.enable_change_password,
		next_login_change_password: user.next_login_change_password,
		description: user.description,
		locked: false,
		disabled: false,
		group_names: [],
		total_desktops: totalDesktops,
	};
}

/** `UserDetail` (model_user_detail.go), under `user_detail` in GET /users/{user_id}. */
export function userDetail(user: WorkspaceUser, totalDesktops: number, now: number): Record<string, unknown> {
	return {
		id: user.id,
		user_name: user.user_name,
		user_email: user.user_email,
		user_phone: user.user_phone,
		active_type: user.active_type,
		description: user.description,
		when_created: user.when_created,
		account_expires: expiresMs(user),
		user_expired: expiredBy(user, now),
		locked: false,
		disabled: false,
		enable_change_password: user.enable_change_password,
		next_login_change_password: user.next_login_change_password,
		group_names: [],
		total_desktops: totalDesktops,
	};
}
