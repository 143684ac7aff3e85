import { sleep } from 'n8n-workflow';

/**
 * Waiting for Huawei to finish something (a power action, a desktop creation job): polls with
 * growing pauses until each target is settled, out of time, or the execution is cancelled. The
 * caller says how to look (one call for all pending targets) and what a look means.
 */

/**
 * The pause before each poll: 2 s, then half as long again each time, at most 15 s. Exported so
 * that tests can shorten it; the node never changes it.
 */
export const pollSchedule = { firstMs: 2000, growth: 1.5, maxMs: 15000 };

/** What one look means for a target: finished well, failed, vanished, or undefined to keep waiting. */
export type PollVerdict = 'done' | 'error' | 'gone' | undefined;

export interface PollTarget {
	key: string;
	timeoutMs: number;
}

export interface PollResult<Snapshot> {
	/** 'unreadable' when a look failed for good (the client has retried it). */
	result: 'done' | 'error' | 'timeout' | 'gone' | 'cancelled' | 'unreadable';
	/** The last snapshot seen of the target, if any. */
	last?: Snapshot;
	/** Why the state could not be read, for 'unreadable'. */
	reason?: string;
	waitedSeconds: number;
}

export async function pollUntilSettled<Snapshot>(
	targets: PollTarget[],
	look: (keys: string[]) => Promise<Map<string, Snapshot>>,
	judge: (key: string, snapshot: Snapshot | undefined) => PollVerdict,
	signal?: AbortSignal,
): Promise<Map<string, PollResult<Snapshot>>> {
	const started = Date.now();
	const seconds = () => Math.round((Date.now() - started) / 100) / 10;
	const outcomes = new Map<string, PollResult<Snapshot>>();
	const pending = new Map(targets.map((target) => [target.key, { deadline: started + target.timeoutMs, last: undefined as Snapshot | undefined }]));
	const finish = (key: string, result: PollResult<Snapshot>['result'], reason?: string) => {
		outcomes.set(key, { result, last: pending.get(key)?.last, waitedSeconds: seconds(), ...(reason ? { reason } : {}) });
		pending.delete(key);
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
			for (const key of [...pending.keys()]) finish(key, 'cancelled');
			break;
		}
		let found: Map<string, Snapshot>;
		try {
			found = await look([...pending.keys()]);
		} catch (error) {
			for (const key of [...pending.keys()]) finish(key, 'unreadable', (error as Error).message);
			break;
		}
		const now = Date.now();
		for (const [key, entry] of [...pending.entries()]) {
			const snapshot = found.get(key);
			if (snapshot !== undefined) entry.last = snapshot;
			const verdict = judge(key, snapshot);
			if (verdict) finish(key, verdict);
			else if (now >= entry.deadline) finish(key, 'timeout');
		}
		delay = Math.min(delay * pollSchedule.growth, pollSchedule.maxMs);
	}
	return outcomes;
}
