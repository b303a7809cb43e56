import {closeSync, openSync, statSync, type Stats} from 'node:fs';
import {DatasetError, describeFsError} from './errors.js';
import {decodeEntry} from './parse-entry.js';
import {displayLimit} from './long-entry.js';
import {wrappedListKey, wrappedListMessage, wrappedSampleList, wrappedSampleListInHead} from './wrapped-list.js';

/*
The checks every reader of a dataset makes before it shows or counts anything (the review screen's
Dataset, and the scan behind export and stats), with one set of messages: the file exists, is a
readable regular file and is not empty; its first entry is not binary; one of its first entries is
valid JSON; it holds at least one entry. Each failure is a DatasetError: one sentence naming the
file (and the line, where there is one) and what to do.
*/

/** How many entries at the start must include one valid JSON value. */
export const sniffCount = 20;

/** The dataset exists, is a readable regular file and is not empty: checked before anything else. */
export function checkDatasetFile(path: string): Stats {
	let stats: Stats;
	try {
		stats = statSync(path);
	} catch (error) {
		throw new DatasetError(describeFsError(path, error));
	}

	if (stats.isDirectory()) throw new DatasetError(`${path} is a directory; give the path of a .jsonl file inside it.`);
	// A device or a named pipe has no size and cannot be read by offset: say so, not "empty".
	if (!stats.isFile()) throw new DatasetError(`${path} is not a regular file (a device, named pipe or socket); give the path of a .jsonl file.`);
	if (stats.size === 0) throw new DatasetError(`${path} is empty: there are no samples.`);
	try {
		closeSync(openSync(path, 'r'));
	} catch (error) {
		throw new DatasetError(describeFsError(path, error));
	}

	return stats;
}

/** No entries: an empty file, or only blank lines. */
export function noEntriesError(path: string, blankLines: number): DatasetError {
	return new DatasetError(blankLines > 0 ? `${path} holds only blank lines: there are no samples.` : `${path} is empty: there are no samples.`);
}

/** Why an entry is malformed (for --verbose and the messages here), in decodeEntry's words. */
export function malformedReason(bytes: Buffer): string {
	return decodeEntry(bytes).error ?? 'not a JSON object';
}

/**
 * Watches the first entries of a file as a reader meets them: throws when the first one is binary,
 * or, once `sniffCount` entries (or all there are, at finish()) were seen, when none was valid JSON.
 */
export class FirstEntries {
	seen = 0;
	private valid = 0;
	private objects = 0;
	private first: {bytes: Buffer; lineNumber: number} | undefined;
	private firstLength = 0;

	constructor(private readonly path: string) {}

	/** Whether enough entries were seen to decide. */
	get done(): boolean {
		return this.seen >= sniffCount;
	}

	/** The next entry; `wellFormed` when the caller already knows it is a JSON object (no need to parse it). */
	note(bytes: Buffer, lineNumber: number, wellFormed = false) {
		if (this.done) return;
		this.seen++;
		// An over-long entry is not parsed here (seconds on the thread that answers keys, and several
		// times its size in memory): one that opens as an object counts as JSON.
		const long = bytes.length > displayLimit;
		if (this.seen === 1) {
			if (looksBinary(bytes)) throw new DatasetError(`${this.path} looks like a binary file, not JSON Lines (line ${lineNumber} holds NUL or other binary bytes).`);
			this.first = {bytes: Buffer.from(long ? bytes.subarray(0, 1024) : bytes), lineNumber};
			this.firstLength = bytes.length;
		}

		const entry = wellFormed || long ? undefined : decodeEntry(bytes);
		if (wellFormed || (long ? bytes[0] === 0x7b : entry!.value !== undefined)) this.valid++;
		if (wellFormed || (long ? bytes[0] === 0x7b : entry!.error === undefined)) this.objects++;
		if (this.done) this.finish();
	}

	/**
	 * Throws unless one of the entries seen was valid JSON (nothing to say when none was seen), or when
	 * `onlyEntry` (the file holds one entry) and that entry is an object wrapping a list of samples on one line.
	 */
	finish(onlyEntry = false) {
		if (onlyEntry && this.first && this.objects === 1) {
			const long = this.firstLength > displayLimit;
			const key = long ? wrappedSampleListInHead(this.path) : wrappedSampleList(decodeEntry(this.first.bytes).value);
			if (key !== undefined) throw new DatasetError(wrappedListMessage(this.path, key));
		}

		if (!this.first || this.objects > 0) return;
		// A pretty-printed {"version": …, "data": [{…}]} opens with a line "{" (its lines of strings and numbers are valid
		// JSON, its samples' lines are not): say what the file is and how to make it JSON Lines.
		const key = /^\s*\{/.test(this.first.bytes.toString('utf8')) ? wrappedListKey(this.path) : undefined;
		if (key !== undefined) throw new DatasetError(wrappedListMessage(this.path, key));
		if (this.valid > 0) return;
		const {seen} = this;
		throw new DatasetError(`${this.path} does not look like JSON Lines: none of its first ${seen} ${seen === 1 ? 'entry is' : 'lines is'} valid JSON (line ${this.first.lineNumber}: ${malformedReason(this.first.bytes)}).`);
	}
}

/** NUL bytes, or more than a tenth of control characters, in the first kilobyte. */
export function looksBinary(bytes: Buffer): boolean {
	const head = bytes.subarray(0, 1024);
	if (head.includes(0)) return true;
	let odd = 0;
	for (const b of head) if (b < 0x09 || (b > 0x0d && b < 0x20)) odd++;
	return head.length > 0 && odd / head.length > 0.1;
}
