import {readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {JSONFile} from 'lowdb/node';
import {Low} from 'lowdb';
import {describe, expect, test} from 'vitest';
import {DecisionStore} from '../source/store/decision-store.js';
import {DecisionTable} from '../source/store/decision-table.js';
import {readDecisionsFile, serializeDecisionsFile} from '../source/store/decisions-file.js';
import {mergeRecords} from '../source/store/merge.js';
import {recordKey, type DecisionRecord, type DecisionsFile} from '../source/store/schema.js';
import {useTempDir} from './helpers/temp.js';

const tempDir = useTempDir();
const dataset = 'data.jsonl';
const quiet = {writeDelay: 0, watchInterval: 0};

function record(sample: string, reviewer: string, verdict: DecisionRecord['verdict'], at: string, extra: Partial<DecisionRecord> = {}): DecisionRecord {
	return {sample, reviewer, verdict, categories: [], note: '', at, ...extra};
}

function fileOf(decisions: DecisionRecord[]): string {
	return serializeDecisionsFile({schema: 1, dataset, createdAt: '2026-01-01T00:00:00.000Z', decisions});
}

describe('the decisions file through lowdb', () => {
	test('a stock lowdb JSONFile adapter reads the file the store writes: its records, newest per sample and reviewer, are the store\'s', async () => {
		const path = join(tempDir(), 'data.decisions.json');
		const store = await DecisionStore.open(path, dataset, quiet);
		for (let i = 0; i < 50; i++) store.set({sample: `s${i}`, reviewer: 'ann', verdict: 'accepted'});
		await store.flush();
		// Decided again (and undone): newer lines for the same samples.
		store.set({sample: 's3', reviewer: 'ann', verdict: 'rejected', reasons: ['off topic'], note: 'see turn 2'});
		await store.flush();
		store.set({sample: 's4', reviewer: 'ann', verdict: null});
		store.set({sample: 'é-ü', reviewer: 'bo', verdict: 'flagged', categories: ['age']});
		await store.flush();
		store.close();

		const db = new Low<DecisionsFile>(new JSONFile<DecisionsFile>(path), {schema: 1, dataset, createdAt: '', decisions: []});
		await db.read();
		expect(db.data.dataset).toBe(dataset);
		const newest = new Map<string, DecisionRecord>();
		mergeRecords(newest, db.data.decisions);
		const reopened = await DecisionStore.open(path, dataset, quiet);
		const held = new Map([...reopened.all()].map(one => [recordKey(one.sample, one.reviewer), one]));
		reopened.close();
		expect(newest).toEqual(held);
		expect(newest.get(recordKey('s3', 'ann'))).toMatchObject({verdict: 'rejected', reasons: ['off topic'], note: 'see turn 2'});
		expect(newest.get(recordKey('s4', 'ann'))?.verdict).toBeNull();
		expect(newest.get(recordKey('é-ü', 'bo'))?.categories).toEqual(['age']);
	});

	test('a key press appends its record: the file keeps its inode and every byte before its tail, whatever its size', async () => {
		const path = join(tempDir(), 'data.decisions.json');
		const decisions = Array.from({length: 5000}, (_, i) => record(`s${i}`, 'ann', 'accepted', new Date(Date.UTC(2026, 0, 1) + i).toISOString()));
		writeFileSync(path, fileOf(decisions));
		const before = readFileSync(path);
		const {ino} = statSync(path);
		const store = await DecisionStore.open(path, dataset, quiet);
		store.set({sample: 's7', reviewer: 'ann', verdict: 'rejected'});
		await store.flush();
		store.close();
		const after = readFileSync(path);
		expect(statSync(path).ino).toBe(ino);
		const tail = '\n]\n}\n';
		expect(after.subarray(0, before.length - tail.length).equals(before.subarray(0, before.length - tail.length))).toBe(true);
		const added = after.toString('utf8', before.length - tail.length);
		expect(added).toMatch(/^,\n\{"sample":"s7","reviewer":"ann","verdict":"rejected",[^\n]*\}\n]\n}\n$/);
	});

	test('a file from before modes gets the session\'s mode after its records, by appending: every reader sees it', async () => {
		const path = join(tempDir(), 'data.decisions.json');
		writeFileSync(path, fileOf([record('a', 'ann', 'accepted', '2026-01-01T00:00:01.000Z')]));
		const {ino} = statSync(path);
		const store = await DecisionStore.open(path, dataset, quiet);
		expect(store.mode).toBeUndefined();
		store.adoptMode('overlap');
		store.set({sample: 'b', reviewer: 'ann', verdict: 'rejected'});
		await store.flush();
		store.set({sample: 'c', reviewer: 'ann', verdict: 'rejected'});
		await store.flush();
		store.close();
		expect(statSync(path).ino).toBe(ino);
		expect(readFileSync(path, 'utf8')).toMatch(/"sample":"c"[^\n]*\n],\n"mode": "overlap"\n}\n$/);
		const lowdb = new JSONFile<DecisionsFile>(path);
		expect((await lowdb.read())?.mode).toBe('overlap');
		const reopened = await DecisionStore.open(path, dataset, quiet);
		expect(reopened.mode).toBe('overlap');
		expect(reopened.size).toBe(3);
		reopened.close();
	});

	test('another process\'s appended lines are read without reading the file again, newest wins', async () => {
		const path = join(tempDir(), 'data.decisions.json');
		const one = await DecisionStore.open(path, dataset, quiet);
		const two = await DecisionStore.open(path, dataset, quiet);
		one.set({sample: 'a', reviewer: 'ann', verdict: 'accepted'});
		await one.flush();
		await two.reload();
		expect(two.get('a', 'ann')?.verdict).toBe('accepted');
		two.set({sample: 'a', reviewer: 'ann', verdict: 'rejected'});
		await two.flush();
		const seen: string[][] = [];
		one.onChange(samples => seen.push([...samples]));
		await one.reload();
		expect(one.get('a', 'ann')?.verdict).toBe('rejected');
		expect(seen).toEqual([['a']]);
		one.close();
		two.close();
	});
});

test('readDecisionsFile (export --decisions, db push) gives the newest record per sample and reviewer of a file with appended lines', async () => {
	const path = join(tempDir(), 'data.decisions.json');
	writeFileSync(path, fileOf([
		record('a', 'ann', 'accepted', '2026-01-01T00:00:01.000Z'),
		record('b', 'ann', 'accepted', '2026-01-01T00:00:01.000Z'),
		record('a', 'ann', 'rejected', '2026-01-01T00:00:02.000Z'),
		record('a', 'bo', 'flagged', '2026-01-01T00:00:00.500Z'),
	]));
	const file = await readDecisionsFile(path, dataset);
	expect(file?.decisions.map(one => [one.sample, one.reviewer, one.verdict])).toEqual([['a', 'ann', 'rejected'], ['b', 'ann', 'accepted'], ['a', 'bo', 'flagged']]);
});

describe('DecisionTable', () => {
	test('gives back every record as it was put, rare fields and odd ids included, and keeps the newest per sample and reviewer', () => {
		const table = new DecisionTable();
		const records: DecisionRecord[] = [
			record('s1', 'ann', 'accepted', '2026-01-01T00:00:00.000Z'),
			record('s1', 'bo', 'flagged', '2026-01-01T00:00:01.000Z', {categories: ['age', 'other'], blind: true}),
			record('s2', 'ann', 'rejected', '2026-01-01T00:00:02.000Z', {reasons: ['wrong'], rule: 'model:x', resolution: true}),
			record('s3', 'ann', null, '2026-01-01T00:00:03Z'),
			record('ünïcode id', 'ann', 'accepted', '2026-01-01T00:00:04.000Z', {correction: {text: 'fixed'}, note: 'n'}),
			{...record('s4', 'ann', 'accepted', '2026-01-01T00:00:05.000Z'), future: {kept: true}} as DecisionRecord,
			record('s5', 'ann', 'accepted', '2026-01-01T00:00:06.000Z', {resolution: false}),
			record('s6', 'ann', 'accepted', '2026-01-01T00:00:07.000Z', {blind: true, hash: 'sha1:0123456789abcdef'}),
			record('s7', 'ann', 'accepted', '2026-01-01T00:00:08.000Z', {hash: 'md5:other'}),
		];
		for (const one of records) table.put(one);
		expect(table.size).toBe(records.length);
		for (const one of records) expect(table.get(one.sample, one.reviewer)).toEqual(one);
		expect(table.forSample('s1').map(one => one.reviewer)).toEqual(['ann', 'bo']);
		expect(table.hasSample('s9')).toBe(false);
		// Older loses, newer wins, the same record changes nothing.
		expect(table.merge(record('s1', 'ann', 'rejected', '2025-12-31T00:00:00.000Z'))).toBe(false);
		expect(table.merge(records[0])).toBe(false);
		expect(table.merge(record('s1', 'ann', 'rejected', '2026-02-01T00:00:00.000Z'))).toBe(true);
		expect(table.get('s1', 'ann')?.verdict).toBe('rejected');
		expect(table.size).toBe(records.length);
	});

	test('reads record lines as the file holds them, the same as merging their parsed records', () => {
		const lines = [
			record('s1', 'ann', 'accepted', '2026-01-01T00:00:00.000Z'),
			record('s1', 'ann', 'rejected', '2026-01-01T00:00:09.000Z'),
			record('s2', 'bo', 'flagged', '2026-01-01T00:00:01.000Z', {categories: ['age']}),
			record('s2', 'bo', 'accepted', '2025-01-01T00:00:01.000Z'),
			record('s3', 'ann', 'accepted', '2026-02-30T00:00:01.000Z'),
			record('s4', 'ann', 'rejected', '2026-01-01T00:00:01.000Z', {note: 'a "quoted" note', reasons: ['x']}),
			record('s5', 'ann', 'accepted', '2026-01-01T00:00:01.000Z', {hash: 'sha1:fedcba9876543210'}),
		].map(one => JSON.stringify(one));
		const fromLines = new DecisionTable();
		const fromRecords = new DecisionTable();
		for (const line of lines) {
			const bytes = Buffer.from(line);
			expect(fromLines.mergeLine(bytes, 0, bytes.length)).toBe(true);
			fromRecords.merge(JSON.parse(line) as DecisionRecord);
		}

		expect([...fromLines.all()]).toEqual([...fromRecords.all()]);
		expect(fromLines.get('s1', 'ann')?.verdict).toBe('rejected');
		expect(fromLines.get('s2', 'bo')?.verdict).toBe('flagged');
		expect(fromLines.get('s3', 'ann')?.at).toBe('2026-02-30T00:00:01.000Z');
		expect(fromLines.get('s5', 'ann')?.hash).toBe('sha1:fedcba9876543210');
		const bad = Buffer.from('{"sample":"s1","reviewer":"ann","verdict":"maybe","categories":[],"note":"","at":"2026-01-01T00:00:00.000Z"}');
		expect(fromLines.mergeLine(bad, 0, bad.length)).toBe(false);
	});

	test('a record with a note is kept in the columns (its verdict counted from them), and a newer line without one clears it', () => {
		const table = new DecisionTable();
		const lines = [
			record('s1', 'ann', 'rejected', '2026-01-01T00:00:00.000Z', {note: 'check step 2'}),
			record('s1', 'bo', 'accepted', '2026-01-01T00:00:01.000Z', {note: 'fine, naïve “quotes”'}),
			record('s2', 'ann', 'accepted', '2026-01-01T00:00:02.000Z', {note: 'first'}),
			record('s2', 'ann', 'flagged', '2026-01-01T00:00:03.000Z'),
		].map(one => Buffer.from(JSON.stringify(one)));
		for (const bytes of lines) expect(table.mergeLine(bytes, 0, bytes.length)).toBe(true);
		expect(table.get('s1', 'ann')?.note).toBe('check step 2');
		expect(table.get('s1', 'bo')?.note).toBe('fine, naïve “quotes”');
		expect(table.get('s2', 'ann')).toEqual(record('s2', 'ann', 'flagged', '2026-01-01T00:00:03.000Z'));
		// One accepted, one rejected, read without making a record: a note no longer sends a sample to the slow path.
		expect(table.plainVerdicts(table.slotOfSample('s1'))).toBe(1 + 1024);
		table.put(record('s1', 'ann', 'rejected', '2026-01-01T00:00:05.000Z', {note: 'changed'}));
		expect(table.get('s1', 'ann')?.note).toBe('changed');
		expect(table.plainVerdicts(table.slotOfSample('s1'))).toBe(1 + 1024);
	});
});
