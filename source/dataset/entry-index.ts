/**
 * Growable columns of entry spans: 16 bytes a sample, however large the sample (start as a
 * Float64, files may exceed 4 GB; length and line number as Uint32).
 */
export class EntryIndex {
	count = 0;
	private starts = new Float64Array(1024);
	private lengths = new Uint32Array(1024);
	private lines = new Uint32Array(1024);

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
		const starts = new Float64Array(capacity);
		starts.set(this.starts.subarray(0, this.count));
		const lengths = new Uint32Array(capacity);
		lengths.set(this.lengths.subarray(0, this.count));
		const lines = new Uint32Array(capacity);
		lines.set(this.lines.subarray(0, this.count));
		this.starts = starts;
		this.lengths = lengths;
		this.lines = lines;
	}
}
