import {lstatSync, readlinkSync, realpathSync} from 'node:fs';
import {basename, dirname, join, resolve} from 'node:path';

/** Links followed before giving up (as the kernel's ELOOP limit). */
const maxLinks = 40;

/**
 * Where a file really is, following symbolic links even when the file does not exist yet (a link
 * to a decisions file still to be made): two processes that name one decisions file by different
 * paths (a link and its target, or through a linked folder) must lock, write and meet in one place.
 * A write replaces the file the link points to, never the link itself.
 */
export function canonicalPath(path: string): string {
	let current = resolve(path);
	for (let links = 0; links < maxLinks; links++) {
		let isLink: boolean;
		try {
			isLink = lstatSync(current).isSymbolicLink();
		} catch {
			break;
		}

		if (!isLink) break;
		current = resolve(dirname(current), readlinkSync(current));
	}

	try {
		return join(realpathSync(dirname(current)), basename(current));
	} catch {
		return current;
	}
}
