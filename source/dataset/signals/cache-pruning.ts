import {lstat, readdir, rm, utimes} from 'node:fs/promises';
import {join} from 'node:path';

/** A cache file not used for this long is removed (the dataset it was for was likely moved or deleted). */
export const unusedFor = 30 * 24 * 60 * 60 * 1000;
/** A temporary file this old was left by a process that died while writing. */
const leftoverFor = 24 * 60 * 60 * 1000;

/** Marks a cache file as used now (its modification time is its last use), so pruning keeps it. */
export async function markUsed(file: string): Promise<void> {
	const now = new Date();
	await utimes(file, now, now).catch(() => undefined);
}

/**
 * Removes from a cache folder the files (`*.signals`, or the given extension) unused for 30 days and temporary files left for a
 * day: only this user's plain files with the cache's own names, never through a link. Errors are
 * ignored (pruning is housekeeping; the cache is never an error). Returns how many were removed.
 */
export async function pruneCache(folder: string, now = Date.now(), extension = 'signals'): Promise<number> {
	let names: string[];
	try {
		names = await readdir(folder);
	} catch {
		return 0;
	}

	let removed = 0;
	for (const name of names) {
		const temporary = new RegExp(`^[\\da-f]{32}\\.${extension}\\.[\\da-f]{16}\\.tmp$`).test(name);
		if (!temporary && !new RegExp(`^[\\da-f]{32}\\.${extension}$`).test(name)) continue;
		try {
			const path = join(folder, name);
			const stats = await lstat(path);
			if (!stats.isFile() || (typeof process.getuid === 'function' && stats.uid !== process.getuid())) continue;
			if (now - stats.mtimeMs < (temporary ? leftoverFor : unusedFor)) continue;
			await rm(path, {force: true});
			removed++;
		} catch {}
	}

	return removed;
}
