import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { headerValue } from '../../../../credentials/common/headers';
import { keepFoundDesktops } from '../../shared/findDesktops';
import { errorOnItem, inputFailure } from '../../shared/input';
import { InputError, validateBoolean, validateDesktopId } from '../../shared/validation';
import { type ClientState, WorkspaceClient } from '../../transport/client';
import { type PowerAction, TARGET_STATUS, type WaitOutcome, waitForDesktops } from './waitForPower';

/**
 * Start, Stop, Reboot, Hibernate and Log Off Users: every input item's desktop, sent together,
 * up to 100 desktops per request (Huawei's API pages; the SDK states no limit). The desktops are
 * looked up first (GET /desktops, 100 IDs a call), so that an unknown desktop fails its own item and
 * never a whole request, nor is reported as accepted by an API that might skip it silently.
 */

const DESKTOPS_PER_REQUEST = 100;

export type BatchAction = PowerAction | 'logOff';

/** What one item asks for, beyond its desktop. */
export interface ItemSettings {
	/** Items whose bodies differ (e.g. SOFT and HARD) go in different requests. */
	body: IDataObject;
	/** Wait for Completion's timeout, when the item waits. */
	waitMs?: number;
}

export interface BatchActionSpec {
	action: BatchAction;
	/** In error messages: 'start', 'log users off'. */
	verb: string;
	/** Huawei's name for the API (see WorkspaceRequest.api). */
	api: string;
	segments: string[];
	readSettings: (context: IExecuteFunctions, itemIndex: number) => ItemSettings;
}

interface ActionItem extends ItemSettings {
	itemIndex: number;
	desktopId: string;
}

interface BatchRequest {
	body: IDataObject;
	desktopIds: string[];
}

/** A desktop's result: accepted (with the job, where Huawei answers one) or its error. */
type DesktopResult = { accepted: true; jobId?: string } | { accepted: false; error: NodeApiError | NodeOperationError };

function readItems(context: IExecuteFunctions, spec: BatchActionSpec, results: INodeExecutionData[]): ActionItem[] {
	const items: ActionItem[] = [];
	for (let itemIndex = 0; itemIndex < context.getInputData().length; itemIndex++) {
		try {
			const desktopId = validateDesktopId(context.getNodeParameter('desktopId', itemIndex, undefined, { extractValue: true }));
			items.push({ itemIndex, desktopId, ...spec.readSettings(context, itemIndex) });
		} catch (error) {
			const failure = inputFailure(context.getNode(), itemIndex, error);
			// Without Continue On Fail one bad item stops the node before any request leaves.
			if (!context.continueOnFail()) throw failure;
			results[itemIndex] = { json: {}, error: failure, pairedItem: { item: itemIndex } };
		}
	}
	return items;
}

/** One request per body and 100 distinct desktops; an item naming a desktop twice is sent once. */
function planRequests(items: ActionItem[]): BatchRequest[] {
	const byBody = new Map<string, BatchRequest>();
	for (const item of items) {
		const key = JSON.stringify(item.body);
		const group = byBody.get(key) ?? { body: item.body, desktopIds: [] };
		byBody.set(key, group);
		if (!group.desktopIds.includes(item.desktopId)) group.desktopIds.push(item.desktopId);
	}
	const requests: BatchRequest[] = [];
	for (const group of byBody.values()) {
		for (let start = 0; start < group.desktopIds.length; start += DESKTOPS_PER_REQUEST) {
			requests.push({ body: group.body, desktopIds: group.desktopIds.slice(start, start + DESKTOPS_PER_REQUEST) });
		}
	}
	return requests;
}

function resultKey(body: IDataObject, desktopId: string): string {
	return `${JSON.stringify(body)}\u0000${desktopId}`;
}

/** A failed_operation_list entry (VmOperateResult) as the item's error. */
function refusedDesktop(
	context: IExecuteFunctions,
	spec: BatchActionSpec,
	entry: IDataObject,
	requestId: string | undefined,
	itemIndex: number,
): NodeApiError {
	const code = typeof entry.error_code === 'string' ? entry.error_code : undefined;
	const msg = typeof entry.error_msg === 'string' ? entry.error_msg : undefined;
	const desktopId = String(entry.desktop_id);
	return new NodeApiError(context.getNode(), { error_code: code ?? null, error_msg: msg ?? null, request_id: requestId ?? null } as JsonObject, {
		message: `Could not ${spec.verb} desktop ${desktopId}: ${code ?? 'refused'}${msg ? ` - ${msg}` : ''}`,
		description: [
			'Huawei Cloud refused this desktop; the other desktops of the same request were not affected.',
			...(code ? [`Error code: ${code}`] : []),
			...(msg ? [`Huawei message: ${msg}`] : []),
			`Request ID: ${requestId ?? 'none in the response'}`,
		].join('\n'),
		itemIndex,
	});
}

function notFound(context: IExecuteFunctions, spec: BatchActionSpec, item: ActionItem): NodeOperationError {
	return new NodeOperationError(context.getNode(), `Desktop ${item.desktopId} was not found in this project: it was not sent to ${spec.verb}`, {
		itemIndex: item.itemIndex,
		description: "Check the desktop ID and the credential's region and project. The node looks the desktops up before sending, so that an unknown desktop fails only its own item.",
	});
}

/** Sends every request (the client's pacer spaces them) and gives each desktop its result. */
async function sendAll(
	context: IExecuteFunctions,
	client: WorkspaceClient,
	spec: BatchActionSpec,
	requests: BatchRequest[],
	firstItem: Map<string, number>,
): Promise<Map<string, DesktopResult>> {
	const results = new Map<string, DesktopResult>();
	const outcomes = await Promise.allSettled(
		requests.map(async (request, index) => {
			const count = request.desktopIds.length;
			return await client.send(
				{ api: spec.api, method: 'POST', segments: spec.segments, body: { ...request.body, desktop_ids: request.desktopIds } },
				{
					itemIndex: firstItem.get(resultKey(request.body, request.desktopIds[0])) ?? 0,
					errorContext: {
						action: `${spec.verb} ${count} desktop${count === 1 ? '' : 's'} (request ${index + 1} of ${requests.length})`,
						desktopId: count === 1 ? request.desktopIds[0] : undefined,
					},
					// A power request repeated after a 5xx or a dropped connection could act twice (a second
					// reboot, a start after a user's shutdown): the client then reports "outcome unknown".
					repeatable: false,
				},
			);
		}),
	);
	for (const [index, outcome] of outcomes.entries()) {
		const request = requests[index];
		if (outcome.status === 'rejected') {
			const error = outcome.reason as NodeApiError | NodeOperationError;
			const status = Number(error instanceof NodeApiError ? error.httpCode : undefined);
			if (status >= 500 && !/may or may not have/.test(error.description ?? '')) {
				// Huawei may have acted before failing: the request was not repeated, and the user must check.
				error.description = `${error.description ?? ''}\nOutcome unknown: Huawei Cloud may or may not have carried out this request for these desktops, so it was not repeated. Check their state before running it again.`;
			}
			for (const desktopId of request.desktopIds) {
				results.set(resultKey(request.body, desktopId), { accepted: false, error });
			}
			continue;
		}
		const body = (outcome.value.body ?? {}) as IDataObject;
		const requestId = headerValue(outcome.value.headers, 'x-request-id');
		const jobId = typeof body.job_id === 'string' ? body.job_id : undefined;
		const failed = new Map<string, IDataObject>();
		for (const entry of Array.isArray(body.failed_operation_list) ? (body.failed_operation_list as IDataObject[]) : []) {
			if (entry && typeof entry.desktop_id === 'string') failed.set(entry.desktop_id, entry);
		}
		for (const desktopId of request.desktopIds) {
			const key = resultKey(request.body, desktopId);
			const entry = failed.get(desktopId);
			results.set(
				key,
				entry
					? { accepted: false, error: refusedDesktop(context, spec, entry, requestId, firstItem.get(key) ?? 0) }
					: { accepted: true, jobId },
			);
		}
	}
	return results;
}

function waitFailure(context: IExecuteFunctions, item: ActionItem, action: PowerAction, outcome: WaitOutcome): NodeOperationError {
	const state = `status ${outcome.status ?? 'unknown'}${outcome.taskStatus ? `, task ${outcome.taskStatus}` : ''}`;
	const what: Record<Exclude<WaitOutcome['result'], 'done'>, string> = {
		error: `desktop ${item.desktopId} went into ERROR`,
		timeout: `desktop ${item.desktopId} did not reach ${TARGET_STATUS[action]} within the timeout`,
		gone: `desktop ${item.desktopId} no longer exists`,
		cancelled: `the execution was cancelled while waiting for desktop ${item.desktopId}`,
		unreadable: `the state of desktop ${item.desktopId} could not be read (${outcome.reason ?? 'unknown error'})`,
	};
	return new NodeOperationError(context.getNode(), `Huawei accepted the ${action}, but ${what[outcome.result as keyof typeof what]} (${state})`, {
		itemIndex: item.itemIndex,
		description: `Last seen: ${state}, after ${outcome.waitedSeconds} s. The request itself was accepted and is not undone.`,
	});
}

export function batchDesktopAction(spec: BatchActionSpec) {
	return (state: ClientState) =>
		async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const results: INodeExecutionData[] = [];
			const items = readItems(this, spec, results);
			if (items.length === 0) return [results];
			const client = await WorkspaceClient.forRun(state, this);
			const present = await keepFoundDesktops(this, client, items, results, (item) => notFound(this, spec, item));
			const firstItem = new Map<string, number>();
			for (const item of present) {
				const key = resultKey(item.body, item.desktopId);
				if (!firstItem.has(key)) firstItem.set(key, item.itemIndex);
			}
			const byDesktop = await sendAll(this, client, spec, planRequests(present), firstItem);

			const accepted = [...byDesktop.values()].filter((result) => result.accepted).length;
			if (!this.continueOnFail()) {
				const firstFailure = present
					.map((item) => byDesktop.get(resultKey(item.body, item.desktopId)))
					.find((result) => result && !result.accepted);
				if (firstFailure && !firstFailure.accepted) {
					const error = firstFailure.error;
					// Every request had been sent when the first failure is reported: say what Huawei took.
					error.description = `${error.description ?? ''}\nAll requests of this run were sent before the node stopped: Huawei accepted ${accepted} of ${byDesktop.size} desktops; those are not undone.`;
					throw error;
				}
			}

			const waiting = present.filter(
				(item) => item.waitMs !== undefined && spec.action !== 'logOff' && byDesktop.get(resultKey(item.body, item.desktopId))?.accepted,
			);
			const waited =
				waiting.length === 0 || spec.action === 'logOff'
					? new Map<string, WaitOutcome>()
					: await waitForDesktops(
							client,
							// A desktop is waited for once, with the longest timeout of its items.
							[...new Map(waiting.map((item) => [item.desktopId, item])).values()].map((item) => ({
								desktopId: item.desktopId,
								action: spec.action as PowerAction,
								timeoutMs: Math.max(...waiting.filter((other) => other.desktopId === item.desktopId).map((other) => other.waitMs ?? 0)),
							})),
							waiting[0].itemIndex,
							this.getExecutionCancelSignal?.(),
						);

			for (const item of present) {
				const result = byDesktop.get(resultKey(item.body, item.desktopId));
				if (!result) continue;
				if (!result.accepted) {
					results[item.itemIndex] = { json: {}, error: errorOnItem(this.getNode(), result.error, item.itemIndex), pairedItem: { item: item.itemIndex } };
					continue;
				}
				const json: IDataObject = { success: true, desktopId: item.desktopId, action: spec.action, accepted: true };
				if (result.jobId) json.jobId = result.jobId;
				const outcome = item.waitMs === undefined ? undefined : waited.get(item.desktopId);
				if (outcome && outcome.result !== 'done') {
					const error = waitFailure(this, item, spec.action as PowerAction, outcome);
					if (!this.continueOnFail()) throw error;
					results[item.itemIndex] = { json: {}, error, pairedItem: { item: item.itemIndex } };
					continue;
				}
				if (outcome) Object.assign(json, { status: outcome.status, waitedSeconds: outcome.waitedSeconds });
				results[item.itemIndex] = { json, pairedItem: { item: item.itemIndex } };
			}
			client.hintThrottling(this);
			return [results];
		};
}

/** Options > Timeout, in minutes: a positive number (fractions allowed). */
export function readTimeoutMs(value: unknown): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
		const shown = typeof value === 'number' ? String(value) : JSON.stringify(value);
		throw new InputError('Timeout', `Timeout must be a number of minutes greater than 0, not ${shown}`);
	}
	return value * 60_000;
}

/** A true-or-false option: unset is false. */
export function readFlag(options: IDataObject, name: string, label: string): boolean {
	return options[name] === undefined ? false : validateBoolean(options[name], label);
}
