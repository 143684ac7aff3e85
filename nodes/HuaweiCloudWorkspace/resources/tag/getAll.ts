import { sendThroughDriver } from '../../shared/requestDriver';
import { workspaceRouting } from '../../shared/routing';
import { getDesktopId } from '../../shared/transport';

export const tagGetAllRouting = workspaceRouting({
	read: (context) => ({ desktopId: getDesktopId(context) }),
	request: ({ desktopId }) => ({ method: 'GET', segments: ['desktops', desktopId, 'tags'] }),
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
	send: sendThroughDriver({ repeatable: true }),
});
