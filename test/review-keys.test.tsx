// Keys added through the binding table: ← → through the samples just decided, and m (metadata panel).
import {describe, expect, it} from 'vitest';
import {metadataInFull} from '../source/review/metadata.js';
import {goBack, goForward, leftBehind, noHistory} from '../source/review/history.js';
import {chatLines} from './helpers/review-fixture.js';
import {useReviewScreen} from './helpers/review-screen.js';
import {withoutInkStyles} from './helpers/hostile-text.js';

const screen = useReviewScreen();
const left = '\u001B[D';
const right = '\u001B[C';

describe('← after deciding', () => {
	it('goes back to the sample just decided, even when the filter no longer shows it, and → returns', async () => {
		const {frame, type, controller} = await screen();
		await type('a');
		expect(frame()).toContain('question 2');
		await type(left);
		expect(frame()).toContain('question 1');
		expect(frame()).toMatch(/you \(tester\): accepted/);
		await type(right);
		expect(frame()).toContain('question 2');
		// Further back than the history goes: the previous sample the filter shows (none: s1 is decided).
		await type(left, left);
		expect(controller.state.cursor).toBe(0);
		expect(frame()).toContain('no earlier undecided sample');
	});

	it('walks back through several decisions and forward again; in one chunk too', async () => {
		const {type, controller, store} = await screen();
		await type('arsa');
		expect(controller.state.cursor).toBe(4);
		await type(left + left + left);
		expect(controller.state.cursor).toBe(1);
		await type('hh');
		expect(controller.state.cursor).toBe(0);
		await type('ll');
		expect(controller.state.cursor).toBe(2);
		// Deciding again from a sample gone back to changes it and moves on; the history goes on from there.
		await type('a');
		expect(store.get('s3', 'tester')?.verdict).toBe('accepted');
		expect(controller.state.cursor).toBe(4);
		await type(left);
		expect(controller.state.cursor).toBe(2);
	});

	it('after another move (g, :, a search, the filter) ← is the previous sample the filter shows', async () => {
		const {type, controller} = await screen();
		await type('s', 's', 'g');
		expect(controller.state.cursor).toBe(0);
		await type(right, right, left);
		expect(controller.state.cursor).toBe(1);
		await type(':5\r', left);
		expect(controller.state.cursor).toBe(3);
	});

	it('keeps a bounded history: back, forward, and a new decision ends the way forward', () => {
		let history = noHistory;
		for (let i = 0; i < 500; i++) history = leftBehind(history, i);
		expect(history.back).toHaveLength(200);
		const back = goBack(history, 500)!;
		expect(back.index).toBe(499);
		expect(goForward(back.history, 499)).toEqual({index: 500, history});
		expect(leftBehind(back.history, 499).forward).toEqual([]);
		expect(goBack(noHistory, 0)).toBeUndefined();
	});
});

describe('m: the metadata panel', () => {
	const long = 'x'.repeat(300);
	const sample = JSON.stringify({
		id: 'm1',
		model: 'gen-1',
		source: 'first line\nsecond line',
		config: {temperature: 0.7, stop: ['</s>']},
		long,
		evil: 'clip \u001B]52;c;aGk=\u0007 end',
		messages: [{role: 'user', content: 'hello'}, {role: 'assistant', content: 'hi'}],
	});

	it('shows every field in full, multi-line values with their line breaks, sanitised, then the notes', async () => {
		const {type, frame} = await screen(`${sample}\n`, {}, {columns: 100, rows: 40});
		await type('c', 'check the source\r');
		await type('m');
		const shown = withoutInkStyles(frame());
		expect(shown).toContain('Metadata and notes of sample 1');
		expect(shown).toMatch(/first line\n\s*second line/);
		expect(shown).toMatch(/"temperature": 0\.7,\n/);
		expect(shown.replaceAll(/\s/g, '')).toContain(long);
		expect(shown).toContain('clip ␛]52;c;aGk=');
		expect(shown).not.toContain('\u0007');
		expect(shown).toContain('note by tester (you)');
		expect(shown).toContain('check the source');
		expect(shown).toMatch(/esc close/);
		// m again (or esc) closes it.
		await type('m');
		expect(frame()).toContain('hello');
		expect(frame()).not.toContain('Metadata and notes');
	});

	it('scrolls like the other panels and says where it is', async () => {
		const {type, frame} = await screen(`${sample}\n`, {}, {columns: 60, rows: 15});
		await type('m');
		expect(frame()).toMatch(/metadata lines 1–8 of \d+/);
		await type('j');
		expect(frame()).toMatch(/metadata lines 2–9 of/);
		await type('G');
		expect(frame()).toContain('No notes on this sample');
		await type('\u001B');
		expect(frame()).toContain('hello');
	});

	it('finds nested metadata by its dotted name and keeps a value it cannot find as shown', () => {
		expect(metadataInFull({input: {temperature: 0.5}}, [{key: 'input.temperature', value: '0.5'}])).toEqual([{key: 'input.temperature', value: '0.5'}]);
		expect(metadataInFull({a: {b: 'multi\nline'}}, [{key: 'a.b', value: 'multi␤line'}])).toEqual([{key: 'a.b', value: 'multi\nline'}]);
		expect(metadataInFull({}, [{key: 'gone', value: 'as shown'}])).toEqual([{key: 'gone', value: 'as shown'}]);
	});
});

describe('the screen\'s own positions live in the session state', () => {
	it('a panel\'s first line and a text field\'s cursor are in controller.state, set by actions', async () => {
		const {type, controller, frame} = await screen(chatLines(6), {}, {columns: 60, rows: 15});
		await type('?', 'j', 'j');
		expect(controller.state.panelTop).toBe(2);
		expect(frame()).toMatch(/help lines 3–10 of/);
		await type('\u001B');
		expect(controller.state.panelTop).toBe(0);
		await type('c', 'abc', left, left);
		expect(controller.state.field.cursor).toBe(1);
		await type('X');
		expect(controller.state.mode).toMatchObject({name: 'note', text: 'aXbc'});
		expect(controller.state.field.cursor).toBe(2);
	});
});
