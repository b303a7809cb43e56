import fc from 'fast-check';
import wrapAnsi from 'wrap-ansi';
import {describe, expect, test} from 'vitest';
import {wrapAscii, wrapParagraph} from '../source/ui/sample-rows.js';

const asciiText = fc.array(fc.oneof(
	{weight: 5, arbitrary: fc.string({unit: fc.constantFrom(...'abcdefghij.,;:!?()-_0123456789ABC"\'/'), minLength: 0, maxLength: 14})},
	{weight: 2, arbitrary: fc.constantFrom(' ', '  ', '   ')},
	{weight: 1, arbitrary: fc.string({unit: fc.constantFrom('x', 'y', '-'), minLength: 15, maxLength: 90})},
), {maxLength: 40}).map(parts => parts.join(' '));

describe('wrapAscii', () => {
	test('gives exactly wrap-ansi\'s rows (hard, no trim, word wrap) for printable ASCII', () => {
		fc.assert(fc.property(asciiText, fc.integer({min: 1, max: 40}), (text, width) => {
			expect(wrapAscii(text, width)).toEqual(wrapAnsi(text, width, {hard: true, trim: false, wordWrap: true}).split('\n'));
		}), {numRuns: 2000});
	});

	test('wrapParagraph takes the ASCII path only for printable ASCII', () => {
		const text = 'café au lait, naïve résumé and more words than fit';
		expect(wrapParagraph(text, 12)).toEqual(wrapAnsi(text, 12, {hard: true, trim: false, wordWrap: true}).split('\n'));
		expect(wrapParagraph('plain words that wrap', 8)).toEqual(wrapAscii('plain words that wrap', 8));
	});
});
