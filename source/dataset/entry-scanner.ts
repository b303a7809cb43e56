import {open} from 'node:fs/promises';

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
function firstSignificantByte(head: Buffer): number {
	for (let i = bomLength(head); i < head.length; i++) {
		const b = head[i];
		if (b !== 0x20 && b !== 0x09 && b !== carriageReturn && b !== newline) return b;
	}

	return -1;
}

/**
 * Streams a dataset's entries in batches, reading fixed-size chunks: memory stays bounded by the
 * longest entry, whatever the file's size. Detects a top-level JSON array by its first byte.
 */
export async function * scanEntries(path: string, stats?: ScanStats): AsyncGenerator<Entry[]> {
	const handle = await open(path, 'r');
	try {
		const {size} = await handle.stat();
		const head = Buffer.alloc(Math.min(4096, size));
		await handle.read(head, 0, head.length, 0);
		const layout = firstSignificantByte(head) === 0x5b ? 'array' : 'jsonl';
		const state: ScanStats = stats ?? {bytesRead: 0, totalBytes: size, blankLines: 0, layout};
		state.totalBytes = size;
		state.layout = layout;
		const chunks = readChunks(handle, bomLength(head), size, state);
		yield * (layout === 'array' ? splitArray(chunks, bomLength(head), state) : splitLines(chunks, bomLength(head), state));
	} finally {
		await handle.close();
	}
}

async function * readChunks(handle: Awaited<ReturnType<typeof open>>, from: number, size: number, state: ScanStats): AsyncGenerator<Buffer> {
	let position = from;
	while (position < size) {
		const buffer = Buffer.allocUnsafe(Math.min(chunkSize, size - position));
		// eslint-disable-next-line no-await-in-loop
		const {bytesRead} = await handle.read(buffer, 0, buffer.length, position);
		if (bytesRead === 0) break;
		position += bytesRead;
		state.bytesRead = position;
		yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
	}
}

async function * splitLines(chunks: AsyncGenerator<Buffer>, bom: number, state: ScanStats): AsyncGenerator<Entry[]> {
	let carry: Buffer | undefined;
	let carryStart = bom;
	let lineNumber = 1;
	for await (const chunk of chunks) {
		const buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
		const bufferStart = carry ? carryStart : carryStart;
		const batch: Entry[] = [];
		let lineStart = 0;
		for (;;) {
			const nl = buffer.indexOf(newline, lineStart);
			if (nl === -1) break;
			pushLine(batch, buffer, lineStart, nl, bufferStart, lineNumber, state);
			lineNumber++;
			lineStart = nl + 1;
		}

		carry = lineStart < buffer.length ? buffer.subarray(lineStart) : undefined;
		carryStart = bufferStart + lineStart;
		if (batch.length > 0) yield batch;
	}

	if (carry) {
		const batch: Entry[] = [];
		pushLine(batch, carry, 0, carry.length, carryStart, lineNumber, state);
		if (batch.length > 0) yield batch;
	}
}

function pushLine(batch: Entry[], buffer: Buffer, from: number, to: number, bufferStart: number, lineNumber: number, state: ScanStats) {
	const end = to > from && buffer[to - 1] === carriageReturn ? to - 1 : to;
	if (isBlank(buffer, from, end)) {
		state.blankLines++;
		return;
	}

	batch.push({start: bufferStart + from, end: bufferStart + end, lineNumber, bytes: buffer.subarray(from, end)});
}

/**
 * Splits a top-level JSON array into its elements' byte spans with a small byte-level scanner
 * (strings, escapes, nesting). Elements are not parsed here.
 */
async function * splitArray(chunks: AsyncGenerator<Buffer>, bom: number, state: ScanStats): AsyncGenerator<Entry[]> {
	let depth = 0;
	let inString = false;
	let escaped = false;
	let lineNumber = 1;
	let elementStart = -1;
	let elementLine = 1;
	let lastSignificant = -1;
	let parts: Buffer[] = [];
	let partsStart = bom;
	let position = bom;
	let closed = false;

	for await (const chunk of chunks) {
		const batch: Entry[] = [];
		let sliceFrom = 0;
		for (let i = 0; i < chunk.length; i++) {
			const b = chunk[i];
			const absolute = position + i;
			if (b === newline) lineNumber++;
			if (inString) {
				if (escaped) escaped = false;
				else if (b === 0x5c) escaped = true;
				else if (b === 0x22) inString = false;
				lastSignificant = absolute;
				continue;
			}

			if (b === 0x20 || b === 0x09 || b === newline || b === carriageReturn) continue;
			if (closed) throw new ArrayLayoutError(`unexpected content after the closing ] of the top-level array`, lineNumber);
			if (depth === 0) {
				if (b !== 0x5b) throw new ArrayLayoutError('expected [ to open the top-level array', lineNumber);
				depth = 1;
				continue;
			}

			if (depth === 1 && (b === 0x2c || b === 0x5d)) {
				if (elementStart !== -1) {
					parts.push(chunk.subarray(sliceFrom, i));
					const bytes = Buffer.concat(parts);
					const length = lastSignificant + 1 - elementStart;
					batch.push({start: elementStart, end: lastSignificant + 1, lineNumber: elementLine, bytes: bytes.subarray(elementStart - partsStart, elementStart - partsStart + length)});
					elementStart = -1;
				}

				parts = [];
				if (b === 0x5d) {
					depth = 0;
					closed = true;
				}

				continue;
			}

			if (depth === 1 && elementStart === -1) {
				elementStart = absolute;
				elementLine = lineNumber;
				parts = [];
				partsStart = absolute;
				sliceFrom = i;
			}

			lastSignificant = absolute;
			if (b === 0x22) inString = true;
			else if (b === 0x7b || b === 0x5b) depth++;
			else if (b === 0x7d || b === 0x5d) depth--;
		}

		if (elementStart !== -1) {
			parts.push(chunk.subarray(sliceFrom));
			sliceFrom = 0;
		}

		position += chunk.length;
		if (batch.length > 0) yield batch;
	}

	if (!closed) throw new ArrayLayoutError('the top-level array is not closed with ] (is the file cut short?)', lineNumber);
}

export class ArrayLayoutError extends Error {
	constructor(message: string, readonly lineNumber: number) {
		super(message);
	}
}
