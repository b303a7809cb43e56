/*
A file that is one JSON object holding its samples in a list ({"version": "1.0", "data": [{…}, …]}, as SQuAD
and many exports write them) is not JSON Lines; the reader does not unwrap it (its entries are found by their
byte spans in the file, for millions of samples: a list inside an object would be a third way of reading).
wrappedListKey finds the list's key in the file's head so the message can say how to write it one sample a line.
Pretty-printed, such a file's lines are not JSON objects, which is how it is noticed. Written on one line it is
one valid object, so it is told from a one-sample JSON Lines file by what it holds (wrappedSampleList): the
file's only line is an object no format recognises as a sample, one of whose keys (exactly one) holds a list of
objects that formats do recognise. A file of two lines or more is JSON Lines, whatever its lines hold.
*/
import {closeSync, openSync, readSync} from 'node:fs';
import {detectFormat} from './formats/index.js';

/** How much of the file's head is looked through for the list's key. */
const headBytes = 1 << 20;

/** The key of the first list of objects right inside the top-level object that opens the text, if any. */
export function listKeyIn(head: string): string | undefined {
	let depth = 0;
	let lastString: string | undefined;
	let afterColon = false;
	for (let at = 0; at < head.length; at++) {
		const char = head[at];
		if (char === '"') {
			const start = at;
			for (at++; at < head.length && head[at] !== '"'; at++) if (head[at] === '\\') at++;
			if (depth === 1 && !afterColon) lastString = head.slice(start, at + 1);
			afterColon = false;
			continue;
		}

		if (/\s/.test(char)) continue;
		if (depth === 0 && char !== '{') return undefined;
		if (char === ':' && depth === 1) {
			afterColon = true;
			continue;
		}

		if (char === '[' && depth === 1 && afterColon && lastString !== undefined && /^\s*\{/.test(head.slice(at + 1, at + 4096))) {
			try {
				return JSON.parse(lastString) as string;
			} catch {
				return undefined;
			}
		}

		afterColon = false;
		if (char === '{' || char === '[') depth++;
		else if (char === '}' || char === ']') depth--;
	}

	return undefined;
}

/** How many of a list's first objects must all look like samples. */
const samplesChecked = 20;

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A list of objects whose first ones all look like samples (a known format). */
function isSampleList(value: unknown): boolean {
	return Array.isArray(value) && value.length > 0 && value.slice(0, samplesChecked).every(item => isPlainObject(item) && detectFormat(item) !== 'json');
}

/**
 * The key of the list of samples a one-line file's object wraps: the object is no sample itself and exactly
 * one of its keys holds a list of objects that look like samples. Undefined otherwise.
 */
export function wrappedSampleList(value: unknown): string | undefined {
	if (!isPlainObject(value) || detectFormat(value) !== 'json') return undefined;
	const keys = Object.keys(value).filter(key => isSampleList(value[key]));
	return keys.length === 1 ? keys[0] : undefined;
}

/**
 * wrappedSampleList for a one-line file too long to parse here: the list's key in the file's head, when the
 * list's first object (whole in the head) looks like a sample.
 */
export function wrappedSampleListInHead(path: string): string | undefined {
	const head = fileHead(path);
	const key = head === undefined ? undefined : listKeyIn(head);
	if (key === undefined) return undefined;
	const open = head!.indexOf('[', head!.indexOf(`${JSON.stringify(key)}`) + 1);
	const first = open === -1 ? undefined : firstObjectAt(head!, head!.indexOf('{', open));
	return first !== undefined && isSampleList([first]) ? key : undefined;
}

/** The object whose text starts at `start`, when it ends within `text`. */
function firstObjectAt(text: string, start: number): unknown {
	if (start < 0) return undefined;
	let depth = 0;
	for (let at = start; at < text.length; at++) {
		const char = text[at];
		if (char === '"') {
			for (at++; at < text.length && text[at] !== '"'; at++) if (text[at] === '\\') at++;
		} else if (char === '{' || char === '[') {
			depth++;
		} else if ((char === '}' || char === ']') && --depth === 0) {
			try {
				return JSON.parse(text.slice(start, at + 1));
			} catch {
				return undefined;
			}
		}
	}

	return undefined;
}

function fileHead(path: string): string | undefined {
	let fd: number | undefined;
	try {
		fd = openSync(path, 'r');
		const buffer = Buffer.alloc(headBytes);
		const read = readSync(fd, buffer, 0, headBytes, 0);
		return buffer.subarray(0, read).toString('utf8').replace(/^\uFEFF/, '');
	} catch {
		return undefined;
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}

export function wrappedListKey(path: string): string | undefined {
	const head = fileHead(path);
	return head === undefined ? undefined : listKeyIn(head);
}

/** jq's path to the list: .data, or .["a key"] for a key that is not a plain name. */
function jqPath(key: string): string {
	return /^[A-Za-z_]\w*$/.test(key) ? `.${key}` : `.[${JSON.stringify(key)}]`;
}

function shellWord(text: string): string {
	return /^[\w./-]+$/.test(text) ? text : `'${text.replaceAll('\'', '\'\\\'\'')}'`;
}

/** What to say of such a file: one sentence, with the jq command that writes it as JSON Lines. */
export function wrappedListMessage(path: string, key: string): string {
	const output = `${path.replace(/\.json$/i, '')}.jsonl`;
	return `${path} is one JSON object holding its samples in a list under "${key}", not JSON Lines: write them one a line with jq -c '${jqPath(key).replaceAll('\'', '\'\\\'\'')}[]' ${shellWord(path)} > ${shellWord(output)} and open that.`;
}
