import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { type ClientState, WorkspaceClient } from '../transport/client';

/** ListImagesRequest: limit 0-100. */
const PAGE_SIZE = 100;

function imageName(image: IDataObject): string {
	const name = typeof image.name === 'string' && image.name !== '' ? image.name : String(image.id);
	return typeof image.os_version === 'string' && image.os_version !== '' ? `${name} (${image.os_version})` : name;
}

/**
 * The "From List" mode of the Image picker: GET /images of the Image Type chosen in the form (gold
 * or private), a page at a time; the search text is matched here against name and OS version.
 */
export function searchImages(state: ClientState) {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const offset = /^\d+$/.test(paginationToken ?? '') ? Number(paginationToken) : 0;
		const qs: IDataObject = { offset, limit: PAGE_SIZE };
		const imageType = this.getCurrentNodeParameter('imageType');
		if (imageType === 'gold' || imageType === 'private') qs.image_type = imageType;
		const client = await WorkspaceClient.forPicker(state, this);
		const response = await client.send(
			{ api: 'ListImages', method: 'GET', segments: ['images'], qs },
			{ itemIndex: 0, errorContext: { action: 'list images' }, repeatable: true },
		);
		const list = (response.body as IDataObject | undefined)?.images;
		const images = Array.isArray(list) ? (list as IDataObject[]) : [];
		const text = (filter ?? '').trim().toLowerCase();
		return {
			results: images
				.filter((image) => typeof image.id === 'string' && image.id !== '')
				.map((image) => ({ name: imageName(image), value: image.id as string }))
				.filter((entry) => text === '' || entry.name.toLowerCase().includes(text)),
			paginationToken: images.length === PAGE_SIZE ? String(offset + PAGE_SIZE) : undefined,
		};
	};
}
