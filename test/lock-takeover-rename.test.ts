// A writer that passed its last check and then stalled (SIGSTOP) past the stale time, before its
// rename: another writer breaks the lock and saves meanwhile. Woken, the first one's rename must not
// replace that file (it was merged from an older read): it is staged in its own lock folder, which
// the breaker moved away, so the rename fails and the write is retried from a fresh read.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeEach, expect, test, vi} from 'vitest';
import {DecisionStore} from '../source/store/decision-store.js';
import {parseDecisionsFile} from '../source/store/decisions-file.js';
import {breakDeadLock} from '../source/store/lock-holder.js';
import {lockPath} from '../source/store/locked-merge-adapter.js';
import {useTempDir} from './helpers/temp.js';

/** Runs once, inside the next rename of a decisions file: between the writer's last check and its rename. */
const hooks: {beforeRename?: () => Promise<void>} = {};

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

test('a write stalled between its last check and its rename does not replace the file of the writer that took its lock over', async () => {
	const file = join(dir, 'samples.decisions.json');
	const ann = await DecisionStore.open(file, 'samples.jsonl', {watchInterval: 0});
	const bob = await DecisionStore.open(file, 'samples.jsonl', {watchInterval: 0});
	ann.set({sample: 's1', reviewer: 'ann', verdict: 'accepted'});
	hooks.beforeRename = async () => {
		// Ann's lock is judged stale (she is stopped): bob breaks it and saves his decision.
		expect(breakDeadLock(lockPath(file), -60_000)).toBe(true);
		bob.set({sample: 's2', reviewer: 'bob', verdict: 'rejected'});
		await bob.flush();
	};
	await expect(ann.flush()).rejects.toThrow(/written by another winnow process while this one was stalled/);
	const verdicts = () => new Map(parseDecisionsFile(readFileSync(file, 'utf8'), file, 'samples.jsonl').decisions.map(record => [record.sample, record.verdict]));
	expect(verdicts()).toEqual(new Map([['s2', 'rejected']]));
	// Retried from a fresh read: both.
	await ann.flush();
	expect(verdicts()).toEqual(new Map([['s1', 'accepted'], ['s2', 'rejected']]));
	ann.close();
	bob.close();
});
