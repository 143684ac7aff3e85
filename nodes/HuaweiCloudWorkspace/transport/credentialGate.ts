/**
 * Proves a credential with one request before the crowd. n8n starts every item's request at once;
 * with a wrong secret key that is twenty badly signed requests, and Huawei locks an access key after
 * five bad signatures in a row. So while an identity has had no answer yet in this process (or has
 * just been refused), one request goes alone and the others wait for its answer: a refusal (HTTP 401)
 * fails every waiting and later request of that run without sending it; an answer opens the gate.
 */
export class CredentialGate {
	private proven = false;
	private probe: Promise<void> | undefined;
	/** The refusal each run met, by the run (n8n's execute data): later runs try again. */
	private readonly refusals = new WeakMap<object, unknown>();

	/**
	 * Waits until `send` may go, then runs it. `run` is the node run the request belongs to;
	 * `isRefusal` tells a rejected credential, `hadAnswer` a failure Huawei answered (the credential
	 * was accepted and the request refused for another reason).
	 */
	async pass<T>(
		run: object,
		send: () => Promise<T>,
		isRefusal: (error: unknown) => boolean,
		hadAnswer: (error: unknown) => boolean,
		refusedEarlier: (refusal: unknown) => Error,
	): Promise<T> {
		for (;;) {
			if (this.refusals.has(run)) throw refusedEarlier(this.refusals.get(run));
			if (this.proven) return await this.attempt(run, send, isRefusal, () => false);
			if (this.probe) {
				await this.probe;
				continue;
			}
			let settle: () => void = () => {};
			this.probe = new Promise<void>((resolve) => (settle = resolve));
			try {
				return await this.attempt(run, send, isRefusal, hadAnswer);
			} finally {
				this.probe = undefined;
				settle();
			}
		}
	}

	/** Sends, and learns from the outcome. An open gate still closes on a refusal: a token can expire mid-run. */
	private async attempt<T>(
		run: object,
		send: () => Promise<T>,
		isRefusal: (error: unknown) => boolean,
		hadAnswer: (error: unknown) => boolean,
	): Promise<T> {
		let failure: unknown;
		try {
			const result = await send();
			this.proven = true;
			return result;
		} catch (error) {
			// Already the item's NodeApiError or NodeOperationError, made by the client.
			failure = error;
		}
		if (isRefusal(failure)) this.refuse(run, failure);
		else if (hadAnswer(failure)) this.proven = true;
		throw failure;
	}

	/**
	 * The refusal this run met, if any. Requests that passed an open gate and then waited for the
	 * pacer ask again just before they go: the gate may have closed meanwhile.
	 */
	refusalOf(run: object): unknown {
		return this.refusals.get(run);
	}

	private refuse(run: object, error: unknown): void {
		this.proven = false;
		if (!this.refusals.has(run)) this.refusals.set(run, error);
	}
}

/** One gate per endpoint, project and identity, for as long as the node is loaded. */
export class GateRegistry {
	private readonly gates = new Map<string, CredentialGate>();

	/** `identity` is the credential's identityKey. */
	for(identity: string): CredentialGate {
		let gate = this.gates.get(identity);
		if (!gate) {
			gate = new CredentialGate();
			this.gates.set(identity, gate);
		}
		return gate;
	}
}
