import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { optionsField } from '../../shared/descriptions';
import type { CustomOperation } from '../../shared/operation';
import { batchDesktopAction, readFlag, readTimeoutMs } from './batchAction';
import type { PowerAction } from './waitForPower';

/** op_type of BatchActionDesktopsReq for each operation. */
const OP_TYPE: Record<PowerAction, string> = {
	start: 'os-start',
	stop: 'os-stop',
	reboot: 'reboot',
	hibernate: 'os-hibernate',
};

const DEFAULT_TIMEOUT_MINUTES = 10;

function powerOptions(action: PowerAction, forceDescription?: string): INodeProperties {
	const show = { resource: ['desktop'], operation: [action] };
	return optionsField(show, [
		// Start has no Force: the SDK's type field distinguishes a normal from a forced shutdown or
		// reboot (Huawei's Terraform provider also uses it for hibernation); powering on has no forced form.
		...(forceDescription
			? [{ displayName: 'Force', name: 'force', type: 'boolean' as const, default: false, description: forceDescription }]
			: []),
		{
			displayName: 'Timeout (Minutes)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_TIMEOUT_MINUTES,
			description: 'With Wait for Completion: how long to wait for each desktop before its item fails',
		},
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: false,
			description: `Whether to wait until each desktop is ${action === 'stop' ? 'shut off' : action === 'hibernate' ? 'hibernated' : 'running'} (checking its status with growing pauses, 2 to 15 seconds) before outputting its item`,
		},
	]);
}

/** One of the four power operations: POST /desktops/action with the operation's op_type. */
export function powerOperation(
	action: PowerAction,
	info: { name: string; action: string; description: string; forceDescription?: string },
): CustomOperation {
	return {
		value: action,
		name: info.name,
		action: info.action,
		description: info.description,
		fields: [powerOptions(action, info.forceDescription)],
		execute: batchDesktopAction({
			action,
			verb: action,
			api: 'BatchRunDesktops',
			segments: ['desktops', 'action'],
			readSettings: (context, itemIndex) => {
				const options = (context.getNodeParameter('options', itemIndex, {}) as IDataObject | undefined) ?? {};
				const force = info.forceDescription !== undefined && readFlag(options, 'force', 'Force');
				const wait = readFlag(options, 'waitForCompletion', 'Wait for Completion');
				const timeoutMs = readTimeoutMs(options.timeout ?? DEFAULT_TIMEOUT_MINUTES);
				return { body: { op_type: OP_TYPE[action], type: force ? 'HARD' : 'SOFT' }, waitMs: wait ? timeoutMs : undefined };
			},
		}),
	};
}
