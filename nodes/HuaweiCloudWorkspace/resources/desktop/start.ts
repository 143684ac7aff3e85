import { powerOperation } from './power';

/** POST /desktops/action, op_type os-start. */
export const start = powerOperation('start', {
	name: 'Start',
	action: 'Start desktops',
	description: 'Power on the desktop of every input item, up to 100 desktops per request',
});
