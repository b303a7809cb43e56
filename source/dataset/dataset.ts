import {openSync, readSync, closeSync, statSync, type Stats} from 'node:fs';
import {basename} from 'node:path';
import {EntryIndex} from './entry-index.js';
import {ArrayLayoutError, EntryReader, type EntrySink, type ScanStats} from './entry-scanner.js';
import {IdTable} from './id-table.js';
import {hashId, locateValue, located, needleFor, valueText, ValueKind} from './identity.js';
import {DatasetError, describeFsError} from './errors.js';
import {decodeEntry, type ParsedEntry} from './parse-entry.js';

export type Sample = ParsedEntry & {
	index: number;
	lineNumber: number;
	id: string;
};

export type DatasetOptions = {
	idField?: string;
	/** How many entries to index before open() returns; the rest is indexed in the background. */
	firstBatch?: number;
	/** Size of the first read (bytes): small, so that open() returns at once whatever the file's size. */
	firstChunk?: number;
};

/** Called as indexing goes on (and once when it ends), with the indexes of the samples new since the last call. */
type Listener = (from: number, to: number) => void;

/**
 * A dataset file opened for review: an index of entry spans and ids built by streaming the file,
 * with samples read and parsed only when asked for. open() returns after a first small read (a few
 * hundred samples); the rest is indexed in the background, one 4 MB chunk per turn of the event
 * loop (1 MB, a few milliseconds each), so keys are never held up for long. Spans live in typed arrays
 * and ids in one byte arena (IdTable): about 70 bytes a sample, nothing per sample for the garbage
 * collector.
 */
export class Dataset {
	static async open(path: string, options: DatasetOptions = {}): Promise<Dataset> {
		const stats = checkReadableFile(path);
		const dataset = new Dataset(path, stats, options.idField ?? 'id');
		await dataset.startIndexing(options.firstBatch ?? 200, options.firstChunk ?? 256 * 1024);
		return dataset;
	}

	readonly name: string;
	readonly index = new EntryIndex();
	/** How many more samples share an id that repeats (ids that occur once are not in it). */
	readonly repeats = new Map<string, number>();
	private readonly ids = new IdTable();
	private watched: Set<number> | undefined;
	/** Samples indexed before the last change event (listeners were told about the rest). */
	private emitted = 0;
	readonly scan: ScanStats;
	indexed = false;
	/** Resolves when the whole file is indexed; rejects with a DatasetError if the file turns out bad. */
	whenIndexed: Promise<void> = Promise.resolve();
	indexError: DatasetError | undefined;
	private readonly fd: number;
	private readonly listeners = new Set<Listener>();

	private constructor(readonly path: string, readonly stats: Stats, readonly idField: string) {
		this.name = basename(path);
		this.fd = openSync(path, 'r');
		this.scan = {bytesRead: 0, totalBytes: stats.size, blankLines: 0, layout: 'jsonl'};
	}

	get count(): number {
		return this.index.count;
	}

	onChange(listener: Listener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** How many samples in the file carry this id (0: none, so its decisions are orphaned). */
	occurrences(id: string): number {
		if (this.ids.find(id) === -1) return 0;
		return 1 + (this.repeats.get(id) ?? 0);
	}

	/**
	 * Asks to hear about these ids as indexing goes on: watchedIn(from, to) then lists the newly
	 * indexed samples that may carry one of them (by a 32-bit hash, so check the id), without making a
	 * string for every new sample. For counting decided samples while the file is read.
	 */
	watch(ids: Iterable<string>) {
		if (this.indexed) return;
		this.watched ??= new Set();
		// 30 bits: small integers, no boxed number per id.
		for (const id of ids) this.watched.add(this.ids.hashOf(id) & 0x3F_FF_FF_FF);
	}

	/** The samples among indexes [from, to) whose id may be watched. */
	watchedIn(from: number, to: number): number[] {
		const found: number[] = [];
		if (!this.watched || this.watched.size === 0) return found;
		for (let i = from; i < to; i++) if (this.watched.has(this.ids.hashAt(i) & 0x3F_FF_FF_FF)) found.push(i);
		return found;
	}

	/** Index of the first sample with this id. */
	indexOfId(id: string): number | undefined {
		const index = this.ids.find(id);
		return index === -1 ? undefined : index;
	}

	idOf(i: number): string {
		return this.ids.idOf(i);
	}

	lineNumber(i: number): number {
		return this.index.lineNumber(i);
	}

	/** The entry's exact bytes as they stand in the file. */
	raw(i: number): Buffer {
		return this.readBytes(this.index.start(i), this.index.end(i));
	}

	readBytes(start: number, end: number): Buffer {
		const length = end - start;
		const buffer = Buffer.allocUnsafe(length);
		let done = 0;
		while (done < length) {
			const n = readSync(this.fd, buffer, done, length - done, start + done);
			if (n === 0) break;
			done += n;
		}

		return buffer.subarray(0, done);
	}

	sample(i: number): Sample {
		return {...decodeEntry(this.raw(i)), index: i, lineNumber: this.lineNumber(i), id: this.idOf(i)};
	}

	close() {
		try {
			closeSync(this.fd);
		} catch {}
	}

	private emit() {
		const from = this.emitted;
		this.emitted = this.count;
		for (const listener of this.listeners) listener(from, this.count);
	}

	private async startIndexing(firstBatch: number, firstChunk: number): Promise<void> {
		let reader: EntryReader;
		try {
			// 1 MB chunks: a few milliseconds of indexing per turn of the event loop, so a key pressed
			// meanwhile waits no longer than that.
			reader = await EntryReader.open(this.path, this.scan, {firstChunk, chunkSize: 1024 * 1024});
		} catch (error) {
			throw toDatasetError(this.path, error);
		}

		let checked = 0;
		let parsedOk = 0;
		const needle = needleFor(this.idField);
		const sink: EntrySink = (buffer, from, to, start, lineNumber) => {
			if (checked < 20) {
				checked++;
				const bytes = buffer.subarray(from, to);
				if (checked === 1 && looksBinary(bytes)) {
					throw new DatasetError(`${this.path} looks like a binary file, not JSON Lines (line ${lineNumber} holds NUL or other binary bytes).`);
				}

				if (decodeEntry(bytes).value !== undefined) parsedOk++;
			}

			this.index.push(start, start + (to - from), lineNumber);
			this.addId(buffer, from, to, needle);
		};

		const take = async (): Promise<boolean> => {
			try {
				return await reader.next(sink);
			} catch (error) {
				throw toDatasetError(this.path, error);
			}
		};

		let more = true;
		try {
			while (more && this.count < firstBatch) {
				// eslint-disable-next-line no-await-in-loop
				more = await take();
			}

			if (this.count === 0) {
				throw new DatasetError(this.scan.blankLines > 0
					? `${this.path} holds only blank lines: there are no samples to review.`
					: `${this.path} is empty: there are no samples to review.`);
			}

			if (parsedOk === 0) {
				throw new DatasetError(`${this.path} does not look like JSON Lines: none of its first ${checked} lines is valid JSON (line ${this.lineNumber(0)}: ${decodeEntry(this.raw(0)).error}).`);
			}
		} catch (error) {
			await reader.close().catch(() => undefined);
			throw error;
		}

		this.emitted = this.count;
		if (reader.done) {
			await reader.close().catch(() => undefined);
			this.indexed = true;
			return;
		}

		this.reserve();
		this.whenIndexed = (async () => {
			try {
				while (await take()) this.emit();
			} catch (error) {
				this.indexError = error instanceof DatasetError ? error : toDatasetError(this.path, error);
				throw this.indexError;
			} finally {
				await reader.close().catch(() => undefined);
				this.indexed = true;
				this.emit();
				// Nothing more will be indexed: nobody needs to hear about ids any more.
				this.watched = undefined;
			}
		})();
		// Callers that never await whenIndexed must not see an unhandled rejection; they read indexError.
		this.whenIndexed.catch(() => undefined);
	}

	/** Sizes the columns for the whole file from what the first read found. */
	private reserve() {
		const {bytesRead, totalBytes} = this.scan;
		if (this.count === 0 || bytesRead === 0) return;
		const expected = Math.ceil((this.count * totalBytes / bytesRead) * 1.05) + 1024;
		this.index.reserve(expected);
		this.ids.reserve(expected, Math.ceil(this.ids.bytes / this.count * expected * 1.05) + 4096);
	}

	/** Indexes the id of the entry in buffer[from, to), without making a string when it can. */
	private addId(buffer: Buffer, from: number, to: number, needle: Buffer) {
		const kind = locateValue(buffer, from, to, needle);
		let first: number;
		if (kind === ValueKind.Plain || kind === ValueKind.Number) {
			first = this.ids.add(buffer, located.start, located.end);
		} else {
			first = this.ids.addString(valueText(buffer, kind) ?? hashId(buffer.subarray(from, to)));
		}

		if (first !== -1) {
			const id = this.ids.idOf(first);
			this.repeats.set(id, (this.repeats.get(id) ?? 0) + 1);
		}
	}
}

function checkReadableFile(path: string): Stats {
	let stats: Stats;
	try {
		stats = statSync(path);
	} catch (error) {
		throw new DatasetError(describeFsError(path, error));
	}

	if (stats.isDirectory()) throw new DatasetError(`${path} is a directory; give the path of a .jsonl file inside it.`);
	if (stats.size === 0) throw new DatasetError(`${path} is empty: there are no samples to review.`);
	try {
		closeSync(openSync(path, 'r'));
	} catch (error) {
		throw new DatasetError(describeFsError(path, error));
	}

	return stats;
}

function looksBinary(bytes: Buffer): boolean {
	const head = bytes.subarray(0, 1024);
	if (head.includes(0)) return true;
	let odd = 0;
	for (const b of head) if (b < 0x09 || (b > 0x0d && b < 0x20)) odd++;
	return head.length > 0 && odd / head.length > 0.1;
}

function toDatasetError(path: string, error: unknown): DatasetError {
	if (error instanceof DatasetError) return error;
	if (error instanceof ArrayLayoutError) return new DatasetError(`${path}, line ${error.lineNumber}: ${error.message}.`);
	return new DatasetError(describeFsError(path, error));
}
