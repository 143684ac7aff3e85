import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { type ClientState, WorkspaceClient } from '../transport/client';

/** ListProductsRequest: limit 0-100. */
const PAGE_SIZE = 100;

function productName(product: IDataObject): string {
	const id = String(product.product_id);
	const size = `${String(product.cpu ?? '?')} vCPUs, ${String(product.memory ?? '?')} GB`;
	const description = typeof product.descriptions === 'string' && product.descriptions !== '' ? ` - ${product.descriptions}` : '';
	return `${id} (${size})${description}`;
}

/**
 * The "From List" mode of the Product picker: GET /products a page at a time, each shown with its
 * CPU, memory and description. Huawei's API has no text filter, so the search text is matched here
 * against the ID and the description (any letter case).
 */
export function searchProducts(state: ClientState) {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const offset = /^\d+$/.test(paginationToken ?? '') ? Number(paginationToken) : 0;
		const client = await WorkspaceClient.forPicker(state, this);
		const response = await client.send(
			{ api: 'ListProducts', method: 'GET', segments: ['products'], qs: { offset, limit: PAGE_SIZE } },
			{ itemIndex: 0, errorContext: { action: 'list products' }, repeatable: true },
		);
		const list = (response.body as IDataObject | undefined)?.products;
		const products = Array.isArray(list) ? (list as IDataObject[]) : [];
		const text = (filter ?? '').trim().toLowerCase();
		return {
			results: products
				.filter((product) => typeof product.product_id === 'string' && product.product_id !== '')
				.map((product) => ({ name: productName(product), value: product.product_id as string }))
				.filter((entry) => text === '' || entry.name.toLowerCase().includes(text)),
			paginationToken: products.length === PAGE_SIZE ? String(offset + PAGE_SIZE) : undefined,
		};
	};
}
