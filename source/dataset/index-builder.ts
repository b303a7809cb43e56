import {EntryIndex} from './entry-index.js';
import {ArrayLayoutError, type EntrySink} from './entry-scanner.js';
import {DatasetError, describeFsError} from './errors.js';
import {IdTable} from './id-table.js';
import {hashId, locateValue, located, needleFor, valueText, ValueKind} from './identity.js';

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

	constructor(idField: string, shared = false) {
		this.index = new EntryIndex(shared);
		this.ids = new IdTable(shared);
		this.needle = needleFor(idField);
	}

	readonly sink: EntrySink = (buffer, from, to, start, lineNumber) => {
		this.index.push(start, start + (to - from), lineNumber);
		this.addId(buffer, from, to);
	};

	get count(): number {
		return this.index.count;
	}

	takeRepeated(): string[] {
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

	/** Indexes the id of the entry in buffer[from, to), without making a string when it can. */
	private addId(buffer: Buffer, from: number, to: number) {
		const kind = locateValue(buffer, from, to, this.needle);
		const first = kind === ValueKind.Plain || kind === ValueKind.Number
			? this.ids.add(buffer, located.start, located.end)
			: this.ids.addString(valueText(buffer, kind) ?? hashId(buffer.subarray(from, to)));
		if (first !== -1) this.repeated.push(this.ids.idOf(first));
	}
}

export function toDatasetError(path: string, error: unknown): DatasetError {
	if (error instanceof DatasetError) return error;
	if (error instanceof ArrayLayoutError) return new DatasetError(`${path}, line ${error.lineNumber}: ${error.message}.`);
	return new DatasetError(describeFsError(path, error));
}
