import type { INodeProperties } from 'n8n-workflow';

import { sendThroughDriver } from '../../shared/requestDriver';
import { desktopIdField } from '../../shared/descriptions';
import { workspaceRouting } from '../../shared/routing';
import { getDesktopId } from '../../shared/transport';

const show = { resource: ['tag'], operation: ['getAll'] };

export const tagGetAllDescription: INodeProperties[] = [desktopIdField(show)];

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
