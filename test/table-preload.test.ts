import {readFileSync, renameSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeEach, describe, expect, test, vi} from 'vitest';
import {DecisionStore} from '../source/store/decision-store.js';
import {DecisionTable} from '../source/store/decision-table.js';
import {serializeDecisionsFile} from '../source/store/decisions-file.js';
import type {DecisionRecord} from '../source/store/schema.js';
import {readInWorker, type PreloadMessage} from '../source/store/table-preload.js';
import {readTableFile, readTableLines} from '../source/store/table-reader.js';
import {useTempDir} from './helpers/temp.js';

// The store's own whole read of a file is counted (readTableFile, which the worker runs, calls the module's own binding).
vi.mock('../source/store/table-reader.js', async importOriginal => {
	const original = await importOriginal<typeof import('../source/store/table-reader.js')>();
	return {...original, readTableLines: vi.fn(original.readTableLines)};
});

beforeEach(() => {
	vi.mocked(readTableLines).mockClear();
});

const tempDir = useTempDir();
const dataset = 'data.jsonl';
const quiet = {writeDelay: 0, watchInterval: 0};

function record(sample: string, reviewer: string, verdict: DecisionRecord['verdict'], at: string, extra: Partial<DecisionRecord> = {}): DecisionRecord {
	return {sample, reviewer, verdict, categories: [], note: '', at, ...extra};
}

const records = [
	record('s1', 'ann', 'accepted', '2026-01-01T00:00:00.000Z'),
	record('s1', 'bo', 'rejected', '2026-01-01T00:00:01.000Z', {note: 'step 2 is wrong', reasons: ['wrong']}),
	record('s2', 'ann', 'flagged', '2026-01-01T00:00:02.000Z', {categories: ['age', 'tone']}),
	record('ünïcode', 'bo', 'accepted', '2026-01-01T00:00:03.000Z', {note: 'fine'}),
	record('s3', 'ann', 'accepted', '2026-01-01T00:00:04.000Z', {hash: 'sha1:0123456789abcdef'}),
	record('s1', 'ann', 'rejected', '2026-01-01T00:00:05.000Z'),
];

function writeDecisions(path: string, decisions: DecisionRecord[]) {
	writeFileSync(path, serializeDecisionsFile({schema: 1, dataset, createdAt: '2026-01-01T00:00:00.000Z', mode: 'overlap', decisions}));
}

/** What the worker thread posts for the file, handed over as postMessage hands it (buffers transferred). */
function preloadOf(path: string): PreloadMessage {
	const found = readTableFile(path, new DecisionTable());
	if (!found) return undefined;
	const {data, transfer} = found.table.toData();
	return structuredClone({stat: found.stat, read: found.read, table: data}, {transfer});
}

function current(store: DecisionStore) {
	return [...store.all()].sort((a, b) => `${a.sample} ${a.reviewer}`.localeCompare(`${b.sample} ${b.reviewer}`));
}

describe('a decisions file read on a worker thread (table-preload.ts)', () => {
	test('the store takes the table read elsewhere: the same records, head and mode as reading the file itself, and it appends to the file as usual', async () => {
		const path = join(tempDir(), 'data.decisions.json');
		writeDecisions(path, records);
		const itself = await DecisionStore.open(path, dataset, quiet);
		expect(readTableLines).toHaveBeenCalledTimes(1);
		const preloaded = await DecisionStore.open(path, dataset, {...quiet, preloaded: Promise.resolve(preloadOf(path))});
		// Taken, not read again.
		expect(readTableLines).toHaveBeenCalledTimes(1);
		expect(current(preloaded)).toEqual(current(itself));
		expect(preloaded.get('s1', 'bo')?.note).toBe('step 2 is wrong');
		expect(preloaded.mode).toBe('overlap');
		preloaded.set({sample: 's4', reviewer: 'ann', verdict: 'accepted'});
		await preloaded.flush();
		await itself.reload();
		expect(itself.get('s4', 'ann')?.verdict).toBe('accepted');
		expect(itself.size).toBe(records.length);
		itself.close();
		preloaded.close();
	});

	test('decisions another process appended after the worker read the file are caught up, newest wins', async () => {
		const path = join(tempDir(), 'data.decisions.json');
		writeDecisions(path, records);
		const message = preloadOf(path);
		const other = await DecisionStore.open(path, dataset, quiet);
		other.set({sample: 's2', reviewer: 'ann', verdict: 'accepted'});
		other.set({sample: 's9', reviewer: 'cy', verdict: 'rejected'});
		await other.flush();
		vi.mocked(readTableLines).mockClear();
		const store = await DecisionStore.open(path, dataset, {...quiet, preloaded: Promise.resolve(message)});
		// Only what was appended was read.
		expect(readTableLines).not.toHaveBeenCalled();
		expect(store.get('s2', 'ann')?.verdict).toBe('accepted');
		expect(store.get('s9', 'cy')?.verdict).toBe('rejected');
		expect(current(store)).toEqual(current(other));
		other.close();
		store.close();
	});

	test('an append made while the worker reads (it rewrites the file\'s last bytes) does not cost the table: the store reads the rest as an append', async () => {
		const path = join(tempDir(), 'data.decisions.json');
		writeDecisions(path, records);
		let appended = false;
		// Another process appends (in place of the tail, as winnow does) after the worker's first read of the file's bytes.
		const found = readTableFile(path, new DecisionTable(), () => {
			if (appended) return;
			appended = true;
			const text = readFileSync(path, 'latin1');
			const line = JSON.stringify(record('s9', 'cy', 'rejected', '2026-01-02T00:00:00.000Z'));
			writeFileSync(path, `${text.slice(0, text.lastIndexOf('\n]'))},\n${line}\n]\n}\n`, 'latin1');
		});
		expect(appended).toBe(true);
		const other = await DecisionStore.open(path, dataset, quiet);
		expect(other.size).toBe(records.length);
		expect(found?.read.partial).toBe(true);
		const {data, transfer} = found!.table.toData();
		const message = structuredClone({stat: found!.stat, read: found!.read, table: data}, {transfer});
		vi.mocked(readTableLines).mockClear();
		const store = await DecisionStore.open(path, dataset, {...quiet, preloaded: Promise.resolve(message)});
		expect(readTableLines).not.toHaveBeenCalled();
		expect(store.get('s9', 'cy')?.verdict).toBe('rejected');
		expect(current(store)).toEqual(current(other));
		other.close();
		store.close();
	});

	test('a table read from a file since replaced (another inode) is not taken: the store reads the new file', async () => {
		const dir = tempDir();
		const path = join(dir, 'data.decisions.json');
		writeDecisions(path, records);
		const message = preloadOf(path);
		const replacement = join(dir, 'new.json');
		writeDecisions(replacement, [record('s7', 'ann', 'flagged', '2026-02-01T00:00:00.000Z')]);
		renameSync(replacement, path);
		const store = await DecisionStore.open(path, dataset, {...quiet, preloaded: Promise.resolve(message)});
		expect(current(store)).toEqual([record('s7', 'ann', 'flagged', '2026-02-01T00:00:00.000Z')]);
		expect(readTableLines).toHaveBeenCalledTimes(1);
		store.close();
	});

	test('a worker that cannot run gives nothing, and the store reads the file itself: no decision is lost', async () => {
		const path = join(tempDir(), 'data.decisions.json');
		writeDecisions(path, records);
		const failed = readInWorker(path, join(tempDir(), 'no-such-worker.js'));
		expect(await failed).toBeUndefined();
		const store = await DecisionStore.open(path, dataset, {...quiet, preloaded: failed});
		expect(readTableLines).toHaveBeenCalledTimes(1);
		expect(store.size).toBe(5);
		expect(store.get('s1', 'ann')?.verdict).toBe('rejected');
		store.close();
	});

	test('a file not in winnow\'s layout is left to the store, which reads it (or says what is wrong) itself', async () => {
		const path = join(tempDir(), 'data.decisions.json');
		writeFileSync(path, JSON.stringify({schema: 1, dataset, createdAt: '2026-01-01T00:00:00.000Z', decisions: records}, null, 4));
		expect(preloadOf(path)).toBeUndefined();
		writeFileSync(path, serializeDecisionsFile({schema: 1, dataset: 'other.jsonl', createdAt: '2026-01-01T00:00:00.000Z', decisions: records}));
		await expect(DecisionStore.open(path, dataset, {...quiet, preloaded: Promise.resolve(preloadOf(path))})).rejects.toThrow(/other\.jsonl/);
	});
});
