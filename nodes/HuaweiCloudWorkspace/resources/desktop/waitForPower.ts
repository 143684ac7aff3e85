import type { IDataObject } from 'n8n-workflow';

import { findDesktops } from '../../shared/findDesktops';
import type { WorkspaceClient } from '../../transport/client';
import { pollUntilSettled } from './polling';

/**
 * Wait for Completion: polls GET /desktops (100 desktop IDs per call, through findDesktops) until each
 * desktop reaches the state its action leads to, with `task_status` empty. Huawei's own Terraform
 * provider decides completion the same way (target status and an empty task status).
 */

export type PowerAction = 'start' | 'stop' | 'reboot' | 'hibernate';

/** The status each action ends in (SDK: ACTIVE, SHUTOFF, HIBERNATED; ERROR when it failed). */
export const TARGET_STATUS: Record<PowerAction, string> = {
	start: 'ACTIVE',
	stop: 'SHUTOFF',
	reboot: 'ACTIVE',
	hibernate: 'HIBERNATED',
};

export { pollSchedule } from './polling';

export interface WaitTarget {
	desktopId: string;
	action: PowerAction;
	timeoutMs: number;
}

export interface WaitOutcome {
	/** 'done' when the target was reached; 'unreadable' when a status poll failed for good. */
	result: 'done' | 'error' | 'timeout' | 'gone' | 'cancelled' | 'unreadable';
	/** Why the state could not be read, for 'unreadable'. */
	reason?: string;
	status?: string;
	taskStatus?: string;
	waitedSeconds: number;
}

interface Seen {
	sawTask: boolean;
	polls: number;
}

function reached(action: PowerAction, seen: Seen, desktop: IDataObject): boolean {
	const status = String(desktop.status ?? '');
	const task = String(desktop.task_status ?? '');
	if (task !== '' || status !== TARGET_STATUS[action]) return false;
	// A reboot starts and ends ACTIVE: the first idle ACTIVE answer may come before Huawei has begun,
	// so it counts only once a task was seen or after a second poll.
	return action !== 'reboot' || seen.sawTask || seen.polls >= 2;
}

/** Polls until every desktop is done, failed, out of time, or the execution is cancelled. */
export async function waitForDesktops(
	client: WorkspaceClient,
	targets: WaitTarget[],
	itemIndex: number,
	signal?: AbortSignal,
): Promise<Map<string, WaitOutcome>> {
	const byId = new Map(targets.map((target) => [target.desktopId, { ...target, sawTask: false, polls: 0 }]));
	const results = await pollUntilSettled<IDataObject>(
		targets.map((target) => ({ key: target.desktopId, timeoutMs: target.timeoutMs })),
		// A look-up is retried by the client like any read; what still fails ends the wait.
		async (ids) => await findDesktops(client, ids, itemIndex),
		(id, desktop) => {
			const entry = byId.get(id);
			if (!entry) return 'gone';
			entry.polls++;
			if (!desktop) return 'gone';
			if (String(desktop.task_status ?? '') !== '') entry.sawTask = true;
			if (desktop.status === 'ERROR') return 'error';
			return reached(entry.action, entry, desktop) ? 'done' : undefined;
		},
		signal,
	);
	const outcomes = new Map<string, WaitOutcome>();
	for (const [id, result] of results) {
		outcomes.set(id, {
			result: result.result,
			...(result.reason !== undefined ? { reason: result.reason } : {}),
			status: result.last === undefined ? undefined : String(result.last.status ?? ''),
			taskStatus: result.last === undefined ? undefined : String(result.last.task_status ?? ''),
			waitedSeconds: result.waitedSeconds,
		});
	}
	return outcomes;
}
