import {describe, expect, it, vi} from 'vitest';
import {contentHash} from '../source/dataset/content-hash.js';
import {Dataset} from '../source/dataset/dataset.js';
import {forEachEntrySync} from '../source/dataset/entry-scanner.js';
import {fingerprintOf} from '../source/dataset/id-fingerprints.js';
import {StatsAccumulator} from '../source/report/stats.js';
import type {DecisionRecord} from '../source/store/schema.js';
import {reviewFixture} from './helpers/review-fixture.js';
import {useTempDir, writeFile} from './helpers/temp.js';

/*
Lines that share an id share its decisions. A decision records the hash of the one line it was made
on; the other lines with the id hold other bytes, and are not "changed since decided" for that,
whichever of them comes first in the file. Only when the decided bytes are no longer among the id's
lines is the id changed since decided: all its lines, not some.
*/

const tempDir = useTempDir();
const at = '2026-01-01T00:00:00.000Z';
const first = JSON.stringify({id: 7, text: 'The first version of this sample text is here.'});
const second = JSON.stringify({id: 7, text: 'The second version of this sample text is here.'});
const other = JSON.stringify({id: 8, text: 'Another sample entirely, with other words in it.'});
const decision = (hash: string, reviewer = 'ann'): DecisionRecord => ({sample: '7', reviewer, verdict: 'accepted', categories: [], note: '', at, hash});
const entry = (text: string) => ({id: String((JSON.parse(text) as {id: number}).id), bytes: Buffer.from(text), fingerprint: () => fingerprintOf(String((JSON.parse(text) as {id: number}).id))});

/** The statuses stats and export give each line of `lines` (a file written for the look-ahead), and the changed count. */
function statuses(lines: string[], records: DecisionRecord[]) {
	const path = writeFile(tempDir(), 'samples.jsonl', `${lines.join('\n')}\n`);
	const accumulator = new StatsAccumulator(records, {dataset: {path, idField: 'id'}});
	const result = lines.map((line, index) => accumulator.add(entry(line), index + 1).status);
	return {result, changed: accumulator.finish().samples.changed};
}

describe('a decision on an id that several lines share (stats, export)', () => {
	it('covers every line with the id when it was made on the first of them', () => {
		expect(statuses([first, second, other], [decision(contentHash(Buffer.from(first)))])).toEqual({result: ['accepted', 'accepted', 'undecided'], changed: 0});
	});

	it('covers every line with the id when it was made on a later one (the review screen on line 2)', () => {
		expect(statuses([first, second, other], [decision(contentHash(Buffer.from(second)))])).toEqual({result: ['accepted', 'accepted', 'undecided'], changed: 0});
		// Two reviewers, each on another line of the id.
		expect(statuses([first, second], [decision(contentHash(Buffer.from(first))), decision(contentHash(Buffer.from(second)), 'bob')])).toEqual({result: ['accepted', 'accepted'], changed: 0});
	});

	it('makes every line with the id changed since decided once the decided bytes are gone, not some of them', () => {
		const edited = second.replace('second', 'edited');
		expect(statuses([first, edited, other], [decision(contentHash(Buffer.from(second)))])).toEqual({result: ['undecided', 'undecided', 'undecided'], changed: 2});
		// An edit to another line of the id leaves the decision standing: it was made on bytes still there.
		expect(statuses([first, edited, other], [decision(contentHash(Buffer.from(first)))])).toEqual({result: ['accepted', 'accepted', 'undecided'], changed: 0});
	});

	it('reads entries synchronously as the scan does: lines (CRLF, blank, BOM) and a JSON array', () => {
		const read = (content: string, piece?: number) => {
			const path = writeFile(tempDir(), 'entries.json', content);
			const entries: string[] = [];
			forEachEntrySync(path, bytes => entries.push(bytes.toString()), piece);
			return entries;
		};

		expect(read(`\uFEFF${first}\r\n\n${second}\r\n${other}`)).toEqual([first, second, other]);
		expect(read(`${first}\n${second}\n${other}\n`, 7)).toEqual([first, second, other]);
		expect(read(`[\n  ${first},\n  ${second}, ${other}\n]\n`, 5)).toEqual([first, second, other]);
	});
});

describe('a decision on an id that several lines share (the review screen)', () => {
	it('is not changed since decided when it was made on a line other than the first with the id', async () => {
		const fixture = await reviewFixture(tempDir(), `${[first, second, other].join('\n')}\n`, {decisions: {schema: 1, dataset: 'samples.jsonl', createdAt: at, decisions: [decision(contentHash(Buffer.from(second)))]}});
		expect(fixture.controller.changedSinceDecided('7')).toBe(false);
		fixture.controller.close();
	});

	it('is changed since decided when the bytes it was made on are no longer among the id\'s lines', async () => {
		const fixture = await reviewFixture(tempDir(), `${[first, second.replace('second', 'edited'), other].join('\n')}\n`, {decisions: {schema: 1, dataset: 'samples.jsonl', createdAt: at, decisions: [decision(contentHash(Buffer.from(second)))]}});
		expect(fixture.controller.changedSinceDecided('7')).toBe(true);
		fixture.controller.close();
	});

	it('reads the dataset once for all the repeated ids decided on a later line, not once per id', async () => {
		const lines: string[] = [];
		const records: DecisionRecord[] = [];
		for (let id = 1; id <= 40; id++) {
			const later = JSON.stringify({id, text: `The later version of sample ${id}.`});
			lines.push(JSON.stringify({id, text: `The earlier version of sample ${id}.`}), later);
			records.push({sample: String(id), reviewer: 'ann', verdict: 'accepted', categories: [], note: '', at, hash: contentHash(Buffer.from(later))});
		}

		// Counted from before the screen opens: it judges every sample's decisions as it counts them.
		const idOf = vi.spyOn(Dataset.prototype, 'idOf');
		const fixture = await reviewFixture(tempDir(), `${lines.join('\n')}\n`, {decisions: {schema: 1, dataset: 'samples.jsonl', createdAt: at, decisions: records}});
		for (let id = 1; id <= 40; id++) expect(fixture.controller.changedSinceDecided(String(id)), String(id)).toBe(false);
		for (const _ of fixture.controller.visibleRecords());
		// A pass or two over the 80 lines, not one per id (40 passes would be 3,200 look-ups).
		expect(idOf.mock.calls.length).toBeLessThanOrEqual(4 * lines.length);
		idOf.mockRestore();
		fixture.controller.close();
	});
});
