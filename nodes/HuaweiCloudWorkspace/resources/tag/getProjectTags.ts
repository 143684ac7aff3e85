import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	INodePropertyRouting,
} from 'n8n-workflow';

import { offsetPagination, returnAllAndLimitFields } from '../../shared/pagination';
import { prepareRequest, throwIfFailed } from '../../shared/transport';

const show = { resource: ['tag'], operation: ['getProjectTags'] };

export const tagGetProjectTagsDescription: INodeProperties[] = [...returnAllAndLimitFields(show)];

export const tagGetProjectTagsRouting: INodePropertyRouting = {
	send: {
		paginate: true,
		preSend: [
			async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
				return await prepareRequest(this, options, { method: 'GET', segments: ['desktops', 'tags'] });
			},
		],
	},
	operations: {
		// Same paging as Desktop > Get Many (see shared/pagination.ts); this API accepts limit 1..1000.
		pagination: offsetPagination({ pageSize: 1000, placement: 'qs' }),
	},
	output: {
		postReceive: [
			async function (
				this: IExecuteSingleFunctions,
				_items: INodeExecutionData[],
				response: IN8nHttpFullResponse,
			) {
				throwIfFailed(this, response, { action: 'list the tags used in the project' });
				// This answer is camelCase (totalCount), unlike the rest of Workspace; only `tags` is read.
				const tags = (response.body as IDataObject | undefined)?.tags;
				const list = Array.isArray(tags) ? (tags as IDataObject[]) : [];
				return list.map((tag) => ({
					json: { key: tag.key ?? '', values: Array.isArray(tag.values) ? tag.values : [] },
					pairedItem: { item: this.getItemIndex() },
				}));
			},
		],
	},
};
