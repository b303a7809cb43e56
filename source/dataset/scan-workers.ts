import {existsSync, statSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import {fileURLToPath} from 'node:url';
import {Worker} from 'node:worker_threads';
import type {ChunkEntries} from './chunk-entries.js';
import type {ChunkFacts, ChunkFactsBuffers} from './entry-facts.js';
import type {FirstSeenTask, LinesWork, ScanTask, ScanTaskDone, ScanWorkerData, SharedView} from './scan-worker.js';
import type {LinesDone, LinesTask} from '../store/decision-lines.js';

/**
 * The scan worker: beside this module once built (dist/dataset/scan-worker.js), or beside the bundle
 * (dist/scan-worker.js). Not there when running the TypeScript sources (tests): the scan then works
 * out every entry's facts itself.
 */
const workerFile = fileURLToPath(new URL('scan-worker.js', import.meta.url));

/** Blocks of shared memory kept numbered: the reader's three buffers, two chunks' spans and facts, growth. */
const maxNumbered = 512;

/** Files smaller than this are scanned on the main thread alone (a worker takes ~40 ms to start). */
const minimumSize = 16 * 1024 * 1024;

/**
 * Worker threads, one per core, that work out the facts of each read chunk's entries (entry-facts.ts)
 * in shared memory while the main thread reads the next chunk and hands out the last one's entries:
 * the file is read once, by the main thread, and the per-entry checking (the JSON check, the id,
 * the SHA-1 of entries without an id) is spread over every core.
 */
export class ScanWorkers {
	/**
	 * Starts the workers early (before the decisions file is read, so they are ready when the scan
	 * begins); undefined where they cannot run, or for a file small enough to scan here sooner.
	 */
	static start(path: string, idField: string): ScanWorkers | undefined {
		try {
			if (!existsSync(workerFile) || statSync(path).size < minimumSize) return undefined;
			const count = Math.max(1, availableParallelism());
			return new ScanWorkers(Array.from({length: count}, () => new Worker(workerFile, {workerData: {idField} satisfies ScanWorkerData, resourceLimits: {maxYoungGenerationSizeMb: 8}})));
		} catch {
			return undefined;
		}
	}

	private nextId = 0;
	private readonly waiting = new Map<number, (ok: boolean) => void>();
	private readonly waitingLines = new Map<number, (done: LinesDone | undefined) => void>();
	private broken = false;

	private constructor(private readonly workers: Worker[]) {
		for (const worker of workers) {
			// The command may end (an error, a closed pipe) before the workers do: they must not keep the process alive.
			worker.unref();
			worker.on('message', (done: ScanTaskDone) => {
				const lines = this.waitingLines.get(done.id);
				if (lines) {
					this.waitingLines.delete(done.id);
					lines(done.failed ? undefined : done.lines);
					return;
				}

				const resolve = this.waiting.get(done.id);
				this.waiting.delete(done.id);
				resolve?.(done.failed !== true);
			});
			worker.on('error', () => {
				this.fail();
			});
			worker.on('exit', () => {
				this.fail();
			});
		}
	}

	/**
	 * Works out the facts of every entry of the chunk, split between the workers; resolves with false
	 * if a worker failed (the caller then does the chunk itself). The chunk's buffer and spans must
	 * be in shared memory and stay as they are until this resolves. With `lookUpOnly`, the facts are
	 * there already (read from the facts cache) but for the look-ups in `decided`.
	 */
	async inspect(entries: ChunkEntries, facts: ChunkFacts, decided?: Uint32Array, lookUpOnly = false): Promise<boolean> {
		const {count} = entries;
		if (this.broken) return false;
		if (count === 0) return true;
		// Look-ups alone (the facts read from the cache) are a fraction of a millisecond a chunk: one
		// worker does a chunk's, the workers taking turns, so that each chunk costs one message.
		const parts = lookUpOnly ? 1 : Math.min(this.workers.length, Math.ceil(count / 64));
		const results: Array<Promise<boolean>> = [];
		const buffers = facts.buffers();
		for (let part = 0; part < parts; part++) {
			const worker = lookUpOnly ? this.turn++ % this.workers.length : part;
			const unseen: Array<[number, SharedArrayBuffer]> = [];
			const shared = (array: ArrayBufferView): SharedView => this.view(array, worker, unseen);
			const factViews = Object.fromEntries(Object.entries(buffers).map(([name, array]) => [name, shared(array as ArrayBufferView)])) as Record<keyof ChunkFactsBuffers, SharedView>;
			const task: ScanTask = {
				id: this.nextId++,
				buffer: shared(entries.buffer),
				froms: shared(entries.froms),
				tos: shared(entries.tos),
				facts: factViews,
				first: Math.floor((count * part) / parts),
				last: Math.floor((count * (part + 1)) / parts),
			};
			if (decided) task.decided = shared(decided);
			if (lookUpOnly) task.lookUpOnly = true;
			if (unseen.length > 0) task.memory = unseen;
			results.push(this.post(worker, task));
		}

		return this.allDone(results);
	}

	/** The worker whose turn it is to look up a chunk's ids (inspect with lookUpOnly). */
	private turn = 0;

	/**
	 * Works out the chunk's ChunkFacts.firsts (markFirstSeen), each worker for its share of the ids,
	 * after inspect() did the chunk: chunks must be given in file order (`base`: entries before the
	 * chunk), as each worker keeps the ids of its share seen so far. False if a worker failed: the
	 * ids it kept are lost, so the answers cannot be had any more. `expected`: about how many
	 * entries the file holds, if known (the workers' tables are made to hold their shares at once).
	 */
	async markFirstSeen(facts: ChunkFacts, count: number, base: number, expected = 0): Promise<boolean> {
		if (this.broken) return false;
		const parts = this.workers.length;
		const results: Array<Promise<boolean>> = [];
		for (let part = 0; part < parts; part++) {
			const unseen: Array<[number, SharedArrayBuffer]> = [];
			const task: FirstSeenTask = {
				id: this.nextId++,
				firstSeen: true,
				fingerprints: this.view(facts.fingerprints, part, unseen),
				firsts: this.view(facts.firsts, part, unseen),
				count,
				base,
				part,
				parts,
				expected: Math.ceil(expected / parts),
			};
			if (unseen.length > 0) task.memory = unseen;
			results.push(this.post(part, task));
		}

		return this.allDone(results);
	}

	/**
	 * Reads some of a decisions file's record lines (DecisionLines.readShared) on the last worker,
	 * before the scan begins (the workers are started before the decisions are read, and are idle
	 * until the scan's first chunk); undefined if it could not.
	 */
	readonly readLines = async (task: LinesTask): Promise<LinesDone | undefined> => {
		if (this.broken) return undefined;
		const id = this.nextId++;
		const done = new Promise<LinesDone | undefined>(resolve => {
			this.waitingLines.set(id, resolve);
		});
		this.workers.at(-1)!.postMessage({id, lines: task} satisfies LinesWork);
		return done;
	};

	/** Sends worker `part` a task; resolves with whether it was done. */
	private async post(part: number, task: ScanTask | FirstSeenTask): Promise<boolean> {
		const done = new Promise<boolean>(resolve => {
			this.waiting.set(task.id, resolve);
		});
		this.workers[part].postMessage(task);
		return done;
	}

	private async allDone(results: Array<Promise<boolean>>): Promise<boolean> {
		return (await Promise.all(results)).every(Boolean);
	}

	/** Numbers for blocks of shared memory, and which worker has been sent which. */
	private readonly numbers = new Map<SharedArrayBuffer, number>();
	private readonly sent = new Map<number, Set<number>>();

	/** `array` as a view of numbered shared memory; memory worker `part` has not seen goes in `unseen`. */
	private view(array: ArrayBufferView, part: number, unseen: Array<[number, SharedArrayBuffer]>): SharedView {
		const memory = array.buffer as SharedArrayBuffer;
		let number = this.numbers.get(memory);
		if (number === undefined && this.numbers.size >= maxNumbered) {
			// Past the usual few blocks (a buffer of its own for a very long entry, say): posted with
			// this task only, under a number the worker forgets after it, so that nothing keeps it.
			number = -1 - unseen.length;
			unseen.push([number, memory]);
			return {memory: number, byteOffset: array.byteOffset, length: array.byteLength / (array as Uint8Array).BYTES_PER_ELEMENT};
		}

		if (number === undefined) {
			number = this.numbers.size;
			this.numbers.set(memory, number);
		}

		let sent = this.sent.get(part);
		if (!sent) {
			sent = new Set();
			this.sent.set(part, sent);
		}

		if (!sent.has(number)) {
			sent.add(number);
			unseen.push([number, memory]);
		}

		const bytesPerElement = (array as Uint8Array).BYTES_PER_ELEMENT;
		return {memory: number, byteOffset: array.byteOffset, length: array.byteLength / bytesPerElement};
	}

	stop() {
		this.broken = true;
		for (const worker of this.workers) void worker.terminate();
		this.release();
	}

	private fail() {
		this.broken = true;
		this.release();
	}

	private release() {
		for (const resolve of this.waiting.values()) resolve(false);
		this.waiting.clear();
		for (const resolve of this.waitingLines.values()) resolve(undefined);
		this.waitingLines.clear();
	}
}
