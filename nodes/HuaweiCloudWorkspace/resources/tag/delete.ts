import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { sendThroughDriver } from '../../shared/requestDriver';
import { workspaceRouting } from '../../shared/routing';
import { checkInput, getDesktopId, successItem } from '../../shared/transport';
import { validateTagKey } from '../../shared/validation';

function readKey(context: IExecuteSingleFunctions): string {
	return checkInput(context, () => validateTagKey(context.getNodeParameter('key', '')));
}

export const tagDeleteRouting = workspaceRouting({
	read: (context) => ({ desktopId: getDesktopId(context), key: readKey(context) }),
	request: ({ desktopId, key }) => ({ method: 'DELETE', segments: ['desktops', desktopId, 'tags', key] }),
	describe: ({ desktopId, key }) => ({ action: `delete tag "${key}" from desktop ${desktopId}`, desktopId }),
	output: (context, input) => successItem(context, input),
	// Deleting a tag that is already gone succeeds.
	send: sendThroughDriver({ repeatable: true }),
});
