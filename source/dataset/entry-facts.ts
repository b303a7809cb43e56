import {isUtf8} from 'node:buffer';
import {fingerprintOf, fingerprintOfBytes, fingerprint, probeSlots, type FingerprintTable} from './id-fingerprints.js';
import {hashId, hashPrefix, locateValue, located, readScalar, ValueKind, valueText, writeHashId} from './identity.js';
import {isJsonObject, keyValueAt} from './json-check.js';
import {isWellFormed} from './well-formed.js';

/*
What the scan behind export and stats needs to know of each entry of a read chunk, worked out
without making a string or an object: whether it is malformed, where its id is (or its hash id's
text) and the id's fingerprint. The work of a chunk is split between the scan workers
(scan-worker.ts), which fill these arrays in shared memory, part by part; where there are no workers
(small files, the TypeScript sources under test) the scan calls inspectEntries itself. One function
for both, so the answers cannot differ.
*/

/** How an entry's id is given. */
export const IdKind = {
	/** The id field's text is buffer[idStart, idEnd) (printable ASCII without escapes, or a number). */
	Span: 0,
	/** No usable id field: the id is the hash id in `hashes` (hashIdLength Latin-1 bytes). */
	Hash: 1,
	/** A string with escapes at buffer[idStart, idEnd) (quotes excluded): decode it (rare). */
	Escaped: 2,
} as const;

/** `sha1:` and 16 hex digits. */
export const hashIdLength = hashPrefix.length + 16;

/** The typed arrays of a ChunkFacts, as posted to a worker (shared memory). */
export type ChunkFactsBuffers = {
	malformed: Uint8Array;
	kinds: Uint8Array;
	idStarts: Int32Array;
	idEnds: Int32Array;
	fingerprints: Uint32Array;
	hashes: Uint8Array;
	decided: Int32Array;
	firsts: Int32Array;
};

/** ChunkFacts.decided of an entry whose id was not looked up (no table given, or an id with escapes). */
export const notLookedUp = -2;
/** ChunkFacts.decided of an entry whose id is not in the table. */
export const notDecided = -1;

/** The facts of the entries of one chunk, entry by entry (see IdKind). */
export class ChunkFacts implements ChunkFactsBuffers {
	static from(buffers: ChunkFactsBuffers): ChunkFacts {
		const facts = new ChunkFacts(0, false);
		Object.assign(facts, buffers);
		return facts;
	}

	malformed: Uint8Array;
	kinds: Uint8Array;
	idStarts: Int32Array;
	idEnds: Int32Array;
	/** Two words an entry: the fingerprint of its id (id-fingerprints.ts). */
	fingerprints: Uint32Array;
	hashes: Uint8Array;
	/**
	 * Where the id's fingerprint is in the table of decided ids given to inspectEntries (its slot),
	 * or notDecided, or notLookedUp: the look-up every entry needs, made here, in parallel, so the
	 * thread that hands the entries out only reads the answer (a probe of a table of hundreds of
	 * thousands of ids is a cache miss).
	 */
	decided: Int32Array;
	/**
	 * The number (1-based, in file order) of the first entry of the file with the same id's
	 * fingerprint, or 0 where not worked out (markFirstSeen): the entry itself, or an earlier one
	 * when its id is repeated.
	 */
	firsts: Int32Array;

	constructor(capacity: number, private readonly shared: boolean) {
		this.malformed = new Uint8Array(this.memory(capacity));
		this.kinds = new Uint8Array(this.memory(capacity));
		this.idStarts = new Int32Array(this.memory(capacity * 4));
		this.idEnds = new Int32Array(this.memory(capacity * 4));
		this.fingerprints = new Uint32Array(this.memory(capacity * 8));
		this.hashes = new Uint8Array(this.memory(capacity * hashIdLength));
		this.decided = new Int32Array(this.memory(capacity * 4));
		this.firsts = new Int32Array(this.memory(capacity * 4));
	}

	/** `hashes` as a Buffer, to read the hash ids' text from. */
	get hashText(): Buffer {
		if (this.hashView?.buffer !== this.hashes.buffer) this.hashView = Buffer.from(this.hashes.buffer, this.hashes.byteOffset, this.hashes.length);
		return this.hashView;
	}

	private hashView: Buffer | undefined;

	get capacity(): number {
		return this.malformed.length;
	}

	/** Room for `count` entries (the contents are not kept). */
	ensure(count: number) {
		if (count <= this.capacity) return;
		let capacity = Math.max(1024, this.capacity);
		while (capacity < count) capacity *= 2;
		const grown = new ChunkFacts(capacity, this.shared);
		Object.assign(this, grown.buffers());
		this.hashView = undefined;
	}

	buffers(): ChunkFactsBuffers {
		const {malformed, kinds, idStarts, idEnds, fingerprints, hashes, decided, firsts} = this;
		return {malformed, kinds, idStarts, idEnds, fingerprints, hashes, decided, firsts};
	}

	private memory(bytes: number): ArrayBuffer | SharedArrayBuffer {
		return this.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
	}
}

/**
 * Works out the facts of entries first…last-1 of a chunk: entry i is buffer[froms[i], tos[i]).
 * Whether the span they share is valid UTF-8 is checked once (chunk-entries.ts says why that holds
 * for each entry in it), so most entries only get their JSON checked, and that check also finds the
 * id field: each byte of a well-formed entry is read once. Malformed entries are looked at again
 * (isWellFormed, locateValue), as the review screen would see them. With `decidedSlots` (a
 * FingerprintTable's shared slots), each id's fingerprint is looked up in it (ChunkFacts.decided).
 */
export function inspectEntries(buffer: Buffer, froms: Int32Array, tos: Int32Array, first: number, last: number, needle: Buffer, facts: ChunkFacts, decidedSlots?: Uint32Array) {
	if (first >= last) return;
	const spanStart = froms[first];
	const utf8 = isUtf8(new Uint8Array(buffer.buffer, buffer.byteOffset + spanStart, tos[last - 1] - spanStart));
	const {malformed, kinds, idStarts, idEnds, fingerprints, hashes} = facts;
	facts.firsts.fill(0, first, last);
	for (let i = first; i < last; i++) {
		const from = froms[i];
		const to = tos[i];
		let kind: ValueKind;
		if (utf8 && isJsonObject(buffer, from, to, needle)) {
			// Well formed, and the check noted where the id field's value is (if there is one).
			malformed[i] = 0;
			const valueAt = keyValueAt();
			kind = valueAt === -1 ? ValueKind.None : readScalar(buffer, valueAt, to);
		} else {
			malformed[i] = isWellFormed(buffer.subarray(from, to)) ? 0 : 1;
			kind = locateValue(buffer, from, to, needle);
		}

		if (kind === ValueKind.Plain || kind === ValueKind.Number) {
			kinds[i] = IdKind.Span;
			idStarts[i] = located.start;
			idEnds[i] = located.end;
			fingerprintOfBytes(buffer, located.start, located.end);
		} else if (kind === ValueKind.Escaped) {
			// A string id with escapes (rare): its text is decoded again where it is needed.
			kinds[i] = IdKind.Escaped;
			idStarts[i] = located.start;
			idEnds[i] = located.end;
			fingerprintOf(valueText(buffer, kind) ?? hashId(buffer.subarray(from, to)));
		} else {
			// hashId's text, written as bytes where the main thread can read it.
			kinds[i] = IdKind.Hash;
			const at = i * hashIdLength;
			writeHashId(buffer.subarray(from, to), hashes, at);
			fingerprintOfBytes(hashes, at, at + hashIdLength);
		}

		fingerprints[i * 2] = fingerprint[0];
		fingerprints[(i * 2) + 1] = fingerprint[1];
	}

	lookUpDecided(facts, first, last, decidedSlots);
}

/**
 * ChunkFacts.decided of entries first…last-1 (their fingerprints worked out): where each id's
 * fingerprint is in `decidedSlots` (a FingerprintTable's shared slots), or notDecided; notLookedUp
 * for every entry without a table.
 */
export function lookUpDecided(facts: ChunkFacts, first: number, last: number, decidedSlots?: Uint32Array) {
	const {fingerprints, decided} = facts;
	if (decidedSlots === undefined) {
		decided.fill(notLookedUp, first, last);
		return;
	}

	// The look-ups in a loop of their own: a probe of a table of hundreds of thousands of ids is a
	// cache miss, and with nothing else between them the processor has several in flight at once
	// (between two JSON checks, each waited alone: about twice the time).
	for (let i = first; i < last; i++) {
		const slot = probeSlots(decidedSlots, fingerprints[i * 2], fingerprints[(i * 2) + 1]);
		decided[i] = decidedSlots[(slot * 4) + 1] === 0 ? notDecided : slot;
	}
}

/**
 * Works out ChunkFacts.firsts for the entries of a chunk (their facts worked out) whose id's
 * fingerprint falls in share `part` of `parts` (its high word modulo parts): each share's ids are
 * seen by one thread only, in `seen` (fingerprint -> number of its first entry), chunk after chunk
 * in file order, so the shares can be done in parallel and each answer is the one a single pass
 * in file order gives. `base` is the number of entries before the chunk.
 */
export function markFirstSeen(facts: ChunkFacts, count: number, base: number, part: number, parts: number, seen: FingerprintTable) {
	const {fingerprints, firsts} = facts;
	for (let i = 0; i < count; i++) {
		const high = fingerprints[i * 2];
		if (parts > 1 && high % parts !== part) continue;
		fingerprint[0] = high;
		fingerprint[1] = fingerprints[(i * 2) + 1];
		const slot = seen.slot();
		if (seen.isEmpty(slot)) {
			firsts[i] = base + i + 1;
			seen.insert(slot, base + i + 1, 0);
		} else {
			firsts[i] = seen.a(slot);
		}
	}
}
