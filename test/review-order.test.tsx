// `o` orders the samples ← → and advancing go through: file order, a metadata field either way, or
// signals first; the status bar shows the order.
import {describe, expect, it} from 'vitest';
import {parseOrder} from '../source/review/ordering.js';
import {useReviewScreen} from './helpers/review-screen.js';
import {waitFor} from './helpers/wait-for.js';
import {withoutInkStyles} from './helpers/hostile-text.js';

const reviewScreen = useReviewScreen();

const temperatures = [0.7, undefined, 1.2, 0.2, 'warm', 0.9];
const content = temperatures.map((temperature, i) => JSON.stringify({id: `s${i + 1}`, ...(temperature === undefined ? {} : {temperature}), prompt: `question ${i + 1}`, response: `answer number ${i + 1} is here.`})).join('\n') + '\n';

describe('O: ordering the samples', () => {
	it('by a metadata field, largest first, samples without it last; → and advancing follow it; empty goes back to file order', async () => {
		const {controller, type, frame} = await reviewScreen(content, {}, {columns: 120, rows: 24});
		const id = () => controller.currentSample().sample.id;
		await type('o', '-temperature\r');
		await waitFor(() => controller.orderLabel() === '-temperature', 'the order -temperature');
		expect(withoutInkStyles(frame())).toContain('order: -temperature');
		// Numbers largest first, then text, then the sample without a temperature.
		expect(id()).toBe('s3');
		await type('\u001B[C');
		expect(id()).toBe('s6');
		await type('a');
		expect(id()).toBe('s1');
		await type('s', 's');
		expect(id()).toBe('s5');
		await type('s');
		expect(id()).toBe('s2');
		await type('o');
		expect(withoutInkStyles(frame())).toContain('order by: -temperature');
		await type('\u0015', '\r');
		expect(controller.orderLabel()).toBeUndefined();
		await type('g', '\u001B[C');
		expect(id()).toBe('s2');
	});

	it('by a field named as the query names it: any script, quoted with a space, through a list index', async () => {
		const rows = [[3, 'b'], [9, 'c'], [1, 'a']].map(([level, note], i) => JSON.stringify({id: `q${i + 1}`, 'harm category': {level}, 'méta': {langue: note}, scores: [level * 2], prompt: `question ${i + 1}`, response: `answer number ${i + 1} is here.`})).join('\n') + '\n';
		for (const [typed, expected] of [['-"harm category".level', 'q2'], ['méta.langue', 'q3'], ['-scores.0', 'q2']] as const) {
			const {controller, type} = await reviewScreen(rows, {}, {columns: 120, rows: 24});
			await type('o', `${typed}\r`);
			await waitFor(() => controller.orderLabel() === typed, `the order ${typed}`);
			expect(controller.currentSample().sample.id, typed).toBe(expected);
		}
	});

	it('tab completes file, signals or a field name, after a minus too', async () => {
		const {controller, type, frame} = await reviewScreen(content, {}, {columns: 120, rows: 24});
		await type('o', '-temp', '\t');
		expect(withoutInkStyles(frame())).toContain('order by: -temperature');
		await type('\r');
		await waitFor(() => controller.orderLabel() === '-temperature', 'the order -temperature');
		await type('o', '\u0015', 'si', '\t');
		expect(withoutInkStyles(frame())).toContain('order by: signals');
		await type('\u0015', 'zz', '\t');
		expect(withoutInkStyles(frame())).toContain('order by: zz');
		expect(controller.state.message).toBe('nothing to complete here');
	});

	it('a field no sample has is refused: the order stays as it was', async () => {
		const {controller, type, frame} = await reviewScreen(content, {}, {columns: 120, rows: 24});
		await type('o', '-temp\r');
		await waitFor(() => withoutInkStyles(frame()).includes('no sample has a field "temp"'), 'the refusal');
		expect(controller.orderLabel()).toBeUndefined();
		expect(controller.currentSample().sample.id).toBe('s1');
	});

	it('ascending, and signals first (most signals, then the most severe)', async () => {
		const refusal = 'As an AI language model, I cannot help with that.';
		const lines = [
			['plain', 'q1', 'A plain helpful answer about rivers.'],
			['refuses', 'q2', refusal],
			['many', 'q3', `${refusal} <|im_end|> [Your Name]`],
			['token', 'q4', 'Here you go <|endoftext|> and a fine answer.'],
		].map(([id, question, answer]) => JSON.stringify({id, messages: [{role: 'user', content: question}, {role: 'assistant', content: answer}]})).join('\n') + '\n';
		const {controller, type} = await reviewScreen(lines, {}, {columns: 120, rows: 24});
		const id = () => controller.currentSample().sample.id;
		await type('o', 'signals\r');
		expect(controller.state.message).toContain('signals are not computed yet');
		controller.startSignals();
		await waitFor(() => controller.signals.table !== undefined, 'the signals table');
		await type('o', 'signals\r');
		expect(id()).toBe('many');
		await type('\u001B[C');
		// One signal each: special-token is more severe than refusal.
		expect(id()).toBe('token');
		await type('\u001B[C');
		expect(id()).toBe('refuses');
		await type('\u001B[C');
		expect(id()).toBe('plain');
	});

	it('reads what is typed', () => {
		expect(parseOrder('')).toEqual({kind: 'file'});
		expect(parseOrder('signals')).toEqual({kind: 'signals'});
		expect(parseOrder('scores.quality')).toEqual({kind: 'field', path: 'scores.quality', descending: false});
		expect(parseOrder('-model')).toEqual({kind: 'field', path: 'model', descending: true});
		expect(parseOrder('two words')).toMatch(/^order by “two words”: type file, signals/);
		expect(parseOrder('"two words".level')).toEqual({kind: 'field', path: '"two words".level', descending: false});
		expect(parseOrder('-méta.langue')).toEqual({kind: 'field', path: 'méta.langue', descending: true});
	});
});
