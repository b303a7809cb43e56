import {openSync, readSync, closeSync, statSync, type Stats} from 'node:fs';
import {basename} from 'node:path';
import {EntryIndex} from './entry-index.js';
import {ArrayLayoutError, scanEntries, type ScanStats} from './entry-scanner.js';
import {sampleId} from './identity.js';
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
};

type Listener = () => void;

/**
 * A dataset file opened for review: an index of entry spans and ids built by streaming the file,
 * with samples read and parsed only when asked for.
 */
export class Dataset {
	static async open(path: string, options: DatasetOptions = {}): Promise<Dataset> {
		const stats = checkReadableFile(path);
		const dataset = new Dataset(path, stats, options.idField ?? 'id');
		await dataset.startIndexing(options.firstBatch ?? 200);
		return dataset;
	}

	readonly name: string;
	readonly index = new EntryIndex();
	readonly ids: string[] = [];
	/** Index of each id's first sample, and how many more samples share an id that repeats. */
	readonly positions = new Map<string, number>();
	readonly repeats = new Map<string, number>();
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
		if (!this.positions.has(id)) return 0;
		return 1 + (this.repeats.get(id) ?? 0);
	}

	indexOfId(id: string): number | undefined {
		return this.positions.get(id);
	}

	idOf(i: number): string {
		return this.ids[i];
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
		return {...decodeEntry(this.raw(i)), index: i, lineNumber: this.lineNumber(i), id: this.ids[i]};
	}

	close() {
		try {
			closeSync(this.fd);
		} catch {}
	}

	private emit() {
		for (const listener of this.listeners) listener();
	}

	private async startIndexing(firstBatch: number): Promise<void> {
		const batches = scanEntries(this.path, this.scan);
		let checked = 0;
		let parsedOk = 0;
		const take = async (): Promise<boolean> => {
			let next;
			try {
				next = await batches.next();
			} catch (error) {
				throw toDatasetError(this.path, error);
			}

			if (next.done) return false;
			for (const entry of next.value) {
				if (checked < 20) {
					checked++;
					if (checked === 1 && looksBinary(entry.bytes)) {
						throw new DatasetError(`${this.path} looks like a binary file, not JSON Lines (line ${entry.lineNumber} holds NUL or other binary bytes).`);
					}

					if (decodeEntry(entry.bytes).value !== undefined) parsedOk++;
				}

				const index = this.index.push(entry.start, entry.end, entry.lineNumber);
				const id = sampleId(entry.bytes, this.idField);
				this.ids.push(id);
				if (this.positions.has(id)) this.repeats.set(id, (this.repeats.get(id) ?? 0) + 1);
				else this.positions.set(id, index);
			}

			return true;
		};

		let more = true;
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

		if (!more) {
			this.indexed = true;
			return;
		}

		this.whenIndexed = (async () => {
			try {
				while (await take()) this.emit();
			} catch (error) {
				this.indexError = error instanceof DatasetError ? error : toDatasetError(this.path, error);
				throw this.indexError;
			} finally {
				this.indexed = true;
				this.emit();
			}
		})();
		// Callers that never await whenIndexed must not see an unhandled rejection; they read indexError.
		this.whenIndexed.catch(() => undefined);
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
