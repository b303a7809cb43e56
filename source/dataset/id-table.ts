/**
 * The samples' ids, as bytes in one arena with an open-addressing hash table over them: a fraction
 * of the memory of a string per sample plus a Map, and nothing for the garbage collector to trace.
 * Two shapes that generators and winnow itself use for nearly every sample are stored packed: a
 * lowercase UUID (36 characters) in 16 bytes, and winnow's own hash ids (`sha1:` and 16 hex digits)
 * in 8. While every id so far has the same packed shape (the usual file), the ids are a plain array
 * of them and need no offsets or kinds; the first id of another shape adds those columns. For a
 * million UUIDs: 16 MB of ids and an 8 MB table, where strings, an array and a Map took about
 * 110 MB. (On the machines this runs on, each new 4 KB page written costs ~20 µs: memory is time.)
 *
 * Index i's id is arena[offset(i), offset(i + 1)), in the form kind(i) says. The table holds, for
 * each distinct id, the index of its first sample plus one (zero is an empty slot) in the bits
 * below the table's mask, and the high bits of the id's hash above them: a probe rejects other ids
 * without touching their bytes (each of those touches is a cache and TLB miss). Hashes depend only
 * on the id (hashOf), computed from the form it is stored in.
 */
export type IdTableBuffers = {
	arena: ArrayBufferLike;
	table: ArrayBufferLike;
	/** Absent while every id has the same packed form, `uniform`. */
	offsets?: ArrayBufferLike;
	kinds?: ArrayBufferLike;
	uniform: number;
};

/** Forms an id is stored in. */
const raw = 0;
const uuid = 1;
const hashId = 2;
const packedLength = [0, 16, 8];
/** `uniform` before the first id, and once ids of several forms (or raw ones) are stored. */
const none = -2;
const mixed = -1;
/**
 * How full the table may get (counting every sample, repeats too, so that each index fits below
 * the mask). Linear probing stays short at three quarters full with the hash's high bits in the
 * slots (a probe of another id costs a compare in the same cache line), and a smaller table takes
 * fewer new pages and fits the processor's TLB better: for a million samples, 8 MB instead of 16.
 */
const maxLoad = 0.75;
/** Ids stored before they are looked up together (see settle()). */
const batch = 512;

export class IdTable {
	count = 0;
	/** Set when the table's memory moved (it grew): buffers() are new since the last call to it. */
	moved = false;
	private arena: Buffer;
	private used = 0;
	/** The form of every id while they all share one packed form; else `mixed` (see offsets, kinds). */
	private uniform = none;
	private stride = 0;
	private offsets: Uint32Array | undefined;
	private kinds: Uint8Array | undefined;
	private table: Int32Array;
	private mask: number;
	private scratch = Buffer.allocUnsafe(1024);
	private readonly packed = Buffer.allocUnsafe(16);
	/** Ids below this are in the table; the hashes of those after it (stored, not looked up yet). */
	private settled = 0;
	private readonly pending = new Int32Array(batch);
	private lastFirst = -1;
	/** Keeps the loads in settle() from being optimized away. */
	private touched = 0;
	/** Told of each id met again, with the index of its first sample, as settle() finds them. */
	onRepeat: ((first: number) => void) | undefined;

	/** With `shared`, the table lives in SharedArrayBuffers another thread can read (buffers(), adopt()). */
	constructor(private readonly shared = false) {
		this.arena = this.bytesOf(16 * 1024);
		this.table = new Int32Array(this.memory(2048 * 4));
		this.mask = 2047;
	}

	buffers(): IdTableBuffers {
		this.moved = false;
		return {arena: this.arena.buffer, table: this.table.buffer, offsets: this.offsets?.buffer, kinds: this.kinds?.buffer, uniform: this.uniform};
	}

	/**
	 * Reads a table another thread writes: ids below `count` are complete. Its hash table may hold
	 * newer ones, which find() does not report.
	 */
	adopt(buffers: IdTableBuffers, count: number) {
		this.arena = Buffer.from(buffers.arena);
		this.table = new Int32Array(buffers.table);
		this.mask = this.table.length - 1;
		this.offsets = buffers.offsets ? new Uint32Array(buffers.offsets) : undefined;
		this.kinds = buffers.kinds ? new Uint8Array(buffers.kinds) : undefined;
		this.uniform = buffers.uniform;
		this.stride = this.uniform >= 0 ? packedLength[this.uniform] : 0;
		this.count = count;
	}

	/** Makes room for about `entries` ids of `bytes` bytes in all, so nothing is copied while they come. */
	reserve(entries: number, bytes: number) {
		if (bytes > this.arena.length) this.growArena(bytes);
		if (this.offsets && entries > this.offsets.length - 1) this.growColumns(entries);
		let size = this.table.length;
		while (size * maxLoad < entries + 2) size *= 2;
		if (size > this.table.length) this.rehash(size);
	}

	/**
	 * Adds the next sample's id, given as its UTF-8 bytes[from, to). Returns the index of an earlier
	 * sample with the same id, or -1.
	 */
	add(bytes: Uint8Array, from: number, to: number): number {
		const kind = pack(bytes, from, to, this.packed);
		return kind === raw ? this.append(raw, bytes, from, to - from) : this.append(kind, this.packed, 0, packedLength[kind]);
	}

	/**
	 * Adds the next sample's id if bytes[at, at + 36) is a lowercase UUID (its bytes are then the
	 * id's, whatever follows); returns what add() does, or -2 (nothing added) if it is not one.
	 */
	addUuid(bytes: Uint8Array, at: number): number {
		if (!packUuid(bytes, at, this.packed)) return -2;
		return this.append(uuid, this.packed, 0, 16);
	}

	/**
	 * As add(), but the id is looked up later, by settle() (called by itself every few hundred
	 * ids): a repeat is reported to onRepeat then. For indexing a file.
	 */
	addLater(bytes: Uint8Array, from: number, to: number) {
		const kind = pack(bytes, from, to, this.packed);
		if (kind === raw) this.stage(raw, bytes, from, to - from);
		else this.stage(kind, this.packed, 0, packedLength[kind]);
	}

	/** As addUuid(), but looked up later (see addLater()); false (nothing added) if it is not a lowercase UUID. */
	addUuidLater(bytes: Uint8Array, at: number): boolean {
		// Packed straight into the arena: if it is not a UUID, the bytes written there count for nothing.
		if (!packUuid(bytes, at, this.arena, this.room(16))) return false;
		this.commit(uuid, 16);
		return true;
	}

	/** As addString(), looked up later (see addLater()). */
	addStringLater(id: string) {
		this.addLater(this.scratch, 0, this.encode(id));
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
		const start = this.offsetOf(i);
		switch (this.kindOf(i)) {
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
				return this.arena.toString('utf8', start, this.offsets![i + 1]);
			}
		}
	}

	/** The hash of index i's id (as hashOf gives for the same id). */
	hashAt(i: number): number {
		const kind = this.kindOf(i);
		const start = this.offsetOf(i);
		return hashOf(kind, this.arena, start, kind === raw ? this.offsets![i + 1] - start : packedLength[kind]);
	}

	/** The hash an id has in this table. */
	hashOf(id: string): number {
		const length = this.encode(id);
		const kind = pack(this.scratch, 0, length, this.packed);
		return kind === raw ? hashOf(raw, this.scratch, 0, length) : hashOf(kind, this.packed, 0, packedLength[kind]);
	}

	/** Index of the first sample with this id, or -1. */
	find(id: string): number {
		const length = this.encode(id);
		const kind = pack(this.scratch, 0, length, this.packed);
		const index = kind === raw
			? this.lookup(hashOf(raw, this.scratch, 0, length), raw, this.scratch, 0, length)
			: this.lookup(hashOf(kind, this.packed, 0, packedLength[kind]), kind, this.packed, 0, packedLength[kind]);
		// An adopted table may already hold ids that are not published yet.
		return index < this.count ? index : -1;
	}

	/** Whether sample i is identified by the hash of its bytes (it has no usable id field). */
	isHashId(i: number): boolean {
		return this.kindOf(i) === hashId;
	}

	/** Whether any sample so far is identified by the hash of its bytes. */
	anyHashId(): boolean {
		return this.kinds ? this.kinds.subarray(0, this.count).includes(hashId) : this.uniform === hashId && this.count > 0;
	}

	private offsetOf(i: number): number {
		return this.offsets ? this.offsets[i] : i * this.stride;
	}

	private kindOf(i: number): number {
		return this.kinds ? this.kinds[i] : this.uniform;
	}

	/**
	 * Stores the id bytes[start, start + length) of form `kind` as the next sample's; it is looked
	 * up and entered in the table by settle(), with the ones after it. Returns what add() does.
	 */
	private append(kind: number, source: Uint8Array, start: number, length: number): number {
		this.stage(kind, source, start, length);
		this.settle();
		return this.lastFirst;
	}

	/**
	 * Stores an id without looking it up yet (see settle()): the index's ids are written in file
	 * order as they come, and looked up in batches.
	 */
	private stage(kind: number, source: Uint8Array, start: number, length: number) {
		const at = this.room(length);
		const {arena} = this;
		if (length <= 64) {
			for (let k = 0; k < length; k++) arena[at + k] = source[start + k];
		} else {
			arena.set(source.subarray(start, start + length), at);
		}

		this.commit(kind, length);
	}

	/** Where the next id's `length` bytes go in the arena (made large enough). */
	private room(length: number): number {
		if (this.used + length > this.arena.length) this.growArena(Math.max(this.arena.length * 2, this.used + length));
		return this.used;
	}

	/** Makes the `length` bytes written at room() the next sample's id, of form `kind`. */
	private commit(kind: number, length: number) {
		if (this.count - this.settled === batch) this.settle();
		if (kind !== this.uniform) {
			if (this.uniform === none && kind !== raw) {
				this.uniform = kind;
				this.stride = length;
				this.moved = true;
			} else if (this.uniform !== mixed) {
				this.addColumns();
			}
		}

		const index = this.count;
		if (index + 2 > (this.mask + 1) * maxLoad) this.rehash((this.mask + 1) * 2);
		const at = this.used;
		this.used = at + length;
		if (this.offsets) {
			if (index + 1 >= this.offsets.length) this.growColumns((this.offsets.length - 1) * 2);
			this.offsets[index + 1] = this.used;
			this.kinds![index] = kind;
		}

		this.pending[index - this.settled] = hashOf(kind, this.arena, at, length);
		this.count = index + 1;
	}

	/**
	 * Looks up the ids stored since the last call, in order, and enters the new ones in the table;
	 * for each one met before, calls onRepeat with the index of its first sample. The table is
	 * larger than the processor's caches, so a probe waits for memory (~0.2 µs here); done one id
	 * after another with all the work between, those waits add up. So the slots of a batch of ids
	 * are read first in a tight loop, whose loads the processor overlaps, and then probed.
	 */
	settle() {
		const {pending} = this;
		const end = this.count;
		const from = this.settled;
		const {table, mask} = this;
		let touched = 0;
		for (let i = from; i < end; i++) touched |= table[pending[i - from] & mask];
		this.touched = touched;
		for (let i = from; i < end; i++) {
			const hash = pending[i - from];
			const kind = this.kindOf(i);
			const at = this.offsetOf(i);
			const first = this.lookup(hash, kind, this.arena, at, kind === raw ? this.offsets![i + 1] - at : packedLength[kind]);
			if (first === -1) this.insert(hash, i);
			else this.onRepeat?.(first);
			this.lastFirst = first;
		}

		this.settled = end;
	}

	private lookup(hash: number, kind: number, bytes: Uint8Array, start: number, length: number): number {
		const {table, mask, arena} = this;
		const tag = hash & ~mask;
		for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
			const entry = Atomics.load(table, slot);
			if (entry === 0) return -1;
			if ((entry & ~mask) !== tag) continue;
			const index = (entry & mask) - 1;
			if (this.kindOf(index) !== kind) continue;
			const at = this.offsetOf(index);
			if (kind === raw && this.offsets![index + 1] - at !== length) continue;
			let k = 0;
			while (k < length && arena[at + k] === bytes[start + k]) k++;
			if (k === length) return index;
		}
	}

	private insert(hash: number, index: number) {
		const {table, mask} = this;
		let slot = hash & mask;
		while (table[slot] !== 0) slot = (slot + 1) & mask;
		// After the id's bytes, offsets and kind: a reader that sees the slot sees them.
		Atomics.store(table, slot, (hash & ~mask) | (index + 1));
	}

	/** A table of `size` slots (a power of two, more than the ids over maxLoad): each index fits below its mask. */
	private rehash(size: number) {
		const old = this.table;
		const oldMask = this.mask;
		this.table = new Int32Array(this.memory(size * 4));
		this.mask = size - 1;
		this.moved = true;
		for (const entry of old) {
			if (entry !== 0) {
				const index = (entry & oldMask) - 1;
				this.insert(this.hashAt(index), index);
			}
		}
	}

	/** The first id of another form: from now on each id's offset and kind are stored. */
	private addColumns() {
		const capacity = Math.max(1024, this.count * 2);
		const offsets = new Uint32Array(this.memory((capacity + 1) * 4));
		const kinds = new Uint8Array(this.memory(capacity));
		for (let i = 0; i <= this.count; i++) offsets[i] = i * this.stride;
		if (this.uniform >= 0) kinds.fill(this.uniform, 0, this.count);
		this.offsets = offsets;
		this.kinds = kinds;
		this.uniform = mixed;
		this.moved = true;
	}

	private growArena(capacity: number) {
		const arena = this.bytesOf(capacity);
		this.arena.copy(arena, 0, 0, this.used);
		this.arena = arena;
		this.moved = true;
	}

	private growColumns(capacity: number) {
		const offsets = new Uint32Array(this.memory((capacity + 1) * 4));
		offsets.set(this.offsets!.subarray(0, this.count + 1));
		const kinds = new Uint8Array(this.memory(capacity));
		kinds.set(this.kinds!.subarray(0, this.count));
		this.offsets = offsets;
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

const hexPairs = Array.from({length: 256}, (_, byte) => byte.toString(16).padStart(2, '0'));

/** 0–15 for a lowercase hex digit's byte, else -1 (all bits set, so `|` of several is negative if one is). */
const hexValue = new Int8Array(256).fill(-1);
for (let d = 0; d < 10; d++) hexValue[0x30 + d] = d;
for (let d = 0; d < 6; d++) hexValue[0x61 + d] = 10 + d;

/** Packs `length` hex digits from bytes[at] into out[outAt…]; false if one is not lowercase hex. */
function packHex(bytes: Uint8Array, at: number, length: number, out: Uint8Array, outAt: number): boolean {
	let bad = 0;
	for (let k = 0; k < length; k += 2) {
		const high = hexValue[bytes[at + k]];
		const low = hexValue[bytes[at + k + 1]];
		bad |= high | low;
		out[outAt + (k >> 1)] = (high << 4) | low;
	}

	return bad >= 0;
}

/** Packs the lowercase UUID at bytes[at, at + 36) into out[outAt, outAt + 16); false if it is not one. */
function packUuid(bytes: Uint8Array, at: number, out: Uint8Array, outAt = 0): boolean {
	if (bytes[at + 8] !== 0x2D || bytes[at + 13] !== 0x2D || bytes[at + 18] !== 0x2D || bytes[at + 23] !== 0x2D) return false;
	return packHex(bytes, at, 8, out, outAt) && packHex(bytes, at + 9, 4, out, outAt + 4) && packHex(bytes, at + 14, 4, out, outAt + 6)
		&& packHex(bytes, at + 19, 4, out, outAt + 8) && packHex(bytes, at + 24, 12, out, outAt + 10);
}

const sha1Prefix = [0x73, 0x68, 0x61, 0x31, 0x3A];

/** The form bytes[from, to) can be stored in; for a packed one, writes it into `out`. */
function pack(bytes: Uint8Array, from: number, to: number, out: Uint8Array): number {
	const length = to - from;
	if (length === 36) return packUuid(bytes, from, out) ? uuid : raw;
	if (length === 21) {
		for (let k = 0; k < 5; k++) if (bytes[from + k] !== sha1Prefix[k]) return raw;
		return packHex(bytes, from + 5, 16, out, 0) ? hashId : raw;
	}

	return raw;
}

/**
 * The hash of an id stored as bytes[start, start + length) in form `kind`: FNV-1a over a raw id's
 * bytes; for a packed one (whose bytes are well mixed already in a UUID, but need not be), a
 * MurmurHash3-style mix of its 32-bit words, a few operations instead of one per character.
 */
function hashOf(kind: number, bytes: Uint8Array, start: number, length: number): number {
	if (kind === raw) {
		let hash = 0x81_1C_9D_C5;
		for (let i = start; i < start + length; i++) hash = Math.imul(hash ^ bytes[i], 0x01_00_01_93);
		return hash >>> 0;
	}

	let hash = kind;
	for (let k = start; k < start + length; k += 4) {
		let word = bytes[k] | (bytes[k + 1] << 8) | (bytes[k + 2] << 16) | (bytes[k + 3] << 24);
		word = Math.imul(word, 0xCC_9E_2D_51);
		word = (word << 15) | (word >>> 17);
		hash ^= Math.imul(word, 0x1B_87_35_93);
		hash = (hash << 13) | (hash >>> 19);
		hash = (Math.imul(hash, 5) + 0xE6_54_6B_64) | 0;
	}

	hash ^= hash >>> 16;
	hash = Math.imul(hash, 0x85_EB_CA_6B);
	hash ^= hash >>> 13;
	hash = Math.imul(hash, 0xC2_B2_AE_35);
	hash ^= hash >>> 16;
	return hash >>> 0;
}
