import {existsSync, statSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import {fileURLToPath} from 'node:url';
import {Worker} from 'node:worker_threads';
import type {ChunkEntries} from './chunk-entries.js';
import type {ChunkFacts} from './entry-facts.js';
import type {ScanTask, ScanTaskDone, ScanWorkerData} from './scan-worker.js';

/**
 * The scan worker: beside this module once built (dist/dataset/scan-worker.js), or beside the bundle
 * (dist/scan-worker.js). Not there when running the TypeScript sources (tests): the scan then works
 * out every entry's facts itself.
 */
const workerFile = fileURLToPath(new URL('scan-worker.js', import.meta.url));

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
	private broken = false;

	private constructor(private readonly workers: Worker[]) {
		for (const worker of workers) {
			// The command may end (an error, a closed pipe) before the workers do: they must not keep the process alive.
			worker.unref();
			worker.on('message', (done: ScanTaskDone) => {
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
	 * be in shared memory and stay as they are until this resolves.
	 */
	async inspect(entries: ChunkEntries, facts: ChunkFacts): Promise<boolean> {
		const {count} = entries;
		if (this.broken) return false;
		if (count === 0) return true;
		const parts = Math.min(this.workers.length, Math.ceil(count / 64));
		const results: Array<Promise<boolean>> = [];
		const buffers = facts.buffers();
		for (let part = 0; part < parts; part++) {
			const task: ScanTask = {
				id: this.nextId++,
				buffer: entries.buffer,
				froms: entries.froms,
				tos: entries.tos,
				facts: buffers,
				first: Math.floor((count * part) / parts),
				last: Math.floor((count * (part + 1)) / parts),
			};
			results.push(new Promise<boolean>(resolve => {
				this.waiting.set(task.id, resolve);
			}));
			this.workers[part].postMessage(task);
		}

		const done = await Promise.all(results);
		return done.every(Boolean);
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
	}
}
