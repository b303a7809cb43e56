// Reject reasons (issue #13): `r` rejects and advances at once; the key bar then offers the reasons,
// and a digit as the next key attaches one; any other key goes on. With requireReason, `r` opens a
// picker. The bias picker and the reasons picker keep the sample in view above them.
import {describe, expect, it} from 'vitest';
import {chatLines} from './helpers/review-fixture.js';
import {useReviewScreen} from './helpers/review-screen.js';
import {waitFor} from './helpers/wait-for.js';

const screen = useReviewScreen();

describe('reasons for a rejection', () => {
	it('r rejects at once; digits right after it attach reasons; the next other key goes on and does its job', async () => {
		const {frame, type, store} = await screen(chatLines(6));
		await type('r');
		await waitFor(() => frame().includes('question 2'));
		expect(store.get('s1', 'tester')?.verdict).toBe('rejected');
		expect(frame()).toContain('reason for s1? 1 factually wrong  2 unsafe');
		await type('2', '6');
		await waitFor(() => store.get('s1', 'tester')?.reasons?.length === 2);
		expect(store.get('s1', 'tester')?.reasons).toEqual(['unsafe', 'duplicate']);
		expect(frame()).toContain('[unsafe]');
		// Another key: accepted as usual, and the offer is gone.
		await type('a');
		await waitFor(() => store.get('s2', 'tester')?.verdict === 'accepted');
		expect(frame()).not.toContain('reason for');
		// A digit now gives no reason to anything.
		await type('3');
		expect(frame()).toContain('a digit gives a reason right after r');
		expect(store.get('s1', 'tester')?.reasons).toEqual(['unsafe', 'duplicate']);
		// On screen: going back shows the reasons on the decision line.
		await type('u', 'u');
		await waitFor(() => frame().includes('question 1'));
		expect(store.get('s1', 'tester')?.verdict).toBeNull();
		expect(store.get('s1', 'tester')?.reasons).toBeUndefined();
	});

	it('in overlap mode a reason keeps the rejection blind', async () => {
		const {type, store} = await screen(chatLines(3), {mode: 'overlap'});
		await type('r');
		await waitFor(() => store.get('s1', 'tester')?.verdict === 'rejected');
		expect(store.get('s1', 'tester')?.blind).toBe(true);
		await type('2');
		await waitFor(() => store.get('s1', 'tester')?.reasons?.length === 1);
		expect(store.get('s1', 'tester')).toMatchObject({verdict: 'rejected', reasons: ['unsafe'], blind: true});
	});

	it('the decision line shows the reasons given', async () => {
		const {frame, type} = await screen(chatLines(3));
		await type('r', '1', 'h');
		await waitFor(() => frame().includes('question 1'));
		expect(frame()).toContain('rejected (factually wrong)');
	});

	it('with requireReason, r opens a picker (the sample still in view) and a rejection needs a reason', async () => {
		const {frame, type, store} = await screen(chatLines(3), {requireReason: true, reasons: ['wrong', 'rude']});
		await type('r');
		await waitFor(() => frame().includes('Reject: pick one or more reasons'));
		expect(frame()).toContain('question 1');
		expect(store.get('s1', 'tester')).toBeUndefined();
		await type('\r');
		expect(frame()).toContain('a rejection needs a reason');
		await type('2', '\r');
		await waitFor(() => store.get('s1', 'tester')?.verdict === 'rejected');
		expect(store.get('s1', 'tester')?.reasons).toEqual(['rude']);
		expect(frame()).toContain('question 2');
	});

	it('the bias picker takes the lower part of the screen: the sample stays visible above it', async () => {
		const {frame, type} = await screen(chatLines(3), {}, {columns: 80, rows: 30});
		await type('b');
		await waitFor(() => frame().includes('Flag for bias'));
		const lines = frame().split('\n');
		const title = lines.findIndex(line => line.includes('Flag for bias'));
		const sample = lines.findIndex(line => line.includes('question 1'));
		expect(sample).toBeGreaterThan(0);
		expect(sample).toBeLessThan(title);
		expect(frame()).toContain('socioeconomic status');
	});
});
