export type ParsedEntry = {
	/** The entry decoded as text (invalid UTF-8 replaced by U+FFFD). */
	text: string;
	/** The parsed JSON value, when the entry is valid JSON. */
	value?: unknown;
	/** Why the entry is not a usable sample: not UTF-8, not JSON, or JSON but not an object. */
	error?: string;
};

/** Python's json.dumps writes float('nan') and float('inf') as bare NaN / Infinity, which JSON has no word for. */
const pythonNonNumber = /[:[,]\s*(-?(?:NaN|Infinity))\s*[,\]}]/;

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
		const nonNumber = pythonNonNumber.exec(text);
		if (nonNumber) return {text, error: `not valid JSON: ${nonNumber[1]} is not a JSON value (Python's json.dumps writes it); write null instead`};
		return {text, error: `not valid JSON (${(error as Error).message})`};
	}

	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
		return {text, value, error: `valid JSON but not an object (it is ${kind})`};
	}

	return {text, value};
}
