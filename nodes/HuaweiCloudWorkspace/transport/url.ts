import { encodeSegment } from '../../../credentials/common/signer';

/** Builds "/v2/{project}/a/b" with every segment percent-encoded on its own, so no value can add a segment. */
export function workspacePath(projectId: string, segments: string[]): string {
	return ['', 'v2', projectId, ...segments].map((segment, index) => (index === 0 ? '' : encodeSegment(segment))).join('/');
}
