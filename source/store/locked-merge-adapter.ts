import {lock} from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';
import type {Adapter} from 'lowdb';
import {DecisionsFileError} from './errors.js';
import {readDecisionsFile, serializeDecisionsFile} from './decisions-file.js';
import {mergeRecords} from './merge.js';
import {emptyDecisionsFile, recordKey, type DecisionRecord, type DecisionsFile} from './schema.js';

/** A lock older than this is taken to belong to a dead process (ms). */
export const defaultLockStale = 10_000;

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
		const release = await this.lock();
		try {
			const onDisk = await readDecisionsFile(this.path, this.datasetName);
			if (onDisk) mergeInto(data, onDisk);
			await writeFileAtomic(this.path, serializeDecisionsFile(data));
		} finally {
			await release().catch(() => undefined);
		}
	}

	private async lock(): Promise<() => Promise<void>> {
		const timeout = this.options.timeout ?? 3000;
		const stale = this.options.stale ?? defaultLockStale;
		try {
			return await lock(this.path, {
				realpath: false,
				lockfilePath: `${this.path}.lock`,
				stale,
				retries: {retries: Math.ceil(timeout / 50), factor: 1, minTimeout: 20, maxTimeout: 60, randomize: true},
				onCompromised: error => {
					this.compromised = error;
				},
			});
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code === 'ELOCKED') {
				throw new DecisionsFileError(`${this.path} is locked by another winnow process that has held it for over ${timeout / 1000}s; decisions are kept and will be retried.`);
			}

			throw new DecisionsFileError(`${this.path} cannot be written (${code ?? (error as Error).message}); decisions are kept in memory and will be retried.`);
		}
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
