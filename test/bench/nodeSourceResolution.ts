/* eslint-disable @n8n/community-nodes/no-restricted-imports -- developer tooling: runs under Node, never shipped in the n8n package */
/**
 * Import this before test/engine/harness when running under tsx. The harness imports
 * `.../HuaweiCloudWorkspace.node` (and the trigger harness `...Trigger.node`); jest resolves that to the `.node.ts` source, but tsx's resolver
 * tries `.json` first and hands back the codex file `HuaweiCloudWorkspace.node.json`, so the node
 * class comes out undefined. Pointing that one request at the source fixes it without touching the harness.
 */
import Module from 'node:module';

type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const resolve = loader._resolveFilename;
loader._resolveFilename = function (request: string, ...rest: unknown[]): string {
	return resolve.call(this, /HuaweiCloudWorkspace(Trigger)?\.node$/.test(request) ? `${request}.ts` : request, ...rest);
};
