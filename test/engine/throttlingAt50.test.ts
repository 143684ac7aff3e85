import { restartN8n } from './harness';
import { closeEmulators, expectCreateWithinTheLimit, TIMEOUT_MS } from './throttlingCases';

/** The automatic rate against a limit of 50 a second: 3,000 items, alone (see throttling.test.ts). */
beforeAll(() => restartN8n());
afterAll(closeEmulators);

test(
	'Tag > Create against a limit of 50 a second: 60 s of items with the default settings all succeed, each tag written once, within 1.3x, under 5% answered 429',
	async () => await expectCreateWithinTheLimit(50),
	TIMEOUT_MS,
);
