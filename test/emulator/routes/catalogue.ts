import { queryParam } from '../http/rawTarget';
import { imageInfo, productInfo } from '../catalogue';
import { intParam } from '../validation/query';
import type { Handler } from './context';

/**
 * GET /products (ListProductsRequest -> ListProductsResponse { products: Product[], total_count }):
 * limit 0-100 (default 100), offset; filters availability_zone (every product is sold in every zone
 * here), os_type, charge_mode, architecture, product_id (exact).
 */
export const listProducts: Handler = ({ query, state }) => {
	const offset = intParam(queryParam(query, 'offset'), 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
	if (!offset.ok) return offset.reply;
	const limit = intParam(queryParam(query, 'limit'), 'limit', 100, 0, 100);
	if (!limit.ok) return limit.reply;
	const filters = ['os_type', 'charge_mode', 'architecture', 'product_id'] as const;
	const matches = state.products.filter((p) =>
		filters.every((f) => {
			const wanted = queryParam(query, f);
			return wanted === undefined || p[f].toLowerCase() === wanted.toLowerCase();
		}),
	);
	return {
		status: 200,
		body: { products: matches.slice(offset.value, offset.value + limit.value).map(productInfo), total_count: matches.length },
	};
};

/**
 * GET /images (ListImagesRequest -> ListImagesResponse { images: ImageInfo[], total_count }): limit
 * 0-100 (default 100), offset; filters image_type (gold | private), os_type, architecture, image_id;
 * sorted by name.
 */
export const listImages: Handler = ({ query, state }) => {
	const offset = intParam(queryParam(query, 'offset'), 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
	if (!offset.ok) return offset.reply;
	const limit = intParam(queryParam(query, 'limit'), 'limit', 100, 0, 100);
	if (!limit.ok) return limit.reply;
	const filters = { image_type: 'image_type', os_type: 'os_type', architecture: 'architecture', image_id: 'id' } as const;
	const matches = state.images
		.filter((i) =>
			Object.entries(filters).every(([param, field]) => {
				const wanted = queryParam(query, param);
				return wanted === undefined || String(i[field]).toLowerCase() === wanted.toLowerCase();
			}),
		)
		.sort((a, b) => a.name.localeCompare(b.name));
	return {
		status: 200,
		body: { images: matches.slice(offset.value, offset.value + limit.value).map(imageInfo), total_count: matches.length },
	};
};
