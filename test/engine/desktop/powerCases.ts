import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { pollSchedule } from '../../../nodes/HuaweiCloudWorkspace/resources/desktop/waitForPower';
import type { Emulator, RecordedRequest } from '../../emulator';
import { call, p } from '../../unit/emulator/helpers';
import { expectHuaweiError, onRoute } from '../apiErrors';
import { credentialsFor, desktop, params, UNTHROTTLED } from '../fixtures';
import { runNode } from '../harness';
import { expectRefusedBeforeSending, ID } from '../hostileCases';
import { BOOLEAN_RULES, DESKTOP_ID_RULES, ruleCases } from '../inputRules';

/**
 * The cases every batched desktop action shares (Start, Stop, Reboot, Hibernate, Log Off Users),
 * each file stating its operation's facts from Huawei's SDK: the path, op_type, the state a desktop
 * must be in, the task it shows and the state it ends in. Expected values come from those facts and
 * from the emulator's state, never from the node's code.
 */
export interface PowerFacts {
	operation: 'start' | 'stop' | 'reboot' | 'hibernate' | 'logOff';
	/** The emulator route and the fixed part of the body Huawei expects. */
	route: 'desktop.action' | 'desktop.logoff';
	body: IDataObject;
	/** A state the desktop can take the action from, and one it cannot (none for log-off). */
	from: string;
	refusedFrom?: string;
	/** The task in progress right after acceptance and the final state (power actions only). */
	task?: string;
	target?: string;
	/** Force's effect on `type` (undefined: the operation has no Force). */
	hasForce?: boolean;
}

/** Huawei's facts per power operation (SDK BatchActionDesktopsReq; states and tasks as the SDK names them). */
export const POWER_FACTS = {
	// os-start: a SHUTOFF desktop powers on; starting an ACTIVE one is refused. No Force (no forced power-on).
	start: { operation: 'start', route: 'desktop.action', body: { op_type: 'os-start' }, from: 'SHUTOFF', refusedFrom: 'ACTIVE', task: 'powering-on', target: 'ACTIVE', hasForce: false },
	// os-stop: HARD is a forced shutdown.
	stop: { operation: 'stop', route: 'desktop.action', body: { op_type: 'os-stop' }, from: 'ACTIVE', refusedFrom: 'SHUTOFF', task: 'powering-off', target: 'SHUTOFF', hasForce: true },
	reboot: { operation: 'reboot', route: 'desktop.action', body: { op_type: 'reboot' }, from: 'ACTIVE', refusedFrom: 'HIBERNATED', task: 'rebooting', target: 'ACTIVE', hasForce: true },
	hibernate: { operation: 'hibernate', route: 'desktop.action', body: { op_type: 'os-hibernate' }, from: 'ACTIVE', refusedFrom: 'SHUTOFF', task: 'hibernating', target: 'HIBERNATED', hasForce: true },
	// LogoffDesktopsReq: desktop_ids (and an optional message); the answer has no fields.
	logOff: { operation: 'logOff', route: 'desktop.logoff', body: {}, from: 'ACTIVE' },
} as const satisfies Record<string, PowerFacts>;

const bodies = (requests: RecordedRequest[]) => requests.map((r) => JSON.parse(r.body) as IDataObject);

/** `count` desktops in the starting state, tagged so they are easy to tell from the seeds. */
function addDesktops(emu: Emulator, count: number, status: string): string[] {
	return Array.from({ length: count }, (_, n) => emu.addDesktop({ computer_name: `wks-power-${n}`, status }).desktop_id);
}

export function powerCases(emu: Emulator, facts: PowerFacts): void {
	const { operation, route } = facts;
	const run = (parameters: INodeParameters, items: IDataObject[], extra: { continueOnFail?: boolean; onStarted?: (cancel: () => void) => void } = {}) =>
		runNode({
			credentials: credentialsFor(emu, 'token'),
			parameters: params('desktop', operation, { desktopId: desktop(ID), ...parameters }),
			items,
			...extra,
		});
	const waitOptions = (timeout: number) => ({ options: { waitForCompletion: true, timeout } });
	const expectedType = (force: boolean) => (route === 'desktop.logoff' ? {} : { type: force && facts.hasForce ? 'HARD' : 'SOFT' });

	beforeAll(() => {
		Object.assign(pollSchedule, { firstMs: 20, growth: 1.5, maxMs: 60 });
	});

	test('sends the desktops in one request and outputs one accepted item per input item', async () => {
		// Long enough that the desktops are still in their task when the test looks, however busy the machine.
		emu.setPowerTransitionMs(60_000);
		const ids = addDesktops(emu, 3, facts.from);
		const { items, error } = await run({}, ids.map((id) => ({ id })));
		expect(error).toBeUndefined();
		const sent = onRoute(emu, route);
		expect(sent).toHaveLength(1);
		expect(bodies(sent)).toEqual([{ ...facts.body, ...expectedType(false), desktop_ids: ids }]);
		// Looked up first: one GET /desktops for the three.
		expect(onRoute(emu, 'desktop.list')).toHaveLength(1);
		// BatchRunDesktopsResponse answers a job_id; the log-off response has no fields.
		const jobId: unknown = route === 'desktop.action' ? expect.any(String) : undefined;
		expect(items.map((i) => i.json)).toEqual(
			ids.map((desktopId) => ({ success: true, desktopId, action: operation, accepted: true, ...(jobId ? { jobId } : {}) })),
		);
		expect(items.map((i) => i.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		for (const id of ids) {
			if (facts.task) expect(emu.getDesktop(id)?.task_status).toBe(facts.task);
		}
		if (route === 'desktop.logoff') expect(emu.logoffs.map((l) => l.desktop_id)).toEqual(ids);
		else {
			// The item's jobId is the job Huawei made for these desktops.
			const job = await call(emu, 'GET', p(emu, `/workspace-jobs/${String(items[0].json.jobId)}`));
			const subJobs = job.json?.sub_jobs as Array<{ entities: { desktop_id: string } }>;
			expect(subJobs.map((sub) => sub.entities.desktop_id)).toEqual(ids);
		}
	});

	if (facts.hasForce !== undefined) {
		test(`Force ${facts.hasForce ? 'sends type HARD' : 'is not an option: type stays SOFT'}`, async () => {
			const [id] = addDesktops(emu, 1, facts.from);
			await run({ options: { force: true } }, [{ id }]);
			expect(bodies(onRoute(emu, route))).toEqual([{ ...facts.body, ...expectedType(true), desktop_ids: [id] }]);
		});
	}

	describe('input rules: refused before anything is sent', () => {
		const cases = [
			...ruleCases('desktop', operation, /Desktop ID/, DESKTOP_ID_RULES, (v) => ({ desktopId: desktop(v) })),
			...(route === 'desktop.action'
				? [
						...ruleCases('desktop', operation, /Wait for Completion/, BOOLEAN_RULES, (v) => ({ options: { waitForCompletion: v } }), 'Wait for Completion'),
						...ruleCases('desktop', operation, /Timeout/, [{ name: 'a Timeout of 0', value: 0, says: /greater than 0/ }], (v) => ({ options: { timeout: v } })),
					]
				: []),
		];
		test.each(cases)('rejects %s', async (_name, c) => {
			expect(await expectRefusedBeforeSending(emu, c)).toEqual([]);
			expect(emu.logoffs).toEqual([]);
		});
	});

	test('250 desktops, some named twice: 3 requests of at most 100, each desktop once', async () => {
		const ids = addDesktops(emu, 250, facts.from);
		const items = [...ids, ...ids.slice(0, 20)].map((id) => ({ id }));
		const { items: out, error } = await run({}, items);
		expect(error).toBeUndefined();
		const sent = bodies(onRoute(emu, route)).map((b) => b.desktop_ids as string[]);
		// Sent together (the pacer spaces them), so they may arrive in any order.
		expect(sent.map((list) => list.length).sort((a, b) => b - a)).toEqual([100, 100, 50]);
		expect(sent.flat().sort()).toEqual([...ids].sort());
		expect(onRoute(emu, 'desktop.list')).toHaveLength(3);
		expect(out).toHaveLength(270);
		expect(out.every((i) => i.json.accepted === true)).toBe(true);
	});

	test('with Continue On Fail an invalid desktop ID fails its own item; the others are sent', async () => {
		const [id] = addDesktops(emu, 1, facts.from);
		const { items, error } = await run({}, [{ id: '../x' }, { id }], { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(bodies(onRoute(emu, route)).map((b) => b.desktop_ids)).toEqual([[id]]);
		expect(String(items[0].json.error)).toMatch(/is not a desktop ID/);
		expect(items[1].json).toMatchObject({ desktopId: id, accepted: true });
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('an unknown desktop fails its own item and is never sent; the others are', async () => {
		const [id] = addDesktops(emu, 1, facts.from);
		const { items, error } = await run({}, [{ id }, { id: 'missing-desktop' }], { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(bodies(onRoute(emu, route)).map((b) => b.desktop_ids)).toEqual([[id]]);
		expect(items[0].json).toMatchObject({ desktopId: id, accepted: true });
		expect(items[1].json.error).toMatch(/missing-desktop was not found/);
	});

	describe("Huawei's errors", () => {
		/** One desktop, and `status` answered to the batch request. */
		const runAnswered = async (status: number) => {
			const [id] = addDesktops(emu, 1, facts.from);
			emu.injectFaults([{ type: 'status', status, match: { route } }]);
			const { error } = await run({}, [{ id }]);
			const answers = onRoute(emu, route);
			expect(answers.map((a) => a.status)).toEqual([status]);
			return { error, answer: answers[0] };
		};

		test('a 400 reaches the item with its code, message and request ID', async () => {
			const { error, answer } = await runAnswered(400);
			expectHuaweiError(error, answer, 'Invalid parameter.');
		});

		test('a 401 is not repeated, and keeps its code, message and request ID', async () => {
			const { error, answer } = await runAnswered(401);
			expect(error?.message).toContain(`HTTP 401 ${answer.errorCode}`);
			expect(error?.description).toContain(`Request ID: ${answer.requestId}`);
		});

		test.each([
			['a 503', { type: 'status' as const, status: 503 }],
			['a dropped connection', { type: 'reset' as const }],
		])('%s is not repeated and is reported as outcome unknown', async (_name, fault) => {
			const [id] = addDesktops(emu, 1, facts.from);
			emu.injectFaults([{ ...fault, match: { route } }]);
			const { error } = await runNode({
				credentials: credentialsFor(emu, 'token'),
				parameters: params('desktop', operation, { desktopId: desktop(ID), throttling: { ...UNTHROTTLED, maxAttempts: 3 } }),
				items: [{ id }],
			});
			expect(onRoute(emu, route)).toHaveLength(1);
			expect(error?.description).toMatch(/may or may not have carried out/);
		});
	});

	if (facts.refusedFrom !== undefined) {
		const refusedFrom = facts.refusedFrom;
		describe('a desktop Huawei refuses inside a batch (failed_operation_list)', () => {
			test('with Continue On Fail only its item fails, with the error code and message', async () => {
				emu.setPowerTransitionMs(60_000);
				const [good1, bad, good2] = [...addDesktops(emu, 1, facts.from), ...addDesktops(emu, 1, refusedFrom), ...addDesktops(emu, 1, facts.from)];
				const { items, error } = await run({}, [good1, bad, good2].map((id) => ({ id })), { continueOnFail: true });
				expect(error).toBeUndefined();
				expect(onRoute(emu, route)).toHaveLength(1);
				expect(items[0].json).toMatchObject({ desktopId: good1, accepted: true });
				expect(items[2].json).toMatchObject({ desktopId: good2, accepted: true });
				expect(String(items[1].json.error)).toContain('WKS.0108');
				expect(emu.getDesktop(bad)).toMatchObject({ status: refusedFrom, task_status: '' });
				expect(emu.getDesktop(good1)?.task_status).toBe(facts.task);
			});

			test('without it the node fails after the request, and says how many desktops were accepted', async () => {
				emu.setPowerTransitionMs(60_000);
				const [good, bad] = [...addDesktops(emu, 1, facts.from), ...addDesktops(emu, 1, refusedFrom)];
				const { items, error } = await run({}, [good, bad].map((id) => ({ id })));
				expect(items).toEqual([]);
				expect(error?.message).toContain(`desktop ${bad}`);
				expect(error?.description).toMatch(/accepted 1 of 2 desktops/);
				expect(emu.getDesktop(good)?.task_status).toBe(facts.task);
			});
		});
	}

	if (facts.target !== undefined) {
		const target = facts.target;
		describe('Wait for Completion', () => {
			test(`waits until every desktop is ${target} and idle, then outputs the final status`, async () => {
				const ids = addDesktops(emu, 2, facts.from);
				const { items, error } = await run(waitOptions(1), ids.map((id) => ({ id })));
				expect(error).toBeUndefined();
				for (const id of ids) expect(emu.getDesktop(id)).toMatchObject({ status: target, task_status: '' });
				expect(items.map((i) => [i.json.desktopId, i.json.status])).toEqual(ids.map((id) => [id, target]));
				expect(items.every((i) => typeof i.json.waitedSeconds === 'number')).toBe(true);
				// Status polls go through GET /desktops: the look-up plus at least one poll.
				expect(onRoute(emu, 'desktop.list').length).toBeGreaterThanOrEqual(2);
			});

			test('a desktop that never finishes fails its item at the timeout with its last status and task', async () => {
				const [slow, fine] = addDesktops(emu, 2, facts.from);
				emu.setNextPowerOutcome(slow, 'hang');
				const { items, error } = await run(waitOptions(0.005), [slow, fine].map((id) => ({ id })), { continueOnFail: true });
				expect(error).toBeUndefined();
				expect(String(items[0].json.error)).toMatch(new RegExp(`did not reach ${target} within the timeout`));
				expect(String(items[0].json.error)).toContain(`task ${facts.task}`);
				expect(items[1].json).toMatchObject({ desktopId: fine, status: target });
			});

			test('a desktop that ends in ERROR fails its item', async () => {
				const [broken] = addDesktops(emu, 1, facts.from);
				emu.setNextPowerOutcome(broken, 'fail');
				const { error } = await run(waitOptions(1), [{ id: broken }]);
				expect(error?.message).toMatch(/went into ERROR \(status ERROR\)/);
			});

			test('a status poll that keeps failing fails the item as accepted but unreadable, and the desktop still changes', async () => {
				const [id] = addDesktops(emu, 1, facts.from);
				const { items, error } = await run(
					{ ...waitOptions(1), throttling: { ...UNTHROTTLED, maxAttempts: 2 } },
					[{ id }],
					{
						continueOnFail: true,
						onStarted: () => {
							void (async () => {
								// Once the power request is in, every later GET /desktops answers 500.
								while (onRoute(emu, route).length === 0) await sleep(1);
								emu.injectFaults([{ type: 'status', status: 500, match: { route: 'desktop.list' }, times: 10 }]);
							})();
						},
					},
				);
				expect(error).toBeUndefined();
				expect(String(items[0].json.error)).toMatch(/accepted the .*could not be read/);
				// Two attempts (Max Attempts 2) of the one poll; then the node stops reading.
				expect(onRoute(emu, 'desktop.list').filter((r) => r.status === 500)).toHaveLength(2);
				await sleep(100);
				expect(emu.getDesktop(id)).toMatchObject({ status: target, task_status: '' });
			});

			test('cancelling the execution stops the polling', async () => {
				const [hung] = addDesktops(emu, 1, facts.from);
				emu.setNextPowerOutcome(hung, 'hang');
				let pollsAtCancel = -1;
				const started = Date.now();
				await run(waitOptions(10), [{ id: hung }], {
					continueOnFail: true,
					onStarted: (cancel) => {
						void (async () => {
							while (onRoute(emu, 'desktop.list').length < 3) await sleep(1);
							pollsAtCancel = onRoute(emu, 'desktop.list').length;
							cancel();
						})();
					},
				});
				// Well under the 10-minute timeout, and at most the poll already in flight afterwards.
				expect(Date.now() - started).toBeLessThan(5000);
				const after = onRoute(emu, 'desktop.list').length;
				await sleep(200);
				expect(after - pollsAtCancel).toBeLessThanOrEqual(1);
				expect(onRoute(emu, 'desktop.list').length).toBe(after);
			});
		});
	}
}
