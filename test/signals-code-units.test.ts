import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {duplicateCodeUnit, isWordCodeUnit, lowerCodeUnit} from '../source/dataset/signals/code-units.js';
import {contentKey} from '../source/dataset/signals/duplicate.js';
import {shingleHashes} from '../source/dataset/signals/minhash.js';
import {sampleText} from '../source/dataset/signals/sample-text.js';
import {addNormalisedToHashes, normaliseForDuplicates, tokenize, tokenText, wordsOf} from '../source/dataset/signals/text.js';

/*
The tokenizer and the duplicate key read text code unit by code unit (code-units.ts) instead of
lower-casing or normalising a copy first. These are the implementations they replaced, kept as the
reference: the words, their hashes, the shingles and the content key must come out the same.
*/

const referenceWord = /[\p{L}\p{N}\p{M}]/u;

function referenceIsWord(code: number): boolean {
	return !(code >= 0xD8_00 && code <= 0xDF_FF) && referenceWord.test(String.fromCharCode(code));
}

/** The tokenizer before: lower-case the whole text, then one pass over it. */
function referenceTokenize(original: string): {hashes: number[]; words: string[]} {
	const text = original.toLowerCase();
	const hashes: number[] = [];
	const words: string[] = [];
	let i = 0;
	while (i < text.length) {
		if (!referenceIsWord(text.charCodeAt(i))) {
			i++;
			continue;
		}

		const start = i;
		let hash = 0x81_1C_9D_C5;
		for (;;) {
			while (i < text.length && referenceIsWord(text.charCodeAt(i))) {
				hash = Math.imul(hash ^ text.charCodeAt(i), 0x01_00_01_93);
				i++;
			}

			const code = text.charCodeAt(i);
			if ((code === 39 || code === 0x20_19 || code === 45) && i + 1 < text.length && referenceIsWord(text.charCodeAt(i + 1))) {
				hash = Math.imul(hash ^ code, 0x01_00_01_93);
				i++;
				continue;
			}

			break;
		}

		hashes.push(hash >>> 0);
		words.push(text.slice(start, i));
	}

	return {hashes, words};
}

/** The duplicate key's hashes before: of the normalised string itself. */
function referenceNormalisedHashes(text: string): {a: number; b: number} {
	let a = 0x81_1C_9D_C5;
	let b = 0x9E_37_79_B9;
	for (const character of normaliseForDuplicates(text)) {
		for (let k = 0; k < character.length; k++) {
			const code = character.charCodeAt(k);
			a = Math.imul(a ^ code, 0x01_00_01_93);
			b = Math.imul(b ^ code, 0x5B_D1_E9_95) + 0x27_D4_EB_2F;
		}
	}

	return {a, b};
}

function normalisedHashes(text: string): {a: number; b: number} {
	const state = {a: 0x81_1C_9D_C5, b: 0x9E_37_79_B9};
	addNormalisedToHashes(text, state);
	return state;
}

// Pieces of many scripts and of the cases that need the whole text: İ and Σ (lower case by context),
// combining marks and Hangul jamo (NFKC composes them), ligatures and full-width forms (NFKC changes
// them), astral letters and emoji (surrogates), the white space NFKC turns into a space.
const pieces = [
	'the', 'Quick', 'DON\'T', 'don’t', 'well-known', ' ', '  ', '\n', '\t', '\r\n', '.', ',', '-', '\'', '’', '4.50', '€',
	'Café', 'CRÈME', 'naïve', 'Straße', 'ÆØÅ', 'İstanbul', 'ΣΟΦΙΑ', 'ΟΔΟΣ', 'σοφός', 'Москва', 'ПРИВЕТ', 'Ελλάδα',
	'東京', '日本語のテキスト', '中文文本', 'ภาษาไทย', 'हिन्दी', 'العربية', 'עברית', '한국어', '\u1100\u1161\u11A8', '가\u11A8',
	'e\u0301', 'a\u0308', '\u0301', 'ﬁ', 'Ａｂｃ', '①', '²', 'µ', '\u00A0', '\u2003', '\u3000', '\u200B', '\uFEFF', '\u2060',
	'𝐀𝐁', '𐐀', '👍', '\uD800', 'Ǆ', 'ǅ', 'ẞ', 'K', 'Å', 'ŉ', 'ΐ', 'ﬀ',
];
const text = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({unit: 'binary', maxLength: 4}), fc.string({unit: 'grapheme', maxLength: 6})), {maxLength: 30}).map(parts => parts.join(''));

describe('the code-unit tokenizer and duplicate key', () => {
	it('a code unit lowered alone is what toLowerCase makes of it in any text, where lowerCodeUnit says it can be', () => {
		// Every code unit: compared here and the wrong ones listed (an expect per code unit took seconds).
		const wrong: string[] = [];
		for (let code = 0; code < 65_536; code++) {
			const lower = lowerCodeUnit(code);
			if (lower === -1) continue;
			const character = String.fromCharCode(code);
			const lowered = String.fromCharCode(lower);
			const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
			if (character.toLowerCase() !== lowered) wrong.push(`${name} alone: ${JSON.stringify(character.toLowerCase())}, not ${JSON.stringify(lowered)}`);
			// Not changed by what is around it.
			if (`a${character}b`.toLowerCase() !== `a${lowered}b`) wrong.push(`${name} between letters: ${JSON.stringify(`a${character}b`.toLowerCase())}`);
			if (`a${character}`.toLowerCase() !== `a${lowered}`) wrong.push(`${name} at the end: ${JSON.stringify(`a${character}`.toLowerCase())}`);
			if (isWordCodeUnit(lower) !== referenceIsWord(lower)) wrong.push(`${name}: isWordCodeUnit of its lower case is ${isWordCodeUnit(lower)}`);
		}

		expect(wrong.slice(0, 20), `${wrong.length} wrong`).toEqual([]);
	});

	it('a code unit duplicateCodeUnit reads alone is one that NFKC leaves alone, or white space', () => {
		const wrong: string[] = [];
		for (let code = 0; code < 65_536; code++) {
			const read = duplicateCodeUnit(code);
			if (read === -1) continue;
			const normalised = normaliseForDuplicates(`a${String.fromCharCode(code)}b`);
			const expected = read === -2 ? 'a b' : `a${String.fromCharCode(read)}b`;
			if (normalised !== expected) wrong.push(`U+${code.toString(16).toUpperCase().padStart(4, '0')}: ${JSON.stringify(normalised)}, not ${JSON.stringify(expected)}`);
		}

		expect(wrong.slice(0, 20), `${wrong.length} wrong`).toEqual([]);
	});

	it('tokenize finds the same words with the same hashes as the reference, in any script', () => {
		fc.assert(fc.property(text, sample => {
			const tokens = tokenize(sample);
			const reference = referenceTokenize(sample);
			expect([...tokens.hashes]).toEqual(reference.hashes);
			expect(Array.from({length: tokens.count}, (_, k) => tokenText(tokens, k, k + 1))).toEqual(reference.words);
			// Joined by spaces, except between two characters of a script written without them.
			const unspaced = (word: string) => word.length === 1 && /[\u0E00-\u0EFF\u1000-\u109F\u1780-\u17FF\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/.test(word);
			const joined = reference.words.slice(0, 5).reduce((text, word, k, words) => (k === 0 ? word : `${text}${unspaced(words[k - 1]) && unspaced(word) ? '' : ' '}${word}`), '');
			expect(tokenText(tokens, 0, 5)).toBe(joined);
			expect([...shingleHashes(tokens.hashes, 5)]).toEqual([...shingleHashes(Uint32Array.from(reference.hashes), 5)]);
		}), {numRuns: 3000});
	});

	it('tokenize agrees with wordsOf outside the astral planes', () => {
		fc.assert(fc.property(text.filter(sample => !/[\uD800-\uDFFF]/.test(sample)), sample => {
			const tokens = tokenize(sample);
			expect(Array.from({length: tokens.count}, (_, k) => tokenText(tokens, k, k + 1))).toEqual(wordsOf(sample));
		}), {numRuns: 1000});
	});

	it('the duplicate key hashes what normaliseForDuplicates makes of the text, in any script', () => {
		fc.assert(fc.property(text, sample => {
			const {a, b} = normalisedHashes(sample);
			const reference = referenceNormalisedHashes(sample);
			expect([a | 0, b | 0]).toEqual([reference.a | 0, reference.b | 0]);
		}), {numRuns: 3000});
	});

	it('tokens kept from many texts stay as they were (arenas are never reused)', () => {
		const kept = Array.from({length: 5000}, (_, i) => ({source: `word${i} Other${i} café-${i} x`, tokens: tokenize(`word${i} Other${i} café-${i} x`)}));
		for (const {source, tokens} of kept) expect([...tokens.hashes]).toEqual(referenceTokenize(source).hashes);
	});

	it('tokenize hashes the text for duplicates as it reads the words: the hashes of what normaliseForDuplicates makes of it', () => {
		let read = 0;
		fc.assert(fc.property(text, sample => {
			const tokens = tokenize(sample);
			if (!tokens.duplicateRead) return;
			read++;
			const reference = referenceNormalisedHashes(sample);
			expect([tokens.duplicateA! | 0, tokens.duplicateB! | 0]).toEqual([reference.a | 0, reference.b | 0]);
		}), {numRuns: 3000});
		// Text that needs no normalising whole is read in the same pass (and the property above is not vacuous).
		expect(read).toBeGreaterThan(300);
		for (const sample of ['  Hello,   World!\n', 'Café CRÈME naïve Straße', 'don’t stop - well-known', 'Москва 東京 ไทย', '']) {
			const tokens = tokenize(sample);
			expect(tokens.duplicateRead, sample).toBe(true);
			const reference = referenceNormalisedHashes(sample);
			expect([tokens.duplicateA! | 0, tokens.duplicateB! | 0]).toEqual([reference.a | 0, reference.b | 0]);
		}

		// ª, ², µ: words NFKC changes; İ: no lower case alone; a combining mark: the duplicate hashes are made apart.
		for (const sample of ['1ª vez', 'x² + y', '5 µm', 'İstanbul', 'e\u0301']) expect(tokenize(sample).duplicateRead, sample).toBe(false);
	});

	it('the content key is the same exactly when the blocks normalise alike (their hashes made in the words\' pass or apart)', () => {
		// Pieces in classes that normalise alike (case, white space, NFKC forms, the cases made apart): a sample and
		// another with other pieces of the same classes normalise alike, unless white space moved to an end.
		const classes = [['a', 'A', 'ª'], ['b', 'B'], [' ', '  ', '\n', '\t', '\u00A0', '\u3000'], ['ﬁ', 'fi', 'FI'], ['İ', 'i\u0307'], ['é', 'É', 'e\u0301'], ['.']];
		const piece = fc.tuple(fc.nat({max: classes.length - 1}), fc.nat(), fc.nat());
		const turn = fc.tuple(fc.constantFrom('system', 'user', 'assistant'), fc.array(piece, {maxLength: 6}), fc.constantFrom('system', 'user', 'assistant'));
		const messagesOf = (turns: Array<[string, Array<[number, number, number]>, string]>, other: boolean) => turns.map(([role, pieces, otherRole]) => ({
			role: other && pieces.length === 0 ? otherRole : role,
			content: pieces.map(([group, first, second]) => classes[group]![(other ? second : first) % classes[group]!.length]).join(''),
		}));
		const normalised = (messages: Array<{role: string; content: string}>) => JSON.stringify(sampleText({messages}).blocks.map(block => [block.tone, normaliseForDuplicates(block.text)]));
		let alike = 0;
		fc.assert(fc.property(fc.array(turn, {minLength: 1, maxLength: 3}), turns => {
			const one = messagesOf(turns, false);
			const other = messagesOf(turns, true);
			const same = normalised(one) === normalised(other);
			if (same) alike++;
			expect(contentKey(sampleText({messages: one})), JSON.stringify([one, other])).toEqual(same ? contentKey(sampleText({messages: other})) : expect.not.objectContaining(contentKey(sampleText({messages: other}))));
		}), {numRuns: 5000});
		expect(alike).toBeGreaterThan(1000);
	});
});
