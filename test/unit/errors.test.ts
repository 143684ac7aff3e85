/**
 * Error descriptions from API.md "Errors": Workspace bodies {error_code: WKS.xxxx, error_msg},
 * gateway bodies {error_code: APIG.0301, error_msg, request_id}, IAM bodies {error: {code, message}};
 * every response carries X-Request-Id and it must be shown; advice must tell the user what to do.
 */
import { clockSkewFromDateHeader, describeHuaweiError } from '../../nodes/HuaweiCloudWorkspace/transport/huaweiErrors';

const DESKTOP = 'a130ab3a-72bf-4b71-baa9-af4987c8e338';
const context = { action: `delete desktop ${DESKTOP}`, desktopId: DESKTOP };
const REQUEST_ID = '5c3d2b1a-request-id-0001';
const MINUTE = 60 * 1000;

describe('describeHuaweiError: reading the body', () => {
	const workspaceBody = { error_code: 'WKS.0001', error_msg: 'The desktop does not exist.' };

	it('puts the Workspace error_code and error_msg in the message (body already parsed)', () => {
		const result = describeHuaweiError(404, workspaceBody, { 'X-Request-Id': REQUEST_ID }, context);
		expect(result.message).toContain('WKS.0001');
		expect(result.message).toContain('The desktop does not exist.');
		expect(result.errorCode).toBe('WKS.0001');
		expect(result.errorMsg).toBe('The desktop does not exist.');
		expect(result.status).toBe(404);
	});

	it('reads the same Workspace body when it arrives as a JSON string', () => {
		const result = describeHuaweiError(404, JSON.stringify(workspaceBody), { 'X-Request-Id': REQUEST_ID }, context);
		expect(result.message).toContain('WKS.0001');
		expect(result.message).toContain('The desktop does not exist.');
	});

	it('reads the same Workspace body when it arrives as a Buffer', () => {
		const result = describeHuaweiError(
			404,
			Buffer.from(JSON.stringify(workspaceBody), 'utf8'),
			{ 'X-Request-Id': REQUEST_ID },
			context,
		);
		expect(result.message).toContain('WKS.0001');
		expect(result.message).toContain('The desktop does not exist.');
	});

	it('reads a gateway body (APIG.0301) and shows its code and message', () => {
		const body = { error_code: 'APIG.0301', error_msg: 'Incorrect IAM authentication information', request_id: 'gw-req-77' };
		const result = describeHuaweiError(401, body, {}, { action: 'list tags' });
		expect(result.message).toContain('APIG.0301');
		expect(result.message).toContain('Incorrect IAM authentication information');
	});

	it('falls back to the gateway body request_id when there is no X-Request-Id header', () => {
		const body = { error_code: 'APIG.0301', error_msg: 'Incorrect IAM authentication information', request_id: 'gw-req-77' };
		const result = describeHuaweiError(401, body, {}, { action: 'list tags' });
		expect(result.description).toContain('gw-req-77');
	});

	it('reads an IAM-style body {"error":{"code","message"}}', () => {
		const body = { error: { code: '1101', message: 'The username or password is wrong.', title: 'Unauthorized' } };
		const result = describeHuaweiError(401, body, { 'x-request-id': REQUEST_ID }, { action: 'log in' });
		expect(result.message).toContain('1101');
		expect(result.message).toContain('The username or password is wrong.');
	});

	it('copes with an HTML body without throwing, still giving status and advice', () => {
		const html = '<html><body><h1>502 Bad Gateway</h1></body></html>';
		const result = describeHuaweiError(502, html, { 'X-Request-Id': REQUEST_ID }, context);
		expect(result.message).toContain('502');
		expect(result.errorCode).toBeUndefined();
		expect(result.description).toContain(REQUEST_ID);
		expect(result.description).toMatch(/later/i);
	});

	it('copes with a non-JSON text body', () => {
		const result = describeHuaweiError(500, 'upstream connect error', {}, context);
		expect(result.message).toContain('500');
		expect(result.description).toMatch(/later/i);
	});

	it('copes with a truncated JSON body', () => {
		const result = describeHuaweiError(500, '{"error_code":"WKS.', {}, context);
		expect(result.message).toContain('500');
	});

	it.each<[string, unknown]>([
		['an empty string', ''],
		['undefined', undefined],
		['null', null],
		['an empty Buffer', Buffer.alloc(0)],
	])('copes with %s as the body', (_name, body) => {
		const result = describeHuaweiError(503, body, { 'X-Request-Id': REQUEST_ID }, context);
		expect(result.message).toContain('503');
		expect(result.description).toContain(REQUEST_ID);
	});

	it('copes with missing headers', () => {
		const result = describeHuaweiError(500, { error_code: 'WKS.0500', error_msg: 'Internal error' }, undefined, context);
		expect(result.message).toContain('WKS.0500');
		expect(result.requestId).toBeUndefined();
	});

	it('says what the item was doing in the message', () => {
		const result = describeHuaweiError(500, workspaceBody, {}, context);
		expect(result.message).toContain(context.action);
	});
});

describe('describeHuaweiError: X-Request-Id', () => {
	it.each([['X-Request-Id'], ['x-request-id'], ['X-REQUEST-ID'], ['x-Request-ID']])(
		'shows the request ID from header %s (header names are case-insensitive)',
		(name) => {
			const result = describeHuaweiError(500, { error_code: 'WKS.0500', error_msg: 'Internal error' }, { [name]: REQUEST_ID }, context);
			expect(result.description).toContain(REQUEST_ID);
			expect(result.requestId).toBe(REQUEST_ID);
		},
	);

	it('prefers the header over a request_id in the body', () => {
		const body = { error_code: 'APIG.0308', error_msg: 'Too many requests', request_id: 'body-id' };
		const result = describeHuaweiError(429, body, { 'X-Request-Id': REQUEST_ID }, context);
		expect(result.description).toContain(REQUEST_ID);
	});
});

describe('describeHuaweiError: advice by status', () => {
	it('401: tells the user the token is wrong or has expired', () => {
		const result = describeHuaweiError(401, { error_code: 'APIG.0301', error_msg: 'Incorrect IAM authentication information' }, {}, context);
		expect(result.description).toMatch(/token/i);
		expect(result.description).toMatch(/expired|wrong/i);
		expect(result.description).not.toMatch(/clock/i);
	});

	it('401 with the local clock 20 minutes ahead of Huawei: points at the machine clock', () => {
		const result = describeHuaweiError(401, { error_code: 'APIG.0301', error_msg: 'x' }, {}, { ...context, clockSkewMs: 20 * MINUTE });
		expect(result.description).toMatch(/clock/i);
	});

	it('401 with the local clock 20 minutes behind Huawei: also points at the machine clock', () => {
		const result = describeHuaweiError(401, { error_code: 'APIG.0301', error_msg: 'x' }, {}, { ...context, clockSkewMs: -20 * MINUTE });
		expect(result.description).toMatch(/clock/i);
	});

	it('401 with a small skew (5 minutes, within the 15 allowed): token advice, not the clock', () => {
		const result = describeHuaweiError(401, { error_code: 'APIG.0301', error_msg: 'x' }, {}, { ...context, clockSkewMs: 5 * MINUTE });
		expect(result.description).not.toMatch(/clock/i);
		expect(result.description).toMatch(/token/i);
	});

	it('403: mentions permissions and the project', () => {
		const result = describeHuaweiError(403, { error_code: 'WKS.0403', error_msg: 'Forbidden' }, {}, context);
		expect(result.description).toMatch(/permission/i);
		expect(result.description).toMatch(/project/i);
	});

	it('404 with a desktop ID: says that desktop was not found, naming it', () => {
		const result = describeHuaweiError(404, { error_code: 'WKS.0001', error_msg: 'Not found' }, {}, context);
		expect(result.description).toContain(DESKTOP);
		expect(result.description).toMatch(/not found/i);
		expect(result.description).toMatch(/desktop/i);
	});

	it.each([['APIG.0101'], ['APIGW.0101']])('404 from the gateway (%s): points at the endpoint or region', (code) => {
		const result = describeHuaweiError(404, { error_code: code, error_msg: 'The API does not exist or has not been published' }, {}, context);
		expect(result.description).toMatch(/endpoint|region/i);
		expect(result.description).not.toContain(`Desktop "${DESKTOP}" was not found`);
	});

	it('409: says the desktop is busy', () => {
		const result = describeHuaweiError(409, { error_code: 'WKS.0409', error_msg: 'Operation conflict' }, {}, context);
		expect(result.description).toMatch(/busy/i);
	});

	it('429: says Huawei is throttling requests', () => {
		const result = describeHuaweiError(429, { error_code: 'APIG.0308', error_msg: 'The request is throttled' }, {}, context);
		expect(result.description).toMatch(/throttl/i);
	});

	it.each([[500], [502], [503], [504]])('%i: advises trying again later', (status) => {
		const result = describeHuaweiError(status, { error_code: 'WKS.0500', error_msg: 'Internal error' }, {}, context);
		expect(result.description).toMatch(/try again later|later/i);
	});

	it('includes Huawei\'s own message and the error code in the description', () => {
		const result = describeHuaweiError(409, { error_code: 'WKS.0409', error_msg: 'Operation conflict' }, { 'X-Request-Id': REQUEST_ID }, context);
		expect(result.description).toContain('WKS.0409');
		expect(result.description).toContain('Operation conflict');
		expect(result.description).toContain(REQUEST_ID);
	});
});

describe('clockSkewFromDateHeader', () => {
	const serverDate = 'Tue, 15 Nov 2022 08:12:31 GMT';
	const serverMs = Date.UTC(2022, 10, 15, 8, 12, 31);

	it('returns local clock minus server clock from the Date header', () => {
		expect(clockSkewFromDateHeader({ date: serverDate }, serverMs + 20 * MINUTE)).toBe(20 * MINUTE);
	});

	it('is negative when the local clock is behind', () => {
		expect(clockSkewFromDateHeader({ date: serverDate }, serverMs - 3000)).toBe(-3000);
	});

	it('is zero when the clocks agree', () => {
		expect(clockSkewFromDateHeader({ date: serverDate }, serverMs)).toBe(0);
	});

	it('reads the header in any case', () => {
		expect(clockSkewFromDateHeader({ Date: serverDate }, serverMs + 1000)).toBe(1000);
		expect(clockSkewFromDateHeader({ DATE: serverDate }, serverMs + 1000)).toBe(1000);
	});

	it('returns undefined without a Date header', () => {
		expect(clockSkewFromDateHeader({}, serverMs)).toBeUndefined();
		expect(clockSkewFromDateHeader(undefined, serverMs)).toBeUndefined();
	});

	it('returns undefined for an unparseable Date header', () => {
		expect(clockSkewFromDateHeader({ date: 'not a date' }, serverMs)).toBeUndefined();
	});

	it('feeds describeHuaweiError: a 20 minute skew read from Date yields clock advice on 401', () => {
		const headers = { date: serverDate, 'x-request-id': REQUEST_ID };
		const clockSkewMs = clockSkewFromDateHeader(headers, serverMs + 20 * MINUTE);
		const result = describeHuaweiError(401, { error_code: 'APIG.0301', error_msg: 'x' }, headers, { ...context, clockSkewMs });
		expect(result.description).toMatch(/clock/i);
		expect(result.description).toContain(REQUEST_ID);
	});
});

describe('describeHuaweiError: a user name that is taken', () => {
	const user = { action: 'create user alice', userName: 'alice' };
	const body = (msg: string) => ({ error_code: 'WKS.9999', error_msg: msg });

	test('a 409 on a user request says "user alice already exists", keeping code, message and request ID', () => {
		const result = describeHuaweiError(409, body('Conflict.'), { 'X-Request-Id': 'r-1' }, user);
		expect(result.message).toBe('Could not create user alice: user alice already exists (HTTP 409 WKS.9999 - Conflict.)');
		expect(result.description).toContain('User alice already exists in this project');
		expect(result.description).toContain('Request ID: r-1');
	});

	test('a 400 whose message says "already exists" reads the same; another 400 does not', () => {
		expect(describeHuaweiError(400, body('The user already exists.'), {}, user).message).toContain('user alice already exists');
		expect(describeHuaweiError(400, body('Invalid email.'), {}, user).message).not.toContain('already exists');
	});

	test('a 409 elsewhere keeps the busy-desktop advice', () => {
		const result = describeHuaweiError(409, body('Conflict.'), {}, { action: 'delete desktop d1', desktopId: 'd1' });
		expect(result.message).not.toContain('already exists');
		expect(result.description).toContain('busy with another operation');
	});
});
