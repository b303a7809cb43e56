import {existsSync, fstatSync, openSync, readSync, closeSync, statSync, type Stats} from 'node:fs';
import {basename} from 'node:path';
import {fileURLToPath} from 'node:url';
import {Worker} from 'node:worker_threads';
import {EntryIndex} from './entry-index.js';
import {EntryReader, type EntrySink, type ScanStats} from './entry-scanner.js';
import {IdTable} from './id-table.js';
import {IndexBuilder, toDatasetError} from './index-builder.js';
import type {IndexProgress, IndexRequest} from './index-worker.js';
import {DatasetError} from './errors.js';
import {checkDatasetFile, FirstEntries, noEntriesError} from './opening-checks.js';
import {decodeEntry, type ParsedEntry} from './parse-entry.js';
import {contentHash, contentHashInPieces} from './content-hash.js';
import {cutNote, displayLimit, shownBytes, type Cut} from './long-entry.js';

/**
 * The indexing worker: beside this module once built (dist/dataset/index-worker.js), or beside
 * the bundle (dist/index-worker.js). Not there when running the TypeScript sources (tests):
 * indexing then runs on the main thread.
 */
const workerFile = fileURLToPath(new URL('index-worker.js', import.meta.url));

export type Sample = ParsedEntry & {
	index: number;
	lineNumber: number;
	id: string;
	/** Set when the entry is longer than displayLimit: only its first shownBytes are in `text` (and `error` says so). */
	cut?: Cut;
};

export type DatasetOptions = {
	idField?: string;
	/** How many entries to index before open() returns; the rest is indexed in the background. */
	firstBatch?: number;
	/** Size of the first read (bytes): small, so that open() returns at once whatever the file's size. */
	firstChunk?: number;
	/** Index the rest of the file in a worker thread when one can be started (default true). */
	worker?: boolean;
};

/** What an indexing worker reports: its messages, a crash, its end. */
type WorkerEvent = {type: 'message'; progress: IndexProgress} | {type: 'error'; error: Error} | {type: 'exit'};

/**
 * An indexing worker thread for one file. Its events wait in a queue until a Dataset listens, so
 * it can be started before the Dataset is opened (see Dataset.prepare()).
 */
class IndexWorker {
	readonly worker: Worker;
	/** How many entries of the shared index are complete (the worker stores it before each message). */
	readonly publishedCount: Int32Array;
	private queue: WorkerEvent[] | undefined = [];
	private listener: ((event: WorkerEvent) => void) | undefined;

	constructor(readonly path: string, readonly idField: string) {
		const published = new SharedArrayBuffer(4);
		this.publishedCount = new Int32Array(published);
		const request: IndexRequest = {path, idField, published};
		// Its own heap holds next to nothing (the index is in shared memory): a small young generation
		// keeps the worker's memory small too.
		this.worker = new Worker(workerFile, {workerData: request, resourceLimits: {maxYoungGenerationSizeMb: 4}});
		// The reviewer may quit while the file is read: the worker must not keep the process alive.
		this.worker.unref();
		this.worker.on('message', (progress: IndexProgress) => {
			this.deliver({type: 'message', progress});
		});
		this.worker.on('error', error => {
			this.deliver({type: 'error', error});
		});
		this.worker.on('exit', () => {
			this.deliver({type: 'exit'});
		});
	}

	/** Calls `listener` with every event, those that came before first. */
	listen(listener: (event: WorkerEvent) => void) {
		this.listener = listener;
		const queued = this.queue ?? [];
		this.queue = undefined;
		for (const event of queued) listener(event);
	}

	terminate() {
		void this.worker.terminate();
	}

	private deliver(event: WorkerEvent) {
		if (this.queue) this.queue.push(event);
		else this.listener?.(event);
	}
}

/** Size of open()'s first read, unless told otherwise. */
const defaultFirstChunk = 256 * 1024;

/** A worker started by Dataset.prepare(), until open() takes it. */
let prepared: IndexWorker | undefined;

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
	/**
	 * Starts indexing a file in a worker thread ahead of open() with the same path and id field,
	 * which then takes it: a caller that has other things to load first (the review screen's code,
	 * ~100 ms) need not wait for them to start. Does nothing where no worker can run, nor for a
	 * file it cannot stat; errors are open()'s to report. The next open() takes it, or stops it
	 * if it is for another file or id field.
	 */
	static prepare(path: string, options: {idField?: string} = {}) {
		prepared?.terminate();
		prepared = undefined;
		try {
			const stats = statSync(path);
			// A file that the first read takes whole needs no worker.
			if (!existsSync(workerFile) || !stats.isFile() || stats.size <= defaultFirstChunk) return;
			prepared = new IndexWorker(path, options.idField ?? 'id');
		} catch {}
	}

	static async open(path: string, options: DatasetOptions = {}): Promise<Dataset> {
		const stats = checkDatasetFile(path);
		const dataset = new Dataset(path, stats, options.idField ?? 'id');
		await dataset.startIndexing(options.firstBatch ?? 200, options.firstChunk ?? defaultFirstChunk, options.worker ?? true);
		return dataset;
	}

	readonly name: string;
	/** How many more samples share an id that repeats (ids that occur once are not in it). */
	readonly repeats = new Map<string, number>();
	/** Indexes the first chunk here, and the rest too unless a worker does. */
	private readonly builder: IndexBuilder;
	/** The worker's index, read from shared memory, once it has caught up with the builder's. */
	private view: {index: EntryIndex; ids: IdTable} | undefined;
	private worker: Worker | undefined;
	private closing = false;
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
		this.builder = new IndexBuilder(idField, false, stats.size);
	}

	/** Spans of the samples indexed so far. */
	get index(): EntryIndex {
		return (this.view ?? this.builder).index;
	}

	private get ids(): IdTable {
		return (this.view ?? this.builder).ids;
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

	/** Index of the first sample with this id. */
	indexOfId(id: string): number | undefined {
		const index = this.ids.find(id);
		return index === -1 ? undefined : index;
	}

	idOf(i: number): string {
		return this.ids.idOf(i);
	}

	/** Whether sample i is identified by the hash of its bytes (no usable id field). */
	isHashId(i: number): boolean {
		return this.ids.isHashId(i);
	}

	/** Whether any sample is identified by the hash of its bytes. */
	anyHashId(): boolean {
		return this.ids.anyHashId();
	}

	lineNumber(i: number): number {
		return this.index.lineNumber(i);
	}

	/** The entry's length in bytes. */
	size(i: number): number {
		return this.index.end(i) - this.index.start(i);
	}

	/** contentHash of entry i's bytes (a long entry read in pieces). */
	hashOf(i: number): string {
		const start = this.index.start(i);
		const size = this.size(i);
		if (size <= 4 * 1024 * 1024) return contentHash(this.readBytes(start, start + size));
		return contentHashInPieces(size, (from, to) => this.readBytes(start + from, start + to));
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

	/**
	 * How the file on disk differs from the one indexed (replaced, rewritten, grown or shrunk), in
	 * words; undefined while it is the same. Entries are read by their byte offsets: after an in-place
	 * rewrite those offsets may hold other samples.
	 */
	changedOnDisk(): string | undefined {
		try {
			const open = fstatSync(this.fd);
			const named = statSync(this.path);
			if (named.ino !== open.ino || named.dev !== open.dev) return 'it was replaced by another file';
			if (open.size < this.stats.size) return 'it was rewritten shorter';
			if (open.size > this.stats.size) return 'lines were added to it';
			if (open.mtimeMs !== this.stats.mtimeMs) return 'it was rewritten';
		} catch {
			return 'it was removed';
		}

		return undefined;
	}

	/** Whether entry i still holds exactly `text` (decoded as sample() decodes it). */
	holds(i: number, text: string): boolean {
		return this.decode(i).text === text;
	}

	sample(i: number): Sample {
		return {...this.decode(i), index: i, lineNumber: this.lineNumber(i), id: this.idOf(i)};
	}

	/** Entry i parsed, or for one over displayLimit its first bytes as text, unparsed (never the whole of it in memory). */
	private decode(i: number): ParsedEntry & {cut?: Cut} {
		const start = this.index.start(i);
		const total = this.index.end(i) - start;
		if (total <= displayLimit) return decodeEntry(this.readBytes(start, start + total));
		const cut = {shown: shownBytes, total};
		// stream: a character cut in two at the limit is left out rather than shown as U+FFFD.
		const text = new TextDecoder('utf-8').decode(this.readBytes(start, start + shownBytes), {stream: true});
		return {text, error: cutNote(cut), cut};
	}

	close() {
		this.closing = true;
		void this.worker?.terminate();
		this.worker = undefined;
		try {
			closeSync(this.fd);
		} catch {}
	}

	private emit() {
		const from = this.emitted;
		this.emitted = this.count;
		for (const listener of this.listeners) listener(from, this.count);
	}

	private async startIndexing(firstBatch: number, firstChunk: number, useWorker: boolean): Promise<void> {
		// A worker prepared for this file is taken; one for another file or id field is of no use now.
		let early = prepared?.path === this.path && prepared.idField === this.idField ? prepared : undefined;
		if (!early) prepared?.terminate();
		prepared = undefined;
		try {
			await this.indexFirstBatch(firstBatch, firstChunk, useWorker, early);
			early = undefined;
		} finally {
			// Not needed after all (a small file, a JSON array, an error): stop it.
			early?.terminate();
		}
	}

	private async indexFirstBatch(firstBatch: number, firstChunk: number, useWorker: boolean, early: IndexWorker | undefined): Promise<void> {
		let reader: EntryReader;
		try {
			// 1 MB chunks: a few milliseconds of indexing per turn of the event loop, so a key pressed
			// meanwhile waits no longer than that (when there is no worker to do it).
			reader = await EntryReader.open(this.path, this.scan, {firstChunk, chunkSize: 1024 * 1024});
		} catch (error) {
			throw toDatasetError(this.path, error);
		}

		const first = new FirstEntries(this.path);
		const sink: EntrySink = (buffer, from, to, start, lineNumber) => {
			if (!first.done) first.note(buffer.subarray(from, to), lineNumber);
			this.builder.sink(buffer, from, to, start, lineNumber);
		};

		const take = async (): Promise<boolean> => {
			let more;
			try {
				more = await reader.next(sink);
			} catch (error) {
				throw toDatasetError(this.path, error);
			}

			this.countRepeats(this.builder.takeRepeated());
			return more;
		};

		let more = true;
		try {
			while (more && this.count < firstBatch) {
				more = await take();
			}

			if (this.count === 0) throw noEntriesError(this.path, this.scan.blankLines);
			first.finish(this.count === 1 && !more);
		} catch (error) {
			await reader.close().catch(() => undefined);
			throw error;
		}

		this.emitted = this.count;
		if (reader.done) {
			await reader.close().catch(() => undefined);
			early?.terminate();
			this.indexed = true;
			return;
		}

		if (useWorker && this.scan.layout === 'jsonl' && (early ?? existsSync(workerFile))) {
			await reader.close().catch(() => undefined);
			this.whenIndexed = this.indexInWorker(early ?? new IndexWorker(this.path, this.idField));
		} else {
			early?.terminate();
			this.builder.reserve(this.scan.bytesRead, this.scan.totalBytes);
			this.whenIndexed = (async () => {
				try {
					while (await take()) this.emit();
				} catch (error) {
					this.indexError = error instanceof DatasetError ? error : toDatasetError(this.path, error);
					throw this.indexError;
				} finally {
					await reader.close().catch(() => undefined);
					this.finishIndexing();
				}
			})();
		}

		// Callers that never await whenIndexed must not see an unhandled rejection; they read indexError.
		this.whenIndexed.catch(() => undefined);
	}

	/**
	 * Indexes the whole file again in a worker thread, into shared memory, and switches to the
	 * worker's index once it has got past the first chunk indexed here. Each of its messages
	 * publishes how many entries are complete.
	 */
	private async indexInWorker(indexer: IndexWorker): Promise<void> {
		const {worker, publishedCount} = indexer;
		this.worker = worker;
		let repeatsBeforeSwitch: string[] | undefined = [];
		return new Promise<void>((resolve, reject) => {
			let finished = false;
			const fail = (error: DatasetError) => {
				if (finished) return;
				finished = true;
				if (this.closing) {
					// Closed while reading: not an error.
					resolve();
					return;
				}

				this.indexError = error;
				this.finishIndexing();
				void worker.terminate();
				reject(error);
			};

			const onProgress = (progress: IndexProgress) => {
				if (finished) return;
				if (progress.error !== undefined) {
					fail(new DatasetError(progress.error));
					return;
				}

				if (progress.index && progress.ids) {
					this.view ??= {index: new EntryIndex(), ids: new IdTable()};
					this.view.index.adopt(progress.index, this.view.index.count);
					this.view.ids.adopt(progress.ids, this.view.ids.count);
				}

				const count = Math.min(progress.count, Atomics.load(publishedCount, 0));
				if (repeatsBeforeSwitch) {
					repeatsBeforeSwitch.push(...progress.repeated);
					if (count < this.builder.count && !progress.done) return;
					// From here on the worker's index is the one: its repeats count from the start.
					this.repeats.clear();
					this.countRepeats(repeatsBeforeSwitch);
					repeatsBeforeSwitch = undefined;
				} else {
					this.countRepeats(progress.repeated);
				}

				this.view!.index.count = count;
				this.view!.ids.count = count;
				this.scan.bytesRead = progress.bytesRead;
				this.scan.blankLines = progress.blankLines;
				if (progress.done) {
					finished = true;
					this.worker = undefined;
					void worker.terminate();
					this.finishIndexing();
					resolve();
				} else {
					this.emit();
				}
			};

			indexer.listen(event => {
				switch (event.type) {
					case 'message': {
						onProgress(event.progress);
						break;
					}

					case 'error': {
						fail(toDatasetError(this.path, event.error));
						break;
					}

					default: {
						fail(new DatasetError(`${this.path}: reading the file stopped before its end; restart winnow to read it again.`));
					}
				}
			});
		});
	}

	private finishIndexing() {
		this.indexed = true;
		this.emit();
	}

	private countRepeats(ids: string[]) {
		for (const id of ids) this.repeats.set(id, (this.repeats.get(id) ?? 0) + 1);
	}
}
