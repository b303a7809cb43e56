import {detectFormat, type Format} from '../dataset/formats/index.js';
import {sampleJsonAsWritten} from '../dataset/formats/numbers-as-written.js';
import type {DecisionRecord} from '../store/schema.js';

/** What the reviewer's editor gave back: the text saved, or why there is none. */
export type EditorOutcome = {kind: 'saved'; text: string} | {kind: 'failed'; message: string};

/** Runs the reviewer's editor on a text (the review command: $VISUAL / $EDITOR, terminal released). */
export type SampleEditor = (text: string) => EditorOutcome;

/**
 * The text the editor opens: the sample (or its correction so far) as pretty-printed JSON, its
 * numbers as the sample's line `original` writes them (1.0, 1e-5, an id beyond 2^53).
 */
export function correctionDraft(value: unknown, original?: string): string {
	return `${original === undefined ? JSON.stringify(value, null, 2) : sampleJsonAsWritten(value, original, 2)}\n`;
}

/**
 * Checks an edited sample: JSON, an object, and of the original's format (a chat stays a chat).
 * Returns the corrected value, or one sentence saying what is wrong.
 */
export function checkCorrection(text: string, original: Format): {value: Record<string, unknown>} | {problem: string} {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		return {problem: `not saved: the edited sample is not JSON (${(error as Error).message})`};
	}

	if (typeof value !== 'object' || value === null || Array.isArray(value)) return {problem: 'not saved: the edited sample must be a JSON object, as the original is'};
	const format = detectFormat(value);
	if (format !== original) return {problem: `not saved: the edited sample reads as ${format}, the original as ${original}; keep its format`};
	return {value: value as Record<string, unknown>};
}

/** Whether two JSON values are the same (key order aside). */
export function sameJson(a: unknown, b: unknown): boolean {
	return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(item => sortKeys(item));
	if (typeof value !== 'object' || value === null) return value;
	return Object.fromEntries(Object.keys(value).sort().map(key => [key, sortKeys((value as Record<string, unknown>)[key])]));
}

/**
 * The correction a sample is shown and exported with: the newest record (by time) that carries one,
 * whoever made it; newest wins, as for decisions. Undefined when no current record has one.
 */
export function correctionOf(records: readonly DecisionRecord[] | undefined): DecisionRecord | undefined {
	let newest: DecisionRecord | undefined;
	for (const record of records ?? []) {
		if (record.correction === undefined) continue;
		if (!newest || record.at > newest.at || (record.at === newest.at && record.reviewer > newest.reviewer)) newest = record;
	}

	return newest;
}

/** How a corrected sample is shown: the correction, the original, or the lines that changed. */
export const correctionViews = ['corrected', 'original', 'diff'] as const;
export type CorrectionView = (typeof correctionViews)[number];

/**
 * A line diff of two texts (longest common subsequence): each line marked ' ' (both), '-' (only in
 * `before`) or '+' (only in `after`). For texts too long for that, all of one then all of the other.
 */
export function lineDiff(before: string, after: string): Array<{mark: ' ' | '-' | '+'; text: string}> {
	const a = before.split('\n');
	const b = after.split('\n');
	if (a.length * b.length > 4_000_000) return [...a.map(text => ({mark: '-' as const, text})), ...b.map(text => ({mark: '+' as const, text}))];
	// lengths[i][j]: the common subsequence of a[i…] and b[j…].
	const lengths = Array.from({length: a.length + 1}, () => new Uint32Array(b.length + 1));
	for (let i = a.length - 1; i >= 0; i--) {
		for (let j = b.length - 1; j >= 0; j--) lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
	}

	const lines: Array<{mark: ' ' | '-' | '+'; text: string}> = [];
	let i = 0;
	let j = 0;
	while (i < a.length || j < b.length) {
		if (i < a.length && j < b.length && a[i] === b[j]) {
			lines.push({mark: ' ', text: a[i]});
			i++;
			j++;
		} else if (i < a.length && (j === b.length || lengths[i + 1][j] >= lengths[i][j + 1])) {
			// The original's line first, as diff -u shows a change.
			lines.push({mark: '-', text: a[i++]});
		} else {
			lines.push({mark: '+', text: b[j++]});
		}
	}

	return lines;
}
