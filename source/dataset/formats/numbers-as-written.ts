/*
Numbers as the line writes them. JSON.parse makes 1.0 the number 1, 1e3 1000 and 12345678901234567890
12345678901234567000: shown again through JSON.stringify, a sample's "temperature": 1.0 would read
temperature=1. The metadata shows each number as its line writes it: the line is scanned once for the
numbers whose text JSON.stringify would not give back, by their path ("temperature", "params.top_p",
"scores[2]"), and those are put back in the values shown.
*/
import {compactJson, prettyJson} from './json-text.js';

/** A number's path in the sample → its text in the line, for the numbers JSON.stringify writes otherwise. */
export type WrittenNumbers = ReadonlyMap<string, string>;

// Every number JSON.stringify writes otherwise has a fraction, an exponent, sixteen digits or more, or is -0.
const mayDiffer = /\d[.eE]|\d{16}|-0/;
const numberToken = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The numbers of a JSON line (an object) whose text differs from what JSON.stringify makes of them; undefined when none. */
export function numbersAsWritten(text: string): WrittenNumbers | undefined {
	if (!mayDiffer.test(text)) return undefined;
	const found = new Map<string, string>();
	const stack: Array<{array: boolean; index: number; path: string}> = [];
	let key = '';
	let expectKey = false;
	const valuePath = () => {
		const top = stack.at(-1);
		if (top === undefined) return '';
		if (top.array) return `${top.path}[${top.index}]`;
		return top.path === '' ? key : `${top.path}.${key}`;
	};

	let at = 0;
	while (at < text.length) {
		const character = text[at]!;
		if (character === '"') {
			let end = at + 1;
			while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
			if (expectKey) {
				try {
					key = JSON.parse(text.slice(at, end + 1)) as string;
				} catch {
					return found.size > 0 ? found : undefined;
				}

				expectKey = false;
			}

			at = end + 1;
		} else if (character === '{' || character === '[') {
			stack.push({array: character === '[', index: 0, path: valuePath()});
			expectKey = character === '{';
			at++;
		} else if (character === '}' || character === ']') {
			stack.pop();
			at++;
		} else if (character === ',') {
			const top = stack.at(-1);
			if (top?.array) top.index++;
			else expectKey = true;
			at++;
		} else if (character === '-' || (character >= '0' && character <= '9')) {
			numberToken.lastIndex = at;
			const token = numberToken.exec(text)?.[0] ?? character;
			if (JSON.stringify(Number(token)) !== token) found.set(valuePath(), token);
			at += token.length;
		} else {
			at++;
		}
	}

	return found.size > 0 ? found : undefined;
}

/** The value at `path` with its numbers as written: a marker string in their place, for JSON text to swap back. */
function marked(value: unknown, path: string, written: WrittenNumbers, tokens: string[]): unknown {
	if (typeof value === 'number') {
		const token = written.get(path);
		// Not the number the line had there (a corrected sample's edited value): as JSON writes it.
		if (token === undefined || Number(token) !== value) return value;
		tokens.push(token);
		return `\u0000${tokens.length - 1}`;
	}

	if (Array.isArray(value)) return value.map((item, index) => marked(item, `${path}[${index}]`, written, tokens));
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, marked(item, path === '' ? key : `${path}.${key}`, written, tokens)]));
	}

	return value;
}

/** Whether any number at or under `path` is written otherwise. */
function holdsWritten(path: string, written: WrittenNumbers): boolean {
	for (const key of written.keys()) if (key === path || key.startsWith(`${path}.`) || key.startsWith(`${path}[`)) return true;
	return false;
}

/** Compact and pretty JSON of the value at `path`, its numbers as written; undefined when it has none such. */
export function jsonAsWritten(value: unknown, path: string, written: WrittenNumbers | undefined): {compact: string; pretty: string} | undefined {
	if (written === undefined || typeof value === 'string' || !holdsWritten(path, written)) return undefined;
	const tokens: string[] = [];
	const withMarkers = marked(value, path, written, tokens);
	if (tokens.length === 0) return undefined;
	const swap = (json: string) => json.replace(/"\\u0000(\d+)"/g, (whole, index: string) => tokens[Number(index)] ?? whole);
	return {compact: swap(compactJson(withMarkers)), pretty: swap(prettyJson(withMarkers))};
}

/**
 * JSON text of a whole sample (JSON.stringify's, indented by `indent`) with the numbers its line
 * `original` writes otherwise put back where the value is still that number: a sample written anew
 * (annotated over its own "winnow" key, corrected) keeps 1.0, 1e-5 and an integer beyond 2^53 — an
 * id — as its line had them.
 */
export function sampleJsonAsWritten(value: unknown, original: string, indent?: number): string {
	const written = numbersAsWritten(original);
	if (written === undefined) return JSON.stringify(value, null, indent);
	const tokens: string[] = [];
	const withMarkers = marked(value, '', written, tokens);
	return JSON.stringify(withMarkers, null, indent).replace(/"\\u0000(\d+)"/g, (whole, index: string) => tokens[Number(index)] ?? whole);
}
