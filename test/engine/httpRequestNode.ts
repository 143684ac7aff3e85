import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';

/**
 * A stand-in for n8n's HTTP Request node with "Predefined Credential Type": it calls any URL with
 * the credential, through n8n-core's legacy request helper (what the HTTP Request node 4.x uses, with
 * its options: `uri`, redirects followed for every method, full response, never error) or through
 * the HTTP helper that other nodes use. Each item's answer becomes its output.
 */
export function httpRequestTestNode(credentialType: string): INodeType {
	const description = {
		displayName: 'HTTP Request (test)',
		name: 'testHttpRequest',
		group: ['transform'],
		version: 1,
		description: 'Calls a URL with the Huawei credential',
		defaults: { name: 'HTTP Request (test)' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: credentialType, required: true }],
		properties: [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
			{ displayName: 'Helper', name: 'helper', type: 'string', default: 'legacy' },
			{ displayName: 'Body', name: 'body', type: 'json', default: '' },
		],
	} as unknown as INodeType['description'];

	async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < this.getInputData().length; itemIndex++) {
			const url = this.getNodeParameter('url', itemIndex) as string;
			const method = this.getNodeParameter('method', itemIndex) as IHttpRequestMethods;
			const bodyText = this.getNodeParameter('body', itemIndex) as string;
			const body = bodyText ? (JSON.parse(bodyText) as IDataObject) : undefined;
			const response =
				this.getNodeParameter('helper', itemIndex) === 'legacy'
					? // eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions -- the HTTP Request node's own helper, whose request shape the credential must handle
						((await this.helpers.requestWithAuthentication.call(
							this,
							credentialType,
							{
								uri: url,
								method,
								body,
								json: true,
								followRedirect: true,
								followAllRedirects: true,
								resolveWithFullResponse: true,
								simple: false,
								sendCredentialsOnCrossOriginRedirect: false,
							},
							undefined,
							itemIndex,
						)) as IN8nHttpFullResponse)
					: ((await this.helpers.httpRequestWithAuthentication.call(this, credentialType, {
							url,
							method,
							body,
							json: true,
							returnFullResponse: true,
							ignoreHttpStatusErrors: true,
						})) as IN8nHttpFullResponse);
			output.push({
				json: { statusCode: response.statusCode, body: (response.body ?? null) as IDataObject },
				pairedItem: { item: itemIndex },
			});
		}
		return [output];
	}

	return { description, execute };
}
