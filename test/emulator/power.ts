import { randomUUID } from 'crypto';
import type { Desktop } from './types';

/**
 * Power states and jobs. Facts from Huawei's SDK (BatchActionDesktopsReq, ShowJobResponse,
 * JobDetailInfo): op_type os-start | reboot | os-stop | os-hibernate; type SOFT | HARD; a desktop's
 * `status` (ACTIVE, SHUTOFF, HIBERNATED, ERROR) and `task_status` (powering-on, powering-off,
 * rebooting, hibernating; '' when idle); job states WAITING, RUNNING, SUCCESS, FAILED.
 * Transitions are lazy: a desktop settles when it is next read after its transition time.
 */

export const OP_TYPES = ['os-start', 'reboot', 'os-stop', 'os-hibernate'] as const;
export type OpType = (typeof OP_TYPES)[number];

interface OpRule {
	/** States the action may start from. */
	from: string[];
	target: string;
	task: string;
	jobType: string;
}

/** The emulator's reading of which state each action needs; Huawei's pages name no table. */
export const OP_RULES: Record<OpType, OpRule> = {
	'os-start': { from: ['SHUTOFF', 'HIBERNATED'], target: 'ACTIVE', task: 'powering-on', jobType: 'START_DESKTOPS' },
	reboot: { from: ['ACTIVE'], target: 'ACTIVE', task: 'rebooting', jobType: 'REBOOT_DESKTOPS' },
	'os-stop': { from: ['ACTIVE'], target: 'SHUTOFF', task: 'powering-off', jobType: 'STOP_DESKTOPS' },
	'os-hibernate': { from: ['ACTIVE'], target: 'HIBERNATED', task: 'hibernating', jobType: 'HIBERNATE_DESKTOPS' },
};

export interface SubJob {
	id: string;
	desktopId: string;
	desktopName: string;
	userName: string;
	until: number;
	outcome: 'ok' | 'fail' | 'hang';
	/** A creation's own reason to fail (see creation.ts); power sub jobs use the common one. */
	failReason?: string;
	productId?: string;
	/** A desktop being created has no ID to show until its sub job has succeeded. */
	idOnlyOnSuccess?: boolean;
}

export interface Job {
	id: string;
	jobType: string;
	begin: number;
	subJobs: SubJob[];
}

function iso(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A sub job's state at `now`. */
function subStatus(sub: SubJob, now: number): 'RUNNING' | 'SUCCESS' | 'FAILED' {
	if (sub.outcome === 'hang' || now < sub.until) return 'RUNNING';
	return sub.outcome === 'fail' ? 'FAILED' : 'SUCCESS';
}

export class PowerModel {
	transitionMs = 50;
	readonly jobs = new Map<string, Job>();

	constructor(readonly now: () => number) {}

	reset(transitionMs: number): void {
		this.transitionMs = transitionMs;
		this.jobs.clear();
	}

	/** Ends the desktop's transition when its time has come. */
	settle(d: Desktop): void {
		const t = d.transition;
		if (!t || t.outcome === 'hang' || this.now() < t.until) return;
		d.status = t.outcome === 'fail' ? 'ERROR' : t.target;
		d.task_status = '';
		delete d.transition;
		// A desktop that just powered on registers afresh; one that is off is unregistered.
		delete d.login_status;
	}

	/** Why `op` cannot run on `d` now, or undefined. */
	refusal(d: Desktop, op: OpType): string | undefined {
		if (d.task_status !== '' || d.busy) return `Desktop ${d.desktop_id} has a task in progress (${d.task_status || 'busy'}).`;
		if (!OP_RULES[op].from.includes(d.status)) return `Desktop ${d.desktop_id} is ${d.status}; ${op} needs ${OP_RULES[op].from.join(' or ')}.`;
		return undefined;
	}

	begin(d: Desktop, op: OpType, sub: SubJob[]): void {
		const rule = OP_RULES[op];
		const outcome = d.nextAction === 'fail' ? 'fail' : d.nextAction === 'hang' ? 'hang' : 'ok';
		delete d.nextAction;
		const until = this.now() + this.transitionMs;
		d.task_status = rule.task;
		d.transition = { target: rule.target, until, outcome };
		sub.push({ id: randomUUID(), desktopId: d.desktop_id, desktopName: d.computer_name, userName: d.user_name, until, outcome });
	}

	addJob(op: OpType, subJobs: SubJob[]): string {
		return this.addJobOfType(OP_RULES[op].jobType, subJobs);
	}

	addJobOfType(jobType: string, subJobs: SubJob[]): string {
		const id = randomUUID();
		this.jobs.set(id, { id, jobType, begin: this.now(), subJobs });
		return id;
	}

	/** ShowJobResponse with JobDetailInfo sub jobs, as of now. */
	showJob(id: string, projectId: string): Record<string, unknown> | undefined {
		const job = this.jobs.get(id);
		if (!job) return undefined;
		const now = this.now();
		const subs = job.subJobs.map((sub) => {
			const status = subStatus(sub, now);
			return {
				id: sub.id,
				job_type: job.jobType,
				begin_time: iso(job.begin),
				end_time: status === 'RUNNING' ? '' : iso(sub.until),
				status,
				error_code: status === 'FAILED' ? 'WKS.0109' : '',
				fail_reason: status === 'FAILED' ? (sub.failReason ?? 'The desktop failed to complete the operation.') : '',
				host: 'cvm-emulator-0001',
				project_id: projectId,
				job_id: job.id,
				entities: {
					desktop_id: sub.idOnlyOnSuccess && status !== 'SUCCESS' ? '' : sub.desktopId,
					product_id: sub.productId ?? '',
					user_name: sub.userName,
					desktop_name: sub.desktopName,
					ip_address: '',
				},
				process: status === 'RUNNING' ? 50 : 100,
			};
		});
		const states = subs.map((s) => s.status);
		const status = states.includes('RUNNING') ? 'RUNNING' : states.includes('FAILED') ? 'FAILED' : 'SUCCESS';
		const end = status === 'RUNNING' ? '' : iso(Math.max(job.begin, ...job.subJobs.map((s) => s.until)));
		return {
			id: job.id,
			job_type: job.jobType,
			begin_time: iso(job.begin),
			end_time: end,
			status,
			job_error_code: status === 'FAILED' ? 'WKS.0109' : '',
			fail_reason: status === 'FAILED' ? 'Some desktops failed to complete the operation.' : '',
			sub_jobs_total: subs.length,
			sub_jobs: subs,
		};
	}
}
