// A dataset field named like a query keyword (Dolly's "category", argilla's "status"): the keyword
// asks about decisions, so `category:brainstorming` matches nothing; the check says to write $.category.
import {describe, expect, it} from 'vitest';
import {EntryMatcher} from '../source/query/entry-facts.js';
import {complete, parseQuery} from '../source/query/index.js';
import type {StatusResult} from '../source/store/verdict-policy.js';
import type {DecisionRecord} from '../source/store/schema.js';

const undecided: StatusResult = {status: 'undecided', matches: ['undecided'], conflict: false, resolved: false, deciders: 0};

function problemOf(query: string, samples: unknown[], records: (index: number) => DecisionRecord[] = () => []): string | undefined {
	const matcher = new EntryMatcher(parseQuery(query));
	for (const [index, sample] of samples.entries()) matcher.matches(Buffer.from(JSON.stringify(sample)), index, undecided, () => records(index));
	return matcher.fields.problem('dolly.jsonl');
}

const dolly = [{instruction: 'a', category: 'open_qa'}, {instruction: 'b', category: 'brainstorming'}, {instruction: 'c', category: 'Brainstorming'}];

describe('a keyword that is also a field of the samples', () => {
	it('says to write $.category when category: matches no decision but the field has the value', () => {
		expect(problemOf('category:brainstorming', dolly)).toBe('category:brainstorming asks about the reviewers\' bias categories and matches no sample, but samples in dolly.jsonl have a field "category" equal to brainstorming: for the field, write $.category:brainstorming');
		expect(problemOf('model:x | reviewer:alice', [{model: 'x', reviewer: 'alice'}])).toMatch(/write \$\.reviewer:alice$/);
	});

	it('says nothing when the keyword matched a sample, or no sample has the field with that value', () => {
		const record = {category: ['brainstorming']} as unknown as DecisionRecord;
		expect(problemOf('category:brainstorming', dolly, index => index === 0 ? [{...record, verdict: 'rejected', categories: ['brainstorming']} as DecisionRecord] : [])).toBeUndefined();
		expect(problemOf('category:gender', dolly)).toBeUndefined();
		expect(problemOf('$.category:brainstorming', dolly)).toBeUndefined();
	});

	it('names the field in the parse error for a value the keyword cannot take', () => {
		expect(() => parseQuery('status:tie')).toThrow('unknown status "tie" (one of accepted, rejected, flagged, undecided, conflict, changed); for a field named "status", write $.status:tie');
		// A near miss is a typo of the keyword's value: no hint.
		expect(() => parseQuery('status:acepted')).toThrow(/did you mean accepted\?[^;]*$/);
	});

	it('completes the field as $.category, beside the keyword', () => {
		const context = {fields: ['category', 'instruction'], categories: ['gender'], values: (name: string) => (name === '$.category' ? ['brainstorming', 'open_qa'] : [])};
		expect(complete('cat', context).candidates).toEqual(['$.category:', 'category:']);
		expect(complete('category:g', context).candidates).toEqual(['category:gender']);
		expect(complete('category:bra', context).candidates).toEqual(['$.category:brainstorming']);
	});
});
