import { powerOperation } from './power';

/** POST /desktops/action, op_type os-hibernate; Force sends type HARD. */
export const hibernate = powerOperation('hibernate', {
	name: 'Hibernate',
	action: 'Hibernate desktops',
	description: 'Hibernate the desktop of every input item, up to 100 desktops per request',
	forceDescription: 'Whether to force the hibernation (type HARD) instead of a normal one',
});
