import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { PacerLimits } from './pacer';
import type { RetryLimits } from './retry';

const DEFAULT_THROTTLING = {
	maxConcurrent: 10,
	maxAttempts: 6,
	maxRetryWaitSeconds: 120,
};

/** Node-wide settings for pacing and retries, shown under every operation; the client reads them. */
export const throttlingField: INodeProperties = {
	displayName: 'Rate Limiting',
	name: 'throttling',
	type: 'collection',
	placeholder: 'Add Setting',
	default: {},
	description:
		'How fast requests go out and how failures are retried. By default the rate is found automatically: it rises while Huawei accepts and settles just under the rate at which Huawei throttles.',
	options: [
		{
			displayName: 'Max Requests per Second',
			name: 'requestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0.1, numberPrecision: 1 },
			default: 5,
			description:
				'A hard ceiling for requests started per second, shared by all items and runs using this credential. Without it the rate is found automatically; set it to leave room for other clients of the same account.',
		},
		{
			displayName: 'Max Concurrent Requests',
			name: 'maxConcurrent',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10,
			description: 'How many requests may wait for an answer at the same time',
		},
		{
			displayName: 'Max Attempts',
			name: 'maxAttempts',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 6,
			description:
				'Attempts per request, the first included, when Huawei throttles (429) or, for operations safe to repeat, fails with a 5xx or a dropped connection',
		},
		{
			displayName: 'Max Retry Wait (Seconds)',
			name: 'maxRetryWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 120,
			description: 'Longest total time one request may spend waiting between attempts',
		},
	],
};

function positive<T extends number | undefined>(value: unknown, fallback: T): number | T {
	const number = Number(value);
	return Number.isFinite(number) && number > 0 ? number : fallback;
}

export function readThrottling(settings: IDataObject): PacerLimits & RetryLimits {
	return {
		// Not set, or not a positive number: automatic.
		requestsPerSecond: positive(settings.requestsPerSecond, undefined),
		maxConcurrent: Math.floor(positive(settings.maxConcurrent, DEFAULT_THROTTLING.maxConcurrent)),
		maxAttempts: Math.floor(positive(settings.maxAttempts, DEFAULT_THROTTLING.maxAttempts)),
		maxWaitMs:
			Math.max(0, Number(settings.maxRetryWaitSeconds ?? DEFAULT_THROTTLING.maxRetryWaitSeconds) || 0) * 1000,
	};
}

