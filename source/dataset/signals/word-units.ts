import type {Tokens} from './text.js';

/*
The words the repetition rules count, from tokenize's words:
- scripts written without spaces between words (Chinese, Japanese kana and Han, Thai, Lao, Khmer,
  Myanmar): each character is a word, as near-duplicate shingles count them and as text-dedup and
  datatrove shingle such text. A run of these scripts is one word to tokenize, so a Chinese answer is a
  handful of words, and counted that way never has a repeated 5-gram however much it loops;
- a word that is one short pattern over and over ("hahahaha…", "zzzzzzzz", "abcabcabcabc": 12
  characters or more, a pattern of 1 to 4): each repeat of the pattern is a word, so the loop inside the
  word is seen as "ha ha ha ha" would be.
*/

/** Whether a UTF-16 code unit is a character of a script written without spaces. */
export function isUnspacedCode(code: number): boolean {
	return (code >= 0x4E_00 && code <= 0x9F_FF) || (code >= 0x30_40 && code <= 0x30_FF) || (code >= 0x0E_00 && code <= 0x0E_FF)
		|| (code >= 0x34_00 && code <= 0x4D_BF) || (code >= 0x10_00 && code <= 0x10_9F) || (code >= 0x17_80 && code <= 0x17_FF)
		|| (code >= 0xF9_00 && code <= 0xFA_FF);
}

/** Words this long or longer are checked for a repeated pattern. */
const patternWordLength = 12;

/** The length (1 to 4) of the pattern text[start, end) repeats, or 0. */
function patternOf(text: string, start: number, end: number): number {
	for (let period = 1; period <= 4; period++) {
		let k = start + period;
		while (k < end && text.charCodeAt(k) === text.charCodeAt(k - period)) k++;
		if (k === end) return period;
	}

	return 0;
}

let starts = new Uint32Array(1024);
let lengths = new Uint32Array(1024);
let hashes = new Uint32Array(1024);
let count = 0;

function push(start: number, end: number, text: string) {
	if (count === starts.length) {
		const bigger = (array: Uint32Array) => {
			const copy = new Uint32Array(array.length * 2);
			copy.set(array);
			return copy;
		};

		starts = bigger(starts);
		lengths = bigger(lengths);
		hashes = bigger(hashes);
	}

	// FNV-1a over the code units, as tokenize hashes a word (lower case: `text` may not be).
	let hash = 0x81_1C_9D_C5;
	for (let i = start; i < end; i++) {
		const code = text.charCodeAt(i);
		hash = Math.imul(hash ^ (code >= 65 && code <= 90 ? code + 32 : code), 0x01_00_01_93);
	}

	starts[count] = start;
	lengths[count] = end - start;
	hashes[count] = hash >>> 0;
	count++;
}

/** Word k of `tokens` as it is. */
function keep(tokens: Tokens, k: number) {
	if (count === starts.length) push(0, 0, '');
	else count++;
	starts[count - 1] = tokens.starts[k];
	lengths[count - 1] = tokens.lengths[k];
	hashes[count - 1] = tokens.hashes[k];
}

/** The words the repetition rules count (see above), and how many of them are characters of an unspaced script. */
export type RepetitionWords = {words: Tokens; characters: number};

/** `tokens` with the words split as described above (`tokens` itself when none is). */
export function repetitionWords(tokens: Tokens): RepetitionWords {
	const {text} = tokens;
	// Looking at each word's first character and length only, unless there is something to split.
	let unspacedWord = false;
	let longWord = false;
	for (let k = 0; k < tokens.count; k++) {
		if (tokens.lengths[k] >= patternWordLength) longWord = true;
		const code = text.charCodeAt(tokens.starts[k]);
		if (code >= 0x0E_00 && isUnspacedCode(code)) {
			unspacedWord = true;
			break;
		}
	}

	if (!unspacedWord && !longWord) return {words: tokens, characters: 0};
	count = 0;
	let characters = 0;
	let changed = false;
	for (let k = 0; k < tokens.count; k++) {
		const start = tokens.starts[k];
		const end = start + tokens.lengths[k];
		const long = tokens.lengths[k] >= patternWordLength;
		const period = long ? patternOf(text, start, end) : 0;
		if (period > 0) {
			for (let at = start; at < end; at += period) push(at, Math.min(at + period, end), text);
			changed = true;
			continue;
		}

		let runStart = start;
		if (unspacedWord || long) {
			for (let i = start; i < end; i++) {
				if (!isUnspacedCode(text.charCodeAt(i))) continue;
				if (runStart < i) push(runStart, i, text);
				push(i, i + 1, text);
				characters++;
				runStart = i + 1;
			}
		}

		if (runStart === start) keep(tokens, k);
		else if (runStart < end) push(runStart, end, text);
	}

	if (!changed && characters === 0) return {words: tokens, characters: 0};
	return {words: {...tokens, count, hashes: hashes.slice(0, count), starts: starts.slice(0, count), lengths: lengths.slice(0, count)}, characters};
}
