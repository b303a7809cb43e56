import fc from 'fast-check';
import wrapAnsi from 'wrap-ansi';
import {describe, expect, test} from 'vitest';
import {SampleRows, wrapAscii, wrapParagraph} from '../source/ui/sample-rows.js';

const asciiText = fc.array(fc.oneof(
	{weight: 5, arbitrary: fc.string({unit: fc.constantFrom(...'abcdefghij.,;:!?()-_0123456789ABC"\'/'), minLength: 0, maxLength: 14})},
	{weight: 2, arbitrary: fc.constantFrom(' ', '  ', '   ')},
	{weight: 1, arbitrary: fc.string({unit: fc.constantFrom('x', 'y', '-'), minLength: 15, maxLength: 90})},
), {maxLength: 40}).map(parts => parts.join(' '));

/** Text as a paragraph may start: indented or not. */
const paragraph = fc.tuple(fc.constantFrom('', ' ', '  ', '    ', '        '), asciiText).map(([lead, text]) => lead + text);

/**
 * wrap-ansi with trim (a break consumes its spaces), except that a paragraph's leading spaces stay:
 * they are handed to wrap-ansi as '·' (not in the texts above, one column, not whitespace) and
 * turned back into spaces.
 */
function reference(text: string, width: number): string[] {
	const lead = /^ +(?=[^ ])/.exec(text)?.[0].length ?? 0;
	const marked = '·'.repeat(lead) + text.slice(lead);
	return wrapAnsi(marked, width, {hard: true, trim: true, wordWrap: true}).split('\n').map(row => row.replaceAll('·', ' '));
}

describe('wrapAscii', () => {
	test('gives wrap-ansi\'s rows with trim (hard, word wrap), keeping leading indentation, for printable ASCII', () => {
		fc.assert(fc.property(paragraph, fc.integer({min: 1, max: 40}), (text, width) => {
			expect(wrapAscii(text, width)).toEqual(reference(text, width));
		}), {numRuns: 3000});
	});

	test('a continuation row does not start with the space the line broke at', () => {
		const text = 'Plants make their own food using sunlight! Their leaves take in water from the roots and a gas called carbon dioxide from the air.';
		const rows = wrapAscii(text, 40);
		expect(rows.length).toBeGreaterThan(2);
		for (const row of rows) expect(row).not.toMatch(/^ /);
		expect(rows.join(' ')).toBe(text);
	});

	test('keeps a paragraph\'s own indentation (code) on its first row', () => {
		expect(wrapAscii('    return value', 40)).toEqual(['    return value']);
		expect(wrapAscii('    if (x) { return aVeryLongName; }', 20)).toEqual(['    if (x) { return', 'aVeryLongName; }']);
	});

	test('wrapParagraph takes the ASCII path only for printable ASCII, and treats other text alike', () => {
		const text = 'café au lait, naïve résumé and more words than fit';
		expect(wrapParagraph(text, 12)).toEqual(wrapAnsi(text, 12, {hard: true, trim: true, wordWrap: true}).split('\n'));
		expect(wrapParagraph('  déjà vu, indented and wrapped', 12)).toEqual(['  déjà vu,', 'indented and', 'wrapped']);
		expect(wrapParagraph('plain words that wrap', 8)).toEqual(wrapAscii('plain words that wrap', 8));
	});

	test('sample rows: a wrapped sentence continues without a stray space after the block indent', () => {
		const rows = new SampleRows([{label: 'assistant', tone: 'assistant', text: 'Their leaves take in water from the roots and a gas called carbon dioxide from the air.'}], 40);
		const body = rows.slice(0, 10).filter(row => !row.heading).map(row => row.text);
		expect(body.length).toBeGreaterThan(1);
		for (const row of body) expect(row).toMatch(/^ {2}\S/);
	});
});
