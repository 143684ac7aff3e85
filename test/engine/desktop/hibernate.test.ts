import { useEmulator } from '../fixtures';
import { POWER_FACTS, powerCases } from './powerCases';

/** Desktop > Hibernate: POST /desktops/action, os-hibernate (Force: HARD): ACTIVE, hibernating, HIBERNATED. */
describe('Desktop > Hibernate', () => powerCases(useEmulator(), POWER_FACTS.hibernate));
