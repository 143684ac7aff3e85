import type { Fault } from './types';

interface Pending {
	fault: Fault;
	remaining: number;
}

/** A queue of scripted failures; each is consumed, in order, by the requests it matches. */
export class FaultQueue {
	private queue: Pending[] = [];

	add(faults: Fault[]): void {
		for (const fault of faults) this.queue.push({ fault, remaining: fault.times ?? 1 });
	}

	clear(): void {
		this.queue = [];
	}

	get pending(): number {
		return this.queue.length;
	}

	take(method: string, route: string, rawPath: string, decodedPath: string): Fault | undefined {
		const i = this.queue.findIndex(({ fault: { match } }) => {
			if (!match) return true;
			if (match.method && match.method.toUpperCase() !== method) return false;
			if (match.route && match.route !== route) return false;
			// Either form matches, so a test may write the key it means or the bytes it expects on the wire.
			if (match.pathIncludes && !rawPath.includes(match.pathIncludes) && !decodedPath.includes(match.pathIncludes)) return false;
			return true;
		});
		if (i === -1) return undefined;
		const p = this.queue[i];
		if (--p.remaining <= 0) this.queue.splice(i, 1);
		return p.fault;
	}
}
