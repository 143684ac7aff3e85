import { apiError } from '../errors';
import { OP_TYPES, type OpType } from '../power';
import type { Reply } from '../types';
import { type Handler, jsonObject } from './context';

/** Huawei's API pages: at most 100 desktops per power or log-off request (the SDK states no limit). */
const MAX_DESKTOPS = 100;
const TYPES = ['SOFT', 'HARD'];

/** desktop_ids: a non-empty list of at most 100 non-empty strings. */
function desktopIds(value: unknown): { ok: true; ids: string[] } | { ok: false; reply: Reply } {
	if (!Array.isArray(value) || value.length === 0) {
		return { ok: false, reply: apiError('INVALID_PARAM', 'desktop_ids must be a non-empty list.') };
	}
	if (value.length > MAX_DESKTOPS) {
		return { ok: false, reply: apiError('BATCH_LIMIT_EXCEEDED', `desktop_ids has ${value.length} entries; at most ${MAX_DESKTOPS} are allowed.`) };
	}
	if (!value.every((id) => typeof id === 'string' && id !== '')) {
		return { ok: false, reply: apiError('INVALID_PARAM', 'desktop_ids must hold desktop IDs (strings).') };
	}
	return { ok: true, ids: value as string[] };
}

/**
 * POST /desktops/action (BatchRunDesktopsRequest, body BatchActionDesktopsReq) ->
 * BatchRunDesktopsResponse { failed_operation_list: VmOperateResult[], job_id }. Desktops that cannot
 * take the action (unknown, wrong state, a task in progress) are listed as failed; the others start.
 */
export const runDesktopsAction: Handler = ({ body, state }) => {
	const parsed = jsonObject(body);
	if (!parsed.ok) return parsed.reply;
	const req = parsed.value;
	if (typeof req.op_type !== 'string' || !(OP_TYPES as readonly string[]).includes(req.op_type)) {
		return apiError('INVALID_PARAM', `op_type must be one of ${OP_TYPES.join(', ')}.`);
	}
	if (req.type !== undefined && (typeof req.type !== 'string' || !TYPES.includes(req.type))) {
		return apiError('INVALID_PARAM', 'type must be SOFT or HARD.');
	}
	const ids = desktopIds(req.desktop_ids);
	if (!ids.ok) return ids.reply;
	const op = req.op_type as OpType;
	const failed: Record<string, unknown>[] = [];
	const subJobs: Parameters<typeof state.power.begin>[2] = [];
	for (const id of new Set(ids.ids)) {
		const desktop = state.get(id);
		if (!desktop) {
			failed.push({ desktop_id: id, desktop_name: '', error_code: 'WKS.0202', error_msg: `The desktop ${id} does not exist.` });
			continue;
		}
		const refusal = state.power.refusal(desktop, op);
		if (refusal) {
			failed.push({ desktop_id: id, desktop_name: desktop.computer_name, error_code: 'WKS.0108', error_msg: refusal });
			continue;
		}
		state.power.begin(desktop, op, subJobs);
	}
	const jobId = state.power.addJob(op, subJobs);
	return { status: 200, body: { failed_operation_list: failed, job_id: jobId } };
};

/**
 * POST /desktops/logoff (BatchLogoffDesktopsRequest, body LogoffDesktopsReq { desktop_ids, message? }):
 * the SDK's response has no fields; the emulator answers 204. Logged-on users are logged off
 * (login_status REGISTERED); unknown desktops are skipped.
 */
export const logoffDesktops: Handler = ({ body, state }) => {
	const parsed = jsonObject(body);
	if (!parsed.ok) return parsed.reply;
	const req = parsed.value;
	const ids = desktopIds(req.desktop_ids);
	if (!ids.ok) return ids.reply;
	if (req.message !== undefined && typeof req.message !== 'string') return apiError('INVALID_PARAM', 'message must be text.');
	for (const id of new Set(ids.ids)) {
		const desktop = state.get(id);
		if (!desktop) continue;
		if (desktop.login_status === 'CONNECTED' || desktop.login_status === 'DISCONNECTED') desktop.login_status = 'REGISTERED';
		state.logoffs.push({ desktop_id: id, ...(typeof req.message === 'string' ? { message: req.message } : {}) });
	}
	return { status: 204 };
};

/** GET /workspace-jobs/{job_id} (ShowJobRequest -> ShowJobResponse); unknown → 404. */
export const showJob: Handler = ({ params, state }) => {
	// A creation that ended adds its desktop now, so that the job's answer and the desktop list agree.
	state.settleCreations();
	const job = state.power.showJob(params.job_id, params.project_id);
	if (!job) return apiError('JOB_NOT_FOUND', `The job ${params.job_id} does not exist.`);
	return { status: 200, body: job };
};
