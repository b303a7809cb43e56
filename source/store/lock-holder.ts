import {randomBytes} from 'node:crypto';
import fs, {lstatSync, readdirSync, renameSync, rmdirSync, rmSync} from 'node:fs';
import {hostname} from 'node:os';
import {basename, dirname, join} from 'node:path';
import {createExclusive, readPeerFile} from './shared-folder.js';
import {isAlive} from './process-state.js';

/*
The decisions file's lock is proper-lockfile's: a folder `<db>.lock` made with mkdir. A writer killed
while it held the lock leaves the folder behind, and proper-lockfile only takes it over once its mtime
is older than the stale time (5 s), so every other writer waited that long. Here each holder writes who
it is (host, pid and a token for this one acquisition) into the folder as it makes it; a writer that
finds the lock busy and its holder a dead process on this host breaks it at once (breakDeadLock).
*/

const holderName = 'holder.json';
const stagingName = 'staging';

/**
 * Where the holder of `lock` writes the new decisions file before renaming it into place: inside its
 * own lock folder. A holder stalled past the stale time (SIGSTOP) between its last check and its
 * rename has had its folder moved away by the writer that broke the lock, so the rename fails
 * (ENOENT) instead of replacing that writer's file: only the process whose folder is the lock at
 * that very instant can rename a new file into place.
 */
export function stagingFolder(lock: string): string {
	return join(lock, stagingName);
}

type Holder = {host: string; pid: number; token: string};

type Callback = (error: NodeJS.ErrnoException | null, result?: unknown) => void;

/**
 * The fs proper-lockfile is given for one acquisition: its mkdir also writes the holder record in
 * the new folder (before proper-lockfile reads the folder's mtime, which it then keeps fresh), and
 * its rmdir removes the folder only while it still holds this acquisition's record: a lock that was
 * broken and taken by another process since is theirs, and is left alone.
 */
export function holderFs(): typeof fs {
	const holder: Holder = {host: hostname(), pid: process.pid, token: randomBytes(8).toString('hex')};
	const record = JSON.stringify(holder);
	// The lock folder appears with its record already in it: made under another name, then renamed into
	// place. A process killed at any moment leaves either no lock or a lock that says whose it is.
	const mkdirSync = (path: string) => {
		// rename() replaces an EMPTY folder: an empty lock (made by a winnow without holder records, or by
		// hand) would be taken over. Only a folder with a record in it makes rename fail by itself.
		if (fs.existsSync(path) || isLink(path)) throw Object.assign(new Error(`${path} exists`), {code: 'EEXIST'});
		const made = asideName(path, 'new');
		fs.mkdirSync(made);
		try {
			createExclusive(join(made, holderName), record);
			fs.mkdirSync(join(made, stagingName));
			renameSync(made, path);
		} catch (error) {
			removeFolder(made);
			const code = (error as NodeJS.ErrnoException).code;
			// A lock folder is there (it is never empty): held.
			if (code === 'ENOTEMPTY' || code === 'EEXIST') throw Object.assign(new Error(`${path} exists`), {code: 'EEXIST'});
			throw error;
		}
	};

	// Released by renaming the folder away first (one atomic step), then removing it.
	const rmdirSync = (path: string) => {
		const held = readHolder(path);
		if (held && held.token !== holder.token) return;
		const gone = asideName(path, 'released');
		try {
			renameSync(path, gone);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
			throw error;
		}

		removeFolder(gone);
	};

	return {
		...fs,
		mkdir(path: string, ...rest: unknown[]) {
			const callback = rest.at(-1) as Callback;
			try {
				mkdirSync(path);
				callback(null);
			} catch (error) {
				callback(error as NodeJS.ErrnoException);
			}
		},
		mkdirSync,
		rmdir(path: string, ...rest: unknown[]) {
			const callback = rest.at(-1) as Callback;
			try {
				rmdirSync(path);
				callback(null);
			} catch (error) {
				callback(error as NodeJS.ErrnoException);
			}
		},
		rmdirSync,
	} as unknown as typeof fs;
}

/**
 * Breaks `lock` if its holder is a process on this host that no longer runs, or if it has not been
 * refreshed for `stale` ms (a holder elsewhere that died or stalled). Safe against two processes
 * breaking it at once: the folder is first renamed to a name only this process knows, and removed
 * only if it is still the one judged dead (same inode, same record, same mtime); a fresh lock taken
 * meanwhile by another process is put back. Returns true when the lock was broken (or is gone).
 */
export function breakDeadLock(lock: string, stale: number): boolean {
	const before = lockFolder(lock);
	if (!before) return before === undefined;
	const held = readHolder(lock);
	const dead = held !== undefined && held.host === hostname() && held.pid !== process.pid && !isAlive(held.pid);
	if (!dead && Date.now() - before.mtimeMs <= stale) return false;
	const aside = asideName(lock, 'broken');
	try {
		renameSync(lock, aside);
	} catch (error) {
		// Gone already: another process broke it (or its holder released it).
		return (error as NodeJS.ErrnoException).code === 'ENOENT';
	}

	const moved = lockFolder(aside);
	const still = readHolder(aside);
	if (moved && moved.ino === before.ino && moved.mtimeMs === before.mtimeMs && still?.token === held?.token) {
		removeFolder(aside);
		return true;
	}

	// Another process's fresh lock: give it back (if the name is free again, as it should be).
	try {
		renameSync(aside, lock);
	} catch {}

	return false;
}

/** The lock folder's stat; undefined if there is none; false if something else is there. */
function lockFolder(path: string): {ino: number; mtimeMs: number} | false | undefined {
	try {
		const stats = lstatSync(path, {throwIfNoEntry: false});
		if (!stats) return undefined;
		return stats.isDirectory() ? {ino: stats.ino, mtimeMs: stats.mtimeMs} : false;
	} catch {
		return false;
	}
}

function readHolder(lock: string): Holder | undefined {
	const file = readPeerFile(join(lock, holderName));
	if (!file) return undefined;
	try {
		const value = JSON.parse(file.text) as Partial<Holder> | null;
		if (typeof value?.host === 'string' && Number.isSafeInteger(value.pid) && typeof value.token === 'string') return value as Holder;
	} catch {}

	return undefined;
}

/** A name beside the lock that only this process knows: `<lock>.<what>-<hex>`. */
function asideName(lock: string, what: 'new' | 'released' | 'broken'): string {
	return `${lock}.${what}-${randomBytes(8).toString('hex')}`;
}

/**
 * Removes a lock folder moved aside: its staging folder (with the file a stalled holder was writing,
 * if any), its record, then the folder; nothing else is ever in one.
 */
function removeFolder(path: string) {
	try {
		rmSync(join(path, stagingName), {recursive: true, force: true});
		rmSync(join(path, holderName), {force: true});
		rmdirSync(path);
	} catch {}
}

/** Older than this, a moved-aside lock folder was left by a process killed while it moved it (ms). */
const leftoverAge = 60_000;

/** Removes lock folders moved aside by processes killed before they removed them. */
export function removeLockLeftovers(lock: string) {
	const prefix = `${basename(lock)}.`;
	let names: string[];
	try {
		names = readdirSync(dirname(lock));
	} catch {
		return;
	}

	for (const name of names) {
		if (!name.startsWith(prefix) || !/\.(?:new|released|broken)-[\da-f]{16}$/.test(name)) continue;
		const path = join(dirname(lock), name);
		const stats = lockFolder(path);
		if (stats && Date.now() - stats.mtimeMs > leftoverAge) removeFolder(path);
	}
}

function isLink(path: string): boolean {
	try {
		return fs.lstatSync(path).isSymbolicLink();
	} catch {
		return false;
	}
}
