import type {DecisionRecord, Verdict} from './schema.js';

/*
Reads the records of a decisions file in winnow's own layout (one record a line, as
serializeDecisionsFile and the store write them) without JSON.parse for the common case: a line
that is exactly what JSON.stringify writes for a record — the keys sample, reviewer, verdict,
categories, note, at and optionally resolution, in that order, with strings of printable ASCII and
no escapes — is read field by field from the bytes. Any other line is parsed with JSON.parse. The
result is the same records, with their keys in the same order, as JSON.parse of the whole file.
Anything unexpected gives undefined: the caller then parses the whole text, which also words the
error.
*/

const newline = 0x0a;
const quote = 0x22;
const backslash = 0x5c;
const decisionsOpen = Buffer.from('"decisions": [');

const sampleKey = Buffer.from('{"sample":"');
const reviewerKey = Buffer.from(',"reviewer":"');
const verdictKey = Buffer.from(',"verdict":');
const categoriesKey = Buffer.from(',"categories":[');
const noteKey = Buffer.from(',"note":"');
const atKey = Buffer.from(',"at":"');
const resolutionKey = Buffer.from(',"resolution":');
const nullBytes = Buffer.from('null');
const trueBytes = Buffer.from('true');
const falseBytes = Buffer.from('false');
const verdictBytes: Array<[Buffer, Verdict]> = (['accepted', 'rejected', 'flagged'] as const).map(verdict => [Buffer.from(`"${verdict}"`), verdict]);

export type RecordLines = {
	/** Bytes up to and including `"decisions": [`. */
	headEnd: number;
	records: DecisionRecord[];
};

/**
 * The records of a file in winnow's layout (head, `"decisions": [`, one record a line separated by
 * `,\n`, then `]` and `}`), each checked as parseDecisionsFile checks a record; undefined for a file
 * in any other layout or with anything in a record line that JSON.parse or the checks would refuse.
 * The head (schema, dataset) is left to the caller.
 */
export function readRecordLines(bytes: Buffer): RecordLines | undefined {
	const open = bytes.indexOf(decisionsOpen);
	if (open === -1) return undefined;
	const headEnd = open + decisionsOpen.length;
	const records: DecisionRecord[] = [];
	if (bytes[headEnd] === 0x5d) return isTail(bytes, headEnd) ? {headEnd, records} : undefined;
	if (bytes[headEnd] !== newline) return undefined;
	const strings = new Interned();
	let at = headEnd + 1;
	for (;;) {
		const end = bytes.indexOf(newline, at);
		if (end === -1 || bytes[at] !== 0x7b) return undefined;
		const comma = bytes[end - 1] === 0x2c;
		const lineEnd = comma ? end - 1 : end;
		const record = readCanonical(bytes, at, lineEnd, strings) ?? readParsed(bytes, at, lineEnd);
		if (!record) return undefined;
		records.push(record);
		at = end + 1;
		if (!comma) return bytes[at] === 0x5d && isTail(bytes, at) ? {headEnd, records} : undefined;
	}
}

/** A record line in any other form: JSON.parse and parseDecisionsFile's checks. */
function readParsed(bytes: Buffer, start: number, end: number): DecisionRecord | undefined {
	let value: unknown;
	try {
		value = JSON.parse(bytes.toString('utf8', start, end));
	} catch {
		return undefined;
	}

	return checkRecord(value);
}

/** parseDecisionsFile's record check (and its defaults for categories and note). */
export function checkRecord(value: unknown): DecisionRecord | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
	const record = value as Record<string, unknown>;
	if (typeof record.sample !== 'string' || typeof record.reviewer !== 'string' || typeof record.at !== 'string') return undefined;
	if (record.verdict !== null && record.verdict !== 'accepted' && record.verdict !== 'rejected' && record.verdict !== 'flagged') return undefined;
	if (!Array.isArray(record.categories)) record.categories = [];
	if (typeof record.note !== 'string') record.note = '';
	return record as DecisionRecord;
}

// Where the last readString call found its string: bytes[stringStart, stringEnd), quotes excluded.
let stringEnd = 0;

/**
 * The record in JSON.stringify's form at bytes[start, end), read without parsing; undefined when
 * the line is in any other form (which JSON.parse then reads).
 */
function readCanonical(bytes: Buffer, start: number, end: number, strings: Interned): DecisionRecord | undefined {
	let i = start;
	if (!startsWith(bytes, i, sampleKey)) return undefined;
	i += sampleKey.length;
	const sampleStart = i;
	if (!plainString(bytes, i, end)) return undefined;
	const sample = bytes.toString('latin1', sampleStart, stringEnd);
	i = stringEnd + 1;

	if (!startsWith(bytes, i, reviewerKey)) return undefined;
	i += reviewerKey.length;
	const reviewerStart = i;
	if (!plainString(bytes, i, end)) return undefined;
	const reviewer = strings.get(bytes, reviewerStart, stringEnd);
	i = stringEnd + 1;

	if (!startsWith(bytes, i, verdictKey)) return undefined;
	i += verdictKey.length;
	let verdict: Verdict | null | undefined;
	if (startsWith(bytes, i, nullBytes)) {
		verdict = null;
		i += nullBytes.length;
	} else {
		for (const [text, value] of verdictBytes) {
			if (startsWith(bytes, i, text)) {
				verdict = value;
				i += text.length;
				break;
			}
		}

		if (verdict === undefined) return undefined;
	}

	if (!startsWith(bytes, i, categoriesKey)) return undefined;
	i += categoriesKey.length;
	const categories: string[] = [];
	if (bytes[i] === 0x5d) {
		i++;
	} else {
		for (;;) {
			if (bytes[i] !== quote) return undefined;
			const categoryStart = i + 1;
			if (!plainString(bytes, categoryStart, end)) return undefined;
			categories.push(strings.get(bytes, categoryStart, stringEnd));
			i = stringEnd + 1;
			if (bytes[i] === 0x2c) {
				i++;
				continue;
			}

			if (bytes[i] !== 0x5d) return undefined;
			i++;
			break;
		}
	}

	if (!startsWith(bytes, i, noteKey)) return undefined;
	i += noteKey.length;
	const noteStart = i;
	if (!plainString(bytes, i, end)) return undefined;
	const note = strings.get(bytes, noteStart, stringEnd);
	i = stringEnd + 1;

	if (!startsWith(bytes, i, atKey)) return undefined;
	i += atKey.length;
	const atStart = i;
	if (!plainString(bytes, i, end)) return undefined;
	const at = bytes.toString('latin1', atStart, stringEnd);
	i = stringEnd + 1;

	let resolution: boolean | undefined;
	if (startsWith(bytes, i, resolutionKey)) {
		i += resolutionKey.length;
		if (startsWith(bytes, i, trueBytes)) {
			resolution = true;
			i += trueBytes.length;
		} else if (startsWith(bytes, i, falseBytes)) {
			resolution = false;
			i += falseBytes.length;
		} else {
			return undefined;
		}
	}

	if (bytes[i] !== 0x7d || i + 1 !== end) return undefined;
	const record: DecisionRecord = {sample, reviewer, verdict, categories, note, at};
	if (resolution !== undefined) record.resolution = resolution;
	return record;
}

/**
 * A string of printable ASCII without escapes from i (just after its opening quote) to its closing
 * quote before `end`; sets stringEnd to the closing quote.
 */
function plainString(bytes: Buffer, i: number, end: number): boolean {
	for (; i < end; i++) {
		const c = bytes[i];
		if (c === quote) {
			stringEnd = i;
			return true;
		}

		if (c < 0x20 || c > 0x7e || c === backslash) return false;
	}

	return false;
}

function startsWith(bytes: Buffer, i: number, prefix: Buffer): boolean {
	if (i + prefix.length > bytes.length) return false;
	for (let j = 0; j < prefix.length; j++) if (bytes[i + j] !== prefix[j]) return false;
	return true;
}

/** `]`, then `}` and nothing but white space to the end of the file. */
function isTail(bytes: Buffer, at: number): boolean {
	if (bytes.length - at > 64) return false;
	return /^]\s*}\s*$/.test(bytes.toString('latin1', at));
}

/**
 * One string for each short text that recurs (reviewer names, notes, categories), looked up by
 * its bytes: a file of 300,000 records names a handful of reviewers.
 */
class Interned {
	private readonly byKey = new Map<string, string>();

	get(bytes: Buffer, start: number, end: number): string {
		if (end - start > 64) return bytes.toString('latin1', start, end);
		const text = bytes.toString('latin1', start, end);
		const known = this.byKey.get(text);
		if (known !== undefined) return known;
		this.byKey.set(text, text);
		return text;
	}
}
