import { randomUUID } from 'crypto';

import type { CatalogueImage, CatalogueProduct } from './catalogue';
import type { Tag } from './types';
import { emailProblem } from './users';

/**
 * Desktop creation, written from Huawei's SDK: POST /desktops (CreateDesktopRequest, body
 * CreateDesktopReq) answers CreateDesktopResponse { job_id }. CreateDesktopReq: desktop_type
 * DEDICATED | SHARED, product_id, image_type (gold | private) and image_id, root_volume (`Volume`:
 * type SAS | SSD | GPSSD, size 80-32760 in multiples of 10; data volumes 10-32760), optional
 * data_volumes, nics (`Nic` { subnet_id }), security_groups (`SecurityGroup` { id }), desktops
 * (`Desktop`, 1-100 entries: user_name, user_email, computer_name...), desktop_name (1-15
 * characters for one desktop, a prefix of 1-13 for several), email_notification, tags (`Tag`),
 * availability_zone. `Desktop.user_name`: letters, digits, "-" and "_", starting with a letter, 1-20
 * (the Windows / LITE_AD rule); `computer_name`: letters, Chinese characters, digits and "-", starting
 * with a letter or digit, not ending with "-", 1-15 with a Chinese character counting 2; unique.
 */

export const VOLUME_TYPES = ['SAS', 'SSD', 'GPSSD'];
export const MAX_DESKTOPS_PER_REQUEST = 100;

const USER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,19}$/;
const COMPUTER_NAME = /^[A-Za-z0-9\u4e00-\u9fff](?:[A-Za-z0-9\u4e00-\u9fff-]*[A-Za-z0-9\u4e00-\u9fff])?$/;
const DESKTOP_NAME = /^[A-Za-z0-9\u4e00-\u9fff-]+$/;

/** A Chinese character counts 2, as the SDK's rule for computer names says. */
export function nameLength(name: string): number {
	return [...name].reduce((n, c) => n + (/[\u4e00-\u9fff]/.test(c) ? 2 : 1), 0);
}

export interface CreationEntry {
	user_name: string;
	user_email?: string;
	computer_name?: string;
}

/** A checked CreateDesktopReq: what the emulator keeps of it. */
export interface CreationRequest {
	desktopType: string;
	product: CatalogueProduct;
	image: CatalogueImage;
	desktops: CreationEntry[];
	desktopName?: string;
	tags: Tag[];
	availabilityZone?: string;
}

type Check<T> = { ok: true; value: T } | { ok: false; problem: string };

function volumeProblem(value: unknown, where: string, min: number): string | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${where} must be an object with type and size.`;
	const { type, size } = value as Record<string, unknown>;
	if (typeof type !== 'string' || !VOLUME_TYPES.includes(type)) return `${where}.type must be one of ${VOLUME_TYPES.join(', ')}.`;
	if (typeof size !== 'number' || !Number.isInteger(size) || size < min || size > 32760 || size % 10 !== 0) {
		return `${where}.size must be a multiple of 10 between ${min} and 32760 (GB), got ${JSON.stringify(size)}.`;
	}
	return undefined;
}

function listOfIds(value: unknown, where: string, field: string): string | undefined {
	if (value === undefined) return undefined;
	if (!Array.isArray(value) || value.length === 0) return `${where} must be a non-empty list.`;
	for (const [i, entry] of value.entries()) {
		const id = (entry as Record<string, unknown> | null)?.[field];
		if (typeof id !== 'string' || id === '') return `${where}[${i}].${field} is required.`;
	}
	return undefined;
}

function entryProblem(entry: unknown, i: number): string | undefined {
	const where = `desktops[${i}]`;
	if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return `${where} must be an object.`;
	const { user_name: userName, user_email: email, computer_name: computerName } = entry as Record<string, unknown>;
	if (typeof userName !== 'string' || !USER_NAME.test(userName)) {
		return `${where}.user_name ${JSON.stringify(userName)} must be 1-20 letters, digits, "-" or "_", starting with a letter.`;
	}
	const mail = emailProblem(email, `${where}.user_email`);
	if (mail) return mail;
	if (computerName !== undefined) {
		if (typeof computerName !== 'string' || !COMPUTER_NAME.test(computerName) || nameLength(computerName) > 15) {
			return `${where}.computer_name ${JSON.stringify(computerName)} must be 1-15 letters, digits or "-", start with a letter or digit and not end with "-".`;
		}
	}
	return undefined;
}

/**
 * Why the body is refused (400), or what it asks for. Tags are checked by the caller with the
 * emulator's tag rule; quota and name clashes with existing desktops by the state.
 */
export function checkCreation(
	body: Record<string, unknown>,
	products: readonly CatalogueProduct[],
	images: readonly CatalogueImage[],
): Check<Omit<CreationRequest, 'tags'>> {
	const fail = (problem: string): Check<never> => ({ ok: false, problem });
	if (body.desktop_type !== 'DEDICATED' && body.desktop_type !== 'SHARED') return fail('desktop_type must be DEDICATED or SHARED.');
	if (typeof body.product_id !== 'string' || body.product_id === '') return fail('product_id is required.');
	const product = products.find((p) => p.product_id === body.product_id);
	if (!product) return fail(`product_id ${body.product_id} is not a product of this region.`);
	if (body.image_type !== 'gold' && body.image_type !== 'private') return fail('image_type must be gold or private.');
	if (typeof body.image_id !== 'string' || body.image_id === '') return fail('image_id is required.');
	const image = images.find((i) => i.id === body.image_id);
	if (!image) return fail(`image_id ${body.image_id} does not exist.`);
	if (image.image_type !== body.image_type) return fail(`image ${image.id} is a ${image.image_type} image, not ${body.image_type}.`);
	if (body.root_volume === undefined) return fail('root_volume is required.');
	const root = volumeProblem(body.root_volume, 'root_volume', 80);
	if (root) return fail(root);
	if (body.data_volumes !== undefined) {
		if (!Array.isArray(body.data_volumes)) return fail('data_volumes must be a list.');
		for (const [i, volume] of body.data_volumes.entries()) {
			const problem = volumeProblem(volume, `data_volumes[${i}]`, 10);
			if (problem) return fail(problem);
		}
	}
	const nics = listOfIds(body.nics, 'nics', 'subnet_id') ?? listOfIds(body.security_groups, 'security_groups', 'id');
	if (nics) return fail(nics);
	if (!Array.isArray(body.desktops) || body.desktops.length === 0) return fail('desktops must list 1 to 100 desktops.');
	if (body.desktops.length > MAX_DESKTOPS_PER_REQUEST) return fail(`desktops has ${body.desktops.length} entries; at most 100 are allowed.`);
	for (const [i, entry] of body.desktops.entries()) {
		const problem = entryProblem(entry, i);
		if (problem) return fail(problem);
	}
	const desktops = body.desktops as CreationEntry[];
	const names = desktops.map((d) => d.computer_name?.toLowerCase()).filter((n): n is string => n !== undefined);
	if (new Set(names).size !== names.length) return fail('computer_name must be unique within the request.');
	if (body.desktop_name !== undefined) {
		const max = desktops.length === 1 ? 15 : 13;
		if (typeof body.desktop_name !== 'string' || !DESKTOP_NAME.test(body.desktop_name) || nameLength(body.desktop_name) > max) {
			return fail(`desktop_name must be 1-${max} letters, digits or "-" for ${desktops.length === 1 ? 'one desktop' : 'several desktops (a prefix)'}.`);
		}
	}
	if (body.email_notification !== undefined && typeof body.email_notification !== 'boolean') return fail('email_notification must be true or false.');
	if (body.availability_zone !== undefined && typeof body.availability_zone !== 'string') return fail('availability_zone must be a string.');
	return {
		ok: true,
		value: {
			desktopType: body.desktop_type,
			product,
			image,
			desktops,
			desktopName: typeof body.desktop_name === 'string' ? body.desktop_name : undefined,
			availabilityZone: typeof body.availability_zone === 'string' ? body.availability_zone : undefined,
		},
	};
}

/** A desktop being created: added to the state when its sub job ends well. */
export interface PendingCreation {
	desktopId: string;
	computerName: string;
	userName: string;
	productId: string;
	tags: Tag[];
	until: number;
	/** Why it fails, when it is to fail. */
	failReason?: string;
	settled: boolean;
}

/** Computer names Huawei would make up when none is given: the prefix (or "wks") and a counter. */
export function generatedName(prefix: string | undefined, counter: number): string {
	const base = (prefix ?? 'wks').slice(0, 9);
	return `${base}-${String(counter).padStart(4, '0')}`.slice(0, 15);
}

export function newDesktopId(): string {
	return randomUUID();
}
