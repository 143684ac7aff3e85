import type { IDataObject } from 'n8n-workflow';

import { ERRORS } from '../../emulator';
import { call, p } from '../../unit/emulator/helpers';
import { expectHuaweiError, expectRejectedToken, onRoute } from '../apiErrors';
import { credentialsFor, params, useEmulator } from '../fixtures';
import { runNode } from '../harness';
import { expectRefusedBeforeSending, ID } from '../hostileCases';

/**
 * Job > Get: GET /workspace-jobs/{job_id} -> ShowJobResponse, output as Huawei answers it. The job
 * comes from a power action sent straight to the emulator; its expected content is the emulator's own answer.
 */
const emu = useEmulator();
const getJob = () => params('job', 'get', { jobId: ID });

async function aStopJob(): Promise<string> {
	const res = await call(emu, 'POST', p(emu, '/desktops/action'), { desktop_ids: [emu.seedDesktopIds.dev01], op_type: 'os-stop' });
	return String(res.json?.job_id);
}

describe('Job > Get', () => {
	test("outputs Huawei's job object as it is", async () => {
		const jobId = await aStopJob();
		const { items, error } = await runNode({ credentials: credentialsFor(emu, 'token'), parameters: getJob(), items: [{ id: jobId }] });
		expect(error).toBeUndefined();
		const direct = (await call(emu, 'GET', p(emu, `/workspace-jobs/${jobId}`))).json as IDataObject;
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: jobId, job_type: direct.job_type, sub_jobs_total: 1 });
		expect(Object.keys(items[0].json).sort()).toEqual(Object.keys(direct).sort());
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(onRoute(emu, 'job.show')[0].rawPath).toBe(`/v2/${emu.projectId}/workspace-jobs/${jobId}`);
	});

	test('an unknown job: 404 with code, message and request ID', async () => {
		const { error } = await runNode({ credentials: credentialsFor(emu, 'token'), parameters: getJob(), items: [{ id: 'no-such-job' }] });
		const [answer] = onRoute(emu, 'job.show');
		expectHuaweiError(error, answer, ERRORS.JOB_NOT_FOUND.msg);
	});

	test('a 401 is not repeated', async () => {
		await expectRejectedToken(emu, 'job.show', getJob(), [{ id: 'some-job' }]);
	});

	describe('input rules: refused before anything is sent', () => {
		test.each([
			['an empty Job ID', '', /required/],
			['a Job ID with a slash', 'a/b', /is not a job ID/],
			['the Job ID ".."', '..', /is not a job ID/],
			['a Job ID that is a number', 5, /must be text/],
		])('rejects %s', async (name, value, rule) => {
			await expectRefusedBeforeSending(emu, {
				label: name,
				resource: 'job',
				operation: 'get',
				parameters: { jobId: '={{ $json.v }}' },
				item: { v: value },
				field: /Job ID/,
				rule,
			});
		});
	});
});
