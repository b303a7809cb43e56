import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {DecisionRecord, Verdict} from '../source/store/schema.js';
import {isPolicy, isSampleStatus, majorityOfCounts, matchesStatus, sampleStatus} from '../source/store/verdict-policy.js';

let clock = 0;
function record(reviewer: string, verdict: Verdict | null, extra: Partial<DecisionRecord> = {}): DecisionRecord {
	clock++;
	return {sample: 's', reviewer, verdict, categories: [], note: '', at: new Date(Date.UTC(2024, 0, 1, 0, 0, clock)).toISOString(), ...extra};
}

describe('sampleStatus', () => {
	it('is undecided with no records, or only undone (null) ones, under every policy', () => {
		for (const policy of ['majority', 'unanimous', 'any'] as const) {
			expect(sampleStatus(undefined, policy)).toMatchObject({status: 'undecided', matches: ['undecided'], conflict: false, deciders: 0});
			expect(sampleStatus([], policy).status).toBe('undecided');
			expect(sampleStatus([record('a', null), record('b', null)], policy)).toMatchObject({status: 'undecided', conflict: false});
		}
	});

	it('takes a single reviewer\'s verdict as it is', () => {
		for (const verdict of ['accepted', 'rejected', 'flagged'] as const) {
			for (const policy of ['majority', 'unanimous', 'any'] as const) {
				expect(sampleStatus([record('a', verdict)], policy)).toMatchObject({status: verdict, matches: [verdict], conflict: false, resolved: false, deciders: 1});
			}
		}
	});

	it('majority: more than half of those who decided; a tie or a three-way split is a conflict left undecided', () => {
		expect(sampleStatus([record('a', 'accepted'), record('b', 'accepted'), record('c', 'rejected')])).toMatchObject({status: 'accepted', conflict: true, deciders: 3});
		expect(sampleStatus([record('a', 'accepted'), record('b', 'rejected')])).toMatchObject({status: 'undecided', matches: ['undecided'], conflict: true});
		expect(sampleStatus([record('a', 'accepted'), record('b', 'rejected'), record('c', 'flagged')])).toMatchObject({status: 'undecided', conflict: true});
		// An undone decision does not count towards the majority.
		expect(sampleStatus([record('a', 'accepted'), record('b', 'accepted'), record('c', null), record('d', 'rejected')])).toMatchObject({status: 'accepted', deciders: 3});
		expect(sampleStatus([record('a', 'flagged'), record('b', 'flagged')])).toMatchObject({status: 'flagged', conflict: false});
	});

	it('unanimous: any disagreement is a conflict left undecided', () => {
		expect(sampleStatus([record('a', 'accepted'), record('b', 'accepted')], 'unanimous')).toMatchObject({status: 'accepted', conflict: false});
		expect(sampleStatus([record('a', 'accepted'), record('b', 'accepted'), record('c', 'rejected')], 'unanimous')).toMatchObject({status: 'undecided', conflict: true});
	});

	it('any: a disputed sample matches every verdict it got; its single status is the newest decision', () => {
		const result = sampleStatus([record('a', 'accepted'), record('b', 'accepted'), record('c', 'flagged')], 'any');
		expect(result.matches).toEqual(['accepted', 'flagged']);
		expect(result).toMatchObject({status: 'flagged', conflict: true});
	});

	it('a resolution wins outright under every policy; the newest resolution wins; an undone one does not count', () => {
		const records = [record('a', 'accepted'), record('b', 'accepted'), record('lead', 'rejected', {resolution: true})];
		for (const policy of ['majority', 'unanimous', 'any'] as const) {
			expect(sampleStatus(records, policy)).toMatchObject({status: 'rejected', matches: ['rejected'], conflict: false, resolved: true, deciders: 3});
		}

		const two = [record('lead1', 'rejected', {resolution: true}), record('lead2', 'flagged', {resolution: true}), record('a', 'accepted')];
		expect(sampleStatus(two).status).toBe('flagged');
		const undone = [record('a', 'accepted'), record('b', 'rejected'), record('lead', null, {resolution: true})];
		expect(sampleStatus(undone)).toMatchObject({status: 'undecided', conflict: true, resolved: false});
	});

	it('does not depend on the order of the records', () => {
		const records = [record('a', 'accepted'), record('b', 'rejected'), record('c', 'accepted'), record('d', 'flagged', {resolution: true})];
		const reversed = [...records].reverse();
		for (const policy of ['majority', 'unanimous', 'any'] as const) expect(sampleStatus(reversed, policy)).toEqual(sampleStatus(records, policy));
	});
});

describe('matchesStatus', () => {
	it('accepts one status, a list or a set', () => {
		const records = [record('a', 'accepted'), record('b', 'rejected')];
		expect(matchesStatus(records, 'undecided')).toBe(true);
		expect(matchesStatus(records, 'accepted')).toBe(false);
		expect(matchesStatus(records, ['accepted', 'rejected'], 'any')).toBe(true);
		expect(matchesStatus(records, new Set(['flagged'] as const), 'any')).toBe(false);
		expect(matchesStatus(records, new Set(['undecided'] as const), 'any')).toBe(false);
		expect(matchesStatus(undefined, 'undecided', 'any')).toBe(true);
	});
});

describe('names', () => {
	it('recognises policies and statuses', () => {
		expect(['majority', 'unanimous', 'any'].every(isPolicy)).toBe(true);
		expect(isPolicy('most')).toBe(false);
		expect(['accepted', 'rejected', 'flagged', 'undecided'].every(isSampleStatus)).toBe(true);
		expect(isSampleStatus('approved')).toBe(false);
	});
});

describe('majorityOfCounts', () => {
	it('gives sampleStatus\'s status and conflict from the verdict counts of records without a resolution', () => {
		const verdict = fc.constantFrom<Verdict | null>('accepted', 'rejected', 'flagged', null);
		fc.assert(fc.property(fc.array(verdict, {maxLength: 7}), verdicts => {
			const records = verdicts.map((one, i) => record(`r${i}`, one));
			const count = (wanted: Verdict) => verdicts.filter(one => one === wanted).length;
			const {status, conflict} = sampleStatus(records);
			expect(majorityOfCounts(count('accepted'), count('rejected'), count('flagged'))).toEqual({status, conflict});
		}));
	});
});
