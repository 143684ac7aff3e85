import { useEmulator } from '../fixtures';
import { POWER_FACTS, powerCases } from './powerCases';

/** Desktop > Start: POST /desktops/action, os-start: SHUTOFF, powering-on, ACTIVE. */
describe('Desktop > Start', () => powerCases(useEmulator(), POWER_FACTS.start));
