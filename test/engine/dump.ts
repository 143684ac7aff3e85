/** Every own property, enumerable or not, of every object reachable, including error causes. */
export function dump(value: unknown): string {
	const seen = new WeakSet<object>();
	const parts: string[] = [];
	const walk = (current: unknown, depth: number): void => {
		if (depth > 40) return;
		if (typeof current === 'string') return void parts.push(current);
		if (typeof current === 'number' || typeof current === 'boolean' || typeof current === 'bigint') {
			return void parts.push(String(current));
		}
		if (typeof current === 'function') return;
		if (!current || typeof current !== 'object') return;
		if (seen.has(current)) return;
		seen.add(current);
		if (Buffer.isBuffer(current)) return void parts.push(current.toString('utf8'));
		if (current instanceof Map) {
			for (const [k, v] of current) {
				walk(k, depth + 1);
				walk(v, depth + 1);
			}
			return;
		}
		for (const key of Object.getOwnPropertyNames(current)) {
			parts.push(key);
			let child: unknown;
			try {
				child = (current as Record<string, unknown>)[key];
			} catch {
				continue;
			}
			walk(child, depth + 1);
		}
	};
	walk(value, 0);
	return parts.join('\n');
}
