import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {DecisionStore} from '../source/store/decision-store.js';
import {useTempDir} from './helpers/temp.js';

const tempDir = useTempDir();

function fileWith(records: string[], extraHead = ''): string {
	return `{\n"schema": 1,\n"dataset": "x.jsonl",\n"createdAt": "2026-11-25T10:00:00.000Z",\n${extraHead}"decisions": [\n${records.join(',\n')}\n]\n}\n`;
}

const good = '{"sample":"s1","reviewer":"alice","verdict":"accepted","categories":[],"note":"","at":"2026-11-25T10:01:02.003Z"}';

describe('a hand-edited decisions file', () => {
	it('keeps top-level keys winnow does not know through its writes, in either layout', async () => {
		for (const text of [
			fileWith([good], '"comment": "round 1, do not delete",\n"reviewers": ["alice", "bob"],\n'),
			JSON.stringify({comment: 'round 1, do not delete', schema: 1, dataset: 'x.jsonl', reviewers: ['alice', 'bob'], decisions: [JSON.parse(good)]}, null, 2),
		]) {
			const db = join(tempDir(), 'x.decisions.json');
			writeFileSync(db, text);
			const store = await DecisionStore.open(db, 'x.jsonl', {watchInterval: 0});
			store.set({sample: 's2', reviewer: 'alice', verdict: 'rejected'});
			await store.flush();
			store.close();
			const written = JSON.parse(readFileSync(db, 'utf8')) as Record<string, unknown>;
			expect(written.comment).toBe('round 1, do not delete');
			expect(written.reviewers).toEqual(['alice', 'bob']);
			expect((written.decisions as unknown[]).length).toBe(2);
		}
	});

	it.each([
		['"categories":"age"', good.replace('"categories":[]', '"categories":"age"'), /line 7: decision 2 has "categories": "age", not a list of names/],
		['"note":5', good.replace('"note":""', '"note":5'), /line 7: decision 2 has "note": 5, not a string/],
		['"at":"zzz"', good.replace('"at":"2026-11-25T10:01:02.003Z"', '"at":"zzz"'), /line 7: decision 2 has "at": "zzz", not a time/],
		['"verdict":"maybe"', good.replace('"verdict":"accepted"', '"verdict":"maybe"'), /line 7: decision 2 has "verdict": "maybe"/],
		['"resolution":"yes"', good.replace('}', ',"resolution":"yes"}'), /line 7: decision 2 has "resolution": "yes", not true or false/],
	])('refuses %s, naming the file, line and field, and leaves the file as it was', async (_name, bad, message) => {
		const db = join(tempDir(), 'x.decisions.json');
		const text = fileWith([good, bad]);
		writeFileSync(db, text);
		await expect(DecisionStore.open(db, 'x.jsonl', {watchInterval: 0})).rejects.toThrow(message);
		await expect(DecisionStore.open(db, 'x.jsonl', {watchInterval: 0})).rejects.toThrow(db);
		expect(readFileSync(db, 'utf8')).toBe(text);
	});

	it('names the line of a bad record in a pretty-printed file', async () => {
		const db = join(tempDir(), 'x.decisions.json');
		const records = [JSON.parse(good), {...JSON.parse(good), sample: 's2', note: {text: 'x'}}];
		writeFileSync(db, JSON.stringify({schema: 1, dataset: 'x.jsonl', decisions: records}, null, 2));
		// The second record starts on line 13 of JSON.stringify's two-space layout.
		await expect(DecisionStore.open(db, 'x.jsonl', {watchInterval: 0})).rejects.toThrow(/line 13: decision 2 has "note": \{"text":"x"\}, not a string/);
	});

	it('will not report saved when another process writes a record it cannot read', async () => {
		const db = join(tempDir(), 'x.decisions.json');
		writeFileSync(db, fileWith([good]));
		const store = await DecisionStore.open(db, 'x.jsonl', {watchInterval: 0});
		writeFileSync(db, fileWith([good, good.replace('s1', 's9').replace('"at":"2026-11-25T10:01:02.003Z"', '"at":"zzz"')]));
		store.set({sample: 's2', reviewer: 'alice', verdict: 'rejected'});
		await expect(store.flush()).rejects.toThrow(/"at": "zzz"/);
		expect(store.status.error).toMatch(/"at": "zzz"/);
		expect(store.status.unsaved).toBe(1);
		store.close();
	});
});
