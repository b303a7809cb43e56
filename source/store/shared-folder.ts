import {randomBytes} from 'node:crypto';
import {chmodSync, closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync, writeSync} from 'node:fs';
import {dirname, join} from 'node:path';

/*
Files in a folder other users can write (the decisions file's folder, its `.live/` folder) are hostile
ground: a peer may plant links, FIFOs or garbage under any name. Everything winnow creates there is
created exclusively under an unpredictable name and never through a link; everything it reads there
is opened without following links and without blocking, and only if it is a small regular file.
*/

/** A peer's file larger than this is not one winnow wrote (bytes). */
const peerFileLimit = 64 * 1024;

const createFlags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
const readFlags = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** A new name beside `path` that nobody can guess. */
export function unpredictableName(path: string): string {
	return `${path}.${randomBytes(8).toString('hex')}.tmp`;
}

/**
 * Creates `path` with `text`, failing with EEXIST if anything (a file, a link, a FIFO) is there:
 * O_EXCL never follows a link. Returns false on EEXIST; other errors throw.
 */
export function createExclusive(path: string, text: string, mode = 0o644): boolean {
	let fd: number;
	try {
		fd = openSync(path, createFlags, mode);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw error;
	}

	try {
		writeAll(fd, Buffer.from(text));
	} finally {
		closeSync(fd);
	}

	return true;
}

/**
 * Replaces `path` with `text`: a new file under an unpredictable name, created exclusively, then
 * renamed over `path`. A rename replaces a link planted at `path` rather than writing through it.
 */
export function replaceExclusive(path: string, text: string, mode = 0o644) {
	const temporary = unpredictableName(path);
	if (!createExclusive(temporary, text, mode)) throw Object.assign(new Error(`${temporary} exists`), {code: 'EEXIST'});
	try {
		renameSync(temporary, path);
	} catch (error) {
		rmSync(temporary, {force: true});
		throw error;
	}
}

export type PeerFile = {text: string; mtimeMs: number};

/**
 * Reads a file another process may have written: undefined unless it is a regular file of at most
 * peerFileLimit bytes, reached without a link. Opened with O_NONBLOCK, so a FIFO planted under the
 * name never blocks the caller.
 */
export function readPeerFile(path: string): PeerFile | undefined {
	let fd: number;
	try {
		fd = openSync(path, readFlags);
	} catch {
		return undefined;
	}

	try {
		const stats = fstatSync(fd);
		if (!stats.isFile() || stats.size > peerFileLimit) return undefined;
		const buffer = Buffer.alloc(stats.size);
		let read = 0;
		while (read < buffer.length) {
			const n = readSync(fd, buffer, read, buffer.length - read, read);
			if (n === 0) break;
			read += n;
		}

		return {text: buffer.toString('utf8', 0, read), mtimeMs: stats.mtimeMs};
	} catch {
		return undefined;
	} finally {
		closeSync(fd);
	}
}

/**
 * Makes `folder` (and its parents up to `base`) as real folders, with the permissions of `base`'s
 * own folder: group-writable where that is, so a second reviewer under the default umask 022 can
 * still write there; the setgid bit is inherited by the kernel. Throws if any part is a link or not
 * a folder: a peer must not redirect our files elsewhere.
 */
export function ensureSharedFolder(folder: string, base: string) {
	const parentMode = statSync(base).mode;
	// As open as the folder the decisions file is in (never less than the owner's full access), but
	// not sticky: peers must be able to remove each other's stale leases.
	const mode = (parentMode & 0o777) | 0o700;
	const parts: string[] = [];
	for (let current = folder; current !== base && current !== dirname(current); current = dirname(current)) parts.unshift(current);
	for (const part of parts) {
		try {
			mkdirSync(part, {mode});
			// mkdir's mode passes through the umask; set what the folder beside it allows.
			chmodSync(part, mode | (parentMode & 0o2000));
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}

		const stats = lstatSync(part);
		if (!stats.isDirectory()) {
			throw Object.assign(new Error(`${part} is ${stats.isSymbolicLink() ? 'a symbolic link' : 'not a folder'}`), {code: 'ENOTDIR'});
		}
	}
}

/** Joins a name to a folder after checking the name cannot leave it. */
export function inFolder(folder: string, name: string): string {
	if (name.includes('/') || name === '..' || name === '.') throw new Error(`bad file name ${name}`);
	return join(folder, name);
}

function writeAll(fd: number, buffer: Buffer) {
	let written = 0;
	while (written < buffer.length) written += writeSync(fd, buffer, written, buffer.length - written);
}
