import {markTandemRepeats} from './tandem.js';
import {isUnspacedCode} from './word-units.js';

/*
The units Gopher's duplicate rules compare whole: lines, paragraphs and — in a response written on
one line, as Chinese and Japanese answers often are — sentences. Units with no letter or digit (a
closing brace, a Markdown rule) are left out; a list marker at a line's start ("- ", "3. ", "3) ",
"3、") is not part of the line, so "1. Safety glasses" and "2. Safety glasses" are the same line.
A unit of eight words or more is also a copy of one of the three units before it when the two have the
same words in the same places but for numbers and at most one word in eight (two at most), and three
or more units of the response are such near copies (two steps that differ by "second" and "third" are
no loop; copies that change two numbers or more — "Day 1: Walk 20 minutes…", "Day 2: Walk 25 minutes…",
a counter and the content — count only in a list of ten or more): a loop that mutates ("Tip 2: … cut the tiny purchases", "Tip 3: … cut the little purchases"). Words there are runs
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
/** After 。！？ (Chinese, Japanese), ؟ (Arabic), । (Devanagari), or .!?… followed by white space (sentencesOf cuts where this matches). */
export const sentenceEnd = /(?<=[。！？؟।])\s*|(?<=[.!?…])\s+/;

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
	const text = response.trim();
	const sentences: string[] = [];
	// What text.split(sentenceEnd) cuts, without trying the look-behinds at every position: the end marks
	// are found by a native scan, and the text is cut after each (and the white space after it) where
	// the expression matches — after 。！？؟। always, after .!?… when white space follows.
	let from = 0;
	endMark.lastIndex = 0;
	while (endMark.test(text)) {
		const after = endMark.lastIndex;
		if (after >= text.length) break;
		let next = after;
		while (next < text.length && isBlank(text.charCodeAt(next))) next++;
		const mark = text.charCodeAt(after - 1);
		if (next === after && (mark === 46 || mark === 33 || mark === 63 || mark === 0x20_26)) continue;
		sentences.push(text.slice(from, after));
		from = next;
		endMark.lastIndex = next;
	}

	endMark.lastIndex = 0;
	sentences.push(text.slice(from));
	return sentences.map(sentence => sentence.trim()).filter(sentence => hasText.test(sentence));
}

/** The marks sentenceEnd cuts after. */
const endMark = /[.!?\u2026\u3002\uFF01\uFF1F\u061F\u0964]/g;

/** Whether a code unit is white space as a regular expression's \s has it. */
function isBlank(code: number): boolean {
	if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
	return code === 0xA0 || code === 0x16_80 || (code >= 0x20_00 && code <= 0x20_0A) || code === 0x20_28 || code === 0x20_29 || code === 0x20_2F || code === 0x20_5F || code === 0x30_00 || code === 0xFE_FF;
}

/** Units compared with the ones before them for a near copy. */
const nearWindow = 3;
const nearMinWords = 8;
const nearMinCopies = 3;
/** The most words a near copy may change (one in eight, at most this). */
const nearMaxChanged = 2;

/** Whether a code unit is part of a word: a letter, mark or digit (white space and punctuation are not). */
function isWordCode(code: number): boolean {
	if (code < 0x80) return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
	return code !== 0xA0 && !(code >= 0x20_00 && code <= 0x20_6F) && !(code >= 0x30_00 && code <= 0x30_3F) && !(code >= 0xFF_00 && code <= 0xFF_0F)
		&& !(code >= 0xFF_1A && code <= 0xFF_20) && code !== 0xFF_5E && !(code >= 0x00_A1 && code <= 0x00_BF && code !== 0xAA && code !== 0xBA);
}

/** The bounds of the word found by nextWord. */
let wordStart = 0;
let wordEnd = 0;

/** Finds the next word at or after `from` that is not only digits (a character of an unspaced script is a word); false at the end. */
function nextWord(text: string, from: number): boolean {
	let at = from;
	for (;;) {
		while (at < text.length && !isWordCode(text.charCodeAt(at))) at++;
		if (at >= text.length) return false;
		wordStart = at;
		if (isUnspacedCode(text.charCodeAt(at))) {
			wordEnd = at + 1;
			return true;
		}

		let digits = true;
		while (at < text.length && isWordCode(text.charCodeAt(at)) && !isUnspacedCode(text.charCodeAt(at))) {
			const code = text.charCodeAt(at);
			if (code < 48 || code > 57) digits = false;
			at++;
		}

		wordEnd = at;
		if (!digits) return true;
	}
}

/**
 * Whether two units have the same words in the same places, but for numbers and at most one word in
 * eight (two at most); ASCII letters compared without case. Walks both side by side and stops at the
 * third changed word, so that units that are no copies cost little.
 */
function nearCopy(first: string, second: string): boolean {
	let words = 0;
	let changed = 0;
	let firstAt = 0;
	let secondAt = 0;
	for (;;) {
		const inFirst = nextWord(first, firstAt);
		const firstStart = wordStart;
		const firstEnd = wordEnd;
		const inSecond = nextWord(second, secondAt);
		if (inFirst !== inSecond) return false;
		if (!inFirst) break;
		words++;
		firstAt = firstEnd;
		secondAt = wordEnd;
		let same = firstEnd - firstStart === wordEnd - wordStart;
		for (let k = 0; same && k < firstEnd - firstStart; k++) {
			const one = first.charCodeAt(firstStart + k);
			const other = second.charCodeAt(wordStart + k);
			same = one === other || (one < 0x80 && (one | 32) === (other | 32) && (one | 32) >= 97 && (one | 32) <= 122);
		}

		if (!same && ++changed > nearMaxChanged) return false;
	}

	return words >= nearMinWords && changed <= Math.min(nearMaxChanged, words >> 3);
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
		if (nearCopy(units[i], units[j])) return j;
	}

	return -1;
}

/** Near copies that change two numbers or more count only when there are this many: a list of ten or more. */
export const numberedMinCopies = 9;
const number = /(?<![\p{L}\p{M}\p{N}])[0-9]+(?![\p{L}\p{M}\p{N}])/gu;

/** How many of two units' numbers differ, place by place (a number one has and the other has not counts too). */
export function numbersChanged(first: string, second: string): number {
	const one = first.match(number) ?? [];
	const other = second.match(number) ?? [];
	let changed = Math.abs(one.length - other.length);
	for (let k = 0; k < Math.min(one.length, other.length); k++) if (one[k] !== other[k]) changed++;
	return changed;
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
	let counted = 0;
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
			if (original >= 0) {
				near.push(i, original);
				if (numbersChanged(units[i], units[original]) >= 2) counted++;
			}
		}
	}

	// Copies that change two numbers or more are a list whose numbers are its content ("Day 2: Walk 25
	// minutes…"): a loop only when it runs long. Dropped otherwise.
	if (counted > 0 && counted < numberedMinCopies) {
		for (let k = near.length - 2; k >= 0; k -= 2) if (numbersChanged(units[near[k]!], units[near[k + 1]!]) >= 2) near.splice(k, 2);
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
