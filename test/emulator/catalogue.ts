/**
 * The products and images catalogues (GET /products: ListProductsRequest -> ListProductsResponse of
 * `Product`; GET /images: ListImagesRequest -> ListImagesResponse of `ImageInfo`), with a few entries
 * shaped like Huawei's public ones. `os_type` is not a field of `Product`: the SDK has it only as a
 * filter of the request, so the emulator keeps it beside each product and never answers it.
 */

export interface CatalogueProduct {
	product_id: string;
	type: string;
	architecture: string;
	cpu: string;
	memory: string;
	is_gpu: boolean;
	system_disk_type: string;
	system_disk_size: string;
	descriptions: string;
	charge_mode: string;
	package_type: string;
	status: string;
	/** Filter only; not answered. */
	os_type: string;
}

export interface CatalogueImage {
	id: string;
	image_type: 'gold' | 'private';
	os_type: string;
	architecture: string;
	os_version: string;
	name: string;
	min_disk: number;
	min_ram: number;
	disk_format: string;
	created_at: string;
}

function product(id: string, cpu: string, memory: string, descriptions: string, osType: string, packageType: string): CatalogueProduct {
	return {
		product_id: id,
		type: 'BASE',
		architecture: 'x86',
		cpu,
		memory,
		is_gpu: false,
		system_disk_type: 'SAS',
		system_disk_size: '80',
		descriptions,
		charge_mode: '1',
		package_type: packageType,
		status: 'normal',
		os_type: osType,
	};
}

export const SEED_PRODUCTS: readonly CatalogueProduct[] = [
	product('workspace.x86.general.xlarge2', '2', '4', 'General office, 2 vCPUs, 4 GiB memory', 'Windows', 'general'),
	product('workspace.x86.ultimate.large2', '2', '8', 'Ultimate, 2 vCPUs, 8 GiB memory', 'Windows', 'ultimate'),
	product('workspace.x86.enterprise.xlarge4', '4', '16', 'Enterprise, 4 vCPUs, 16 GiB memory', 'Windows', 'enterprise'),
	product('workspace.x86.ultimate.large2.linux', '2', '8', 'Ultimate, 2 vCPUs, 8 GiB memory (Linux)', 'Linux', 'ultimate'),
];

export const SEED_IMAGES: readonly CatalogueImage[] = [
	{
		id: 'a6b1f2c3-0000-4000-8000-00000000w10a',
		image_type: 'gold',
		os_type: 'Windows',
		architecture: 'x86',
		os_version: 'Windows 10 Enterprise 22H2',
		name: 'Workspace_Win10_64bit_22H2',
		min_disk: 80,
		min_ram: 4096,
		disk_format: 'zvhd2',
		created_at: '2025-06-01T08:00:00Z',
	},
	{
		id: 'a6b1f2c3-0000-4000-8000-00000000w11a',
		image_type: 'gold',
		os_type: 'Windows',
		architecture: 'x86',
		os_version: 'Windows 11 Enterprise 23H2',
		name: 'Workspace_Win11_64bit_23H2',
		min_disk: 80,
		min_ram: 4096,
		disk_format: 'zvhd2',
		created_at: '2025-09-01T08:00:00Z',
	},
	{
		id: 'a6b1f2c3-0000-4000-8000-0000000ubu22',
		image_type: 'gold',
		os_type: 'Linux',
		architecture: 'x86',
		os_version: 'Ubuntu 22.04',
		name: 'Workspace_Ubuntu_22.04',
		min_disk: 80,
		min_ram: 4096,
		disk_format: 'zvhd2',
		created_at: '2025-03-01T08:00:00Z',
	},
	{
		id: 'b7c2d3e4-0000-4000-8000-0000000corp1',
		image_type: 'private',
		os_type: 'Windows',
		architecture: 'x86',
		os_version: 'Windows 10 Enterprise 22H2',
		name: 'corp-win10-office',
		min_disk: 100,
		min_ram: 4096,
		disk_format: 'zvhd2',
		created_at: '2025-10-15T08:00:00Z',
	},
];

/** `Product` (model_product.go) as answered. */
export function productInfo(p: CatalogueProduct): Record<string, unknown> {
	const answered: Record<string, unknown> = { ...p };
	delete answered.os_type;
	return answered;
}

/** `ImageInfo` (model_image_info.go) as answered. */
export function imageInfo(i: CatalogueImage): Record<string, unknown> {
	return { ...i };
}
