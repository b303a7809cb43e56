import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {codePointWidth, fitWidth, graphemeClusters, terminalWidth} from '../source/ui/terminal-width.js';
import {wrapClusters, wrapParagraph} from '../source/ui/sample-rows.js';
import {segmenterCalls} from './helpers/segmenter-calls.js';

// Widths as tmux 3.3 and glibc's wcwidth draw them (checked with tmux: printf, then #{cursor_x}).
const drawn: Array<[string, number]> = [
	['ગુજરાત', 5],
	['മലയാളം', 6],
	['नमस्ते', 4],
	['हिन्दी', 5],
	['தமிழ்', 4],
	['日本語', 6],
	['ｶﾀｶﾅ', 4],
	['e\u0301', 1],
	['a\u200Bb', 2],
	['👍', 2],
	['🌤', 1],
];

describe('terminalWidth', () => {
	test.each(drawn)('%s is %i columns, as terminals draw it', (text, width) => {
		expect(terminalWidth(text)).toBe(width);
	});

	test('spacing vowel signs (Mc) take a column, combining marks (Mn) none', () => {
		expect(codePointWidth(0x0A_BE)).toBe(1); // GUJARATI VOWEL SIGN AA
		expect(codePointWidth(0x0D_3E)).toBe(1); // MALAYALAM VOWEL SIGN AA
		expect(codePointWidth(0x0A_C1)).toBe(0); // GUJARATI VOWEL SIGN U
		expect(codePointWidth(0x09_4D)).toBe(0); // DEVANAGARI SIGN VIRAMA
	});

	test('where terminals disagree on emoji sequences, the wider count is taken', () => {
		// tmux draws the family 2 and the thumbs with a skin tone 4; others draw both 2.
		expect(terminalWidth('👨‍👩‍👧')).toBeGreaterThanOrEqual(2);
		expect(terminalWidth('👍🏽')).toBe(4);
		// An emoji presentation sequence: some terminals draw ☺️ and 1️⃣ one column, most two.
		expect(terminalWidth('☺️')).toBe(2);
		expect(terminalWidth('1️⃣')).toBe(2);
		expect(terminalWidth('🇫🇷')).toBeGreaterThanOrEqual(2);
	});

	test('fitWidth cuts between clusters and marks the cut', () => {
		expect(fitWidth('ગુજરાત ગુજરાત', 6)).toBe('ગુજરાત…');
		expect(terminalWidth(fitWidth('മലയാളം മലയാളം', 7))).toBeLessThanOrEqual(7);
		expect(fitWidth('short', 10)).toBe('short');
	});
});

const pieces = ['ગુજરાત', 'മലയാളം', 'नमस्ते', 'हिन्दी', 'क्षत्रिय', '日本語', '👨‍👩‍👧', '👍🏽', '☺️', '🇫🇷', 'e\u0301', 'word', 'a', ' ', '  '];
const mixedText = fc.array(fc.constantFrom(...pieces), {maxLength: 40}).map(parts => parts.join(''));

describe('wrapping any script', () => {
	test('every row fits the width as terminals measure it, and no grapheme cluster is cut', () => {
		// From 6 columns, the widest cluster here (the family, 6 as tmux's parts add up) fits a row.
		fc.assert(fc.property(mixedText, fc.integer({min: 6, max: 30}), (text, width) => {
			const rows = wrapParagraph(text, width);
			for (const row of rows) expect(terminalWidth(row)).toBeLessThanOrEqual(width);
			const clusters = new Set(graphemeClusters(text));
			for (const row of rows) {
				for (const cluster of graphemeClusters(row)) {
					if (cluster !== ' ') expect(clusters.has(cluster)).toBe(true);
				}
			}

			expect(rows.join('').replaceAll(' ', '')).toBe(text.replaceAll(' ', ''));
		}), {numRuns: 500});
	});

	test('a cluster wider than the row is cut rather than let past the edge', () => {
		for (const row of wrapParagraph('👨‍👩‍👧👨‍👩‍👧', 4)) expect(terminalWidth(row)).toBeLessThanOrEqual(4);
	});

	test('Malayalam and Gujarati words wrap at spaces by their drawn width', () => {
		expect(wrapClusters('മലയാളം മലയാളം', 12)).toEqual(['മലയാളം', 'മലയാളം']);
		expect(wrapClusters('ગુજરાત ગુજરાત', 11)).toEqual(['ગુજરાત ગુજરાત']);
		expect(wrapClusters('ગુજરાત ગુજરાત', 10)).toEqual(['ગુજરાત', 'ગુજરાત']);
	});

	test('a very long paragraph is cut by drawn width without splitting marks from their letter', () => {
		const text = 'മലയാളം'.repeat(5000);
		const rows = wrapParagraph(text, 37);
		expect(rows.join('')).toBe(text);
		for (const row of rows) {
			expect(terminalWidth(row)).toBeLessThanOrEqual(37);
			expect(row).not.toMatch(/^[\p{Mn}\p{Mc}]/u);
		}
	});
});

describe('one-column text (Latin, Greek, Cyrillic, punctuation) taken as wide as it is long', () => {
	const oneColumn = [...'aZ09 ~é ñüßøÆœ ŁŠ ǅ ΑΩάώ ϐ АЯёЇ Ѣ Ԯ ‐–—‘’“”†•…‰′‹›⁄'];
	const others = ['\u0301', '\u0483', '\u00AD', '\u200D', '\uFE0F', '漢', '👍', 'e\u0301', '\t'];
	const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

	test('width and grapheme clusters are what measuring each code point and the segmenter give', () => {
		fc.assert(fc.property(fc.array(fc.constantFrom(...oneColumn, ...others), {maxLength: 16}), parts => {
			const text = parts.join('').replaceAll('\t', ' ');
			let width = 0;
			let previous = 0;
			for (const character of text) {
				const code = character.codePointAt(0)!;
				if (code === 0xFE0F) {
					if (previous === 1) width++;
					previous = 2;
					continue;
				}

				previous = codePointWidth(code);
				width += previous;
			}

			expect(terminalWidth(text)).toBe(width);
			expect(graphemeClusters(text)).toEqual(Array.from(segmenter.segment(text), ({segment}) => segment));
		}), {numRuns: 2000});
	});

	test('no grapheme segmenter for such text (it was most of a frame\'s measuring)', () => {
		expect(segmenterCalls(() => {
			expect(graphemeClusters('Привет — café…')).toHaveLength(14);
		})).toBe(0);
		expect(segmenterCalls(() => graphemeClusters('cafe\u0301'))).toBe(1);
	});
});
