import { NodeHelpers, type ICredentialDataDecryptedObject, type INodeParameters } from 'n8n-workflow';

import { HuaweiCloudWorkspaceApi } from '../../credentials/HuaweiCloudWorkspaceApi.credentials';
import { credentialsFor, desktop, params, useEmulator } from './fixtures';
import { runNode } from './harness';

/**
 * Why the credential's Authentication default stays IAM Token. n8n 2.40.7's editor fills a new
 * credential's form with every default and saves `getNodeParameters(properties, form, false, ...)`,
 * i.e. only what differs from the defaults; at run time n8n's credentials helper
 * (applyDefaultsAndOverwrites) fills the missing fields with `getNodeParameters(..., true, ...)`.
 * A token credential is therefore stored without `authType`, and a new default would turn it
 * into an access-key credential with no keys.
 */
const emu = useEmulator();
const { properties } = new HuaweiCloudWorkspaceApi();

function formWithDefaults(entered: ICredentialDataDecryptedObject): INodeParameters {
	const defaults = Object.fromEntries(properties.map((p) => [p.name, p.default]));
	return { ...defaults, ...entered } as INodeParameters;
}

const savedByEditor = (form: INodeParameters) => NodeHelpers.getNodeParameters(properties, form, false, false, null, null) ?? {};
const decryptedForRun = (stored: INodeParameters) =>
	(NodeHelpers.getNodeParameters(properties, stored, true, false, null, null) ?? {}) as ICredentialDataDecryptedObject;

test('a token credential made in the editor is stored without authType', () => {
	const stored = savedByEditor(formWithDefaults(credentialsFor(emu, 'token')));
	expect(stored).not.toHaveProperty('authType');
	expect(stored.token).toBe(emu.token);
});

test('a credential stored without authType still signs in with its IAM token', async () => {
	const stored = savedByEditor(formWithDefaults(credentialsFor(emu, 'token')));
	const { error, items } = await runNode({
		credentials: decryptedForRun(stored),
		parameters: params('tag', 'getAll', { desktopId: desktop(emu.seedDesktopIds.dev01) }),
	});
	expect(error).toBeUndefined();
	expect(items.length).toBeGreaterThan(0);
	const sent = emu.requests.filter((r) => r.route === 'tag.list');
	expect(sent.map((r) => [r.headers['x-auth-token'], r.headers.authorization])).toEqual([[emu.token, undefined]]);
});

test('an access-key credential is stored with authType, so it does not depend on the default', () => {
	const stored = savedByEditor(formWithDefaults(credentialsFor(emu, 'accessKey')));
	expect(stored.authType).toBe('accessKey');
});

test('the Authentication field steers new users to Access Key for scheduled workflows', () => {
	const field = properties.find((p) => p.name === 'authType');
	expect(field?.description).toMatch(/scheduled or unattended workflows choose Access Key/);
	expect(field?.description).toMatch(/24 hours/);
});
