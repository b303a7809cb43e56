import {setFlagsFromString} from 'node:v8';
import {ArrayLayoutError, EntryReader, type ScanStats} from './entry-scanner.js';
import {DatasetError, describeFsError} from './errors.js';
import {checkDatasetFile, FirstEntries, malformedReason, noEntriesError} from './opening-checks.js';
import {EntrySpan} from './entry-span.js';
import {ChunkEntries} from './chunk-entries.js';
import {type LineCheck} from './line-check.js';
import {isMalformed} from './well-formed.js';

/*
Streams a dataset for the non-interactive commands (export, stats): every entry with its id and
whether it is malformed, in file order, holding one read chunk (4 MB) at a time (the reader's two
reused buffers: nothing is allocated per entry). Makes the same opening checks as Dataset.open
(opening-checks.ts) and reports them, and a cut short JSON array, as DatasetError sentences naming
the file and line.
*/

export type EntryVisitor = (entry: EntrySpan, malformed: boolean) => void;

export type ScanResult = ScanStats & {entries: number};

/**
 * Calls `visit` for every entry (synchronously, chunk by chunk; the entry object is reused and its
 * bytes are valid only during the call) and awaits `afterBatch` between chunks, where the caller
 * writes what it gathered. Nothing is visited until the file has passed the opening checks. With a
 * LineCheck (started by the caller as early as it can), whether entries are malformed comes from its
 * worker thread; it is stopped when the scan ends.
 */
export async function scanDataset(path: string, idField: string, visit: EntryVisitor, afterBatch?: () => Promise<void>, check?: LineCheck): Promise<ScanResult> {
	try {
		return await visitEntries(path, idField, visit, afterBatch, check);
	} finally {
		check?.stop();
	}
}

async function visitEntries(path: string, idField: string, visit: EntryVisitor, afterBatch: (() => Promise<void>) | undefined, check: LineCheck | undefined): Promise<ScanResult> {
	keepScanGarbageYoung();
	checkDatasetFile(path);
	const scan: ScanStats = {bytesRead: 0, totalBytes: 0, blankLines: 0, layout: 'jsonl'};
	let entries = 0;
	const opening = new FirstEntries(path);
	// The first entries are held (copied) until the file is known to be JSON Lines.
	let held: Array<{entry: EntrySpan; malformed: boolean}> | undefined = [];
	const release = () => {
		for (const {entry, malformed} of held!) visit(entry, malformed);
		held = undefined;
	};

	const chunk = new ChunkEntries();
	const entry = EntrySpan.forField(idField);
	let reader: EntryReader;
	try {
		reader = await EntryReader.open(path, scan);
	} catch (error) {
		throw new DatasetError(describeFsError(path, error));
	}

	const nextChunk = async () => {
		chunk.clear();
		try {
			return await reader.next(chunk.sink);
		} catch (error) {
			// Only the reading and splitting of the file is the dataset's fault; errors from the
			// visitor and afterBatch (a failing output, say) pass through as they are.
			if (error instanceof DatasetError) throw error;
			if (error instanceof ArrayLayoutError) throw new DatasetError(`${path}, line ${error.lineNumber}: ${error.message}.`);
			throw new DatasetError(describeFsError(path, error));
		}
	};

	try {
		while (await nextChunk()) {
			if (chunk.count === 0) continue;
			const {buffer, froms, tos, starts, lines} = chunk;
			// The worker's verdicts when it got this far, else checked here.
			const first = entries;
			// eslint-disable-next-line no-await-in-loop
			if (check) await check.reach(first + chunk.count);
			const checked = check?.covers(first + chunk.count) === true;
			const allUtf8 = checked || chunk.isUtf8();
			for (let index = 0; index < chunk.count; index++) {
				const from = froms[index];
				const to = tos[index];
				entries++;
				const malformed = checked ? check!.isMalformed(first + index) : isMalformed(buffer, from, to, allUtf8);
				entry.set(buffer, from, to, starts[index], lines[index]);
				if (held) {
					opening.note(entry.bytes, entry.lineNumber, !malformed);
					held.push({entry: entry.copy(), malformed});
					if (opening.done) release();

					continue;
				}

				visit(entry, malformed);
			}

			// eslint-disable-next-line no-await-in-loop
			if (afterBatch && !held) await afterBatch();
		}
	} finally {
		await reader.close(); // closes the file when a visitor gave up early
	}

	if (entries === 0) throw noEntriesError(path, scan.blankLines);
	if (held) {
		opening.finish();
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

export {checkDatasetFile, malformedReason};
