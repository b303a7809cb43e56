import * as crypto from 'node:crypto';

export const hashPrefix = 'sha1:';

/** The id of a sample whose record has no usable id field: a hash of its exact bytes. */
export function hashId(bytes: Uint8Array): string {
	// crypto.hash (Node 20.12+) is the one-shot form: twice as fast as createHash on short lines.
	const digest = typeof crypto.hash === 'function' ? crypto.hash('sha1', bytes, 'hex') : crypto.createHash('sha1').update(bytes).digest('hex');
	// Concatenate, then slice: a flat string. `prefix + digest.slice()` would be a cons string, which
	// V8 must flatten (about 1 µs) the first time it is hashed or read, i.e. for every sample.
	return (hashPrefix + digest).slice(0, hashPrefix.length + 16);
}

const hexDigits = Buffer.from('0123456789abcdef');
const prefixBytes = Buffer.from(hashPrefix, 'latin1');

/**
 * hashId(bytes) written as bytes (its text is Latin-1: `sha1:` and 16 hex digits, 21 bytes) into
 * out[at, at + 21), without making the string: the digest comes back as a 20-character Latin-1 ('binary')
 * string (one character a byte, half the length of hex), whose first 8 bytes are written as hex
 * here; about a quarter less time than hashId a line, most of it the call.
 */
export function writeHashId(bytes: Uint8Array, out: Uint8Array, at: number) {
	for (let k = 0; k < prefixBytes.length; k++) out[at + k] = prefixBytes[k];
	const digits = at + prefixBytes.length;
	if (typeof crypto.hash === 'function') {
		const digest = crypto.hash('sha1', bytes, 'binary');
		for (let k = 0; k < 8; k++) {
			const byte = digest.charCodeAt(k);
			out[digits + (2 * k)] = hexDigits[byte >>> 4];
			out[digits + (2 * k) + 1] = hexDigits[byte & 15];
		}

		return;
	}

	const digest = crypto.createHash('sha1').update(bytes).digest();
	for (let k = 0; k < 8; k++) {
		out[digits + (2 * k)] = hexDigits[digest[k] >>> 4];
		out[digits + (2 * k) + 1] = hexDigits[digest[k] & 15];
	}
}

/**
 * A sample's identity: its own top-level id field when it holds a string or a number, else a hash
 * of the entry's bytes. Looks for the key with Buffer.indexOf (within the entry) and only walks the
 * bytes before a candidate to check it is a top-level key, so most lines are never scanned byte by byte.
 */
export function sampleId(bytes: Buffer, idField: string): string {
	const value = topLevelValue(bytes, idField);
	return value ?? hashId(bytes);
}

export function topLevelValue(bytes: Buffer, key: string): string | undefined {
	return valueText(bytes, locateValue(bytes, 0, bytes.length, needleFor(key)));
}

/**
 * What locateValue found. None: no usable value (no such top-level key, or not a non-empty string
 * or a finite number). Plain: a string of printable ASCII without escapes, whose bytes are the
 * id's. Escaped: a string with escapes or other bytes, to decode (JSON.parse). Number: its text.
 */
export const ValueKind = {None: 0, Plain: 1, Escaped: 2, Number: 3} as const;
export type ValueKind = (typeof ValueKind)[keyof typeof ValueKind];

/** Where the value found by the last locateValue call is: bytes[start, end), quotes excluded. */
export const located = {start: 0, end: 0};

const needles = new Map<string, Buffer>();

/** The key as it appears in JSON (with its quotes), as bytes; cached per key. */
export function needleFor(key: string): Buffer {
	let needle = needles.get(key);
	if (!needle) {
		needle = Buffer.from(JSON.stringify(key));
		needles.set(key, needle);
	}

	return needle;
}

/** The id text of a located value (see ValueKind), or undefined. */
export function valueText(bytes: Buffer, kind: ValueKind): string | undefined {
	switch (kind) {
		case ValueKind.Plain:
		case ValueKind.Number: {
			return bytes.toString('latin1', located.start, located.end);
		}

		case ValueKind.Escaped: {
			try {
				const value = JSON.parse(bytes.toString('utf8', located.start - 1, located.end + 1)) as string;
				return value.length > 0 ? value : undefined;
			} catch {
				return undefined;
			}
		}

		default: {
			return undefined;
		}
	}
}

const quote = 0x22;
const backslash = 0x5c;
const openBrace = 0x7b;

/**
 * Finds the value of a top-level key in the entry bytes[from, to) without parsing it: sets
 * `located` and says what kind of value it is. The first top-level occurrence of the key counts.
 * Every search stops at the entry's end: `bytes` is usually a whole read chunk, and a search that
 * ran on past the entry (Buffer.indexOf has no end bound) would scan the rest of the chunk for
 * each entry without the key: quadratic on a file without ids.
 */
export function locateValue(bytes: Buffer, from: number, to: number, needle: Buffer): ValueKind {
	// The usual line starts with the key (`{"id":…`): found without a search.
	const first = bytes[from] === openBrace && startsWith(bytes, from + 1, to, needle);
	// Every search runs in a view of the entry alone, made once when one is needed.
	let entry = first ? undefined : bytes.subarray(from, to);
	let candidate = entry ? indexWithin(entry, from, needle, 0) : from + 1;
	if (candidate === -1) return ValueKind.None;

	let depth = 0;
	let i = from;
	// Walk from the start, keeping depth and string state, stopping at each candidate position.
	while (i < to) {
		const b = bytes[i];
		if (b === quote) {
			if (i === candidate) {
				// The needle is a whole JSON string: the string that opens here is the key.
				const keyEnd = i + needle.length - 1;
				if (depth === 1) {
					const colon = skipSpace(bytes, keyEnd + 1, to);
					if (colon < to && bytes[colon] === 0x3a) return readScalar(bytes, colon + 1, to);
				}

				i = keyEnd + 1;
			} else {
				entry ??= bytes.subarray(from, to);
				const stringEnd = endOfString(entry, from, i);
				if (stringEnd === -1) return ValueKind.None;
				i = stringEnd + 1;
			}

			if (candidate < i) {
				entry ??= bytes.subarray(from, to);
				candidate = indexWithin(entry, from, needle, i - from);
			}

			if (candidate === -1) return ValueKind.None;
			continue;
		}

		if (b === 0x7b || b === 0x5b) depth++;
		else if (b === 0x7d || b === 0x5d) depth--;
		i++;
	}

	return ValueKind.None;
}

/** Where `needle` first occurs in `entry` at or after `at`, as an index of the buffer `entry` is a view of (which starts at `from`), or -1. */
function indexWithin(entry: Buffer, from: number, needle: Buffer | number, at: number): number {
	const found = entry.indexOf(needle, at);
	return found === -1 ? -1 : from + found;
}

function startsWith(bytes: Buffer, at: number, to: number, needle: Buffer): boolean {
	if (at + needle.length > to) return false;
	for (let k = 0; k < needle.length; k++) if (bytes[at + k] !== needle[k]) return false;
	return true;
}

/** Index (in the buffer `entry` is a view of, from `from` on) of the closing quote of the string that opens at `open`, or -1. */
function endOfString(entry: Buffer, from: number, open: number): number {
	let i = open + 1;
	for (;;) {
		const close = indexWithin(entry, from, quote, i - from);
		if (close === -1) return -1;
		let backslashes = 0;
		for (let j = close - 1; j > open && entry[j - from] === backslash; j--) backslashes++;
		if (backslashes % 2 === 0) return close;
		i = close + 1;
	}
}

function skipSpace(bytes: Buffer, i: number, to: number): number {
	while (i < to && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
	return i;
}

function isNumberByte(b: number): boolean {
	// -+.0-9eE
	return (b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x2b || b === 0x2e || b === 0x65 || b === 0x45;
}

/**
 * The scalar value at `from` (after white space). A string is read byte by byte up to its closing
 * quote, never past `to`: ids are short, and one pass both finds the end and sees whether the id
 * is plain ASCII without escapes.
 */
export function readScalar(bytes: Buffer, from: number, to: number): ValueKind {
	const i = skipSpace(bytes, from, to);
	if (i < to && bytes[i] === quote) {
		let plain = true;
		let j = i + 1;
		for (; j < to; j++) {
			const b = bytes[j];
			if (b === quote) break;
			if (b === backslash) {
				plain = false;
				j++;
			} else if (b < 0x20 || b > 0x7e) {
				plain = false;
			}
		}

		if (j >= to) return ValueKind.None;
		located.start = i + 1;
		located.end = j;
		if (j === i + 1) return ValueKind.None;
		return plain ? ValueKind.Plain : ValueKind.Escaped;
	}

	let end = i;
	while (end < to && isNumberByte(bytes[end])) end++;
	if (end === i) return ValueKind.None;
	if (!Number.isFinite(Number(bytes.toString('latin1', i, end)))) return ValueKind.None;
	located.start = i;
	located.end = end;
	return ValueKind.Number;
}
