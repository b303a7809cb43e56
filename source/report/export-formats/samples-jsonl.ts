import type {DecisionRecord} from '../../store/schema.js';
import {sampleJsonAsWritten} from '../../dataset/formats/numbers-as-written.js';
import type {Policy, StatusResult} from '../../store/verdict-policy.js';
import type {SignalTable} from '../../dataset/signals/index.js';

/*
How winnow export writes samples: JSON Lines, each sample's original bytes on one line; with
--annotate, the same bytes with a "winnow" key added (see README: winnow export).
*/

/** The key under which --annotate attaches each sample's decisions. */
export const annotationKey = 'winnow';

/**
 * The entry as one line of JSON. A JSONL entry is one already (returned as it is, unless it starts
 * with a byte order mark, which is dropped as the file's own BOM is); an element of a pretty-printed
 * JSON array spans lines. In a well-formed entry a line break can only be white space between tokens
 * (JSON strings cannot hold a raw one), so dropping its CR and LF bytes changes nothing else.
 */
export function oneLine(bytes: Buffer): Buffer {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
	if (!bytes.includes(0x0a)) return bytes;
	const out = Buffer.allocUnsafe(bytes.length);
	let length = 0;
	for (const b of bytes) if (b !== 0x0a && b !== 0x0d) out[length++] = b;
	return out.subarray(0, length);
}

/**
 * Whether oneLine would return buffer[from, to) as it is: a JSONL line (followed by its line ending,
 * so the search for a line feed ends there) without a BOM. Most entries; for others, false.
 */
export function isOneLine(buffer: Buffer, from: number, to: number, holdsNoBreak = false): boolean {
	if (buffer[from] === 0xef || (buffer[to] !== 0x0a && buffer[to] !== 0x0d)) return false;
	// A line of a JSON Lines file holds no line break: no need to look (a tenth of export's main thread).
	return holdsNoBreak || buffer.indexOf(0x0a, from) >= to;
}

/**
 * The "winnow" object --annotate attaches: the sample's decisions, signals with their reasons, and
 * clusters (README: winnow export). `original` is the sample's bytes in the file (the signals'
 * reasons are worked out on them again, parsed only when the sample has a signal that needs it).
 */
export function annotation(id: string, lineNumber: number, result: StatusResult, policy: Policy, records: DecisionRecord[] | undefined, table: SignalTable | undefined, index: number, original: Buffer, correction?: DecisionRecord): string {
	const decisions = (records ?? [])
		.filter(record => record.verdict !== null)
		.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.reviewer < b.reviewer ? -1 : 1))
		.map(record => ({reviewer: record.reviewer, verdict: record.verdict, categories: record.categories, note: record.note, at: record.at, resolution: record.resolution === true, ...(record.reasons && record.reasons.length > 0 ? {reasons: record.reasons} : {})}));
	const cluster = (kind: 'duplicate' | 'near-duplicate') => {
		const place = table?.clusterOf(index, kind);
		return place ? {id: place.id, size: place.size, position: place.position} : null;
	};

	// Only on a sample written as its correction: who corrected it and when (the line is not the original's).
	const corrected = correction ? {corrected: {by: correction.reviewer, at: correction.at}} : {};
	const signals = table?.signalsOf(index) ?? [];
	return JSON.stringify({id, line: lineNumber, status: result.status, conflict: result.conflict, resolved: result.resolved, policy, decisions, signals, signalReasons: signals.length > 0 ? signalReasons(table!, index, original) : {}, clusters: {duplicate: cluster('duplicate'), nearDuplicate: cluster('near-duplicate')}, ...corrected});
}

/** Each signal's one-line reason, as the review screen gives it (the first of a cluster, which has no signal, is left out). */
function signalReasons(table: SignalTable, index: number, original: Buffer): Record<string, string> {
	let value: unknown;
	try {
		const bom = original[0] === 0xef && original[1] === 0xbb && original[2] === 0xbf;
		value = JSON.parse(original.toString('utf8', bom ? 3 : 0));
	} catch {
		value = undefined;
	}

	const reasons: Record<string, string> = {};
	for (const hit of table.reasons(index, value)) if (!hit.member) reasons[hit.signal] = hit.reason;
	return reasons;
}

const keyNeedle = Buffer.from(JSON.stringify(annotationKey));

/**
 * Adds `"winnow":<value>` as the last key of the sample's object, leaving every original byte as it
 * was. A sample that already has a top-level "winnow" key is re-serialised with the key replaced.
 */
export function annotate(bytes: Buffer, value: string): Buffer {
	if (bytes.includes(keyNeedle)) {
		const text = bytes.toString('utf8');
		const parsed = JSON.parse(text) as Record<string, unknown>;
		if (Object.hasOwn(parsed, annotationKey)) {
			parsed[annotationKey] = JSON.parse(value);
			// Written anew: its numbers as the line wrote them (an id beyond 2^53 stays that id).
			return Buffer.from(sampleJsonAsWritten(parsed, text));
		}
	}

	let close = bytes.length - 1;
	while (close > 0 && bytes[close] !== 0x7d) close--;
	let before = close - 1;
	while (before > 0 && (bytes[before] === 0x20 || bytes[before] === 0x09 || bytes[before] === 0x0a || bytes[before] === 0x0d)) before--;
	const empty = bytes[before] === 0x7b;
	return Buffer.concat([bytes.subarray(0, close), Buffer.from(`${empty ? '' : ','}${JSON.stringify(annotationKey)}:${value}`), bytes.subarray(close)]);
}
