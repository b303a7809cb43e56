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

/**
 * A sample's identity: its own top-level id field when it holds a string or a number, else a hash
 * of the entry's bytes. Looks for the key with Buffer.indexOf and only walks the bytes before a
 * candidate to check it is a top-level key, so most lines are never scanned byte by byte.
 */
export function sampleId(bytes: Buffer, idField: string): string {
	const value = topLevelValue(bytes, idField);
	return value ?? hashId(bytes);
}

const quote = 0x22;
const backslash = 0x5c;

export function topLevelValue(bytes: Buffer, key: string): string | undefined {
	const needle = Buffer.from(JSON.stringify(key));
	let candidate = bytes.indexOf(needle);
	if (candidate === -1) return undefined;

	let depth = 0;
	let i = 0;
	// Walk from the start, keeping depth and string state, stopping at each candidate position.
	while (i < bytes.length) {
		const b = bytes[i];
		if (b === quote) {
			const stringEnd = endOfString(bytes, i);
			if (stringEnd === -1) return undefined;
			if (depth === 1 && i === candidate && stringEnd === i + needle.length - 1) {
				const colon = skipSpace(bytes, stringEnd + 1);
				if (bytes[colon] === 0x3a) return readScalar(bytes, colon + 1);
			}

			i = stringEnd + 1;
			while (candidate !== -1 && candidate < i) candidate = bytes.indexOf(needle, candidate + 1);
			if (candidate === -1) return undefined;
			continue;
		}

		if (b === 0x7b || b === 0x5b) depth++;
		else if (b === 0x7d || b === 0x5d) depth--;
		i++;
	}

	return undefined;
}

/** Index of the closing quote of the string that opens at `from`, or -1. */
function endOfString(bytes: Buffer, from: number): number {
	let i = from + 1;
	for (;;) {
		const close = bytes.indexOf(quote, i);
		if (close === -1) return -1;
		let backslashes = 0;
		for (let j = close - 1; j > from && bytes[j] === backslash; j--) backslashes++;
		if (backslashes % 2 === 0) return close;
		i = close + 1;
	}
}

function skipSpace(bytes: Buffer, i: number): number {
	while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
	return i;
}

function readScalar(bytes: Buffer, from: number): string | undefined {
	const i = skipSpace(bytes, from);
	if (bytes[i] === quote) {
		const close = endOfString(bytes, i);
		if (close === -1) return undefined;
		try {
			const value = JSON.parse(bytes.toString('utf8', i, close + 1)) as string;
			return value.length > 0 ? value : undefined;
		} catch {
			return undefined;
		}
	}

	let end = i;
	while (end < bytes.length && /[-+.\deE]/.test(String.fromCharCode(bytes[end]))) end++;
	if (end === i) return undefined;
	const text = bytes.toString('latin1', i, end);
	return Number.isFinite(Number(text)) ? text : undefined;
}
