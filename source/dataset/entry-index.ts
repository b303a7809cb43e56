/**
 * The memory behind an EntryIndex, to hand to another thread (SharedArrayBuffers when shared), and
 * what it takes to read it: where the first entry starts, how far each entry starts after the end
 * of the one before and on which line the first one is, while that holds for every entry.
 */
export type EntryIndexBuffers = {
	ends: ArrayBufferLike;
	starts?: ArrayBufferLike;
	lines?: ArrayBufferLike;
	wide: boolean;
	firstStart: number;
	separator: number;
	firstLine: number;
};

type Offsets = Float64Array | Uint32Array;

/**
 * Growable columns of entry spans. Most files are one entry a line with nothing between them, so
 * only where each entry ends is stored (4 bytes a sample for files under 4 GB, else 8): an entry
 * starts `separator` bytes (1 for LF, 2 for CRLF) after the end of the one before, and sits on the
 * line after it. The first entry that does not (a blank line before it, say, or a mix of line
 * endings) adds a column of starts, or of line numbers, filled in for the entries before it. With
 * `shared`, the columns live in SharedArrayBuffers that another thread can read (see buffers() and
 * adopt()).
 */
export class EntryIndex {
	count = 0;
	/** Set when the columns moved or the layout changed: buffers() are new since the last call to it. */
	moved = false;
	private ends: Offsets;
	private starts: Offsets | undefined;
	private lines: Uint32Array | undefined;
	private firstStart = 0;
	private separator = 1;
	private firstLine = 1;

	/** `wide`: offsets may exceed 4 GB (stored as Float64). */
	constructor(private readonly shared = false, private wide = true) {
		this.ends = this.offsets(1024);
	}

	push(start: number, end: number, lineNumber: number): number {
		const i = this.count;
		if (i === this.ends.length) this.reserve(i * 2);
		if (i === 0) {
			this.firstStart = start;
			this.firstLine = lineNumber;
			this.moved = true;
		} else {
			if (!this.starts) {
				if (i === 1) {
					this.separator = start - this.ends[0];
					this.moved = true;
				} else if (start !== this.ends[i - 1] + this.separator) {
					this.addStarts();
				}
			}

			if (!this.lines && lineNumber !== this.firstLine + i) this.addLines();
		}

		if (this.starts) this.starts[i] = start;
		if (this.lines) this.lines[i] = lineNumber;
		this.ends[i] = end;
		this.count = i + 1;
		return i;
	}

	start(i: number): number {
		if (this.starts) return this.starts[i];
		return i === 0 ? this.firstStart : this.ends[i - 1] + this.separator;
	}

	end(i: number): number {
		return this.ends[i];
	}

	lineNumber(i: number): number {
		return this.lines ? this.lines[i] : this.firstLine + i;
	}

	/**
	 * Makes room for `capacity` entries at once (from an estimate of the file's count), so the
	 * columns are not copied each time they double. Pages not yet written take no memory.
	 */
	reserve(capacity: number) {
		if (capacity <= this.ends.length) return;
		this.ends = this.copied(this.ends, this.offsets(capacity));
		if (this.starts) this.starts = this.copied(this.starts, this.offsets(capacity));
		if (this.lines) this.lines = this.copied(this.lines, new Uint32Array(this.memory(capacity * 4)));
		this.moved = true;
	}

	buffers(): EntryIndexBuffers {
		this.moved = false;
		return {
			ends: this.ends.buffer,
			starts: this.starts?.buffer,
			lines: this.lines?.buffer,
			wide: this.wide,
			firstStart: this.firstStart,
			separator: this.separator,
			firstLine: this.firstLine,
		};
	}

	/** Reads the columns another thread writes; entries below `count` are complete. */
	adopt(buffers: EntryIndexBuffers, count: number) {
		this.wide = buffers.wide;
		this.ends = buffers.wide ? new Float64Array(buffers.ends) : new Uint32Array(buffers.ends);
		this.starts = buffers.starts ? (buffers.wide ? new Float64Array(buffers.starts) : new Uint32Array(buffers.starts)) : undefined;
		this.lines = buffers.lines ? new Uint32Array(buffers.lines) : undefined;
		this.firstStart = buffers.firstStart;
		this.separator = buffers.separator;
		this.firstLine = buffers.firstLine;
		this.count = count;
	}

	/** An entry that does not start right after the one before: from now on starts are stored. */
	private addStarts() {
		const starts = this.offsets(this.ends.length);
		for (let i = 0; i < this.count; i++) starts[i] = this.start(i);
		this.starts = starts;
		this.moved = true;
	}

	/** An entry not on the line after the one before: from now on line numbers are stored. */
	private addLines() {
		const lines = new Uint32Array(this.memory(this.ends.length * 4));
		for (let i = 0; i < this.count; i++) lines[i] = this.firstLine + i;
		this.lines = lines;
		this.moved = true;
	}

	private copied<T extends Offsets>(from: T, to: T): T {
		to.set(from.subarray(0, this.count));
		return to;
	}

	private offsets(capacity: number): Offsets {
		return this.wide ? new Float64Array(this.memory(capacity * 8)) : new Uint32Array(this.memory(capacity * 4));
	}

	private memory(bytes: number): ArrayBufferLike {
		return this.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
	}
}
