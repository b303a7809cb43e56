// The indexing worker: reads a JSON Lines dataset and builds its index (entry spans and ids) in
// SharedArrayBuffers the main thread reads, so that indexing a big file never holds up a key press
// and uses the second core. Started by Dataset (see dataset.ts), which falls back to indexing on
// the main thread where this file cannot be run (in the TypeScript sources under test).
import {getPriority, setPriority} from 'node:os';
import {parentPort, workerData} from 'node:worker_threads';
import type {EntryIndexBuffers} from './entry-index.js';
import {EntryReader, type ScanStats} from './entry-scanner.js';
import type {IdTableBuffers} from './id-table.js';
import {rm} from 'node:fs/promises';
import {IndexBuilder, toDatasetError} from './index-builder.js';
import {idsCacheKey, idsCacheMinimumSize, IdsRecorder, readCachedIds, writeCachedIds, type IdsCacheKey} from './ids-cache.js';

export type IndexRequest = {path: string; idField: string; published: SharedArrayBuffer};

/** How far indexing got (a message every 50 ms or so), and the buffers when they are new. */
export type IndexProgress = {
	count: number;
	bytesRead: number;
	blankLines: number;
	/** Ids met again since the last message, once per extra sample. */
	repeated: string[];
	index?: EntryIndexBuffers;
	ids?: IdTableBuffers;
	done?: boolean;
	/** Why indexing stopped, as a sentence for the reviewer. */
	error?: string;
};

const {path, idField, published} = workerData as IndexRequest;

/** How much nicer than the main thread the indexing thread is. */
const workerNice = 5;

// On Linux a thread has a nice value of its own (setpriority on the calling thread): a lower
// priority than the main thread's means that when the cores are busy (the screen's first frame,
// a key press, other programs) the screen is served first, and indexing takes what is left.
// Elsewhere (macOS) it would be the whole process's.
if (process.platform === 'linux') {
	try {
		setPriority(Math.min(19, getPriority() + workerNice));
	} catch {}
}

const publishedCount = new Int32Array(published);
const stats: ScanStats = {bytesRead: 0, totalBytes: 0, blankLines: 0, layout: 'jsonl'};
let builder: IndexBuilder | undefined;
let buffersSent = false;
let postedAt = Number.NEGATIVE_INFINITY;

/**
 * Tells the main thread how far indexing got. Not after every chunk: each message costs both
 * threads a little, and the screen shows progress at most every 200 ms anyway.
 */
function post(done: boolean) {
	const now = performance.now();
	if (!done && now - postedAt < postEvery) return;
	postedAt = now;
	const {count} = builder!;
	const message: IndexProgress = {count, bytesRead: stats.bytesRead, blankLines: stats.blankLines, repeated: builder!.takeRepeated(), done};
	if (!buffersSent || builder!.index.moved || builder!.ids.moved) {
		message.index = builder!.index.buffers();
		message.ids = builder!.ids.buffers();
		buffersSent = true;
	}

	// Entries below the count are written: an atomic store the reader loads, so it sees them.
	Atomics.store(publishedCount, 0, count);
	parentPort!.postMessage(message);
}

/** Milliseconds between progress messages (the first one goes after the first chunk). */
const postEvery = 50;

try {
	// 1 MB chunks: two read buffers of 1 MB (each page of new memory costs time here), read with
	// blocking reads: this thread has nothing else to do.
	const reader = await EntryReader.open(path, stats, {chunkSize: 1024 * 1024, synchronous: true});
	builder = new IndexBuilder(idField, true, stats.totalBytes);
	// The hash ids of a big file are read from the ids cache when it holds them for the file as it is,
	// else worked out and stored there at the end.
	let idsKey: IdsCacheKey | undefined;
	if (stats.totalBytes >= idsCacheMinimumSize) {
		idsKey = await idsCacheKey(path, idField).catch(() => undefined);
		builder.cachedIds = idsKey && await readCachedIds(idsKey).catch(() => undefined);
		if (idsKey && !builder.cachedIds) builder.recorder = new IdsRecorder();
	}

	try {
		let first = true;
		while (await reader.next(builder.sink)) {
			if (first) {
				builder.reserve(stats.bytesRead, stats.totalBytes);
				builder.recorder?.expect(Math.ceil((builder.count * stats.totalBytes / Math.max(1, stats.bytesRead)) * 1.05));
				first = false;
			}

			// A file whose first 100,000 entries all have ids of their own: nothing to cache.
			if (builder.recorder && builder.recorder.hashCount === 0 && builder.recorder.count >= 100_000) builder.recorder = undefined;
			post(false);
		}
	} finally {
		await reader.close();
	}

	// Before the last message, which the screen may answer by ending the process.
	if (idsKey && builder.cachedIds && !builder.cachedIds.matched) await rm(idsKey.file, {force: true}).catch(() => undefined);
	else if (idsKey && builder.recorder && builder.recorder.hashCount > 0) await writeCachedIds(idsKey, path, builder.recorder);
	post(true);
} catch (error) {
	parentPort!.postMessage({count: builder?.count ?? 0, bytesRead: stats.bytesRead, blankLines: stats.blankLines, repeated: [], error: toDatasetError(path, error).message} satisfies IndexProgress);
}
