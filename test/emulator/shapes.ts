import type { RouteName } from './types';

/**
 * What each Workspace route answers, named after the models of Huawei's Go SDK
 * (huaweicloud-sdk-go-v3, services/workspace/v2). This is the emulator's claim; the unit test
 * sdkShapes.test.ts holds real answers against it and against a hand-written list of the SDK's
 * field names (test/unit/emulator/sdkModels.ts), and INTERFACE.md shows the same table.
 */
export interface RouteShape {
	route: Exclude<RouteName, 'unknown' | 'iam.login'>;
	method: 'GET' | 'POST' | 'DELETE';
	/** After `/v2/{project_id}`. */
	path: string;
	/** The SDK's request model, and in brackets the body model where there is one. */
	request: string;
	response: string;
	/**
	 * The fields answered, for every SDK model reached from the response. Empty: the route answers
	 * 204 with no body (the SDK response model has no fields).
	 */
	answers: Record<string, readonly string[]>;
}

const TAG = ['key', 'value'] as const;
const ATTACHED_USER = ['user_name', 'user_group', 'type'] as const;

const SIMPLE_DESKTOP = [
	'project_id', 'desktop_id', 'computer_name', 'os_host_name', 'created', 'ip_address', 'user_name', 'attach_user_infos',
	'user_group', 'enterprise_project_id', 'tags', 'in_maintenance_mode', 'desktop_type', 'subnet_id', 'status', 'task_status',
	'availability_zone',
] as const;

const DESKTOP_DETAIL = [
	'desktop_id', 'computer_name', 'os_host_name', 'addresses', 'ip_addresses', 'ipv4', 'user_list', 'desktop_type', 'metadata',
	'flavor', 'status', 'task_status', 'in_maintenance_mode', 'created', 'login_status', 'user_name', 'attach_user_infos',
	'product_id', 'root_volume', 'data_volumes', 'user_group', 'availability_zone', 'site_type', 'product', 'os_version', 'tags',
	'attach_state', 'enterprise_project_id', 'subnet_id',
] as const;

/** Models nested in DesktopDetailInfo, the same for the list and the single desktop. */
const DETAIL_PARTS = {
	AddressInfo: ['addr', 'version', 'OS-EXT-IPS:type'],
	FlavorInfo: ['id'],
	AttachInstancesUserInfo: ATTACHED_USER,
	VolumeDetail: ['type', 'size', 'device'],
	ProductInfo: ['product_id', 'flavor_id', 'type', 'cpu', 'memory'],
	Tag: TAG,
} as const;

const SEARCH_ANSWER = { TagResource: ['resource_id', 'resource_name', 'resource_detail', 'tags'], Tag: TAG } as const;

export const ROUTE_SHAPES: readonly RouteShape[] = [
	{
		route: 'desktop.list',
		method: 'GET',
		path: '/desktops',
		request: 'ListDesktopsRequest',
		response: 'ListDesktopsResponse',
		answers: { ListDesktopsResponse: ['total_count', 'desktops'], SimpleDesktopInfo: SIMPLE_DESKTOP, AttachInstancesUserInfo: ATTACHED_USER, Tag: TAG },
	},
	{
		route: 'desktop.listDetail',
		method: 'GET',
		path: '/desktops/detail',
		request: 'ListDesktopsDetailRequest',
		response: 'ListDesktopsDetailResponse',
		answers: { ListDesktopsDetailResponse: ['desktops', 'total_count'], DesktopDetailInfo: DESKTOP_DETAIL, ...DETAIL_PARTS },
	},
	{
		route: 'desktop.show',
		method: 'GET',
		path: '/desktops/{desktop_id}',
		request: 'ShowDesktopDetailRequest',
		response: 'ShowDesktopDetailResponse',
		answers: {
			ShowDesktopDetailResponse: ['desktop'],
			DesktopDetailInfo: [...DESKTOP_DETAIL, 'security_groups'],
			SecurityGroupInfo: ['id', 'name'],
			...DETAIL_PARTS,
		},
	},
	{
		route: 'desktop.delete',
		method: 'DELETE',
		path: '/desktops/{desktop_id}',
		request: 'DeleteDesktopRequest',
		response: 'DeleteDesktopResponse',
		answers: {},
	},
	{
		route: 'tag.create',
		method: 'POST',
		path: '/desktops/{desktop_id}/tags',
		request: 'CreateTagRequest (CreateTagReq)',
		response: 'CreateTagResponse',
		answers: {},
	},
	{
		route: 'tag.list',
		method: 'GET',
		path: '/desktops/{desktop_id}/tags',
		request: 'ShowTagByDesktopIdRequest',
		response: 'ShowTagByDesktopIdResponse',
		answers: { ShowTagByDesktopIdResponse: ['tags'], Tag: TAG },
	},
	{
		route: 'tag.delete',
		method: 'DELETE',
		path: '/desktops/{desktop_id}/tags/{key}',
		request: 'DeleteTagRequest',
		response: 'DeleteTagResponse',
		answers: {},
	},
	{
		route: 'tag.batch',
		method: 'POST',
		path: '/desktops/{desktop_id}/tags/action',
		request: 'BatchChangeTagsRequest (TagsReq)',
		response: 'BatchChangeTagsResponse',
		answers: {},
	},
	{
		route: 'project.tags',
		method: 'GET',
		path: '/desktops/tags',
		request: 'ListProjectTagsRequest',
		response: 'ListProjectTagsResponse',
		answers: { ListProjectTagsResponse: ['tags', 'totalCount'], Tags: ['key', 'values'] },
	},
	{
		route: 'desktop.filter',
		method: 'POST',
		path: '/desktops/resource-instances/action',
		request: 'ListDesktopsByTagsRequest (QueryDesktopByTagReq)',
		response: 'ListDesktopsByTagsResponse',
		// action=count answers total_count alone.
		answers: { ListDesktopsByTagsResponse: ['offset', 'total_count', 'resources'], ...SEARCH_ANSWER },
	},
	{
		route: 'desktop.filterLegacy',
		method: 'POST',
		path: '/desktops/resource_instances/action',
		request: 'ListDesktopByTagsRequest (QueryDesktopByTagReq)',
		response: 'ListDesktopByTagsResponse',
		answers: { ListDesktopByTagsResponse: ['offset', 'total_count', 'resources'], ...SEARCH_ANSWER },
	},
	{
		route: 'desktop.batchTags',
		method: 'POST',
		path: '/desktops/batch-tags',
		request: 'BatchAddDesktopsTagsRequest (BatchAddDesktopsTagsReq)',
		response: 'BatchAddDesktopsTagsResponse',
		answers: {},
	},
	{
		route: 'desktop.batchUntags',
		method: 'DELETE',
		path: '/desktops/batch-tags',
		request: 'BatchDeleteDesktopsTagsRequest (BatchDeleteDesktopsTagsReq)',
		response: 'BatchDeleteDesktopsTagsResponse',
		answers: {},
	},
	{
		route: 'desktop.action',
		method: 'POST',
		path: '/desktops/action',
		request: 'BatchRunDesktopsRequest (BatchActionDesktopsReq)',
		response: 'BatchRunDesktopsResponse',
		answers: {
			BatchRunDesktopsResponse: ['failed_operation_list', 'job_id'],
			VmOperateResult: ['desktop_id', 'desktop_name', 'error_code', 'error_msg'],
		},
	},
	{
		route: 'desktop.logoff',
		method: 'POST',
		path: '/desktops/logoff',
		request: 'BatchLogoffDesktopsRequest (LogoffDesktopsReq)',
		response: 'BatchLogoffDesktopsResponse',
		answers: {},
	},
	{
		route: 'job.show',
		method: 'GET',
		path: '/workspace-jobs/{job_id}',
		request: 'ShowJobRequest',
		response: 'ShowJobResponse',
		answers: {
			ShowJobResponse: ['id', 'job_type', 'begin_time', 'end_time', 'status', 'job_error_code', 'fail_reason', 'sub_jobs_total', 'sub_jobs'],
			JobDetailInfo: [
				'id', 'job_type', 'begin_time', 'end_time', 'status', 'error_code', 'fail_reason', 'host', 'project_id', 'job_id',
				'entities', 'process',
			],
			JobEntities: ['desktop_id', 'product_id', 'user_name', 'desktop_name', 'ip_address'],
		},
	},
	{
		route: 'desktop.create',
		method: 'POST',
		path: '/desktops',
		request: 'CreateDesktopRequest (CreateDesktopReq)',
		response: 'CreateDesktopResponse',
		answers: { CreateDesktopResponse: ['job_id'] },
	},
	{
		route: 'product.list',
		method: 'GET',
		path: '/products',
		request: 'ListProductsRequest',
		response: 'ListProductsResponse',
		answers: {
			ListProductsResponse: ['products', 'total_count'],
			Product: [
				'product_id', 'type', 'architecture', 'cpu', 'memory', 'is_gpu', 'system_disk_type', 'system_disk_size', 'descriptions',
				'charge_mode', 'package_type', 'status',
			],
		},
	},
	{
		route: 'image.list',
		method: 'GET',
		path: '/images',
		request: 'ListImagesRequest',
		response: 'ListImagesResponse',
		answers: {
			ListImagesResponse: ['images', 'total_count'],
			ImageInfo: ['id', 'image_type', 'os_type', 'architecture', 'os_version', 'name', 'min_disk', 'min_ram', 'disk_format', 'created_at'],
		},
	},
	{
		route: 'user.create',
		method: 'POST',
		path: '/users',
		request: 'CreateDesktopUserRequest (CreateUserRequest)',
		response: 'CreateDesktopUserResponse',
		answers: { CreateDesktopUserResponse: ['id'] },
	},
	{
		route: 'user.list',
		method: 'GET',
		path: '/users',
		request: 'ListUsersRequest',
		response: 'ListUsersResponse',
		answers: {
			ListUsersResponse: ['total_count', 'users'],
			User: [
				'id', 'user_name', 'user_email', 'user_phone', 'active_type', 'account_expires', 'account_expired', 'enable_change_password',
				'next_login_change_password', 'description', 'locked', 'disabled', 'group_names', 'total_desktops',
			],
		},
	},
	{
		route: 'user.show',
		method: 'GET',
		path: '/users/{user_id}',
		request: 'ListUserDetailRequest',
		response: 'ListUserDetailResponse',
		answers: {
			ListUserDetailResponse: ['user_detail'],
			UserDetail: [
				'id', 'user_name', 'user_email', 'user_phone', 'active_type', 'description', 'when_created', 'account_expires', 'user_expired',
				'locked', 'disabled', 'enable_change_password', 'next_login_change_password', 'group_names', 'total_desktops',
			],
		},
	},
	{
		route: 'user.delete',
		method: 'DELETE',
		path: '/users/{user_id}',
		request: 'DeleteUserRequest',
		response: 'DeleteUserResponse',
		answers: {},
	},
];
