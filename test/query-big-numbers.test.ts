// Integers beyond 2^53 in a query and a sample: JSON.parse rounds 9007199254740993 to ...992, so
// they are compared by their digits as the line writes them, as sample identity does.
import {describe, expect, it} from 'vitest';
import {sampleId} from '../source/dataset/identity.js';
import {EntryMatcher} from '../source/query/entry-facts.js';
import {parseQuery} from '../source/query/index.js';
import type {StatusResult} from '../source/store/verdict-policy.js';

const undecided: StatusResult = {status: 'undecided', matches: ['undecided'], conflict: false, resolved: false, deciders: 0};
const lines = [
	'{"id": 9007199254740993, "meta": {"n": 9007199254740993}}',
	'{"id": 9007199254740992, "meta": {"n": 9007199254740992}}',
	'{"id": 1e2}',
	'{"id": 100}',
	'{"id": "100"}',
];

function matching(query: string): number[] {
	const matcher = new EntryMatcher(parseQuery(query));
	return lines.flatMap((line, index) => (matcher.matches(Buffer.from(line), index, undecided, () => []) ? [index + 1] : []));
}

describe('numbers in queries and ids', () => {
	it('tells integers beyond 2^53 apart by their digits, top-level and nested', () => {
		expect(matching('id:9007199254740993')).toEqual([1]);
		expect(matching('id:9007199254740992')).toEqual([2]);
		expect(matching('meta.n:9007199254740993')).toEqual([1]);
		expect(matching('meta.n:9007199254740992')).toEqual([2]);
		expect(sampleId(Buffer.from(lines[0]), 'id')).not.toBe(sampleId(Buffer.from(lines[1]), 'id'));
	});

	it('compares a number by value and a string by its text; identity is the id as written', () => {
		expect(matching('id:100')).toEqual([3, 4, 5]);
		expect(matching('id:1e2')).toEqual([3, 4]);
		expect(sampleId(Buffer.from(lines[3]), 'id')).toBe(sampleId(Buffer.from(lines[4]), 'id'));
		expect(sampleId(Buffer.from(lines[2]), 'id')).toBe('1e2');
	});
});
