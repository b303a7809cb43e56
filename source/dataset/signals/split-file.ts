import {closeSync, fstatSync, openSync, readSync} from 'node:fs';
import {firstSignificantByte} from '../entry-scanner.js';

/** Bytes [from, to) of a dataset file, starting and ending at line boundaries. */
export type ByteRange = {from: number; to: number};

/** How a file is split: into at most `parts` stretches of at least `minimumPartBytes` (starting a worker costs more than a smaller one saves). */
export type SplitOptions = {parts: number; minimumPartBytes?: number};

const defaultMinimumPartBytes = 8 * 1024 * 1024;

/**
 * The file cut into at most `parts` stretches of about equal size, each starting right after a
 * line ending, so each worker reads whole entries and the entries keep the numbering of the file.
 * A JSON array file stays whole.
 */
export function splitFile(path: string, {parts, minimumPartBytes = defaultMinimumPartBytes}: SplitOptions): ByteRange[] {
	const fd = openSync(path, 'r');
	try {
		const {size} = fstatSync(fd);
		const wanted = Math.min(parts, Math.floor(size / Math.max(1, minimumPartBytes)));
		if (wanted <= 1) return [{from: 0, to: size}];
		const head = Buffer.alloc(Math.min(4096, size));
		readSync(fd, head, 0, head.length, 0);
		if (firstSignificantByte(head) === 0x5b) return [{from: 0, to: size}];
		const ranges: ByteRange[] = [];
		const block = Buffer.allocUnsafe(64 * 1024);
		let from = 0;
		for (let part = 1; part < wanted; part++) {
			const cut = lineStartAfter(fd, Math.round((size * part) / wanted), size, block);
			if (cut <= from || cut >= size) continue;
			ranges.push({from, to: cut});
			from = cut;
		}

		ranges.push({from, to: size});
		return ranges;
	} finally {
		closeSync(fd);
	}
}

/** The offset just after the first line ending at or after `at` (the file's size if there is none). */
function lineStartAfter(fd: number, at: number, size: number, block: Buffer): number {
	let position = at;
	while (position < size) {
		const read = readSync(fd, block, 0, Math.min(block.length, size - position), position);
		if (read === 0) break;
		const newline = block.subarray(0, read).indexOf(0x0a);
		if (newline !== -1) return position + newline + 1;
		position += read;
	}

	return size;
}

