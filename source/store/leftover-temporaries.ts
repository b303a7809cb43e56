import {readdirSync, rmSync, statSync} from 'node:fs';
import {basename, dirname, join} from 'node:path';

/** A temporary file this much older than now was not being written by anyone (ms). */
const leftoverAge = 60_000;

/** The name of a temporary file written on the way to replacing `path` (the pid tells whose). */
export function temporaryName(path: string, pid: number, random: string): string {
	return `${path}.${pid}.${random}.tmp`;
}

/**
 * Removes the temporary files a writer of `path` left when it was killed between creating one and
 * renaming it over the file (SIGKILL, power loss): older than a minute, from a process that is no
 * longer running. They hold nothing the decisions file does not (the rename never happened), and
 * would otherwise pile up beside it. Anything unexpected (a folder that cannot be listed, a file
 * that cannot be removed) is left as it is.
 */
export function removeLeftoverTemporaries(path: string, now = Date.now()): string[] {
	const folder = dirname(path);
	const pattern = new RegExp(`^${escapeRegExp(basename(path))}\\.(\\d+)\\.[0-9a-f]{8}\\.tmp$`);
	const removed: string[] = [];
	let names: string[];
	try {
		names = readdirSync(folder);
	} catch {
		return removed;
	}

	for (const name of names) {
		const match = pattern.exec(name);
		if (!match || isRunning(Number(match[1]))) continue;
		const file = join(folder, name);
		try {
			if (now - statSync(file).mtimeMs < leftoverAge) continue;
			rmSync(file);
			removed.push(file);
		} catch {}
	}

	return removed;
}

function isRunning(pid: number): boolean {
	if (pid === process.pid) return true;
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: running, as another user.
		return (error as NodeJS.ErrnoException).code !== 'ESRCH';
	}
}

function escapeRegExp(text: string): string {
	return text.replaceAll(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
