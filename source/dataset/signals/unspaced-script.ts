import type {Tokens} from './text.js';

/*
Scripts written without spaces between words: Chinese (Han), Japanese (kana and Han), Thai, Lao,
Khmer, Myanmar. A run of them is one "word" to tokenize, so a Chinese answer is a handful of words;
counted word by word it never has a repeated 5-gram however much it loops. Here each of their
characters is a word (as near-duplicate shingles count them, and as text-dedup and datatrove shingle
such text).
*/

const unspaced = /[\u0E00-\u0EFF\u1000-\u109F\u1780-\u17FF\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/;

/** Whether a UTF-16 code unit is a character of a script written without spaces. */
export function isUnspacedCode(code: number): boolean {
	return (code >= 0x4E_00 && code <= 0x9F_FF) || (code >= 0x30_40 && code <= 0x30_FF) || (code >= 0x0E_00 && code <= 0x0E_FF)
		|| (code >= 0x34_00 && code <= 0x4D_BF) || (code >= 0x10_00 && code <= 0x10_9F) || (code >= 0x17_80 && code <= 0x17_FF)
		|| (code >= 0xF9_00 && code <= 0xFA_FF);
}

export function hasUnspacedScript(text: string): boolean {
	return unspaced.test(text);
}

let starts = new Uint32Array(1024);
let lengths = new Uint32Array(1024);
let hashes = new Uint32Array(1024);

function grow(needed: number) {
	if (needed <= starts.length) return;
	let size = starts.length;
	while (size < needed) size *= 2;
	const bigger = (array: Uint32Array) => {
		const copy = new Uint32Array(size);
		copy.set(array);
		return copy;
	};

	starts = bigger(starts);
	lengths = bigger(lengths);
	hashes = bigger(hashes);
}

function push(count: number, start: number, end: number, text: string): number {
	grow(count + 1);
	let hash = 0x81_1C_9D_C5;
	for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01_00_01_93);
	starts[count] = start;
	lengths[count] = end - start;
	hashes[count] = hash >>> 0;
	return count + 1;
}

/**
 * The tokens with every character of an unspaced script made a word of its own ("ChatGPT是" → "ChatGPT",
 * "是"); the tokens themselves when the text has none. Hashes are FNV-1a of the word's code units, as
 * tokenize makes them.
 */
export function characterWords(tokens: Tokens): Tokens {
	const {text} = tokens;
	if (!hasUnspacedScript(text)) return tokens;
	let count = 0;
	for (let k = 0; k < tokens.count; k++) {
		const start = tokens.starts[k];
		const end = start + tokens.lengths[k];
		let runStart = start;
		for (let i = start; i < end; i++) {
			if (!isUnspacedCode(text.charCodeAt(i))) continue;
			if (runStart < i) count = push(count, runStart, i, text);
			count = push(count, i, i + 1, text);
			runStart = i + 1;
		}

		if (runStart === start) {
			grow(count + 1);
			starts[count] = start;
			lengths[count] = tokens.lengths[k];
			hashes[count] = tokens.hashes[k];
			count++;
		} else if (runStart < end) {
			count = push(count, runStart, end, text);
		}
	}

	return {...tokens, count, hashes: hashes.slice(0, count), starts: starts.slice(0, count), lengths: lengths.slice(0, count)};
}
