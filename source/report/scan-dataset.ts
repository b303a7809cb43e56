import {isUtf8} from 'node:buffer';
import {stat} from 'node:fs/promises';
import {setFlagsFromString} from 'node:v8';
import {ArrayLayoutError, scanEntries, type Entry, type ScanStats} from '../dataset/entry-scanner.js';
import {DatasetError, describeFsError} from '../dataset/errors.js';
import {sampleId} from '../dataset/identity.js';
import {decodeEntry} from '../dataset/parse-entry.js';
import {isJsonObject} from './json-check.js';

/*
Streams a dataset for the non-interactive commands (export, stats): every entry with its id and
whether it is malformed, in file order, holding one read chunk (4 MB) at a time. Applies the same
checks as Dataset.open (missing, a directory, empty, only blank lines, binary, not JSON Lines, a cut
short JSON array) and reports them as DatasetError sentences naming the file and line.
This is the one module in source/report/ that does I/O; the review screen does not need it.
*/

export type EntryVisitor = (entry: Entry, id: string, malformed: boolean) => void;

export type ScanResult = ScanStats & {entries: number};

/** How many entries at the start must include one valid JSON value, as Dataset.open requires. */
const sniffCount = 20;

/**
 * Calls `visit` for every entry (synchronously, batch by batch; entry.bytes is valid only during the
 * call) and awaits `afterBatch` between batches, where the caller writes what it gathered. Nothing is
 * visited until the file has passed the opening checks.
 */
export async function scanDataset(path: string, idField: string, visit: EntryVisitor, afterBatch?: () => Promise<void>): Promise<ScanResult> {
	keepScanGarbageYoung();
	await checkDatasetFile(path);
	const scan: ScanStats = {bytesRead: 0, totalBytes: 0, blankLines: 0, layout: 'jsonl'};
	let entries = 0;
	let sniffed = 0;
	let sniffedValid = 0;
	// The first entries are held (copied) until the file is known to be JSON Lines.
	let held: Array<{entry: Entry; id: string; malformed: boolean}> | undefined = [];
	const release = () => {
		for (const {entry, id, malformed} of held!) visit(entry, id, malformed);
		held = undefined;
	};

	const batches = scanEntries(path, scan);
	const nextBatch = async () => {
		try {
			return await batches.next();
		} catch (error) {
			// Only the reading and splitting of the file is the dataset's fault; errors from the
			// visitor and afterBatch (a failing output, say) pass through as they are.
			if (error instanceof DatasetError) throw error;
			if (error instanceof ArrayLayoutError) throw new DatasetError(`${path}, line ${error.lineNumber}: ${error.message}.`);
			throw new DatasetError(describeFsError(path, error));
		}
	};

	try {
		for (let next = await nextBatch(); !next.done; next = await nextBatch()) {
			const batch = next.value;
			const utf8From = utf8CheckedFrom(batch);
			for (let index = 0; index < batch.length; index++) {
				const entry = batch[index];
				entries++;
				// Past utf8From only the JSON needs checking (isWellFormed also allows a leading BOM).
				const malformed = index < utf8From ? !isWellFormed(entry.bytes) : !isJsonObject(entry.bytes) && !isWellFormed(entry.bytes);
				const id = sampleId(entry.bytes, idField);
				if (held) {
					if (entries === 1 && looksBinary(entry.bytes)) {
						throw new DatasetError(`${path} looks like a binary file, not JSON Lines (line ${entry.lineNumber} holds NUL or other binary bytes).`);
					}

					sniffed++;
					if (!malformed || decodeEntry(entry.bytes).value !== undefined) sniffedValid++;
					held.push({entry: {...entry, bytes: Buffer.from(entry.bytes)}, id, malformed});
					if (sniffed === sniffCount) {
						checkSniff(path, sniffedValid, sniffed, held[0].entry);
						release();
					}

					continue;
				}

				visit(entry, id, malformed);
			}

			// eslint-disable-next-line no-await-in-loop
			if (afterBatch && !held) await afterBatch();
		}
	} finally {
		await batches.return(undefined); // closes the file when a visitor gave up early
	}

	if (entries === 0) {
		throw new DatasetError(scan.blankLines > 0 ? `${path} holds only blank lines: there are no samples.` : `${path} is empty: there are no samples.`);
	}

	if (held) {
		checkSniff(path, sniffedValid, sniffed, held[0].entry);
		release();
		if (afterBatch) await afterBatch();
	}

	return {...scan, entries};
}

/**
 * Once a decisions file is parsed (hundreds of thousands of objects that all survive), V8's
 * allocation-site pretenuring starts allocating the scan's short-lived objects (entries, ids) straight
 * into the old generation, where they pile up until a full collection: measured on 1,000,000 lines
 * with 310,000 decisions, peak RSS 453 MB with it and 308 MB without, for the same CPU time. V8 reads
 * the flag when it makes those decisions, so setting it at run time, before the scan, works; should
 * that ever change, only memory use does.
 */
function keepScanGarbageYoung() {
	try {
		setFlagsFromString('--no-allocation-site-pretenuring');
	} catch {}
}

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
 * The index from which every entry of the batch is known to be valid UTF-8, checked in one call over
 * the span they share: JSONL entries are slices of one read buffer separated by line endings, which
 * are ASCII and never fall inside a UTF-8 sequence, so the span is valid exactly when every entry in
 * it is. Entries before the index (a line copied across a chunk boundary, array elements, or all of
 * them when the span is not valid) are checked one by one.
 */
function utf8CheckedFrom(batch: Entry[]): number {
	if (batch.length < 2) return batch.length;
	const last = batch.at(-1)!.bytes;
	let from = batch.length - 1;
	while (from > 0) {
		const previous = batch[from - 1].bytes;
		if (previous.buffer !== last.buffer || previous.byteOffset + previous.length > batch[from].bytes.byteOffset) break;
		from--;
	}

	const first = batch[from].bytes;
	return isUtf8(new Uint8Array(first.buffer, first.byteOffset, last.byteOffset + last.length - first.byteOffset)) ? from : batch.length;
}

/** Why an entry is malformed (for --verbose), in decodeEntry's words. */
export function malformedReason(bytes: Buffer): string {
	return decodeEntry(bytes).error ?? 'not a JSON object';
}

function checkSniff(path: string, valid: number, checked: number, first: Entry) {
	if (valid > 0) return;
	throw new DatasetError(`${path} does not look like JSON Lines: none of its first ${checked} ${checked === 1 ? 'entry is' : 'lines is'} valid JSON (line ${first.lineNumber}: ${malformedReason(first.bytes)}).`);
}

/** The dataset exists, is a file and is not empty: checked before anything else is said or done. */
export async function checkDatasetFile(path: string) {
	let stats;
	try {
		stats = await stat(path);
	} catch (error) {
		throw new DatasetError(describeFsError(path, error));
	}

	if (stats.isDirectory()) throw new DatasetError(`${path} is a directory; give the path of a .jsonl file inside it.`);
	if (!stats.isFile()) throw new DatasetError(`${path} is not a regular file; give the path of a .jsonl file.`);
	if (stats.size === 0) throw new DatasetError(`${path} is empty: there are no samples.`);
}

function looksBinary(bytes: Buffer): boolean {
	const head = bytes.subarray(0, 1024);
	if (head.includes(0)) return true;
	let odd = 0;
	for (const b of head) if (b < 0x09 || (b > 0x0d && b < 0x20)) odd++;
	return head.length > 0 && odd / head.length > 0.1;
}
