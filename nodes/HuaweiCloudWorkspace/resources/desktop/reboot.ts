import { powerOperation } from './power';

/** POST /desktops/action, op_type reboot; Force sends type HARD (a forced restart). */
export const reboot = powerOperation('reboot', {
	name: 'Reboot',
	action: 'Reboot desktops',
	description: 'Restart the desktop of every input item, up to 100 desktops per request',
	forceDescription: 'Whether to force the restart instead of restarting Windows normally; unsaved work is lost',
});
