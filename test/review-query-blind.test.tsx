// Blind overlap mode through the query line (f): a query about decisions (verdict:, reason:,
// category:, reviewer:, rule:, the status terms) reads only the decisions the reviewer may see —
// the others' only on samples she has decided. A lead, and split mode, see every decision.
import {describe, expect, it} from 'vitest';
import {useReviewScreen} from './helpers/review-screen.js';
import {chatLines} from './helpers/review-fixture.js';
import {waitFor} from './helpers/wait-for.js';
import {withoutInkStyles} from './helpers/hostile-text.js';
import type {FixtureOptions} from './helpers/review-fixture.js';

const reviewScreen = useReviewScreen();

const at = '2026-01-01T10:00:00.000Z';
function decision(sample: string, reviewer: string, verdict: string, more: Record<string, unknown> = {}) {
	return {sample, reviewer, verdict, categories: [], note: '', at, blind: true, ...more};
}

/**
 * s2: bob rejected it (reason unsafe, category age, by a rule); s3: bob accepted, tester rejected (a
 * conflict tester may see); s4: bob accepted, cy rejected (a conflict tester may not see).
 */
function decisionsFile(mode: 'split' | 'overlap') {
	return {
		schema: 1,
		dataset: 'samples.jsonl',
		createdAt: at,
		mode,
		decisions: [
			decision('s2', 'bob', 'rejected', {reasons: ['unsafe'], categories: ['age'], rule: 'signal:refusal'}),
			decision('s3', 'bob', 'accepted'),
			decision('s3', 'tester', 'rejected'),
			decision('s4', 'bob', 'accepted'),
			decision('s4', 'cy', 'rejected'),
		],
	};
}

async function opened(options: FixtureOptions) {
	const screen = await reviewScreen(chatLines(6), options, {columns: 140, rows: 24});
	const text = () => withoutInkStyles(screen.frame());
	/** The count of the query's matches that the status filter `all` shows. */
	const count = async (query: string) => {
		await screen.type('f', '\u0015', `${query}\r`);
		await waitFor(() => screen.controller.query?.done === true, 'the query to finish');
		await screen.type('\u001B[C', '\u001B[D');
		return screen.controller.query!.matching;
	};

	while (screen.controller.state.filter !== 'all') await screen.type('F');
	return {...screen, text, count};
}

const queries = ['verdict:rejected', 'reason:unsafe', 'category:age', 'reviewer:bob', 'rule:signal:refusal', 'rule:*', 'status:conflict', 'status:rejected', 'status:accepted', 'status:undecided'];

describe('f in blind overlap mode', () => {
	it('counts and finds only the decisions the reviewer may see: others\' only on samples she has decided', async () => {
		const {count, text, type, controller} = await opened({mode: 'overlap', decisions: decisionsFile('overlap')});
		const counts: Record<string, number> = {};
		for (const query of queries) counts[query] = await count(query);
		expect(counts).toEqual({
			'verdict:rejected': 1, // s3, hers
			'reason:unsafe': 0,
			'category:age': 0,
			'reviewer:bob': 1, // s3, which she has decided
			'rule:signal:refusal': 0,
			'rule:*': 0,
			'status:conflict': 1, // s3 only: s4's conflict is bob's and cy's
			'status:rejected': 0, // s2 is rejected by bob alone
			'status:accepted': 0,
			'status:undecided': 6, // a conflict is undecided (the default policy)
		});
		// The trial's repro: the undecided filter, a query about a verdict on s2, which only bob decided.
		await count('verdict:rejected');
		while (controller.state.filter !== 'undecided') await type('F');
		await waitFor(() => controller.query?.done === true, 'the query to finish');
		await type('\u001B[C', '\u001B[D');
		expect(text()).toContain('query: verdict:rejected (0)');
		expect(controller.currentSample().sample.id).not.toBe('s2');
		// Once she has decided s2, bob's decision on it is hers to see, and to query.
		await type('f', '\u0015', '\r');
		while (controller.state.filter !== 'all') await type('F');
		await type('g', '\u001B[C');
		expect(controller.currentSample().sample.id).toBe('s2');
		await type('a');
		await waitFor(() => controller.currentSample().sample.id !== 's2', 'the decision');
		expect(await count('reason:unsafe')).toBe(1);
		expect(await count('status:conflict')).toBe(2);
	});

	it('a lead sees every decision, blind or not', async () => {
		const {count} = await opened({mode: 'overlap', lead: true, reviewer: 'lee', decisions: decisionsFile('overlap')});
		expect(await count('verdict:rejected')).toBe(3);
		expect(await count('reason:unsafe')).toBe(1);
		expect(await count('reviewer:bob')).toBe(3);
		expect(await count('status:conflict')).toBe(2);
	});

	it('split mode is not blind: every decision counts', async () => {
		const {count} = await opened({mode: 'split', decisions: decisionsFile('split')});
		expect(await count('verdict:rejected')).toBe(3);
		expect(await count('reason:unsafe')).toBe(1);
		expect(await count('category:age')).toBe(1);
		expect(await count('status:conflict')).toBe(2);
	});
});
