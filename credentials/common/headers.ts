/** Reads a header whatever the letter case of its name; a repeated header gives its first value. */
export function headerValue(headers: object | undefined, name: string): string | undefined {
	const lower = name.toLowerCase();
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (key.toLowerCase() === lower && value !== undefined) {
			return Array.isArray(value) ? String(value[0]) : String(value);
		}
	}
	return undefined;
}
