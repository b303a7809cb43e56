import {closeSync, fstatSync, openSync, readSync, type Stats} from 'node:fs';
import type {DecisionTable} from './decision-table.js';
import {tailPattern} from './decisions-layout.js';

/*
Reads a decisions file in winnow's layout into a DecisionTable a few megabytes at a time, so that a
file of 1,000,000 decisions (150 MB) never sits in memory whole beside the table made from it. Lines
are merged one by one (DecisionTable.mergeLine); anything not in the layout makes the caller read the
file whole, which also says what is wrong.
*/

const chunkSize = 8 * 1024 * 1024;
const newline = 0x0a;
const decisionsOpen = Buffer.from('"decisions": [');

export type LinesRead = {
	/** The file's text up to and including `"decisions": [`. */
	head: string;
	/** The file's text from its `]` on (`]`, the mode when the head has none, `}`). */
	tail: string;
	/** Where the tail (the line feed before `]`) starts. */
	tailStart: number;
	lines: number;
	/**
	 * Only the lines before the file's last bytes were read (readTableFile): `tail` is empty and
	 * `tailStart` is where the comma ending the last line read stands; the rest of the file (its last
	 * lines, its tail, anything appended since) is the reader's to read, as an append.
	 */
	partial?: boolean;
};

/**
 * How far from the end of a file its bytes may change while it is read: an append (locked-merge-adapter.ts)
 * writes from the file's tail on, and the tail (`\n]\n}\n`, with the mode at most) is shorter.
 */
export const changingEnd = 128;

/**
 * Merges every record line of the open file `fd` into `table` (samples that change go into
 * `changed`) once `headIsGood` accepts the head; undefined when the file is not in winnow's layout with at least one record line, or
 * a line is refused (lines before it may have been merged: merging the whole file again is harmless).
 */
export function readTableLines(fd: number, table: DecisionTable, changed: Set<string> | undefined, headIsGood: (head: string) => boolean, onRead?: (bytes: number) => void, stableBefore?: number): LinesRead | undefined {
	let buffer = Buffer.allocUnsafe(chunkSize);
	let filled = 0;
	/** The file offset of buffer[0]. */
	let offset = 0;
	let ended = false;
	const more = (): boolean => {
		if (ended) return false;
		if (filled === buffer.length) {
			const bigger = Buffer.allocUnsafe(buffer.length * 2);
			buffer.copy(bigger, 0, 0, filled);
			buffer = bigger;
		}

		const n = readSync(fd, buffer, filled, buffer.length - filled, offset + filled);
		if (n === 0) ended = true;
		filled += n;
		onRead?.(offset + filled);
		return n > 0;
	};

	let open = -1;
	while (open === -1) {
		if (!more()) return undefined;
		open = buffer.subarray(0, filled).indexOf(decisionsOpen);
	}

	let at = open + decisionsOpen.length;
	while (filled < at + 1 && more());
	if (buffer[at] !== newline) return undefined;
	const head = buffer.toString('utf8', 0, at);
	if (!headIsGood(head)) return undefined;
	at++;
	let lines = 0;
	/** Where the comma ending the last line merged stands (in the file). */
	let lastComma = -1;
	let view = buffer.subarray(0, filled);
	for (;;) {
		let end = view.indexOf(newline, at);
		while (end === -1) {
			// The line goes on past what was read: keep it, drop what is done, read on.
			buffer.copy(buffer, 0, at, filled);
			offset += at;
			filled -= at;
			at = 0;
			if (!more()) return undefined;
			view = buffer.subarray(0, filled);
			end = view.indexOf(newline, at);
		}

		if (buffer[at] !== 0x7b) return undefined;
		const comma = buffer[end - 1] === 0x2c;
		if (stableBefore !== undefined && (!comma || offset + end >= stableBefore)) {
			// The last lines may be rewritten by an append meanwhile: left to the reader (LinesRead.partial).
			return lines > 0 ? {head, tail: '', tailStart: lastComma, lines, partial: true} : undefined;
		}

		lastComma = offset + end - 1;
		if (!table.mergeLine(view, at, comma ? end - 1 : end, changed)) return undefined;
		lines++;
		if (!comma) {
			const tailStart = offset + end;
			while (more());
			const rest = buffer.toString('latin1', end + 1, filled);
			return rest.length <= 64 && tailPattern.test(rest) ? {head, tail: rest, tailStart, lines} : undefined;
		}

		at = end + 1;
	}
}

/**
 * Room in `table` for a file of `size` bytes, made once: lines of winnow's records are 100–200 bytes,
 * a quarter of it the sample's id at most (UUIDs, sha1: hashes).
 */
export function reserveForFile(table: DecisionTable, size: number) {
	table.reserve(Math.ceil(size / 128), Math.ceil(size / 4));
}

/** A decisions file read whole into a table by readTableFile: its state when read, its lines and the table. */
export type TableFileRead = {
	/** The file's stat when its reading began (it may have grown since: only its lines up to read.tailStart are in the table). */
	stat: Stats;
	read: LinesRead;
	table: DecisionTable;
};

/**
 * A decisions file in winnow's layout read into a new table (as the store's first read does it),
 * for a worker thread to hand over; undefined when the file is missing, not in the layout, or
 * changed while it was read (the store then reads it itself, which also says what is wrong).
 * `onRead` is told how many bytes are read so far, after each chunk.
 */
export function readTableFile(path: string, table: DecisionTable, onRead?: (bytes: number) => void): TableFileRead | undefined {
	let fd: number;
	try {
		fd = openSync(path, 'r');
	} catch {
		return undefined;
	}

	try {
		const stat = fstatSync(fd);
		if (!stat.isFile()) return undefined;
		reserveForFile(table, stat.size);
		// The head is checked by the store when it takes the table (parseDecisionsFile, with its messages).
		// The lines before the file's last bytes only: those stay as they are while others (or this
		// process, a key pressed meanwhile) append, and the store reads the rest as it reads an append.
		const read = readTableLines(fd, table, undefined, () => true, onRead, stat.size - changingEnd);
		const after = fstatSync(fd);
		if (!read || after.size < stat.size || after.ino !== stat.ino) return undefined;
		return {stat, read, table};
	} finally {
		closeSync(fd);
	}
}
