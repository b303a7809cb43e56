import {describe, expect, it} from 'vitest';
import {useReviewScreen} from './helpers/review-screen.js';
import {waitFor} from './helpers/wait-for.js';
import {chatLines} from './helpers/review-fixture.js';
import {parseSearch, matchRanges, countInBlocks, rawMayMatch} from '../source/review/search-pattern.js';

const screen = useReviewScreen();

describe('search patterns', () => {
	it('takes plain text in any case, /regex/ with flags, and says in one sentence what is wrong with a bad one', () => {
		const plain = parseSearch('a.b');
		if ('error' in plain) throw new Error(plain.error);
		expect(matchRanges(plain, 'A.B axb a.b')).toEqual([[0, 3], [8, 11]]);
		const regex = parseSearch('/a.b/');
		if ('error' in regex) throw new Error(regex.error);
		expect(matchRanges(regex, 'A.B axb')).toEqual([[4, 7]]);
		const insensitive = parseSearch('/a.b/i');
		if ('error' in insensitive) throw new Error(insensitive.error);
		expect(matchRanges(insensitive, 'A.B axb')).toHaveLength(2);
		expect(parseSearch('/[/')).toEqual({error: expect.stringMatching(/^the search \/\[\/ is not a valid regular expression \(.+\): fix it/)});
		expect(parseSearch('/x/q')).toEqual({error: expect.stringContaining('has the flag “q”')});
		const empty = parseSearch('/x*/');
		if ('error' in empty) throw new Error(empty.error);
		expect(matchRanges(empty, 'abc')).toEqual([]);
		expect(countInBlocks(plain, [{label: 'a.b', text: 'a.b\nxx a.b', tone: 'user'}])).toBe(3);
	});

	it('compiles the raw-text prefilter once per search, not once per sample searched', () => {
		const pattern = parseSearch('/caf\\u00e9|na.ve/i');
		if ('error' in pattern) throw new Error(pattern.error);
		const original = globalThis.RegExp;
		let compiled = 0;
		globalThis.RegExp = new Proxy(original, {
			construct(target, args) {
				compiled++;
				return Reflect.construct(target, args) as object;
			},
		});
		let found: boolean[];
		try {
			found = ['{"text":"NAIVE"}', '{"text":"caf\\u00e9"}', '{"text":"nothing"}', '{"text":"na\\u00efve"}'].map(raw => rawMayMatch(pattern, raw));
		} finally {
			globalThis.RegExp = original;
		}

		expect(found).toEqual([true, true, false, true]);
		expect(compiled).toBe(0);
	});
});

describe('searching the review screen', () => {
	it('finds a match in the sample on screen, marks it (visible without colour) and counts it', async () => {
		const {frame, type, controller} = await screen(chatLines(3));
		expect(frame()).toContain('answer 1');
		await type('/', 'answer 1', '\r');
		await waitFor(() => /match 1 of 1\b/.test(frame()));
		expect(controller.state.cursor).toBe(0);
		expect(frame()).toMatch(/^> answer 1/m);
		expect(frame()).not.toMatch(/^> question 1/m);
	});

	it('n and N go through the matches inside a sample first, then to the next sample, with "match N of M"', async () => {
		const {frame, type, controller} = await screen(chatLines(4, i => `word and word ${i + 1}`));
		await type('/', 'WORD', '\r');
		await waitFor(() => frame().includes('match 1 of 8 '));
		expect(controller.state.cursor).toBe(0);
		await type('n');
		await waitFor(() => frame().includes('match 2 of 8 '));
		expect(controller.state.cursor).toBe(0);
		await type('n');
		await waitFor(() => frame().includes('match 3 of 8 '));
		expect(controller.state.cursor).toBe(1);
		await type('N');
		await waitFor(() => frame().includes('match 2 of 8 '));
		expect(controller.state.cursor).toBe(0);
		await type('N', 'N');
		await waitFor(() => frame().includes('match 8 of 8 (wrapped)'));
		expect(controller.state.cursor).toBe(3);
	});

	it('says "(wrapped)" only when the search went round to another match, not back to the only one', async () => {
		const lines = [
			JSON.stringify({id: 'a', messages: [{role: 'user', content: 'ما هو الذكاء الاصطناعي؟'}, {role: 'assistant', content: 'فرع من علوم الحاسوب.'}]}),
			JSON.stringify({id: 'b', messages: [{role: 'user', content: 'hello'}, {role: 'assistant', content: 'hi'}]}),
		].join('\n') + '\n';
		const {frame, type, controller} = await screen(lines);
		await type('/', 'الحاسوب', '\r');
		await waitFor(() => frame().includes('match 1 of 1 for'));
		await type('n');
		await waitFor(() => controller.state.hit?.serial === 2);
		expect(controller.state.cursor).toBe(0);
		expect(controller.state.message).toMatch(/^match 1 of 1 for/);
		await type('N');
		await waitFor(() => controller.state.hit?.serial === 3);
		expect(controller.state.message).toMatch(/^match 1 of 1 for/);
	});

	it('accepts /regex/ with flags, and says what is wrong with a bad one', async () => {
		const {frame, type, controller} = await screen(chatLines(4));
		await type('/', '/answ\\w+ [34]/', '\r');
		await waitFor(() => frame().includes('match 1 of 2 '));
		expect(controller.state.cursor).toBe(2);
		await type('/', '/ANSWER 2/', '\r');
		await waitFor(() => frame().includes('not found'));
		await type('/', '/ANSWER 2/i', '\r');
		await waitFor(() => frame().includes('match 1 of 1 '));
		expect(controller.state.cursor).toBe(1);
		await type('/', '/(/', '\r');
		await waitFor(() => frame().includes('is not a valid regular expression'));
		expect(controller.state.cursor).toBe(1);
	});

	it('respects the filter: a decided sample is not a match among the undecided ones', async () => {
		const {frame, type, controller} = await screen(chatLines(3));
		await type('a');
		await waitFor(() => controller.state.cursor === 1);
		await type('/', 'answer 1', '\r');
		await waitFor(() => frame().includes('not found among the undecided samples'));
		await type('/', 'answer', '\r');
		await waitFor(() => frame().includes('match 1 of 2 '));
	});

	it('matches what is shown: escaped text as decoded, not fields left off the screen', async () => {
		const lines = [
			JSON.stringify({id: 'a', messages: [{role: 'user', content: 'plain'}, {role: 'assistant', content: 'x'}], model: 'hidden-model'}),
			JSON.stringify({id: 'b', messages: [{role: 'user', content: 'un café noir'}, {role: 'assistant', content: 'y'}]}).replace('é', '\\u00e9'),
		].join('\n') + '\n';
		const {frame, type, controller} = await screen(lines);
		await type('/', 'café', '\r');
		await waitFor(() => frame().includes('match 1 of 1 '));
		expect(controller.state.cursor).toBe(1);
		expect(frame()).toMatch(/^> un café noir/m);
		await type('/', 'hidden-model', '\r');
		await waitFor(() => frame().includes('not found'));
	});

	it('scrolls a long sample to the first match and marks it', async () => {
		const long = Array.from({length: 80}, (_, i) => (i === 60 ? 'the needle is here' : `filler line ${i}`)).join('\n');
		const lines = chatLines(1, () => long);
		const {frame, type} = await screen(lines, {}, {columns: 80, rows: 24});
		expect(frame()).not.toContain('needle');
		await type('/', 'needle', '\r');
		await waitFor(() => frame().includes('match 1 of 1 '));
		await waitFor(() => /^> the needle is here/m.test(frame()));
		expect(frame()).toContain('(continued)');
	});
});
