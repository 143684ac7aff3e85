/**
 * The JSON field names (and JSON types) of the Workspace models in Huawei's Go SDK,
 * huaweicloud/huaweicloud-sdk-go-v3, services/workspace/v2/model/, typed out by hand from the
 * release of 2026-03 (after 0.1.184). Each entry names its Go file. This list is the reference the
 * emulator is held to; it does not come from the emulator and must not be derived from it.
 *
 * Types: 'string' | 'integer' | 'boolean' (Go enums are strings), `T[]` for a list, `map<T>` for an
 * object with free keys, or the name of another model here. Any field may also be null (the SDK
 * declares them as pointers) except where the Go field is not a pointer; that is not checked.
 */
export interface SdkModel {
	file: string;
	fields: Record<string, string>;
}

/** Fields ShowJobResponse and JobDetailInfo both have. */
const JOB_COMMON = { id: 'string', job_type: 'string', begin_time: 'string', end_time: 'string', status: 'string' } as const;

export const SDK_MODELS: Record<string, SdkModel> = {
	// ---- GET /desktops
	ListDesktopsResponse: {
		file: 'model_list_desktops_response.go',
		fields: { total_count: 'integer', desktops: 'SimpleDesktopInfo[]' },
	},
	SimpleDesktopInfo: {
		file: 'model_simple_desktop_info.go',
		fields: {
			domain_id: 'string',
			project_id: 'string',
			desktop_id: 'string',
			computer_name: 'string',
			os_host_name: 'string',
			created: 'string',
			ip_address: 'string',
			user_name: 'string',
			attach_user_infos: 'AttachInstancesUserInfo[]',
			user_group: 'string',
			sid: 'string',
			ou_name: 'string',
			enterprise_project_id: 'string',
			tags: 'Tag[]',
			in_maintenance_mode: 'boolean',
			share_resource_sku: 'string',
			desktop_type: 'string',
			desktop_detail_type: 'string',
			subnet_id: 'string',
			bill_resource_id: 'string',
			status: 'string',
			task_status: 'string',
			availability_zone: 'string',
			connect_status: 'string',
			pool_id: 'string',
		},
	},
	AttachInstancesUserInfo: {
		file: 'model_attach_instances_user_info.go',
		fields: { user_id: 'string', user_name: 'string', domain: 'string', user_group: 'string', type: 'string' },
	},
	Tag: {
		file: 'model_tag.go',
		fields: { key: 'string', value: 'string' },
	},

	// ---- GET /desktops/detail and GET /desktops/{desktop_id}
	ListDesktopsDetailResponse: {
		file: 'model_list_desktops_detail_response.go',
		fields: { desktops: 'DesktopDetailInfo[]', total_count: 'integer' },
	},
	ShowDesktopDetailResponse: {
		file: 'model_show_desktop_detail_response.go',
		fields: { desktop: 'DesktopDetailInfo' },
	},
	DesktopDetailInfo: {
		file: 'model_desktop_detail_info.go',
		fields: {
			desktop_id: 'string',
			computer_name: 'string',
			os_host_name: 'string',
			addresses: 'map<AddressInfo[]>',
			ip_addresses: 'string[]',
			ipv4: 'string',
			ipv6: 'string',
			user_list: 'string[]',
			user_group_list: 'string[]',
			desktop_type: 'string',
			metadata: 'map<string>',
			flavor: 'FlavorInfo',
			status: 'string',
			task_status: 'string',
			in_maintenance_mode: 'boolean',
			created: 'string',
			security_groups: 'SecurityGroupInfo[]',
			login_status: 'string',
			user_name: 'string',
			attach_user_infos: 'AttachInstancesUserInfo[]',
			product_id: 'string',
			share_resource_sku: 'string',
			root_volume: 'VolumeDetail',
			data_volumes: 'VolumeDetail[]',
			user_group: 'string',
			availability_zone: 'string',
			site_type: 'string',
			site_name: 'string',
			product: 'ProductInfo',
			ou_name: 'string',
			os_version: 'string',
			sid: 'string',
			order_id: 'string',
			tags: 'Tag[]',
			is_support_internet: 'boolean',
			internet_mode: 'string',
			internet_mode_list: 'string[]',
			is_attaching_eip: 'boolean',
			attach_state: 'string',
			enterprise_project_id: 'string',
			subnet_id: 'string',
			bill_resource_id: 'string',
			process: 'integer',
			root_resource_id: 'string',
			hour_package_info: 'HourPackageInfo',
			is_freeze: 'boolean',
		},
	},
	AddressInfo: {
		file: 'model_address_info.go',
		fields: { addr: 'string', version: 'string', 'OS-EXT-IPS-MAC:mac_addr': 'string', 'OS-EXT-IPS:type': 'string' },
	},
	FlavorInfo: {
		file: 'model_flavor_info.go',
		fields: { id: 'string', links: 'FlavorLinkInfo[]' },
	},
	FlavorLinkInfo: {
		file: 'model_flavor_link_info.go',
		fields: { rel: 'string', hrel: 'string' },
	},
	SecurityGroupInfo: {
		file: 'model_security_group_info.go',
		fields: { id: 'string', name: 'string' },
	},
	VolumeDetail: {
		file: 'model_volume_detail.go',
		fields: {
			kms_id: 'string',
			type: 'string',
			size: 'integer',
			iops: 'integer',
			throughput: 'integer',
			device: 'string',
			id: 'string',
			volume_id: 'string',
			bill_resource_id: 'string',
			desktop_pool_disk_id: 'string',
			create_time: 'string',
			display_name: 'string',
			resource_spec_code: 'string',
		},
	},
	ProductInfo: {
		file: 'model_product_info.go',
		fields: {
			product_id: 'string',
			flavor_id: 'string',
			type: 'string',
			cpu: 'string',
			memory: 'string',
			descriptions: 'string',
			charge_mode: 'string',
			architecture: 'string',
			is_gpu: 'boolean',
			package_type: 'string',
			system_disk_type: 'string',
			system_disk_size: 'string',
			contain_data_disk: 'boolean',
			resource_type: 'string',
			cloud_service_type: 'string',
			volume_product_type: 'string',
			status: 'string',
		},
	},
	HourPackageInfo: {
		file: 'model_hour_package_info.go',
		fields: {
			root_order_id: 'string',
			package_resource_id: 'string',
			package_instance_id: 'string',
			package_spec_code: 'string',
			combined_product_type_code: 'string',
			use_up_policy: 'string',
			package_duration: 'integer',
			use_duration: 'integer',
		},
	},

	// ---- tags of one desktop
	ShowTagByDesktopIdResponse: {
		file: 'model_show_tag_by_desktop_id_response.go',
		fields: { tags: 'Tag[]' },
	},
	CreateTagResponse: { file: 'model_create_tag_response.go', fields: {} },
	DeleteTagResponse: { file: 'model_delete_tag_response.go', fields: {} },
	BatchChangeTagsResponse: { file: 'model_batch_change_tags_response.go', fields: {} },
	DeleteDesktopResponse: { file: 'model_delete_desktop_response.go', fields: {} },

	// ---- project tags: the count is camelCase in this one model
	ListProjectTagsResponse: {
		file: 'model_list_project_tags_response.go',
		fields: { tags: 'Tags[]', totalCount: 'integer' },
	},
	Tags: {
		file: 'model_tags.go',
		fields: { key: 'string', values: 'string[]' },
	},

	// ---- tag-condition search, current and deprecated path
	ListDesktopsByTagsResponse: {
		file: 'model_list_desktops_by_tags_response.go',
		fields: { offset: 'integer', resources: 'TagResource[]', total_count: 'integer' },
	},
	ListDesktopByTagsResponse: {
		file: 'model_list_desktop_by_tags_response.go',
		fields: { offset: 'integer', resources: 'TagResource[]', total_count: 'integer' },
	},
	TagResource: {
		file: 'model_tag_resource.go',
		fields: { resource_detail: 'string', resource_id: 'string', resource_name: 'string', tags: 'Tag[]' },
	},

	// ---- tags of many desktops
	BatchAddDesktopsTagsResponse: { file: 'model_batch_add_desktops_tags_response.go', fields: {} },
	BatchDeleteDesktopsTagsResponse: { file: 'model_batch_delete_desktops_tags_response.go', fields: {} },
	// ---- power actions, log-off and jobs
	BatchRunDesktopsResponse: {
		file: 'model_batch_run_desktops_response.go',
		fields: { failed_operation_list: 'VmOperateResult[]', job_id: 'string' },
	},
	VmOperateResult: {
		file: 'model_vm_operate_result.go',
		fields: { desktop_id: 'string', desktop_name: 'string', error_code: 'string', error_msg: 'string' },
	},
	BatchLogoffDesktopsResponse: { file: 'model_batch_logoff_desktops_response.go', fields: {} },
	ShowJobResponse: {
		file: 'model_show_job_response.go',
		fields: { ...JOB_COMMON, job_error_code: 'string', fail_reason: 'string', sub_jobs_total: 'integer', sub_jobs: 'JobDetailInfo[]' },
	},
	JobDetailInfo: {
		file: 'model_job_detail_info.go',
		fields: {
			...JOB_COMMON,
			error_code: 'string',
			fail_reason: 'string',
			host: 'string',
			project_id: 'string',
			job_id: 'string',
			entities: 'JobEntities',
			process: 'integer',
		},
	},
	JobEntities: {
		file: 'model_job_entities.go',
		fields: { desktop_id: 'string', product_id: 'string', user_name: 'string', desktop_name: 'string', ip_address: 'string' },
	},

	// ---- POST /desktops
	CreateDesktopResponse: {
		file: 'model_create_desktop_response.go',
		fields: { job_id: 'string' },
	},

	// ---- GET /products and GET /images
	ListProductsResponse: {
		file: 'model_list_products_response.go',
		fields: { os_type: 'string', architecture: 'string', availability_zone: 'string', products: 'Product[]', total_count: 'integer' },
	},
	Product: {
		file: 'model_product.go',
		fields: {
			product_id: 'string',
			type: 'string',
			architecture: 'string',
			cpu: 'string',
			cpu_desc: 'string',
			memory: 'string',
			is_gpu: 'boolean',
			vram: 'string',
			system_disk_type: 'string',
			system_disk_size: 'string',
			data_disk_size: 'string',
			gpu_desc: 'string',
			bill_switch: 'string',
			descriptions: 'string',
			product_desc: 'map<string>',
			charge_mode: 'string',
			contain_data_disk: 'boolean',
			resource_type: 'string',
			cloud_service_type: 'string',
			volume_product_type: 'string',
			domain_ids: 'string[]',
			status: 'string',
			package_type: 'string',
			name: 'map<string>',
			share_space_size: 'integer',
		},
	},
	ListImagesResponse: {
		file: 'model_list_images_response.go',
		fields: { images: 'ImageInfo[]', total_count: 'integer' },
	},
	ImageInfo: {
		file: 'model_image_info.go',
		fields: {
			id: 'string',
			image_type: 'string',
			os_type: 'string',
			architecture: 'string',
			os_version: 'string',
			disk_format: 'string',
			name: 'string',
			min_ram: 'integer',
			min_disk: 'integer',
			product_code: 'string',
			created_at: 'string',
			kms_id: 'string',
		},
	},

	// ---- users
	CreateDesktopUserResponse: {
		file: 'model_create_desktop_user_response.go',
		fields: { id: 'string' },
	},
	ListUsersResponse: {
		file: 'model_list_users_response.go',
		fields: { total_count: 'integer', users: 'User[]' },
	},
	User: {
		file: 'model_user.go',
		fields: {
			id: 'string',
			sid: 'string',
			user_name: 'string',
			user_email: 'string',
			total_desktops: 'integer',
			user_phone: 'string',
			active_type: 'string',
			is_pre_user: 'boolean',
			account_expires: 'string',
			password_never_expired: 'boolean',
			account_expired: 'boolean',
			enable_change_password: 'boolean',
			next_login_change_password: 'boolean',
			description: 'string',
			locked: 'boolean',
			disabled: 'boolean',
			share_space_subscription: 'boolean',
			share_space_desktops: 'integer',
			group_names: 'string[]',
			enterprise_project_id: 'string',
			user_info_map: 'string',
			domain: 'string',
			certificate_status: 'boolean',
		},
	},
	ListUserDetailResponse: {
		file: 'model_list_user_detail_response.go',
		fields: { user_detail: 'UserDetail' },
	},
	UserDetail: {
		file: 'model_user_detail.go',
		fields: {
			description: 'string',
			id: 'string',
			user_name: 'string',
			user_email: 'string',
			user_phone: 'string',
			active_type: 'string',
			object_sid: 'string',
			sam_account_name: 'string',
			user_principal_name: 'string',
			full_name: 'string',
			distinguished_name: 'string',
			account_type: 'integer',
			when_created: 'string',
			account_expires: 'integer',
			is_pre_user: 'boolean',
			user_expired: 'boolean',
			locked: 'boolean',
			enable_change_password: 'boolean',
			password_never_expired: 'boolean',
			next_login_change_password: 'boolean',
			disabled: 'boolean',
			group_names: 'string[]',
			share_space_subscription: 'boolean',
			share_space_desktops: 'integer',
			total_desktops: 'integer',
		},
	},
	DeleteUserResponse: {
		file: 'model_delete_user_response.go',
		fields: {},
	},
};
