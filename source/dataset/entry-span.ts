import {hashId, locateValue, located, needleFor, ValueKind, valueText} from './identity.js';
import {fingerprint, fingerprintOf, fingerprintOfBytes} from './id-fingerprints.js';
import {IdKind, hashIdLength, notLookedUp, type ChunkFacts} from './entry-facts.js';
import type {DecisionSource} from '../store/decision-source.js';

/**
 * One entry of a dataset as the streaming scan hands it out: where its bytes are in the reader's
 * buffer (valid only during the visit), and its id, found without making a string when the id is
 * printable ASCII (almost always): `fingerprint()` hashes the id's bytes where they are, and the
 * `id` text is made only when asked for (for the samples someone decided, or repeated ids). The id
 * is sampleId's: the top-level id field when it holds a string or a number, else a hash of the bytes.
 */
export class EntrySpan {
	buffer: Buffer = Buffer.alloc(0);
	from = 0;
	to = 0;
	/** The entry's offset in the file. */
	start = 0;
	lineNumber = 0;
	/** The entry is a line of a JSON Lines file, so it holds no line break (an array's element may). */
	isLine = false;
	/** Where the scan workers found the id in the decided ids' table (ChunkFacts.decided), or notLookedUp. */
	decidedSlot: number = notLookedUp;
	/** The number of the file's first entry with this id's fingerprint (ChunkFacts.firsts), or 0 when not worked out. */
	firstSeen = 0;
	/** idBytes[idStart, idEnd) is the id's text when `text` is undefined. */
	private idBytes: Buffer = this.buffer;
	private idStart = 0;
	private idEnd = 0;
	private text: string | undefined;
	/** The entry has no id field (or an unusable one): its id is the hash of its bytes. */
	private hashed = false;
	/** The id's fingerprint, when it is known already (from the entry's facts). */
	private readonly known = new Uint32Array(2);
	private fingerprintKnown = false;

	constructor(private readonly needle: Buffer) {}

	static forField(idField: string): EntrySpan {
		return new EntrySpan(needleFor(idField));
	}

	/** Points at another entry and finds its id. */
	set(buffer: Buffer, from: number, to: number, start: number, lineNumber: number) {
		this.buffer = buffer;
		this.from = from;
		this.to = to;
		this.start = start;
		this.lineNumber = lineNumber;
		this.fingerprintKnown = false;
		this.decidedSlot = notLookedUp;
		this.firstSeen = 0;
		this.idBytes = buffer;
		const kind = locateValue(buffer, from, to, this.needle);
		if (kind === ValueKind.Plain || kind === ValueKind.Number) {
			this.idStart = located.start;
			this.idEnd = located.end;
			this.text = undefined;
			this.hashed = false;
		} else {
			const text = kind === ValueKind.Escaped ? valueText(buffer, kind) : undefined;
			this.hashed = text === undefined;
			this.text = text ?? hashId(buffer.subarray(from, to));
		}
	}

	/** Points at entry `index` of a chunk whose facts (entry-facts.ts) say where its id is. */
	setFromFacts(buffer: Buffer, from: number, to: number, start: number, lineNumber: number, facts: ChunkFacts, index: number) {
		this.buffer = buffer;
		this.from = from;
		this.to = to;
		this.start = start;
		this.lineNumber = lineNumber;
		this.text = undefined;
		this.decidedSlot = facts.decided[index];
		this.firstSeen = facts.firsts[index];
		switch (facts.kinds[index]) {
			case IdKind.Span: {
				this.hashed = false;
				this.idBytes = buffer;
				this.idStart = facts.idStarts[index];
				this.idEnd = facts.idEnds[index];
				break;
			}

			case IdKind.Hash: {
				this.hashed = true;
				this.idBytes = facts.hashText;
				this.idStart = index * hashIdLength;
				this.idEnd = this.idStart + hashIdLength;
				break;
			}

			default: {
				// A string id with escapes: decoded here (rare), as set() does.
				located.start = facts.idStarts[index];
				located.end = facts.idEnds[index];
				const text = valueText(buffer, ValueKind.Escaped);
				this.hashed = text === undefined;
				this.text = text ?? hashId(buffer.subarray(from, to));
				break;
			}
		}

		this.known[0] = facts.fingerprints[index * 2];
		this.known[1] = facts.fingerprints[(index * 2) + 1];
		this.fingerprintKnown = true;
	}

	/** The entry's bytes (a view of the reader's buffer). */
	get bytes(): Buffer {
		return this.buffer.subarray(this.from, this.to);
	}

	/** Whether the id is the hash of the entry's bytes (no usable id field), known without making the id's text. */
	get isHashId(): boolean {
		return this.hashed;
	}

	get id(): string {
		this.text ??= this.idBytes.toString('latin1', this.idStart, this.idEnd);
		return this.text;
	}

	/** source.sampleIs(index, this.id), comparing the id's bytes where its text is not made yet. */
	isSampleOf(source: DecisionSource, index: number): boolean {
		if (this.text !== undefined || !source.sampleBytesAre) return source.sampleIs(index, this.id);
		return source.sampleBytesAre(index, this.idBytes, this.idStart, this.idEnd);
	}

	/** Sets id-fingerprints' `fingerprint` to fingerprintOf(this.id). */
	fingerprint() {
		if (this.fingerprintKnown) {
			fingerprint[0] = this.known[0];
			fingerprint[1] = this.known[1];
		} else if (this.text === undefined) fingerprintOfBytes(this.idBytes, this.idStart, this.idEnd);
		else fingerprintOf(this.text);
	}

	/** A copy that stays valid after the visit. */
	copy(): EntrySpan {
		const copy = new EntrySpan(this.needle);
		copy.set(Buffer.from(this.bytes), 0, this.to - this.from, this.start, this.lineNumber);
		copy.isLine = this.isLine;
		copy.decidedSlot = this.decidedSlot;
		copy.firstSeen = this.firstSeen;
		return copy;
	}
}
