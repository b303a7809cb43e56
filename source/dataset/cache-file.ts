import {randomBytes} from 'node:crypto';
import {constants} from 'node:fs';
import {chmod, lstat, mkdir, open, rename, rm} from 'node:fs/promises';
import {dirname} from 'node:path';
import {markUsed, pruneCache} from './signals/cache-pruning.js';
import {datasetIdentity, sameIdentity, type DatasetIdentity} from './signals/dataset-identity.js';

/*
A cache file of this user's (the signals cache, the scan's facts and ids caches), read and written so
that another user of a shared machine can neither feed winnow a file nor make it write through a link.
*/

/**
 * A cache file decoded (`decode` checks its key), and marked used; undefined on any miss: none,
 * another key's, unreadable, corrupt, not a plain file of this user's.
 */
export async function readCache<T>(file: string, decode: (bytes: Uint8Array) => T | undefined): Promise<T | undefined> {
	// Its own ArrayBuffer, from offset 0: what decode makes may be views into it.
	const bytes = await readOwnCacheFile(file);
	if (!bytes) return undefined;
	try {
		const value = decode(bytes);
		if (value !== undefined) await markUsed(file);
		return value;
	} catch {
		// Corrupt or unreadable as a cache: a miss.
		return undefined;
	}
}

/**
 * Stores what `encode` gives as `file` if the dataset at `path` is still `identity` (the one it was
 * worked out for), then removes the folder's unused files of the kind (`extension`). Errors are
 * swallowed: the next run works it out again.
 */
export async function writeDatasetCache(file: string, identity: DatasetIdentity, path: string, encode: () => Iterable<Uint8Array>, extension: string): Promise<boolean> {
	try {
		if (!sameIdentity(identity, await datasetIdentity(path))) return false;
		if (!await writeOwnCacheFile(file, encode())) return false;
		await pruneCache(dirname(file), Date.now(), extension);
		return true;
	} catch {
		return false;
	}
}

/** The whole file, in its own ArrayBuffer from offset 0; undefined when it is missing, unreadable, not a plain file or not this user's. */
export async function readOwnCacheFile(file: string): Promise<Uint8Array | undefined> {
	let handle;
	try {
		handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
	} catch {
		return undefined;
	}

	try {
		const stats = await handle.stat();
		if (!stats.isFile() || (typeof process.getuid === 'function' && stats.uid !== process.getuid())) return undefined;
		const bytes = new Uint8Array(stats.size);
		let read = 0;
		while (read < bytes.length) {
			const {bytesRead} = await handle.read(bytes, read, bytes.length - read, read);
			if (bytesRead === 0) return undefined;
			read += bytesRead;
		}

		return bytes;
	} catch {
		return undefined;
	} finally {
		// A cache that cannot even be closed is still only a miss: the command goes on without it.
		await handle.close().catch(() => undefined);
	}
}

/**
 * Writes `pieces` as `file`: a new file (0600, created exclusively under an unpredictable name, never
 * through a link) renamed over the old one, in a 0700 folder. False when the folder is not a folder
 * (a link, say); a failed write throws, leaving no temporary file behind.
 */
export async function writeOwnCacheFile(file: string, pieces: Iterable<Uint8Array>): Promise<boolean> {
	const folder = dirname(file);
	await mkdir(folder, {recursive: true, mode: 0o700});
	const stats = await lstat(folder);
	if (!stats.isDirectory()) return false;
	if ((stats.mode & 0o077) !== 0) await chmod(folder, 0o700);
	const temporary = `${file}.${randomBytes(8).toString('hex')}.tmp`;
	const handle = await open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
	try {
		for (const piece of pieces) {
			let written = 0;
			while (written < piece.length) written += (await handle.write(piece, written, piece.length - written)).bytesWritten;
		}
	} catch (error) {
		await handle.close();
		await rm(temporary, {force: true});
		throw error;
	}

	await handle.close();
	try {
		await rename(temporary, file);
	} catch (error) {
		await rm(temporary, {force: true});
		throw error;
	}

	return true;
}
