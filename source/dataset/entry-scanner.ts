import {constants} from 'node:buffer';
import {closeSync, fstatSync, openSync, readSync} from 'node:fs';
import {open, type FileHandle} from 'node:fs/promises';
import {DatasetError} from './errors.js';

/**
 * One sample's bytes in the file: a JSONL line (without its line ending) or one element of a
 * top-level JSON array. `bytes` is only valid until the next batch is read.
 */
export type Entry = {
	start: number;
	end: number;
	lineNumber: number;
	bytes: Buffer;
};

export type ScanStats = {
	bytesRead: number;
	totalBytes: number;
	blankLines: number;
	layout: 'jsonl' | 'array';
};

/**
 * Receives each entry as a span of the reader's buffer, which is reused: `buffer[from, to)` is
 * valid only during the call. `start` is the entry's offset in the file.
 */
export type EntrySink = (buffer: Buffer, from: number, to: number, start: number, lineNumber: number) => void;

export const chunkSize = 4 * 1024 * 1024;

const newline = 0x0a;
const carriageReturn = 0x0d;

export function isBlank(bytes: Buffer, from = 0, to = bytes.length): boolean {
	for (let i = from; i < to; i++) {
		const b = bytes[i];
		if (b !== 0x20 && b !== 0x09 && b !== carriageReturn && b !== newline) return false;
	}

	return true;
}

export function bomLength(head: Buffer): number {
	return head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
}

/** First byte that is not white space after an optional BOM, or -1. */
export function firstSignificantByte(head: Buffer): number {
	for (let i = bomLength(head); i < head.length; i++) {
		const b = head[i];
		if (b !== 0x20 && b !== 0x09 && b !== carriageReturn && b !== newline) return b;
	}

	return -1;
}

export type ReaderOptions = {
	/** Size of the first read, smaller than the rest so the first entries come at once. */
	firstChunk?: number;
	chunkSize?: number;
	/**
	 * Read each chunk with a blocking read, just before it is needed, instead of in the thread pool
	 * while the chunk before is handled: for a thread of its own (the indexing worker), where
	 * nothing else waits. Reading from the page cache is a copy (~0.1 ms a MB); handing a read to
	 * the pool and back costs more than that, and another core's time.
	 */
	synchronous?: boolean;
	/** Read into shared memory (SharedArrayBuffer), so that worker threads can see the chunks. */
	shared?: boolean;
	/**
	 * Only the bytes [from, to) of a JSON Lines file, which start and end at line boundaries: one
	 * worker's share of a file read by several. The entries' offsets stay the file's.
	 */
	range?: {from: number; to: number};
	/**
	 * How many chunks before the one handed out last stay valid (default 0): their buffers are
	 * reused only after that, for a caller that works on a chunk after reading the next one.
	 */
	hold?: number;
};

/**
 * Splits the bytes of one read into entries: buffer[from, end) is data (file offset bufferStart +
 * index), of which buffer[from, scanFrom) was seen before. Returns the index from which bytes belong
 * to an entry not finished yet. finish() takes the last unfinished bytes at the end of the file.
 */
type Splitter = {
	split(buffer: Buffer, from: number, scanFrom: number, end: number, bufferStart: number, sink: EntrySink): number;
	finish(buffer: Buffer, from: number, end: number, bufferStart: number, sink: EntrySink): void;
};

type Read = {buffer: Buffer; position: number; bytesRead: Promise<number>};

/** Room kept before each read for the unfinished tail of the chunk before. */
const gap = 64 * 1024;
/** The longest entry a Buffer can hold (bytes). */
const maxBufferLength = constants.MAX_LENGTH;
const empty = Buffer.alloc(0);

/**
 * Reads a dataset's entries chunk by chunk and hands them to a sink as spans of its buffers. Two
 * buffers are reused turn about: while the entries of one chunk are handled, the next chunk is
 * already being read into the other (so reading and indexing overlap), and nothing is allocated
 * per chunk (on this project's machines, touching fresh memory costs more than reading the file).
 * The unfinished entry at the end of a chunk is copied in front of the next chunk's bytes; an
 * entry longer than that gap gets a buffer of its own. Memory stays bounded by the longest entry.
 * Detects a top-level JSON array by its first byte.
 */
export class EntryReader {
	static async open(path: string, stats?: ScanStats, options: ReaderOptions = {}): Promise<EntryReader> {
		const handle = await open(path, 'r');
		try {
			const {size} = await handle.stat();
			const head = Buffer.alloc(Math.min(4096, size));
			await handle.read(head, 0, head.length, 0);
			const layout = firstSignificantByte(head) === 0x5b ? 'array' : 'jsonl';
			const state: ScanStats = stats ?? {bytesRead: 0, totalBytes: size, blankLines: 0, layout};
			state.totalBytes = size;
			state.layout = layout;
			const end = options.range ? Math.min(size, options.range.to) : size;
			return new EntryReader(handle, end, Math.max(bomLength(head), options.range?.from ?? 0), state, options);
		} catch (error) {
			await handle.close();
			throw error;
		}
	}

	done = false;
	/** The buffer of the chunk handed out last: its data ends at `filled`, its unfinished tail starts at `keepFrom`. */
	private current: Buffer = empty;
	private currentStart = 0;
	private filled = 0;
	private keepFrom = 0;
	private readonly spare: Buffer[] = [];
	private pending: Read | undefined;
	private reads = 0;
	/** Bytes moved between buffers to keep long entries whole (the rest is read in place). */
	copiedBytes = 0;
	private position: number;
	private readonly splitter: Splitter;
	private readonly chunk: number;
	private readonly firstChunk: number;
	private readonly synchronous: boolean;
	private readonly shared: boolean;
	private readonly hold: number;
	/** Buffers of chunks handed out before the current one, oldest first, still held. */
	private readonly held: Buffer[] = [];

	private constructor(private readonly handle: FileHandle, readonly size: number, start: number, readonly stats: ScanStats, options: ReaderOptions) {
		this.position = start;
		this.currentStart = start;
		this.chunk = options.chunkSize ?? chunkSize;
		this.firstChunk = Math.min(options.firstChunk ?? this.chunk, this.chunk);
		this.synchronous = options.synchronous ?? false;
		this.shared = options.shared ?? false;
		this.hold = options.hold ?? 0;
		this.splitter = stats.layout === 'array' ? new ArraySplitter() : new LineSplitter(stats);
	}

	/** Hands the entries of the next chunk to `sink`; false once the file is done. */
	async next(sink: EntrySink): Promise<boolean> {
		if (this.done) return false;
		let read = this.pending;
		this.pending = undefined;
		if (!read && this.position < this.size) read = this.startRead(this.reads === 0 ? this.firstChunk : this.chunk);
		const bytesRead = read ? await read.bytesRead : 0;
		const tailStart = this.currentStart + this.keepFrom;
		if (!read || bytesRead === 0) {
			// The end of the file (or it shrank while being read): the tail is the last entry.
			if (read) this.spare.push(read.buffer);
			this.position = this.size;
			this.done = true;
			this.splitter.finish(this.current, this.keepFrom, this.filled, this.currentStart, sink);
			return true;
		}

		this.reads++;
		this.position = read.position + bytesRead;
		this.stats.bytesRead = this.position;
		const tail = this.filled - this.keepFrom;
		let buffer = read.buffer;
		let from = gap - tail;
		let end = gap + bytesRead;
		this.copiedBytes += tail;
		if (tail <= gap) {
			this.current.copy(buffer, from, this.keepFrom, this.filled);
		} else if (this.current.length >= this.filled + bytesRead && this.current.length !== gap + this.chunk) {
			// An entry longer than the gap, still growing, in a buffer of its own with room: append.
			buffer = this.current;
			this.copiedBytes += bytesRead - tail;
			read.buffer.copy(buffer, this.filled, gap, end);
			this.spare.push(read.buffer);
			from = this.keepFrom;
			end = this.filled + bytesRead;
		} else {
			if (tail + bytesRead > maxBufferLength) throw new DatasetError(`an entry of this file is over ${Math.floor(maxBufferLength / 2 ** 30)} GB long, more than winnow can read; split the file into smaller samples.`);
			// An entry longer than the gap: it gets a buffer of its own, twice as big as it needs, so
			// that a line of hundreds of MB is copied a few times in all, not once per chunk.
			buffer = this.allocate(Math.min(maxBufferLength, Math.max(2 * (tail + bytesRead), gap + this.chunk + 1)));
			this.current.copy(buffer, 0, this.keepFrom, this.filled);
			read.buffer.copy(buffer, tail, gap, end);
			this.copiedBytes += bytesRead;
			this.spare.push(read.buffer);
			from = 0;
			end = tail + bytesRead;
		}

		// The entries of the chunk `hold` chunks back are done with (the caller asked for more): its buffer is free.
		if (this.current !== buffer && this.current !== empty) this.held.push(this.current);
		while (this.held.length > this.hold) {
			const free = this.held.shift()!;
			if (free.length === gap + this.chunk) this.spare.push(free);
		}

		this.current = buffer;
		this.currentStart = tailStart - from;
		// Read the next chunk while this one is split.
		if (this.position < this.size && !this.synchronous) this.pending = this.startRead(this.chunk);
		this.keepFrom = this.splitter.split(buffer, from, from + tail, end, this.currentStart, sink);
		this.filled = end;
		return true;
	}

	async close() {
		this.done = true;
		const {pending} = this;
		this.pending = undefined;
		if (pending) await pending.bytesRead.catch(() => undefined);
		await this.handle.close();
	}

	private allocate(length: number): Buffer {
		return this.shared ? Buffer.from(new SharedArrayBuffer(length)) : Buffer.allocUnsafe(length);
	}

	private startRead(length: number): Read {
		const buffer = this.spare.pop() ?? this.allocate(gap + this.chunk);
		const {position} = this;
		const wanted = Math.min(length, this.size - position);
		if (this.synchronous) {
			let bytesRead: Promise<number>;
			try {
				bytesRead = Promise.resolve(readSync(this.handle.fd, buffer, gap, wanted, position));
			} catch (error) {
				bytesRead = Promise.reject(error as Error);
				bytesRead.catch(() => undefined);
			}

			return {buffer, position, bytesRead};
		}

		const bytesRead = this.handle.read(buffer, gap, wanted, position).then(result => result.bytesRead);
		// Awaited by the next call; a failure is reported there, not as an unhandled rejection.
		bytesRead.catch(() => undefined);
		return {buffer, position, bytesRead};
	}
}

class LineSplitter implements Splitter {
	private lineNumber = 1;

	constructor(private readonly stats: ScanStats) {}

	split(buffer: Buffer, from: number, scanFrom: number, end: number, bufferStart: number, sink: EntrySink): number {
		let lineStart = from;
		let at = scanFrom;
		for (;;) {
			const nl = buffer.indexOf(newline, at);
			if (nl === -1 || nl >= end) break;
			this.line(buffer, lineStart, nl, bufferStart, sink);
			lineStart = nl + 1;
			at = lineStart;
		}

		return lineStart;
	}

	finish(buffer: Buffer, from: number, end: number, bufferStart: number, sink: EntrySink) {
		if (end > from) this.line(buffer, from, end, bufferStart, sink);
	}

	private line(buffer: Buffer, from: number, to: number, bufferStart: number, sink: EntrySink) {
		const end = to > from && buffer[to - 1] === carriageReturn ? to - 1 : to;
		const lineNumber = this.lineNumber++;
		// Most lines start with `{`: no need to look for white space.
		if (buffer[from] !== 0x7b && isBlank(buffer, from, end)) {
			this.stats.blankLines++;
			return;
		}

		sink(buffer, from, end, bufferStart + from, lineNumber);
	}
}

/**
 * Splits a top-level JSON array into its elements' byte spans with a small byte-level scanner
 * (strings, escapes, nesting). Elements are not parsed here.
 */
class ArraySplitter implements Splitter {
	private depth = 0;
	private inString = false;
	private escaped = false;
	private lineNumber = 1;
	private elementStart = -1;
	private elementLine = 1;
	private lastSignificant = -1;
	private closed = false;

	split(buffer: Buffer, _from: number, scanFrom: number, end: number, bufferStart: number, sink: EntrySink): number {
		for (let i = scanFrom; i < end; i++) {
			const b = buffer[i];
			const absolute = bufferStart + i;
			if (b === newline) this.lineNumber++;
			if (this.inString) {
				if (this.escaped) this.escaped = false;
				else if (b === 0x5c) this.escaped = true;
				else if (b === 0x22) this.inString = false;
				this.lastSignificant = absolute;
				continue;
			}

			if (b === 0x20 || b === 0x09 || b === newline || b === carriageReturn) continue;
			if (this.closed) {
				// ["q1","a1"] on each line: JSON Lines of arrays, read as one array and then another.
				if (b === 0x5b) throw new ArrayLayoutError(`another [ after the closing ] of the first line's array: its lines are JSON arrays, not objects, and winnow reads one JSON object per line (or one array of objects); make each line an object first, as in jq -c '{prompt: .[0], response: .[1]}' ${pathMark} > objects.jsonl`, this.lineNumber);
				throw new ArrayLayoutError('unexpected content after the closing ] of the top-level array', this.lineNumber);
			}

			if (this.depth === 0) {
				if (b !== 0x5b) throw new ArrayLayoutError('expected [ to open the top-level array', this.lineNumber);
				this.depth = 1;
				continue;
			}

			if (this.depth === 1 && (b === 0x2c || b === 0x5d)) {
				if (this.elementStart !== -1) {
					sink(buffer, this.elementStart - bufferStart, this.lastSignificant + 1 - bufferStart, this.elementStart, this.elementLine);
					this.elementStart = -1;
				}

				if (b === 0x5d) {
					this.depth = 0;
					this.closed = true;
				}

				continue;
			}

			if (this.depth === 1 && this.elementStart === -1) {
				this.elementStart = absolute;
				this.elementLine = this.lineNumber;
			}

			this.lastSignificant = absolute;
			if (b === 0x22) this.inString = true;
			else if (b === 0x7b || b === 0x5b) this.depth++;
			else if (b === 0x7d || b === 0x5d) this.depth--;
		}

		return this.elementStart === -1 ? end : this.elementStart - bufferStart;
	}

	finish() {
		if (!this.closed) throw new ArrayLayoutError('the top-level array is not closed with ] (is the file cut short?)', this.lineNumber);
	}
}

/**
 * Every entry of a dataset file, read synchronously from its start (chunk by chunk; `sink` gets each
 * entry's bytes, valid during the call only). For the rare look-up that must finish inside a
 * synchronous visit of the main scan (content-presence.ts); the file's layout as EntryReader detects it.
 */
export function forEachEntrySync(path: string, sink: (bytes: Buffer) => void, piece = chunkSize) {
	const fd = openSync(path, 'r');
	try {
		const {size} = fstatSync(fd);
		const head = Buffer.alloc(Math.min(4096, size));
		readSync(fd, head, 0, head.length, 0);
		const stats: ScanStats = {bytesRead: 0, totalBytes: size, blankLines: 0, layout: firstSignificantByte(head) === 0x5b ? 'array' : 'jsonl'};
		const splitter: Splitter = stats.layout === 'array' ? new ArraySplitter() : new LineSplitter(stats);
		const entrySink: EntrySink = (buffer, from, to) => {
			sink(buffer.subarray(from, to));
		};

		let position = bomLength(head);
		let tail = empty;
		let tailStart = position;
		while (position < size) {
			const read = Buffer.allocUnsafe(Math.min(piece, size - position));
			const bytesRead = readSync(fd, read, 0, read.length, position);
			if (bytesRead === 0) break;
			position += bytesRead;
			const buffer = tail.length > 0 ? Buffer.concat([tail, read.subarray(0, bytesRead)]) : read.subarray(0, bytesRead);
			const keep = splitter.split(buffer, 0, tail.length, buffer.length, tailStart, entrySink);
			tailStart += keep;
			tail = buffer.subarray(keep);
		}

		splitter.finish(tail, 0, tail.length, tailStart, entrySink);
	} finally {
		closeSync(fd);
	}
}

/**
 * Streams a dataset's entries in batches, one batch per chunk read: memory stays bounded by the
 * longest entry, whatever the file's size.
 */
export async function * scanEntries(path: string, stats?: ScanStats): AsyncGenerator<Entry[]> {
	const reader = await EntryReader.open(path, stats);
	try {
		let batch: Entry[] = [];
		const sink: EntrySink = (buffer, from, to, start, lineNumber) => {
			batch.push({start, end: start + (to - from), lineNumber, bytes: buffer.subarray(from, to)});
		};

		while (await reader.next(sink)) {
			if (batch.length > 0) {
				const full = batch;
				batch = [];
				yield full;
			}
		}
	} finally {
		await reader.close();
	}
}

/** Where an ArrayLayoutError's message names the file (see layoutErrorMessage). */
const pathMark = '\u0000FILE\u0000';

export class ArrayLayoutError extends Error {
	constructor(message: string, readonly lineNumber: number) {
		super(message);
	}
}

/** The sentence for an ArrayLayoutError in the file at `path`. */
export function layoutErrorMessage(path: string, error: ArrayLayoutError): string {
	const file = /^[\w./-]+$/.test(path) ? path : `'${path.replaceAll('\'', '\'\\\'\'')}'`;
	return `${path}, line ${error.lineNumber}: ${error.message.replaceAll(pathMark, file)}.`;
}
