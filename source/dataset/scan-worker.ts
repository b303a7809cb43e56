// A scan worker: works out the facts of a part of a read chunk (entry-facts.ts: malformed or not,
// where the id is, its fingerprint, the hash id of an entry without one) in shared memory, for the
// scan behind export and stats (dataset-scan.ts). Started by ScanWorkers (scan-workers.ts), as many
// as there are cores; where none can run (the TypeScript sources under test) the scan does the
// same work itself.
import {parentPort, workerData} from 'node:worker_threads';
import {ChunkFacts, inspectEntries, lookUpDecided, markFirstSeen, type ChunkFactsBuffers} from './entry-facts.js';
import {FingerprintTable} from './id-fingerprints.js';
import {needleFor} from './identity.js';
import {readLinesFrom, type LinesDone, type LinesTask} from '../store/decision-lines.js';

export type ScanWorkerData = {idField: string};

/**
 * A view of shared memory, by number: the memory itself is posted once (`memory`, the first time a
 * worker needs it), after that only its number. Posting shared memory is not free (about a
 * millisecond a message with eight of them), and the same few blocks come back chunk after chunk.
 */
export type SharedView = {memory: number; byteOffset: number; length: number};

/** One part of a chunk: entries first…last-1 of the spans in `froms`/`tos`. */
export type ScanTask = {
	id: number;
	/** Shared memory this worker has not seen yet, by number. */
	memory?: Array<[number, SharedArrayBuffer]>;
	buffer: SharedView;
	froms: SharedView;
	tos: SharedView;
	facts: Record<keyof ChunkFactsBuffers, SharedView>;
	/** The decided ids' table (FingerprintTable.shared()), to look every entry's id up in. */
	decided?: SharedView;
	/** The facts are known (the facts cache): only look the ids up in `decided`. */
	lookUpOnly?: true;
	first: number;
	last: number;
};

/** markFirstSeen for share `part` of `parts` of a chunk's entries (their facts worked out). */
export type FirstSeenTask = {
	id: number;
	firstSeen: true;
	memory?: Array<[number, SharedArrayBuffer]>;
	fingerprints: SharedView;
	firsts: SharedView;
	count: number;
	base: number;
	part: number;
	parts: number;
	/** About how many entries this worker's share of the file holds (0: not known). */
	expected: number;
};

/** Some of a decisions file's record lines (DecisionLines.readShared, while the scan has not begun). */
export type LinesWork = {id: number; lines: LinesTask};

export type ScanTaskDone = {id: number; failed?: boolean; lines?: LinesDone};

const needle = needleFor((workerData as ScanWorkerData).idField);

const memory = new Map<number, SharedArrayBuffer>();

function view<T>(shared: SharedView, make: new (buffer: SharedArrayBuffer, byteOffset: number, length: number) => T): T {
	return new make(memory.get(shared.memory)!, shared.byteOffset, shared.length);
}

/** The ids of this worker's share seen so far (FirstSeenTask), by fingerprint. */
let seen: FingerprintTable | undefined;

parentPort!.on('message', (task: ScanTask | FirstSeenTask | LinesWork) => {
	try {
		if ('lines' in task) {
			parentPort!.postMessage({id: task.id, lines: readLinesFrom(task.lines)} satisfies ScanTaskDone);
			return;
		}

		for (const [number, block] of task.memory ?? []) memory.set(number, block);
		if ('firstSeen' in task) {
			seen ??= new FingerprintTable(Math.max(1 << 16, task.expected));
			const facts = ChunkFacts.from({fingerprints: view(task.fingerprints, Uint32Array), firsts: view(task.firsts, Int32Array)} as ChunkFactsBuffers);
			markFirstSeen(facts, task.count, task.base, task.part, task.parts, seen);
			for (const [number] of task.memory ?? []) if (number < 0) memory.delete(number);
			parentPort!.postMessage({id: task.id} satisfies ScanTaskDone);
			return;
		}

		const buffer = Buffer.from(memory.get(task.buffer.memory)!, task.buffer.byteOffset, task.buffer.length);
		const {facts} = task;
		const chunkFacts = ChunkFacts.from({
			malformed: view(facts.malformed, Uint8Array),
			kinds: view(facts.kinds, Uint8Array),
			idStarts: view(facts.idStarts, Int32Array),
			idEnds: view(facts.idEnds, Int32Array),
			fingerprints: view(facts.fingerprints, Uint32Array),
			hashes: view(facts.hashes, Uint8Array),
			decided: view(facts.decided, Int32Array),
			firsts: view(facts.firsts, Int32Array),
		});
		const decided = task.decided && view(task.decided, Uint32Array);
		if (task.lookUpOnly) lookUpDecided(chunkFacts, task.first, task.last, decided);
		else inspectEntries(buffer, view(task.froms, Int32Array), view(task.tos, Int32Array), task.first, task.last, needle, chunkFacts, decided);
		// Memory posted for this task only (negative numbers) is forgotten.
		for (const [number] of task.memory ?? []) if (number < 0) memory.delete(number);
		parentPort!.postMessage({id: task.id} satisfies ScanTaskDone);
	} catch {
		parentPort!.postMessage({id: task.id, failed: true} satisfies ScanTaskDone);
	}
});
