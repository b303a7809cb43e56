import {randomBytes} from 'node:crypto';
import {open, readFile, rename, rm, stat, type FileHandle} from 'node:fs/promises';
import {closeSync, existsSync, fchmodSync, fchownSync, fstatSync, fsync, fsyncSync, lstatSync, openSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, writev, writevSync, type Stats} from 'node:fs';
import {basename, dirname, join, resolve} from 'node:path';
import {lock, lockSync} from 'proper-lockfile';
import type {Adapter} from 'lowdb';
import type {DecisionBackend} from './decision-backend.js';
import {DecisionsFileError, fileProblem} from './errors.js';
import {canonicalPath} from './canonical-path.js';
import {FileSnapshot} from './file-snapshot.js';
import {removeLeftoverTemporaries, temporaryName} from './leftover-temporaries.js';
import {breakDeadLock, holderFs, removeLockLeftovers, stagingFolder} from './lock-holder.js';
import {readDecisionsFile, serializeDecisionsFile} from './decisions-file.js';
import {mergeRecords} from './merge.js';
import {recordsOfSample} from './sample-peek.js';
import {emptyDecisionsFile, recordKey, type DecisionRecord, type DecisionsFile, type ReviewMode} from './schema.js';

/**
 * A lock older than this is taken to belong to a dead process (ms). proper-lockfile's default is
 * 10 s: a reviewer whose partner's process was SIGKILLed while writing would wait that long. A live
 * holder refreshes its lock every lockUpdate ms, so 5 s still leaves it 4 s of stall; and a holder that
 * stalls longer cannot overwrite the other's write anyway (see the check before the rename).
 */
export const defaultLockStale = 5000;
const lockUpdate = 1000;

/** The lock beside the file the path really names: one lock, whichever link a process came by. */
export function lockPath(path: string): string {
	return `${canonicalPath(path)}.lock`;
}

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
 *
 * writeChanges() and refresh() do the same incrementally, for the decision store: the adapter keeps
 * the file as it last read or wrote it (a FileSnapshot), skips the re-read when the file's stat is
 * unchanged, parses only the lines another process changed, and writes the unchanged stretches of
 * the old file as they are. Their cost follows the changes, not the size of the file.
 */
export class LockedMergeAdapter implements Adapter<DecisionsFile>, DecisionBackend {
	compromised: Error | undefined;
	private readonly snapshot: FileSnapshot;
	/** Reads and writes of the snapshot, one at a time. */
	private queue: Promise<unknown> = Promise.resolve();

	/**
	 * The file the path named when this adapter was made. Every read and write checks that the path
	 * still leads there: a peer who swaps the shared file for a link (to one of our own files) must
	 * not get our decisions written through it.
	 */
	private readonly target: string;

	/**
	 * The stat of the newest file state whose records the caller holds (undefined: none yet). Not the
	 * snapshot's stat: a write catches up with another process's records first and hands them over
	 * only when it ends, several turns of the event loop later; peekSample, asked meanwhile, must not
	 * take the file as known (see peekSample).
	 */
	private delivered: Stats | undefined;

	constructor(readonly path: string, readonly datasetName: string, readonly options: LockOptions = {}) {
		refuseForeignLinks(path);
		this.target = canonicalPath(path);
		this.snapshot = new FileSnapshot(datasetName, emptyDecisionsFile(datasetName).createdAt);
	}

	async read(): Promise<DecisionsFile | null> {
		return this.exclusive(async () => {
			removeLeftoverTemporaries(this.pinnedTarget());
			removeLockLeftovers(`${this.pinnedTarget()}.lock`);
			const current = await this.statTarget();
			const bytes = current && await this.readBytes();
			if (!bytes) {
				this.snapshot.reset(this.datasetName, emptyDecisionsFile(this.datasetName).createdAt, undefined);
				return null;
			}

			return this.deliver(this.snapshot.load(bytes, this.path, this.datasetName, current));
		});
	}

	async readAll(): Promise<DecisionRecord[] | undefined> {
		return (await this.read())?.decisions;
	}

	/**
	 * Reads what other processes wrote since this adapter last read or wrote the file (nothing, if
	 * its stat is unchanged). Returns the records that are new or changed there.
	 */
	async refresh(): Promise<DecisionRecord[]> {
		// The watcher calls this after each of our own writes too (the file's stat changed). A stat the
		// snapshot already holds needs no place in the queue, where it would hold up the next write.
		// Taken synchronously: an awaited stat can straddle one of our own writes and look like another
		// process's, and then this waits in the queue, holding up the writes behind it.
		if (this.snapshot.matches(statTargetSync(this.path, this.pinnedTarget()))) return [];
		return this.exclusive(async () => this.deliver(await this.catchUp(await this.statTarget())));
	}

	/** The mode the file was created with, as last read (undefined: none yet, or no file). */
	get mode(): ReviewMode | undefined {
		return this.snapshot.mode;
	}

	/** The mode to write into the file if it has none (a new file: its first write creates it so). */
	set defaultMode(mode: ReviewMode) {
		this.snapshot.defaultMode = mode;
	}

	/**
	 * The records the file holds now for one sample, read at once (synchronously) if another process
	 * wrote it since this adapter last read or wrote it; undefined if nothing changed (or it cannot
	 * be read now: the next refresh says why). Leaves the snapshot as it is, so this may run while a
	 * read or write is under way: split mode asks this before handing a sample out.
	 */
	peekSample(sample: string): DecisionRecord[] | undefined {
		try {
			const target = this.pinnedTarget();
			const current = statTargetSync(this.path, target);
			// The file as the store last took it in: nobody else wrote since. Not the snapshot's stat: a
			// write in flight has read another process's decisions into the snapshot and hands them to the
			// store only when it ends (after the rename), and a sample decided there would look free here.
			if (!current || sameFile(this.delivered, current)) return undefined;
			return recordsOfSample(readFileSync(target), sample, this.path, this.datasetName);
		} catch {
			return undefined;
		}
	}

	/**
	 * Writes changed records into the file under its lock: merged with what other processes wrote
	 * (newest record per sample and reviewer wins), atomically, with fsync. Returns the records the
	 * file holds that the caller may not know: others' new or changed ones, and any record newer
	 * than one of `changes` (which then stays as it is in the file).
	 */
	async writeChanges(changes: DecisionRecord[] | (() => DecisionRecord[]), synchronously = false): Promise<DecisionRecord[]> {
		return this.exclusive(async () => {
			// A function is called when the write starts: changes made while it waited go too.
			const list = typeof changes === 'function' ? changes() : changes;
			const done = synchronously ? await this.writeChangesNow(list) : undefined;
			if (done) return done;
			let lost: Error | undefined;
			const release = await this.lock(error => {
				lost = error;
				this.compromised = error;
			});
			try {
				const target = this.pinnedTarget();
				// Taken before the read: if the file changes after this, someone wrote without our lock.
				const before = await this.statTarget(target);
				const incoming = await this.catchUp(before);
				const {chunks, length} = this.stage(list, incoming);
				const written = await replaceFile(target, chunks, before, async () => {
					if (lost || !sameFile(before, await statIfAny(target))) throw this.stalled();
				}).catch(error => {
					throw this.lockGone(error, target);
				});
				this.settle(await statIfAny(target).catch(() => undefined), written, length);
				return this.deliver(incoming);
			} finally {
				await release().catch(() => undefined);
			}
		});
	}

	/**
	 * writeChanges' work in one turn of the event loop instead of a dozen: the async path is a chain
	 * of awaits, and when the event loop is busy (keys arriving faster than the screen draws) each
	 * await waits for a whole turn, so a decision could take a second to reach the disk. The lock,
	 * stat and rename are synchronous (metadata, well under a millisecond), and so are the write and
	 * the fsync of a file up to syncWriteLimit; a bigger one is written and fsynced off the main
	 * thread in two more turns (see syncWriteLimit), and re-reading a file another process wrote is
	 * off the main thread too. Returns undefined, having done nothing, when another process holds
	 * the lock: the async path then waits for it. Failures throw as the async path's do.
	 */
	private async writeChangesNow(changes: DecisionRecord[]): Promise<DecisionRecord[] | undefined> {
		let lost: Error | undefined;
		let release: () => void;
		const lockfilePath = `${this.pinnedTarget()}.lock`;
		const take = () => lockSync(this.path, {
			realpath: false,
			lockfilePath,
			stale: this.options.stale ?? defaultLockStale,
			update: lockUpdate,
			fs: holderFs(),
			onCompromised: error => {
				lost = error;
				this.compromised = error;
			},
		});
		try {
			try {
				release = take();
			} catch (error) {
				// Left by a writer on this host that was killed while it held it: broken at once.
				if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || !breakDeadLock(lockfilePath, this.options.stale ?? defaultLockStale)) throw error;
				release = take();
			}
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code === 'ELOCKED') return undefined;
			throw new DecisionsFileError(`${this.path} cannot be written (${fileProblem(error)}); decisions are kept in memory and will be retried.`);
		}

		try {
			const target = this.pinnedTarget();
			const before = statTargetSync(this.path, target);
			// Reads only when another process wrote (off the main thread: one more await).
			const incoming = await this.catchUp(before);
			const {chunks, length} = this.stage(changes, incoming);
			const written = await replaceFileQuick(target, chunks, before, () => {
				if (lost || !sameFile(before, statTargetSync(this.path, target))) throw this.stalled();
			}).catch(error => {
				throw this.lockGone(error, target);
			});
			let after: Stats | undefined;
			try {
				after = statSync(target);
			} catch {}

			this.settle(after, written, length);
			return this.deliver(incoming);
		} finally {
			try {
				release();
			} catch {}
		}
	}

	async write(data: DecisionsFile): Promise<void> {
		return this.exclusive(async () => {
			// A whole-data write: the snapshot no longer says what the file holds.
			this.snapshot.stale = true;
			await this.writeWhole(data);
		});
	}

	private async writeWhole(data: DecisionsFile): Promise<void> {
		let lost: Error | undefined;
		const release = await this.lock(error => {
			lost = error;
			this.compromised = error;
		});
		try {
			const target = this.pinnedTarget();
			// Taken before the read: if the file changes after this, someone wrote without our lock.
			const before = await statIfAny(target);
			const onDisk = await readDecisionsFile(target, this.datasetName);
			if (onDisk) mergeInto(data, onDisk);
			await replaceFile(target, serializeDecisionsFile(data), before, async () => {
				// The lock is a convention, not a guarantee: a holder stalled past the stale time (SIGSTOP,
				// a suspended VM, a blocked event loop) loses it to the next writer. Then what we are about
				// to write was merged from an old read: renaming it would erase that writer's decisions.
				// Give up instead; the store keeps ours in memory and retries with a fresh read.
				if (lost || !sameFile(before, await statIfAny(target))) throw this.stalled();
			}).catch(error => {
				throw this.lockGone(error, target);
			});
		} finally {
			await release().catch(() => undefined);
		}
	}

	/**
	 * Merges `changes` into the snapshot (newest wins; a record the file holds that is newer than a
	 * change is added to `incoming`) and returns the bytes of the file to write.
	 */
	private stage(changes: DecisionRecord[], incoming: DecisionRecord[]): {chunks: Buffer[]; length: number} {
		for (const record of changes) {
			const kept = this.snapshot.apply(record);
			if (kept) incoming.push(kept);
		}

		const chunks = this.snapshot.chunks();
		// Until the new file is in place, the snapshot holds changes the file may never get.
		this.snapshot.stale = true;
		return {chunks, length: chunks.reduce((sum, chunk) => sum + chunk.length, 0)};
	}

	/**
	 * After the rename: only if the file there is the one just written (not another writer's, had
	 * this process stalled right after its rename) does the snapshot hold what the file holds.
	 */
	private settle(after: Stats | undefined, written: number, length: number) {
		if (after?.ino !== written || after.size !== length) return;
		this.snapshot.stat = after;
		this.snapshot.absent = false;
		this.snapshot.stale = false;
	}

	/**
	 * Called as records are handed to the caller: from here on it holds everything in the file state
	 * the snapshot stands for (its stat: the file just written, or the one read before a write that
	 * could not settle). The caller takes them in before any other event (keys, timers) is handled.
	 */
	private deliver<T>(result: T): T {
		this.delivered = this.snapshot.stat;
		return result;
	}

	/** The pinned file, after checking that the path still leads to it and not through a link. */
	private pinnedTarget(): string {
		const now = canonicalPath(this.path);
		let link = false;
		try {
			link = lstatSync(this.target).isSymbolicLink();
		} catch {}

		if (now !== this.target || link) {
			throw new DecisionsFileError(`${this.path} was replaced by a link to ${now} while winnow had it open; winnow will not write there (your decisions are kept in memory): check who changed it, put the decisions file back, and start winnow again.`);
		}

		return this.target;
	}

	/**
	 * A write's staged file gone (ENOENT) while its folder is there: the lock folder it was staged in
	 * was moved away by a writer that took the lock over while this one was stalled (see stagingFolder).
	 */
	private lockGone(error: unknown, target: string): unknown {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !existsSync(dirname(target))) return error;
		return this.stalled();
	}

	private stalled(): DecisionsFileError {
		return new DecisionsFileError(`${this.path} was written by another winnow process while this one was stalled; decisions are kept and will be retried.`);
	}

	private async exclusive<T>(task: () => Promise<T>): Promise<T> {
		const run = this.queue.then(task, task);
		this.queue = run.catch(() => undefined);
		return run;
	}

	/**
	 * Brings the snapshot up to date with the file, whose stat is `current`: nothing to do if it is
	 * the one the snapshot holds, else the file is read and compared. Returns the records that changed.
	 */
	private async catchUp(current: Stats | undefined): Promise<DecisionRecord[]> {
		if (this.snapshot.matches(current)) return [];
		const bytes = current && await this.readBytes();
		if (!bytes) {
			// Gone (or never there): what we hold is written back whole on the next write, as before.
			this.snapshot.absent = true;
			this.snapshot.stat = undefined;
			return [];
		}

		return this.snapshot.update(bytes, this.path, this.datasetName, current)
			?? this.snapshot.load(bytes, this.path, this.datasetName, current).decisions;
	}

	private async statTarget(target?: string): Promise<Stats | undefined> {
		try {
			return await statIfAny(target ?? this.pinnedTarget());
		} catch (error) {
			throw readError(this.path, error);
		}
	}

	/** The file's bytes; undefined if it does not exist. Errors as readDecisionsFile words them. */
	private async readBytes(): Promise<Buffer | undefined> {
		const target = this.pinnedTarget();
		try {
			return await readFile(target);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
			throw readError(this.path, error);
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
				const lockfilePath = `${this.pinnedTarget()}.lock`;
				try {
					return await lock(this.path, {
						realpath: false,
						lockfilePath,
						stale,
						update: lockUpdate,
						fs: holderFs(),
						// proper-lockfile's default throws from a timer, which would kill the process.
						onCompromised,
					});
				} catch (error) {
					if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || Date.now() >= giveUpAt) throw error;
					// Left by a writer on this host that was killed while it held it: broken at once.
					if (breakDeadLock(lockfilePath, stale)) continue;
					await new Promise(resolve => setTimeout(resolve, 20 + (Math.random() * 20)));
				}
			}
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			const foreign = foreignLock(`${this.target}.lock`, stale);
			if (foreign) throw new DecisionsFileError(`${foreign}; decisions are kept in memory and will be retried.`);
			if (code === 'ELOCKED') {
				throw new DecisionsFileError(`${this.path} is locked by another winnow process that has held it for over ${timeout / 1000}s; decisions are kept and will be retried.`);
			}

			throw new DecisionsFileError(`${this.path} cannot be written (${fileProblem(error)}); decisions are kept in memory and will be retried.`);
		}
	}
}

/**
 * Refuses a decisions path that goes through a symbolic link another user owns: in a shared folder
 * such a link can point at one of our own files (a shell start-up file) for us to overwrite.
 */
function refuseForeignLinks(path: string) {
	const me = process.getuid?.();
	if (me === undefined) return;
	let current = resolve(path);
	for (let links = 0; links < 40; links++) {
		let stats: Stats;
		try {
			stats = lstatSync(current);
		} catch {
			return;
		}

		if (!stats.isSymbolicLink()) return;
		if (stats.uid !== me && stats.uid !== 0) {
			throw new DecisionsFileError(`${path} is a symbolic link owned by another user (uid ${stats.uid}); winnow will not write decisions through it: pass --db with the real file's path.`);
		}

		current = resolve(dirname(current), readlinkSync(current));
	}
}

/**
 * What is wrong with a lock path that is not a lock a live winnow holds (a file or link someone put
 * there, a folder nobody refreshes), in words that say how to fix it; undefined if it looks like one.
 */
export function foreignLock(path: string, stale: number): string | undefined {
	let stats: Stats | undefined;
	try {
		stats = lstatSync(path, {throwIfNoEntry: false});
	} catch {
		return undefined;
	}

	if (!stats) return undefined;
	const remove = `if no winnow is using the decisions file, remove it (rm -r '${path}')`;
	if (stats.isSymbolicLink()) return `${path} is a symbolic link, not winnow's lock folder: ${remove}`;
	if (!stats.isDirectory()) return `${path} is a file, not winnow's lock folder: ${remove}`;
	const age = Date.now() - stats.mtimeMs;
	if (age > 3 * stale) return `${path} has not been refreshed for ${Math.round(age / 1000)} s, so no live winnow holds it, yet it cannot be removed (it is not empty, or not ours): ${remove}`;
	return undefined;
}

function statTargetSync(path: string, target: string): Stats | undefined {
	try {
		return statSync(target, {throwIfNoEntry: false});
	} catch (error) {
		throw readError(path, error);
	}
}

/**
 * Below this size (bytes) replaceFileQuick writes and fsyncs synchronously; a bigger file (15 MB
 * with 100,000 decisions: 10–30 ms) is written and fsynced off the main thread, in two more turns of
 * the event loop, so that it does not hold up the next frame.
 */
const syncWriteLimit = 1024 * 1024;

async function replaceFileQuick(path: string, chunks: Buffer[], old: Stats | undefined, beforeRename: () => void): Promise<number> {
	const temporary = stagedName(path);
	const mode = old ? old.mode & 0o7777 : 0o666;
	let fd: number | undefined;
	try {
		fd = openSync(temporary, 'wx', mode);
		const expected = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
		// A file of up to a few thousand decisions is written and fsynced in a millisecond or two:
		// synchronously, because each await waits a whole turn of a busy event loop, and the crash
		// test (test/crash-sigkill.test.ts) then finds decisions hundreds of ms old not on disk.
		const quick = expected <= syncWriteLimit;
		let written = 0;
		while (written < expected) {
			const remaining = skipBytes(chunks, written);
			const n = quick ? writevSync(fd, remaining) : await writevAsync(fd, remaining);
			if (n === 0) throw new Error(`short write (${written} of ${expected} bytes)`);
			written += n;
		}

		if (old) {
			try {
				fchmodSync(fd, mode);
				if (process.getuid?.() === 0) fchownSync(fd, old.uid, old.gid);
			} catch {}
		}

		if (quick) fsyncSync(fd);
		else await fsyncAsync(fd);
		const {ino} = fstatSync(fd);
		closeSync(fd);
		fd = undefined;
		beforeRename();
		renameSync(temporary, path);
		return ino;
	} catch (error) {
		if (fd !== undefined) {
			try {
				closeSync(fd);
			} catch {}
		}

		rmSync(temporary, {force: true});
		throw error;
	}
}

async function writevAsync(fd: number, chunks: Buffer[]): Promise<number> {
	return new Promise((resolve, reject) => {
		writev(fd, chunks, (error, bytesWritten) => {
			if (error) reject(error);
			else resolve(bytesWritten);
		});
	});
}

async function fsyncAsync(fd: number): Promise<void> {
	return new Promise((resolve, reject) => {
		fsync(fd, error => {
			if (error) reject(error);
			else resolve();
		});
	});
}

/** The chunks from byte `offset` on. */
function skipBytes(chunks: Buffer[], offset: number): Buffer[] {
	if (offset === 0) return chunks;
	const rest: Buffer[] = [];
	let position = 0;
	for (const chunk of chunks) {
		const end = position + chunk.length;
		if (end > offset) rest.push(position >= offset ? chunk : chunk.subarray(offset - position));
		position = end;
	}

	return rest;
}

async function statIfAny(path: string): Promise<Stats | undefined> {
	try {
		return await stat(path);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
}

function readError(path: string, error: unknown): DecisionsFileError {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'EISDIR') return new DecisionsFileError(`${path} is a directory, not a decisions file; pass --db with a file name.`);
	return new DecisionsFileError(`${path} cannot be read (${fileProblem(error)}); check its permissions.`);
}

function sameFile(a: Stats | undefined, b: Stats | undefined): boolean {
	if (!a || !b) return a === b;
	return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

/**
 * The temporary file a write of path is staged in: in the staging folder of path's lock, which the
 * caller holds (see stagingFolder: the rename into place then fails if the lock was broken meanwhile).
 */
function stagedName(path: string): string {
	return temporaryName(join(stagingFolder(`${path}.lock`), basename(path)), process.pid, randomBytes(4).toString('hex'));
}

/**
 * Replaces path with text atomically: a new temporary file in its lock's staging folder (unique name, with the pid),
 * written, given the old file's permissions, fsynced, then `beforeRename` (which may throw to abandon
 * the write), then renamed over path. A crash at any moment leaves the old file or the new one, never a mix.
 */
async function replaceFile(path: string, content: string | Buffer[], old: Stats | undefined, beforeRename: () => Promise<void>): Promise<number> {
	const temporary = stagedName(path);
	const mode = old ? old.mode & 0o7777 : 0o666;
	let handle: FileHandle | undefined;
	try {
		handle = await open(temporary, 'wx', mode);
		if (typeof content === 'string') {
			await handle.writeFile(content);
		} else {
			// One writev of the snapshot's buffers: unchanged stretches of the old file and the new lines.
			const expected = content.reduce((sum, chunk) => sum + chunk.length, 0);
			const {bytesWritten} = await handle.writev(content);
			if (bytesWritten !== expected) throw new Error(`short write (${bytesWritten} of ${expected} bytes)`);
		}
		if (old) {
			// As write-file-atomic did: keep the old file's permissions (past the umask) and, as root, its owner.
			await handle.chmod(mode).catch(() => undefined);
			if (process.getuid?.() === 0) await handle.chown(old.uid, old.gid).catch(() => undefined);
		}

		await handle.sync();
		const {ino} = await handle.stat();
		await handle.close();
		handle = undefined;
		await beforeRename();
		await rename(temporary, path);
		// The inode of the new file: the caller can tell it from a file another process put there since.
		return ino;
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
	if (other.other) data.other = {...other.other, ...data.other};
}

export function keyOf(record: DecisionRecord): string {
	return recordKey(record.sample, record.reviewer);
}

export {emptyDecisionsFile};
