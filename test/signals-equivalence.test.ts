import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {referenceBandKey, referenceFewUnits, referenceShingleHashes, referenceSignature, referenceTokenText} from './helpers/signals-reference.js';
import {bandKey, lshParameters, shingleHashes, signatureOfWords} from '../source/dataset/signals/minhash.js';
import {fewUnits} from '../source/dataset/signals/near-lines.js';
import {sentenceEnd, sentencesOf} from '../source/dataset/signals/repeated-units.js';
import {shingleSource} from '../source/dataset/signals/near-duplicate.js';
import {sampleText} from '../source/dataset/signals/sample-text.js';
import {tokenize, tokenText, wordTokens} from '../source/dataset/signals/text.js';

/*
The fast paths of the repetition, near-duplicate and duplicate signals, each checked against the
plain computation it stands for (helpers/signals-reference.ts keeps those: the code as it was before each fast path), on random text in
many scripts and on text shaped like answers: a gate must never drop a true hit, a faster loop must
give the same values.
*/

// Pieces of many scripts, of sentence and line breaks in several of them, and of what needs care:
// İ and Σ (lower case by context), combining marks, astral letters and emoji, unusual white space.
const pieces = [
	'the', 'Quick', 'DON\'T', 'don’t', 'well-known', ' ', '  ', '\n', '\n\n', '\t', '\r\n', '.', '. ', '!', '? ', '…', '… ', ',', '-', '|', '---',
	'4.50', '3.', 'e.g.', '€', 'Café', 'CRÈME', 'naïve', 'Straße', 'İstanbul', 'ΣΟΦΙΑ', 'Москва', 'ПРИВЕТ. ', 'Привет! ',
	'東京', '日本語のテキスト。', '中文文本！', '好？', 'ภาษาไทย', 'ไทย ', 'हिन्दी।', 'العربية؟', 'مرحبا ', 'עברית', '한국어', 'မြန်မာ', 'ខ្មែរ', 'ລາວ',
	'e\u0301', '\u0301', 'ﬁ', 'Ａｂｃ', '\u00A0', '\u2003', '\u3000', '\u200B', '\uFEFF', '𝐀𝐁', '👍', '😀 ', '\uD800', 'ẞ', 'K',
];
const piece = fc.oneof(fc.constantFrom(...pieces), fc.string({unit: 'binary', maxLength: 4}), fc.string({unit: 'grapheme', maxLength: 6}));
const text = fc.array(piece, {maxLength: 60}).map(parts => parts.join(''));
/** Sentences and lines over a small vocabulary, some said again: text shaped like answers, loops included. */
const sentence = fc.array(fc.constantFrom('the', 'model', 'Answer', 'data', 'is', 'café', 'Москва', 'город', '東京', 'ไทย', 'مرحبا', '😀', '42', 'step'), {minLength: 1, maxLength: 9})
	.chain(words => fc.tuple(fc.constant(words.join(' ')), fc.constantFrom('. ', '.\n', '! ', '? ', '\n', '\n\n', '。', '؟ ', '। ', '… ', ' ', '.')));
const prose = fc.array(sentence, {maxLength: 14}).chain(sentences => fc.array(fc.nat({max: Math.max(0, sentences.length - 1)}), {maxLength: 6}).map(repeats => {
	const parts = sentences.map(([words, end]) => words + end);
	for (const at of repeats) parts.splice(at, 0, parts[at]!);
	return parts.join('');
}));
const anyText = fc.oneof(text, prose);

const unspacedPattern = /[\u0E00-\u0EFF\u1000-\u109F\u1780-\u17FF\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/;

describe('near-lines gate (fewUnits)', () => {
	it('says what the character-by-character count said, on any text', () => {
		fc.assert(fc.property(anyText, sample => {
			expect(fewUnits(sample)).toBe(referenceFewUnits(sample));
		}), {numRuns: 5000});
	});

	it('says it for every break character, at the start, the end and inside a text', () => {
		const breaks = ['\n', '.', '!', '?', '…', '。', '！', '？', '؟', '।'];
		for (const mark of breaks) {
			for (const after of ['', ' ', '\n', 'x', '\u00A0', '\u3000']) {
				for (const times of [3, 4, 5]) {
					const samples = [`${`a${mark}${after}`.repeat(times)}`, `${mark}${after}`.repeat(times), `x${`${mark}${after}b `.repeat(times)}`];
					for (const sample of samples) expect(fewUnits(sample), JSON.stringify(sample)).toBe(referenceFewUnits(sample));
				}
			}
		}
	});
});

describe('sentences (sentencesOf)', () => {
	const reference = (response: string) => response.trim().split(sentenceEnd).map(sentence => sentence.trim()).filter(sentence => /[\p{L}\p{N}]/u.test(sentence));

	it('cuts where the sentence-end expression splits, on any text', () => {
		fc.assert(fc.property(anyText, sample => {
			expect(sentencesOf(sample)).toEqual(reference(sample));
		}), {numRuns: 5000});
	});

	it('cuts after every end mark as the expression does, followed or not by white space', () => {
		const marks = ['.', '!', '?', '…', '。', '！', '？', '؟', '।'];
		for (const mark of marks) {
			for (const after of ['', ' ', '  ', '\n', '\u00A0', '\u3000', '\u2028']) {
				for (const sample of [`a${mark}${after}b${mark}${after}c`, `${mark}${after}${mark}${mark}${after}x`, `x${mark}${after}`, `${mark}${after}`]) {
					expect(sentencesOf(sample), JSON.stringify(sample)).toEqual(reference(sample));
				}
			}
		}
	});
});

describe('words of scripts written without spaces (wordTokens)', () => {
	it('tokenize notes such a script exactly when the text has one of its characters', () => {
		fc.assert(fc.property(anyText, sample => {
			expect(tokenize(sample).unspaced).toBe(unspacedPattern.test(sample));
		}), {numRuns: 5000});
	});

	it('lower-casing a code unit neither makes nor takes away such a character', () => {
		const wrong: string[] = [];
		for (let code = 0; code < 65_536; code++) {
			const character = String.fromCharCode(code);
			if (unspacedPattern.test(character) !== unspacedPattern.test(character.toLowerCase())) wrong.push(code.toString(16));
		}

		expect(wrong).toEqual([]);
	});

	it('gives the words the regular expression test gave', () => {
		fc.assert(fc.property(anyText, sample => {
			const reference = unspacedPattern.test(sample) ? tokenize(sample.replace(new RegExp(unspacedPattern.source, 'g'), ' $& ')) : tokenize(sample);
			expect([...wordTokens(sample).hashes]).toEqual([...reference.hashes]);
		}), {numRuns: 3000});
	});
});

describe('openings (tokenText)', () => {
	it('joins the words as word-by-word slices did, whatever lies between them', () => {
		fc.assert(fc.property(anyText, fc.nat({max: 6}), fc.nat({max: 8}), (sample, from, span) => {
			for (const tokens of [tokenize(sample), wordTokens(sample)]) expect(tokenText(tokens, from, from + span)).toBe(referenceTokenText(tokens, from, from + span));
		}), {numRuns: 5000});
	});

	it('lower-cases the stretch as a whole (a final sigma stays final)', () => {
		for (const sample of ['ΟΔΟΣ ΚΑΙ ΣΟΦΙΑ', 'İstanbul Is Big', 'THE END OF THE ROAD', 'Σ Σ Σ']) {
			const tokens = tokenize(sample);
			expect(tokenText(tokens, 0, 5)).toBe(referenceTokenText(tokens, 0, 5));
		}
	});
});

describe('near-duplicate words and signatures', () => {
	it('shingleSource joins the words of every block but the system prompt, however many blocks', () => {
		fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom('system', 'user', 'assistant'), anyText), {maxLength: 8}), turns => {
			const messages = turns.map(([role, content]) => ({role, content}));
			const text = sampleText({messages});
			const expected = text.blocks.filter(block => block.tone !== 'system').flatMap(block => [...wordTokens(block.text).hashes]);
			expect([...shingleSource(text)]).toEqual(expected);
		}), {numRuns: 1500});
	});

	it('a long sample after a short one is joined whole (the buffer grows)', () => {
		const long = 'word '.repeat(20_000);
		const short = sampleText({messages: [{role: 'user', content: 'a b c'}, {role: 'assistant', content: 'd e f'}]});
		expect(shingleSource(short)).toHaveLength(6);
		const text = sampleText({messages: [{role: 'user', content: long}, {role: 'assistant', content: `${long} end`}, {role: 'user', content: long}]});
		const words = shingleSource(text);
		expect(words).toHaveLength(60_001);
		expect(words[40_000]).toBe(tokenize('end').hashes[0]);
	});

	it('signatureOfWords gives the signature the plain loop gave, at every shingle size and number of bins', () => {
		const words = fc.array(fc.integer({min: 0, max: 0xFF_FF_FF_FF}), {maxLength: 400}).map(list => Uint32Array.from(list));
		fc.assert(fc.property(words, fc.constantFrom(1, 3, 5, 5, 5, 7), fc.constantFrom(8, 64, 128, 128, 128, 200, 256), (hashes, size, bins) => {
			const fast = new Uint8Array(4 + (bins / 2));
			const slow = new Uint8Array(4 + (bins / 2));
			expect(signatureOfWords(hashes, size, bins, fast, 3)).toBe(referenceSignature(hashes, size, bins, slow, 3));
			expect([...fast]).toEqual([...slow]);
		}), {numRuns: 3000});
	});

	it('shingleHashes hashes each shingle as the loop over its words did', () => {
		const words = fc.array(fc.integer({min: 0, max: 0xFF_FF_FF_FF}), {maxLength: 200}).map(list => Uint32Array.from(list));
		fc.assert(fc.property(words, fc.constantFrom(1, 2, 5, 5, 6), (hashes, size) => {
			expect([...shingleHashes(hashes, size)]).toEqual(referenceShingleHashes(hashes, size));
		}), {numRuns: 2000});
	});

	it('bandKey reads a band\'s values as the loop over them did, for every band of every LSH setting', () => {
		fc.assert(fc.property(fc.uint8Array({minLength: 64 * 3, maxLength: 64 * 3}), fc.nat({max: 2}), (signatures, sample) => {
			for (const threshold of [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95]) {
				const {bands, rows} = lshParameters(threshold);
				for (let band = 0; band < bands && (band + 1) * rows <= 128; band++) {
					expect(bandKey(signatures, sample * 64, band, rows)).toBe(referenceBandKey(signatures, sample * 64, band, rows));
				}
			}
		}), {numRuns: 500});
	});

	it('signatures of real-looking words (few shingles, many empty bins) agree too', () => {
		fc.assert(fc.property(anyText, sample => {
			const hashes = wordTokens(sample).hashes;
			const fast = new Uint8Array(64);
			const slow = new Uint8Array(64);
			expect(signatureOfWords(hashes, 5, 128, fast, 0)).toBe(referenceSignature(hashes, 5, 128, slow, 0));
			expect([...fast]).toEqual([...slow]);
		}), {numRuns: 3000});
	});
});
