import {newer} from './merge.js';
import {CanonicalFields, canonicalRecord, Interned, readParsed, scanCanonical} from './record-lines.js';
import {recordKey, type DecisionRecord, type Verdict} from './schema.js';

/*
Every current decision (one per sample and reviewer) in a few typed arrays instead of one object per
record: about 60 bytes a decision where objects took ~500. A row holds a record: its sample (a slot
in the id table below), reviewer and categories (interned: a file names a handful), verdict and
flags in one byte, and its time as milliseconds; a note, when there is one, in a map by row. The
rest of a record is rare (reasons, a
rule, a replaced decision, a correction, a key this version does not know, a time not in
toISOString's form): such a row keeps its whole record object in `rare`.
Sample ids of printable ASCII (almost all) live as bytes in one pool, found through an
open-addressing table of 32-bit hashes; any other id is kept as a string in `wideIds`.
This is the data of the store's lowdb `Low` (see locked-merge-adapter.ts): the adapter parses the
file straight into it and appends its pending records.
*/

const none = -1;
const verdictCodes: Array<Verdict | null> = [null, 'accepted', 'rejected', 'flagged'];
const resolutionBit = 4;
const blindBit = 8;
const rareBit = 16;
const hashBit = 32;
const wideLength = 0xff_ff;

function verdictCode(verdict: Verdict | null): number {
	return verdict === null ? 0 : verdict === 'accepted' ? 1 : verdict === 'rejected' ? 2 : 3;
}

/** A DecisionTable's contents as DecisionTable.toData gives them (typed arrays and plain maps). */
export type TableData = {
	rows: number;
	sampleCount: number;
	rowSample: Int32Array<ArrayBuffer>;
	rowNext: Int32Array<ArrayBuffer>;
	rowReviewer: Uint16Array<ArrayBuffer>;
	rowCategories: Uint16Array<ArrayBuffer>;
	rowBits: Uint8Array<ArrayBuffer>;
	rowAt: Float64Array<ArrayBuffer>;
	rowHashHigh: Uint32Array<ArrayBuffer>;
	rowHashLow: Uint32Array<ArrayBuffer>;
	rare: Map<number, DecisionRecord>;
	notes: Map<number, string>;
	sampleFirst: Int32Array<ArrayBuffer>;
	sampleStart: Uint32Array<ArrayBuffer>;
	sampleLength: Uint16Array<ArrayBuffer>;
	sampleHash: Int32Array<ArrayBuffer>;
	pool: Uint8Array<ArrayBuffer>;
	poolUsed: number;
	wideNames: Map<number, string>;
	slots: Int32Array<ArrayBuffer>;
	reviewers: string[];
	categoryLists: string[][];
};

export class DecisionTable {
	/** Rows in use (records held, including rows replaced by a newer record for the same key: none). */
	private rows = 0;
	private sampleCount = 0;
	private rowCapacity = 1024;
	private sampleCapacity = 1024;
	// Per row.
	private rowSample = new Int32Array(this.rowCapacity);
	private rowNext = new Int32Array(this.rowCapacity);
	private rowReviewer = new Uint16Array(this.rowCapacity);
	private rowCategories = new Uint16Array(this.rowCapacity);
	private rowBits = new Uint8Array(this.rowCapacity);
	private rowAt = new Float64Array(this.rowCapacity);
	/** The 16 hex digits of a record's `hash` (`sha1:…`), as two 32-bit numbers. */
	private rowHashHigh = new Uint32Array(this.rowCapacity);
	private rowHashLow = new Uint32Array(this.rowCapacity);
	private rare = new Map<number, DecisionRecord>();
	/** The note of a row that has one (and is not rare). */
	private notes = new Map<number, string>();
	// Per sample.
	private sampleFirst = new Int32Array(this.sampleCapacity);
	private sampleStart = new Uint32Array(this.sampleCapacity);
	private sampleLength = new Uint16Array(this.sampleCapacity);
	private sampleHash = new Int32Array(this.sampleCapacity);
	private pool = new Uint8Array(64 * 1024);
	private poolUsed = 0;
	private wideIds = new Map<string, number>();
	private wideNames = new Map<number, string>();
	/** Hash slots: sample slot + 1, 0 empty. */
	private slots = new Int32Array(2048);
	// Interned values.
	private reviewers: string[] = [];
	private reviewerIndex = new Map<string, number>();
	private categoryLists: string[][] = [[]];
	private categoryIndex = new Map<string, number>([['', 0]]);
	private readonly strings = new Interned();
	private readonly fields = new CanonicalFields();
	/** Records changed here and not on disk yet, by recordKey (the adapter's write takes them). */
	readonly pending = new Map<string, DecisionRecord>();
	/** Samples whose records changed by a read or write (others' decisions), for the store to tell. */
	readonly changed = new Set<string>();

	/**
	 * The table's contents as structured-cloneable data, with the buffers to transfer: a worker thread
	 * reads a file into a table and hands it over (table-preload.ts) without copying the columns.
	 * The table must not be used afterwards (its buffers are gone).
	 */
	toData(): {data: TableData; transfer: ArrayBuffer[]} {
		const data: TableData = {
			rows: this.rows,
			sampleCount: this.sampleCount,
			rowSample: this.rowSample,
			rowNext: this.rowNext,
			rowReviewer: this.rowReviewer,
			rowCategories: this.rowCategories,
			rowBits: this.rowBits,
			rowAt: this.rowAt,
			rowHashHigh: this.rowHashHigh,
			rowHashLow: this.rowHashLow,
			rare: this.rare,
			notes: this.notes,
			sampleFirst: this.sampleFirst,
			sampleStart: this.sampleStart,
			sampleLength: this.sampleLength,
			sampleHash: this.sampleHash,
			pool: this.pool,
			poolUsed: this.poolUsed,
			wideNames: this.wideNames,
			slots: this.slots,
			reviewers: this.reviewers,
			categoryLists: this.categoryLists,
		};
		const arrays = [this.rowSample, this.rowNext, this.rowReviewer, this.rowCategories, this.rowBits, this.rowAt, this.rowHashHigh, this.rowHashLow, this.sampleFirst, this.sampleStart, this.sampleLength, this.sampleHash, this.pool, this.slots];
		return {data, transfer: arrays.map(array => array.buffer as ArrayBuffer)};
	}

	/**
	 * Takes over what `toData` gave (in another thread) in place of this table's records, which are
	 * dropped (the caller merges back any it needs); pending and changed are kept.
	 */
	adopt(data: TableData) {
		this.rows = data.rows;
		this.sampleCount = data.sampleCount;
		this.rowCapacity = data.rowSample.length;
		this.sampleCapacity = data.sampleFirst.length;
		this.rowSample = data.rowSample;
		this.rowNext = data.rowNext;
		this.rowReviewer = data.rowReviewer;
		this.rowCategories = data.rowCategories;
		this.rowBits = data.rowBits;
		this.rowAt = data.rowAt;
		this.rowHashHigh = data.rowHashHigh;
		this.rowHashLow = data.rowHashLow;
		this.rare = data.rare;
		this.notes = data.notes;
		this.sampleFirst = data.sampleFirst;
		this.sampleStart = data.sampleStart;
		this.sampleLength = data.sampleLength;
		this.sampleHash = data.sampleHash;
		this.pool = data.pool;
		this.poolUsed = data.poolUsed;
		this.wideNames = data.wideNames;
		this.wideIds = new Map([...data.wideNames].map(([slot, id]) => [id, slot]));
		this.slots = data.slots;
		this.reviewers = data.reviewers;
		this.reviewerIndex = new Map(data.reviewers.map((name, index) => [name, index]));
		this.categoryLists = data.categoryLists;
		this.categoryIndex = new Map(data.categoryLists.map((list, index) => [JSON.stringify(list).slice(1, -1), index]));
	}

	/** Records held (one per sample and reviewer). */
	get size(): number {
		return this.rows;
	}

	get(sample: string, reviewer: string): DecisionRecord | undefined {
		const row = this.rowOf(this.slotOf(sample), reviewer);
		return row === none ? undefined : this.record(row);
	}

	hasSample(sample: string): boolean {
		return this.slotOf(sample) !== none;
	}

	forSample(sample: string): DecisionRecord[] {
		const slot = this.slotOf(sample);
		const records: DecisionRecord[] = [];
		if (slot === none) return records;
		for (let row = this.sampleFirst[slot]; row !== none; row = this.rowNext[row]) records.push(this.record(row));
		return records;
	}

	* all(): IterableIterator<DecisionRecord> {
		for (let row = 0; row < this.rows; row++) yield this.record(row);
	}

	/** Every sample with a record, once each (no record objects made). */
	* samples(): IterableIterator<string> {
		for (let slot = 0; slot < this.sampleCount; slot++) if (this.sampleFirst[slot] !== none) yield this.sampleName(slot);
	}

	/** How many sample slots there are: slots are numbered from 0 and never reused or removed. */
	get slotCount(): number {
		return this.sampleCount;
	}

	/** The slot of a sample id, or -1 if nobody has a record on it. */
	slotOfSample(sample: string): number {
		return this.slotOf(sample);
	}

	/** The sample id held in a slot. */
	sampleAt(slot: number): string {
		return this.sampleName(slot);
	}

	/** Whether a slot holds any record. */
	hasRecords(slot: number): boolean {
		return this.sampleFirst[slot] !== none;
	}

	/**
	 * The verdicts on a slot's sample read from the columns, without a record object, for the common
	 * case: no record with a verdict is a resolution, rare or tied to the bytes it was made on. In it,
	 * the accepted, rejected and flagged counts (10 bits each, from bit 0, 10 and 20) and, from bit
	 * 30, the verdict code of `reviewer`'s record (0: none, or undone). -1 when the records must be
	 * read whole (or a count would not fit).
	 */
	plainVerdicts(slot: number, reviewer?: number): number {
		let accepted = 0;
		let rejected = 0;
		let flagged = 0;
		let mine = 0;
		for (let row = this.sampleFirst[slot]; row !== none; row = this.rowNext[row]) {
			const bits = this.rowBits[row];
			const verdict = bits & 3;
			if ((bits & rareBit) !== 0) return none;
			if (verdict === 0) continue;
			if ((bits & (resolutionBit | hashBit)) !== 0) return none;
			if (verdict === 1) accepted++;
			else if (verdict === 2) rejected++;
			else flagged++;
			if (this.rowReviewer[row] === reviewer) mine = verdict;
		}

		if (accepted > 1023 || rejected > 1023 || flagged > 1023) return none;
		return accepted + (rejected * 1024) + (flagged * 1024 * 1024) + (mine * 1024 * 1024 * 1024);
	}

	/** The interned number of a reviewer, or undefined if no record names them. */
	reviewerNumber(reviewer: string): number | undefined {
		return this.reviewerIndex.get(reviewer);
	}

	/** Holds `record` as its reviewer's record on its sample (whatever was held). */
	put(record: DecisionRecord) {
		const slot = this.slotFor(record.sample);
		const row = this.rowOf(slot, record.reviewer);
		this.fill(row === none ? this.newRow(slot) : row, record);
	}

	/** Newest wins (as mergeRecords); true if `record` replaced what was held. */
	merge(record: DecisionRecord): boolean {
		const slot = this.slotFor(record.sample);
		const row = this.rowOf(slot, record.reviewer);
		if (row !== none && !this.beats(record, row)) return false;
		this.fill(row === none ? this.newRow(slot) : row, record);
		return true;
	}

	/**
	 * Merges one record line of a decisions file (bytes[start, end), without its comma), newest wins;
	 * false if the line is not a record parseDecisionsFile accepts. A line in JSON.stringify's form
	 * with nothing rare in it makes no object at all.
	 */
	mergeLine(bytes: Buffer, start: number, end: number, changed?: Set<string>): boolean {
		const {fields} = this;
		if (!scanCanonical(bytes, start, end, fields) || fields.hasReasons || fields.hasRule || fields.resolution === 2 || fields.blind === 2 || (fields.hasHash && !isHashBytes(bytes, fields.hashStart, fields.hashEnd))) {
			const record = readParsed(bytes, start, end);
			if (!record) return false;
			if (this.merge(record)) changed?.add(record.sample);
			return true;
		}

		const at = isoMillis(bytes, fields.atStart);
		if (Number.isNaN(at)) {
			const record = canonicalRecord(bytes, fields, this.strings);
			if (this.merge(record)) changed?.add(record.sample);
			return true;
		}

		const slot = this.slotForBytes(bytes, fields.sampleStart, fields.sampleEnd);
		const reviewer = this.reviewerOfBytes(bytes, fields.reviewerStart, fields.reviewerEnd);
		let row = this.sampleFirst[slot];
		while (row !== none && this.rowReviewer[row] !== reviewer) row = this.rowNext[row];
		const categories = fields.categoriesEnd === fields.categoriesStart ? 0 : this.categoriesOf(bytes.toString('latin1', fields.categoriesStart, fields.categoriesEnd));
		const bits = fields.verdict | (fields.resolution === 1 ? resolutionBit : 0) | (fields.blind === 1 ? blindBit : 0) | (fields.hasHash ? hashBit : 0);
		if (row !== none) {
			const held = this.rowAt[row];
			if (held > at) return true;
			if (held === at || this.rare.has(row)) {
				// A tie-break needs both records whole, and so does a rare record (its time is its text).
				const record = canonicalRecord(bytes, fields, this.strings);
				if (this.merge(record)) changed?.add(record.sample);
				return true;
			}

			this.rare.delete(row);
		} else {
			row = this.newRow(slot);
			this.rowReviewer[row] = reviewer;
		}

		if (fields.noteEnd > fields.noteStart) this.notes.set(row, bytes.toString('latin1', fields.noteStart, fields.noteEnd));
		else this.notes.delete(row);

		this.rowAt[row] = at;
		this.rowBits[row] = bits;
		if (fields.hasHash) {
			this.rowHashHigh[row] = hexNumber(bytes, fields.hashStart + 5);
			this.rowHashLow[row] = hexNumber(bytes, fields.hashStart + 13);
		}

		this.rowCategories[row] = categories;
		if (changed) changed.add(this.sampleName(slot));
		return true;
	}

	/**
	 * Makes room for `rows` records on as many samples, and `idBytes` bytes of ids, at once (a file
	 * about to be read). Each array is made once at its final size: memory is zeroed page by page as
	 * it is first written (on a VM, ~3 ms a megabyte), so growing by doubling, which writes every
	 * smaller copy on the way, cost more than reading the file.
	 */
	reserve(rows: number, idBytes = 0) {
		if (this.rowCapacity < rows) this.resizeRows(rows);
		if (this.sampleCapacity < rows) this.resizeSamples(rows);
		if (this.pool.length < idBytes) this.pool = grow(this.pool, idBytes);
		// Room for `rows` samples at half load; more samples than that grow it as they come (insert).
		if (this.slots.length < rows) {
			let length = this.slots.length;
			while (length < rows) length *= 2;
			this.rehash(length);
		}
	}

	/** Bytes of the typed arrays in use (rows, samples, id pool, hash slots): the bench's bytes per decision. */
	get bytesInUse(): number {
		return (this.rows * 29) + (this.sampleCount * 14) + this.poolUsed + (this.slots.length * 4);
	}

	private record(row: number): DecisionRecord {
		const rare = this.rare.get(row);
		if (rare) return rare;
		const bits = this.rowBits[row];
		const record: DecisionRecord = {
			sample: this.sampleName(this.rowSample[row]),
			reviewer: this.reviewers[this.rowReviewer[row]],
			verdict: verdictCodes[bits & 3],
			categories: this.categoryLists[this.rowCategories[row]].slice(),
			note: this.notes.get(row) ?? '',
			at: isoTime(this.rowAt[row]),
		};
		if ((bits & resolutionBit) !== 0) record.resolution = true;
		if ((bits & blindBit) !== 0) record.blind = true;
		if ((bits & hashBit) !== 0) record.hash = `sha1:${hex8(this.rowHashHigh[row])}${hex8(this.rowHashLow[row])}`;
		return record;
	}

	/** Does `record` win over the one in `row`? */
	private beats(record: DecisionRecord, row: number): boolean {
		const rare = this.rare.get(row);
		if (!rare && isIsoString(record.at)) {
			const at = Date.parse(record.at);
			if (at !== this.rowAt[row]) return at > this.rowAt[row];
		}

		return newer(rare ?? this.record(row), record) === record;
	}

	private fill(row: number, record: DecisionRecord) {
		this.rowReviewer[row] = this.reviewerOf(record.reviewer);
		this.rowBits[row] = verdictCode(record.verdict) | (record.resolution === true ? resolutionBit : 0) | (record.blind === true ? blindBit : 0);
		this.rowCategories[row] = record.categories.length === 0 ? 0 : this.categoriesOf(JSON.stringify(record.categories).slice(1, -1));
		if (isPlain(record)) {
			this.rowAt[row] = Date.parse(record.at);
			if (record.hash !== undefined) {
				this.rowBits[row] |= hashBit;
				this.rowHashHigh[row] = Number.parseInt(record.hash.slice(5, 13), 16);
				this.rowHashLow[row] = Number.parseInt(record.hash.slice(13, 21), 16);
			}

			this.rare.delete(row);
			if (record.note === '') this.notes.delete(row);
			else this.notes.set(row, record.note);
		} else {
			this.rowAt[row] = Number.NaN;
			this.rowBits[row] |= rareBit;
			this.rare.set(row, record);
			this.notes.delete(row);
		}
	}

	private rowOf(slot: number, reviewer: string): number {
		if (slot === none) return none;
		const index = this.reviewerIndex.get(reviewer);
		if (index === undefined) return none;
		let row = this.sampleFirst[slot];
		while (row !== none && this.rowReviewer[row] !== index) row = this.rowNext[row];
		return row;
	}

	private newRow(slot: number): number {
		if (this.rows === this.rowCapacity) this.growRows();
		const row = this.rows++;
		this.rowSample[row] = slot;
		this.rowNext[row] = none;
		// Appended at the end of the sample's chain, so forSample gives records in the order they came.
		let last = this.sampleFirst[slot];
		if (last === none) {
			this.sampleFirst[slot] = row;
		} else {
			while (this.rowNext[last] !== none) last = this.rowNext[last];
			this.rowNext[last] = row;
		}

		return row;
	}

	private growRows() {
		this.resizeRows(this.rowCapacity * 2);
	}

	private resizeRows(capacity: number) {
		this.rowCapacity = capacity;
		this.rowSample = grow(this.rowSample, capacity);
		this.rowNext = grow(this.rowNext, capacity);
		this.rowReviewer = grow(this.rowReviewer, capacity);
		this.rowCategories = grow(this.rowCategories, capacity);
		this.rowBits = grow(this.rowBits, capacity);
		this.rowAt = grow(this.rowAt, capacity);
		this.rowHashHigh = grow(this.rowHashHigh, capacity);
		this.rowHashLow = grow(this.rowHashLow, capacity);
	}

	private growSamples() {
		this.resizeSamples(this.sampleCapacity * 2);
	}

	private resizeSamples(capacity: number) {
		this.sampleCapacity = capacity;
		this.sampleFirst = grow(this.sampleFirst, capacity);
		this.sampleStart = grow(this.sampleStart, capacity);
		this.sampleLength = grow(this.sampleLength, capacity);
		this.sampleHash = grow(this.sampleHash, capacity);
	}

	private reviewerOf(name: string): number {
		let index = this.reviewerIndex.get(name);
		if (index === undefined) {
			index = this.reviewers.length;
			if (index > 0xff_ff) throw new Error('more than 65,536 reviewers');
			this.reviewers.push(name);
			this.reviewerIndex.set(name, index);
		}

		return index;
	}

	private reviewerOfBytes(bytes: Buffer, start: number, end: number): number {
		// A file names a handful of reviewers: compare with each before making a string.
		const length = end - start;
		for (let index = 0; index < this.reviewers.length && index < 16; index++) {
			const name = this.reviewers[index];
			if (name.length !== length) continue;
			let same = true;
			for (let i = 0; i < length; i++) {
				if (name.charCodeAt(i) !== bytes[start + i]) {
					same = false;
					break;
				}
			}

			if (same) return index;
		}

		return this.reviewerOf(bytes.toString('latin1', start, end));
	}

	/** The interned list for the JSON text of a list's items (without brackets). */
	private categoriesOf(key: string): number {
		let index = this.categoryIndex.get(key);
		if (index === undefined) {
			index = this.categoryLists.length;
			if (index > 0xff_ff) throw new Error('more than 65,536 different lists of categories');
			this.categoryLists.push(JSON.parse(`[${key}]`) as string[]);
			this.categoryIndex.set(key, index);
		}

		return index;
	}

	private sampleName(slot: number): string {
		if (this.sampleLength[slot] === wideLength) return this.wideNames.get(slot)!;
		const start = this.sampleStart[slot];
		return Buffer.from(this.pool.buffer, this.pool.byteOffset + start, this.sampleLength[slot]).toString('latin1');
	}

	/** The slot of an id, or none. */
	private slotOf(sample: string): number {
		const hash = asciiHash(sample);
		if (hash === none) return this.wideIds.get(sample) ?? none;
		const mask = this.slots.length - 1;
		for (let i = hash & mask; ; i = (i + 1) & mask) {
			const held = this.slots[i];
			if (held === 0) return none;
			const slot = held - 1;
			if (this.sampleHash[slot] === hash && this.sameString(slot, sample)) return slot;
		}
	}

	private slotFor(sample: string): number {
		const found = this.slotOf(sample);
		if (found !== none) return found;
		const hash = asciiHash(sample);
		if (hash === none || sample.length >= wideLength) {
			const slot = this.newSample(0, wideLength, 0);
			this.wideIds.set(sample, slot);
			this.wideNames.set(slot, sample);
			return slot;
		}

		this.reservePool(sample.length);
		const start = this.poolUsed;
		for (let i = 0; i < sample.length; i++) this.pool[start + i] = sample.charCodeAt(i);
		this.poolUsed += sample.length;
		return this.insert(this.newSample(start, sample.length, hash));
	}

	/** The slot of the id bytes[start, end) (printable ASCII), made if new. */
	private slotForBytes(bytes: Buffer, start: number, end: number): number {
		let hash = 0x81_1c_9d_c5;
		for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i], 0x01_00_01_93);
		hash = mix(hash);
		const length = end - start;
		const mask = this.slots.length - 1;
		for (let i = hash & mask; ; i = (i + 1) & mask) {
			const held = this.slots[i];
			if (held === 0) break;
			const slot = held - 1;
			if (this.sampleHash[slot] !== hash || this.sampleLength[slot] !== length) continue;
			const from = this.sampleStart[slot];
			let same = true;
			for (let j = 0; j < length; j++) {
				if (this.pool[from + j] !== bytes[start + j]) {
					same = false;
					break;
				}
			}

			if (same) return slot;
		}

		if (length >= wideLength) return this.slotFor(bytes.toString('latin1', start, end));
		this.reservePool(length);
		const from = this.poolUsed;
		for (let j = 0; j < length; j++) this.pool[from + j] = bytes[start + j];
		this.poolUsed += length;
		return this.insert(this.newSample(from, length, hash));
	}

	private newSample(start: number, length: number, hash: number): number {
		if (this.sampleCount === this.sampleCapacity) this.growSamples();

		const slot = this.sampleCount++;
		this.sampleFirst[slot] = none;
		this.sampleStart[slot] = start;
		this.sampleLength[slot] = length;
		this.sampleHash[slot] = hash;
		return slot;
	}

	private insert(slot: number): number {
		if (this.sampleCount * 2 > this.slots.length) this.rehash(this.slots.length * 2);
		this.place(slot);
		return slot;
	}

	private rehash(length: number) {
		const old = this.slots;
		this.slots = new Int32Array(length);
		for (const held of old) if (held !== 0) this.place(held - 1);
	}

	private place(slot: number) {
		const mask = this.slots.length - 1;
		let i = this.sampleHash[slot] & mask;
		while (this.slots[i] !== 0) i = (i + 1) & mask;
		this.slots[i] = slot + 1;
	}

	private reservePool(length: number) {
		if (this.poolUsed + length <= this.pool.length) return;
		this.pool = grow(this.pool, Math.max(this.pool.length * 2, this.poolUsed + length));
	}

	private sameString(slot: number, sample: string): boolean {
		if (this.sampleLength[slot] !== sample.length) return false;
		const start = this.sampleStart[slot];
		for (let i = 0; i < sample.length; i++) if (this.pool[start + i] !== sample.charCodeAt(i)) return false;
		return true;
	}
}

/** The key of a record, for callers that keep records by sample and reviewer. */
export {recordKey};

function grow<T extends Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array>(array: T, length: number): T {
	const bigger = new (array.constructor as new (length: number) => T)(length);
	bigger.set(array);
	return bigger;
}

function mix(hash: number): number {
	hash ^= hash >>> 15;
	hash = Math.imul(hash, 0x2c_1b_3c_6d);
	hash ^= hash >>> 13;
	// Kept as a signed 32-bit integer: never -1 (`none`).
	return hash === none ? 0 : hash;
}

/** FNV-1a of a printable-ASCII id as slotForBytes hashes its bytes; none for any other id. */
function asciiHash(text: string): number {
	let hash = 0x81_1c_9d_c5;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x20 || c > 0x7e) return none;
		hash = Math.imul(hash ^ c, 0x01_00_01_93);
	}

	return mix(hash);
}

/** A record a row holds without its object: nothing but what the columns keep. */
function isPlain(record: DecisionRecord): boolean {
	let keys = 0;
	for (const key in record) {
		if (Object.hasOwn(record, key)) keys++;
	}

	const expected = 6 + (record.resolution === undefined ? 0 : 1) + (record.blind === undefined ? 0 : 1) + (record.hash === undefined ? 0 : 1);
	if (keys !== expected || typeof record.note !== 'string' || record.resolution === false || record.blind === false || !isIsoString(record.at)) return false;
	if (record.hash !== undefined && !hashPattern.test(record.hash)) return false;
	// Key order as JSON.stringify writes a record the store makes: a row gives them back in this order.
	const order = Object.keys(record);
	return order[0] === 'sample' && order[1] === 'reviewer' && order[2] === 'verdict' && order[3] === 'categories' && order[4] === 'note' && order[5] === 'at'
		&& (record.resolution === undefined || order[6] === 'resolution')
		&& (record.blind === undefined || order[6 + (record.resolution === undefined ? 0 : 1)] === 'blind')
		&& (record.hash === undefined || order[order.length - 1] === 'hash');
}

function isIsoString(at: string): boolean {
	if (at.length !== 24) return false;
	const time = Date.parse(at);
	return Number.isFinite(time) && new Date(time).toISOString() === at;
}

/** A record's `hash` as contentHash writes it: kept in two columns. */
const hashPattern = /^sha1:[\da-f]{16}$/;

function isHashBytes(bytes: Buffer, start: number, end: number): boolean {
	if (end - start !== 21 || bytes.toString('latin1', start, start + 5) !== 'sha1:') return false;
	for (let i = start + 5; i < end; i++) {
		const c = bytes[i];
		if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
	}

	return true;
}

/** Eight lowercase hex digits from bytes[at] as a number. */
function hexNumber(bytes: Buffer, at: number): number {
	let value = 0;
	for (let i = at; i < at + 8; i++) {
		const c = bytes[i];
		value = (value * 16) + (c <= 0x39 ? c - 0x30 : c - 0x57);
	}

	return value;
}

function hex8(value: number): string {
	return value.toString(16).padStart(8, '0');
}

const dayMs = 86_400_000;
const twoDigits = Array.from({length: 100}, (_, i) => String(i).padStart(2, '0'));
const threeDigits = Array.from({length: 1000}, (_, i) => String(i).padStart(3, '0'));
let lastDay = Number.NaN;
let lastDayText = '';

/**
 * new Date(ms).toISOString() for a row's time (a year 1000–9999, as isoMillis accepts), a few times
 * faster: the date part is kept for the last day asked (a file's times fall on few days).
 */
function isoTime(ms: number): string {
	const day = Math.floor(ms / dayMs);
	if (day !== lastDay) {
		lastDay = day;
		lastDayText = new Date(day * dayMs).toISOString().slice(0, 11);
	}

	let rest = ms - (day * dayMs);
	const milliseconds = rest % 1000;
	rest = (rest - milliseconds) / 1000;
	const seconds = rest % 60;
	rest = (rest - seconds) / 60;
	const minutes = rest % 60;
	const hours = (rest - minutes) / 60;
	return `${lastDayText}${twoDigits[hours]}:${twoDigits[minutes]}:${twoDigits[seconds]}.${threeDigits[milliseconds]}Z`;
}

const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The time of `2026-11-25T10:01:02.003Z` (shape already checked by scanCanonical) as ms, or NaN
 * when toISOString would not give the same text back (a 30 February, say).
 */
function isoMillis(bytes: Buffer, at: number): number {
	const d = (i: number) => bytes[at + i] - 0x30;
	const year = (d(0) * 1000) + (d(1) * 100) + (d(2) * 10) + d(3);
	const month = (d(5) * 10) + d(6);
	const day = (d(8) * 10) + d(9);
	const hour = (d(11) * 10) + d(12);
	const minute = (d(14) * 10) + d(15);
	const second = (d(17) * 10) + d(18);
	const ms = (d(20) * 100) + (d(21) * 10) + d(22);
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth[month - 1] || hour > 23 || minute > 59 || second > 59) return Number.NaN;
	if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return Number.NaN;
	// Date.UTC takes years 0–99 as 1900–1999.
	const time = Date.UTC(year, month - 1, day, hour, minute, second, ms);
	return year < 100 ? Number.NaN : time;
}
