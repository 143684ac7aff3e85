import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ERRORS, type Emulator, type RecordedRequest } from '../emulator';
import { credentialsFor, UNTHROTTLED } from './fixtures';
import { runNode, type RunResult } from './harness';

/**
 * The README's promise for a call Huawei refused ("Troubleshooting": the error keeps the error code,
 * Huawei's message and the request ID), checked against the answer the emulator recorded, for
 * the per-operation files.
 */

/** An error as the node reports it: the run's error, or a failed item's under Continue On Fail. */
export interface ReportedError {
	message?: string;
	description?: string | null;
}

/** The requests the emulator recorded on one route, in arrival order. */
export function onRoute(emu: Emulator, route: string): RecordedRequest[] {
	return emu.requests.filter((r) => r.route === route);
}

/** Runs the node with the token credential; `answers` are the emulator's answers on `route`. */
export async function runOn(
	emu: Emulator,
	route: string,
	parameters: INodeParameters,
	options: { items?: IDataObject[]; continueOnFail?: boolean } = {},
): Promise<RunResult & { answers: RecordedRequest[] }> {
	const result = await runNode({ credentials: credentialsFor(emu, 'token'), parameters, ...options });
	return { ...result, answers: onRoute(emu, route) };
}

/**
 * Three items with Continue On Fail on the seed desktops dev01 and prod01, the second naming a
 * desktop that does not exist: the run does not fail, and the only refused request is that
 * desktop's, answered 404. Returns the run, the IDs and that answer.
 */
export async function runWithAnUnknownDesktop(emu: Emulator, route: string, parameters: INodeParameters) {
	const ids = [emu.seedDesktopIds.dev01, 'missing-desktop', emu.seedDesktopIds.prod01];
	const result = await runOn(emu, route, parameters, { items: ids.map((id) => ({ id })), continueOnFail: true });
	expect(result.error).toBeUndefined();
	const refused = result.answers.filter((r) => r.status >= 400);
	expect(refused.map((r) => [r.status, r.segments[3]])).toEqual([[404, ids[1]]]);
	return { ...result, ids, refused: refused[0] };
}

/**
 * The message reads `HTTP <status> <error_code> - <Huawei's message>` and the description has the
 * error code, Huawei's message and the request ID of `answer`. `huaweiMessage` is what the
 * emulator's error table says (a prefix is enough: Huawei appends details).
 */
export function expectHuaweiError(error: ReportedError | undefined, answer: RecordedRequest, huaweiMessage: string): void {
	expect(answer.errorCode).toMatch(/^[A-Z]+\.\d{4}$/);
	expect(answer.requestId).not.toBe('');
	expect(error?.message).toContain(`HTTP ${answer.status} ${answer.errorCode} - ${huaweiMessage}`);
	expect(error?.description).toContain(`Error code: ${answer.errorCode}`);
	expect(error?.description).toContain(`Huawei message: ${huaweiMessage}`);
	expect(error?.description).toContain(`Request ID: ${answer.requestId}`);
}

/**
 * README: a 401 is never retried. Runs `parameters` once with every token expired: the one request
 * on `route` is answered 401 and the node's error keeps its code, message and request ID.
 */
export async function expectRejectedToken(
	emu: Emulator,
	route: string,
	parameters: INodeParameters,
	items?: IDataObject[],
): Promise<RunResult> {
	emu.expireTokens();
	const result = await runOn(emu, route, parameters, { items });
	expect(result.answers.map((a) => a.status)).toEqual([401]);
	expectHuaweiError(result.error, result.answers[0], ERRORS.AUTH_FAILED.msg);
	return result;
}

/**
 * README: 500, 502, 503 and 504 are retried for operations whose repeat changes nothing. With
 * `status` answered every time and Max Attempts `attempts`, the operation sends exactly that many
 * requests and fails with the code, message and request ID of the last answer.
 */
export async function expectRetriedUntilMaxAttempts(
	emu: Emulator,
	route: string,
	{ status, attempts, huaweiMessage }: { status: number; attempts: number; huaweiMessage: string },
	parameters: INodeParameters,
): Promise<RunResult> {
	emu.injectFaults([{ type: 'status', status, match: { route }, times: attempts }]);
	const result = await runOn(emu, route, { ...parameters, throttling: { ...UNTHROTTLED, maxAttempts: attempts } });
	expect(result.answers.map((a) => a.status)).toEqual(Array(attempts).fill(status));
	expectHuaweiError(result.error, result.answers[attempts - 1], huaweiMessage);
	return result;
}
