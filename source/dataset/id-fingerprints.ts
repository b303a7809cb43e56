/*
Sample ids as 63-bit fingerprints in an open-addressing table, for the two look-ups made on every
entry of a dataset: "has anyone decided this id?" and "has this id been seen before?". A table slot
is four 32-bit words side by side (fingerprint high, low, and two values), so a probe touches one
cache line; a million ids take 32 MB (up to three quarters of the slots used) where a
Set<string> takes about 90.
Two different ids share a fingerprint with a probability of about n²/2⁶⁴ (1 in 36 million for a
million ids); callers that must be exact compare the ids themselves.
*/

/** The last fingerprint computed: [high, low]; low is never 0 (0 marks an empty slot). */
export const fingerprint = new Uint32Array(2);

/** Computes the fingerprint of `id` into `fingerprint` (two independent 32-bit hashes). */
export function fingerprintOf(id: string): void {
	let h1 = 0x81_1c_9d_c5;
	let h2 = 0x05_0c_5d_1f;
	for (let i = 0; i < id.length; i++) {
		const c = id.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 0x01_00_01_93);
		h2 = Math.imul(h2 ^ c, 0x5b_d1_e9_95);
	}

	finish(h1, h2);
}

/**
 * fingerprintOf for the text whose characters are the bytes bytes[start, end) (Latin-1, e.g. an id
 * of printable ASCII read from a line), without making the string.
 */
export function fingerprintOfBytes(bytes: Uint8Array, start: number, end: number): void {
	let h1 = 0x81_1c_9d_c5;
	let h2 = 0x05_0c_5d_1f;
	for (let i = start; i < end; i++) {
		const c = bytes[i];
		h1 = Math.imul(h1 ^ c, 0x01_00_01_93);
		h2 = Math.imul(h2 ^ c, 0x5b_d1_e9_95);
	}

	finish(h1, h2);
}

function finish(h1: number, h2: number) {
	h1 ^= h1 >>> 15;
	h1 = Math.imul(h1, 0x2c_1b_3c_6d);
	h1 ^= h1 >>> 13;
	h2 ^= h2 >>> 16;
	h2 = Math.imul(h2, 0x29_7a_2d_39);
	h2 ^= h2 >>> 15;
	fingerprint[0] = h1;
	fingerprint[1] = h2 | 1;
}

/** Most of the slots used before the table doubles (linear probing stays short up to here). */
const maxLoad = 0.75;

/**
 * The slot of a table's `slots` (capacity a power of two) holding the fingerprint [high, low], or
 * the empty slot where it would go: FingerprintTable's probe, for a thread that only reads a table
 * another thread filled (the scan workers, through FingerprintTable.shared()).
 */
export function probeSlots(slots: Uint32Array, high: number, low: number): number {
	const mask = (slots.length >>> 2) - 1;
	let slot = (high ^ Math.imul(low, 0x9e_37_79_b1)) & mask;
	for (;;) {
		const at = slot * 4;
		const stored = slots[at + 1];
		if (stored === 0 || (stored === low && slots[at] === high)) return slot;
		slot = (slot + 1) & mask;
	}
}

export class FingerprintTable {
	size = 0;
	private capacity: number;
	private slots: Uint32Array;
	/** The slots are in shared memory from now on, for other threads to read: the table no longer grows. */
	private frozen = false;

	/** With `inSharedMemory`, the slots start in shared memory, so that shared() has nothing to copy (until the table grows). */
	constructor(expected = 2048, inSharedMemory = false) {
		let capacity = 4096;
		while (capacity * maxLoad < expected) capacity *= 2;
		this.capacity = capacity;
		this.slots = new Uint32Array(inSharedMemory ? new SharedArrayBuffer(capacity * 16) : new ArrayBuffer(capacity * 16));
	}

	/**
	 * The slots, moved into shared memory for other threads to look fingerprints up in (probeSlots)
	 * while this thread goes on using the table; from then on it must not grow (insert throws when
	 * it would). Values (a, b) may still be set: readers look at the fingerprints only.
	 */
	shared(): Uint32Array {
		if (!this.frozen && !(this.slots.buffer instanceof SharedArrayBuffer)) {
			const slots = new Uint32Array(new SharedArrayBuffer(this.slots.byteLength));
			slots.set(this.slots);
			this.slots = slots;
		}

		this.frozen = true;

		return this.slots;
	}

	/** The slot holding the current `fingerprint`, or -1. */
	find(): number {
		const slot = this.probe(fingerprint[0], fingerprint[1]);
		return this.slots[slot * 4 + 1] === 0 ? -1 : slot;
	}

	/** The slot that holds the current `fingerprint`, or the empty slot where it would go. */
	slot(): number {
		return this.probe(fingerprint[0], fingerprint[1]);
	}

	isEmpty(slot: number): boolean {
		return this.slots[slot * 4 + 1] === 0;
	}

	/** Fills the empty `slot` (from slot()) with the current fingerprint. Slots move when it grows. */
	insert(slot: number, a: number, b: number) {
		const at = slot * 4;
		this.slots[at] = fingerprint[0];
		this.slots[at + 1] = fingerprint[1];
		this.slots[at + 2] = a;
		this.slots[at + 3] = b;
		this.size++;
		if (this.size > this.capacity * maxLoad) this.grow(this.capacity * 2);
	}

	setB(slot: number, b: number) {
		this.slots[slot * 4 + 3] = b;
	}

	/**
	 * Adds the current `fingerprint` with two values; if it is already there, leaves it and returns
	 * its slot, else returns -1.
	 */
	add(a: number, b: number): number {
		const high = fingerprint[0];
		const low = fingerprint[1];
		const slot = this.probe(high, low);
		const at = slot * 4;
		if (this.slots[at + 1] !== 0) return slot;
		this.slots[at] = high;
		this.slots[at + 1] = low;
		this.slots[at + 2] = a;
		this.slots[at + 3] = b;
		this.size++;
		if (this.size > this.capacity * maxLoad) this.grow(this.capacity * 2);
		return -1;
	}

	/** Grows once now for about `expected` entries, instead of doubling repeatedly on the way. */
	reserve(expected: number) {
		let capacity = this.capacity;
		while (capacity * maxLoad < expected) capacity *= 2;
		if (capacity > this.capacity) this.grow(capacity);
	}

	a(slot: number): number {
		return this.slots[slot * 4 + 2];
	}

	b(slot: number): number {
		return this.slots[slot * 4 + 3];
	}

	private probe(high: number, low: number): number {
		return probeSlots(this.slots, high, low);
	}

	private grow(capacity: number) {
		if (this.frozen) throw new Error('a shared FingerprintTable cannot grow');
		const old = this.slots;
		this.capacity = capacity;
		this.slots = new Uint32Array(this.capacity * 4);
		for (let at = 0; at < old.length; at += 4) {
			if (old[at + 1] === 0) continue;
			const slot = this.probe(old[at], old[at + 1]) * 4;
			this.slots[slot] = old[at];
			this.slots[slot + 1] = old[at + 1];
			this.slots[slot + 2] = old[at + 2];
			this.slots[slot + 3] = old[at + 3];
		}
	}
}
