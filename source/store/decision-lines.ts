import {fingerprintOf, fingerprintOfBytes} from '../dataset/id-fingerprints.js';
import {madeOnOtherBytes} from '../dataset/content-hash.js';
import type {DecisionSource} from './decision-source.js';
import {forEachRecordLine, lineFeedsAfter} from './decisions-layout.js';
import {CanonicalFields, canonicalRecord, Interned, readParsed, scanCanonical, verdictOf} from './record-lines.js';
import type {DecisionRecord, Verdict} from './schema.js';

const resolutionFlag = 1;
const categoriesFlag = 2;
const canonicalFlag = 4;
const ruleFlag = 8;
const reasonsFlag = 16;
/** Only a parsed line has one: the canonical form has no correction key. */
const correctionFlag = 32;
const hashFlag = 64;

/**
 * The records of a decisions file in winnow's layout, kept as the file's bytes plus a few typed
 * arrays (where each record's line and sample id are, its verdict, whether it is a resolution or has
 * categories), so that reading 300,000 decisions makes no record objects: export and stats (through
 * DecisionSource) make one only for a sample that needs more than its verdict. Each line is checked
 * when the file is read, as parseDecisionsFile checks it (lines in JSON.stringify's form without
 * parsing; any other line with JSON.parse, and kept as its record).
 */
export class DecisionLines implements DecisionSource {
	/**
	 * The records of a file in winnow's layout; undefined for any other layout, or anything in a
	 * record line that parseDecisionsFile would refuse (the caller then parses the whole text, which
	 * says what). The head (schema, dataset) is left to the caller: headEnd is where it ends.
	 */
	static read(bytes: Buffer): DecisionLines | undefined {
		if (bytes.length >= 2 ** 31) return undefined;
		// One record a line: no more records than line feeds.
		const file = new DecisionLines(bytes, lineFeedsAfter(bytes, 0));
		const found = forEachRecordLine(bytes, (start, end, index) => file.readLine(start, end, index));
		if (!found) return undefined;
		file.headEnd = found.headEnd;
		file.length = found.count;
		return file;
	}

	length = 0;
	private readonly lineStarts: Int32Array;
	private readonly lineEnds: Int32Array;
	private readonly sampleStarts: Int32Array;
	private readonly sampleEnds: Int32Array;
	private readonly verdicts: Uint8Array;
	private readonly flags: Uint8Array;
	/** Where a canonical line's hash is (start 0: none; any other line's is in its parsed record). */
	private readonly hashStarts: Int32Array;
	private readonly hashEnds: Int32Array;
	/** Records of lines in another form, parsed when the file was read. */
	private readonly parsed = new Map<number, DecisionRecord>();
	private readonly strings = new Interned();
	private readonly fields = new CanonicalFields();

	/** Where the head ends (after `"decisions": [`). */
	headEnd = 0;

	private constructor(private readonly bytes: Buffer, capacity: number) {
		this.lineStarts = new Int32Array(capacity);
		this.lineEnds = new Int32Array(capacity);
		this.sampleStarts = new Int32Array(capacity);
		this.sampleEnds = new Int32Array(capacity);
		this.verdicts = new Uint8Array(capacity);
		this.flags = new Uint8Array(capacity);
		this.hashStarts = new Int32Array(capacity);
		this.hashEnds = new Int32Array(capacity);
	}

	record(index: number): DecisionRecord {
		if ((this.flags[index] & canonicalFlag) === 0) return this.parsed.get(index)!;
		scanCanonical(this.bytes, this.lineStarts[index], this.lineEnds[index], this.fields);
		return canonicalRecord(this.bytes, this.fields, this.strings);
	}

	/** Every record, made now. */
	records(): DecisionRecord[] {
		return Array.from({length: this.length}, (_, index) => this.record(index));
	}

	sample(index: number): string {
		if ((this.flags[index] & canonicalFlag) === 0) return this.parsed.get(index)!.sample;
		return this.bytes.toString('latin1', this.sampleStarts[index], this.sampleEnds[index]);
	}

	sampleIs(index: number, id: string): boolean {
		if ((this.flags[index] & canonicalFlag) === 0) return this.parsed.get(index)!.sample === id;
		const start = this.sampleStarts[index];
		if (this.sampleEnds[index] - start !== id.length) return false;
		for (let i = 0; i < id.length; i++) if (this.bytes[start + i] !== id.charCodeAt(i)) return false;
		return true;
	}

	sampleBytesAre(index: number, bytes: Uint8Array, start: number, end: number): boolean {
		if ((this.flags[index] & canonicalFlag) === 0) return this.parsed.get(index)!.sample === Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
		const at = this.sampleStarts[index];
		if (this.sampleEnds[index] - at !== end - start) return false;
		for (let i = 0; i < end - start; i++) if (this.bytes[at + i] !== bytes[start + i]) return false;
		return true;
	}

	fingerprintSample(index: number) {
		if ((this.flags[index] & canonicalFlag) === 0) fingerprintOf(this.parsed.get(index)!.sample);
		else fingerprintOfBytes(this.bytes, this.sampleStarts[index], this.sampleEnds[index]);
	}

	verdict(index: number): Verdict | null {
		return verdictOf(this.verdicts[index]);
	}

	isResolution(index: number): boolean {
		return (this.flags[index] & resolutionFlag) !== 0;
	}

	hasCategories(index: number): boolean {
		return (this.flags[index] & categoriesFlag) !== 0;
	}

	rule(index: number): string | undefined {
		if ((this.flags[index] & canonicalFlag) === 0) {
			const {rule} = this.parsed.get(index)!;
			return typeof rule === 'string' ? rule : undefined;
		}

		if ((this.flags[index] & ruleFlag) === 0) return undefined;
		scanCanonical(this.bytes, this.lineStarts[index], this.lineEnds[index], this.fields);
		return this.strings.get(this.bytes, this.fields.ruleStart, this.fields.ruleEnd);
	}

	hasCorrection(index: number): boolean {
		return (this.flags[index] & correctionFlag) !== 0;
	}

	hasReasons(index: number): boolean {
		return (this.flags[index] & reasonsFlag) !== 0;
	}

	hasHash(index: number): boolean {
		return (this.flags[index] & hashFlag) !== 0;
	}

	madeOnOtherBytes(index: number, hash: string): boolean {
		if ((this.flags[index] & hashFlag) === 0 || this.verdicts[index] === 0) return false;
		if ((this.flags[index] & canonicalFlag) === 0) return madeOnOtherBytes(this.parsed.get(index)!, hash);
		const start = this.hashStarts[index];
		if (this.hashEnds[index] - start !== hash.length) return true;
		for (let i = 0; i < hash.length; i++) if (this.bytes[start + i] !== hash.charCodeAt(i)) return true;
		return false;
	}

	/** Reads and checks one record line; false if it is refused. */
	private readLine(start: number, end: number, index: number): boolean {
		const {bytes, fields} = this;
		if (index >= this.lineStarts.length) return false;
		this.lineStarts[index] = start;
		this.lineEnds[index] = end;
		if (scanCanonical(bytes, start, end, fields)) {
			this.sampleStarts[index] = fields.sampleStart;
			this.sampleEnds[index] = fields.sampleEnd;
			this.verdicts[index] = fields.verdict;
			if (fields.hasHash) {
				this.hashStarts[index] = fields.hashStart;
				this.hashEnds[index] = fields.hashEnd;
			}

			this.flags[index] = canonicalFlag | (fields.resolution === 1 ? resolutionFlag : 0) | (fields.categoriesEnd > fields.categoriesStart ? categoriesFlag : 0) | (fields.hasRule ? ruleFlag : 0) | (fields.hasReasons && fields.reasonsEnd > fields.reasonsStart ? reasonsFlag : 0) | (fields.hasHash ? hashFlag : 0);
			return true;
		}

		const record = readParsed(bytes, start, end);
		if (!record) return false;
		this.parsed.set(index, record);
		this.verdicts[index] = record.verdict === null ? 0 : 1 + ['accepted', 'rejected', 'flagged'].indexOf(record.verdict);
		this.flags[index] = (record.resolution === true ? resolutionFlag : 0) | (record.categories.length > 0 ? categoriesFlag : 0) | ((record.reasons?.length ?? 0) > 0 ? reasonsFlag : 0) | (record.correction === undefined ? 0 : correctionFlag) | (typeof record.hash === 'string' ? hashFlag : 0);
		return true;
	}
}
