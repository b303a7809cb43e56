// An overlap session started on a new decisions file that another session then creates in split mode
// (or the other way round): once it says so, it decides nothing more — each key that would decide
// says why — so a split file never gets a second decision on a sample from it.
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {DecisionStore} from '../source/store/decision-store.js';
import {useReviewScreen} from './helpers/review-screen.js';
import {chatLines} from './helpers/review-fixture.js';
import {withoutInkStyles} from './helpers/hostile-text.js';

const reviewScreen = useReviewScreen();

async function sessions(mine: 'split' | 'overlap', theirs: 'split' | 'overlap') {
	const screen = await reviewScreen(chatLines(4), {mode: mine, reviewer: 'ann'}, {columns: 200, rows: 24});
	screen.store.adoptMode(mine);
	// bob's session, started with the other mode, decides first: the file is created in his mode.
	const bob = await DecisionStore.open(screen.db, screen.dataset.name, {watchInterval: 0, writeDelay: 5});
	bob.adoptMode(theirs);
	bob.set({sample: 's1', reviewer: 'bob', verdict: 'accepted'});
	await bob.flush();
	bob.close();
	await screen.store.reload();
	const text = () => withoutInkStyles(screen.frame());
	// Said once, as soon as the file is seen in the other mode.
	if (mine !== theirs) await screen.until(() => text().includes(`another session created the decisions file in ${theirs} mode while this one reviews in ${mine} mode, so this one decides nothing`), 'the warning');
	const onDisk = () => (JSON.parse(readFileSync(screen.db, 'utf8')) as {mode: string; decisions: Array<{sample: string; reviewer: string}>});
	return {...screen, text, onDisk};
}

const refused = /not decided: another session created the decisions file in split mode while this one reviews in overlap mode, so this one decides nothing: quit \(q\) and start again/;

describe('the decisions file created in another mode by another session', () => {
	it('an overlap session on a file created in split mode says so, then refuses every key that would decide', async () => {
		const {type, text, store, controller, onDisk} = await sessions('overlap', 'split');
		expect(store.mode).toBe('split');
		expect(controller.currentSample().sample.id).toBe('s1');
		for (const keys of [['a'], ['r'], ['x'], ['c'], ['u'], ['D']]) {
			await type(...keys);
			expect(text(), `key ${keys.join('')}`).toMatch(refused);
			expect(controller.state.mode.name).toBe('browse');
		}

		// Nothing of ann's in the file: s1 keeps bob's decision alone.
		await store.flush();
		expect(store.get('s1', 'ann')).toBeUndefined();
		expect(onDisk()).toMatchObject({mode: 'split'});
		expect(onDisk().decisions.map(record => `${record.sample}:${record.reviewer}`)).toEqual(['s1:bob']);
		// Moving about still works.
		await type('\u001B[C');
		expect(controller.currentSample().sample.id).toBe('s2');
	});

	it('a split session on a file created in overlap mode refuses too; matching modes decide as ever', async () => {
		const split = await sessions('split', 'overlap');
		await split.type('\u001B[C', 'a');
		expect(split.text()).toMatch(/not decided: another session created the decisions file in overlap mode while this one reviews in split mode/);
		expect(split.store.get('s2', 'ann')).toBeUndefined();
		await split.close();

		const same = await sessions('overlap', 'overlap');
		await same.type('a');
		expect(same.store.get('s1', 'ann')?.verdict).toBe('accepted');
	});
});
