// A signal's reason line is cut to the columns the terminal draws: a reason quoting Malayalam or
// Devanagari (a repetition's repeated words) measured narrower by string-width wrapped in tmux and
// pushed the header off the screen (test/wide-scripts-pty.test.ts saw it under load).
import React from 'react';
import {render} from 'ink-testing-library';
import {expect, it} from 'vitest';
import {SignalLines} from '../source/ui/SignalLines.js';
import {terminalWidth} from '../source/ui/terminal-width.js';
import {withoutInkStyles} from './helpers/hostile-text.js';

const malayalam = 'മലയാളം കേരളത്തിലെ ഭാഷയാണ്, ഇത് മനോഹരമാണ്';
const devanagari = 'नमस्ते, हिन्दी में क्षत्रिय और संस्कृत शब्द';

it('each line fits the width as the terminal draws it, one row each', () => {
	for (const width of [40, 80, 100]) {
		const lines = [
			{signal: 'repetition', text: `5 words repeated 30 times in a row: "${malayalam}"…`},
			{signal: 'truncated', text: `the answer ends mid-sentence: "${devanagari} ${devanagari}"`},
			{text: `+2 more signals: ${malayalam} (m shows their reasons)`},
		];
		const view = render(<SignalLines lines={lines} width={width}/>);
		const rows = withoutInkStyles(view.lastFrame() ?? '').split('\n');
		view.unmount();
		expect(rows, `width ${width}`).toHaveLength(3);
		for (const row of rows) expect(terminalWidth(row), `width ${width}: ${row}`).toBeLessThanOrEqual(width);
		expect(rows[0]).toMatch(/^⚠ repetition: 5 words repeated/);
	}
});
