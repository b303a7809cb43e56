// The review screen's signals: computed in the background after the first frame, shown under the
// header with their reasons (at most two lines, the rest in the metadata panel), progress in the status bar.
import {describe, expect, it} from 'vitest';
import {signalLines} from '../source/ui/signal-lines.js';
import {useReviewScreen} from './helpers/review-screen.js';
import {waitFor} from './helpers/wait-for.js';
import {withoutInkStyles} from './helpers/hostile-text.js';

const reviewScreen = useReviewScreen();

const refusal = 'As an AI language model, I cannot help with that request.';
const loop = Array.from({length: 12}, () => 'The cat sat on the mat again.').join(' ');

function line(id: string, answer: string, question = `question ${id}`): string {
	return JSON.stringify({id, model: 'gen-1', messages: [{role: 'user', content: question}, {role: 'assistant', content: answer}]});
}

export const signalsContent = [
	line('s1', refusal),
	line('s2', 'Paris is the capital of France, and it sits on the Seine.'),
	line('s3', refusal, 'question s1'),
	line('s4', `${loop} <|im_end|> [Your Name]`),
	line('s5', 'Water boils at one hundred degrees Celsius at sea level.'),
].join('\n') + '\n';

describe('signals on the review screen', () => {
	it('shows nothing before the signals are computed, then the sample\'s signals with their reasons', async () => {
		const {controller, frame, type} = await reviewScreen(signalsContent, {}, {columns: 100, rows: 24});
		expect(frame()).not.toContain('refusal');
		controller.startSignals();
		await waitFor(() => controller.signals.table !== undefined, 'the signals table');
		await waitFor(() => withoutInkStyles(frame()).includes('⚠ refusal: the response says'), '⚠ refusal: the response says on screen');
		await type(':', '3\r');
		await waitFor(() => withoutInkStyles(frame()).includes('duplicate: cluster of 2, this is 2 of 2'), 'duplicate: cluster of 2, this is 2 of 2 on screen');
		expect(controller.signals.status).toBeUndefined();
	});

	it('at 80×24 caps the signals at two lines and keeps the status bar and key bar on screen; m lists them all', async () => {
		const {controller, frame, type} = await reviewScreen(signalsContent, {}, {columns: 80, rows: 24});
		controller.startSignals();
		await waitFor(() => controller.signals.table !== undefined, 'the signals table');
		await type(':', '4\r');
		await waitFor(() => withoutInkStyles(frame()).includes('more signals'), 'more signals on screen');
		const lines = withoutInkStyles(frame()).split('\n');
		expect(lines.length).toBeLessThanOrEqual(23);
		expect(lines.at(-2)).toContain('saved');
		expect(lines.at(-1)).toContain('q quit');
		expect(lines.filter(text => text.startsWith('⚠ ') || text.startsWith('+')).length).toBe(2);
		await type('m');
		const panel = withoutInkStyles(frame());
		for (const signal of controller.currentSample().signals) expect(panel).toContain(`signal ${signal.signal}`);
	});

	it('says how far the computation is in the status bar while it runs', async () => {
		const {controller, frame} = await reviewScreen(signalsContent.repeat(400).replaceAll(/"id":"s(\d)"/g, () => `"id":"x${Math.random()}"`), {}, {columns: 120, rows: 24});
		controller.startSignals();
		expect(controller.signals.status).toMatch(/^signals \d+%$/);
		await waitFor(() => /signals \d+%/.test(withoutInkStyles(frame())) || controller.signals.table !== undefined, 'the signals progress or table');
		await waitFor(() => controller.signals.table !== undefined, 'the signals table');
		await waitFor(() => !withoutInkStyles(frame()).includes('signals '), 'the frame without the signals progress');
	});
});

describe('signalLines', () => {
	it('keeps every signal when they fit, else the first ones and how many more', () => {
		const hits = [
			{signal: 'refusal' as const, reason: 'refusal: the response says "I cannot"'},
			{signal: 'repetition' as const, reason: 'repetition: 61% of the response is one repeated sentence'},
			{signal: 'special-token' as const, reason: 'special-token: <|im_end|> in the response'},
		];
		expect(signalLines(hits.slice(0, 2), 2)).toEqual([{signal: 'refusal', text: 'the response says "I cannot"'}, {signal: 'repetition', text: '61% of the response is one repeated sentence'}]);
		const capped = signalLines(hits, 2);
		expect(capped).toHaveLength(2);
		expect(capped[1].text).toBe('+2 more signals: repetition, special-token (m shows their reasons)');
		expect(signalLines(hits, 1)).toHaveLength(1);
	});
});
