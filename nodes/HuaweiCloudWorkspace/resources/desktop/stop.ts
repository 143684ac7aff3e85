import { powerOperation } from './power';

/** POST /desktops/action, op_type os-stop; Force sends type HARD (a forced shutdown). */
export const stop = powerOperation('stop', {
	name: 'Stop',
	action: 'Stop desktops',
	description: 'Shut down the desktop of every input item, up to 100 desktops per request',
	forceDescription: 'Whether to force the shutdown (like pulling the plug) instead of shutting Windows down normally; unsaved work is lost',
});
