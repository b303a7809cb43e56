import {existsSync, statSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {Worker} from 'node:worker_threads';
import type {CheckProgress, CheckRequest} from './check-worker.js';

/**
 * The checking worker: beside this module once built (dist/dataset/check-worker.js), or beside the
 * bundle (dist/check-worker.js). Not there when running the TypeScript sources (tests): the scan
 * then checks every entry itself.
 */
const workerFile = fileURLToPath(new URL('check-worker.js', import.meta.url));

/** Files smaller than this are checked on the main thread (a worker takes ~50 ms to start). */
const minimumSize = 16 * 1024 * 1024;

/**
 * Which entries of a dataset are malformed, found by a worker thread (check-worker.ts) that reads
 * the file alongside the scan. Start it as early as possible (before the decisions file is read);
 * the scan asks for entries in order. If the worker stops early, the entries it did not get to are
 * left to the caller (`covers` is false for them).
 */
export class LineCheck {
	/**
	 * Starts the worker; undefined where it cannot run, or for a file of a few read chunks, which
	 * is checked here sooner than a worker thread starts.
	 */
	static start(path: string): LineCheck | undefined {
		try {
			if (!existsSync(workerFile) || statSync(path).size < minimumSize) return undefined;
			return new LineCheck(new Worker(workerFile, {workerData: {path} satisfies CheckRequest, resourceLimits: {maxYoungGenerationSizeMb: 4}}));
		} catch {
			return undefined;
		}
	}

	private checked = 0;
	private stopped = false;
	/** Malformed entry numbers not yet asked about, in increasing order, from `next` on. */
	private malformed: number[] = [];
	private next = 0;
	private waiting: {count: number; resolve: () => void} | undefined;

	private constructor(private readonly worker: Worker) {
		// The command may end (an error, a closed pipe) before the worker does: it must not keep the process alive.
		worker.unref();
		worker.on('message', (progress: CheckProgress) => {
			this.checked = progress.checked;
			for (const entry of progress.malformed) this.malformed.push(entry);
			if (progress.done || progress.failed) this.stop();
			this.wake();
		});
		worker.on('error', () => {
			this.stop();
			this.wake();
		});
		worker.on('exit', () => {
			this.stopped = true;
			this.wake();
		});
	}

	/** Resolves once entries below `count` are checked, or the worker has stopped. */
	async reach(count: number): Promise<void> {
		if (this.checked >= count || this.stopped) return;
		await new Promise<void>(resolve => {
			this.waiting = {count, resolve};
		});
	}

	/** Whether the worker checked every entry below `count`. */
	covers(count: number): boolean {
		return this.checked >= count;
	}

	/** Whether entry number `entry` (0-based, covered) is malformed; ask in increasing order. */
	isMalformed(entry: number): boolean {
		const {malformed} = this;
		while (this.next < malformed.length && malformed[this.next] < entry) this.next++;
		return malformed[this.next] === entry;
	}

	stop() {
		if (this.stopped) return;
		this.stopped = true;
		void this.worker.terminate();
	}

	private wake() {
		const {waiting} = this;
		if (waiting && (this.checked >= waiting.count || this.stopped)) {
			this.waiting = undefined;
			waiting.resolve();
		}
	}
}
