import {closeSync, fstatSync, openSync, readSync} from 'node:fs';

/** The project's guidelines for reviewers (a Markdown or text file), as the `i` panel shows them. */
export type Guidelines = {path: string; text: string} | {path: string; error: string};

/** More than this is not guidelines a reviewer reads in a panel: the rest is left out, saying so. */
const maxBytes = 1024 * 1024;

/** Reads the guidelines file; an unreadable one is one sentence for the panel, never a crash. */
export function readGuidelines(path: string): Guidelines {
	let fd: number | undefined;
	try {
		fd = openSync(path, 'r');
		const stats = fstatSync(fd);
		if (!stats.isFile()) return {path, error: `${path} is not a regular file: point "guidelines" in winnow.config.json at a Markdown or text file.`};
		const buffer = Buffer.alloc(Math.min(stats.size, maxBytes));
		const read = readSync(fd, buffer, 0, buffer.length, 0);
		const text = buffer.toString('utf8', 0, read);
		return {path, text: stats.size > maxBytes ? `${text}\n\n… (the rest of ${path} is not shown: it is over 1 MB)` : text};
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return {path, error: `the guidelines file ${path} cannot be read (${code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' ? 'permission denied' : code ?? (error as Error).message}): fix "guidelines" in winnow.config.json.`};
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}

/** What `i` says when no guidelines are configured. */
export const noGuidelinesMessage = 'no guidelines set: add "guidelines": "FILE.md" to winnow.config.json';
