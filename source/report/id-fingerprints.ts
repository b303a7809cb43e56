/**
 * A compact set of sample ids for spotting repeats in a stream: each id is kept as a 63-bit
 * fingerprint plus the sample number and line where it first appeared (16 bytes a slot, at most half
 * the slots used), instead of as a string: a million ids take 32 MB rather than the ~90 MB of a
 * Set<string>.
 * Two different ids share a fingerprint with a probability of about n²/2⁶⁴ (1 in 36 million for a
 * million ids), which would show one false repeat in the stats.
 */
export class IdFingerprints {
	size = 0;
	private capacity = 1 << 12;
	private high = new Uint32Array(this.capacity);
	private low = new Uint32Array(this.capacity);
	private lines = new Uint32Array(this.capacity);
	private samples = new Uint32Array(this.capacity);

	/** Adds an id; returns undefined if it is new, else where it was first added. */
	add(id: string, sample: number, lineNumber: number): {sample: number; line: number} | undefined {
		let h1 = 0x81_1c_9d_c5;
		let h2 = 0x05_0c_5d_1f;
		for (let i = 0; i < id.length; i++) {
			const c = id.charCodeAt(i);
			h1 = Math.imul(h1 ^ c, 0x01_00_01_93);
			h2 = Math.imul(h2 ^ c, 0x5b_d1_e9_95);
		}

		h1 ^= h1 >>> 15;
		h1 = Math.imul(h1, 0x2c_1b_3c_6d);
		h1 ^= h1 >>> 13;
		h2 ^= h2 >>> 16;
		h2 = Math.imul(h2, 0x29_7a_2d_39);
		h2 ^= h2 >>> 15;
		const high = h1 >>> 0;
		const low = (h2 | 1) >>> 0; // never 0: a zero low word marks an empty slot
		const found = this.find(high, low);
		if (this.low[found] !== 0) return {sample: this.samples[found], line: this.lines[found]};
		this.high[found] = high;
		this.low[found] = low;
		this.lines[found] = lineNumber;
		this.samples[found] = sample;
		this.size++;
		if (this.size * 2 > this.capacity) this.grow();
		return undefined;
	}

	private find(high: number, low: number): number {
		const mask = this.capacity - 1;
		let slot = (high ^ Math.imul(low, 0x9e_37_79_b1)) & mask;
		while (this.low[slot] !== 0 && (this.low[slot] !== low || this.high[slot] !== high)) slot = (slot + 1) & mask;
		return slot;
	}

	private grow() {
		const {high, low, lines, samples} = this;
		this.capacity *= 2;
		this.high = new Uint32Array(this.capacity);
		this.low = new Uint32Array(this.capacity);
		this.lines = new Uint32Array(this.capacity);
		this.samples = new Uint32Array(this.capacity);
		for (let i = 0; i < high.length; i++) {
			if (low[i] === 0) continue;
			const slot = this.find(high[i], low[i]);
			this.high[slot] = high[i];
			this.low[slot] = low[i];
			this.lines[slot] = lines[i];
			this.samples[slot] = samples[i];
		}
	}
}
