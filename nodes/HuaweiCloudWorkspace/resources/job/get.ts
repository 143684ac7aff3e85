import type { IDataObject } from 'n8n-workflow';

import { checkInput } from '../../shared/input';
import { routedOperation } from '../../shared/operation';
import { validateJobId } from '../../shared/validation';
import type { WorkspaceRequest } from '../../transport/client';

/** GET /workspace-jobs/{job_id}: also what Desktop > Create polls while it waits. */
export function jobRequest(jobId: string): WorkspaceRequest {
	return { api: 'ShowJob', method: 'GET', segments: ['workspace-jobs', jobId] };
}

/** GET /workspace-jobs/{job_id} -> ShowJobResponse, output as Huawei answers it. */
export const get = routedOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a job',
	description: 'Get the state of a Workspace job, such as a power action, with its sub jobs per desktop',
	fields: [
		{
			displayName: 'Job ID',
			name: 'jobId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 2c9eb2ad8c1a1f7b018c2f0e5a3b0042',
			description: 'The job_id that Huawei answered, e.g. in the jobId of a Start or Stop item',
			displayOptions: { show: { resource: ['job'], operation: ['get'] } },
		},
	],
	read: (context) => ({ jobId: checkInput(context, () => validateJobId(context.getNodeParameter('jobId', ''))) }),
	request: ({ jobId }) => jobRequest(jobId),
	describe: ({ jobId }) => ({ action: `get job ${jobId}` }),
	output: (context, _input, response) => [
		{ json: (response.body ?? {}) as IDataObject, pairedItem: { item: context.getItemIndex() } },
	],
	repeatable: true,
});
