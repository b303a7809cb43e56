import {isUtf8} from 'node:buffer';
import type {EntrySink} from './entry-scanner.js';

/**
 * The entries of one read chunk as EntryReader hands them out: spans of one buffer, kept in reused
 * typed arrays (no object per entry). Valid until the reader reads the next chunk.
 */
export class ChunkEntries {
	buffer: Buffer = Buffer.alloc(0);
	count = 0;
	/** Where each entry is in `buffer` (in shared memory with `shared`, for the scan workers). */
	froms: Int32Array;
	tos: Int32Array;
	/** Offsets in the file, and line numbers. */
	starts = new Float64Array(1024);
	lines = new Float64Array(1024);

	constructor(private readonly shared = false) {
		this.froms = this.spans(1024);
		this.tos = this.spans(1024);
	}

	readonly sink: EntrySink = (buffer, from, to, start, lineNumber) => {
		if (this.count > 0 && buffer !== this.buffer) throw new Error('entries of one chunk span two buffers');
		this.buffer = buffer;
		if (this.count === this.froms.length) this.grow();
		this.froms[this.count] = from;
		this.tos[this.count] = to;
		this.starts[this.count] = start;
		this.lines[this.count] = lineNumber;
		this.count++;
	};

	clear() {
		this.count = 0;
	}

	/**
	 * Whether every entry of the chunk is valid UTF-8, checked in one call over the span they share:
	 * they lie in order in one buffer, separated only by line endings, blank lines or (in a JSON
	 * array) commas and white space, all ASCII, which never falls inside a UTF-8 sequence; so the
	 * span is valid exactly when every entry in it is.
	 */
	isUtf8(): boolean {
		if (this.count === 0) return true;
		const first = this.froms[0];
		const last = this.tos[this.count - 1];
		return isUtf8(new Uint8Array(this.buffer.buffer, this.buffer.byteOffset + first, last - first));
	}

	private grow() {
		const grow = <T extends Int32Array | Float64Array>(array: T, make: (length: number) => T): T => {
			const grown = make(array.length * 2);
			grown.set(array);
			return grown;
		};

		this.froms = grow(this.froms, length => this.spans(length));
		this.tos = grow(this.tos, length => this.spans(length));
		this.starts = grow(this.starts, length => new Float64Array(length));
		this.lines = grow(this.lines, length => new Float64Array(length));
	}

	private spans(length: number): Int32Array {
		return new Int32Array(this.shared ? new SharedArrayBuffer(length * 4) : new ArrayBuffer(length * 4));
	}
}
