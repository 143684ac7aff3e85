import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { offsetPagination, returnAllAndLimitFields } from '../../shared/pagination';
import { workspaceRouting } from '../../shared/routing';

const show = { resource: ['tag'], operation: ['getProjectTags'] };

export const tagGetProjectTagsDescription: INodeProperties[] = [...returnAllAndLimitFields(show)];

export const tagGetProjectTagsRouting = workspaceRouting({
	read: () => ({}),
	request: () => ({ method: 'GET', segments: ['desktops', 'tags'] }),
	describe: () => ({ action: 'list the tags used in the project' }),
	output: (context, _input, response) => {
		// This answer is camelCase (totalCount), unlike the rest of Workspace; only `tags` is read.
		const tags = (response.body as IDataObject | undefined)?.tags;
		const list = Array.isArray(tags) ? (tags as IDataObject[]) : [];
		return list.map((tag) => ({
			json: { key: tag.key ?? '', values: Array.isArray(tag.values) ? tag.values : [] },
			pairedItem: { item: context.getItemIndex() },
		}));
	},
	// Same paging as Desktop > Get Many (see shared/pagination.ts); this API accepts limit 1..1000.
	send: offsetPagination({ pageSize: 1000, placement: 'qs' }),
});
