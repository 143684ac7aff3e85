import type { Tag } from '../../shared/validation';

/**
 * Tags as a request body carries them. When removing, an empty value is left out so that it cannot
 * be read as "only the tag whose value is empty".
 */
export function tagsForAction(action: 'create' | 'delete', tags: Tag[]): Array<{ key: string; value?: string }> {
	return action === 'delete' ? tags.map(({ key, value }) => (value === '' ? { key } : { key, value })) : tags;
}
