import type { IDataObject } from 'n8n-workflow';

import { returnAllAndLimitFields } from '../../shared/descriptions';
import { readWanted } from '../../shared/input';
import { routedOperation } from '../../shared/operation';

/** GET /desktops/tags: every tag key used in the project with its values. */
export const getProjectTags = routedOperation({
	value: 'getProjectTags',
	name: 'Get Project Tags',
	action: 'Get the tags used in the project',
	description: "List every tag key used on the project's desktops with its values, one item per key",
	fields: returnAllAndLimitFields({ resource: ['tag'], operation: ['getProjectTags'] }),
	read: (context) => ({ wanted: readWanted(context) }),
	request: () => ({ api: 'ListProjectTags', method: 'GET', segments: ['desktops', 'tags'] }),
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
	repeatable: true,
	// This API accepts limit 1..1000.
	paging: ({ wanted }) => ({ wanted, pageSize: 1000, placement: 'qs' }),
});
