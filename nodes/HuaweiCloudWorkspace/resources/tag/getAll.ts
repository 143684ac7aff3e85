import { readDesktopId } from '../../shared/input';
import { routedOperation } from '../../shared/operation';

/** GET /desktops/{desktop_id}/tags (seed page 003); Desktop is the resource's shared field. */
export const getAll = routedOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get the tags of a desktop',
	description: 'List the tags of a desktop, one item per tag',
	fields: [],
	read: (context) => ({ desktopId: readDesktopId(context) }),
	request: ({ desktopId }) => ({ api: 'ShowTagByDesktopId', method: 'GET', segments: ['desktops', desktopId, 'tags'] }),
	describe: ({ desktopId }) => ({ action: `list the tags of desktop ${desktopId}`, desktopId }),
	output: (context, { desktopId }, response) => {
		const tags = (response.body as { tags?: unknown } | undefined)?.tags;
		const list = Array.isArray(tags) ? (tags as Array<{ key?: unknown; value?: unknown }>) : [];
		return list.map((tag) => ({
			json: { key: tag.key ?? '', value: tag.value ?? '', desktopId },
			pairedItem: { item: context.getItemIndex() },
		}));
	},
	// Reading changes nothing.
	repeatable: true,
});
