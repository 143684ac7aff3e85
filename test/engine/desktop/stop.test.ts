import { useEmulator } from '../fixtures';
import { POWER_FACTS, powerCases } from './powerCases';

/** Desktop > Stop: POST /desktops/action, os-stop (Force: HARD): ACTIVE, powering-off, SHUTOFF. */
describe('Desktop > Stop', () => powerCases(useEmulator(), POWER_FACTS.stop));
