/**
 * The samples' ids, as bytes in one arena with an open-addressing hash table over them: a fraction
 * of the memory of a string per sample plus a Map, and nothing for the garbage collector to trace.
 * Two shapes that generators and winnow itself use for nearly every sample are stored packed: a
 * lowercase UUID (36 characters) in 16 bytes, and winnow's own hash ids (`sha1:` and 16 hex digits)
 * in 8. For a million UUIDs: 16 MB of ids, 4 MB of offsets, 4 MB of hashes, 1 MB of kinds and an
 * 8 MB table, where strings, an array and a Map took about 110 MB.
 *
 * Index i's id is arena[offsets[i], offsets[i + 1]), in the form kinds[i] says. The table holds,
 * for each distinct id, the index of its first sample (plus one; zero is an empty slot). Hashes
 * are of the id's UTF-8 bytes, whatever the form it is stored in.
 */
export type IdTableBuffers = {arena: ArrayBufferLike; offsets: ArrayBufferLike; hashes: ArrayBufferLike; kinds: ArrayBufferLike; table: ArrayBufferLike};

export class IdTable {
	count = 0;
	/** Set when the table's memory moved (it grew): buffers() are new since the last call to it. */
	moved = false;
	private arena: Buffer;
	private used = 0;
	private offsets: Uint32Array;
	private hashes: Uint32Array;
	private kinds: Uint8Array;
	private table: Int32Array;
	private distinct = 0;
	private scratch = Buffer.allocUnsafe(1024);
	private readonly packed = Buffer.allocUnsafe(16);

	/** With `shared`, the table lives in SharedArrayBuffers another thread can read (buffers(), adopt()). */
	constructor(private readonly shared = false) {
		this.arena = this.bytesOf(64 * 1024);
		this.offsets = new Uint32Array(this.memory(1025 * 4));
		this.hashes = new Uint32Array(this.memory(1024 * 4));
		this.kinds = new Uint8Array(this.memory(1024));
		this.table = new Int32Array(this.memory(2048 * 4));
	}

	buffers(): IdTableBuffers {
		this.moved = false;
		return {arena: this.arena.buffer, offsets: this.offsets.buffer, hashes: this.hashes.buffer, kinds: this.kinds.buffer, table: this.table.buffer};
	}

	/**
	 * Reads a table another thread writes: ids below `count` are complete. Its hash table may hold
	 * newer ones, which find() does not report.
	 */
	adopt(buffers: IdTableBuffers, count: number) {
		this.arena = Buffer.from(buffers.arena);
		this.offsets = new Uint32Array(buffers.offsets);
		this.hashes = new Uint32Array(buffers.hashes);
		this.kinds = new Uint8Array(buffers.kinds);
		this.table = new Int32Array(buffers.table);
		this.count = count;
	}

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
		const hash = fnv(bytes, from, to);
		const kind = pack(bytes, from, to, this.packed);
		let source = bytes;
		let start = from;
		let length = to - from;
		if (kind !== raw) {
			source = this.packed;
			start = 0;
			length = packedLength[kind];
		}

		const first = this.lookup(hash, kind, source, start, length);
		if (this.used + length > this.arena.length) this.growArena(Math.max(this.arena.length * 2, this.used + length));
		const {arena, used} = this;
		if (length <= 64) {
			for (let k = 0; k < length; k++) arena[used + k] = source[start + k];
		} else {
			arena.set(source.subarray(start, start + length), used);
		}

		if (this.count + 1 >= this.hashes.length) this.growColumns(this.hashes.length * 2);
		const index = this.count++;
		this.offsets[index] = used;
		this.used = used + length;
		this.offsets[index + 1] = this.used;
		this.hashes[index] = hash;
		this.kinds[index] = kind;
		if (first === -1) {
			if ((this.distinct + 1) * 2 > this.table.length) this.rehash(this.table.length * 2);
			this.insert(hash, index);
			this.distinct++;
		}

		return first;
	}

	/** Adds the next sample's id given as a string. */
	addString(id: string): number {
		return this.add(this.scratch, 0, this.encode(id));
	}

	/** Bytes of all ids so far, as stored. */
	get bytes(): number {
		return this.used;
	}

	idOf(i: number): string {
		const start = this.offsets[i];
		switch (this.kinds[i]) {
			case uuid: {
				const {arena} = this;
				let text = '';
				for (let k = 0; k < 16; k++) {
					if (k === 4 || k === 6 || k === 8 || k === 10) text += '-';
					text += hexPairs[arena[start + k]];
				}

				return text;
			}

			case hashId: {
				let text = 'sha1:';
				for (let k = 0; k < 8; k++) text += hexPairs[this.arena[start + k]];
				return text;
			}

			default: {
				return this.arena.toString('utf8', start, this.offsets[i + 1]);
			}
		}
	}

	/** The hash of index i's id (as hashOf gives for the same id). */
	hashAt(i: number): number {
		return this.hashes[i];
	}

	/** The hash an id has in this table. */
	hashOf(id: string): number {
		return fnv(this.scratch, 0, this.encode(id));
	}

	/** Index of the first sample with this id, or -1. */
	find(id: string): number {
		const length = this.encode(id);
		const hash = fnv(this.scratch, 0, length);
		const kind = pack(this.scratch, 0, length, this.packed);
		const index = kind === raw ? this.lookup(hash, kind, this.scratch, 0, length) : this.lookup(hash, kind, this.packed, 0, packedLength[kind]);
		// An adopted table may already hold ids that are not published yet.
		return index < this.count ? index : -1;
	}

	private lookup(hash: number, kind: number, bytes: Uint8Array, start: number, length: number): number {
		const {table, hashes, offsets, kinds, arena} = this;
		const mask = table.length - 1;
		for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
			const entry = Atomics.load(table, slot);
			if (entry === 0) return -1;
			const index = entry - 1;
			if (hashes[index] !== hash || kinds[index] !== kind) continue;
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
		// After the id's bytes, offsets, hash and kind: a reader that sees the slot sees them.
		Atomics.store(table, slot, index + 1);
	}

	private rehash(size: number) {
		const old = this.table;
		this.table = new Int32Array(this.memory(size * 4));
		this.moved = true;
		for (const entry of old) {
			if (entry !== 0) this.insert(this.hashes[entry - 1], entry - 1);
		}
	}

	private growArena(capacity: number) {
		const arena = this.bytesOf(capacity);
		this.arena.copy(arena, 0, 0, this.used);
		this.arena = arena;
		this.moved = true;
	}

	private growColumns(capacity: number) {
		const offsets = new Uint32Array(this.memory((capacity + 1) * 4));
		offsets.set(this.offsets.subarray(0, this.count + 1));
		const hashes = new Uint32Array(this.memory(capacity * 4));
		hashes.set(this.hashes.subarray(0, this.count));
		const kinds = new Uint8Array(this.memory(capacity));
		kinds.set(this.kinds.subarray(0, this.count));
		this.offsets = offsets;
		this.hashes = hashes;
		this.kinds = kinds;
		this.moved = true;
	}

	private memory(bytes: number): ArrayBufferLike {
		return this.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
	}

	private bytesOf(length: number): Buffer {
		return this.shared ? Buffer.from(new SharedArrayBuffer(length)) : Buffer.allocUnsafe(length);
	}

	/** Writes the id's UTF-8 bytes into the scratch buffer; returns their length. */
	private encode(id: string): number {
		if (id.length * 3 > this.scratch.length) this.scratch = Buffer.allocUnsafe(id.length * 3);
		return this.scratch.write(id, 0, 'utf8');
	}
}

/** Forms an id is stored in. */
const raw = 0;
const uuid = 1;
const hashId = 2;
const packedLength = [0, 16, 8];

const hexPairs = Array.from({length: 256}, (_, byte) => byte.toString(16).padStart(2, '0'));

/** 0–15 for a lowercase hex digit's byte, else -1. */
function nibble(b: number): number {
	if (b >= 0x30 && b <= 0x39) return b - 0x30;
	if (b >= 0x61 && b <= 0x66) return b - 0x57;
	return -1;
}

/** Packs `length` hex digits from bytes[at] into out[outAt…]; false if one is not lowercase hex. */
function packHex(bytes: Uint8Array, at: number, length: number, out: Uint8Array, outAt: number): boolean {
	for (let k = 0; k < length; k += 2) {
		const high = nibble(bytes[at + k]);
		const low = nibble(bytes[at + k + 1]);
		if (high === -1 || low === -1) return false;
		out[outAt + (k >> 1)] = (high << 4) | low;
	}

	return true;
}

const sha1Prefix = [0x73, 0x68, 0x61, 0x31, 0x3A];

/** The form bytes[from, to) can be stored in; for a packed one, writes it into `out`. */
function pack(bytes: Uint8Array, from: number, to: number, out: Uint8Array): number {
	const length = to - from;
	if (length === 36) {
		if (bytes[from + 8] !== 0x2D || bytes[from + 13] !== 0x2D || bytes[from + 18] !== 0x2D || bytes[from + 23] !== 0x2D) return raw;
		return packHex(bytes, from, 8, out, 0) && packHex(bytes, from + 9, 4, out, 4) && packHex(bytes, from + 14, 4, out, 6)
			&& packHex(bytes, from + 19, 4, out, 8) && packHex(bytes, from + 24, 12, out, 10) ? uuid : raw;
	}

	if (length === 21) {
		for (let k = 0; k < 5; k++) if (bytes[from + k] !== sha1Prefix[k]) return raw;
		return packHex(bytes, from + 5, 16, out, 0) ? hashId : raw;
	}

	return raw;
}

/** FNV-1a over bytes[from, to). */
function fnv(bytes: Uint8Array, from: number, to: number): number {
	let hash = 0x81_1C_9D_C5;
	for (let i = from; i < to; i++) hash = Math.imul(hash ^ bytes[i], 0x01_00_01_93);
	return hash >>> 0;
}
