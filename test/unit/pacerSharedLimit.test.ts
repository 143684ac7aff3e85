import { simulate, type SimulatedProcess } from './pacerSimulation';

/**
 * n8n's queue mode: worker processes, each with its own pacer, share the account's limit. A worker
 * that met the limit while another was busy learns only its share; once the other finishes, it must
 * take the whole limit back (the pacer's probes), or the run ends at the squeezed worker's pace.
 * Simulated time (pacerSimulation.ts), 10 in flight per process.
 */
describe('processes sharing one limit', () => {
	const layouts: Array<[string, Array<[number, number]>]> = [
		['two workers starting together', [[200, 0], [200, 0]]],
		['the second worker 3 s later', [[200, 0], [200, 3000]]],
		['the late worker with the most work', [[100, 0], [300, 3000]]],
		['the early worker with the most work', [[300, 0], [100, 3000]]],
		['the second worker 10 s later', [[200, 0], [200, 10_000]]],
		['three workers', [[150, 0], [150, 2000], [100, 5000]]],
	];
	const cases = [5, 20].flatMap((limit) =>
		[2, 50].flatMap((roundTripMs) => layouts.map(([name, procs]) => [name, limit, roundTripMs, procs] as const)),
	);
	test.each(cases)(
		'%s, a limit of %i a second, %i ms round trips: all the work within 1.4x of the minimum the limit allows',
		async (_name, limit, roundTripMs, layout) => {
			// The layouts are written for 5 a second; a higher limit gets proportionally more items.
			const processes: SimulatedProcess[] = layout.map(([items, startAtMs]) => ({ items: (items * limit) / 5, startAtMs }));
			const outcomes = await simulate(limit, roundTripMs, processes);
			const items = processes.reduce((sum, p) => sum + p.items, 0);
			const lastAnswer = Math.max(...outcomes.map((o) => o.finishedAtMs));
			expect(lastAnswer).toBeLessThanOrEqual(1.4 * (items / limit) * 1000);
			// Every item was accepted once: the attempts beyond the items are the 429s.
			for (const [i, o] of outcomes.entries()) expect(o.attempts - o.throttled).toBe(processes[i].items);
		},
	);
});
