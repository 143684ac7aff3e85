import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { findDesktops } from '../../shared/findDesktops';
import type { WorkspaceClient } from '../../transport/client';

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

/**
 * The pause before each poll: 2 s, then half as long again each time, at most 15 s. Exported so
 * that tests can shorten it; the node never changes it.
 */
export const pollSchedule = { firstMs: 2000, growth: 1.5, maxMs: 15000 };

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

interface Pending extends WaitTarget {
	deadline: number;
	sawTask: boolean;
	polls: number;
	status?: string;
	taskStatus?: string;
}

function reached(entry: Pending, desktop: IDataObject): boolean {
	const status = String(desktop.status ?? '');
	const task = String(desktop.task_status ?? '');
	if (task !== '' || status !== TARGET_STATUS[entry.action]) return false;
	// A reboot starts and ends ACTIVE: the first idle ACTIVE answer may come before Huawei has begun,
	// so it counts only once a task was seen or after a second poll.
	return entry.action !== 'reboot' || entry.sawTask || entry.polls >= 2;
}

/** Polls until every desktop is done, failed, out of time, or the execution is cancelled. */
export async function waitForDesktops(
	client: WorkspaceClient,
	targets: WaitTarget[],
	itemIndex: number,
	signal?: AbortSignal,
): Promise<Map<string, WaitOutcome>> {
	const started = Date.now();
	const seconds = () => Math.round((Date.now() - started) / 100) / 10;
	const outcomes = new Map<string, WaitOutcome>();
	const pending = new Map<string, Pending>(
		targets.map((target) => [target.desktopId, { ...target, deadline: started + target.timeoutMs, sawTask: false, polls: 0 }]),
	);
	const finish = (entry: Pending, result: WaitOutcome['result']) => {
		outcomes.set(entry.desktopId, { result, status: entry.status, taskStatus: entry.taskStatus, waitedSeconds: seconds() });
		pending.delete(entry.desktopId);
	};
	let delay = pollSchedule.firstMs;
	while (pending.size > 0) {
		const earliest = Math.min(...[...pending.values()].map((entry) => entry.deadline));
		try {
			// The last poll falls on the earliest deadline, so a timeout reports the state at that moment.
			await sleep(Math.max(0, Math.min(delay, earliest - Date.now())), signal);
		} catch {
			// The execution was cancelled while waiting.
		}
		if (signal?.aborted) {
			for (const entry of [...pending.values()]) finish(entry, 'cancelled');
			break;
		}
		let found: Map<string, IDataObject>;
		try {
			// A look-up is retried by the client like any read; what still fails ends the wait.
			found = await findDesktops(client, [...pending.keys()], itemIndex);
		} catch (error) {
			for (const entry of [...pending.values()]) {
				outcomes.set(entry.desktopId, {
					result: 'unreadable',
					reason: (error as Error).message,
					status: entry.status,
					taskStatus: entry.taskStatus,
					waitedSeconds: seconds(),
				});
			}
			pending.clear();
			break;
		}
		const now = Date.now();
		for (const entry of [...pending.values()]) {
			const desktop = found.get(entry.desktopId);
			entry.polls++;
			if (!desktop) {
				finish(entry, 'gone');
				continue;
			}
			entry.status = String(desktop.status ?? '');
			entry.taskStatus = String(desktop.task_status ?? '');
			if (entry.taskStatus !== '') entry.sawTask = true;
			if (entry.status === 'ERROR') finish(entry, 'error');
			else if (reached(entry, desktop)) finish(entry, 'done');
			else if (now >= entry.deadline) finish(entry, 'timeout');
		}
		delay = Math.min(delay * pollSchedule.growth, pollSchedule.maxMs);
	}
	return outcomes;
}
