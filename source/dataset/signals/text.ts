/*
Text helpers the signals share: the normalised form duplicates are compared in, word splitting, and
two independent 32-bit string hashes (a 64-bit key between them).
*/

import {duplicateCodeUnit, foldQuoteOrDash, isWordCodeUnit, lowerCodeUnit} from './code-units.js';
import {arenaSpace, space} from './view-arena.js';
import {isUnspacedCode} from './word-units.js';

const asciiOnly = /^[\u0000-\u007F]*$/;

/**
 * Unicode NFKC, case folded, white space collapsed to one space and trimmed, curly quotes and dashes made
 * plain (‘ ’ ‚ ‛ as ', “ ” „ ‟ as ", ‐ ‒ – — ― − as -: code-units.ts's foldQuoteOrDash): two texts equal in this
 * form are duplicates. Zero-width characters and the BOM count as white space.
 */
export function normaliseForDuplicates(text: string): string {
	const composed = asciiOnly.test(text) ? text : text.normalize('NFKC').replace(/[‘’‚‛]/g, "'").replace(/[“”„‟]/g, '"').replace(/[\u2010\u2012-\u2015\u2212]/g, '-');
	return composed.toLowerCase().replace(/[\s\u200B-\u200D\u2060\uFEFF]+/g, ' ').trim();
}

const blank = /[\s\u200B-\u200D\u2060\uFEFF]/;

/** Whether a code unit is white space for duplicates (as normaliseForDuplicates collapses it). */
function isBlankCode(code: number): boolean {
	if (code < 128) return code === 32 || (code >= 9 && code <= 13);
	return blank.test(String.fromCharCode(code));
}

/** Where the two duplicate hashes of a text start (addNormalisedToHashes, and tokenize as it reads). */
export const duplicateSeedA = 0x81_1C_9D_C5;
export const duplicateSeedB = 0x9E_37_79_B9;

/**
 * Two hashes of normaliseForDuplicates(text), fed into a running pair: the same result as hashing
 * the normalised string, without making it. Text whose every code unit NFKC leaves alone (ASCII,
 * Latin with accents, Cyrillic, Greek, CJK, most text) is lower-cased and its white space collapsed
 * as it is read (code-units.ts); other text is normalised (NFKC, lower case) whole and read again.
 */
export function addNormalisedToHashes(text: string, state: {a: number; b: number}) {
	if (!hashCodeUnits(text, state, false)) hashCodeUnits(text.normalize('NFKC').toLowerCase(), state, true);
}

/**
 * Feeds `text`'s code units into the running pair, white space collapsed: read through code-units.ts
 * (lower-cased as read), or, when `composed` (already NFKC and lower case), as they are. False, with
 * `state` untouched, when a code unit needs the text normalised whole first.
 */
function hashCodeUnits(text: string, state: {a: number; b: number}, composed: boolean): boolean {
	let {a, b} = state;
	let pendingSpace = false;
	let started = false;
	const end = text.length;
	for (let i = 0; i < end; i++) {
		const unit = text.charCodeAt(i);
		// ASCII through a table (white space -2, else lower case): most code units, no tests.
		const code = unit < 128 ? asciiDuplicate[unit] : composed ? (isBlankCode(unit) ? -2 : foldQuoteOrDash(unit)) : duplicateCodeUnit(unit);
		if (code < 0) {
			if (code === -1) return false;
			pendingSpace = started;
			continue;
		}

		if (pendingSpace) {
			a = Math.imul(a ^ 32, 0x01_00_01_93);
			b = (Math.imul(b ^ 32, 0x5B_D1_E9_95) + 0x27_D4_EB_2F) | 0;
			pendingSpace = false;
		}

		started = true;
		a = Math.imul(a ^ code, 0x01_00_01_93);
		b = (Math.imul(b ^ code, 0x5B_D1_E9_95) + 0x27_D4_EB_2F) | 0;
	}

	state.a = a;
	state.b = b;
	return true;
}

/** Per ASCII code unit, as duplicates' normalisation reads it: -2 white space, else its lower case. */
const asciiDuplicate = new Int32Array(128);
for (let code = 0; code < 128; code++) asciiDuplicate[code] = duplicateCodeUnit(code);

/** FNV-1a over UTF-16 code units. */
export function hashA(text: string, seed = 0x81_1C_9D_C5): number {
	let hash = seed;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01_00_01_93);
	}

	return hash >>> 0;
}

/** A murmur3-style mix over UTF-16 code units, independent of hashA. */
export function hashB(text: string, seed = 0x9E_37_79_B9): number {
	let hash = seed ^ text.length;
	for (let i = 0; i < text.length; i++) {
		let k = Math.imul(text.charCodeAt(i), 0xCC_9E_2D_51);
		k = (k << 15) | (k >>> 17);
		hash ^= Math.imul(k, 0x1B_87_35_93);
		hash = Math.imul((hash << 13) | (hash >>> 19), 5) + 0xE6_54_6B_64;
	}

	hash ^= hash >>> 16;
	hash = Math.imul(hash, 0x85_EB_CA_6B);
	hash ^= hash >>> 13;
	hash = Math.imul(hash, 0xC2_B2_AE_35);
	hash ^= hash >>> 16;
	return hash >>> 0;
}

/** Final mix of a 32-bit integer (murmur3 fmix32). */
export function mix32(value: number): number {
	let hash = value;
	hash ^= hash >>> 16;
	hash = Math.imul(hash, 0x85_EB_CA_6B);
	hash ^= hash >>> 13;
	hash = Math.imul(hash, 0xC2_B2_AE_35);
	hash ^= hash >>> 16;
	return hash >>> 0;
}

/** Words: runs of letters, digits and marks, with inner apostrophes or hyphens; lower case. */
const wordPattern = /[\p{L}\p{N}\p{M}]+(?:['’\-][\p{L}\p{N}\p{M}]+)*/gu;

export function wordsOf(text: string): string[] {
	return text.toLowerCase().match(wordPattern) ?? [];
}

/**
 * A text's words (as wordsOf finds them) without a string per word: hashA of each (lower case), where
 * it starts in `text` and its length. `lowered`: whether `text` is lower case already (else a word's
 * slice of it is lower-cased by tokenText: the same, as it was lower-cased code unit by code unit).
 */
export type Tokens = {
	count: number; hashes: Uint32Array; starts: Uint32Array; lengths: Uint32Array; text: string; lowered: boolean; unspaced?: boolean;
	/** When found as the words were (duplicateRead): the text's two duplicate hashes, as addNormalisedToHashes makes them from duplicateSeedA and duplicateSeedB. */
	duplicateRead?: boolean; duplicateA?: number; duplicateB?: number;
};

let scratchStarts = new Uint32Array(1024);
let scratchLengths = new Uint32Array(1024);
let scratchHashes = new Uint32Array(1024);

/**
 * The words of `text` in one pass over its code units, lower-cased one by one as they are read; a
 * text with a code unit that cannot be (code-units.ts) is lower-cased whole first, as before.
 */
export function tokenize(original: string): Tokens {
	sawUnspaced = false;
	const count = scanWords(original, true);
	if (count !== -1) return collect(count, original, false);
	const text = original.toLowerCase();
	sawUnspaced = false;
	return collect(scanWords(text, false), text, true);
}

/**
 * Whether the text scanWords last read holds a character of a script written without spaces (as
 * `unspaced` matches it; none is made or lost by lower-casing). Every code unit past Latin-1 goes
 * through wordCodeUnit, which notes it: the text is not searched again for them.
 */
let sawUnspaced = false;

/**
 * Per Latin-1 code unit (ASCII and the accented letters of Western European text), as scanWords reads
 * it without a call: lowered, its lower case if a word character, else 0, and -1 for the few word
 * characters duplicates read otherwise (ª, ², µ, ¼: NFKC changes them), which send the text down the
 * path of a code unit that cannot be lowered alone (the same words, the duplicate hashes made apart);
 * as is, the same without lower-casing; for duplicates, as duplicateCodeUnit reads it.
 */
const latinLowered = new Int32Array(256);
const latinAsIs = new Int32Array(256);
const latinDuplicate = new Int32Array(256);
for (let code = 0; code < 256; code++) {
	const lower = lowerCodeUnit(code);
	const isWord = lower !== -1 && isWordCodeUnit(lower);
	latinLowered[code] = lower === -1 ? -1 : isWord ? (duplicateCodeUnit(code) === lower ? lower : -1) : 0;
	latinAsIs[code] = isWordCodeUnit(code) ? code : 0;
	latinDuplicate[code] = duplicateCodeUnit(code);
}

/** A code unit past Latin-1 as scanWords reads it: -1 when it cannot be lower-cased alone, 0 when not a word character, else its (lower-cased) self. */
function wordCodeUnit(code: number, lowering: boolean): number {
	if (code >= 0x0E_00 && isUnspacedCode(code)) sawUnspaced = true;
	const lowered = lowering ? lowerCodeUnit(code) : code;
	if (lowered === -1) return -1;
	if (!isWordCodeUnit(lowered)) return 0;
	// A word character duplicates' normalisation reads otherwise (NFKC changes it, or composes it with what is before).
	if (duplicateCodeUnit(code) !== lowered) duplicateFailed = true;
	return lowered;
}

/**
 * Finds the words into the scratch arrays; their count, or -1 when `lowering` meets a code unit it
 * cannot lower alone. Latin-1 is read through a table (a third less time than a test per code unit).
 * When lowering, the same pass hashes the text as addNormalisedToHashes does from its seeds (white
 * space collapsed, leading and trailing dropped), into duplicateA and duplicateB: the duplicate key
 * then costs no pass of its own. duplicateRead is false when that needs the text normalised whole.
 */
function scanWords(text: string, lowering: boolean): number {
	const latin = lowering ? latinLowered : latinAsIs;
	const end = text.length;
	let count = 0;
	let i = 0;
	let a = duplicateSeedA;
	let b = duplicateSeedB;
	// White space met since the last code unit hashed (dropped before the first and after the last).
	let pendingSpace = false;
	let started = false;
	duplicateFailed = !lowering;
	while (i < end) {
		const first = text.charCodeAt(i);
		let code = first < 256 ? latin[first] : wordCodeUnit(first, lowering);
		if (code <= 0) {
			if (code === -1) return -1;
			const duplicate = first < 256 ? latinDuplicate[first] : duplicateCodeUnit(first);
			if (duplicate === -2) {
				pendingSpace = started;
			} else {
				if (duplicate === -1) duplicateFailed = true;
				if (pendingSpace) {
					a = Math.imul(a ^ 32, 0x01_00_01_93);
					b = (Math.imul(b ^ 32, 0x5B_D1_E9_95) + 0x27_D4_EB_2F) | 0;
					pendingSpace = false;
				}

				started = true;
				a = Math.imul(a ^ duplicate, 0x01_00_01_93);
				b = (Math.imul(b ^ duplicate, 0x5B_D1_E9_95) + 0x27_D4_EB_2F) | 0;
			}

			i++;
			continue;
		}

		if (pendingSpace) {
			a = Math.imul(a ^ 32, 0x01_00_01_93);
			b = (Math.imul(b ^ 32, 0x5B_D1_E9_95) + 0x27_D4_EB_2F) | 0;
			pendingSpace = false;
		}

		started = true;
		const start = i;
		let hash = 0x81_1C_9D_C5;
		for (;;) {
			// A word's code units are read for duplicates as they are for words (wordCodeUnit notes where not).
			hash = Math.imul(hash ^ code, 0x01_00_01_93);
			a = Math.imul(a ^ code, 0x01_00_01_93);
			b = (Math.imul(b ^ code, 0x5B_D1_E9_95) + 0x27_D4_EB_2F) | 0;
			i++;
			if (i >= end) break;
			const unit = text.charCodeAt(i);
			code = unit < 256 ? latin[unit] : wordCodeUnit(unit, lowering);
			if (code > 0) continue;
			if (code === -1) return -1;
			// An apostrophe or hyphen between word characters joins them (don't, well-known), and is part of the word's hash
			// as it is; for duplicates U+2019 is the plain apostrophe (NFKC leaves it alone; foldQuoteOrDash makes it ').
			if ((unit === 39 || unit === 0x20_19 || unit === 45) && i + 1 < end) {
				const after = text.charCodeAt(i + 1);
				const next = after < 256 ? latin[after] : wordCodeUnit(after, lowering);
				if (next === -1) return -1;
				if (next > 0) {
					hash = Math.imul(hash ^ unit, 0x01_00_01_93);
					a = Math.imul(a ^ (unit === 0x20_19 ? 39 : unit), 0x01_00_01_93);
					b = (Math.imul(b ^ (unit === 0x20_19 ? 39 : unit), 0x5B_D1_E9_95) + 0x27_D4_EB_2F) | 0;
					i++;
					code = next;
					continue;
				}
			}

			break;
		}

		if (count === scratchStarts.length) {
			const grow = (array: Uint32Array) => {
				const bigger = new Uint32Array(array.length * 2);
				bigger.set(array);
				return bigger;
			};

			scratchStarts = grow(scratchStarts);
			scratchLengths = grow(scratchLengths);
			scratchHashes = grow(scratchHashes);
		}

		scratchStarts[count] = start;
		scratchLengths[count] = i - start;
		scratchHashes[count] = hash >>> 0;
		count++;
	}

	duplicateA = a;
	duplicateB = b;
	return count;
}

/** The duplicate hashes of the text scanWords last read, and whether they are valid (see scanWords). */
let duplicateA = 0;
let duplicateB = 0;
let duplicateFailed = true;

/** The scratch arrays' words copied out into an arena (view-arena.ts: tokens stay valid however long they are kept). */
function collect(count: number, text: string, lowered: boolean): Tokens {
	arenaSpace(12 * count);
	const {buffer, at} = space;
	const hashes = new Uint32Array(buffer, at, count);
	const starts = new Uint32Array(buffer, at + (4 * count), count);
	const lengths = new Uint32Array(buffer, at + (8 * count), count);
	// Copied one by one: a subarray of each scratch array to set() from cost more than the copy, for the few words of most texts.
	for (let k = 0; k < count; k++) {
		hashes[k] = scratchHashes[k];
		starts[k] = scratchStarts[k];
		lengths[k] = scratchLengths[k];
	}

	return {count, hashes, starts, lengths, text, lowered, unspaced: sawUnspaced, duplicateRead: !duplicateFailed, duplicateA, duplicateB};
}

/** Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, kana, CJK ideographs. */
const unspaced = /[\u0E00-\u0EFF\u1000-\u109F\u1780-\u17FF\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/;
const unspacedCharacter = new RegExp(unspaced.source, 'g');

/**
 * A text's words as the diversity figures and near-duplicate shingles count them: as `tokenize` finds them,
 * except that in a script written without spaces each character is a word (as text-dedup and datatrove count
 * such text); otherwise a Chinese clause is one "word". `tokens` is the per-sample memo for the plain case.
 */
export function wordTokens(text: string, tokens: (text: string) => Tokens = tokenize): Tokens {
	// The plain words say whether the text has such a script (tokenize notes it as it reads): no search of the text for it.
	const plain = tokens(text);
	return (plain.unspaced ?? unspaced.test(text)) ? tokenize(text.replace(unspacedCharacter, ' $& ')) : plain;
}

function isUnspacedWord(word: string): boolean {
	return word.length === 1 && unspaced.test(word);
}

/** Words `from` … `to` - 1 of a tokenized text, joined by spaces (none between two characters of a script written without them), in lower case. */
export function tokenText(tokens: Tokens, from: number, to: number): string {
	const last = Math.min(to, tokens.count) - 1;
	if (last >= from && tokens.unspaced === false && singleSpaced(tokens, from, last)) {
		// The words stand one space apart in the text already: the joined words are that stretch of it (one slice, not one a word).
		const stretch = tokens.text.slice(tokens.starts[from], tokens.starts[last] + tokens.lengths[last]);
		return tokens.lowered ? stretch : stretch.toLowerCase();
	}

	let joined = '';
	let previous = '';
	for (let k = from; k < to && k < tokens.count; k++) {
		const word = tokens.text.slice(tokens.starts[k], tokens.starts[k] + tokens.lengths[k]);
		joined += k === from || (isUnspacedWord(previous) && isUnspacedWord(word)) ? word : ` ${word}`;
		previous = word;
	}

	return tokens.lowered ? joined : joined.toLowerCase();
}

/** Whether words `from` … `last` of a tokenized text are each one space (U+0020) after the one before. */
function singleSpaced(tokens: Tokens, from: number, last: number): boolean {
	const {starts, lengths, text} = tokens;
	for (let k = from + 1; k <= last; k++) {
		if (starts[k] !== starts[k - 1] + lengths[k - 1] + 1 || text.charCodeAt(starts[k] - 1) !== 32) return false;
	}

	return true;
}

/** Curly quotes made straight (and the full-width comma plain), white space collapsed, lower case, and contractions in one form, for phrase matching. */
export function normaliseForPhrases(text: string): string {
	return text.toLowerCase().replace(phraseVariants, variant => {
		switch (variant[0]) {
			case '‘':
			case '’':
			case 'ʼ':
			case '`':
			case '´': {
				return "'";
			}

			case '“':
			case '”': {
				return '"';
			}

			case '，': {
				return ',';
			}

			case 'i': {
				return "i'm";
			}

			case 'c': {
				return 'cannot';
			}

			case 'd': {
				return "don't";
			}

			case 'w': {
				return "won't";
			}

			default: {
				return ' ';
			}
		}
	});
}

const phraseVariants = /[‘’ʼ`´“”，]|\s{2,}|[^\S ]|\bi am\b|\bcan ?not\b|\bcan[’']t\b|\bdo not\b|\bwill not\b/g;
