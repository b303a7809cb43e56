import {EntryIndex} from './entry-index.js';
import {ArrayLayoutError, layoutErrorMessage, type EntrySink} from './entry-scanner.js';
import {DatasetError, describeFsError} from './errors.js';
import {IdTable} from './id-table.js';
import {hashPrefix, locateValue, located, needleFor, valueText, ValueKind, writeHashId} from './identity.js';
import type {CachedIds, IdsRecorder} from './ids-cache.js';

/**
 * Builds a dataset's index (entry spans and ids) from the entries an EntryReader hands out. The
 * same code runs on the main thread (small files, tests) and in the indexing worker, where its
 * columns live in SharedArrayBuffers the main thread reads.
 */
export class IndexBuilder {
	readonly index: EntryIndex;
	readonly ids: IdTable;
	/** Ids met again since the last call to takeRepeated(), once per extra sample. */
	private repeated: string[] = [];
	private readonly needle: Buffer;
	/** A hash id's text, as bytes (writeHashId). */
	private readonly hashText = new Uint8Array(hashPrefix.length + 16);
	/** Hash ids read from the ids cache (ids-cache.ts) instead of worked out, while the file's entries match it. */
	cachedIds: CachedIds | undefined;
	/** The entries' lengths and hash ids, recorded for the ids cache. */
	recorder: IdsRecorder | undefined;

	/** `fileSize`: offsets up to it are stored (in 4 bytes under 4 GB). */
	constructor(idField: string, shared = false, fileSize = Number.MAX_SAFE_INTEGER) {
		this.index = new EntryIndex(shared, fileSize > 0xFF_FF_FF_FF);
		this.ids = new IdTable(shared);
		this.needle = needleFor(idField);
		this.ids.onRepeat = first => {
			this.repeated.push(this.ids.idOf(first));
		};
	}

	readonly sink: EntrySink = (buffer, from, to, start, lineNumber) => {
		this.index.push(start, start + (to - from), lineNumber);
		if (this.cachedIds?.entry(to - from)) {
			// The ids cache holds this entry's hash id: neither its id field looked for nor its bytes hashed.
			this.cachedIds.hashInto(this.hashText);
			this.ids.addLater(this.hashText, 0, this.hashText.length);
			return;
		}

		this.recorder?.entry(to - from);
		this.addId(buffer, from, to);
	};

	get count(): number {
		return this.index.count;
	}

	/** Ids met again since the last call (once per extra sample); the ids indexed so far can be looked up after it. */
	takeRepeated(): string[] {
		this.ids.settle();
		const repeated = this.repeated;
		this.repeated = [];
		return repeated;
	}

	/** Sizes the columns for the whole file from what its first `bytesRead` bytes held. */
	reserve(bytesRead: number, totalBytes: number) {
		if (this.count === 0 || bytesRead === 0) return;
		const expected = Math.ceil((this.count * totalBytes / bytesRead) * 1.05) + 1024;
		this.index.reserve(expected);
		this.ids.reserve(expected, Math.ceil(this.ids.bytes / this.count * expected * 1.05) + 4096);
	}

	/**
	 * Indexes the id of the entry in buffer[from, to), without making a string when it can. It is
	 * looked up later (see IdTable.settle()): takeRepeated() reports it if it was met before.
	 */
	private addId(buffer: Buffer, from: number, to: number) {
		if (this.leadingUuid(buffer, from, to)) return;
		const kind = locateValue(buffer, from, to, this.needle);
		if (kind === ValueKind.Plain || kind === ValueKind.Number) {
			this.ids.addLater(buffer, located.start, located.end);
			return;
		}

		const text = valueText(buffer, kind);
		if (text !== undefined) {
			this.ids.addStringLater(text);
			return;
		}

		// A hash id (no usable id field): its text written as bytes, no string made. The ids cache said
		// the entry has an id of its own: it is not the file cached.
		this.cachedIds?.markStale();
		writeHashId(buffer.subarray(from, to), this.hashText, 0);
		this.recorder?.hash(this.hashText, 0);
		this.ids.addLater(this.hashText, 0, this.hashText.length);
	}

	/**
	 * The usual line, `{"id":"<lowercase UUID>"…`: the id key first, so at the top level and the
	 * first occurrence, and a value of hex digits and dashes, so without escapes: what locateValue
	 * would find, known from a few byte compares. Adds it as add() does, or returns false for any
	 * other line.
	 */
	private leadingUuid(buffer: Buffer, from: number, to: number): boolean {
		const {needle} = this;
		const value = from + needle.length + 3;
		if (value + 37 > to || buffer[from] !== 0x7B || buffer[value - 2] !== 0x3A || buffer[value - 1] !== 0x22 || buffer[value + 36] !== 0x22) return false;
		for (let k = 0; k < needle.length; k++) if (buffer[from + 1 + k] !== needle[k]) return false;
		return this.ids.addUuidLater(buffer, value);
	}
}

export function toDatasetError(path: string, error: unknown): DatasetError {
	if (error instanceof DatasetError) return error;
	if (error instanceof ArrayLayoutError) return new DatasetError(layoutErrorMessage(path, error));
	return new DatasetError(describeFsError(path, error));
}
