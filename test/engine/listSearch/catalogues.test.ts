import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { ERRORS, SEED_IMAGES, SEED_PRODUCTS } from '../../emulator';
import { expectHuaweiError, onRoute, type ReportedError } from '../apiErrors';
import { credentialsFor, useEmulator } from '../fixtures';
import { loadedNode } from '../harness';
import { loadOptionsContext } from '../loadOptions';

/**
 * The Product and Image pickers of Desktop > Create ("From List": searchProducts, GET /products;
 * searchImages, GET /images of the form's Image Type), through a real n8n LoadOptionsContext: each
 * product with its CPU, memory and description, each image with its OS version; search text
 * filters; Huawei's errors reach the editor with code, message and request ID.
 */
const emu = useEmulator();
const form = (imageType?: string) => ({ resource: 'desktop', operation: 'create', ...(imageType ? { imageType } : {}) });
const products = (context: ILoadOptionsFunctions, filter?: string) => loadedNode().methods.listSearch.searchProducts.call(context, filter);
const images = (context: ILoadOptionsFunctions, filter?: string) => loadedNode().methods.listSearch.searchImages.call(context, filter);
const query = (raw: string) => Object.fromEntries(new URLSearchParams(raw));

test('the Product and Image fields of Desktop > Create offer these lists before By ID', () => {
	const node = loadedNode();
	for (const [name, method] of [['productId', 'searchProducts'], ['imageId', 'searchImages']]) {
		const field = node.description.properties.find((p) => p.name === name);
		expect(field?.modes?.map((m) => m.name)).toEqual(['list', 'id']);
		expect(field?.modes?.[0].typeOptions).toEqual({ searchListMethod: method, searchable: true });
	}
});

describe('searchProducts', () => {
	test('lists every product with its CPU, memory and description', async () => {
		const result = await products(loadOptionsContext(credentialsFor(emu, 'token'), form()));
		expect(result.results).toEqual(
			SEED_PRODUCTS.map((p) => ({ name: `${p.product_id} (${p.cpu} vCPUs, ${p.memory} GB) - ${p.descriptions}`, value: p.product_id })),
		);
		expect(query(onRoute(emu, 'product.list')[0].query)).toEqual({ offset: '0', limit: '100' });
	});

	test('the search text filters by ID or description, in any letter case', async () => {
		const result = await products(loadOptionsContext(credentialsFor(emu, 'token'), form()), 'LINUX');
		expect(result.results.map((r) => r.value)).toEqual(SEED_PRODUCTS.filter((p) => /linux/i.test(p.descriptions)).map((p) => p.product_id));
	});

	test("Huawei's error reaches the editor", async () => {
		emu.injectFaults([{ type: 'status', status: 403, match: { route: 'product.list' } }]);
		const error = await products(loadOptionsContext(credentialsFor(emu, 'token'), form())).then(() => undefined, (e: unknown) => e as ReportedError);
		expectHuaweiError(error, onRoute(emu, 'product.list')[0], ERRORS.FORBIDDEN.msg);
	});
});

describe('searchImages', () => {
	test.each(['gold', 'private'] as const)('lists the %s images of the form, as "name (OS version)"', async (imageType) => {
		const result = await images(loadOptionsContext(credentialsFor(emu, 'token'), form(imageType)));
		const expected = SEED_IMAGES.filter((i) => i.image_type === imageType).sort((a, b) => a.name.localeCompare(b.name));
		expect(result.results).toEqual(expected.map((i) => ({ name: `${i.name} (${i.os_version})`, value: i.id })));
		expect(query(onRoute(emu, 'image.list')[0].query)).toMatchObject({ image_type: imageType });
	});

	test('the search text filters by name or OS version', async () => {
		const result = await images(loadOptionsContext(credentialsFor(emu, 'token'), form('gold')), 'ubuntu');
		expect(result.results.map((r) => r.value)).toEqual(SEED_IMAGES.filter((i) => /ubuntu/i.test(i.name)).map((i) => i.id));
	});
});
