import {markTandemRepeats} from './tandem.js';

/*
The units Gopher's duplicate rules compare whole: lines, paragraphs and — in a response written on
one line, as Chinese and Japanese answers often are — sentences. Units with no letter or digit (a
closing brace, a Markdown rule) are left out; a list marker at a line's start ("- ", "3. ", "3) ",
"3、") is not part of the line, so "1. Safety glasses" and "2. Safety glasses" are the same line.
A unit of eight words or more is also a copy of one of the three units before it when the two have the
same words in the same places but for numbers and at most one word in eight (two at most), and three
or more units of the response are such near copies (two steps that differ by "second" and "third" are
no loop): a loop that mutates ("Tip 2: … cut the tiny purchases", "Tip 3: … cut the little purchases"). Words there are runs
of letters and digits, and each character of a script written without spaces. Units that read as code
or markup (brackets, braces, `=`, `;`, `<`, `_`, backticks) are only compared whole: code's similar
functions differ by a name or two on purpose. A near copy shares its first or its last six characters
with the original (checked first: it is cheap).
*/

/** How many units repeat an earlier one, and how many of those lie in a back-to-back repeat with their earlier copy (tandem.ts). */
export type UnitRepeats = {
	units: number;
	/** Units equal to an earlier unit, and their characters. */
	repeats: number;
	repeatChars: number;
	/** Of those, the ones in a back-to-back repeat. */
	loops: number;
	loopChars: number;
};

const hasText = /[\p{L}\p{N}]/u;
const listMarker = /^(?:[-*+•·◦▪‣]\s+|\d{1,3}[.)]\s+|[（(]\d{1,3}[)）]\s*|\d{1,3}[、．）]\s*)/;
/** After 。！？ (Chinese, Japanese), ؟ (Arabic), । (Devanagari), or .!?… followed by white space. */
const sentenceEnd = /(?<=[。！？؟।])\s*|(?<=[.!?…])\s+/;

function startsWithMarker(line: string): boolean {
	const code = line.charCodeAt(0);
	return (code >= 48 && code <= 57) || code === 45 || code === 42 || code === 43 || code === 40 || code >= 0xB7;
}

export function linesOf(response: string): string[] {
	const lines: string[] = [];
	for (const raw of response.split(/\n+/)) {
		let line = raw.trim();
		if (line !== '' && startsWithMarker(line)) line = line.replace(listMarker, '');
		if (hasText.test(line)) lines.push(line);
	}

	return lines;
}

export function paragraphsOf(response: string): string[] {
	return response.trim().split(/\n{2,}/).map(paragraph => paragraph.trim()).filter(paragraph => hasText.test(paragraph));
}

export function sentencesOf(response: string): string[] {
	return response.trim().split(sentenceEnd).map(sentence => sentence.trim()).filter(sentence => hasText.test(sentence));
}

const unspaced = String.raw`\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}`;
const wordOrCharacter = new RegExp(String.raw`[${unspaced}]|(?:(?![${unspaced}])[\p{L}\p{M}\p{N}])+`, 'gu');
const number = /^\p{N}+$/u;
/** Units compared with the ones before them for a near copy. */
const nearWindow = 3;
const nearMinWords = 8;
const nearMinCopies = 3;

/** A unit's words without its numbers, lower case. */
function wordsWithoutNumbers(unit: string): string[] {
	return (unit.toLowerCase().match(wordOrCharacter) ?? []).filter(word => !number.test(word));
}

/** Whether two units have the same words in the same places, but for at most one in eight (two at most). */
function nearCopy(first: string[], second: string[]): boolean {
	if (first.length !== second.length || first.length < nearMinWords) return false;
	const allowed = Math.min(2, first.length >> 3);
	let differ = 0;
	for (let k = 0; k < first.length; k++) if (first[k] !== second[k] && ++differ > allowed) return false;
	return true;
}

const codeCharacter = /[(){}[\]=;<>_`]/;
/** A near copy keeps most of its text: its first or its last few characters are the original's. */
const edge = 6;

function sameEdge(first: string, second: string): boolean {
	let start = 0;
	while (start < edge && first.charCodeAt(start) === second.charCodeAt(start)) start++;
	if (start === edge) return true;
	let end = 1;
	while (end <= edge && first.charCodeAt(first.length - end) === second.charCodeAt(second.length - end)) end++;
	return end > edge;
}

/** Each unit's words, computed when first compared (reset for each list of units). */
const words: Array<string[] | undefined> = [];

/** The closest of the `nearWindow` units before unit i that it is a near copy of, or −1. Cheap checks first: length, code, ends. */
function nearCopyBefore(units: string[], i: number): number {
	const length = units[i].length;
	if (length < nearMinWords * 2) return -1;
	let code: boolean | undefined;
	for (let j = i - 1; j >= 0 && j >= i - nearWindow; j--) {
		const other = units[j].length;
		if (Math.abs(other - length) * 4 > Math.max(other, length) || !sameEdge(units[i], units[j])) continue;
		code ??= codeCharacter.test(units[i]);
		if (code) return -1;
		const these = (words[i] ??= wordsWithoutNumbers(units[i]));
		const those = (words[j] ??= wordsWithoutNumbers(units[j]));
		if (nearCopy(these, those)) return j;
	}

	return -1;
}

let previous = new Int32Array(256);
let ids = new Int32Array(256);
let marks = new Uint8Array(256);

/** `nearCopies`: whether a near copy of a unit before it counts as a repeat (see above), or only an exact one. */
export function unitRepeats(units: string[], nearCopies = true): UnitRepeats {
	const count = units.length;
	if (previous.length < count) {
		previous = new Int32Array(count * 2);
		ids = new Int32Array(count * 2);
		marks = new Uint8Array(count * 2);
	}

	const last = new Map<string, number>();
	// Units that are near copies, each followed by its original.
	const near: number[] = [];
	words.length = 0;
	let repeats = 0;
	let repeatChars = 0;
	for (let i = 0; i < count; i++) {
		const earlier = last.get(units[i]);
		last.set(units[i], i);
		previous[i] = earlier ?? -1;
		ids[i] = earlier === undefined ? i : ids[earlier];
		if (earlier !== undefined) {
			repeats++;
			repeatChars += units[i].length;
		} else if (nearCopies) {
			const original = nearCopyBefore(units, i);
			if (original >= 0) near.push(i, original);
		}
	}

	if (near.length >= nearMinCopies * 2) {
		for (let k = 0; k < near.length; k += 2) {
			previous[near[k]!] = near[k + 1]!;
			repeats++;
			repeatChars += units[near[k]!].length;
		}

		for (let i = 0; i < count; i++) ids[i] = previous[i] < 0 ? i : ids[previous[i]];
	}

	let loops = 0;
	let loopChars = 0;
	if (repeats > 0) {
		markTandemRepeats(ids, count, previous, marks);
		for (let i = 0; i < count; i++) {
			// A repeat is a loop's when it and its earlier copy both lie in the back-to-back repeat
			// (the chorus sung twice at the end repeats the first chorus too, but from afar).
			if (previous[i] < 0 || marks[i] === 0 || marks[previous[i]] === 0) continue;
			loops++;
			loopChars += units[i].length;
		}
	}

	return {units: count, repeats, repeatChars, loops, loopChars};
}
