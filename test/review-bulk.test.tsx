// Deciding a cluster (C) or the filter's slice (D) in one step: which verdict, y/N with the count, one
// undo for the whole step, others' decisions left alone unless --lead, the rule recorded on each decision.
import {describe, expect, it} from 'vitest';
import {useReviewScreen} from './helpers/review-screen.js';
import {waitFor} from './helpers/wait-for.js';
import {withoutInkStyles} from './helpers/hostile-text.js';

const reviewScreen = useReviewScreen();

const refusal = 'As an AI language model, I cannot help with that request.';

function line(id: string, answer: string, question = `question ${id}`): string {
	return JSON.stringify({id, messages: [{role: 'user', content: question}, {role: 'assistant', content: answer}]});
}

/** s1, s3, s4 and s6 are one duplicate cluster (same question and answer); s2 and s5 are unique. */
const content = [
	line('s1', refusal, 'same question'),
	line('s2', 'Paris is the capital of France.'),
	line('s3', refusal, 'same question'),
	line('s4', refusal, 'same question'),
	line('s5', 'Water boils at one hundred degrees.'),
	line('s6', refusal, 'same question'),
].join('\n') + '\n';

async function opened(options: {lead?: boolean; mode?: 'split' | 'overlap'} = {}) {
	const screen = await reviewScreen(content, options, {columns: 120, rows: 24});
	screen.controller.startSignals();
	await waitFor(() => screen.controller.signals.table !== undefined, 'the signals table');
	return {...screen, text: () => withoutInkStyles(screen.frame())};
}

describe('C: deciding the current sample\'s cluster at once', () => {
	it('asks which verdict, then confirms with the count; y decides all with the rule; one u undoes the step', async () => {
		const {store, type, text, controller} = await opened();
		await type('C');
		expect(text()).toContain('decide 4 samples of this duplicate cluster at once');
		await type('r');
		expect(text()).toContain('reject 4 samples of this duplicate cluster? y/N');
		await type('y');
		for (const id of ['s1', 's3', 's4', 's6']) expect(store.get(id, 'tester')).toMatchObject({verdict: 'rejected', rule: 'cluster:duplicate:1'});
		expect(store.get('s2', 'tester')).toBeUndefined();
		expect(controller.counts.rejected).toBe(4);
		await type('u');
		for (const id of ['s1', 's3', 's4', 's6']) expect(store.get(id, 'tester')?.verdict).toBeNull();
		expect(store.get('s1', 'tester')?.rule).toBeUndefined();
		expect(text()).toContain('undone: the step over 4 samples');
		expect(controller.state.undo).toHaveLength(0);
	});

	it('u goes back to the sample the step was made on, not to the cluster\'s first sample', async () => {
		const {type, controller} = await opened();
		const id = () => controller.currentSample().sample.id;
		await type('\u001B[C', '\u001B[C', '\u001B[C');
		expect(id()).toBe('s4');
		await type('C', 'r', 'y');
		// s4 is decided: the undecided filter moves on.
		expect(id()).toBe('s5');
		await type('u');
		expect(id()).toBe('s4');
	});

	it('says how many lines a step decides when identical lines without an id share one decision', async () => {
		const same = JSON.stringify({messages: [{role: 'user', content: 'same question'}, {role: 'assistant', content: refusal}]});
		const other = JSON.stringify({messages: [{role: 'user', content: 'another question'}, {role: 'assistant', content: 'Paris.'}]});
		const screen = await reviewScreen(`${same}\n${other}\n${same}\n`, {}, {columns: 120, rows: 24});
		screen.controller.startSignals();
		await waitFor(() => screen.controller.signals.table !== undefined, 'the signals table');
		const text = () => withoutInkStyles(screen.frame());
		await screen.type('C', 'r');
		expect(text()).toContain('reject 1 sample (2 lines share its id) of this duplicate cluster? y/N');
		await screen.type('y');
		expect(screen.controller.counts.rejected).toBe(2);
		expect(text()).toContain('rejected 1 sample (2 lines share its id) of this duplicate cluster');
	});

	it('shows the cluster on its first sample too (which has no duplicate signal), under the header and in m', async () => {
		const {type, text} = await opened();
		expect(text()).toContain('1/6 id s1');
		expect(text()).toContain('⚠ duplicate: cluster of 4, this is 1 of 4 (the first, without the signal)');
		await type('m');
		expect(text()).toMatch(/cluster duplicate\W+duplicate: cluster of 4, this is 1 of 4/);
	});

	it('n or esc decides nothing; a sample in no cluster says so', async () => {
		const {store, type, text} = await opened();
		await type('C', 'a', 'n');
		expect(store.get('s1', 'tester')).toBeUndefined();
		await type('C', '\u001B');
		expect(store.get('s3', 'tester')).toBeUndefined();
		await type(':', '2\r', 'C');
		expect(text()).toContain('this sample is in no duplicate or near-duplicate cluster');
	});

	it('leaves samples another reviewer decided alone, unless the reviewer is the lead; flagging picks categories first', async () => {
		const {store, type, text} = await opened();
		store.set({sample: 's4', reviewer: 'ann', verdict: 'accepted', categories: [], note: ''});
		await type('C', 'b', '1', '\r');
		expect(text()).toMatch(/flag \(.+\) 3 of the 4 samples of this duplicate cluster \(1 decided by others left alone\)\? y\/N/);
		await type('y');
		expect(store.get('s4', 'tester')).toBeUndefined();
		expect(store.get('s6', 'tester')).toMatchObject({verdict: 'flagged', rule: 'cluster:duplicate:1'});
	});

	it('a lead decides them all', async () => {
		const {store, type, text} = await opened({lead: true});
		store.set({sample: 's4', reviewer: 'ann', verdict: 'accepted', categories: [], note: ''});
		await type('C', 'r');
		expect(text()).toContain('reject 4 samples of this duplicate cluster? y/N');
		await type('y');
		expect(store.get('s4', 'tester')).toMatchObject({verdict: 'rejected', rule: 'cluster:duplicate:1'});
	});
});

describe('C and D keep the reviewer\'s own correction', () => {
	const fixed = (id: string) => ({id, messages: [{role: 'user', content: 'same question'}, {role: 'assistant', content: `corrected ${id}`}]});

	it('C: each decision keeps the correction (and records it in replaced); one u restores each record exactly, reasons and correction', async () => {
		const {store, type} = await opened();
		store.set({sample: 's1', reviewer: 'tester', verdict: 'rejected', categories: [], note: 'mine', reasons: ['unsafe'], correction: fixed('s1')});
		store.set({sample: 's3', reviewer: 'tester', verdict: null, categories: [], note: '', correction: fixed('s3')});
		await type('C', 'a', 'y');
		expect(store.get('s1', 'tester')).toMatchObject({verdict: 'accepted', rule: 'cluster:duplicate:1', correction: fixed('s1'), replaced: {verdict: 'rejected', reasons: ['unsafe'], correction: fixed('s1')}});
		expect(store.get('s3', 'tester')).toMatchObject({verdict: 'accepted', correction: fixed('s3'), replaced: {verdict: null, correction: fixed('s3')}});
		expect(store.get('s4', 'tester')!.correction).toBeUndefined();
		await type('u');
		expect(store.get('s1', 'tester')).toMatchObject({verdict: 'rejected', note: 'mine', reasons: ['unsafe'], correction: fixed('s1')});
		expect(store.get('s3', 'tester')).toMatchObject({verdict: null, correction: fixed('s3')});
	});

	it('D: a corrected undecided sample keeps its correction; u keeps it too', async () => {
		const {store, type} = await opened();
		store.set({sample: 's3', reviewer: 'tester', verdict: null, categories: [], note: '', correction: fixed('s3')});
		await type('D', 'r', 'y');
		expect(store.get('s3', 'tester')).toMatchObject({verdict: 'rejected', rule: 'status:undecided', correction: fixed('s3')});
		await type('u');
		expect(store.get('s3', 'tester')).toMatchObject({verdict: null, correction: fixed('s3')});
	});
});

describe('C and D keep the reviewer\'s own note', () => {
	it('D without a note keeps each sample\'s note, recorded in replaced for --undo-rule even without a verdict; u restores it', async () => {
		const {store, type} = await opened();
		store.set({sample: 's3', reviewer: 'tester', verdict: null, categories: [], note: 'ask Bo'});
		await type('D', 'a', 'y');
		expect(store.get('s3', 'tester')).toMatchObject({verdict: 'accepted', note: 'ask Bo', rule: 'status:undecided', replaced: {verdict: null, note: 'ask Bo'}});
		expect(store.get('s2', 'tester')).toMatchObject({verdict: 'accepted', note: ''});
		expect(store.get('s2', 'tester')!.replaced).toBeUndefined();
		await type('u');
		expect(store.get('s3', 'tester')).toMatchObject({verdict: null, note: 'ask Bo'});
	});
});

describe('C in overlap mode', () => {
	it('decides every sample of the cluster: others\' decisions neither block nor show (blind), and the step is marked blind', async () => {
		const {store, type, text} = await opened({mode: 'overlap'});
		store.set({sample: 's4', reviewer: 'ann', verdict: 'accepted', categories: [], note: ''});
		await type('C', 'r');
		expect(text()).toContain('reject 4 samples of this duplicate cluster? y/N');
		await type('y');
		expect(store.get('s4', 'tester')).toMatchObject({verdict: 'rejected', rule: 'cluster:duplicate:1', blind: true});
		expect(store.get('s4', 'ann')).toMatchObject({verdict: 'accepted'});
	});
});

describe('D: deciding the slice the filter shows', () => {
	it('accepts every undecided sample in one step, recording the rule, and one u undoes it', async () => {
		const {store, type, text} = await opened();
		await type('r');
		await type('D', 'a');
		expect(text()).toContain('accept 5 samples matching status:undecided? y/N');
		await type('y');
		expect(store.get('s1', 'tester')).toMatchObject({verdict: 'rejected'});
		expect(store.get('s1', 'tester')?.rule).toBeUndefined();
		for (const id of ['s2', 's3', 's4', 's5', 's6']) expect(store.get(id, 'tester')).toMatchObject({verdict: 'accepted', rule: 'status:undecided'});
		await type('u');
		for (const id of ['s2', 's3', 's4', 's5', 's6']) expect(store.get(id, 'tester')?.verdict).toBeNull();
		expect(store.get('s1', 'tester')).toMatchObject({verdict: 'rejected'});
	});
});
