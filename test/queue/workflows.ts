/**
 * The queue suite's workflows: a production webhook (so the main instance puts each call on the queue
 * and a worker runs it) whose body lists the desktops, Split Out makes one item per desktop, and one
 * node of the package works on them.
 */
import { COMMUNITY_NODE_TYPE, n8nId, withCredential, type WorkflowJson, type WorkflowNodeJson } from '../e2e/n8n';

const rl = (value: string) => ({ __rl: true, mode: 'id', value });

/** Body the webhooks take: the desktops to work on and a label for this call. */
export interface WebhookBody {
	run: string;
	desktops: Array<{ desktopId: string }>;
}

let nodeCount = 0;
const nodeId = () => `c0000000-0000-4000-8000-${String(++nodeCount).padStart(12, '0')}`;

export function webhookWorkflow(
	label: string,
	credential: { id: string; name: string },
	step: { name: string; parameters: Record<string, unknown> },
): WorkflowJson & { path: string } {
	const path = `queue-${label}`;
	const nodes: WorkflowNodeJson[] = [
		{
			id: nodeId(),
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: `d0000000-0000-4000-8000-${String(++nodeCount).padStart(12, '0')}`,
			parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
		},
		{
			id: nodeId(),
			name: 'One item per desktop',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [220, 0],
			parameters: { fieldToSplitOut: 'body.desktops', include: 'noOtherFields', options: {} },
		},
		{
			id: nodeId(),
			name: step.name,
			type: COMMUNITY_NODE_TYPE,
			typeVersion: 1,
			position: [440, 0],
			parameters: step.parameters,
		},
	];
	const workflow = withCredential(
		{
			id: n8nId(`wfq${label}`),
			name: `queue ${label}`,
			nodes,
			connections: {
				Webhook: { main: [[{ node: 'One item per desktop', type: 'main', index: 0 }]] },
				'One item per desktop': { main: [[{ node: step.name, type: 'main', index: 0 }]] },
			},
		},
		credential,
	);
	return { ...workflow, path };
}

/** Tag > Create: key `run`, value the call's label, on each desktop. */
export const tagCreate = (label: string, credential: { id: string; name: string }) =>
	webhookWorkflow(label, credential, {
		name: 'Tag each desktop',
		parameters: {
			resource: 'tag',
			operation: 'create',
			desktopId: rl('={{ $json.desktopId }}'),
			key: 'run',
			value: "={{ $('Webhook').first().json.body.run }}",
		},
	});

/** Tag > Add to Many Desktops: the same, through the batch API. */
export const tagBulkCreate = (label: string, credential: { id: string; name: string }) =>
	webhookWorkflow(label, credential, {
		name: 'Tag many desktops',
		parameters: {
			resource: 'tag',
			operation: 'bulkCreate',
			desktopId: rl('={{ $json.desktopId }}'),
			tags: { tag: [{ key: 'bulk', value: "={{ $('Webhook').first().json.body.run }}" }] },
		},
	});

/** Desktop > Delete. */
export const desktopDelete = (label: string, credential: { id: string; name: string }) =>
	webhookWorkflow(label, credential, {
		name: 'Delete each desktop',
		parameters: { resource: 'desktop', operation: 'delete', desktopId: rl('={{ $json.desktopId }}') },
	});
