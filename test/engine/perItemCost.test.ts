/**
 * What n8n does for every item of a declarative run costs more than the request on loopback
 * (BENCHMARKS.md): each expression evaluation and each credential read. These tests count both
 * while a real run goes through n8n's engine, so that a field declared once per operation again,
 * or an input read twice, shows up here and not only in the benchmark.
 */
import { WorkflowExpression } from 'n8n-workflow';

import { credentialsFor, desktop, params, useEmulator } from './fixtures';
import { CredentialsStore, runNode } from './harness';

const emu = useEmulator();
const N = 200;

/** Counts n8n's evaluations of each expression string during `run`. */
async function countEvaluations<T>(run: () => Promise<T>): Promise<{ result: T; evaluations: Map<string, number> }> {
	const evaluations = new Map<string, number>();
	const prototype = WorkflowExpression.prototype as unknown as { resolveSimpleParameterValue: (value: unknown, ...rest: unknown[]) => unknown };
	const original = prototype.resolveSimpleParameterValue;
	prototype.resolveSimpleParameterValue = function (this: unknown, value: unknown, ...rest: unknown[]) {
		if (typeof value === 'string' && value.startsWith('=')) evaluations.set(value, (evaluations.get(value) ?? 0) + 1);
		return original.call(this, value, ...rest);
	};
	try {
		return { result: await run(), evaluations };
	} finally {
		prototype.resolveSimpleParameterValue = original;
	}
}

const DESKTOP_EXPRESSION = '={{ $json.desktop }}';
const KEY_EXPRESSION = "={{ 'team-' + $json.n }}";

/** One item per desktop, on desktops of their own. */
function createItems() {
	return Array.from({ length: N }, (_, n) => {
		const id = `c0570000-0000-4000-8000-${String(n).padStart(12, '0')}`;
		emu.addDesktop({ desktop_id: id, computer_name: `cost-${n}`, tags: [] });
		return { desktop: id, n };
	});
}

test('Tag > Create evaluates the Desktop expression at most 5 times and the Key expression at most 3 times per item', async () => {
	const items = createItems();
	const { result, evaluations } = await countEvaluations(() =>
		runNode({
			credentials: credentialsFor(emu, 'token'),
			parameters: params('tag', 'create', { desktopId: desktop(DESKTOP_EXPRESSION), key: KEY_EXPRESSION, value: 'x' }),
			items,
		}),
	);
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(N);
	for (const { desktop: id, n } of items) {
		expect(emu.getDesktop(id)?.tags).toEqual([{ key: `team-${n}`, value: 'x' }]);
	}
	// n8n 2.40's RoutingNode evaluates the value of every property with the parameter's name twice per
	// item (request options, then the credential's allowed-domain check), and the node reads its input
	// once: Desktop is declared twice (Desktop > Delete, and once for all tag operations), Key once.
	expect(evaluations.get(DESKTOP_EXPRESSION)).toBeLessThanOrEqual(5 * N);
	expect(evaluations.get(KEY_EXPRESSION)).toBeLessThanOrEqual(3 * N);
});

test('the node reads the credential once per run; n8n reads it once per request it authenticates', async () => {
	const store = new CredentialsStore(credentialsFor(emu, 'token'));
	const { error, items } = await runNode({
		credentials: store,
		parameters: params('tag', 'getAll', { desktopId: desktop(DESKTOP_EXPRESSION) }),
		items: createItems(),
	});
	expect(error).toBeUndefined();
	expect(items).toHaveLength(0);
	expect(emu.requests.filter((r) => r.route === 'tag.list')).toHaveLength(N);
	// N for n8n's httpRequestWithAuthentication, one for RoutingNode's set-up, one for the node.
	expect(store.reads).toBeLessThanOrEqual(N + 2);
});
