/**
 * Queue-mode suite: real n8n 2.40.7 as a main instance and two workers over Redis and PostgreSQL,
 * the PACKED package in all three, the emulator as the cloud. `npm run test:queue`; a few minutes.
 * Needs `redis-server` and PostgreSQL's server on the machine (`.ci/run` installs them).
 */
const path = require('node:path');

module.exports = {
	rootDir: path.resolve(__dirname, '..', '..'),
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['<rootDir>/test/queue/**/*.queue.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
	testTimeout: 20 * 60_000,
	maxWorkers: 1,
	verbose: true,
};
