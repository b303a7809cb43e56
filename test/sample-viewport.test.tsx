// The sample viewport in the review screen: the label of the block being read stays at the top while
// scrolling, a preference pair is side by side on a wide screen, a repeated system prompt is one line.
import {describe, expect, it} from 'vitest';
import {useReviewScreen} from './helpers/review-screen.js';
import {withoutInkStyles} from './helpers/hostile-text.js';
import {waitFor as waitUntil} from './helpers/wait-for.js';

const reviewScreen = useReviewScreen();
const pageDown = '\u001B[6~';

async function screen(content: string, columns: number, rows: number) {
	const opened = await reviewScreen(content, {}, {columns, rows});
	const frame = () => withoutInkStyles(opened.frame());
	const waitFor = async (predicate: (frame: string) => boolean): Promise<string> => waitUntil(() => {
		const current = frame();
		return predicate(current) ? current : undefined;
	}, String(predicate), {detail: () => `the screen shows:\n${frame()}`});

	const press = async (key: string, until: (frame: string) => boolean) => {
		opened.view.stdin.write(key);
		return waitFor(until);
	};

	return {...opened, frame, waitFor, press};
}

const answer = (word: string) => Array.from({length: 30}, (_, i) => `${word} line ${i + 1}`).join('\n');
const pair = `${JSON.stringify({id: 'p1', conversations: [{from: 'human', value: 'Which answer is right?'}], chosen: {from: 'gpt', value: answer('good')}, rejected: {from: 'gpt', value: answer('bad')}})}\n`;

describe('the sample viewport', () => {
	it('at 120 columns shows chosen and rejected side by side, each row holding both', async () => {
		const {waitFor} = await screen(pair, 120, 30);
		// Waits for the wide layout itself: the screen first draws at the test terminal's default width.
		const frame = await waitFor(current => /good line 3 +│ +bad line 3/.test(current));
		const lines = frame.split('\n');
		expect(lines.find(line => line.includes('chosen · assistant'))).toMatch(/▌ chosen · assistant +│ ▌ rejected · assistant/);
		expect(lines.find(line => line.includes('good line 3'))).toMatch(/good line 3 +│ +bad line 3$/);
		for (const line of lines) expect(line.length).toBeLessThanOrEqual(120);
	});

	it('at 80 columns stacks them, and the label of the answer being read stays at the top while scrolling', async () => {
		const {waitFor, press} = await screen(pair, 80, 24);
		await waitFor(current => current.includes('good line 1'));
		let frame = await press(pageDown, current => current.includes('good line 20'));
		expect(frame.split('\n')[3]).toBe('▌ chosen · assistant (continued)');
		frame = await press(pageDown, current => current.includes('bad line 5') && !current.includes('good line 20'));
		frame = await press(pageDown, current => current.includes('bad line 20'));
		expect(frame.split('\n')[3]).toBe('▌ rejected · assistant (continued)');
		expect(frame).not.toContain('chosen');
	});

	it('collapses a system prompt the same as the previous sample\'s to one line', async () => {
		const system = {role: 'system', content: 'You are a careful assistant.\nAnswer in English.'};
		const lines = [1, 2, 3].map(i => JSON.stringify({id: `c${i}`, messages: [i === 3 ? {role: 'system', content: 'Another prompt.'} : system, {role: 'user', content: `question ${i}`}]}));
		const {waitFor, press} = await screen(`${lines.join('\n')}\n`, 80, 24);
		let frame = await waitFor(current => current.includes('question 1'));
		expect(frame).toContain('Answer in English.');
		frame = await press('l', current => current.includes('question 2'));
		expect(frame).toContain('▌ system: same as previous sample · v to expand');
		expect(frame).not.toContain('Answer in English.');
		frame = await press('v', current => current.includes('Answer in English.'));
		expect(frame).not.toContain('same as previous sample');
		frame = await press('v', current => !current.includes('Answer in English.'));
		expect(frame).toContain('same as previous sample');
		frame = await press('l', current => current.includes('question 3'));
		expect(frame).toContain('Another prompt.');
	});
});
