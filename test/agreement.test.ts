import {describe, expect, it} from 'vitest';
import {agreementOf, cohen, fleiss, verdictsBySample} from '../source/report/agreement.js';
import type {DecisionRecord, Verdict} from '../source/store/schema.js';

function samplesFromPairs(pairs: Array<[Verdict, Verdict, number]>): Array<Map<string, Verdict>> {
	return pairs.flatMap(([a, b, n]) => Array.from({length: n}, () => new Map([['A', a], ['B', b]])));
}

describe('agreement', () => {
	it("Cohen's kappa matches the textbook example (50 items: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → κ = 0.4)", () => {
		const samples = samplesFromPairs([['accepted', 'accepted', 20], ['accepted', 'rejected', 5], ['rejected', 'accepted', 10], ['rejected', 'rejected', 15]]);
		const pair = cohen('A', 'B', samples);
		expect(pair.samples).toBe(50);
		expect(pair.agreement).toBeCloseTo(0.7, 10);
		expect(pair.kappa).toBeCloseTo(0.4, 10);
	});

	it("Fleiss' kappa matches Fleiss's worked example (10 subjects, 14 raters, 5 categories → κ ≈ 0.210)", () => {
		const table = [
			[0, 0, 0, 0, 14],
			[0, 2, 6, 4, 2],
			[0, 0, 3, 5, 6],
			[0, 3, 9, 2, 0],
			[2, 2, 8, 1, 1],
			[7, 7, 0, 0, 0],
			[3, 2, 6, 3, 0],
			[2, 5, 3, 2, 2],
			[6, 5, 2, 1, 0],
			[0, 2, 2, 3, 7],
		];
		expect(fleiss(table)).toBeCloseTo(0.21, 3);
	});

	it('is undefined (null) when chance agreement is certain, and 1 for perfect agreement with variety', () => {
		expect(cohen('A', 'B', samplesFromPairs([['accepted', 'accepted', 5]])).kappa).toBeNull();
		expect(cohen('A', 'B', samplesFromPairs([['accepted', 'accepted', 5], ['rejected', 'rejected', 5]])).kappa).toBeCloseTo(1, 10);
	});

	it('uses only samples with two or more verdicts, ignoring undone records', () => {
		const record = (sample: string, reviewer: string, verdict: Verdict | null): DecisionRecord => ({sample, reviewer, verdict, categories: [], note: '', at: '2026-01-01T00:00:00.000Z'});
		const bySample = verdictsBySample([
			record('s1', 'A', 'accepted'), record('s1', 'B', 'accepted'), record('s1', 'C', 'rejected'),
			record('s2', 'A', 'accepted'), record('s2', 'B', null),
			record('s3', 'A', 'flagged'), record('s3', 'C', 'flagged'),
		]);
		const result = agreementOf(bySample.values());
		expect(result.samples).toBe(2);
		expect(result.reviewers).toEqual(['A', 'B', 'C']);
		// s1: pairs AB agree, AC and BC do not (1 of 3); s3: AC agree (1 of 1): 2 of 4.
		expect(result.percentAgreement).toBeCloseTo(0.5, 10);
		expect(result.pairs.map(p => p.reviewers.join('-'))).toEqual(['A-B', 'A-C', 'B-C']);
		expect(result.fleissKappa).not.toBeNull();
	});
});

describe('agreement in stats', () => {
	it('is computed on the samples in the dataset only', async () => {
		const {computeStats} = await import('../source/report/stats.js');
		const record = (sample: string, reviewer: string, verdict: Verdict): DecisionRecord => ({sample, reviewer, verdict, categories: [], note: '', at: '2026-01-01T00:00:00.000Z'});
		const stats = computeStats(
			[{id: 'a', lineNumber: 1}, {id: 'b', lineNumber: 2}],
			[record('a', 'x', 'accepted'), record('a', 'y', 'accepted'), record('b', 'x', 'accepted'), record('b', 'y', 'rejected'), record('gone', 'x', 'accepted'), record('gone', 'y', 'rejected')],
		);
		expect(stats.agreement.samples).toBe(2);
		expect(stats.agreement.percentAgreement).toBeCloseTo(0.5, 10);
		expect(stats.agreement.pairs).toHaveLength(1);
	});

	it('agrees over 130,000 samples shared by three reviewers (no spread of a data-sized array)', () => {
		const verdicts: Verdict[] = ['accepted', 'rejected', 'flagged'];
		const samples = Array.from({length: 130_000}, (_, i) => new Map<string, Verdict>([['A', verdicts[i % 3]], ['B', verdicts[i % 3]], ['C', verdicts[(i + (i % 7 === 0 ? 1 : 0)) % 3]]]));
		const result = agreementOf(samples);
		expect(result.samples).toBe(130_000);
		expect(fleiss(Array.from({length: 130_000}, (_, i) => [i % 3, 3 - (i % 3)]))).not.toBeNull();
	});
});

