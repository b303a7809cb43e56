// A save's fdatasync runs on libuv's thread pool, not on the screen's thread: while the disk takes
// its time the event loop goes on (keys, frames), the record is already written in place of the tail
// (under the lock, released before the fdatasync), and it counts as saved only once the disk said so;
// the next decisions are appended meanwhile, by this process or another. These hold the fsync of the
// decisions file until the test lets it go, and check what the file, the lock and the store say meanwhile.
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeEach, expect, test, vi} from 'vitest';
import {waitFor} from './helpers/wait-for.js';
import {useTempDir} from './helpers/temp.js';

type Held = {fd: number; release: (error?: NodeJS.ErrnoException) => void};
const hooks = vi.hoisted(() => ({hold: false, held: [] as Held[], fail: undefined as NodeJS.ErrnoException | undefined}));

vi.mock('node:fs', async importOriginal => {
	const real = await importOriginal<typeof import('node:fs')>();
	/** The fsync calls held while hooks.hold is set: each done when the test releases it. */
	const holding = (sync: typeof real.fdatasync) => (fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => {
		const failure = hooks.fail;
		hooks.fail = undefined;
		if (!hooks.hold) {
			if (failure) setImmediate(() => callback(failure));
			else sync(fd, callback);
			return;
		}

		hooks.held.push({fd, release(error = failure) {
			if (error) callback(error);
			else sync(fd, callback);
		}});
	};

	const fdatasync = holding(real.fdatasync);
	const fsync = holding(real.fsync);
	return {...real, fdatasync, fsync, default: {...real, fdatasync, fsync}};
});

const {DecisionStore} = await import('../source/store/decision-store.js');
const {parseDecisionsFile} = await import('../source/store/decisions-file.js');

const tempDir = useTempDir();
let file: string;
beforeEach(() => {
	file = join(tempDir(), 'samples.decisions.json');
	hooks.hold = false;
	hooks.held = [];
	hooks.fail = undefined;
});

const recordLines = () => readFileSync(file, 'utf8').split('\n').filter(line => line.startsWith('{"sample"'));
const samplesInFile = () => recordLines().map(line => (JSON.parse(line.replace(/,$/, '')) as {sample: string}).sample);
const turns = async (count: number) => {
	for (let i = 0; i < count; i++) await new Promise(resolve => setImmediate(resolve));
};

/** A store whose file exists and is appended to (the first write of a new file writes it whole). */
async function openAppending(options = {}) {
	const store = await DecisionStore.open(file, 'samples.jsonl', {watchInterval: 0, retryDelay: 60_000, syncWrites: true, ...options});
	store.set({sample: 's0', reviewer: 'ann', verdict: 'accepted'});
	await store.flush();
	return store;
}

test('while the disk syncs a save the event loop turns; the line is in place, the lock free, and the decision saved only once synced', async () => {
	const store = await openAppending();
	const savedBefore = store.status.lastSavedAt;
	hooks.hold = true;
	store.set({sample: 's1', reviewer: 'ann', verdict: 'rejected'});
	const flushed = store.flush();
	await waitFor(() => hooks.held.length === 1, 'the save to reach its fdatasync');
	// The event loop goes on (a synchronous fdatasync would have held it until the disk was done).
	await turns(5);
	expect(samplesInFile()).toEqual(['s0', 's1']);
	expect(existsSync(`${file}.lock`)).toBe(false);
	expect(store.isSaved('s1', 'ann')).toBe(false);
	expect(store.status.lastSavedAt).toBe(savedBefore);
	expect(store.status.unsaved).toBe(1);
	hooks.held.shift()!.release();
	await flushed;
	expect(store.isSaved('s1', 'ann')).toBe(true);
	expect(store.status.unsaved).toBe(0);
	expect(existsSync(`${file}.lock`)).toBe(false);
	expect(parseDecisionsFile(readFileSync(file, 'utf8'), file, 'samples.jsonl').decisions.map(record => record.sample)).toEqual(['s0', 's1']);
	store.close();
});

test('decisions made while a save syncs are appended at once, in the order made, each saved once its own sync is done', async () => {
	const store = await openAppending({writeDelay: 0});
	hooks.hold = true;
	store.set({sample: 's1', reviewer: 'ann', verdict: 'accepted'});
	await waitFor(() => hooks.held.length === 1, 'the first save to reach its fdatasync');
	store.set({sample: 's2', reviewer: 'ann', verdict: 'rejected'});
	store.set({sample: 's3', reviewer: 'ann', verdict: 'flagged'});
	await waitFor(() => hooks.held.length === 2, 'the next save to reach its fdatasync, the first one\'s still running');
	// Not written twice while the first sync runs.
	expect(samplesInFile()).toEqual(['s0', 's1', 's2', 's3']);
	store.set({sample: 's1', reviewer: 'ann', verdict: 'rejected'});
	await waitFor(() => hooks.held.length === 3, 'a third save');
	expect(samplesInFile()).toEqual(['s0', 's1', 's2', 's3', 's1']);
	// The second sync done first: s2 and s3 saved, s1 not (its newest record's sync still runs).
	hooks.held.splice(1, 1)[0]!.release();
	await waitFor(() => store.isSaved('s2', 'ann'), 's2 saved');
	expect(store.isSaved('s3', 'ann')).toBe(true);
	expect(store.isSaved('s1', 'ann')).toBe(false);
	hooks.hold = false;
	for (const held of hooks.held.splice(0)) held.release();
	await store.flush();
	expect(store.status.unsaved).toBe(0);
	expect(samplesInFile()).toEqual(['s0', 's1', 's2', 's3', 's1']);
	const reread = await DecisionStore.open(file, 'samples.jsonl', {watchInterval: 0});
	expect(reread.get('s1', 'ann')?.verdict).toBe('rejected');
	expect(reread.get('s3', 'ann')?.verdict).toBe('flagged');
	reread.close();
	store.close();
});

test('another writer appends while a save syncs (the lock is free), after it; both merged, nothing lost', async () => {
	const ann = await openAppending();
	const bob = await DecisionStore.open(file, 'samples.jsonl', {watchInterval: 0, retryDelay: 60_000});
	hooks.hold = true;
	ann.set({sample: 's1', reviewer: 'ann', verdict: 'accepted'});
	const annFlushed = ann.flush();
	await waitFor(() => hooks.held.length === 1, 'ann\'s save to reach its fdatasync');
	bob.set({sample: 's1', reviewer: 'bob', verdict: 'rejected'});
	const bobFlushed = bob.flush();
	await waitFor(() => hooks.held.length === 2, 'bob\'s save to reach its fdatasync');
	const lines = () => recordLines().map(line => JSON.parse(line.replace(/,$/, '')) as {sample: string; reviewer: string});
	expect(lines().map(record => `${record.sample}/${record.reviewer}`)).toEqual(['s0/ann', 's1/ann', 's1/bob']);
	hooks.hold = false;
	for (const held of hooks.held.splice(0)) held.release();
	await annFlushed;
	await bobFlushed;
	expect(parseDecisionsFile(readFileSync(file, 'utf8'), file, 'samples.jsonl').decisions).toHaveLength(3);
	await ann.reload();
	expect(ann.get('s1', 'bob')?.verdict).toBe('rejected');
	ann.close();
	bob.close();
});

test('a failed sync leaves the decision unsaved, says so, and appends it again: the file stays one valid document', async () => {
	const store = await openAppending();
	hooks.fail = Object.assign(new Error('EIO: i/o error, fdatasync'), {code: 'EIO'});
	store.set({sample: 's1', reviewer: 'ann', verdict: 'accepted'});
	await expect(store.flush()).rejects.toThrow(/cannot be written/);
	expect(store.isSaved('s1', 'ann')).toBe(false);
	expect(store.status.error).toMatch(/cannot be written/);
	expect(existsSync(`${file}.lock`)).toBe(false);
	await store.flush();
	expect(store.isSaved('s1', 'ann')).toBe(true);
	expect(store.status.error).toBeUndefined();
	// Written twice (the first copy may not be on disk): a reader keeps one.
	expect(samplesInFile()).toEqual(['s0', 's1', 's1']);
	const decisions = parseDecisionsFile(readFileSync(file, 'utf8'), file, 'samples.jsonl').decisions;
	const reread = await DecisionStore.open(file, 'samples.jsonl', {watchInterval: 0});
	expect(decisions).toHaveLength(3);
	expect([...reread.all()].map(record => record.sample).sort()).toEqual(['s0', 's1']);
	reread.close();
	store.close();
});
