import type {
	IDataObject,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { workspaceBaseUrl } from '../../../credentials/common/endpoints';
import { describeHuaweiError } from '../shared/errors';
import { CREDENTIAL_TYPE, workspacePath } from '../shared/transport';

/** Desktops per page of the picker: enough to scroll, small enough to answer fast. */
export const SEARCH_PAGE_SIZE = 100;

function pickerName(desktop: IDataObject): string {
	const name = typeof desktop.computer_name === 'string' && desktop.computer_name !== '' ? desktop.computer_name : String(desktop.desktop_id);
	return typeof desktop.user_name === 'string' && desktop.user_name !== '' ? `${name} (${desktop.user_name})` : name;
}

/**
 * The "From List" mode of the Desktop picker: desktops whose computer name contains the search
 * text, one page at a time; the pagination token is the next offset.
 */
export async function searchDesktops(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const projectId = String(credentials.projectId ?? '').trim();
	if (projectId === '') throw new NodeOperationError(this.getNode(), 'The credential has no Project ID');
	let baseURL: string;
	try {
		baseURL = workspaceBaseUrl(credentials);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message);
	}
	const offset = /^\d+$/.test(paginationToken ?? '') ? Number(paginationToken) : 0;
	const qs: IDataObject = { offset, limit: SEARCH_PAGE_SIZE };
	const name = (filter ?? '').trim();
	if (name !== '') qs.computer_name = name;
	const options: IHttpRequestOptions = {
		method: 'GET',
		baseURL,
		url: workspacePath(projectId, ['desktops']),
		qs,
		json: true,
		headers: { Accept: 'application/json' },
		returnFullResponse: true,
		// Same status handling as the operations (shared/transport.ts prepareRequest).
		ignoreHttpStatusErrors: credentials.authType === 'password' ? { ignore: true, except: [401] } : true,
	};
	const response = (await this.helpers.httpRequestWithAuthentication.call(
		this,
		CREDENTIAL_TYPE,
		options,
	)) as IN8nHttpFullResponse;
	if (response.statusCode >= 400) {
		const details = describeHuaweiError(
			response.statusCode,
			response.body,
			response.headers as Record<string, unknown>,
			{ action: 'list desktops' },
		);
		const errorResponse: JsonObject = {
			httpCode: String(details.status),
			error_code: details.errorCode ?? null,
			error_msg: details.errorMsg ?? null,
			request_id: details.requestId ?? null,
		};
		throw new NodeApiError(this.getNode(), errorResponse, {
			message: details.message,
			description: details.description,
			httpCode: String(details.status),
		});
	}
	const list = (response.body as IDataObject | undefined)?.desktops;
	const desktops = Array.isArray(list) ? (list as IDataObject[]) : [];
	const results: INodeListSearchItems[] = desktops
		.filter((desktop) => typeof desktop.desktop_id === 'string' && desktop.desktop_id !== '')
		.map((desktop) => ({ name: pickerName(desktop), value: desktop.desktop_id as string }));
	return {
		results,
		paginationToken: desktops.length === SEARCH_PAGE_SIZE ? String(offset + SEARCH_PAGE_SIZE) : undefined,
	};
}
