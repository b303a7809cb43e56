// A scan worker: works out the facts of a part of a read chunk (entry-facts.ts: malformed or not,
// where the id is, its fingerprint, the hash id of an entry without one) in shared memory, for the
// scan behind export and stats (dataset-scan.ts). Started by ScanWorkers (scan-workers.ts), as many
// as there are cores; where none can run (the TypeScript sources under test) the scan does the
// same work itself.
import {parentPort, workerData} from 'node:worker_threads';
import {ChunkFacts, inspectEntries, type ChunkFactsBuffers} from './entry-facts.js';
import {needleFor} from './identity.js';

export type ScanWorkerData = {idField: string};

/** One part of a chunk: entries first…last-1 of the spans in `froms`/`tos`, all in shared memory. */
export type ScanTask = {
	id: number;
	buffer: Uint8Array;
	froms: Int32Array;
	tos: Int32Array;
	facts: ChunkFactsBuffers;
	first: number;
	last: number;
};

export type ScanTaskDone = {id: number; failed?: boolean};

const needle = needleFor((workerData as ScanWorkerData).idField);

parentPort!.on('message', (task: ScanTask) => {
	try {
		const buffer = Buffer.from(task.buffer.buffer, task.buffer.byteOffset, task.buffer.length);
		inspectEntries(buffer, task.froms, task.tos, task.first, task.last, needle, ChunkFacts.from(task.facts));
		parentPort!.postMessage({id: task.id} satisfies ScanTaskDone);
	} catch {
		parentPort!.postMessage({id: task.id, failed: true} satisfies ScanTaskDone);
	}
});
