/**
 * End-to-end suite: real n8n (pinned in scripts/n8n-runtime.versions) runs the PACKED package against the
 * local emulator. `npm run test:e2e`; `npm run test:e2e:1x` runs it on n8n 1.x (N8N_RUNTIME=1x,
 * scripts/n8n-runtime-1x.versions). The first run on a machine provisions the runtime (minutes).
 */
const path = require('node:path');

module.exports = {
	rootDir: path.resolve(__dirname, '..', '..'),
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
	// Provisioning the runtime on a fresh machine takes ~5 min, each n8n boot several seconds.
	testTimeout: 20 * 60_000,
	// One n8n at a time: the suites share 2 cores and each boots its own n8n.
	maxWorkers: 1,
	verbose: true,
};
