import { useEmulator } from '../fixtures';
import { POWER_FACTS, powerCases } from './powerCases';

/** Desktop > Reboot: POST /desktops/action, reboot (Force: HARD): ACTIVE, rebooting, ACTIVE. */
describe('Desktop > Reboot', () => powerCases(useEmulator(), POWER_FACTS.reboot));
