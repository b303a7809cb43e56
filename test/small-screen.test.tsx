// The review screen at sizes smaller than 80x24, under NO_COLOR, and with big numbers: key hints,
// help, the stats panel, the bias picker and the status bar keep what matters on screen.
import React from 'react';
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {App} from '../source/ui/App.js';
import {browseHintParts, hintText} from '../source/ui/KeyHints.js';
import {useTempDir} from './helpers/temp.js';
import {chatLines, reviewFixture} from './helpers/review-fixture.js';
import {withoutInkStyles} from './helpers/hostile-text.js';

const tempDir = useTempDir();
const cleanups: Array<() => void> = [];
afterEach(() => {
	for (const cleanup of cleanups.splice(0)) cleanup();
});

const tick = async (ms = 30) => new Promise(resolve => {
	setTimeout(resolve, ms);
});

/** The review screen in a terminal of columns × rows. */
async function screen(columns: number, rows: number, content = chatLines(6)) {
	const fixture = await reviewFixture(tempDir(), content);
	const view = render(<App controller={fixture.controller}/>);
	Object.defineProperty(view.stdout, 'columns', {configurable: true, get: () => columns});
	Object.defineProperty(view.stdout, 'rows', {configurable: true, get: () => rows});
	view.stdout.emit('resize');
	await tick();
	cleanups.push(() => {
		view.unmount();
		fixture.store.close();
		fixture.dataset.close();
	});
	const type = async (...inputs: string[]) => {
		for (const input of inputs) {
			view.stdin.write(input);
			// eslint-disable-next-line no-await-in-loop
			await tick();
		}
	};

	const lines = () => withoutInkStyles(view.lastFrame() ?? '').split('\n');
	return {...fixture, view, type, lines, frame: () => lines().join('\n')};
}

const pageDown = '\u001B[6~';

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
