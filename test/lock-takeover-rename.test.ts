// A writer that passed its last check and then stalled (SIGSTOP) past the stale time, before its
// rename: another writer breaks the lock and saves meanwhile. Woken, the first one's rename must not
// replace that file (it was merged from an older read): it is staged in its own lock folder, which
// the breaker moved away, so the rename fails and the write is retried from a fresh read.
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeEach, expect, test, vi} from 'vitest';
import {DecisionStore} from '../source/store/decision-store.js';
import {parseDecisionsFile} from '../source/store/decisions-file.js';
import {breakDeadLock} from '../source/store/lock-holder.js';
import {lockPath} from '../source/store/locked-merge-adapter.js';
import {useTempDir} from './helpers/temp.js';

/** Runs once, inside the next rename of a decisions file: between the writer's last check and its rename. */
const hooks: {beforeRename?: () => Promise<void>; beforeRenameSync?: () => void} = {};

// A small file is written with synchronous calls (renameSync), a big one with promises (rename).
vi.mock('node:fs', async importOriginal => {
	const real = await importOriginal<typeof import('node:fs')>();
	const renameSync = (from: string, to: string) => {
		// The decisions file's rename, not the lock's.
		const hook = to.endsWith('.decisions.json') ? hooks.beforeRenameSync : undefined;
		if (hook) hooks.beforeRenameSync = undefined;
		hook?.();
		real.renameSync(from, to);
	};
	return {...real, default: {...real, renameSync}, renameSync};
});

vi.mock('node:fs/promises', async importOriginal => {
	const real = await importOriginal<typeof import('node:fs/promises')>();
	return {
		...real,
		async rename(from: string, to: string) {
			const hook = hooks.beforeRename;
			hooks.beforeRename = undefined;
			await hook?.();
			return real.rename(from, to);
		},
	};
});

let dir: string;
const tempDir = useTempDir();
beforeEach(() => {
	dir = tempDir();
});

const record = (sample: string, reviewer: string, verdict: string) => ({sample, reviewer, verdict, categories: [], note: '', at: new Date().toISOString()});

test('a write stalled between its last check and its rename does not replace the file of the writer that took its lock over', async () => {
	const file = join(dir, 'samples.decisions.json');
	const ann = await DecisionStore.open(file, 'samples.jsonl', {watchInterval: 0});
	ann.set({sample: 's1', reviewer: 'ann', verdict: 'accepted'});
	hooks.beforeRenameSync = () => {
		// Ann's lock is judged stale (she is stopped): bob breaks it and saves his decision (a whole file, as a first write is).
		expect(breakDeadLock(lockPath(file), -60_000)).toBe(true);
		writeFileSync(file, JSON.stringify({schema: 1, dataset: 'samples.jsonl', createdAt: new Date().toISOString(), decisions: [record('s2', 'bob', 'rejected')]}, null, 1));
	};
	await expect(ann.flush()).rejects.toThrow(/written by another winnow process while this one was stalled/);
	expect(hooks.beforeRenameSync).toBeUndefined();
	const verdicts = () => new Map(parseDecisionsFile(readFileSync(file, 'utf8'), file, 'samples.jsonl').decisions.map(record => [record.sample, record.verdict]));
	expect(verdicts()).toEqual(new Map([['s2', 'rejected']]));
	// Retried from a fresh read: both.
	await ann.flush();
	expect(verdicts()).toEqual(new Map([['s1', 'accepted'], ['s2', 'rejected']]));
	ann.close();
});
