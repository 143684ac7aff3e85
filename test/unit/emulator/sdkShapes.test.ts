/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- developer and test tooling: runs under Node, never shipped in the n8n package */
import { readFileSync } from 'fs';
import { join } from 'path';
import { SEED_IMAGES, SEED_PRODUCTS, startEmulator, type Emulator, type RouteName } from '../../emulator';
import { ROUTE_SHAPES, type RouteShape } from '../../emulator/shapes';
import { call, p } from './helpers';
import { SDK_MODELS } from './sdkModels';

/**
 * Holds every Workspace answer of the emulator against Huawei's SDK models (sdkModels.ts, typed out
 * from the Go SDK) and against the emulator's own claims (shapes.ts, also shown in INTERFACE.md):
 * an answered field the SDK model lacks, a field of the wrong JSON type, a claimed field that is
 * missing, or an answered field that is not claimed, all fail.
 */

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

type ShapedRoute = RouteShape['route'];

/** Compile-time check that every route the router knows has a declared shape. */
const EVERY_ROUTE: Record<Exclude<RouteName, 'unknown' | 'iam.login'>, true> = {
	'tag.create': true,
	'tag.delete': true,
	'tag.list': true,
	'tag.batch': true,
	'desktop.delete': true,
	'desktop.list': true,
	'desktop.listDetail': true,
	'desktop.show': true,
	'project.tags': true,
	'desktop.filter': true,
	'desktop.filterLegacy': true,
	'desktop.batchTags': true,
	'desktop.batchUntags': true,
	'desktop.action': true,
	'desktop.logoff': true,
	'job.show': true,
	'desktop.create': true,
	'product.list': true,
	'image.list': true,
	'user.create': true,
	'user.list': true,
	'user.show': true,
	'user.delete': true,
};

/** A successful request body per route that takes one. */
function bodyFor(route: ShapedRoute, desktopId: string): unknown {
	switch (route) {
		case 'tag.create':
			return { tag: { key: 'team', value: 'a' } };
		case 'tag.batch':
			return { action: 'create', tags: [{ key: 'team', value: 'a' }] };
		case 'desktop.filter':
		case 'desktop.filterLegacy':
			return { action: 'filter' };
		case 'desktop.batchTags':
		case 'desktop.batchUntags':
			return { desktops: [{ desktop_id: desktopId, tags: [{ key: 'env', value: 'dev' }] }] };
		case 'desktop.action':
			// One desktop that takes the action and one unknown, so that VmOperateResult is answered too.
			return { desktop_ids: [desktopId, 'de5fffff-0000-4000-8000-000000000000'], op_type: 'os-stop' };
		case 'desktop.logoff':
			return { desktop_ids: [desktopId], message: 'Maintenance' };
		case 'desktop.create':
			return {
				desktop_type: 'DEDICATED',
				product_id: SEED_PRODUCTS[0].product_id,
				image_type: 'gold',
				image_id: SEED_IMAGES[0].id,
				root_volume: { type: 'SAS', size: 80 },
				desktops: [{ user_name: 'dave', user_email: 'dave@example.com' }],
			};
		case 'user.create':
			return { user_name: 'dave', user_email: 'dave@example.com' };
		default:
			return undefined;
	}
}

/** A job made by a power action on another desktop, for job.show. */
async function aJobId(): Promise<string> {
	const res = await call(emu, 'POST', p(emu, '/desktops/action'), { desktop_ids: [emu.seedDesktopIds.prod01], op_type: 'reboot' });
	return String(res.json?.job_id);
}

function pathFor(shape: RouteShape, desktopId: string, jobId = ''): string {
	const userId = emu.listUsers()[0]?.id ?? '';
	return p(emu, shape.path.replace('{desktop_id}', desktopId).replace('{key}', 'env').replace('{job_id}', jobId).replace('{user_id}', userId));
}

/** Walks `value` as SDK type `type`, collecting every disagreement with the SDK or the claims. */
function walk(shape: RouteShape, value: unknown, type: string, at: string, problems: string[], reached: Set<string>): void {
	if (value === null) return;
	if (type.endsWith('[]')) {
		if (!Array.isArray(value)) return void problems.push(`${at}: expected a list of ${type.slice(0, -2)}`);
		value.forEach((v, i) => walk(shape, v, type.slice(0, -2), `${at}[${i}]`, problems, reached));
		return;
	}
	const map = /^map<(.+)>$/.exec(type);
	if (map) {
		if (!isObject(value)) return void problems.push(`${at}: expected an object (map of ${map[1]})`);
		for (const [k, v] of Object.entries(value)) walk(shape, v, map[1], `${at}.${k}`, problems, reached);
		return;
	}
	if (type === 'string' || type === 'boolean') {
		if (typeof value !== type) problems.push(`${at}: expected a ${type}, got ${JSON.stringify(value)}`);
		return;
	}
	if (type === 'integer') {
		if (!Number.isInteger(value)) problems.push(`${at}: expected an integer, got ${JSON.stringify(value)}`);
		return;
	}
	const model = SDK_MODELS[type];
	if (!model) return void problems.push(`${at}: the fixture has no model ${type}`);
	if (!isObject(value)) return void problems.push(`${at}: expected a ${type} object`);
	reached.add(type);
	const claimed = shape.answers[type];
	if (!claimed) problems.push(`${at}: answers a ${type}, which shapes.ts does not list for ${shape.route}`);
	for (const [k, v] of Object.entries(value)) {
		const fieldType = model.fields[k];
		if (fieldType === undefined) {
			problems.push(`${at}.${k}: ${type} (${model.file}) has no such field`);
			continue;
		}
		if (claimed && !claimed.includes(k)) problems.push(`${at}.${k}: answered, but not claimed in shapes.ts`);
		walk(shape, v, fieldType, `${at}.${k}`, problems, reached);
	}
	for (const k of claimed ?? []) if (!(k in value)) problems.push(`${at}: misses ${type}.${k}, which shapes.ts claims`);
}

function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

describe('the declared shapes', () => {
	test('every route has exactly one shape', () => {
		expect(ROUTE_SHAPES.map((s) => s.route).sort()).toEqual(Object.keys(EVERY_ROUTE).sort());
	});

	test.each(ROUTE_SHAPES.map((s) => [s.route, s] as const))('%s claims only fields its SDK models have', (_route, shape) => {
		expect(SDK_MODELS[shape.response]).toBeDefined();
		const unknown: string[] = [];
		for (const [model, fields] of Object.entries(shape.answers)) {
			const known = SDK_MODELS[model]?.fields;
			if (!known) unknown.push(`model ${model}`);
			else for (const f of fields) if (!(f in known)) unknown.push(`${model}.${f}`);
		}
		expect(unknown).toEqual([]);
		// A route without a body must answer a model that has no fields.
		if (Object.keys(shape.answers).length === 0) expect(SDK_MODELS[shape.response].fields).toEqual({});
	});
});

describe('each route answers in the SDK shape it claims', () => {
	test.each(ROUTE_SHAPES.map((s) => [s.route, s] as const))('%s', async (_route, shape) => {
		const desktopId = emu.seedDesktopIds.dev01;
		const jobId = shape.route === 'job.show' ? await aJobId() : '';
		const res = await call(emu, shape.method, pathFor(shape, desktopId, jobId), bodyFor(shape.route, desktopId));
		expect(emu.requests.at(-1)?.route).toBe(shape.route);
		if (Object.keys(shape.answers).length === 0) {
			expect(res.status).toBe(204);
			expect(res.text).toBe('');
			return;
		}
		expect(res.status).toBe(200);
		const problems: string[] = [];
		const reached = new Set<string>();
		walk(shape, res.json, shape.response, shape.response, problems, reached);
		expect(problems).toEqual([]);
		// Every model the claims name is really answered (the seeds have tags, users and addresses).
		expect([...reached].sort()).toEqual(Object.keys(shape.answers).sort());
	});

	test.each(['desktop.filter', 'desktop.filterLegacy'] as const)('%s with action=count answers total_count alone', async (route) => {
		const shape = ROUTE_SHAPES.find((s) => s.route === route) as RouteShape;
		const res = await call(emu, 'POST', pathFor(shape, ''), { action: 'count' });
		expect(res.json).toEqual({ total_count: 3 });
		expect(SDK_MODELS[shape.response].fields).toHaveProperty('total_count', 'integer');
	});

	test('the walker itself catches a field the model lacks, a wrong type and a missing claim', () => {
		const shape = ROUTE_SHAPES.find((s) => s.route === 'tag.list') as RouteShape;
		const problems: string[] = [];
		walk(shape, { tags: [{ key: 'a', values: ['b'] }, { key: 1, value: 'c' }] }, shape.response, 'r', problems, new Set());
		expect(problems).toEqual([
			'r.tags[0].values: Tag (model_tag.go) has no such field',
			'r.tags[0]: misses Tag.value, which shapes.ts claims',
			'r.tags[1].key: expected a string, got 1',
		]);
	});
});

describe('INTERFACE.md', () => {
	const doc = readFileSync(join(__dirname, '../../emulator/INTERFACE.md'), 'utf8');

	/** The row INTERFACE.md must hold for a shape; the table there is kept in this exact form. */
	function row(s: RouteShape): string {
		const fields = Object.entries(s.answers).map(([model, names]) => `${model}: ${names.join(', ')}`);
		const answered = fields.length ? fields.join('; ') : '(204, no body)';
		return `| \`${s.route}\` | ${s.method} ${s.path} | ${s.request} | ${s.response} | ${answered} |`;
	}

	test.each(ROUTE_SHAPES.map((s) => [s.route, s] as const))('the route table shows %s as shapes.ts declares it', (_route, shape) => {
		expect(doc.split('\n')).toContain(row(shape));
	});
});
