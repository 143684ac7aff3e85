import type { INodeProperties } from 'n8n-workflow';

import { optionsField, tagListField } from '../../shared/descriptions';
import { DATA_VOLUME_MIN_GB, ROOT_VOLUME_MIN_GB, VOLUME_MAX_GB } from '../../shared/validation';

/** The fields of Desktop > Create (see create.ts for what it sends). */

export const show = { resource: ['desktop'], operation: ['create'] };
export const DEFAULT_CREATE_TIMEOUT_MINUTES = 30;

const ID_VALIDATION = [
	{
		type: 'regex' as const,
		properties: { regex: '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$', errorMessage: 'An ID contains only letters, digits, "-", "_" and "."' },
	},
];

/** A catalogue entry picked from Huawei's list, or typed as an ID. */
function pickerField(name: string, displayName: string, method: string, description: string, example: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${displayName.toLowerCase()}...`,
				typeOptions: { searchListMethod: method, searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: `e.g. ${example}`, validation: ID_VALIDATION },
		],
	};
}

const volumeTypes = [
	{ name: 'High I/O (SAS)', value: 'SAS' },
	{ name: 'Ultra-High I/O (SSD)', value: 'SSD' },
	{ name: 'General Purpose SSD (GPSSD)', value: 'GPSSD' },
];

export const createFields: INodeProperties[] = [
	{
		displayName: 'Desktop Type',
		name: 'desktopType',
		type: 'options',
		default: 'DEDICATED',
		options: [
			{ name: 'Dedicated (One User)', value: 'DEDICATED' },
			{ name: 'Shared (Several Users)', value: 'SHARED' },
		],
		displayOptions: { show },
	},
	pickerField('productId', 'Product', 'searchProducts', 'The desktop package (CPU, memory): its product_id', 'workspace.x86.ultimate.large2'),
	{
		displayName: 'Image Type',
		name: 'imageType',
		type: 'options',
		default: 'gold',
		options: [
			{ name: 'Public Image', value: 'gold', description: "One of Huawei's images" },
			{ name: 'Private Image', value: 'private', description: 'An image of this account' },
		],
		displayOptions: { show },
	},
	pickerField('imageId', 'Image', 'searchImages', 'The image the desktop starts from, of the Image Type above', 'a6b1f2c3-0000-4000-8000-00000000w10a'),
	{
		displayName: 'Root Volume Type',
		name: 'rootVolumeType',
		type: 'options',
		default: 'SAS',
		options: volumeTypes,
		description: 'The disk type of the system disk; it must be one the region offers',
		displayOptions: { show },
	},
	{
		displayName: 'Root Volume Size (GB)',
		name: 'rootVolumeSize',
		type: 'number',
		typeOptions: { minValue: ROOT_VOLUME_MIN_GB, maxValue: VOLUME_MAX_GB, numberStepSize: 10 },
		default: ROOT_VOLUME_MIN_GB,
		description: `The system disk: ${ROOT_VOLUME_MIN_GB} to ${VOLUME_MAX_GB} GB in steps of 10`,
		displayOptions: { show },
	},
	{
		displayName: 'User Name',
		name: 'userName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. alice',
		description: 'The Workspace user the desktop is for (one desktop per input item), usually an expression reading the userName that User > Create outputs',
		displayOptions: { show },
	},
	{
		displayName: 'User Email',
		name: 'userEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Where Huawei emails the user that the desktop is ready (with Email Notification)',
		displayOptions: { show },
	},
	tagListField('tags', 'Tags', 'Tags the new desktop starts with (at most 20, each key once)', show),
	optionsField(show, [
		{
			displayName: 'Availability Zone',
			name: 'availabilityZone',
			type: 'string',
			default: '',
			placeholder: 'e.g. ap-southeast-1a',
			description: 'The availability zone to create the desktop in; empty lets Huawei choose',
		},
		{
			displayName: 'Computer Name',
			name: 'computerName',
			type: 'string',
			default: '',
			placeholder: 'e.g. wks-alice',
			description: 'This desktop\'s computer name, unique in the project: 1-15 letters, digits and "-" (a Chinese character counts 2)',
		},
		{
			displayName: 'Data Volumes',
			name: 'dataVolumes',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Data Volume',
			default: {},
			options: [
				{
					displayName: 'Volume',
					name: 'volume',
					values: [
						{ displayName: 'Type', name: 'type', type: 'options', default: 'SAS', options: volumeTypes },
						{
							displayName: 'Size (GB)',
							name: 'size',
							type: 'number',
							typeOptions: { minValue: DATA_VOLUME_MIN_GB, maxValue: VOLUME_MAX_GB, numberStepSize: 10 },
							default: 100,
							description: `${DATA_VOLUME_MIN_GB} to ${VOLUME_MAX_GB} GB in steps of 10`,
						},
					],
				},
			],
		},
		{
			displayName: 'Desktop Name',
			name: 'desktopName',
			type: 'string',
			default: '',
			description:
				'For a request of one desktop its name (1-15 characters); when items are sent together, the prefix Huawei numbers their names from (1-13). Computer Name wins where given.',
		},
		{
			displayName: 'Email Notification',
			name: 'emailNotification',
			type: 'boolean',
			default: true,
			description: "Whether Huawei emails the user when the desktop is ready. Huawei's default is to send it.",
		},
		{
			displayName: 'Security Group IDs',
			name: 'securityGroupIds',
			type: 'string',
			default: '',
			description: 'Security groups for the desktop, separated by commas; empty uses those of the Workspace service',
		},
		{
			displayName: 'Subnet IDs',
			name: 'subnetIds',
			type: 'string',
			default: '',
			description: 'Subnets for the desktop\'s network cards, separated by commas; empty uses the default network card',
		},
		{
			displayName: 'Timeout (Minutes)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_CREATE_TIMEOUT_MINUTES,
			description: 'With Wait for Completion: how long to wait for the desktop before its item fails (the creation goes on)',
		},
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: true,
			description:
				"Whether to wait until Huawei's creation job has finished (checking it with growing pauses, 2 to 15 seconds) and output the new desktop; off outputs the job ID at once",
		},
	]),
];
