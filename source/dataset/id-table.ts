/**
 * The samples' ids, as UTF-8 bytes in one arena with an open-addressing hash table over them:
 * about half the memory of a string per sample plus a Map, and nothing for the garbage collector
 * to trace. For a million 36-character ids: 36 MB of bytes, 4 MB of offsets, 4 MB of hashes and an
 * 8 MB table, where strings, an array and a Map took about 110 MB.
 *
 * Index i's id is arena[offsets[i], offsets[i + 1]). The table holds, for each distinct id, the
 * index of its first sample (plus one; zero is an empty slot).
 */
export class IdTable {
	count = 0;
	private arena = Buffer.allocUnsafe(64 * 1024);
	private used = 0;
	private offsets = new Uint32Array(1025);
	private hashes = new Uint32Array(1024);
	private table = new Int32Array(2048);
	private distinct = 0;
	private scratch = Buffer.allocUnsafe(1024);

	/** Makes room for about `entries` ids of `bytes` bytes in all, so nothing is copied while they come. */
	reserve(entries: number, bytes: number) {
		if (bytes > this.arena.length) this.growArena(bytes);
		if (entries > this.hashes.length) this.growColumns(entries);
		let size = this.table.length;
		while (size < entries * 2) size *= 2;
		if (size > this.table.length) this.rehash(size);
	}

	/**
	 * Adds the next sample's id, given as its UTF-8 bytes[from, to). Returns the index of an earlier
	 * sample with the same id, or -1.
	 */
	add(bytes: Uint8Array, from: number, to: number): number {
		const length = to - from;
		if (this.used + length > this.arena.length) this.growArena(Math.max(this.arena.length * 2, this.used + length));
		const {arena, used} = this;
		if (length <= 64) {
			for (let k = 0; k < length; k++) arena[used + k] = bytes[from + k];
		} else {
			arena.set(bytes.subarray(from, to), used);
		}

		return this.push(length);
	}

	/** Adds the next sample's id given as a string. */
	addString(id: string): number {
		const bytes = this.encode(id);
		return this.add(this.scratch, 0, bytes);
	}

	/** Bytes of all ids so far. */
	get bytes(): number {
		return this.used;
	}

	idOf(i: number): string {
		return this.arena.toString('utf8', this.offsets[i], this.offsets[i + 1]);
	}

	/** Index of the first sample with this id, or -1. */
	find(id: string): number {
		const length = this.encode(id);
		return this.lookup(fnv(this.scratch, 0, length), this.scratch, 0, length);
	}

	private push(length: number): number {
		const start = this.used;
		const hash = fnv(this.arena, start, start + length);
		const first = this.lookup(hash, this.arena, start, length);
		if (this.count + 1 >= this.hashes.length) this.growColumns(this.hashes.length * 2);
		const index = this.count++;
		this.offsets[index] = start;
		this.used = start + length;
		this.offsets[index + 1] = this.used;
		this.hashes[index] = hash;
		if (first === -1) {
			if ((this.distinct + 1) * 2 > this.table.length) this.rehash(this.table.length * 2);
			this.insert(hash, index);
			this.distinct++;
		}

		return first;
	}

	private lookup(hash: number, bytes: Uint8Array, start: number, length: number): number {
		const {table, hashes, offsets, arena} = this;
		const mask = table.length - 1;
		for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
			const entry = table[slot];
			if (entry === 0) return -1;
			const index = entry - 1;
			if (hashes[index] !== hash) continue;
			const at = offsets[index];
			if (offsets[index + 1] - at !== length) continue;
			let k = 0;
			while (k < length && arena[at + k] === bytes[start + k]) k++;
			if (k === length) return index;
		}
	}

	private insert(hash: number, index: number) {
		const {table} = this;
		const mask = table.length - 1;
		let slot = hash & mask;
		while (table[slot] !== 0) slot = (slot + 1) & mask;
		table[slot] = index + 1;
	}

	private rehash(size: number) {
		const old = this.table;
		this.table = new Int32Array(size);
		for (const entry of old) {
			if (entry !== 0) this.insert(this.hashes[entry - 1], entry - 1);
		}
	}

	private growArena(capacity: number) {
		const arena = Buffer.allocUnsafe(capacity);
		this.arena.copy(arena, 0, 0, this.used);
		this.arena = arena;
	}

	private growColumns(capacity: number) {
		const offsets = new Uint32Array(capacity + 1);
		offsets.set(this.offsets.subarray(0, this.count + 1));
		const hashes = new Uint32Array(capacity);
		hashes.set(this.hashes.subarray(0, this.count));
		this.offsets = offsets;
		this.hashes = hashes;
	}

	/** Writes the id's UTF-8 bytes into the scratch buffer; returns their length. */
	private encode(id: string): number {
		if (id.length * 3 > this.scratch.length) this.scratch = Buffer.allocUnsafe(id.length * 3);
		return this.scratch.write(id, 0, 'utf8');
	}
}

/** FNV-1a over bytes[from, to). */
function fnv(bytes: Uint8Array, from: number, to: number): number {
	let hash = 0x81_1C_9D_C5;
	for (let i = from; i < to; i++) hash = Math.imul(hash ^ bytes[i], 0x01_00_01_93);
	return hash >>> 0;
}
