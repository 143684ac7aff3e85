import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	DATA_VOLUME_MIN_GB,
	DESKTOP_NAME_PREFIX_MAX,
	desktopNameLength,
	InputError,
	ROOT_VOLUME_MIN_GB,
	validateComputerName,
	validateIdentifier,
	validateEmail,
	validateIdList,
	validateTagList,
	validateUserName,
	validateVolumeSize,
	validateVolumeType,
} from '../../shared/validation';
import { readFlag, readTimeoutMs } from './batchAction';
import { DEFAULT_CREATE_TIMEOUT_MINUTES } from './createFields';

/** One input item of Desktop > Create, checked: what it shares with others, and its own desktop. */
export interface CreateItem {
	itemIndex: number;
	/** The CreateDesktopReq without `desktops`: items with equal ones may go in one request. */
	shared: IDataObject;
	/** Its entry of `desktops` (the SDK's `Desktop`). */
	entry: { user_name: string; user_email?: string; computer_name?: string };
	/** Wait for Completion's timeout, when the item waits. */
	waitMs?: number;
}

function oneOf(value: unknown, field: string, allowed: string[]): string {
	if (typeof value !== 'string' || !allowed.includes(value)) {
		throw new InputError(field, `${field} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`);
	}
	return value;
}

function dataVolumes(value: unknown): IDataObject[] {
	const list = (value as { volume?: unknown } | undefined)?.volume;
	if (list === undefined) return [];
	if (!Array.isArray(list)) throw new InputError('Data Volumes', 'Data Volumes must be a list of volumes');
	return list.map((volume: IDataObject, index) => ({
		type: validateVolumeType(volume?.type, `Data Volume ${index + 1} Type`),
		size: validateVolumeSize(volume?.size, `Data Volume ${index + 1} Size (GB)`, DATA_VOLUME_MIN_GB),
	}));
}

/** Reads and checks one item: every rule Huawei's SDK states, before anything is sent. */
export function readCreateItem(context: IExecuteFunctions, itemIndex: number): CreateItem {
	const parameter = (name: string, fallback?: unknown) => context.getNodeParameter(name, itemIndex, fallback);
	const extract = (name: string) => context.getNodeParameter(name, itemIndex, undefined, { extractValue: true });
	const productId = validateIdentifier(extract('productId'), 'Product', 'workspace.x86.ultimate.large2');
	const imageId = validateIdentifier(extract('imageId'), 'Image', 'a6b1f2c3-0000-4000-8000-00000000w10a');
	const shared: IDataObject = {
		desktop_type: oneOf(parameter('desktopType', 'DEDICATED'), 'Desktop Type', ['DEDICATED', 'SHARED']),
		product_id: productId,
		image_type: oneOf(parameter('imageType', 'gold'), 'Image Type', ['gold', 'private']),
		image_id: imageId,
		root_volume: {
			type: validateVolumeType(parameter('rootVolumeType', 'SAS'), 'Root Volume Type'),
			size: validateVolumeSize(parameter('rootVolumeSize', ROOT_VOLUME_MIN_GB), 'Root Volume Size (GB)', ROOT_VOLUME_MIN_GB),
		},
	};
	const entry: CreateItem['entry'] = { user_name: validateUserName(parameter('userName', '')) };
	const email = validateEmail(parameter('userEmail', ''), 'User Email', false);
	if (email) entry.user_email = email;
	const tags = validateTagList((parameter('tags', {}) as IDataObject | undefined)?.tag, 'write', 'Tags');
	if (tags.length > 0) shared.tags = tags;

	const options = (parameter('options', {}) as IDataObject | undefined) ?? {};
	if (options.computerName !== undefined) entry.computer_name = validateComputerName(options.computerName, 'Computer Name');
	if (options.desktopName !== undefined) shared.desktop_name = validateComputerName(options.desktopName, 'Desktop Name');
	if (options.availabilityZone !== undefined && options.availabilityZone !== '') {
		shared.availability_zone = validateIdentifier(options.availabilityZone, 'Availability Zone', 'ap-southeast-1a');
	}
	const volumes = dataVolumes(options.dataVolumes);
	if (volumes.length > 0) shared.data_volumes = volumes;
	const subnets = validateIdList(options.subnetIds, 'Subnet IDs');
	if (subnets.length > 0) shared.nics = subnets.map((id) => ({ subnet_id: id }));
	const groups = validateIdList(options.securityGroupIds, 'Security Group IDs');
	if (groups.length > 0) shared.security_groups = groups.map((id) => ({ id }));
	if (options.emailNotification !== undefined) shared.email_notification = readFlag(options, 'emailNotification', 'Email Notification');
	// Wait for Completion is on unless turned off: an item must not end before its desktop exists.
	const wait = options.waitForCompletion === undefined || readFlag(options, 'waitForCompletion', 'Wait for Completion');
	const timeoutMs = readTimeoutMs(options.timeout ?? DEFAULT_CREATE_TIMEOUT_MINUTES);
	return { itemIndex, shared, entry, waitMs: wait ? timeoutMs : undefined };
}

/** A desktop name is the name of a lone desktop, or a prefix (at most 13) of several. */
export function fitsPrefix(shared: IDataObject): boolean {
	return typeof shared.desktop_name !== 'string' || desktopNameLength(shared.desktop_name) <= DESKTOP_NAME_PREFIX_MAX;
}
