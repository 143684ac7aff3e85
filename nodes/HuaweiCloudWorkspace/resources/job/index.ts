import type { Resource } from '../../shared/operation';
import { get } from './get';

export const jobResource: Resource = {
	value: 'job',
	name: 'Job',
	sharedFields: [],
	operations: [get],
	defaultOperation: 'get',
};
