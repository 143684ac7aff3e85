import { NodeHelpers, type INode, type INodeParameters, type INodeProperties } from 'n8n-workflow';

import { credentialsFor, desktop, params, useEmulator } from './fixtures';
import { loadedNode, runNode } from './harness';

/**
 * New nodes pick the Desktop From List; it used to default to By ID. n8n saves only values that
 * differ from their default (NodeHelpers.getNodeParameters with returnDefaults off, as the editor
 * calls it) and fills the rest in from the current default when it loads a workflow. The editor
 * gives a new node's locator `{ __rl: true, ...default }`, which never equals the declared default,
 * so every node it saved keeps its Desktop and mode: these tests save nodes under the old default
 * and load them under the new one.
 */
const emu = useEmulator();

const NODE: INode = { id: 'n', name: 'Workspace', type: 'CUSTOM.huaweiCloudWorkspace', typeVersion: 1, position: [0, 0], parameters: {} };

/** The node's properties as they were before, with By ID as the Desktop default. */
function oldProperties(): INodeProperties[] {
	return loadedNode().description.properties.map((p) =>
		p.name === 'desktopId' ? { ...p, default: { mode: 'id', value: '' } } : p,
	);
}

const newProperties = () => loadedNode().description.properties;

/** What the editor does when a node is added: every default of the shown fields. */
const addedInEditor = (properties: INodeProperties[], choice: INodeParameters) =>
	NodeHelpers.getNodeParameters(properties, choice, true, false, NODE, loadedNode().description) ?? {};

/** What the editor saves: only the values that differ from the defaults. */
const savedByEditor = (properties: INodeProperties[], parameters: INodeParameters) =>
	NodeHelpers.getNodeParameters(properties, parameters, false, false, NODE, loadedNode().description) ?? {};

const PER_DESKTOP = [
	{ resource: 'tag', operation: 'create' },
	{ resource: 'tag', operation: 'getAll' },
	{ resource: 'desktop', operation: 'stop' },
	{ resource: 'desktop', operation: 'delete' },
];

test.each(PER_DESKTOP)('a new $resource > $operation node picks its desktop From List', (choice) => {
	expect(addedInEditor(newProperties(), choice).desktopId).toEqual({ __rl: true, mode: 'list', value: '' });
});

test.each(PER_DESKTOP)('a $resource > $operation node saved under the By ID default still reads By ID', (choice) => {
	const stored = savedByEditor(oldProperties(), addedInEditor(oldProperties(), choice));
	expect(stored.desktopId).toEqual({ __rl: true, mode: 'id', value: '' });
	expect(addedInEditor(newProperties(), stored).desktopId).toEqual({ __rl: true, mode: 'id', value: '' });
});

test('a node saved under the By ID default with an expression runs on the same desktops as before', async () => {
	const ids = [emu.seedDesktopIds.dev01, emu.seedDesktopIds.dev02];
	const added = addedInEditor(oldProperties(), { resource: 'tag', operation: 'create' });
	const edited = { ...added, desktopId: desktop('={{ $json.id }}'), key: 'team', value: 'blue' };
	const stored = savedByEditor(oldProperties(), edited);
	const { items, error } = await runNode({
		credentials: credentialsFor(emu, 'token'),
		parameters: params('tag', 'create', stored),
		items: ids.map((id) => ({ id })),
	});
	expect(error).toBeUndefined();
	expect(items.map((i) => i.json.desktopId)).toEqual(ids);
	for (const id of ids) expect(emu.getDesktop(id)?.tags).toContainEqual({ key: 'team', value: 'blue' });
});

test('a workflow written without any Desktop is refused by n8n naming the field, sending nothing, as before', async () => {
	const run = runNode({ credentials: credentialsFor(emu, 'token'), parameters: params('tag', 'getAll', {}) });
	await expect(run).rejects.toThrow(/Parameter "Desktop" is required/);
	expect(emu.requests).toEqual([]);
});

test('a desktop picked From List is the one acted on', async () => {
	const id = emu.seedDesktopIds.prod01;
	const picked = { __rl: true, mode: 'list', value: id, cachedResultName: 'prod01' };
	const stored = savedByEditor(newProperties(), { resource: 'tag', operation: 'delete', desktopId: picked, key: 'owner' });
	expect(stored.desktopId).toEqual(picked);
	const { items, error } = await runNode({ credentials: credentialsFor(emu, 'token'), parameters: params('tag', 'delete', stored) });
	expect(error).toBeUndefined();
	expect(items.map((i) => i.json)).toEqual([{ success: true, deleted: true, desktopId: id, key: 'owner' }]);
	expect(emu.getDesktop(id)?.tags.map((t) => t.key)).not.toContain('owner');
});
