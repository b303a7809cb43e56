import {withoutTables} from './markdown-table.js';
import {proseOf} from './prose.js';
import {linesOf, numbersChanged, numberedMinCopies, sentencesOf} from './repeated-units.js';
import {isUnspacedCode} from './word-units.js';

/*
A loop that mutates more than repeated-units.ts's near copies allow: the same sentence or line said five
or six times with words added, dropped or swapped ("…odstaw ciasto na pół godziny" / "…na godzinę" /
"z ciepłą wodą"; 古都であり / 古い都で; a slogan behind a different lead-in each time: "Join today and get
fit, get strong, get moving!", "Sign up now to get fit, get strong, get moving!").
Each unit (a line, or a sentence when the response has fewer than four lines) is a set of words — runs
of letters, lower case, numbers left out — or of characters in a script written without spaces. A unit is
a near repeat of an earlier one when their sets' Jaccard similarity is at least 0.7, or when the smaller
set lies all but wholly (90%) within the larger and is at least half its size (the slogan in a longer
sentence). The response loops when at least four units are near repeats and they are at least 60% of the
units after the first. Lists written in parallel ("Step 1: Preheat the oven", "Step 2: Whisk the eggs")
share their frame, not their words, and stay below; so do units that change two numbers or more
("Day 1: Walk 20 minutes…", "Day 2: Walk 25 minutes…": the numbers are the content) in a list of fewer than ten; so do a poem's refrain lines among changing ones.
Prose only: code and Markdown tables repeat their shape on purpose.
*/

const minTokens = 4;
const minUnspacedTokens = 6;
const minRepeats = 4;
const minShare = 0.6;
const jaccard = 0.7;
const containment = 0.9;
/** Units compared: the first this many, each with up to this many before it (a loop says it again soon). */
const maxUnits = 200;
const window = 8;

/**
 * Cheap test first, one pass over the characters: five units need four breaks between them (a line
 * break or a sentence's end mark), and more exactly either five lines (four runs of line breaks:
 * linesOf splits at them) or five sentences (four places sentencesOf splits at: after 。！？؟। or
 * after .!?… followed by white space). Most responses have fewer (a "3.5" or "e.g." does not end a
 * sentence) and are ruled out before any unit is cut out or any word set made.
 */
export function fewUnits(text: string): boolean {
	// The counts only grow, so the answer is theirs at the end; the search stops as soon as it is known.
	// The breaks are found by a regular expression (a native scan, with no match made: test() only moves
	// lastIndex), most text between them never read by a loop here.
	let breaks = 0;
	let lineRuns = 0;
	let sentenceEnds = 0;
	const end = text.length;
	breakCharacter.lastIndex = 0;
	while (breakCharacter.test(text)) {
		const at = breakCharacter.lastIndex - 1;
		const code = text.charCodeAt(at);
		if (code === 10) {
			breaks++;
			if (at === 0 || text.charCodeAt(at - 1) !== 10) lineRuns++;
		} else if (code === 46 || code === 33 || code === 63) {
			breaks++;
			if (at + 1 < end && isSpace(text.charCodeAt(at + 1))) sentenceEnds++;
		} else if (code === 0x20_26) {
			if (at + 1 < end && isSpace(text.charCodeAt(at + 1))) sentenceEnds++;
		} else if (code === 0x06_1F || code === 0x09_64) {
			sentenceEnds++;
		} else {
			// 。！？
			breaks++;
			sentenceEnds++;
		}

		if (breaks >= minRepeats && (lineRuns >= minRepeats || sentenceEnds >= minRepeats)) {
			breakCharacter.lastIndex = 0;
			return false;
		}
	}

	return true;
}

/** Every code unit fewUnits counts: line breaks, sentence end marks. */
const breakCharacter = /[\n.!?\u2026\u061F\u0964\u3002\uFF01\uFF1F]/g;

/** Whether a code unit is white space as a regular expression's \s has it. */
function isSpace(code: number): boolean {
	if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
	return code === 0xA0 || code === 0x16_80 || (code >= 0x20_00 && code <= 0x20_0A) || code === 0x20_28 || code === 0x20_29 || code === 0x20_2F || code === 0x20_5F || code === 0x30_00 || code === 0xFE_FF;
}

const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

const nonWord = /[^\p{L}\p{M}\p{N}]+/u;
const onlyDigits = /^\p{N}+$/u;

/** A word starting with a-z is not all digits (the regular expression is not needed). */
function isLowerAscii(code: number): boolean {
	return code >= 97 && code <= 122;
}

function tokenSet(unit: string): Set<string> {
	const words = unit.toLowerCase().split(nonWord);
	if (!unspaced.test(unit)) {
		const tokens = new Set<string>();
		for (const word of words) if (word !== '' && (isLowerAscii(word.charCodeAt(0)) || !onlyDigits.test(word))) tokens.add(word);
		return tokens;
	}

	const tokens = new Set<string>();
	for (const word of words) {
		if (word === '' || onlyDigits.test(word)) continue;
		let run = '';
		for (const character of word) {
			if (isUnspacedCode(character.charCodeAt(0))) {
				if (run !== '') tokens.add(run);
				run = '';
				tokens.add(character);
			} else {
				run += character;
			}
		}

		if (run !== '') tokens.add(run);
	}

	return tokens;
}

function nearRepeat(one: Set<string>, other: Set<string>): boolean {
	const [small, large] = one.size <= other.size ? [one, other] : [other, one];
	if (small.size * 2 < large.size) return false;
	let shared = 0;
	for (const token of small) if (large.has(token)) shared++;
	return shared / (small.size + large.size - shared) >= jaccard || shared >= small.size * containment;
}

/** Near repeats among the response's units and how many units there are, when they make a loop; else undefined. */
export function nearRepeatedUnits(response: string): {repeats: number; units: number; kind: 'line' | 'sentence'} | undefined {
	if (fewUnits(response)) return undefined;
	// Judged on the whole response first (cheap), then, when it loops, on its prose alone.
	const whole = nearRepeats(response);
	return whole === undefined ? undefined : nearRepeats(proseOf(withoutTables(response) ?? response));
}

function nearRepeats(prose: string): {repeats: number; units: number; kind: 'line' | 'sentence'} | undefined {
	const lines = linesOf(prose);
	const kind = lines.length >= 4 ? 'line' : 'sentence';
	const units = (kind === 'line' ? lines : sentencesOf(prose)).slice(0, maxUnits);
	if (units.length <= minRepeats) return undefined;
	// Sets are made as they are needed: most responses are found no loop after a few units.
	const sets: Array<Set<string> | undefined> = [];
	const large: boolean[] = [];
	const setOf = (k: number) => {
		if (sets[k] === undefined) {
			sets[k] = tokenSet(units[k]!);
			large[k] = sets[k].size >= (unspaced.test(units[k]!) ? minUnspacedTokens : minTokens);
		}

		return sets[k];
	};

	const needed = Math.max(minRepeats, Math.ceil(minShare * (units.length - 1)));
	let repeats = 0;
	for (let i = 1; i < units.length; i++) {
		// The units left cannot make enough repeats: no loop.
		if (repeats + units.length - i < needed) return undefined;
		setOf(i);
		if (!large[i]) continue;
		for (let j = i - 1; j >= 0 && j >= i - window; j--) {
			if (nearRepeat(sets[i]!, setOf(j)) && large[j] && (units.length > numberedMinCopies || numbersChanged(units[i]!, units[j]!) < 2)) {
				repeats++;
				break;
			}
		}
	}

	return repeats >= minRepeats && repeats >= minShare * (units.length - 1) ? {repeats, units: units.length, kind} : undefined;
}
