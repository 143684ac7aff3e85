import type { Desktop } from '../types';
import { publicTags } from './common';

/**
 * How a desktop looks in answers, per SDK model. Which fields each shape carries is declared in
 * `shapes.ts` and held against the SDK by test/unit/emulator/sdkShapes.test.ts; change both together.
 * Values that the emulator does not model per desktop are the same for every desktop.
 */
const AVAILABILITY_ZONE = 'ap-southeast-1a';
const SUBNET_ID = 'subnet-emulator-0001';
const ENTERPRISE_PROJECT_ID = '0';
const FLAVOR_ID = 's6.xlarge.2';
const OS_VERSION = '10';
const USER_GROUP = 'users';

/** AttachInstancesUserInfo (model_attach_instances_user_info.go); `user_group` is required there. */
function attachUserInfos(d: Desktop): Record<string, unknown>[] {
	return d.user_name ? [{ user_name: d.user_name, user_group: USER_GROUP, type: 'USER' }] : [];
}

/** SimpleDesktopInfo (model_simple_desktop_info.go): what GET /desktops answers per desktop. */
export function simpleDesktopInfo(d: Desktop, projectId: string): Record<string, unknown> {
	return {
		project_id: projectId,
		desktop_id: d.desktop_id,
		computer_name: d.computer_name,
		os_host_name: d.computer_name,
		created: d.created,
		// One string, unlike the detail's list; null for a desktop without an address.
		ip_address: d.ip_addresses[0] ?? null,
		user_name: d.user_name,
		attach_user_infos: attachUserInfos(d),
		user_group: USER_GROUP,
		enterprise_project_id: ENTERPRISE_PROJECT_ID,
		tags: publicTags(d.tags),
		in_maintenance_mode: false,
		desktop_type: 'DEDICATED',
		subnet_id: SUBNET_ID,
		status: d.status,
		task_status: d.task_status,
		availability_zone: AVAILABILITY_ZONE,
	};
}

/**
 * DesktopDetailInfo (model_desktop_detail_info.go): GET /desktops/detail per desktop, and
 * GET /desktops/{id} under `desktop`. The SDK says `security_groups` is only filled by the
 * single-desktop query, so the list leaves it out.
 */
export function desktopDetailInfo(d: Desktop, opts: { single: boolean }): Record<string, unknown> {
	const ips = d.ip_addresses;
	return {
		desktop_id: d.desktop_id,
		computer_name: d.computer_name,
		os_host_name: d.computer_name,
		// AddressInfo (model_address_info.go): `version` is a string there.
		addresses: ips.length ? { 'net-emulator': ips.map((addr) => ({ addr, version: '4', 'OS-EXT-IPS:type': 'fixed' })) } : {},
		ip_addresses: [...ips],
		ipv4: ips[0] ?? null,
		user_list: d.user_name ? [d.user_name] : [],
		desktop_type: 'DEDICATED',
		// The OS is only described here; DesktopDetailInfo has no top-level os_type.
		metadata: { 'metering.image_id': 'image-emulator-0001', os_type: 'Windows', os_bit: '64', desktop_os_version: OS_VERSION },
		flavor: { id: FLAVOR_ID },
		status: d.status,
		task_status: d.task_status,
		in_maintenance_mode: false,
		created: d.created,
		...(opts.single ? { security_groups: [{ id: 'sg-emulator-0001', name: 'WorkspaceUserSecurityGroup' }] } : {}),
		// A desktop registers once it runs; shut off it reads UNREGISTER (the model's enum).
		login_status: d.login_status ?? (d.status === 'ACTIVE' ? 'REGISTERED' : 'UNREGISTER'),
		user_name: d.user_name,
		attach_user_infos: attachUserInfos(d),
		product_id: d.product_id,
		root_volume: { type: 'SAS', size: 80, device: '/dev/vda' },
		data_volumes: [],
		user_group: USER_GROUP,
		availability_zone: AVAILABILITY_ZONE,
		site_type: 'CENTER',
		product: { product_id: d.product_id, flavor_id: FLAVOR_ID, type: 'BASE', cpu: '4', memory: '8192' },
		os_version: OS_VERSION,
		tags: publicTags(d.tags),
		attach_state: d.user_name ? 'ATTACHED' : 'UNATTACH',
		enterprise_project_id: ENTERPRISE_PROJECT_ID,
		subnet_id: SUBNET_ID,
	};
}
