/** The name under which a header is set, whatever the letter case asked for. */
export function headerKey(headers: object | undefined, name: string): string | undefined {
	const lower = name.toLowerCase();
	return Object.keys(headers ?? {}).find((key) => key.toLowerCase() === lower);
}

/** Reads a header whatever the letter case of its name; a repeated header gives its first value. */
export function headerValue(headers: object | undefined, name: string): string | undefined {
	const key = headerKey(headers, name);
	const value = key === undefined ? undefined : (headers as Record<string, unknown>)[key];
	if (value === undefined) return undefined;
	return Array.isArray(value) ? String(value[0]) : String(value);
}
