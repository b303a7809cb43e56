import {closeSync, openSync, readSync, statSync, type Stats} from 'node:fs';
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
	const head = Buffer.alloc(Math.min(128, stats.size));
	try {
		const fd = openSync(path, 'r');
		try {
			readSync(fd, head, 0, head.length, 0);
		} finally {
			closeSync(fd);
		}
	} catch (error) {
		throw new DatasetError(describeFsError(path, error));
	}

	// Before the layout is told by the first byte: a UTF-16 array's [ would be read as one.
	const utf16 = utf16Format(path, head);
	if (utf16) throw new DatasetError(`${path} is ${utf16.name}, not ${utf16.not}: ${utf16.fix(path)}, then open that.`);
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
			if (looksBinary(bytes)) {
				const format = binaryFormat(this.path, bytes);
				if (format) throw new DatasetError(`${this.path} is ${format.name}, not ${format.not ?? 'JSON Lines'}: ${format.fix(this.path)}, then open that.`);
				throw new DatasetError(`${this.path} looks like a binary file, not JSON Lines (line ${lineNumber} holds NUL or other binary bytes).`);
			}

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
		// jq . writes each object over several lines, starting with a line "{": none of the lines is JSON alone.
		if (/^\s*\{\s*$/.test(this.first.bytes.toString('utf8'))) {
			throw new DatasetError(`${this.path} looks like pretty-printed JSON objects one after another (as jq . writes them), not JSON Lines (one object per line): make it JSON Lines with jq -c . ${shellWord(this.path)} > ${shellWord(jsonlName(this.path))}, then open that.`);
		}

		const table = delimitedTable(this.path, this.first.bytes.toString('utf8'));
		if (table) throw new DatasetError(`${this.path} looks like ${table.name} (a header line of column names), not JSON Lines: convert it with ${pandas('read_csv', this.path, table.options)}, then open that.`);
		throw new DatasetError(`${this.path} does not look like JSON Lines: none of its first ${seen} ${seen === 1 ? 'entry is' : 'lines is'} valid JSON (line ${this.first.lineNumber}: ${malformedReason(this.first.bytes)}).`);
	}
}

/**
 * A CSV or TSV file, told by its name or by a first line of column names (two or more, split by
 * commas or tabs, each one word: prose with commas is not a header); with the pandas call that reads it.
 */
function delimitedTable(path: string, firstLine: string): {name: string; options: string} | undefined {
	const name = path.toLowerCase();
	const header = (separator: string) => {
		const cells = firstLine.split(separator);
		return cells.length >= 2 && cells.every(cell => /^\s*"?[\p{L}_][\p{L}\p{N}_.-]*"?\s*$/u.test(cell));
	};
	if (name.endsWith('.tsv') || (!name.endsWith('.csv') && header('\t'))) return {name: 'a TSV file', options: ', sep="\\t"'};
	if (name.endsWith('.csv') || header(',')) return {name: 'a CSV file', options: ''};
	return undefined;
}

/** NUL bytes, or more than a tenth of control characters, in the first kilobyte. */
export function looksBinary(bytes: Buffer): boolean {
	const head = bytes.subarray(0, 1024);
	if (head.includes(0)) return true;
	let odd = 0;
	for (const b of head) if (b < 0x09 || (b > 0x0d && b < 0x20)) odd++;
	return head.length > 0 && odd / head.length > 0.1;
}

/** A shell word for a path: as it is when it holds nothing the shell reads, else in single quotes. */
function shellWord(path: string): string {
	return /^[\w./+-]+$/.test(path) ? path : `'${path.replaceAll('\'', '\'\\\'\'')}'`;
}

/** The name for a file made from `path` as JSON Lines: its name with .jsonl (x.json → x.jsonl, x.jsonl → x.compact.jsonl). */
function jsonlName(path: string): string {
	if (/\.jsonl$/i.test(path)) return path.replace(/\.jsonl$/i, '.compact.jsonl');
	return `${path.replace(/\.(json|gz|zst|parquet|arrow|feather|csv|tsv)$/i, '')}.jsonl`;
}

const pandas = (read: string, path: string, options = '') => `python -c 'import pandas as pd; pd.${read}("${path}"${options}).to_json("${jsonlName(path)}", orient="records", lines=True, force_ascii=False)'`;

/**
 * A compressed or columnar file (its first line looks binary) the first bytes or the name give away: gzip, zstd, xz, bzip2, zip,
 * Parquet, Arrow; with what it is and how to make JSON Lines of it.
 */
export function binaryFormat(path: string, head: Buffer): {name: string; fix: (path: string) => string; not?: string} | undefined {
	const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
	const utf16 = utf16Format(path, head);
	if (utf16) return utf16;

	const name = path.toLowerCase();
	const decompressed = (ext: RegExp) => shellWord(path.replace(ext, '') === path ? `${path}.out` : path.replace(ext, ''));
	if (starts(0x1f, 0x8b)) return {name: 'gzip-compressed', fix: () => `decompress it with gunzip -k ${shellWord(path)} (or zcat ${shellWord(path)} > ${decompressed(/\.gz$/i)})`};
	if (starts(0x28, 0xb5, 0x2f, 0xfd)) return {name: 'zstd-compressed', fix: () => `decompress it with zstd -d ${shellWord(path)} (it writes ${decompressed(/\.zst$/i)})`};
	if (starts(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) return {name: 'xz-compressed', fix: () => `decompress it with xz -dk ${shellWord(path)}`};
	if (starts(0x42, 0x5a, 0x68)) return {name: 'bzip2-compressed', fix: () => `decompress it with bzip2 -dk ${shellWord(path)}`};
	if (starts(0x50, 0x4b, 0x03, 0x04)) return {name: 'a zip archive', fix: () => `unpack it with unzip ${shellWord(path)}`};
	if (starts(0x50, 0x41, 0x52, 0x31) || name.endsWith('.parquet')) {
		return {name: 'a Parquet file', fix: () => `convert it with ${pandas('read_parquet', path)} (or duckdb -c "COPY (FROM '${path}') TO '${jsonlName(path)}' (FORMAT json)")`};
	}

	if (starts(0x41, 0x52, 0x52, 0x4f, 0x57, 0x31) || starts(0xff, 0xff, 0xff, 0xff) || /\.(arrow|feather)$/.test(name)) {
		return {name: 'an Arrow file', fix: () => `convert it with ${pandas('read_feather', path)}`};
	}

	return undefined;
}

/** UTF-16 text, and the iconv command that writes it as UTF-8. */
function utf16Format(path: string, head: Buffer): {name: string; fix: (path: string) => string; not: string} | undefined {
	const utf16 = utf16Encoding(head);
	if (!utf16) return undefined;
	const utf8 = shellWord(/\.(jsonl?|txt)$/i.test(path) ? path.replace(/\.(jsonl?|txt)$/i, '.utf8.$1') : `${path}.utf8.jsonl`);
	return {name: `${utf16.width === 32 ? 'UTF-32' : 'UTF-16'} text (${utf16.label})`, not: 'UTF-8', fix: () => `convert it with iconv -f ${utf16.iconv} -t UTF-8 ${shellWord(path)} > ${utf8}`};
}

/**
 * UTF-16 text, told by its byte order mark, or without one by ASCII characters each beside a NUL
 * byte (JSON's braces, quotes and keys): its byte order, and the name iconv reads it by (UTF-16 with
 * a mark, which iconv follows and drops; else the order itself).
 */
function utf16Encoding(head: Buffer): {label: string; iconv: string; width?: 32} | undefined {
	// UTF-32's marks first: little-endian UTF-32's starts as UTF-16's does.
	if (head[0] === 0xff && head[1] === 0xfe && head[2] === 0 && head[3] === 0) return {label: 'little-endian', iconv: 'UTF-32', width: 32};
	if (head[0] === 0 && head[1] === 0 && head[2] === 0xfe && head[3] === 0xff) return {label: 'big-endian', iconv: 'UTF-32', width: 32};
	if (head[0] === 0xff && head[1] === 0xfe) return {label: 'little-endian', iconv: 'UTF-16'};
	if (head[0] === 0xfe && head[1] === 0xff) return {label: 'big-endian', iconv: 'UTF-16'};
	const pairs = Math.min(64, head.length >> 1);
	if (pairs < 2) return undefined;
	let little = 0;
	let big = 0;
	for (let i = 0; i < pairs; i++) {
		const a = head[2 * i];
		const b = head[(2 * i) + 1];
		if (a !== 0 && b === 0) little++;
		else if (a === 0 && b !== 0) big++;
	}

	// Nearly every pair an ASCII character and a NUL, the same way round; or a file that opens with a
	// brace or bracket and a quote, each beside a NUL, then text of another script (你好 is 60 4F 7D 59).
	// (UTF-8 JSON never holds a NUL byte: `{` then `"`, each beside a NUL, is UTF-16 whatever follows.)
	const opening = (a: number) => a === 0x7b || a === 0x5b;
	const next = (a: number) => a === 0x22 || opening(a) || a === 0x20 || a === 0x0a || a === 0x0d || a === 0x09;
	if (little >= pairs * 0.9 || (opening(head[0]) && head[1] === 0 && next(head[2]) && head[3] === 0)) return {label: 'little-endian, no byte order mark', iconv: 'UTF-16LE'};
	if (big >= pairs * 0.9 || (head[0] === 0 && opening(head[1]) && head[2] === 0 && next(head[3]))) return {label: 'big-endian, no byte order mark', iconv: 'UTF-16BE'};
	return undefined;
}
