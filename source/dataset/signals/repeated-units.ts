import {markTandemRepeats} from './tandem.js';

/*
The units Gopher's duplicate rules compare whole: lines, paragraphs and — in a response written on
one line, as Chinese and Japanese answers often are — sentences. Units with no letter or digit (a
closing brace, a Markdown rule) are left out; a list marker at a line's start ("- ", "3. ", "3) ",
"3、") is not part of the line, so "1. Safety glasses" and "2. Safety glasses" are the same line.
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

let previous = new Int32Array(256);
let ids = new Int32Array(256);
let marks = new Uint8Array(256);

export function unitRepeats(units: string[]): UnitRepeats {
	const count = units.length;
	if (previous.length < count) {
		previous = new Int32Array(count * 2);
		ids = new Int32Array(count * 2);
		marks = new Uint8Array(count * 2);
	}

	const last = new Map<string, number>();
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
		}
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
