// The decisions file's top level: the review mode is stored in it, and keys winnow does not use are
// kept through every write (the store's incremental writes as well as whole ones).
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {DecisionStore} from '../source/store/decision-store.js';
import {parseDecisionsFile, serializeDecisionsFile} from '../source/store/decisions-file.js';
import {useTempDir} from './helpers/temp.js';

const tempDir = useTempDir();

describe('the decisions file\'s top level', () => {
	it('stores the mode of a new file with its first write, and keeps it and unknown keys afterwards', async () => {
		const db = join(tempDir(), 'x.decisions.json');
		const store = await DecisionStore.open(db, 'x.jsonl', {watchInterval: 0, syncWrites: true});
		expect(store.mode).toBeUndefined();
		store.adoptMode('overlap');
		store.set({sample: 's1', reviewer: 'ann', verdict: 'accepted', blind: true});
		await store.flush();
		store.close();
		const first = JSON.parse(readFileSync(db, 'utf8')) as Record<string, unknown>;
		expect(first.mode).toBe('overlap');
		expect(first.decisions).toEqual([expect.objectContaining({sample: 's1', blind: true})]);

		// A hand-added key survives, and a session asking for another default does not change the mode.
		writeFileSync(db, readFileSync(db, 'utf8').replace('"decisions": [', '"comment": {"by": "lead"},\n"decisions": ['));
		const again = await DecisionStore.open(db, 'x.jsonl', {watchInterval: 0, syncWrites: true});
		expect(again.mode).toBe('overlap');
		again.adoptMode('split');
		again.set({sample: 's2', reviewer: 'bob', verdict: 'rejected'});
		await again.flush();
		again.close();
		const second = JSON.parse(readFileSync(db, 'utf8')) as Record<string, unknown>;
		expect(second).toMatchObject({mode: 'overlap', comment: {by: 'lead'}});
		expect(second.decisions).toHaveLength(2);
	});

	it('refuses a mode it cannot read, naming the file', () => {
		expect(() => parseDecisionsFile('{"schema":1,"mode":"both","decisions":[]}', 'd.json', 'x')).toThrow(/d\.json: "mode" is "both"/);
		const file = parseDecisionsFile('{"schema":1,"dataset":"x","createdAt":"2026-01-01T00:00:00.000Z","mode":"split","note":[1],"decisions":[]}', 'd.json', 'x');
		expect(file).toMatchObject({mode: 'split', other: {note: [1]}});
		expect(JSON.parse(serializeDecisionsFile(file))).toMatchObject({mode: 'split', note: [1]});
	});
});
