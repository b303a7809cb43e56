import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {EntrySpan} from '../source/dataset/entry-span.js';
import {StatsAccumulator} from '../source/report/stats.js';
import {DecisionLines} from '../source/store/decision-lines.js';
import {serializeDecisionsFile} from '../source/store/decisions-file.js';
import {policies, type Policy} from '../source/store/verdict-policy.js';
import type {DecisionRecord} from '../source/store/schema.js';

/*
The statistics from a decisions file kept as its bytes (DecisionLines, which makes record objects
only when it must) and from a plain list of records (as before) must be the same, whatever the
records: several reviewers, the same reviewer twice, resolutions, undone decisions, categories,
escaped or non-ASCII ids, decisions on samples not in the dataset. And the dataset's ids given as
strings or as scanned entries (EntrySpan) must count the same.
*/

const samples = ['s1', 's2', 's3', 's4', 'é5', 'q"6', 's7'];
const record = fc.record({
	sample: fc.constantFrom(...samples, 'gone1', 'gone2'),
	reviewer: fc.constantFrom('ann', 'bob', 'cy'),
	verdict: fc.constantFrom('accepted', 'rejected', 'flagged', null),
	categories: fc.subarray(['age', 'religion', 'other']),
	note: fc.constantFrom('', 'check'),
	at: fc.integer({min: 0, max: 20}).map(minute => new Date(Date.UTC(2024, 0, 1, 9, minute)).toISOString()),
	resolution: fc.constantFrom(undefined, true, false),
}).map(({resolution, ...rest}) => (resolution === undefined ? rest : {...rest, resolution}) as DecisionRecord);

function statsFrom(source: DecisionRecord[] | DecisionLines, ids: string[], policy: Policy, asEntries: boolean) {
	const accumulator = new StatsAccumulator(source, {policy});
	const span = EntrySpan.forField('id');
	const results = ids.map((id, i) => {
		if (!asEntries) return accumulator.add(id, i + 1, i % 5 === 4);
		const buffer = Buffer.from(`${JSON.stringify({id, text: 'x'})}\n`);
		span.set(buffer, 0, buffer.length - 1, 0, i + 1);
		return accumulator.add(span, i + 1, i % 5 === 4);
	});
	const records = samples.map(sample => accumulator.recordsFor(sample));
	return {results, records, stats: accumulator.finish()};
}

describe('StatsAccumulator over a DecisionLines source', () => {
	it('gives the same figures, statuses and records as over the list of records', () => {
		fc.assert(fc.property(fc.array(record, {maxLength: 25}), fc.array(fc.constantFrom(...samples), {maxLength: 15}), fc.constantFrom(...policies), fc.boolean(), (decisions, ids, policy, asEntries) => {
			const text = serializeDecisionsFile({schema: 1, dataset: 'd.jsonl', createdAt: '2024-01-01T00:00:00.000Z', decisions});
			const lines = DecisionLines.read(Buffer.from(text));
			expect(lines).toBeDefined();
			const expected = statsFrom(decisions, ids, policy, false);
			const found = statsFrom(lines!, ids, policy, asEntries);
			expect(found.stats).toEqual(expected.stats);
			expect(found.results).toEqual(expected.results);
			expect(found.records).toEqual(expected.records);
		}), {numRuns: 1500});
	});
});

describe('the reviewers\' figures over a DecisionLines source', () => {
	it('read each one-record sample\'s reviewer and time without its record, in JSON.stringify\'s form or another', () => {
		// Some lines in another form (keys in another order, spaces): kept parsed, read from the record.
		const other = (decision: DecisionRecord) => `{"at": ${JSON.stringify(decision.at)}, "reviewer": ${JSON.stringify(decision.reviewer)}, "sample": ${JSON.stringify(decision.sample)}, "verdict": ${JSON.stringify(decision.verdict)}, "categories": ${JSON.stringify(decision.categories)}, "note": ${JSON.stringify(decision.note)}${decision.resolution === undefined ? '' : `, "resolution": ${decision.resolution}`}}`;
		const timed = record.chain(decision => fc.constantFrom(decision.at, '2024-01-01T09:00:00Z', '2024-01-01T10:00:00+02:00').map(at => ({...decision, at})));
		fc.assert(fc.property(fc.array(fc.tuple(timed, fc.boolean()), {minLength: 1, maxLength: 25}), fc.array(fc.constantFrom(...samples), {maxLength: 15}), (decisions, ids) => {
			const text = `{\n"schema": 1,\n"dataset": "d.jsonl",\n"createdAt": "2024-01-01T00:00:00.000Z",\n"decisions": [${decisions.map(([decision, canonical]) => `\n${canonical ? JSON.stringify(decision) : other(decision)}`).join(',')}\n]\n}\n`;
			const lines = DecisionLines.read(Buffer.from(text));
			expect(lines).toBeDefined();
			// Against its own records, made (a line in another form keeps its key order, which breaks ties between two decisions at the same time).
			expect(statsFrom(lines!, ids, 'majority', true).stats.reviewers).toEqual(statsFrom(lines!.records(), ids, 'majority', false).stats.reviewers);
		}), {numRuns: 1000});
	});
});
