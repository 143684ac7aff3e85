import { credentialsFor, desktop, params, useEmulator } from './fixtures';
import { runNode } from './harness';

const emu = useEmulator();

const token = () => credentialsFor(emu, 'token');

test('Delete removes the desktop and sends no flags the user did not set', async () => {
	const id = emu.seedDesktopIds.dev02;
	const { items } = await runNode({
		credentials: token(),
		parameters: params('desktop', 'delete', { desktopId: desktop(id) }),
	});
	expect(items.map((i) => i.json)).toEqual([{ success: true, desktopId: id, deleted: true }]);
	expect(emu.getDesktop(id)).toBeUndefined();
	expect(emu.listDesktops()).toHaveLength(2);
	expect(emu.requests).toHaveLength(1);
	expect(emu.requests[0].method).toBe('DELETE');
	expect(emu.requests[0].rawPath).toBe(`/v2/${emu.projectId}/desktops/${id}`);
	expect(emu.requests[0].query).toBe('');
});

test('Delete sends each option the user set, true or false', async () => {
	const id = emu.seedDesktopIds.dev01;
	await runNode({
		credentials: token(),
		parameters: params('desktop', 'delete', {
			desktopId: desktop(id),
			options: { deleteUsers: true, emailNotification: false, forceDelete: true },
		}),
	});
	expect(emu.deletedDesktops).toEqual([
		{ desktop_id: id, query: { delete_users: 'true', email_notification: 'false', is_force_delete: 'true' } },
	]);
});

test('a busy desktop is not deleted and the error says it is busy', async () => {
	const id = emu.seedDesktopIds.prod01;
	emu.updateDesktop(id, { busy: true });
	const { error } = await runNode({
		credentials: token(),
		parameters: params('desktop', 'delete', { desktopId: desktop(id) }),
	});
	expect(error?.message).toMatch(/HTTP 409/);
	expect(error?.description).toMatch(/busy/);
	expect(emu.getDesktop(id)).toBeDefined();
});

test('deleting an unknown desktop reports it was not found and deletes nothing', async () => {
	const { error } = await runNode({
		credentials: token(),
		parameters: params('desktop', 'delete', { desktopId: desktop('0000-unknown') }),
	});
	expect(error?.message).toMatch(/HTTP 404/);
	expect(error?.description).toContain('Desktop "0000-unknown" was not found');
	expect(emu.listDesktops()).toHaveLength(3);
});

test('an empty desktop ID is refused before anything is sent', async () => {
	const { error } = await runNode({
		credentials: token(),
		parameters: params('desktop', 'delete', { desktopId: desktop('={{ $json.id }}') }),
		items: [{ id: '  ' }],
	});
	expect(error?.message).toMatch(/Desktop ID is required/);
	expect(emu.requests).toHaveLength(0);
	expect(emu.listDesktops()).toHaveLength(3);
});
