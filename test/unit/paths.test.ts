/**
 * Path building from API.md: each path segment is percent-encoded on its own (only A-Za-z0-9-_.~
 * stay; uppercase hex; UTF-8), so that no value can add, remove or change a segment.
 */
import { workspacePath } from '../../nodes/HuaweiCloudWorkspace/transport/url';

const PID = '0bec5db98280d2d02fd6c00c2de791ce';
const DESKTOP = 'a130ab3a-72bf-4b71-baa9-af4987c8e338';

/** Path of DELETE /v2/{pid}/desktops/{id}/tags/{key}, as the seed writes it. */
function tagPath(key: string): string {
	return workspacePath(PID, ['desktops', DESKTOP, 'tags', key]);
}

function slashCount(path: string): number {
	return path.split('/').length - 1;
}

describe('workspacePath', () => {
	it('builds /v2/{project_id}/desktops/{desktop_id}/tags as in the seed example', () => {
		expect(workspacePath('9c53a566cb3443ab910cf0daebca90c4', ['desktops', '8e07d3e9-454e-4fc9-ba56-c631d05c4712', 'tags'])).toBe(
			'/v2/9c53a566cb3443ab910cf0daebca90c4/desktops/8e07d3e9-454e-4fc9-ba56-c631d05c4712/tags',
		);
	});

	it('builds the delete-desktop path', () => {
		expect(workspacePath(PID, ['desktops', DESKTOP])).toBe(`/v2/${PID}/desktops/${DESKTOP}`);
	});

	it('builds the batch tag action path', () => {
		expect(workspacePath(PID, ['desktops', DESKTOP, 'tags', 'action'])).toBe(`/v2/${PID}/desktops/${DESKTOP}/tags/action`);
	});

	it.each<[string, string]>([
		['a b', 'a%20b'],
		['x/y', 'x%2Fy'],
		['a%2Fb', 'a%252Fb'],
		['%2e%2e', '%252e%252e'],
		['?a=b', '%3Fa%3Db'],
		['#', '%23'],
		['#frag', '%23frag'],
		["'()*!", '%27%28%29%2A%21'],
		['ключ', '%D0%BA%D0%BB%D1%8E%D1%87'],
		['😀', '%F0%9F%98%80'],
		['𝒳', '%F0%9D%92%B3'],
		['é', '%C3%A9'],
		['a+b', 'a%2Bb'],
		['a&b', 'a%26b'],
		['a;b', 'a%3Bb'],
		['a:b', 'a%3Ab'],
		['a@b', 'a%40b'],
		['a\\b', 'a%5Cb'],
		['a"b', 'a%22b'],
		['[x]', '%5Bx%5D'],
		['{x}', '%7Bx%7D'],
		['a$b,c', 'a%24b%2Cc'],
		['a=b', 'a%3Db'],
		['x.y', 'x.y'],
		['A-Za-z0-9-_.~', 'A-Za-z0-9-_.~'],
	])('encodes the tag key %j as the single segment %s', (key, encoded) => {
		const path = tagPath(key);
		expect(path).toBe(`/v2/${PID}/desktops/${DESKTOP}/tags/${encoded}`);
		expect(slashCount(path)).toBe(6);
	});

	it('percent-encodes Cyrillic as the UTF-8 bytes of each letter', () => {
		const expected = [...Buffer.from('ключ', 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
		expect(expected).toBe('%D0%BA%D0%BB%D1%8E%D1%87');
		expect(tagPath('ключ').endsWith(`/tags/${expected}`)).toBe(true);
	});

	it('uses uppercase hex digits in every escape', () => {
		const path = tagPath('ключ /?#ÿ');
		const escapes = path.match(/%[0-9A-Fa-f]{2}/g) ?? [];
		expect(escapes.length).toBeGreaterThan(0);
		for (const escape of escapes) expect(escape).toBe(escape.toUpperCase());
	});

	it('leaves only A-Za-z0-9-_.~ and escapes unencoded in a segment', () => {
		let every = '';
		for (let code = 0x20; code < 0x7f; code++) every += String.fromCharCode(code);
		const segment = tagPath(every).split('/').pop() as string;
		expect(segment).toMatch(/^(?:[A-Za-z0-9\-_.~]|%[0-9A-F]{2})+$/);
		expect(decodeURIComponent(segment)).toBe(every);
	});

	it('encodes a space as %20, never "+"', () => {
		expect(tagPath('a b c')).toMatch(/\/tags\/a%20b%20c$/);
	});

	it('encodes control characters', () => {
		expect(tagPath('a\nb\t\u0000')).toMatch(/\/tags\/a%0Ab%09%00$/);
	});

	it('keeps the number of segments whatever the values: slashes in a desktop ID and key stay inside', () => {
		const path = workspacePath(PID, ['desktops', '../..', 'tags', 'x/y/z']);
		expect(path).toBe(`/v2/${PID}/desktops/..%2F../tags/x%2Fy%2Fz`);
		expect(slashCount(path)).toBe(6);
	});

	it('encodes the project ID too, as one segment', () => {
		const path = workspacePath('p/q', ['desktops']);
		expect(path).toBe('/v2/p%2Fq/desktops');
		expect(slashCount(path)).toBe(3);
	});

	it('round-trips every segment through decodeURIComponent', () => {
		const segments = ['desktops', DESKTOP, 'tags', 'ключ 😀 ?#%/'];
		const path = workspacePath(PID, segments);
		expect(path.split('/').slice(1).map(decodeURIComponent)).toEqual(['v2', PID, ...segments]);
	});
});
