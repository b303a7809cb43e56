import {existsSync, statSync, type Stats} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {Worker} from 'node:worker_threads';
import {canonicalPath} from './canonical-path.js';
import type {TableData} from './decision-table.js';
import type {LinesRead} from './table-reader.js';

/*
A big decisions file read on a worker thread from the moment the review command knows its path,
side by side with the dataset's indexing and the loading of the screen's code: a million decisions
(150 MB) take about a second of reading, which the first frame used to wait for on the main thread.
The store's first read takes the table when it is ready (LockedMergeAdapter), checks the file is
the one read (or only grew since), and reads the file itself when there is none: the worker could
not start or failed, or the file is not in winnow's layout. Either way the table is the same.
The review screen does not wait for it either (StoreOptions.background): it opens with the file's
head and tail, says "reading decisions N%" (the worker's progress, in shared memory), and its keys
wait for the table.
*/

/** What the worker posts: the file's stat when read, its head, tail and lines, and the table; undefined if it could not. */
export type PreloadMessage = {stat: Stats; read: LinesRead; table: TableData} | undefined;

const workerFile = fileURLToPath(new URL('decisions-worker.js', import.meta.url));

/** Smaller files are read on the main thread: starting a worker costs more than reading them. */
const smallestPreloaded = 4 * 1024 * 1024;

/** A file being read on a worker: the table to come, and how much of the file is read so far (0–1). */
export type Preload = {table: Promise<PreloadMessage>; fraction: () => number};

let prepared: (Preload & {target: string}) | undefined;

/**
 * Starts reading the decisions file at `path` in a worker thread, for the store that opens it next
 * (takePreloaded). Does nothing for a small or missing file, or where no worker can run.
 */
export function prepareDecisions(path: string) {
	prepared = undefined;
	try {
		const target = canonicalPath(path);
		const stat = statSync(target, {throwIfNoEntry: false});
		if (!stat?.isFile() || stat.size < smallestPreloaded || !existsSync(workerFile)) return;
		const progress = new SharedArrayBuffer(4);
		const kilobytes = new Int32Array(progress);
		const size = stat.size;
		prepared = {target, table: readInWorker(target, workerFile, progress), fraction: () => Math.min(1, (Atomics.load(kilobytes, 0) * 1024) / size)};
	} catch {}
}

/** The table prepareDecisions is reading for the file `target` (canonical), once: undefined if none. */
export function takePreloaded(target: string): Preload | undefined {
	const taken = prepared;
	prepared = undefined;
	return taken?.target === target ? taken : undefined;
}

/**
 * Reads the file `target` in a worker started from `file`; undefined when the worker fails in any way.
 * The worker keeps the kilobytes it has read in `progress` (an Int32Array's one element), if given.
 */
export function readInWorker(target: string, file: string, progress?: SharedArrayBuffer): Promise<PreloadMessage> {
	return new Promise<PreloadMessage>(resolve => {
		let worker: Worker;
		try {
			worker = new Worker(file, {workerData: {path: target, progress}});
		} catch {
			resolve(undefined);
			return;
		}

		// Quitting while the file is read does not wait for it.
		worker.unref();
		worker.once('message', (message: PreloadMessage) => {
			resolve(message);
		});
		worker.once('error', () => {
			resolve(undefined);
		});
		worker.once('exit', () => {
			resolve(undefined);
		});
	});
}
