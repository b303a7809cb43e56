import {randomBytes} from 'node:crypto';
import {open, realpath, rename, rm, stat, type FileHandle} from 'node:fs/promises';
import type {Stats} from 'node:fs';
import {lock} from 'proper-lockfile';
import type {Adapter} from 'lowdb';
import {DecisionsFileError} from './errors.js';
import {readDecisionsFile, serializeDecisionsFile} from './decisions-file.js';
import {mergeRecords} from './merge.js';
import {emptyDecisionsFile, recordKey, type DecisionRecord, type DecisionsFile} from './schema.js';

/**
 * A lock older than this is taken to belong to a dead process (ms). proper-lockfile's default is
 * 10 s: a reviewer whose partner's process was SIGKILLed while writing would wait that long. A live
 * holder refreshes its lock every lockUpdate ms, so 5 s still leaves it 4 s of stall; and a holder that
 * stalls longer cannot overwrite the other's write anyway (see the check before the rename).
 */
export const defaultLockStale = 5000;
const lockUpdate = 1000;

export type LockOptions = {
	/** How long to keep trying for the lock before giving up on this write (ms). */
	timeout?: number;
	/** A lock older than this is taken to belong to a dead process (ms). */
	stale?: number;
};

/**
 * lowdb adapter for a file shared by several processes. A write takes the file's lock, re-reads
 * what other processes wrote, merges it into the data being written (newest record per sample and
 * reviewer wins), writes atomically with fsync, then releases the lock. After write(), the data
 * object holds the union, so the caller sees everyone's decisions.
 */
export class LockedMergeAdapter implements Adapter<DecisionsFile> {
	compromised: Error | undefined;

	constructor(readonly path: string, readonly datasetName: string, readonly options: LockOptions = {}) {}

	async read(): Promise<DecisionsFile | null> {
		return (await readDecisionsFile(this.path, this.datasetName)) ?? null;
	}

	async write(data: DecisionsFile): Promise<void> {
		let lost: Error | undefined;
		const release = await this.lock(error => {
			lost = error;
			this.compromised = error;
		});
		try {
			const target = await realpath(this.path).catch(() => this.path);
			// Taken before the read: if the file changes after this, someone wrote without our lock.
			const before = await statIfAny(target);
			const onDisk = await readDecisionsFile(this.path, this.datasetName);
			if (onDisk) mergeInto(data, onDisk);
			await replaceFile(target, serializeDecisionsFile(data), before && before.mode & 0o7777, async () => {
				// The lock is a convention, not a guarantee: a holder stalled past the stale time (SIGSTOP,
				// a suspended VM, a blocked event loop) loses it to the next writer. Then what we are about
				// to write was merged from an old read: renaming it would erase that writer's decisions.
				// Give up instead; the store keeps ours in memory and retries with a fresh read.
				if (lost || !sameFile(before, await statIfAny(target))) {
					throw new DecisionsFileError(`${this.path} was written by another winnow process while this one was stalled; decisions are kept and will be retried.`);
				}
			});
		} finally {
			await release().catch(() => undefined);
		}
	}

	private async lock(onCompromised: (error: Error) => void): Promise<() => Promise<void>> {
		const timeout = this.options.timeout ?? 3000;
		const stale = this.options.stale ?? defaultLockStale;
		const giveUpAt = Date.now() + timeout;
		try {
			// Retry only while another process holds the lock (proper-lockfile's own retries also
			// retry ENOTDIR, EACCES, EROFS…, which only delays telling the reviewer).
			for (;;) {
				try {
					// eslint-disable-next-line no-await-in-loop
					return await lock(this.path, {
						realpath: false,
						lockfilePath: `${this.path}.lock`,
						stale,
						update: lockUpdate,
						// proper-lockfile's default throws from a timer, which would kill the process.
						onCompromised,
					});
				} catch (error) {
					if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || Date.now() >= giveUpAt) throw error;
					// eslint-disable-next-line no-await-in-loop
					await new Promise(resolve => setTimeout(resolve, 20 + (Math.random() * 20)));
				}
			}
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code === 'ELOCKED') {
				throw new DecisionsFileError(`${this.path} is locked by another winnow process that has held it for over ${timeout / 1000}s; decisions are kept and will be retried.`);
			}

			throw new DecisionsFileError(`${this.path} cannot be written (${code ?? (error as Error).message}); decisions are kept in memory and will be retried.`);
		}
	}
}

async function statIfAny(path: string): Promise<Stats | undefined> {
	try {
		return await stat(path);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
}

function sameFile(a: Stats | undefined, b: Stats | undefined): boolean {
	if (!a || !b) return a === b;
	return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

/**
 * Replaces path with text atomically: a new temporary file beside it (unique name), written, given
 * the old file's permissions, fsynced, then `beforeRename` (which may throw to abandon the write),
 * then renamed over path. A crash at any moment leaves the old file or the new one, never a mix.
 */
async function replaceFile(path: string, text: string, mode: number | undefined, beforeRename: () => Promise<void>) {
	const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
	let handle: FileHandle | undefined;
	try {
		handle = await open(temporary, 'wx', mode ?? 0o666);
		await handle.writeFile(text);
		if (mode !== undefined) await handle.chmod(mode).catch(() => undefined);
		await handle.sync();
		await handle.close();
		handle = undefined;
		await beforeRename();
		await rename(temporary, path);
	} catch (error) {
		await handle?.close().catch(() => undefined);
		await rm(temporary, {force: true});
		throw error;
	}
}

export function mergeInto(data: DecisionsFile, other: DecisionsFile) {
	const byKey = new Map<string, DecisionRecord>();
	mergeRecords(byKey, data.decisions);
	mergeRecords(byKey, other.decisions);
	data.decisions = [...byKey.values()];
	data.createdAt = other.createdAt < data.createdAt ? other.createdAt : data.createdAt;
}

export function keyOf(record: DecisionRecord): string {
	return recordKey(record.sample, record.reviewer);
}

export {emptyDecisionsFile};
