import fc from 'fast-check';
import wrapAnsi from 'wrap-ansi';
import {describe, expect, test} from 'vitest';
import {SampleRows, wrapAscii, wrapParagraph} from '../source/ui/sample-rows.js';
import {terminalWidth} from '../source/ui/terminal-width.js';

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

describe('SampleRows: what the viewport shows', () => {
	const pair = [
		{label: 'user', tone: 'user' as const, text: 'Which is better?'},
		{label: 'chosen · assistant', tone: 'chosen' as const, text: 'The first, because it is shorter.'},
		{label: 'rejected · assistant', tone: 'rejected' as const, text: 'The second.\nIt is longer and it goes on for several lines of text.'},
	];

	test('every row carries the heading of the block it is in, for the sticky label', () => {
		const rows = new SampleRows([{label: 'assistant', tone: 'assistant', text: 'word '.repeat(200)}], 40);
		const all = rows.slice(0, rows.total());
		expect(all[0].heading).toBe(true);
		for (const row of all.slice(1)) expect(row.sticky).toBe(all[0]);
	});

	test('at 120 columns and more a preference pair is side by side: chosen left, rejected right', () => {
		const rows = new SampleRows(pair, 119).slice(0, 100);
		const headings = rows.find(row => row.right !== undefined);
		expect(headings?.text).toBe('chosen · assistant');
		expect(headings?.right).toMatchObject({text: 'rejected · assistant', heading: true, tone: 'rejected'});
		const withRight = rows.filter(row => row.right !== undefined);
		expect(withRight.map(row => row.right!.text.trim())).toContain('It is longer and it goes on for several lines of text.');
		for (const row of withRight.slice(1)) expect(row.sticky).toBe(headings);
	});

	test('below 120 columns the pair is stacked', () => {
		const rows = new SampleRows(pair, 118).slice(0, 100);
		expect(rows.some(row => row.right !== undefined)).toBe(false);
		expect(rows.filter(row => row.heading).map(row => row.text)).toEqual(['user', 'chosen · assistant', 'rejected · assistant']);
	});

	test('a system prompt the same as the previous sample\'s collapses to one line, unless expanded', () => {
		const blocks = [{label: 'system', tone: 'system' as const, text: 'You are helpful.\nAlways answer.'}, {label: 'user', tone: 'user' as const, text: 'Hi'}];
		const collapsed = new SampleRows(blocks, 60, {previousSystem: 'You are helpful.\nAlways answer.'});
		expect(collapsed.systemCollapsed).toBe(true);
		expect(collapsed.slice(0, 10).map(row => row.text)).toEqual(['system: same as previous sample', '', 'user', '  Hi']);
		const different = new SampleRows(blocks, 60, {previousSystem: 'You are terse.'});
		expect(different.slice(0, 10).map(row => row.text)).toEqual(['system', '  You are helpful.', '  Always answer.', '', 'user', '  Hi']);
		const expanded = new SampleRows(blocks, 60, {previousSystem: 'You are helpful.\nAlways answer.', expandSystem: true});
		expect(expanded.systemCollapsed).toBe(false);
		expect(expanded.slice(0, 1)[0].text).toBe('system');
	});

	test('an indented line that wraps (pretty JSON) keeps its indentation, continuation rows two deeper', () => {
		const json = `{\n    "answer": "${'lorem ipsum '.repeat(8).trim()}"\n}`;
		const rows = new SampleRows([{label: 'JSON', tone: 'json', text: json}], 40).slice(0, 20).map(row => row.text);
		const wrapped = rows.slice(2, -1);
		expect(wrapped.length).toBeGreaterThan(2);
		expect(wrapped[0]).toMatch(/^ {6}"answer"/);
		for (const row of wrapped.slice(1)) expect(row).toMatch(/^ {8}\S/);
	});

	test('an answer that starts with white space (OpenAI completions) keeps it on every row it wraps to, on one side or side by side', () => {
		const completion = ' Historians usually group the causes under militarism, alliances, imperialism and nationalism.';
		const rows = new SampleRows([{label: 'completion', tone: 'completion', text: `${completion}\n    indented code line that is long enough to wrap`}], 40).slice(0, 20).map(row => row.text);
		const answerRows = rows.slice(1, rows.findIndex(row => row.startsWith('      indented')));
		expect(answerRows.length).toBeGreaterThan(2);
		for (const row of answerRows) expect(row).toMatch(/^ {3}\S/);
		// A nested line further down still hangs two deeper.
		expect(rows.at(-1)).toMatch(/^ {8}\S/);
		const pair = new SampleRows([{label: 'chosen', tone: 'chosen', text: completion}, {label: 'rejected', tone: 'rejected', text: completion}], 130).slice(0, 20);
		const leftRows = pair.slice(1).map(row => row.text).filter(text => text !== '');
		expect(leftRows.length).toBeGreaterThan(1);
		for (const text of leftRows) expect(text).toMatch(/^ {3}\S/);
	});

	test('rows of Indic text and emoji never exceed the width as terminals draw them', () => {
		const text = 'ગુજરાત മലയാളം नमस्ते 👨‍👩‍👧 👍🏽 '.repeat(30);
		const rows = new SampleRows([{label: 'മലയാളം '.repeat(20), tone: 'assistant', text}], 50).slice(0, 200);
		for (const row of rows) expect(terminalWidth(row.heading ? `▌ ${row.text}` : row.text)).toBeLessThanOrEqual(50);
	});
});
