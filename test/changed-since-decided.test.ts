import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {contentHash, contentHashInPieces, hashToRecord, madeOnOtherBytes} from '../source/dataset/content-hash.js';
import {hashId} from '../source/dataset/identity.js';
import {fingerprintOf} from '../source/dataset/id-fingerprints.js';
import {matchesQuery, parseQuery, type SampleFacts} from '../source/query/index.js';
import {StatsAccumulator} from '../source/report/stats.js';
import {DecisionLines} from '../source/store/decision-lines.js';
import {parseDecisionsFile, serializeDecisionsFile} from '../source/store/decisions-file.js';
import {RecordArray} from '../source/store/decision-source.js';
import type {DecisionRecord} from '../source/store/schema.js';
import {sampleStatus} from '../source/store/verdict-policy.js';
import {fromRow, toRow, type DecisionRow} from '../source/store/postgres/records.js';

const at = '2026-01-01T00:00:00.000Z';
const line = (id: string, text: string) => Buffer.from(JSON.stringify({id, prompt: text, completion: 'ok'}));
const decision = (sample: string, verdict: DecisionRecord['verdict'], hash?: string, reviewer = 'ann'): DecisionRecord => ({sample, reviewer, verdict, categories: [], note: '', at, ...(hash === undefined ? {} : {hash})});
/** An entry as the scan hands it to the accumulator: its id, fingerprint and bytes. */
const entry = (id: string, bytes: Buffer) => ({id, bytes, fingerprint: () => fingerprintOf(id)});

describe('the hash a decision records of the bytes it was made on', () => {
	it('is the hash id of the same bytes, and is not recorded for a sample whose id is that hash', () => {
		const bytes = line('s1', 'what is 2 + 2?');
		expect(contentHash(bytes)).toBe(hashId(bytes));
		expect(contentHash(bytes)).toMatch(/^sha1:[\da-f]{16}$/);
		expect(hashToRecord('s1', contentHash(bytes))).toBe(contentHash(bytes));
		expect(hashToRecord(hashId(bytes), contentHash(bytes))).toBeUndefined();
	});

	it('of a long entry read in pieces is the hash of the whole', () => {
		fc.assert(fc.property(fc.uint8Array({maxLength: 300}), fc.integer({min: 1, max: 64}), (bytes, piece) => {
			expect(contentHashInPieces(bytes.length, (start, end) => bytes.subarray(start, end), piece)).toBe(contentHash(bytes));
		}));
	});

	it('makes a decision count only on the same bytes; records without one and undone ones are trusted as before', () => {
		const hash = contentHash(line('s1', 'a'));
		expect(madeOnOtherBytes(decision('s1', 'accepted', hash), hash)).toBe(false);
		expect(madeOnOtherBytes(decision('s1', 'accepted', hash), contentHash(line('s1', 'b')))).toBe(true);
		expect(madeOnOtherBytes(decision('s1', 'accepted'), hash)).toBe(false);
		expect(madeOnOtherBytes(decision('s1', null, 'sha1:0000000000000000'), hash)).toBe(false);
	});

	it('is read from a decisions file line by the scanner (canonical key order), not parsed, and checked on its bytes', () => {
		const hash = contentHash(line('s1', 'a'));
		// The store writes rule before hash (the scanner's order).
		const records = [decision('s1', 'accepted', hash), {sample: 's2', reviewer: 'ann', verdict: 'rejected' as const, categories: [], note: '', at, rule: 'status:undecided', hash: 'sha1:0123456789abcdef'}, decision('s3', 'flagged')];
		const text = serializeDecisionsFile({schema: 1, dataset: 'data.jsonl', createdAt: at, decisions: records});
		const lines = DecisionLines.read(Buffer.from(text))!;
		expect(lines).toBeDefined();
		expect((lines as unknown as {parsed: Map<number, unknown>}).parsed.size).toBe(0);
		expect(JSON.stringify(lines.records())).toBe(JSON.stringify(parseDecisionsFile(text, 'db.json', 'data.jsonl').decisions));
		expect(lines.records()[0].hash).toBe(hash);
		expect([0, 1, 2].map(i => lines.hasHash(i))).toEqual([true, true, false]);
		expect(lines.madeOnOtherBytes(0, hash)).toBe(false);
		expect(lines.madeOnOtherBytes(0, contentHash(line('s1', 'b')))).toBe(true);
		expect(lines.madeOnOtherBytes(2, hash)).toBe(false);
		// Another spelling of the same record (a hand edit) is parsed, and answers the same.
		const edited = text.replace(`"hash":"${hash}"`, `"hash": "${hash}"`);
		const parsed = DecisionLines.read(Buffer.from(edited))!;
		expect((parsed as unknown as {parsed: Map<number, unknown>}).parsed.size).toBe(1);
		expect(parsed.madeOnOtherBytes(0, contentHash(line('s1', 'b')))).toBe(true);
	});

	it('is kept by the PostgreSQL store (in extra) and comes back as it was', () => {
		const record = {...decision('s1', 'accepted'), rule: 'status:undecided', hash: 'sha1:0123456789abcdef'};
		const row = toRow(record);
		expect(row.extra).toEqual({hash: 'sha1:0123456789abcdef'});
		expect(fromRow({seq: '1', ...row} as unknown as DecisionRow)).toEqual(record);
	});

	it('refuses a hash that is not a string, naming it', () => {
		const text = serializeDecisionsFile({schema: 1, dataset: 'data.jsonl', createdAt: at, decisions: [{...decision('s1', 'accepted'), hash: 5} as unknown as DecisionRecord]});
		expect(() => parseDecisionsFile(text, 'db.json', 'data.jsonl')).toThrow(/"hash": 5, not a hash of the sample's bytes/);
	});
});

describe('a sample changed since decided, in the figures (stats and export)', () => {
	const before = line('s1', 'the text that was decided');
	const after = line('s1', 'the text as it is now');
	const other = line('s2', 'unchanged');

	for (const [name, source] of [['a list of records', (records: DecisionRecord[]) => new RecordArray(records)], ['a decisions file', (records: DecisionRecord[]) => DecisionLines.read(Buffer.from(serializeDecisionsFile({schema: 1, dataset: 'd', createdAt: at, decisions: records})))!]] as const) {
		it(`is undecided and counted as changed, read from ${name}`, () => {
			const records = [decision('s1', 'accepted', contentHash(before)), decision('s2', 'rejected', contentHash(other))];
			const accumulator = new StatsAccumulator(source(records));
			const first = accumulator.add(entry('s1', after), 1);
			expect(first.status).toBe('undecided');
			expect(first.changed).toBe(true);
			expect(accumulator.recordsFor('s1')).toEqual([]);
			expect(accumulator.add(entry('s2', other), 2).status).toBe('rejected');
			const stats = accumulator.finish();
			expect(stats.samples.changed).toBe(1);
			expect(stats.status).toEqual({accepted: 0, rejected: 1, flagged: 0, undecided: 1});
			// Still a current decision of its reviewer, not one on a sample missing from the dataset.
			expect(stats.missingSamples.decisions).toBe(0);
		});
	}

	it('keeps the decisions made on the bytes it holds now, and trusts records without a hash', () => {
		const records = [decision('s1', 'accepted', contentHash(before), 'ann'), decision('s1', 'rejected', contentHash(after), 'bob'), decision('s2', 'accepted', undefined)];
		const accumulator = new StatsAccumulator(records);
		const result = accumulator.add(entry('s1', after), 1);
		expect(result.status).toBe('rejected');
		expect(result.changed).toBe(true);
		expect(accumulator.recordsFor('s1')!.map(record => record.reviewer)).toEqual(['bob']);
		expect(accumulator.add(entry('s2', line('s2', 'edited, but decided before hashes')), 2).status).toBe('accepted');
		expect(accumulator.finish().samples.changed).toBe(1);
	});

	it('an unchanged sample is decided as before', () => {
		const accumulator = new StatsAccumulator([decision('s1', 'accepted', contentHash(before))]);
		const result = accumulator.add(entry('s1', before), 1);
		expect(result.status).toBe('accepted');
		expect(result.changed).toBeUndefined();
		expect(accumulator.finish().samples.changed).toBe(0);
	});
});

describe('status:changed in the query language', () => {
	const facts = (changed: boolean): SampleFacts => ({
		status: changed ? {...sampleStatus([]), changed: true} : sampleStatus([]),
		records: [],
		value: {},
		text: '',
		hasSignal: () => false,
		cluster: () => undefined,
	});

	it('matches a sample decided on other bytes, and its negation the others', () => {
		const query = parseQuery('status:changed');
		expect(matchesQuery(query, facts(true))).toBe(true);
		expect(matchesQuery(query, facts(false))).toBe(false);
		expect(matchesQuery(parseQuery('-status:changed'), facts(false))).toBe(true);
		expect(matchesQuery(parseQuery('status:undecided'), facts(true))).toBe(true);
	});
});
