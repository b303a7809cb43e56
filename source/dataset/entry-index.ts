/** Growable columns of entry spans: 20 bytes a sample, however large the sample. */
export class EntryIndex {
	count = 0;
	private starts = new Float64Array(1024);
	private ends = new Float64Array(1024);
	private lines = new Uint32Array(1024);

	push(start: number, end: number, lineNumber: number): number {
		if (this.count === this.starts.length) this.grow();
		this.starts[this.count] = start;
		this.ends[this.count] = end;
		this.lines[this.count] = lineNumber;
		return this.count++;
	}

	start(i: number): number {
		return this.starts[i];
	}

	end(i: number): number {
		return this.ends[i];
	}

	lineNumber(i: number): number {
		return this.lines[i];
	}

	private grow() {
		const capacity = this.starts.length * 2;
		const starts = new Float64Array(capacity);
		starts.set(this.starts);
		const ends = new Float64Array(capacity);
		ends.set(this.ends);
		const lines = new Uint32Array(capacity);
		lines.set(this.lines);
		this.starts = starts;
		this.ends = ends;
		this.lines = lines;
	}
}
