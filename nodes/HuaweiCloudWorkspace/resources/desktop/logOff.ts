import type { IDataObject } from 'n8n-workflow';

import { optionsField } from '../../shared/descriptions';
import type { CustomOperation } from '../../shared/operation';
import { InputError } from '../../shared/validation';
import { batchDesktopAction } from './batchAction';

/**
 * POST /desktops/logoff (LogoffDesktopsReq: desktop_ids, optional message). Huawei answers no fields,
 * so any success means accepted; unknown desktops are found by the look-up before sending.
 */
export const logOff: CustomOperation = {
	value: 'logOff',
	name: 'Log Off Users',
	action: 'Log off desktop users',
	description: 'Log the users of the desktop of every input item off, up to 100 desktops per request',
	fields: [
		optionsField({ resource: ['desktop'], operation: ['logOff'] }, [
			{
				displayName: 'Message',
				name: 'message',
				type: 'string',
				default: '',
				placeholder: 'e.g. Maintenance at 20:00: please save your work',
				description: 'A message shown to the users before they are logged off',
			},
		]),
	],
	execute: batchDesktopAction({
		action: 'logOff',
		verb: 'log off users of',
		api: 'BatchLogoffDesktops',
		segments: ['desktops', 'logoff'],
		readSettings: (context, itemIndex) => {
			const options = (context.getNodeParameter('options', itemIndex, {}) as IDataObject | undefined) ?? {};
			const message = options.message;
			if (message === undefined || message === '') return { body: {} };
			if (typeof message !== 'string') throw new InputError('Message', `Message must be text, not ${JSON.stringify(message)}`);
			return { body: { message } };
		},
	}),
};
