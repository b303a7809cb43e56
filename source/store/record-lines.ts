import type {DecisionRecord, Verdict} from './schema.js';

/*
One record line of a decisions file in winnow's own layout (one record a line, as
serializeDecisionsFile and the store write them), read without JSON.parse in the common case: a line
that is exactly what JSON.stringify writes for a record — the keys sample, reviewer, verdict,
categories, note, at and optionally resolution, blind, reasons, rule and hash, in that order, with strings of
printable ASCII and no escapes — is read field by field from the bytes (scanCanonical, then
canonicalRecord). Any other line is parsed with JSON.parse (readParsed). A line with a correction (a
whole sample) or a replaced decision is always parsed. Either way the record is the one JSON.parse of the whole
file gives, with its keys in the same order. See DecisionLines (decision-lines.ts).
*/

const quote = 0x22;
const backslash = 0x5c;

const sampleKey = Buffer.from('{"sample":"');
const reviewerKey = Buffer.from(',"reviewer":"');
const verdictKey = Buffer.from(',"verdict":');
const categoriesKey = Buffer.from(',"categories":[');
const noteKey = Buffer.from(',"note":"');
const atKey = Buffer.from(',"at":"');
const resolutionKey = Buffer.from(',"resolution":');
const blindKey = Buffer.from(',"blind":');
const reasonsKey = Buffer.from(',"reasons":[');
const ruleKey = Buffer.from(',"rule":"');
const hashKey = Buffer.from(',"hash":"');
const nullBytes = Buffer.from('null');
const trueBytes = Buffer.from('true');
const falseBytes = Buffer.from('false');
const verdictBytes: Array<[Buffer, Verdict]> = (['accepted', 'rejected', 'flagged'] as const).map(verdict => [Buffer.from(`"${verdict}"`), verdict]);

/** A record line in any other form: JSON.parse and parseDecisionsFile's checks. */
export function readParsed(bytes: Buffer, start: number, end: number): DecisionRecord | undefined {
	let value: unknown;
	try {
		value = JSON.parse(bytes.toString('utf8', start, end));
	} catch {
		return undefined;
	}

	return checkRecord(value);
}

/** parseDecisionsFile's record check (and its defaults for missing categories and note). */
export function checkRecord(value: unknown): DecisionRecord | undefined {
	return recordProblem(value) === undefined ? value as DecisionRecord : undefined;
}

/**
 * What is wrong with a record, in words for a message (`"categories" is "age", not a list of
 * names`), or undefined when winnow can read it; a missing categories or note is filled in. A value
 * of the wrong type is never coerced: rewriting it would silently lose what a person wrote.
 */
export function recordProblem(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return `is ${JSON.stringify(value)?.slice(0, 40) ?? 'nothing'}, not an object`;
	const record = value as Record<string, unknown>;
	for (const key of ['sample', 'reviewer', 'at']) {
		if (typeof record[key] !== 'string') return record[key] === undefined ? `has no "${key}"` : `has ${shown(key, record[key])}, not a string`;
	}

	if (!Number.isFinite(Date.parse(record.at as string))) return `has ${shown('at', record.at)}, not a time such as "2026-11-25T10:01:02.003Z"`;
	if (record.verdict !== null && record.verdict !== 'accepted' && record.verdict !== 'rejected' && record.verdict !== 'flagged') {
		return `has ${shown('verdict', record.verdict)}, not "accepted", "rejected", "flagged" or null`;
	}

	if (record.categories === undefined) record.categories = [];
	else if (!Array.isArray(record.categories) || !record.categories.every(category => typeof category === 'string')) return `has ${shown('categories', record.categories)}, not a list of names`;
	if (record.note === undefined) record.note = '';
	else if (typeof record.note !== 'string') return `has ${shown('note', record.note)}, not a string`;
	if (record.resolution !== undefined && typeof record.resolution !== 'boolean') return `has ${shown('resolution', record.resolution)}, not true or false`;
	if (record.reasons !== undefined && (!Array.isArray(record.reasons) || !record.reasons.every(reason => typeof reason === 'string'))) return `has ${shown('reasons', record.reasons)}, not a list of reasons`;
	if (record.rule !== undefined && typeof record.rule !== 'string') return `has ${shown('rule', record.rule)}, not a query`;
	if (record.hash !== undefined && typeof record.hash !== 'string') return `has ${shown('hash', record.hash)}, not a hash of the sample's bytes`;
	if (record.correction !== undefined && (typeof record.correction !== 'object' || record.correction === null || Array.isArray(record.correction))) return `has ${shown('correction', record.correction)}, not a corrected sample (a JSON object)`;
	return undefined;
}

function shown(key: string, value: unknown): string {
	const text = JSON.stringify(value) ?? String(value);
	return `"${key}": ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`;
}

// Where the last plainString call found its string's closing quote.
let stringEnd = 0;

/** Where the fields of a record line in JSON.stringify's form are (see scanCanonical). */
export class CanonicalFields {
	sampleStart = 0;
	sampleEnd = 0;
	reviewerStart = 0;
	reviewerEnd = 0;
	/** 0: null, else 1 + the index in `verdicts` (accepted, rejected, flagged). */
	verdict = 0;
	/** Inside the brackets of the categories list. */
	categoriesStart = 0;
	categoriesEnd = 0;
	noteStart = 0;
	noteEnd = 0;
	atStart = 0;
	atEnd = 0;
	/** 0: no resolution key, 1: true, 2: false. */
	resolution = 0;
	/** 0: no blind key, 1: true, 2: false. */
	blind = 0;
	/** A reasons key: its list is inside bytes[reasonsStart, reasonsEnd) (the brackets excluded). */
	hasReasons = false;
	reasonsStart = 0;
	reasonsEnd = 0;
	/** A rule key (winnow decide): its text is bytes[ruleStart, ruleEnd). */
	hasRule = false;
	ruleStart = 0;
	ruleEnd = 0;
	/** A hash key (the sample's bytes the decision was made on): its text is bytes[hashStart, hashEnd). */
	hasHash = false;
	hashStart = 0;
	hashEnd = 0;
}

const verdictOfCode: Array<Verdict | null> = [null, 'accepted', 'rejected', 'flagged'];

/** The verdict a CanonicalFields.verdict code stands for. */
export function verdictOf(code: number): Verdict | null {
	return verdictOfCode[code];
}

/**
 * Whether bytes[start, end) is a record exactly in JSON.stringify's form (keys sample, reviewer,
 * verdict, categories, note, at and optionally resolution, blind, reasons, rule and hash, in that order; strings of printable
 * ASCII without escapes), with every value parseDecisionsFile accepts; fills `fields` if so.
 * Allocates nothing.
 */
export function scanCanonical(bytes: Buffer, start: number, end: number, fields: CanonicalFields): boolean {
	let i = start;
	if (!startsWith(bytes, i, sampleKey)) return false;
	i += sampleKey.length;
	fields.sampleStart = i;
	if (!plainString(bytes, i, end)) return false;
	fields.sampleEnd = stringEnd;
	i = stringEnd + 1;

	if (!startsWith(bytes, i, reviewerKey)) return false;
	i += reviewerKey.length;
	fields.reviewerStart = i;
	if (!plainString(bytes, i, end)) return false;
	fields.reviewerEnd = stringEnd;
	i = stringEnd + 1;

	if (!startsWith(bytes, i, verdictKey)) return false;
	i += verdictKey.length;
	if (startsWith(bytes, i, nullBytes)) {
		fields.verdict = 0;
		i += nullBytes.length;
	} else {
		let code = 0;
		// An indexed loop: entries() made an iterator and two arrays a line, garbage a million lines long.
		for (let index = 0; index < verdictBytes.length; index++) {
			const text = verdictBytes[index][0];
			if (startsWith(bytes, i, text)) {
				code = index + 1;
				i += text.length;
				break;
			}
		}

		if (code === 0) return false;
		fields.verdict = code;
	}

	if (!startsWith(bytes, i, categoriesKey)) return false;
	i += categoriesKey.length;
	fields.categoriesStart = i;
	i = plainList(bytes, i, end);
	if (i < 0) return false;
	fields.categoriesEnd = i;
	i++;

	if (!startsWith(bytes, i, noteKey)) return false;
	i += noteKey.length;
	fields.noteStart = i;
	if (!plainString(bytes, i, end)) return false;
	fields.noteEnd = stringEnd;
	i = stringEnd + 1;

	if (!startsWith(bytes, i, atKey)) return false;
	i += atKey.length;
	fields.atStart = i;
	if (!plainString(bytes, i, end) || !isIsoTime(bytes, i, stringEnd)) return false;
	fields.atEnd = stringEnd;
	i = stringEnd + 1;

	fields.resolution = 0;
	if (startsWith(bytes, i, resolutionKey)) {
		i += resolutionKey.length;
		if (startsWith(bytes, i, trueBytes)) {
			fields.resolution = 1;
			i += trueBytes.length;
		} else if (startsWith(bytes, i, falseBytes)) {
			fields.resolution = 2;
			i += falseBytes.length;
		} else {
			return false;
		}
	}

	fields.blind = 0;
	if (startsWith(bytes, i, blindKey)) {
		i += blindKey.length;
		if (startsWith(bytes, i, trueBytes)) {
			fields.blind = 1;
			i += trueBytes.length;
		} else if (startsWith(bytes, i, falseBytes)) {
			fields.blind = 2;
			i += falseBytes.length;
		} else {
			return false;
		}
	}

	fields.hasReasons = false;
	if (startsWith(bytes, i, reasonsKey)) {
		i += reasonsKey.length;
		fields.reasonsStart = i;
		i = plainList(bytes, i, end);
		if (i < 0) return false;
		fields.reasonsEnd = i;
		fields.hasReasons = true;
		i++;
	}

	fields.hasRule = false;
	if (startsWith(bytes, i, ruleKey)) {
		i += ruleKey.length;
		fields.ruleStart = i;
		if (!plainString(bytes, i, end)) return false;
		fields.ruleEnd = stringEnd;
		fields.hasRule = true;
		i = stringEnd + 1;
	}

	fields.hasHash = false;
	if (startsWith(bytes, i, hashKey)) {
		i += hashKey.length;
		fields.hashStart = i;
		if (!plainString(bytes, i, end)) return false;
		fields.hashEnd = stringEnd;
		fields.hasHash = true;
		i = stringEnd + 1;
	}

	return bytes[i] === 0x7d && i + 1 === end;
}

/**
 * A list of plain strings from i (just after its `[`): where its `]` is, or -1 if it is not such a
 * list.
 */
function plainList(bytes: Buffer, i: number, end: number): number {
	if (bytes[i] === 0x5d) return i;
	for (;;) {
		if (bytes[i] !== quote || !plainString(bytes, i + 1, end)) return -1;
		i = stringEnd + 1;
		if (bytes[i] === 0x2c) {
			i++;
			continue;
		}

		return bytes[i] === 0x5d ? i : -1;
	}
}

/** The record whose line scanCanonical read into `fields`. */
export function canonicalRecord(bytes: Buffer, fields: CanonicalFields, strings: Interned): DecisionRecord {
	const categories = listOf(bytes, fields.categoriesStart, fields.categoriesEnd, strings);
	const record: DecisionRecord = {
		sample: bytes.toString('latin1', fields.sampleStart, fields.sampleEnd),
		reviewer: strings.get(bytes, fields.reviewerStart, fields.reviewerEnd),
		verdict: verdictOfCode[fields.verdict],
		categories,
		note: strings.get(bytes, fields.noteStart, fields.noteEnd),
		at: bytes.toString('latin1', fields.atStart, fields.atEnd),
	};
	if (fields.resolution !== 0) record.resolution = fields.resolution === 1;
	if (fields.blind !== 0) record.blind = fields.blind === 1;
	if (fields.hasReasons) record.reasons = listOf(bytes, fields.reasonsStart, fields.reasonsEnd, strings);
	if (fields.hasRule) record.rule = strings.get(bytes, fields.ruleStart, fields.ruleEnd);
	if (fields.hasHash) record.hash = bytes.toString('latin1', fields.hashStart, fields.hashEnd);
	return record;
}

/** The strings of a list plainList found (inside its brackets). */
function listOf(bytes: Buffer, start: number, end: number, strings: Interned): string[] {
	const list: string[] = [];
	// Plain strings separated by commas: each is between a pair of quotes.
	for (let i = start; i < end;) {
		const close = bytes.indexOf(quote, i + 1);
		list.push(strings.get(bytes, i + 1, close));
		i = close + 2;
	}

	return list;
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

/** `2026-11-25T10:01:02.003Z`, as Date.toISOString writes it (anything else is checked by readParsed). */
function isIsoTime(bytes: Buffer, start: number, end: number): boolean {
	if (end - start !== 24) return false;
	for (let i = 0; i < 24; i++) {
		const c = bytes[start + i];
		const expected = isoShape.charCodeAt(i);
		if (expected === 0x64 ? c < 0x30 || c > 0x39 : c !== expected) return false;
	}

	return true;
}

const isoShape = 'dddd-dd-ddTdd:dd:dd.dddZ';

function startsWith(bytes: Buffer, i: number, prefix: Buffer): boolean {
	if (i + prefix.length > bytes.length) return false;
	for (let j = 0; j < prefix.length; j++) if (bytes[i + j] !== prefix[j]) return false;
	return true;
}

/**
 * One string for each short text that recurs (reviewer names, notes, categories), looked up by
 * its bytes: a file of 300,000 records names a handful of reviewers.
 */
export class Interned {
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
