// fast-check scheduler test: two stores on one file, with the moments at which file reads and
// atomic renames complete chosen by fc.scheduler. A read's content is taken when it is issued and
// handed over later, so a reload can deliver an old file after a newer write has finished, and a
// store's own changes can land while its write is in flight.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import fc from 'fast-check';
import {afterEach, expect, test, vi} from 'vitest';
import {recordKey, type Verdict} from '../source/store/schema.js';
import {useTempDir} from './helpers/temp.js';

const hooks = vi.hoisted(() => ({scheduler: undefined as undefined | {schedule: <T>(task: Promise<T>, label?: string) => Promise<T>}}));

vi.mock('node:fs/promises', async importOriginal => {
	const real = await importOriginal<typeof import('node:fs/promises')>();
	// A read's content is taken now and handed over when the scheduler says so.
	const readFile = async (...args: Parameters<typeof real.readFile>) => {
		const content = await real.readFile(...args);
		return hooks.scheduler ? hooks.scheduler.schedule(Promise.resolve(content), `read ${String(args[0]).split('/').pop()}`) : content;
	};

	// The new file appears (the atomic rename at the end of a write) when the scheduler says so.
	const rename = async (...args: Parameters<typeof real.rename>) => {
		if (hooks.scheduler) await hooks.scheduler.schedule(Promise.resolve(), 'rename');
		return real.rename(...args);
	};

	return {...real, readFile, rename, default: {...real, readFile, rename}};
});

const {DecisionStore} = await import('../source/store/decision-store.js');
const {parseDecisionsFile} = await import('../source/store/decisions-file.js');

const dataset = 'samples.jsonl';

type Op =
	| {kind: 'set'; who: 0 | 1; sample: string; verdict: Verdict | null}
	| {kind: 'flush' | 'reload'; who: 0 | 1};

const who = fc.constantFrom<0 | 1>(0, 1);
const op: fc.Arbitrary<Op> = fc.oneof(
	{weight: 3, arbitrary: fc.record({kind: fc.constant('set' as const), who, sample: fc.constantFrom('s1', 's2', 's3'), verdict: fc.constantFrom<Verdict | null>('accepted', 'rejected', 'flagged', null)})},
	fc.record({kind: fc.constantFrom('flush' as const, 'reload' as const), who}),
);

afterEach(() => {
	hooks.scheduler = undefined;
});

const tempDir = useTempDir();

test('any order of read and write completions: nothing reverted, nothing lost, the file ends as the union', async () => {
	await fc.assert(
		fc.asyncProperty(fc.scheduler(), fc.array(op, {minLength: 1, maxLength: 25}), fc.constantFrom(0, 2, 60_000), async (s, ops, writeDelay) => {
			const dir = tempDir();
			const file = join(dir, 'samples.decisions.json');
			const reviewers = ['ann', 'bob'] as const;
			const stores = [
				await DecisionStore.open(file, dataset, {writeDelay, watchInterval: 0, retryDelay: 10}),
				await DecisionStore.open(file, dataset, {writeDelay, watchInterval: 0, retryDelay: 10}),
			];
			hooks.scheduler = s;
			const latest = new Map<string, Verdict | null>();
			const background: Array<Promise<unknown>> = [];
			const failures: unknown[] = [];
			/** A store's own latest change is never replaced by what it reads back. */
			const ownChangesIntact = () => {
				for (const [i, store] of stores.entries()) {
					for (const [key, verdict] of latest) {
						const [sample, reviewer] = key.split('\u0000') as [string, string];
						if (reviewer === reviewers[i]) expect(store.get(sample, reviewer)?.verdict, `${reviewer}'s own ${sample}`).toBe(verdict);
					}
				}
			};

			try {
				const sequence = s.scheduleSequence(ops.map(o => ({
					label: JSON.stringify(o),
					async builder() {
						const store = stores[o.who]!;
						if (o.kind === 'set') {
							store.set({sample: o.sample, reviewer: reviewers[o.who], verdict: o.verdict});
							latest.set(recordKey(o.sample, reviewers[o.who]), o.verdict);
						} else {
							background.push((o.kind === 'flush' ? store.flush() : store.reload()).catch(error => failures.push(error)));
						}

						ownChangesIntact();
					},
				})));
				await s.waitFor(sequence.task);
				expect(sequence.faulty).toBe(false);
				await s.waitFor(Promise.all(background));
				// Settle: everything written by both, then both read the final file.
				for (const store of stores) await s.waitFor(store.flush());
				for (const store of stores) await s.waitFor(store.reload());
				await s.waitIdle();
				ownChangesIntact();
				expect(failures).toEqual([]);
				for (const store of stores) {
					expect(store.status.unsaved).toBe(0);
					for (const [key, verdict] of latest) {
						const [sample, reviewer] = key.split('\u0000') as [string, string];
						expect(store.get(sample, reviewer)?.verdict).toBe(verdict);
					}
				}

				if (latest.size > 0) {
					const disk = parseDecisionsFile(readFileSync(file, 'utf8'), file, dataset);
					expect(new Map(disk.decisions.map(r => [recordKey(r.sample, r.reviewer), r.verdict]))).toEqual(latest);
				}
			} finally {
				hooks.scheduler = undefined;
				for (const store of stores) {
					await store.flush().catch(() => undefined);
					store.close();
				}
			}
		}),
		{numRuns: 100},
	);
});
