import { randomUUID } from 'crypto';
import { SEED_IMAGES, SEED_PRODUCTS } from './catalogue';
import type { PendingCreation } from './creation';
import { PowerModel } from './power';
import { SEED_DESKTOPS, SEED_USERS } from './seed';
import type { Desktop, NewDesktop, Tag } from './types';
import { UserStore } from './users';

/** The Workspace side of the world: desktops and what happened to them. */
export class WorkspaceState {
	/** Insertion order is the listing order, which keeps paging tests deterministic. */
	private desktops = new Map<string, Desktop>();
	deletedDesktops: { desktop_id: string; query: Record<string, string> }[] = [];
	private createdCounter = 0;

	readonly power: PowerModel;
	/** Addition: every log-off, in order, with its message. */
	logoffs: { desktop_id: string; message?: string }[] = [];
	readonly users: UserStore;
	readonly products = SEED_PRODUCTS;
	readonly images = SEED_IMAGES;
	/** Desktops being created (POST /desktops), in request order; they join the desktops when their time has come. */
	readonly creations: PendingCreation[] = [];
	/** How long a creation takes (emulator clock). */
	creationMs: number;
	/** Desktops the project may hold, those being created included. */
	desktopQuota: number;
	/** User name (lower case) -> why the next desktop created for that user fails. */
	readonly creationFailures = new Map<string, string>();
	private generatedNames = 0;

	constructor(
		readonly maxTagsPerDesktop: number,
		private readonly now: () => number = () => Date.now(),
		private readonly powerTransitionMs = 50,
		private readonly initialCreationMs = 50,
		private readonly initialDesktopQuota = 200,
	) {
		this.power = new PowerModel(now);
		this.users = new UserStore(now);
		this.creationMs = initialCreationMs;
		this.desktopQuota = initialDesktopQuota;
	}

	reset(seed: boolean): void {
		this.users.clear();
		this.creations.length = 0;
		this.creationFailures.clear();
		this.creationMs = this.initialCreationMs;
		this.desktopQuota = this.initialDesktopQuota;
		this.generatedNames = 0;
		this.desktops.clear();
		this.power.reset(this.powerTransitionMs);
		this.logoffs.length = 0;
		this.deletedDesktops.length = 0;
		this.createdCounter = 0;
		if (!seed) return;
		for (const d of SEED_DESKTOPS) this.add(d);
		for (const u of SEED_USERS) this.users.add(u);
	}

	add(d: NewDesktop): Desktop {
		const id = d.desktop_id ?? randomUUID();
		if (this.desktops.has(id)) throw new Error(`emulator: desktop ${id} already exists`);
		// Distinct creation times, one second apart, so ordering by `created` is meaningful.
		const created = new Date(Date.UTC(2024, 0, 1) + this.createdCounter++ * 1000).toISOString().replace('.000Z', 'Z');
		const desktop: Desktop = {
			desktop_id: id,
			computer_name: d.computer_name,
			user_name: d.user_name ?? '',
			status: d.status ?? 'ACTIVE',
			tags: (d.tags ?? []).map((t) => ({ key: t.key, value: t.value ?? '' })),
			sys_tags: [],
			busy: d.busy ?? false,
			created,
			product_id: d.product_id ?? 'workspace.x86.ultimate.large2',
			ip_addresses: d.ip_addresses ?? [],
			task_status: d.task_status ?? '',
			...(d.login_status ? { login_status: d.login_status } : {}),
		};
		this.desktops.set(id, desktop);
		return clone(desktop);
	}

	/** Creations whose time has come: a desktop joins (ACTIVE, its user, its tags), or nothing does when it fails. */
	settleCreations(): void {
		const now = this.now();
		for (const creation of this.creations) {
			if (creation.settled || now < creation.until) continue;
			creation.settled = true;
			if (creation.failReason !== undefined) continue;
			this.add({
				desktop_id: creation.desktopId,
				computer_name: creation.computerName,
				user_name: creation.userName,
				status: 'ACTIVE',
				tags: creation.tags,
				product_id: creation.productId,
				ip_addresses: [`192.168.10.${(this.desktops.size % 250) + 2}`],
			});
		}
	}

	/** Desktops that exist or are being created: what the quota counts. */
	desktopsCounted(): number {
		this.settleCreations();
		return this.desktops.size + this.creations.filter((c) => !c.settled).length;
	}

	/** Whether a computer name is taken, by a desktop or by one being created (any letter case). */
	computerNameTaken(name: string): boolean {
		const lower = name.toLowerCase();
		this.settleCreations();
		return (
			[...this.desktops.values()].some((d) => d.computer_name.toLowerCase() === lower) ||
			this.creations.some((c) => !c.settled && c.computerName.toLowerCase() === lower)
		);
	}

	nextGeneratedName(): number {
		return ++this.generatedNames;
	}

	/** Live object: only route handlers mutate through it. */
	get(id: string): Desktop | undefined {
		this.settleCreations();
		const d = this.desktops.get(id);
		if (d) this.power.settle(d);
		return d;
	}

	snapshot(id: string): Desktop | undefined {
		const d = this.get(id);
		return d ? clone(d) : undefined;
	}

	all(): Desktop[] {
		this.settleCreations();
		const list = [...this.desktops.values()];
		for (const d of list) this.power.settle(d);
		return list;
	}

	update(id: string, patch: Partial<Omit<Desktop, 'desktop_id'>>): Desktop {
		const d = this.desktops.get(id);
		if (!d) throw new Error(`emulator: no desktop ${id}`);
		Object.assign(d, clone(patch));
		return clone(d);
	}

	remove(id: string, query: Record<string, string>): void {
		this.desktops.delete(id);
		this.deletedDesktops.push({ desktop_id: id, query });
	}
}

/** Same key overwrites in place, keeping the tag's position as Huawei lists it. */
export function upsertTag(tags: Tag[], tag: Tag): void {
	const existing = tags.find((t) => t.key === tag.key);
	if (existing) existing.value = tag.value;
	else tags.push({ key: tag.key, value: tag.value });
}

export function removeTag(tags: Tag[], key: string): void {
	const i = tags.findIndex((t) => t.key === key);
	if (i !== -1) tags.splice(i, 1);
}

export function clone<T>(v: T): T {
	return JSON.parse(JSON.stringify(v)) as T;
}
