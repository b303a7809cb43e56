export type ParsedEntry = {
	/** The entry decoded as text (invalid UTF-8 replaced by U+FFFD). */
	text: string;
	/** The parsed JSON value, when the entry is valid JSON. */
	value?: unknown;
	/** Why the entry is not a usable sample: not UTF-8, not JSON, or JSON but not an object. */
	error?: string;
};

const strictUtf8 = new TextDecoder('utf-8', {fatal: true});
const lenientUtf8 = new TextDecoder('utf-8');

export function decodeEntry(bytes: Uint8Array): ParsedEntry {
	let text: string;
	try {
		text = strictUtf8.decode(bytes);
	} catch {
		return {text: lenientUtf8.decode(bytes), error: 'not valid UTF-8 text (the bad bytes are shown as �)'};
	}

	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		return {text, error: `not valid JSON (${(error as Error).message})`};
	}

	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
		return {text, value, error: `valid JSON but not an object (it is ${kind})`};
	}

	return {text, value};
}
