import {fingerprint, fingerprintOf, fingerprintOfBytes} from '../dataset/id-fingerprints.js';
import {madeOnOtherBytes} from '../dataset/content-hash.js';
import type {DecisionSource} from './decision-source.js';
import {decisionsOpen, forEachLineFrom, forEachRecordLine, lineFeedsAfter} from './decisions-layout.js';
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

	/**
	 * read(bytes), the same records and the same answer, with the file's second half read by
	 * `helper` (another thread, LinesHelper) while this thread reads the first: `bytes` and the
	 * columns are then in shared memory. Without a helper, for a small file, or when the helper
	 * fails, read here alone.
	 */
	static async readShared(bytes: Buffer, helper: LinesHelper | undefined, minimumSize = minimumSharedSize): Promise<DecisionLines | undefined> {
		const open = bytes.indexOf(decisionsOpen);
		if (!helper || bytes.length < minimumSize || bytes.length >= 2 ** 31 || !(bytes.buffer instanceof SharedArrayBuffer) || open === -1) return DecisionLines.read(bytes);
		const headEnd = open + decisionsOpen.length;
		// The second half starts at a line's start past the middle; its first line's number is the
		// number of line feeds before it (one a record line).
		const cut = bytes.indexOf(newline, headEnd + Math.floor((bytes.length - headEnd) / 2));
		if (bytes[headEnd] !== newline || cut === -1 || bytes[cut + 1] !== 0x7b) return DecisionLines.read(bytes);
		const second = cut + 1;
		const first = lineFeedsAfter(bytes.subarray(0, second), headEnd + 1);
		const file = new DecisionLines(bytes, lineFeedsAfter(bytes, 0), true);
		file.headEnd = headEnd;
		const helped = helper({bytes, columns: file.columns(), start: second, index: first});
		// The first half, here: every line of it ends with a comma (more lines follow).
		let firstHalf = true;
		let index = 0;
		for (let at = headEnd + 1; at < second; index++) {
			const end = bytes.indexOf(newline, at);
			if (bytes[at] !== 0x7b || bytes[end - 1] !== 0x2c || !file.readLine(at, end - 1, index)) {
				firstHalf = false;
				break;
			}

			at = end + 1;
		}

		const done = await helped.catch(() => undefined);
		if (!firstHalf) return undefined;
		if (index !== first) return undefined;
		if (done === undefined) {
			// The helper failed: the second half read here.
			const found = forEachLineFrom(bytes, second, (start, end, line) => file.readLine(start, end, first + line));
			if (!found) return undefined;
			file.length = first + found.count;
			return file;
		}

		if (!done.found) return undefined;
		// Lines in another form than JSON.stringify's: parsed here, where their records are kept.
		for (const line of done.others) if (!file.readLine(file.lineStarts[line], file.lineEnds[line], line)) return undefined;
		file.length = first + done.count;
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
	/** The fingerprint of each record's sample id (two words a record), worked out as it is read. */
	private readonly fingerprints: Uint32Array;
	/** Records of lines in another form, parsed when the file was read. */
	private readonly parsed = new Map<number, DecisionRecord>();
	private readonly strings = new Interned();
	private readonly fields = new CanonicalFields();
	/** The columns above, as readCanonicalLine writes them. */
	private readonly own: LineColumns;

	/** Where the head ends (after `"decisions": [`). */
	headEnd = 0;

	private constructor(private readonly bytes: Buffer, capacity: number, shared = false) {
		const memory = (size: number) => (shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size));
		this.lineStarts = new Int32Array(memory(capacity * 4));
		this.lineEnds = new Int32Array(memory(capacity * 4));
		this.sampleStarts = new Int32Array(memory(capacity * 4));
		this.sampleEnds = new Int32Array(memory(capacity * 4));
		this.verdicts = new Uint8Array(memory(capacity));
		this.flags = new Uint8Array(memory(capacity));
		this.hashStarts = new Int32Array(memory(capacity * 4));
		this.hashEnds = new Int32Array(memory(capacity * 4));
		this.fingerprints = new Uint32Array(memory(capacity * 8));
		this.own = this.columns();
	}

	private columns(): LineColumns {
		const {lineStarts, lineEnds, sampleStarts, sampleEnds, verdicts, flags, hashStarts, hashEnds, fingerprints} = this;
		return {lineStarts, lineEnds, sampleStarts, sampleEnds, verdicts, flags, hashStarts, hashEnds, fingerprints};
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
		fingerprint[0] = this.fingerprints[index * 2];
		fingerprint[1] = this.fingerprints[(index * 2) + 1];
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

	reviewerAndTime(index: number, into: {reviewer: string; at: string}) {
		if ((this.flags[index] & canonicalFlag) === 0) {
			const {reviewer, at} = this.parsed.get(index)!;
			into.reviewer = reviewer;
			into.at = at;
			return;
		}

		// As canonicalRecord makes them.
		scanCanonical(this.bytes, this.lineStarts[index], this.lineEnds[index], this.fields);
		into.reviewer = this.strings.get(this.bytes, this.fields.reviewerStart, this.fields.reviewerEnd);
		into.at = this.bytes.toString('latin1', this.fields.atStart, this.fields.atEnd);
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
		if (readCanonicalLine(bytes, start, end, index, this.own, fields)) return true;
		this.lineStarts[index] = start;
		this.lineEnds[index] = end;
		const record = readParsed(bytes, start, end);
		if (!record) return false;
		this.parsed.set(index, record);
		this.verdicts[index] = record.verdict === null ? 0 : 1 + ['accepted', 'rejected', 'flagged'].indexOf(record.verdict);
		this.flags[index] = (record.resolution === true ? resolutionFlag : 0) | (record.categories.length > 0 ? categoriesFlag : 0) | ((record.reasons?.length ?? 0) > 0 ? reasonsFlag : 0) | (record.correction === undefined ? 0 : correctionFlag) | (typeof record.hash === 'string' ? hashFlag : 0);
		fingerprintOf(record.sample);
		this.fingerprints[index * 2] = fingerprint[0];
		this.fingerprints[(index * 2) + 1] = fingerprint[1];
		return true;
	}
}

const newline = 0x0a;

/** Files smaller than this are read by one thread (the helper's start and its messages would cost more). */
const minimumSharedSize = 4 * 1024 * 1024;

/** The columns of a DecisionLines (record by record), which a helper thread fills for its lines. */
export type LineColumns = {
	lineStarts: Int32Array;
	lineEnds: Int32Array;
	sampleStarts: Int32Array;
	sampleEnds: Int32Array;
	verdicts: Uint8Array;
	flags: Uint8Array;
	hashStarts: Int32Array;
	hashEnds: Int32Array;
	fingerprints: Uint32Array;
};

/** The lines from bytes[start] (a line's start) to the file's tail, the first of them record `index`; bytes and columns in shared memory. */
export type LinesTask = {bytes: Uint8Array; columns: LineColumns; start: number; index: number};

/**
 * What a helper found (readLinesFrom): `found` false when the lines are not in winnow's layout;
 * else how many lines, and the records of those not in JSON.stringify's form (left to the caller).
 */
export type LinesDone = {found: boolean; count: number; others: number[]};

/** Reads a LinesTask on another thread (ScanWorkers.readLines); rejects or resolves undefined if it could not. */
export type LinesHelper = (task: LinesTask) => Promise<LinesDone | undefined>;

/**
 * The helper's part of DecisionLines.readShared: reads the record lines of `task` into its columns
 * as DecisionLines reads them, leaving lines in another form than JSON.stringify's to the caller.
 */
export function readLinesFrom({bytes, columns, start, index}: LinesTask): LinesDone {
	const fields = new CanonicalFields();
	const others: number[] = [];
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const found = forEachLineFrom(buffer, start, (from, to, line) => {
		const record = index + line;
		if (record >= columns.lineStarts.length) return false;
		if (!readCanonicalLine(buffer, from, to, record, columns, fields)) {
			columns.lineStarts[record] = from;
			columns.lineEnds[record] = to;
			others.push(record);
		}

		return true;
	});
	return found ? {found: true, count: found.count, others} : {found: false, count: 0, others};
}

/** A record line in JSON.stringify's form, read into `columns` at `index`; false for any other line (nothing written). */
function readCanonicalLine(bytes: Buffer, start: number, end: number, index: number, columns: LineColumns, fields: CanonicalFields): boolean {
	if (!scanCanonical(bytes, start, end, fields)) return false;
	columns.lineStarts[index] = start;
	columns.lineEnds[index] = end;
	columns.sampleStarts[index] = fields.sampleStart;
	columns.sampleEnds[index] = fields.sampleEnd;
	columns.verdicts[index] = fields.verdict;
	if (fields.hasHash) {
		columns.hashStarts[index] = fields.hashStart;
		columns.hashEnds[index] = fields.hashEnd;
	}

	columns.flags[index] = canonicalFlag | (fields.resolution === 1 ? resolutionFlag : 0) | (fields.categoriesEnd > fields.categoriesStart ? categoriesFlag : 0) | (fields.hasRule ? ruleFlag : 0) | (fields.hasReasons && fields.reasonsEnd > fields.reasonsStart ? reasonsFlag : 0) | (fields.hasHash ? hashFlag : 0);
	fingerprintOfBytes(bytes, fields.sampleStart, fields.sampleEnd);
	columns.fingerprints[index * 2] = fingerprint[0];
	columns.fingerprints[(index * 2) + 1] = fingerprint[1];
	return true;
}
