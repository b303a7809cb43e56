// Decisions reach the disk while the screen's thread is busy: a burst of keys handled in one go
// (the screen reads many keys at a time when it falls behind), or a stretch in which code is loaded.
// Everything here is synchronous between the store's calls and the look at the file: an
// asynchronous write could not have happened in between.
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {lockSync} from 'proper-lockfile';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {DecisionStore} from '../source/store/decision-store.js';
import {lockPath} from '../source/store/locked-merge-adapter.js';
import {parseDecisionsFile} from '../source/store/decisions-file.js';
import {useTempDir} from './helpers/temp.js';

const dataset = 'samples.jsonl';
const writeDelay = 10;
let file: string;
const open: DecisionStore[] = [];
const tempDir = useTempDir();

beforeEach(() => {
	file = join(tempDir(), 'samples.decisions.json');
});

afterEach(() => {
	for (const store of open.splice(0)) store.close();
});

async function openStore(syncWrites = true): Promise<DecisionStore> {
	const store = await DecisionStore.open(file, dataset, {watchInterval: 0, writeDelay, syncWrites});
	open.push(store);
	return store;
}

function onDisk(): string[] {
	if (!existsSync(file)) return [];
	return parseDecisionsFile(readFileSync(file, 'utf8'), file, dataset).decisions.map(record => record.sample).sort();
}

/** Holds the thread, as handling a long burst of keys does. */
function holdThread(ms: number) {
	const until = performance.now() + ms;
	while (performance.now() < until) {
		// Busy.
	}
}

function decide(store: DecisionStore, sample: string) {
	store.set({sample, reviewer: 'alice', verdict: 'accepted'});
}

test('in a burst handled in one go, a decision older than the write delay is written at the next key, with no turn of the event loop', async () => {
	const store = await openStore();
	decide(store, 's1');
	holdThread(writeDelay + 5);
	decide(store, 's2');
	// The file is new: written whole.
	expect(onDisk()).toEqual(['s1', 's2']);
	decide(store, 's3');
	holdThread(writeDelay + 5);
	decide(store, 's4');
	// Then appended to.
	expect(onDisk()).toEqual(['s1', 's2', 's3', 's4']);
	expect(store.status.unsaved).toBe(0);
	expect(store.isSaved('s4', 'alice')).toBe(true);
});

test('without synchronous writes (headless commands) the write waits for the event loop, as before', async () => {
	const store = await openStore(false);
	decide(store, 's1');
	holdThread(writeDelay + 5);
	decide(store, 's2');
	expect(onDisk()).toEqual([]);
	await store.flush();
	expect(onDisk()).toEqual(['s1', 's2']);
});

test('while another process holds the lock, the burst goes on and the write waits for the lock', async () => {
	const store = await openStore();
	decide(store, 's1');
	await store.flush();
	const release = lockSync(file, {lockfilePath: lockPath(file), realpath: false});
	decide(store, 's2');
	holdThread(writeDelay + 5);
	decide(store, 's3');
	expect(onDisk()).toEqual(['s1']);
	release();
	await store.flush();
	expect(onDisk()).toEqual(['s1', 's2', 's3']);
});

test('during a stretch that may hold the thread, what was pending is written at its start and each task\'s decisions when the task ends', async () => {
	const store = await openStore();
	decide(store, 's1');
	await store.flush();
	decide(store, 's2');
	expect(onDisk()).toEqual(['s1']);
	let end!: () => void;
	const stretch = store.writeAtOnceDuring(new Promise<void>(resolve => {
		end = resolve;
	}));
	expect(onDisk()).toEqual(['s1', 's2']);
	// One task (a burst of keys): written together once it is over, before any other task (no timer).
	decide(store, 's3');
	decide(store, 's4');
	expect(onDisk()).toEqual(['s1', 's2']);
	await Promise.resolve();
	expect(onDisk()).toEqual(['s1', 's2', 's3', 's4']);
	end();
	await stretch;
	// Gathered again once it is over.
	decide(store, 's5');
	await Promise.resolve();
	expect(onDisk()).toEqual(['s1', 's2', 's3', 's4']);
	await store.flush();
	expect(onDisk()).toEqual(['s1', 's2', 's3', 's4', 's5']);
});

test('writePendingNow writes what is pending at once, before the thread is taken', async () => {
	const store = await openStore();
	decide(store, 's1');
	decide(store, 's2');
	expect(onDisk()).toEqual([]);
	store.writePendingNow();
	expect(onDisk()).toEqual(['s1', 's2']);
	// Nothing pending: nothing to do.
	store.writePendingNow();
	expect(onDisk()).toEqual(['s1', 's2']);
});
