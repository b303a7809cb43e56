import {getPriority, setPriority} from 'node:os';
import {parentPort, workerData} from 'node:worker_threads';
import {DecisionTable} from './decision-table.js';
import {readTableFile} from './table-reader.js';
import type {PreloadMessage} from './table-preload.js';

/*
The decisions file read into a DecisionTable off the main thread (see table-preload.ts): the
review screen starts this before it loads its own code, so the file is read while the dataset is
indexed and the screen's code compiles. The columns are handed over, not copied.
*/

const {path, progress} = workerData as {path: string; progress?: SharedArrayBuffer};
// Behind the screen's own thread: on Linux a thread's nice value is its own (pid 0 is this thread),
// so the first frames, drawn while this reads, get a core of their own on a 2-core machine rather
// than two thirds of one (the dataset's indexing being the third thread). Relative to the process's
// (a reviewer who niced winnow keeps that); nowhere it is refused, the read goes on as it is.
// Elsewhere (macOS, Windows) a priority is the whole process's: the screen would stay 10 steps down.
if (process.platform === 'linux') {
	try {
		setPriority(Math.min(19, getPriority() + 10));
	} catch {}
}

// Kilobytes read so far, for the screen's "reading decisions N%".
const kilobytes = progress && new Int32Array(progress);
const found = readTableFile(path, new DecisionTable(), kilobytes && (bytes => {
	Atomics.store(kilobytes, 0, Math.floor(bytes / 1024));
}));
if (found) {
	const {data, transfer} = found.table.toData();
	parentPort!.postMessage({stat: found.stat, read: found.read, table: data} satisfies PreloadMessage, transfer);
} else {
	parentPort!.postMessage(undefined satisfies PreloadMessage);
}
