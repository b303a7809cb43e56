// A big decisions file read on a worker thread while the review screen is already drawn
// (StoreOptions.background): a decision made before the file is read is kept, merged newest-wins,
// saved after the read, and counted once; keys pressed meanwhile wait for the file and are judged
// with all its decisions (split mode hands out no sample another reviewer decided), except a plain
// verdict on a sample the file holds no record of: that one is on disk at once.
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {Dataset} from '../source/dataset/dataset.js';
import {DecisionStore} from '../source/store/decision-store.js';
import {DecisionTable} from '../source/store/decision-table.js';
import {serializeDecisionsFile} from '../source/store/decisions-file.js';
import type {DecisionRecord, ReviewMode} from '../source/store/schema.js';
import type {PreloadMessage} from '../source/store/table-preload.js';
import {readTableFile} from '../source/store/table-reader.js';
import {ReviewController} from '../source/review/controller.js';
import {defaultCategories} from '../source/review/categories.js';
import {useTempDir} from './helpers/temp.js';
import {waitFor} from './helpers/wait-for.js';

const tempDir = useTempDir();
const quiet = {writeDelay: 0, watchInterval: 0};

function record(sample: string, reviewer: string, verdict: DecisionRecord['verdict'], at: string): DecisionRecord {
	return {sample, reviewer, verdict, categories: [], note: '', at};
}

function writeDecisions(path: string, dataset: string, decisions: DecisionRecord[], mode: ReviewMode = 'overlap') {
	writeFileSync(path, serializeDecisionsFile({schema: 1, dataset, createdAt: '2026-01-01T00:00:00.000Z', mode, decisions}));
}

/** What the worker thread posts for the file as it is now, handed over as postMessage hands it. */
function preloadOf(path: string): PreloadMessage {
	const found = readTableFile(path, new DecisionTable());
	if (!found) return undefined;
	const {data, transfer} = found.table.toData();
	return structuredClone({stat: found.stat, read: found.read, table: data}, {transfer});
}

/** A worker's table that the test hands over when it says (`finish`). */
function heldPreload() {
	let finish: (message: PreloadMessage) => void = () => undefined;
	const preloaded = new Promise<PreloadMessage>(resolve => {
		finish = resolve;
	});
	return {preloaded, finish};
}

/** A decisions file of ann's 50 decisions (s1–s50), opened with its read in the background held until `finish`. */
async function fiftyDecisionsWhileReading() {
	const path = join(tempDir(), 'data.decisions.json');
	writeDecisions(path, 'data.jsonl', Array.from({length: 50}, (_, i) => record(`s${i + 1}`, 'ann', 'accepted', '2026-01-01T00:00:00.000Z')));
	const {preloaded, finish} = heldPreload();
	const store = await DecisionStore.open(path, 'data.jsonl', {...quiet, background: true, preloaded});
	return {path, store, finish};
}

function lines(path: string): DecisionRecord[] {
	return (JSON.parse(readFileSync(path, 'utf8')) as {decisions: DecisionRecord[]}).decisions;
}

describe('the decisions file read in the background (StoreOptions.background)', () => {
	test('the store opens before the file is read; a change made meanwhile is saved after the read, merged newest-wins with the file and with what another process appended', async () => {
		const path = join(tempDir(), 'data.decisions.json');
		writeDecisions(path, 'data.jsonl', [
			record('s1', 'ann', 'rejected', '2026-01-01T00:00:01.000Z'),
			record('s2', 'bo', 'flagged', '2026-01-01T00:00:02.000Z'),
		]);
		const message = preloadOf(path);
		const {preloaded, finish} = heldPreload();
		const store = await DecisionStore.open(path, 'data.jsonl', {...quiet, background: true, preloaded, preloadedFraction: () => 0.4});
		let read = 0;
		store.onRead(() => {
			read++;
		});
		expect(store.reading).toBe(true);
		expect(store.readFraction()).toBe(0.4);
		// The head is read at once: the mode is known before the records.
		expect(store.mode).toBe('overlap');
		expect(store.size).toBe(0);

		// Another reviewer appends while the worker reads (its table is of the file before).
		const other = await DecisionStore.open(path, 'data.jsonl', quiet);
		other.set({sample: 's3', reviewer: 'bo', verdict: 'accepted'});
		await other.flush();

		// This reviewer changes their decision on s1 and makes a new one on s4 while the file is read.
		store.set({sample: 's1', reviewer: 'ann', verdict: 'accepted'});
		store.set({sample: 's4', reviewer: 'ann', verdict: 'flagged'});
		const saving = store.flush();
		expect(store.isSaved('s1', 'ann')).toBe(false);
		expect(lines(path).some(line => line.sample === 's4')).toBe(false);

		finish(message);
		await saving;
		expect(store.reading).toBe(false);
		expect(read).toBe(1);
		expect(store.get('s1', 'ann')?.verdict).toBe('accepted');
		expect(store.get('s2', 'bo')?.verdict).toBe('flagged');
		expect(store.get('s3', 'bo')?.verdict).toBe('accepted');
		expect(store.get('s4', 'ann')?.verdict).toBe('flagged');
		expect(store.size).toBe(4);
		// On disk too, appended after the other process's line: a reader that keeps the newest agrees.
		await other.reload();
		expect(other.get('s1', 'ann')?.verdict).toBe('accepted');
		expect(other.get('s4', 'ann')?.verdict).toBe('flagged');
		expect(lines(path).map(line => line.sample)).toEqual(['s1', 's2', 's3', 's1', 's4']);
		other.close();
		store.close();
	});

	test('a file whose head names another dataset is refused at once, as when it is read whole', async () => {
		const path = join(tempDir(), 'data.decisions.json');
		writeDecisions(path, 'other.jsonl', [record('s1', 'ann', 'rejected', '2026-01-01T00:00:01.000Z')]);
		const {preloaded} = heldPreload();
		await expect(DecisionStore.open(path, 'data.jsonl', {...quiet, background: true, preloaded})).rejects.toThrow(/other\.jsonl/);
	});

	test('a key typed while the decisions are read waits for them: split mode starts at the first sample nobody decided, and the decision is saved and counted once', async () => {
		const {db, message, finish, dataset, store} = await splitReviewWhileReading();
		const controller = new ReviewController(dataset, store, {reviewer: 'cy', categories: defaultCategories, mode: 'split'});
		expect(controller.readingDecisions).toBe(true);
		expect(controller.counting).toBe(true);

		// Typed on the first frame, which shows s1 before anything is known of its decisions.
		controller.dispatch({type: 'decide', verdict: 'accepted'});
		expect(store.forSample('s1')).toEqual([]);
		expect(store.status.unsaved).toBe(0);
		// The signals (started after the first frame) wait for the file too.
		controller.startSignals();
		expect(controller.signals.status).toBeUndefined();

		finish(message);
		await waitFor(() => !controller.readingDecisions && !controller.counting);
		await store.flush();
		// s1 and s2 are ann's: the key decided s3, and the session moved on from it.
		expect(store.forSample('s1').map(line => line.reviewer)).toEqual(['ann']);
		expect(store.get('s3', 'cy')?.verdict).toBe('accepted');
		expect(controller.state.cursor).toBe(3);
		expect(controller.counts).toMatchObject({total: 20, decided: 3, accepted: 2, rejected: 1});
		expect(lines(db).filter(line => line.reviewer === 'cy').map(line => line.sample)).toEqual(['s3']);
		await waitFor(() => controller.signals.table);
		controller.close();
		store.close();
		dataset.close();
	});

	test('where the reviewer left off is not overwritten by the provisional first sample shown while the file is read', async () => {
		const {db, message, finish, dataset, store} = await splitReviewWhileReading();
		// Nothing remembered: the session starts at the first sample nobody decided, s3, once that is known.
		let remembered: {sample: string; filter: string} | undefined;
		const position = {read: () => remembered, update(next: {sample: string; filter: string}) {
			remembered = next;
		}, save() {}};
		const controller = new ReviewController(dataset, store, {reviewer: 'cy', categories: defaultCategories, mode: 'split', position});
		controller.dispatch({type: 'move', direction: 1});
		expect(remembered).toBeUndefined();
		finish(message);
		await waitFor(() => !controller.readingDecisions);
		// Not "s1 was decided by ann while you were away": this reviewer was never on s1. The move waited, then moved on from s3.
		expect(controller.state.message).toBeUndefined();
		expect(dataset.idOf(controller.state.cursor)).toBe('s4');
		expect(remembered).toEqual({sample: 's4', filter: 'undecided'});
		controller.close();
		store.close();
		dataset.close();
	});
});

describe('a verdict typed while the decisions file is read, on a sample the file holds no record of, is on disk at once', () => {
	test('the store: holdsNoRecordOf looks the file through; setOnNewSample is appended before the read ends, and the read takes it in with the rest', async () => {
		const path = join(tempDir(), 'data.decisions.json');
		// Enough lines that the worker reads most of them and leaves the last ones (LinesRead.partial).
		writeDecisions(path, 'data.jsonl', Array.from({length: 50}, (_, i) => record(`s${i + 1}`, 'ann', 'accepted', `2026-01-01T00:00:${String(i).padStart(2, '0')}.000Z`)));
		const message = preloadOf(path);
		expect(message?.read.partial).toBe(true);
		const {preloaded, finish} = heldPreload();
		const store = await DecisionStore.open(path, 'data.jsonl', {...quiet, background: true, preloaded});
		expect(store.reading).toBe(true);
		expect(await store.holdsNoRecordOf('s50')).toBe(false);
		expect(await store.holdsNoRecordOf('s5')).toBe(false);
		expect(await store.holdsNoRecordOf('s51')).toBe(true);

		store.setOnNewSample({sample: 's51', reviewer: 'cy', verdict: 'rejected'});
		await store.flush();
		expect(store.reading).toBe(true);
		expect(store.isSaved('s51', 'cy')).toBe(true);
		expect(lines(path).at(-1)).toMatchObject({sample: 's51', reviewer: 'cy', verdict: 'rejected'});
		// Another process appends too, after it, while the file is still read.
		const other = await DecisionStore.open(path, 'data.jsonl', quiet);
		expect(other.size).toBe(51);
		other.set({sample: 's52', reviewer: 'bo', verdict: 'accepted'});
		await other.flush();

		finish(message);
		await waitFor(() => !store.reading);
		expect(store.status.error).toBeUndefined();
		expect(store.size).toBe(52);
		expect(store.get('s1', 'ann')?.verdict).toBe('accepted');
		expect(store.get('s50', 'ann')?.verdict).toBe('accepted');
		expect(store.get('s51', 'cy')?.verdict).toBe('rejected');
		expect(store.get('s52', 'bo')?.verdict).toBe('accepted');
		// The next write appends after all of it, the file one JSON document with every line once.
		store.set({sample: 's1', reviewer: 'cy', verdict: 'flagged'});
		await store.flush();
		expect(lines(path).map(line => line.sample).slice(-4)).toEqual(['s50', 's51', 's52', 's1']);
		expect(lines(path)).toHaveLength(53);
		other.close();
		store.close();
	});

	test('a file from before modes gets the session\'s mode with the first line written while it is read, as with any first append', async () => {
		const path = join(tempDir(), 'data.decisions.json');
		writeFileSync(path, serializeDecisionsFile({schema: 1, dataset: 'data.jsonl', createdAt: '2026-01-01T00:00:00.000Z', decisions: Array.from({length: 50}, (_, i) => record(`s${i + 1}`, 'ann', 'accepted', '2026-01-01T00:00:00.000Z'))}));
		const message = preloadOf(path);
		const {preloaded, finish} = heldPreload();
		const store = await DecisionStore.open(path, 'data.jsonl', {...quiet, background: true, preloaded});
		expect(store.mode).toBeUndefined();
		store.adoptMode('split');
		expect(store.holdsNoRecordOf('s51')).toBe(true);
		store.setOnNewSample({sample: 's51', reviewer: 'cy', verdict: 'accepted'});
		await store.flush();
		expect(store.reading).toBe(true);
		expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({mode: 'split'});
		finish(message);
		await waitFor(() => !store.reading);
		expect(store.mode).toBe('split');
		expect(store.size).toBe(51);
		store.set({sample: 's52', reviewer: 'cy', verdict: 'accepted'});
		await store.flush();
		const reread = await DecisionStore.open(path, 'data.jsonl', quiet);
		expect(reread.mode).toBe('split');
		expect(reread.size).toBe(52);
		reread.close();
		store.close();
	});

	test('holdsNoRecordOf goes on from the look started in the background, and sees a record appended since', async () => {
		const {path, store, finish} = await fiftyDecisionsWhileReading();
		store.lookForRecordsOf('s60');
		expect(store.holdsNoRecordOf('s60')).toBe(true);
		const other = await DecisionStore.open(path, 'data.jsonl', quiet);
		other.set({sample: 's60', reviewer: 'bo', verdict: 'accepted'});
		await other.flush();
		expect(store.holdsNoRecordOf('s60')).toBe(false);
		// An id inside another string (a note quoting it) is not a record of it; a sample id that merely starts the same is not either.
		other.set({sample: 's61x', reviewer: 'bo', verdict: 'accepted', note: 'like "s61" said'});
		await other.flush();
		expect(store.holdsNoRecordOf('s61')).toBe(true);
		finish(undefined);
		await waitFor(() => !store.reading);
		// Nothing is being read: the store itself knows.
		expect(store.holdsNoRecordOf('s62')).toBe(false);
		other.close();
		store.close();
	});

	test('the review: the key is on disk before the read ends, the screen stays on the sample until it ends and then moves on; undo withdraws it', async () => {
		const {db, message, finish, dataset, store} = await reviewWhileReading('overlap');
		// Resumed at s5, which nobody decided (a key on one somebody decided waits: see the split-mode test above).
		const second = new ReviewController(dataset, store, {reviewer: 'cy', categories: defaultCategories, mode: 'overlap', position: fixedPosition('s5')});
		expect(second.readingDecisions).toBe(true);
		expect(dataset.idOf(second.state.cursor)).toBe('s5');
		second.dispatch({type: 'decide', verdict: 'rejected'});
		await waitFor(() => lines(db).some(line => line.sample === 's5'));
		expect(store.reading).toBe(true);
		expect(lines(db).find(line => line.sample === 's5')).toMatchObject({reviewer: 'cy', verdict: 'rejected'});
		expect(dataset.idOf(second.state.cursor)).toBe('s5');
		expect(second.currentSample().mine?.verdict).toBe('rejected');
		// Keys typed after it wait for the file, and come after the move on from s5.
		second.dispatch({type: 'decide', verdict: 'accepted'});
		expect(lines(db).filter(line => line.reviewer === 'cy')).toHaveLength(1);

		finish(message);
		await waitFor(() => !second.readingDecisions && dataset.idOf(second.state.cursor) === 's7');
		await store.flush();
		expect(store.get('s6', 'cy')?.verdict).toBe('accepted');
		expect(lines(db).filter(line => line.reviewer === 'cy').map(line => line.sample)).toEqual(['s5', 's6']);
		// Counted once, as a session opened now counts them.
		await waitFor(() => !second.counting);
		const fresh = new ReviewController(dataset, store, {reviewer: 'cy', categories: defaultCategories, mode: 'overlap'});
		await waitFor(() => !fresh.counting);
		expect(second.counts).toEqual(fresh.counts);
		expect(second.counts).toMatchObject({total: 20, rejected: 1, accepted: 1});
		fresh.close();
		second.dispatch({type: 'undo'});
		second.dispatch({type: 'undo'});
		await store.flush();
		expect(store.get('s5', 'cy')?.verdict).toBeNull();
		expect(store.get('s6', 'cy')?.verdict).toBeNull();
		second.close();
		store.close();
		dataset.close();
	});

	test('split mode: a sample nobody decided, its lease taken, is decided at once, and the session moves on from it once the file is read', async () => {
		const {db, message, finish, dataset, store} = await reviewWhileReading('split');
		const controller = new ReviewController(dataset, store, {reviewer: 'cy', categories: defaultCategories, mode: 'split', position: fixedPosition('s5')});
		expect(dataset.idOf(controller.state.cursor)).toBe('s5');
		controller.dispatch({type: 'decide', verdict: 'accepted'});
		await waitFor(() => lines(db).some(line => line.sample === 's5'));
		expect(store.reading).toBe(true);
		finish(message);
		await waitFor(() => !controller.readingDecisions);
		// On from s5: s6 is ann's, so s7.
		expect(dataset.idOf(controller.state.cursor)).toBe('s7');
		controller.close();
		store.close();
		dataset.close();
	});

	test('a lock lost while the line was about to be written: what the writer that took the lock over appended stays in the file', async () => {
		const {path, store, finish} = await fiftyDecisionsWhileReading();
		expect(store.holdsNoRecordOf('s51')).toBe(true);
		// This process stalled past the lock's stale time: another writer took the lock and appended
		// its line; this one finds out (the lock is compromised) once it has read the file's end.
		const adapter = (store as unknown as {adapter: {takeLock: () => Promise<unknown>}}).adapter;
		const theirs = JSON.stringify(record('s60', 'bo', 'rejected', '2026-01-01T00:00:09.000Z'));
		adapter.takeLock = async () => ({
			release() {},
			lost() {
				const text = readFileSync(path, 'utf8');
				const tailStart = text.lastIndexOf('\n]');
				writeFileSync(path, `${text.slice(0, tailStart)},\n${theirs}${text.slice(tailStart)}`);
				return new Error('lock compromised');
			},
		});
		store.setOnNewSample({sample: 's51', reviewer: 'cy', verdict: 'rejected'});
		await expect(store.flush()).rejects.toThrow(/stalled/);
		expect(lines(path).at(-1)).toMatchObject({sample: 's60', reviewer: 'bo'});
		finish(undefined);
		await waitFor(() => !store.reading);
		store.close();
	});
});

/** A reviewer position that says the session starts at `sample`. */
function fixedPosition(sample: string) {
	return {read: () => ({sample, filter: 'undecided'}), update() {}, save() {}};
}

/** 20 samples, s1, s2 and s6 decided by ann, with enough decisions of other samples in the file that the worker leaves only its end to the store; its read held back until finish(message). */
async function reviewWhileReading(mode: ReviewMode) {
	return twentySamplesWhileReading([
		...Array.from({length: 40}, (_, i) => record(`other${i}`, 'bo', 'accepted', '2026-01-01T00:00:00.000Z')),
		record('s1', 'ann', 'accepted', '2026-01-01T00:00:01.000Z'),
		record('s2', 'ann', 'rejected', '2026-01-01T00:00:02.000Z'),
		record('s6', 'ann', 'rejected', '2026-01-01T00:00:03.000Z'),
	], mode);
}

/** 20 samples in split mode, s1 and s2 decided by ann, opened with the decisions file's read held back until finish(message). */
async function splitReviewWhileReading() {
	return twentySamplesWhileReading([
		record('s1', 'ann', 'accepted', '2026-01-01T00:00:01.000Z'),
		record('s2', 'ann', 'rejected', '2026-01-01T00:00:02.000Z'),
	], 'split');
}

/** 20 samples (s1–s20) indexed, and a decisions file of `decisions` opened with its read held back until finish(message). */
async function twentySamplesWhileReading(decisions: DecisionRecord[], mode: ReviewMode) {
	const dir = tempDir();
	const data = join(dir, 'data.jsonl');
	writeFileSync(data, Array.from({length: 20}, (_, i) => JSON.stringify({id: `s${i + 1}`, text: `sample ${i + 1}`})).join('\n'));
	const db = join(dir, 'data.decisions.json');
	writeDecisions(db, 'data.jsonl', decisions, mode);
	const message = preloadOf(db);
	const {preloaded, finish} = heldPreload();
	const dataset = await Dataset.open(data);
	await dataset.whenIndexed;
	const store = await DecisionStore.open(db, dataset.name, {...quiet, background: true, preloaded});
	return {db, message, finish, dataset, store};
}
