/*
The shingle sets of the samples that near-duplicate checking reads back (from the words spilled while
reading, shingle-spill.ts; from the dataset file before), kept while they are needed. The order in which samples will be asked for is known in advance (the sorted candidate
pairs), so the cache keeps what is needed soonest: when full, it lets go of the set whose next use is
farthest away, and does not keep a set needed later than all it holds (Belady's rule, the fewest
re-reads possible for its size). With a least-recently-used cache, a million bench samples were read
again 493,000 times for 311,000 distinct samples; each read is a parse, a render and a tokenizing.
*/

/** No further use. */
export const never = 0x7F_FF_FF_FF;

/** For each position of `samples`, the next position asking for the same sample, or `never`. */
export function nextUses(samples: Int32Array, count: number): Int32Array {
	const next = new Int32Array(samples.length);
	const seen = new Int32Array(count).fill(never);
	for (let at = samples.length - 1; at >= 0; at--) {
		next[at] = seen[samples[at]];
		seen[samples[at]] = at;
	}

	return next;
}

export class FarthestUseCache<T> {
	/** Each sample's slot plus one, 0 when it is not kept. */
	private readonly slotOf: Int32Array;
	private readonly sampleIn: Int32Array;
	private readonly nextUseOf: Int32Array;
	private readonly values: Array<T | undefined>;
	/** A max-heap of slots by next use, and each slot's place in it. */
	private readonly heap: Int32Array;
	private readonly place: Int32Array;
	private size = 0;

	/** `samples`: the samples are numbered 0 … samples − 1. */
	constructor(private readonly capacity: number, samples: number) {
		this.slotOf = new Int32Array(samples);
		this.sampleIn = new Int32Array(capacity);
		this.nextUseOf = new Int32Array(capacity);
		this.values = Array.from({length: capacity});
		this.heap = new Int32Array(capacity);
		this.place = new Int32Array(capacity);
	}

	/** Sample `sample`'s value, made by `make` unless it is kept; `nextUse`: when it will be asked for again. */
	get(sample: number, nextUse: number, make: (sample: number) => T): T {
		const slot = this.slotOf[sample] - 1;
		if (slot !== -1) {
			// Its next use is later than now, the use it was kept for: it moves up the heap (one not needed again, to the top).
			this.nextUseOf[slot] = nextUse;
			this.siftUp(this.place[slot]);
			return this.values[slot]!;
		}

		const value = make(sample);
		if (nextUse === never || this.capacity === 0) return value;
		if (this.size < this.capacity) {
			const free = this.size++;
			this.heap[free] = free;
			this.place[free] = free;
			this.fill(free, sample, nextUse, value);
			this.siftUp(free);
			return value;
		}

		const farthest = this.heap[0];
		if (this.nextUseOf[farthest] <= nextUse) return value;
		this.slotOf[this.sampleIn[farthest]] = 0;
		this.fill(farthest, sample, nextUse, value);
		this.siftDown(0);
		return value;
	}

	/** A use of `sample` that did not need its value (its pair was joined already): if kept, it is next needed at `nextUse`. */
	skip(sample: number, nextUse: number) {
		const slot = this.slotOf[sample] - 1;
		if (slot === -1) return;
		this.nextUseOf[slot] = nextUse;
		this.siftUp(this.place[slot]);
	}

	private fill(slot: number, sample: number, nextUse: number, value: T) {
		this.sampleIn[slot] = sample;
		this.nextUseOf[slot] = nextUse;
		this.values[slot] = value;
		this.slotOf[sample] = slot + 1;
	}

	private siftUp(start: number) {
		let at = start;
		const slot = this.heap[at];
		const key = this.nextUseOf[slot];
		while (at > 0) {
			const parent = (at - 1) >> 1;
			if (this.nextUseOf[this.heap[parent]] >= key) break;
			this.heap[at] = this.heap[parent];
			this.place[this.heap[at]] = at;
			at = parent;
		}

		this.heap[at] = slot;
		this.place[slot] = at;
	}

	private siftDown(start: number) {
		let at = start;
		const slot = this.heap[at];
		const key = this.nextUseOf[slot];
		for (;;) {
			const left = (2 * at) + 1;
			if (left >= this.size) break;
			const right = left + 1;
			const child = right < this.size && this.nextUseOf[this.heap[right]] > this.nextUseOf[this.heap[left]] ? right : left;
			if (this.nextUseOf[this.heap[child]] <= key) break;
			this.heap[at] = this.heap[child];
			this.place[this.heap[at]] = at;
			at = child;
		}

		this.heap[at] = slot;
		this.place[slot] = at;
	}
}
