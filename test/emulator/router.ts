import type { Handler } from './routes/context';
import { listDesktops, listDesktopsDetail, deleteDesktop, showDesktop } from './routes/desktops';
import { createTag, deleteTag, listTags, batchTagAction } from './routes/desktopTags';
import { projectTags } from './routes/projectTags';
import { filterDesktops } from './routes/resourceFilter';
import { batchTagDesktops, batchUntagDesktops } from './routes/batchTags';
import { logoffDesktops, runDesktopsAction, showJob } from './routes/power';
import { listImages, listProducts } from './routes/catalogue';
import { createDesktops } from './routes/createDesktops';
import { createUser, deleteUser, listUsers, showUser } from './routes/users';
import type { RouteName } from './types';

/** Pattern segments: literals, or `{name}` which captures one decoded segment verbatim. */
interface RouteDef {
	name: Exclude<RouteName, 'unknown'>;
	method: string;
	pattern: string[];
	handler?: Handler;
}

const ROUTES: RouteDef[] = [
	{ name: 'iam.login', method: 'POST', pattern: ['v3', 'auth', 'tokens'] },
	// Literal segments come before `{desktop_id}` routes, so `desktops/tags` is never a desktop id.
	{ name: 'desktop.list', method: 'GET', pattern: ['v2', '{project_id}', 'desktops'], handler: listDesktops },
	{ name: 'desktop.create', method: 'POST', pattern: ['v2', '{project_id}', 'desktops'], handler: createDesktops },
	{ name: 'product.list', method: 'GET', pattern: ['v2', '{project_id}', 'products'], handler: listProducts },
	{ name: 'image.list', method: 'GET', pattern: ['v2', '{project_id}', 'images'], handler: listImages },
	{ name: 'user.create', method: 'POST', pattern: ['v2', '{project_id}', 'users'], handler: createUser },
	{ name: 'user.list', method: 'GET', pattern: ['v2', '{project_id}', 'users'], handler: listUsers },
	{ name: 'user.show', method: 'GET', pattern: ['v2', '{project_id}', 'users', '{user_id}'], handler: showUser },
	{ name: 'user.delete', method: 'DELETE', pattern: ['v2', '{project_id}', 'users', '{user_id}'], handler: deleteUser },
	{ name: 'desktop.listDetail', method: 'GET', pattern: ['v2', '{project_id}', 'desktops', 'detail'], handler: listDesktopsDetail },
	{ name: 'project.tags', method: 'GET', pattern: ['v2', '{project_id}', 'desktops', 'tags'], handler: projectTags },
	{ name: 'desktop.filter', method: 'POST', pattern: ['v2', '{project_id}', 'desktops', 'resource-instances', 'action'], handler: filterDesktops },
	{ name: 'desktop.filterLegacy', method: 'POST', pattern: ['v2', '{project_id}', 'desktops', 'resource_instances', 'action'], handler: filterDesktops },
	{ name: 'desktop.batchTags', method: 'POST', pattern: ['v2', '{project_id}', 'desktops', 'batch-tags'], handler: batchTagDesktops },
	{ name: 'desktop.batchUntags', method: 'DELETE', pattern: ['v2', '{project_id}', 'desktops', 'batch-tags'], handler: batchUntagDesktops },
	{ name: 'desktop.action', method: 'POST', pattern: ['v2', '{project_id}', 'desktops', 'action'], handler: runDesktopsAction },
	{ name: 'desktop.logoff', method: 'POST', pattern: ['v2', '{project_id}', 'desktops', 'logoff'], handler: logoffDesktops },
	{ name: 'job.show', method: 'GET', pattern: ['v2', '{project_id}', 'workspace-jobs', '{job_id}'], handler: showJob },
	{ name: 'desktop.show', method: 'GET', pattern: ['v2', '{project_id}', 'desktops', '{desktop_id}'], handler: showDesktop },
	{ name: 'desktop.delete', method: 'DELETE', pattern: ['v2', '{project_id}', 'desktops', '{desktop_id}'], handler: deleteDesktop },
	{ name: 'tag.create', method: 'POST', pattern: ['v2', '{project_id}', 'desktops', '{desktop_id}', 'tags'], handler: createTag },
	{ name: 'tag.list', method: 'GET', pattern: ['v2', '{project_id}', 'desktops', '{desktop_id}', 'tags'], handler: listTags },
	{ name: 'tag.batch', method: 'POST', pattern: ['v2', '{project_id}', 'desktops', '{desktop_id}', 'tags', 'action'], handler: batchTagAction },
	{ name: 'tag.delete', method: 'DELETE', pattern: ['v2', '{project_id}', 'desktops', '{desktop_id}', 'tags', '{key}'], handler: deleteTag },
];

export interface RouteMatch {
	name: RouteName;
	params: Record<string, string>;
	handler?: Handler;
}

export function matchRoute(method: string, segments: string[]): RouteMatch {
	for (const r of ROUTES) {
		if (r.method !== method || r.pattern.length !== segments.length) continue;
		const params: Record<string, string> = {};
		const hit = r.pattern.every((p, i) => {
			if (p.startsWith('{')) {
				// An empty segment (`//`, trailing `/`) never fills a variable: APIG would not route it.
				if (segments[i] === '') return false;
				params[p.slice(1, -1)] = segments[i];
				return true;
			}
			return p === segments[i];
		});
		if (hit) return { name: r.name, params, handler: r.handler };
	}
	return { name: 'unknown', params: {} };
}
