/** The memory behind an EntryIndex, to hand to another thread (SharedArrayBuffers when shared). */
export type EntryIndexBuffers = {starts: ArrayBufferLike; lengths: ArrayBufferLike; lines: ArrayBufferLike};

/**
 * Growable columns of entry spans: 16 bytes a sample, however large the sample (start as a
 * Float64, files may exceed 4 GB; length and line number as Uint32). With `shared`, the columns
 * live in SharedArrayBuffers that another thread can read (see buffers() and adopt()).
 */
export class EntryIndex {
	count = 0;
	/** Set when reserve() had to move the columns: buffers() are new since the last call to it. */
	moved = false;
	private starts: Float64Array;
	private lengths: Uint32Array;
	private lines: Uint32Array;

	constructor(private readonly shared = false) {
		this.starts = new Float64Array(this.memory(1024 * 8));
		this.lengths = new Uint32Array(this.memory(1024 * 4));
		this.lines = new Uint32Array(this.memory(1024 * 4));
	}

	push(start: number, end: number, lineNumber: number): number {
		if (this.count === this.starts.length) this.reserve(this.count * 2);
		this.starts[this.count] = start;
		this.lengths[this.count] = end - start;
		this.lines[this.count] = lineNumber;
		return this.count++;
	}

	start(i: number): number {
		return this.starts[i];
	}

	end(i: number): number {
		return this.starts[i] + this.lengths[i];
	}

	lineNumber(i: number): number {
		return this.lines[i];
	}

	/**
	 * Makes room for `capacity` entries at once (from an estimate of the file's count), so the
	 * columns are not copied each time they double. Pages not yet written take no memory.
	 */
	reserve(capacity: number) {
		if (capacity <= this.starts.length) return;
		const starts = new Float64Array(this.memory(capacity * 8));
		starts.set(this.starts.subarray(0, this.count));
		const lengths = new Uint32Array(this.memory(capacity * 4));
		lengths.set(this.lengths.subarray(0, this.count));
		const lines = new Uint32Array(this.memory(capacity * 4));
		lines.set(this.lines.subarray(0, this.count));
		this.starts = starts;
		this.lengths = lengths;
		this.lines = lines;
		this.moved = true;
	}

	buffers(): EntryIndexBuffers {
		this.moved = false;
		return {starts: this.starts.buffer, lengths: this.lengths.buffer, lines: this.lines.buffer};
	}

	/** Reads the columns another thread writes; entries below `count` are complete. */
	adopt(buffers: EntryIndexBuffers, count: number) {
		this.starts = new Float64Array(buffers.starts);
		this.lengths = new Uint32Array(buffers.lengths);
		this.lines = new Uint32Array(buffers.lines);
		this.count = count;
	}

	private memory(bytes: number): ArrayBufferLike {
		return this.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
	}
}
