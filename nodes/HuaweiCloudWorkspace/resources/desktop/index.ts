import type { Resource } from '../../shared/operation';
import { deleteDesktop } from './delete';
import { getAll } from './getAll';

export const desktopResource: Resource = {
	value: 'desktop',
	name: 'Desktop',
	sharedFields: [],
	operations: [deleteDesktop, getAll],
	defaultOperation: 'delete',
};
