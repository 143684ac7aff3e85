import { desktopIdField } from '../../shared/descriptions';
import type { Resource } from '../../shared/operation';
import { create } from './create';
import { deleteDesktop } from './delete';
import { get } from './get';
import { getAll } from './getAll';
import { hibernate } from './hibernate';
import { logOff } from './logOff';
import { reboot } from './reboot';
import { start } from './start';
import { stop } from './stop';

export const desktopResource: Resource = {
	value: 'desktop',
	name: 'Desktop',
	// One Desktop field for every per-desktop operation (see tag/fields.ts for why fields are shared).
	sharedFields: [
		{
			...desktopIdField({
				resource: ['desktop'],
				operation: ['delete', 'get', 'start', 'stop', 'reboot', 'hibernate', 'logOff'],
			}),
			description: 'The desktop to act on. With many input items, usually an expression such as {{ $json.desktop_id }}.',
		},
	],
	operations: [create, deleteDesktop, get, getAll, hibernate, logOff, reboot, start, stop],
	defaultOperation: 'delete',
};
