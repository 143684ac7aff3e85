/**
 * Real n8n runs the shipped example examples/remove-owner-from-dev-desktops.json against the emulator:
 * Desktop > Get Many (tag env=dev) -> Tag > Remove from Many Desktops (owner). Three n8n boots in all:
 * import:credentials, import:workflow and one execute.
 */
import { startEmulator, type Emulator } from '../emulator';
import { itemsOf, N8nInstance, runExample, type RunResult } from './n8n';

const DEV = 150;
const PROD = 3;
const dev = (n: number) => `e2eb0000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const prod = (n: number) => `e2eb0000-0000-4000-9000-${String(n).padStart(12, '0')}`;

let emu: Emulator;
let n8n: N8nInstance;
let result: RunResult;
let token = '';

beforeAll(async () => {
	emu = await startEmulator({ seed: false });
	for (let n = 0; n < DEV; n++) {
		emu.addDesktop({
			desktop_id: dev(n),
			computer_name: `dev-${n}`,
			tags: [{ key: 'env', value: 'dev' }, { key: 'owner', value: `user${n}` }],
		});
	}
	for (let n = 0; n < PROD; n++) {
		emu.addDesktop({
			desktop_id: prod(n),
			computer_name: `prod-${n}`,
			tags: [{ key: 'env', value: 'prod' }, { key: 'owner', value: `user${n}` }],
		});
	}

	({ n8n, result, token } = await runExample(emu, 'remove-owner-from-dev-desktops.json', 'bulk'));
});

afterAll(async () => {
	await n8n?.dispose();
	await emu?.close();
});

test('the run succeeds', () => {
	expect(result.error).toBeUndefined();
	expect(result.success).toBe(true);
});

test('every desktop tagged env=dev lost its owner tag and kept env', () => {
	for (let n = 0; n < DEV; n++) expect(emu.getDesktop(dev(n))?.tags).toEqual([{ key: 'env', value: 'dev' }]);
});

test('desktops tagged env=prod kept their owner tag', () => {
	for (let n = 0; n < PROD; n++) {
		expect(emu.getDesktop(prod(n))?.tags).toEqual([
			{ key: 'env', value: 'prod' },
			{ key: 'owner', value: `user${n}` },
		]);
	}
});

test('one list request, two look-ups and two batch requests (100 + 50 desktops) were sent', () => {
	const sent = emu.requests.filter((r) => r.headers['x-auth-token'] === token);
	// Get Many, then Remove From Many Desktops: it looks the desktops up (100 IDs a request), then sends.
	expect(sent.map((r) => r.route)).toEqual(['desktop.list', 'desktop.list', 'desktop.list', 'desktop.batchUntags', 'desktop.batchUntags']);
	expect(sent.slice(1, 3).map((r) => new URLSearchParams(r.query).getAll('desktop_id').length)).toEqual([100, 50]);
	const sizes = sent
		.filter((r) => r.route === 'desktop.batchUntags')
		.map((r) => (JSON.parse(r.body) as { desktops: unknown[] }).desktops.length)
		.sort((a, b) => b - a);
	expect(sizes).toEqual([100, 50]);
});

test("n8n's output: one item per dev desktop, paired, naming the desktop and the key", () => {
	const listed = itemsOf(result, 'Desktops tagged env=dev');
	expect(listed).toHaveLength(DEV);
	const removed = itemsOf(result, 'Remove tag owner');
	expect(removed).toHaveLength(DEV);
	removed.forEach((item, index) => {
		expect(item).toEqual({
			success: true,
			desktopId: listed[index].desktop_id,
			action: 'delete',
			keys: ['owner'],
			untagged: true,
			requestIndex: index < 100 ? 0 : 1,
		});
	});
	const runs = result.runData['Remove tag owner'];
	const paired = runs[runs.length - 1].data?.main?.[0]?.map((item) => item.pairedItem);
	expect(paired).toEqual(listed.map((_, item) => ({ item })));
});
