// The review screen at sizes smaller than 80x24, under NO_COLOR, and with big numbers: key hints,
// help, the stats panel, the bias picker and the status bar keep what matters on screen.
import {describe, expect, it} from 'vitest';
import {browseHintParts, hintText} from '../source/ui/KeyHints.js';
import {statusSegments} from '../source/ui/StatusBar.js';
import {categoryWindow} from '../source/ui/BiasPicker.js';
import {chatLines} from './helpers/review-fixture.js';
import {useReviewScreen} from './helpers/review-screen.js';
import {withoutInkStyles} from './helpers/hostile-text.js';

const reviewScreen = useReviewScreen();

/** The review screen in a terminal of columns × rows. */
async function screen(columns: number, rows: number, content = chatLines(6)) {
	const opened = await reviewScreen(content, {}, {columns, rows});
	const lines = () => withoutInkStyles(opened.frame()).split('\n');
	return {...opened, lines, frame: () => lines().join('\n')};
}

const pageDown = '\u001B[6~';

/** A sample longer than the viewport: its own scroll position (rows 1–8 of …) shows under it. */
const long = `${JSON.stringify({id: 'long', text: Array.from({length: 40}, (_, i) => `paragraph ${i + 1}`).join('\n')})}\n`;

describe('key hints', () => {
	it('always end with ? help and q quit; hints that do not fit give way to …', () => {
		for (let width = 30; width <= 120; width++) {
			const {parts, gap} = browseHintParts(width);
			const text = hintText(parts, gap);
			expect(text, `width ${width}`).toMatch(/\? help {1,2}q quit$/);
			if (width >= 34) expect(text.length, `width ${width}`).toBeLessThanOrEqual(width);
			if (!text.includes('t st')) expect(text, `width ${width}`).toContain('…');
		}

		expect(hintText(...Object.values(browseHintParts(59)) as [never, never])).toMatch(/^a acc r rej .*… \? help q quit$/);
	});

	it('at 60x15 the key bar shows ? help and q quit', async () => {
		const {lines} = await screen(60, 15);
		const bar = lines().at(-1)!;
		expect(bar).toMatch(/^a acc r rej/);
		expect(bar).toMatch(/… \? help q quit$/);
	});
});

describe('help and the stats panel in a small terminal', () => {
	it('help at 60x15 scrolls to every key and symbol, showing its own position, not the sample\'s', async () => {
		const {type, frame} = await screen(60, 15, long);
		expect(frame()).toMatch(/rows 1–8 of/);
		await type('?');
		expect(frame()).toMatch(/help lines 1–8 of \d+/);
		expect(frame()).not.toMatch(/rows \d/);
		const seen = new Set<string>();
		for (let i = 0; i < 120; i++) {
			for (const line of frame().split('\n').slice(3, 11)) seen.add(line.trim());
			await type('j');
		}

		const all = [...seen].join('\n');
		for (const text of ['q / ctrl-c', 'this help', 'stats panel', 'ctrl-u / ctrl-w', '≠', '✓ ✗ ⚑']) expect(all).toContain(text);
		await type('g');
		expect(frame()).toMatch(/help lines 1–8 of/);
		await type(pageDown);
		expect(frame()).toMatch(/help lines 8–15 of/);
		await type('G');
		expect(frame()).toContain('start again to resume');
		await type('k');
		expect(frame()).not.toContain('start again to resume');
	});

	it('help at 80x24 wraps long descriptions instead of cutting them', async () => {
		const {type, frame} = await screen(80, 24);
		await type('?');
		expect(frame()).not.toContain('…');
		expect(frame()).toMatch(/tab for a note,\s*\n\s+enter to flag/);
		expect(frame()).toMatch(/as in\s*\n\s+stats --where\): tab completes/);
	});

	it('the stats panel at 60x15 scrolls with j/k, also when keys come in one chunk, and shows its position', async () => {
		const {type, frame} = await screen(60, 15, long);
		await type('t');
		expect(frame()).toMatch(/stats lines 1–8 of \d+/);
		expect(frame()).not.toMatch(/rows \d/);
		await type('j');
		expect(frame()).toMatch(/stats lines 2–9 of/);
		await type('jjj');
		expect(frame()).toMatch(/stats lines 5–12 of/);
		await type('\u001B[A');
		expect(frame()).toMatch(/stats lines 4–11 of/);
		await type('\u001B');
		expect(frame()).toContain('paragraph 1');
		expect(frame()).toMatch(/rows 1–8 of/);
	});
});

describe('the bias picker in a small terminal', () => {
	it('at 60x15 uses the rows it has, says more categories exist, and keeps the focused one in view', async () => {
		const {type, frame, lines} = await screen(60, 15, long);
		await type('b');
		expect(frame()).toContain('↓ 5 more');
		expect(frame()).not.toMatch(/rows \d/);
		expect(lines().filter(line => /^.\d \[[ x]\]/.test(line))).toHaveLength(5);
		await type('j', 'j', 'j', 'j', 'j', 'j', 'j');
		expect(frame()).toMatch(/›8 \[ \] socioeconomic status/);
		expect(frame()).toMatch(/↑ 3 more · ↓ 2 more/);
		expect(frame()).not.toContain(' 1 [ ] age');
	});

	it('at 40x10 the list still fits below the status line', async () => {
		const {type, lines} = await screen(40, 10);
		await type('b');
		const frameLines = lines();
		expect(frameLines.length).toBeLessThanOrEqual(9);
		expect(frameLines.join('\n')).toContain('›1 [ ] age');
		expect(frameLines.join('\n')).toContain('↓ 9 more');
		expect(frameLines.join('\n')).toMatch(/note: \(tab to add one\)/);
	});

	it('marks the focused category with › as text, so it shows without colour (NO_COLOR)', async () => {
		const {type, lines} = await screen(100, 24);
		await type('b');
		expect(lines().filter(line => line.includes('›'))).toEqual(['›1 [ ] age']);
		await type('j', ' ');
		expect(lines().filter(line => line.includes('›'))).toEqual(['›2 [x] disability']);
		expect(lines()).toContain(' 1 [ ] age');
	});
});

describe('the status bar', () => {
	const base = {reviewer: 'a-reviewer-with-a-long-name', filter: 'undecided' as const, save: {unsaved: 0, error: undefined} as never, indexing: undefined, others: ['bob', 'carol']};
	const counts = {total: 300_000, decided: 12_345, accepted: 10_000, rejected: 2000, flagged: 345, undecided: 287_655, conflicts: 1234};
	const text = (width: number, save = base.save) => statusSegments({...base, counts, save}, width).map(segment => segment.text).join('');

	it('keeps the save state at every width, shortening the other parts first', () => {
		for (let width = 39; width <= 140; width++) {
			expect(text(width).length, `width ${width}`).toBeLessThanOrEqual(width);
			expect(text(width), `width ${width}`).toMatch(/· saved /);
			expect(text(width, {unsaved: 3, error: 'disk full'} as never), `width ${width}`).toContain('not saved (3)');
		}

		expect(text(140)).toContain('filter: undecided');
		expect(text(140)).toContain('also here: bob, carol');
	});

	it('shows numbers over 999 with thousands separators', () => {
		expect(text(140)).toContain('12,345/300,000 decided');
		expect(text(140)).toMatch(/✓10,000 ✗2,000 ⚑345 ≠1,234/);
	});

	it('at 40x10 the status bar shows saved', async () => {
		const {lines} = await screen(40, 10);
		expect(lines().at(-2)).toMatch(/· saved\s*$/);
	});

	it('header and status bar count 1,200 samples with separators', async () => {
		const {frame} = await screen(100, 24, chatLines(1200));
		expect(frame()).toContain('1/1,200');
		expect(frame()).toContain('0/1,200 decided');
	});
});

describe('categoryWindow', () => {
	it('shows all categories that fit, else a window around the focus with a row for "more"', () => {
		expect(categoryWindow(10, 0, 12)).toEqual({first: 0, shown: 10, above: 0, below: 0});
		expect(categoryWindow(10, 0, 6)).toEqual({first: 0, shown: 5, above: 0, below: 5});
		expect(categoryWindow(10, 9, 6)).toEqual({first: 5, shown: 5, above: 5, below: 0});
	});
});
