import {isUtf8} from 'node:buffer';
import {isJsonObject} from './json-check.js';

/**
 * A usable sample: strict UTF-8, valid JSON, and an object: the same verdict as decodeEntry's
 * `error`, found without decoding or parsing.
 */
export function isWellFormed(bytes: Buffer): boolean {
	// decodeEntry's TextDecoder drops a leading BOM (a line from a file with a BOM pasted in the
	// middle of another): the review screen shows such a sample, so it counts as one here too.
	const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
	return isJsonObject(body) && isUtf8(body);
}

/**
 * !isWellFormed(buffer[from, to)), where `utf8` says that the span is known to be valid UTF-8
 * (checked for a whole chunk at once): then, for most entries, only the JSON is checked, in place.
 */
export function isMalformed(buffer: Buffer, from: number, to: number, utf8: boolean): boolean {
	if (utf8 && isJsonObject(buffer, from, to)) return false;
	return !isWellFormed(buffer.subarray(from, to));
}
