import { optionsField } from '../../shared/descriptions';
import { checkInput, readDesktopId } from '../../shared/input';
import { routedOperation } from '../../shared/operation';
import { validateBoolean } from '../../shared/validation';

const OUTPUT_WHEN_NO_TAGS = 'Output an Item When No Tags';

/** GET /desktops/{desktop_id}/tags (seed page 003); Desktop is the resource's shared field. */
export const getAll = routedOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get the tags of a desktop',
	description: 'List the tags of a desktop, one item per tag',
	fields: [
		optionsField({ resource: ['tag'], operation: ['getAll'] }, [
			{
				displayName: OUTPUT_WHEN_NO_TAGS,
				name: 'outputWhenNoTags',
				type: 'boolean',
				default: true,
				description:
					'Whether a desktop without tags gives one item { desktopId, tags: [] }. Without it such a desktop gives no item, and the nodes after this one do not run for it.',
			},
		]),
	],
	read: (context) => ({
		desktopId: readDesktopId(context),
		outputWhenNoTags: checkInput(context, () =>
			validateBoolean(context.getNodeParameter('options.outputWhenNoTags', false), OUTPUT_WHEN_NO_TAGS),
		),
	}),
	request: ({ desktopId }) => ({ api: 'ShowTagByDesktopId', method: 'GET', segments: ['desktops', desktopId, 'tags'] }),
	describe: ({ desktopId }) => ({ action: `list the tags of desktop ${desktopId}`, desktopId }),
	output: (context, { desktopId, outputWhenNoTags }, response) => {
		const tags = (response.body as { tags?: unknown } | undefined)?.tags;
		const list = Array.isArray(tags) ? (tags as Array<{ key?: unknown; value?: unknown }>) : [];
		const pairedItem = { item: context.getItemIndex() };
		if (list.length === 0 && outputWhenNoTags) return [{ json: { desktopId, tags: [] }, pairedItem }];
		return list.map((tag) => ({ json: { key: tag.key ?? '', value: tag.value ?? '', desktopId }, pairedItem }));
	},
	// Reading changes nothing.
	repeatable: true,
});
