import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { findDesktops } from '../../shared/findDesktops';
import { errorOnItem, inputFailure } from '../../shared/input';
import type { CustomOperation } from '../../shared/operation';
import { type ClientState, WorkspaceClient } from '../../transport/client';
import { jobRequest } from '../job/get';
import { createFields } from './createFields';
import { type CreateItem, readCreateItem } from './createInput';
import { type CreateRequest, planCreateRequests } from './createPlan';
import { type PollResult, pollUntilSettled } from './polling';

/**
 * Desktop > Create: POST /desktops (CreateDesktopReq) for every input item, one desktop each, items
 * with equal parameters together (1 to 100 desktops a request, see createPlan.ts). Huawei answers one
 * job per request; with Wait for Completion the node polls the jobs (GET /workspace-jobs/{job_id}, the
 * request of Job > Get) until each has ended, and gives each item its own desktop: the sub job naming
 * its user. A sub job that failed fails only its item, with Huawei's fail_reason. A creation is never
 * sent twice (a repeat after a lost answer would create a second desktop).
 */

type Failure = NodeApiError | NodeOperationError;

/** What became of one item after sending (and waiting). */
type ItemResult = { ok: true; json: IDataObject } | { ok: false; error: Failure };

function readItems(context: IExecuteFunctions, results: INodeExecutionData[]): CreateItem[] {
	const items: CreateItem[] = [];
	for (let itemIndex = 0; itemIndex < context.getInputData().length; itemIndex++) {
		try {
			items.push(readCreateItem(context, itemIndex));
		} catch (error) {
			const failure = inputFailure(context.getNode(), itemIndex, error);
			// Without Continue On Fail one bad item stops the node before any request leaves.
			if (!context.continueOnFail()) throw failure;
			results[itemIndex] = { json: {}, error: failure, pairedItem: { item: itemIndex } };
		}
	}
	return items;
}

function describeRequest(request: CreateRequest, index: number, total: number): string {
	const count = request.items.length;
	const whom = count === 1 ? `a desktop for user ${request.items[0].entry.user_name}` : `${count} desktops`;
	return total === 1 ? `create ${whom}` : `create ${whom} (request ${index + 1} of ${total})`;
}

/** Sends every request (the client's pacer spaces them); the job ID of each, or its error. */
async function sendAll(node: INode, client: WorkspaceClient, requests: CreateRequest[]): Promise<Array<{ jobId: string } | { error: Failure }>> {
	const outcomes = await Promise.allSettled(
		requests.map(async (request, index) => {
			const response = await client.send(
				{ api: 'CreateDesktop', method: 'POST', segments: ['desktops'], body: { ...request.shared, desktops: request.items.map((item) => item.entry) } },
				{
					itemIndex: request.items[0].itemIndex,
					errorContext: { action: describeRequest(request, index, requests.length) },
					repeatable: false,
				},
			);
			const jobId = (response.body as IDataObject | undefined)?.job_id;
			if (typeof jobId !== 'string' || jobId === '') throw new Error('Huawei accepted the request but answered no job_id');
			return jobId;
		}),
	);
	return outcomes.map((outcome, index) => {
		if (outcome.status === 'fulfilled') return { jobId: outcome.value };
		const reason = outcome.reason as unknown;
		const error =
			reason instanceof NodeApiError || reason instanceof NodeOperationError
				? reason
				: new NodeOperationError(node, (reason as Error).message, { itemIndex: requests[index].items[0].itemIndex });
		return { error };
	});
}

/** Polls the jobs until each has ended (SUCCESS or FAILED), the requests' timeout, or cancellation. */
async function waitForJobs(
	context: IExecuteFunctions,
	client: WorkspaceClient,
	jobs: Array<{ jobId: string; timeoutMs: number; itemIndex: number }>,
): Promise<Map<string, PollResult<IDataObject>>> {
	const itemOf = new Map(jobs.map((job) => [job.jobId, job.itemIndex]));
	return await pollUntilSettled<IDataObject>(
		jobs.map((job) => ({ key: job.jobId, timeoutMs: job.timeoutMs })),
		async (jobIds) => {
			const found = new Map<string, IDataObject>();
			// One read per job still running; the client retries a read like any other.
			await Promise.all(
				jobIds.map(async (jobId) => {
					const response = await client.send(jobRequest(jobId), {
						itemIndex: itemOf.get(jobId) ?? 0,
						errorContext: { action: `get job ${jobId}` },
						repeatable: true,
					});
					found.set(jobId, (response.body ?? {}) as IDataObject);
				}),
			);
			return found;
		},
		(_jobId, job) => (job?.status === 'SUCCESS' || job?.status === 'FAILED' ? 'done' : undefined),
		context.getExecutionCancelSignal?.(),
	);
}

function subJobFor(job: IDataObject, item: CreateItem): IDataObject | undefined {
	const subJobs = Array.isArray(job.sub_jobs) ? (job.sub_jobs as IDataObject[]) : [];
	const user = item.entry.user_name.toLowerCase();
	return subJobs.find((sub) => {
		const entities = (sub.entities ?? {}) as IDataObject;
		return typeof entities.user_name === 'string' && entities.user_name.toLowerCase() === user;
	});
}

function notCreated(context: IExecuteFunctions, item: CreateItem, jobId: string, reason: string, description: string): NodeOperationError {
	return new NodeOperationError(context.getNode(), `The desktop for user ${item.entry.user_name} was not created: ${reason}`, {
		itemIndex: item.itemIndex,
		description: `${description}\nJob ID: ${jobId} (Job > Get shows it)`,
	});
}

/** The item's result once its job has been waited for. */
function waitedResult(
	context: IExecuteFunctions,
	item: CreateItem,
	jobId: string,
	waited: PollResult<IDataObject> | undefined,
): ItemResult {
	const job = waited?.last ?? {};
	const state = `job status ${String(job.status ?? 'unknown')}, after ${waited?.waitedSeconds ?? 0} s`;
	const stillRunning = 'Huawei accepted the creation and may still finish it: check the job before creating this desktop again.';
	if (!waited || waited.result === 'cancelled') {
		return { ok: false, error: notCreated(context, item, jobId, 'the execution was cancelled while waiting', `${stillRunning} (${state})`) };
	}
	if (waited.result === 'timeout') {
		return { ok: false, error: notCreated(context, item, jobId, 'it did not finish within the timeout', `${stillRunning} (${state})`) };
	}
	if (waited.result !== 'done') {
		return { ok: false, error: notCreated(context, item, jobId, `the job could not be read (${waited.reason ?? 'no answer'})`, stillRunning) };
	}
	const sub = subJobFor(job, item);
	if (sub?.status === 'SUCCESS') {
		const desktopId = String(((sub.entities ?? {}) as IDataObject).desktop_id ?? '');
		if (desktopId !== '') return { ok: true, json: { desktopId, jobId, waitedSeconds: waited.waitedSeconds } };
	}
	const source = sub ?? job;
	const code = String(source.error_code ?? source.job_error_code ?? '');
	const reason = String(source.fail_reason ?? '') || (sub ? `its sub job ended ${String(sub.status)} without a desktop ID` : `the job ended ${String(job.status)} without a sub job for this user`);
	return {
		ok: false,
		error: notCreated(context, item, jobId, reason, `Huawei's job ended ${String(job.status)}${code ? ` (error code ${code})` : ''}. Other desktops of the same request are not affected.`),
	};
}

/** The new desktops as GET /desktops lists them (SimpleDesktopInfo), 100 IDs a call. */
async function describeDesktops(client: WorkspaceClient, results: Map<CreateItem, ItemResult>, itemIndex: number): Promise<void> {
	const created = [...results.values()].filter((result): result is { ok: true; json: IDataObject } => result.ok && 'waitedSeconds' in result.json);
	if (created.length === 0) return;
	let found: Map<string, IDataObject>;
	try {
		found = await findDesktops(client, created.map((result) => String(result.json.desktopId)), itemIndex);
	} catch {
		// The desktops exist (their jobs said so): a listing that fails only leaves their details out.
		return;
	}
	for (const result of created) {
		const desktop = found.get(String(result.json.desktopId));
		if (!desktop) continue;
		Object.assign(result.json, { computerName: desktop.computer_name, status: desktop.status, desktop });
	}
}

function createDesktops(state: ClientState) {
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const output: INodeExecutionData[] = [];
		const items = readItems(this, output);
		if (items.length === 0) return [output];
		const client = await WorkspaceClient.forRun(state, this);
		const requests = planCreateRequests(items);
		const sent = await sendAll(this.getNode(), client, requests);

		const results = new Map<CreateItem, ItemResult>();
		const waiting: Array<{ jobId: string; timeoutMs: number; itemIndex: number }> = [];
		for (const [index, request] of requests.entries()) {
			const outcome = sent[index];
			for (const item of request.items) {
				if ('error' in outcome) results.set(item, { ok: false, error: errorOnItem(this.getNode(), outcome.error, item.itemIndex) });
				else results.set(item, { ok: true, json: { jobId: outcome.jobId, accepted: true } });
			}
			if ('jobId' in outcome && request.items[0].waitMs !== undefined) {
				waiting.push({ jobId: outcome.jobId, timeoutMs: request.items[0].waitMs, itemIndex: request.items[0].itemIndex });
			}
		}
		if (waiting.length > 0) {
			const waited = await waitForJobs(this, client, waiting);
			for (const [index, request] of requests.entries()) {
				const outcome = sent[index];
				if (!('jobId' in outcome) || request.items[0].waitMs === undefined) continue;
				for (const item of request.items) results.set(item, waitedResult(this, item, outcome.jobId, waited.get(outcome.jobId)));
			}
			await describeDesktops(client, results, waiting[0].itemIndex);
		}

		const createdOrAccepted = [...results.values()].filter((result) => result.ok).length;
		for (const item of items) {
			const result = results.get(item);
			if (!result) continue;
			if (!result.ok) {
				if (!this.continueOnFail()) {
					// Every request had been sent: say what Huawei took, since creations are not undone.
					result.error.description = `${result.error.description ?? ''}\nAll requests of this run were sent before the node stopped: ${createdOrAccepted} of ${items.length} desktops were created or accepted; those are not undone.`;
					throw result.error;
				}
				// n8n gives the item { error: message }, which a workflow can report ("user created, desktop failed").
				output[item.itemIndex] = { json: {}, error: result.error, pairedItem: { item: item.itemIndex } };
				continue;
			}
			const json: IDataObject = { success: true, userName: item.entry.user_name, ...result.json };
			if (item.entry.computer_name && json.computerName === undefined) json.computerName = item.entry.computer_name;
			output[item.itemIndex] = { json, pairedItem: { item: item.itemIndex } };
		}
		client.hintThrottling(this);
		return [output.filter((entry) => entry !== undefined)];
	};
}

export const create: CustomOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create desktops',
	description: 'Create a desktop for the user of every input item, items with equal settings in one request of up to 100',
	fields: createFields,
	execute: createDesktops,
};
