// Model-based test: DecisionStore against a plain Map of (sample, reviewer) -> latest decision.
// Commands: set, undo, flush, reopen from disk, and another writer (a second store on the same file).
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import fc from 'fast-check';
import {afterEach, expect, test, vi} from 'vitest';
import {DecisionStore} from '../source/store/decision-store.js';
import {parseDecisionsFile} from '../source/store/decisions-file.js';
import {recordKey, type Verdict} from '../source/store/schema.js';
import {useTempDir} from './helpers/temp.js';

const dataset = 'samples.jsonl';
type Decision = {verdict: Verdict | null; note: string};
type Model = {decisions: Map<string, Decision>};
type Real = {file: string; store: DecisionStore; other: DecisionStore; options: {writeDelay: number}};

const samples = ['s1', 's2', 's3', 's4', 'id with spaces', 'ünï', ''];
const reviewers = ['ann', 'bob'];
const sample = fc.constantFrom(...samples);
const reviewer = fc.constantFrom(...reviewers);
const verdict = fc.constantFrom<Verdict>('accepted', 'rejected', 'flagged');
const note = fc.oneof(fc.constant(''), fc.string({maxLength: 8}));

function same(real: DecisionStore, model: Model) {
	for (const [key, expected] of model.decisions) {
		const [s, r] = key.split('\u0000') as [string, string];
		expect(real.get(s, r), `store record for ${JSON.stringify(key)}`).toMatchObject(expected);
	}

	expect(real.size).toBe(model.decisions.size);
}

function sameOnDisk(file: string, model: Model) {
	const data = parseDecisionsFile(readFileSync(file, 'utf8'), file, dataset);
	const disk = new Map(data.decisions.map(r => [recordKey(r.sample, r.reviewer), {verdict: r.verdict, note: r.note}]));
	expect(disk).toEqual(model.decisions);
}

class SetCommand implements fc.AsyncCommand<Model, Real> {
	constructor(readonly sample: string, readonly reviewer: string, readonly verdict: Verdict, readonly note: string) {}
	check = () => true;
	async run(model: Model, real: Real) {
		real.store.set({sample: this.sample, reviewer: this.reviewer, verdict: this.verdict, note: this.note});
		model.decisions.set(recordKey(this.sample, this.reviewer), {verdict: this.verdict, note: this.note});
		same(real.store, model);
	}

	toString = () => `set(${JSON.stringify(this.sample)}, ${this.reviewer}, ${this.verdict}, ${JSON.stringify(this.note)})`;
}

class UndoCommand implements fc.AsyncCommand<Model, Real> {
	constructor(readonly sample: string, readonly reviewer: string) {}
	check = (model: Readonly<Model>) => model.decisions.has(recordKey(this.sample, this.reviewer));
	async run(model: Model, real: Real) {
		real.store.set({sample: this.sample, reviewer: this.reviewer, verdict: null});
		model.decisions.set(recordKey(this.sample, this.reviewer), {verdict: null, note: ''});
		same(real.store, model);
	}

	toString = () => `undo(${JSON.stringify(this.sample)}, ${this.reviewer})`;
}

class FlushCommand implements fc.AsyncCommand<Model, Real> {
	check = () => true;
	async run(model: Model, real: Real) {
		await real.store.flush();
		expect(real.store.status.unsaved).toBe(0);
		expect(real.store.status.error).toBeUndefined();
		if (model.decisions.size > 0) sameOnDisk(real.file, model);
		same(real.store, model);
	}

	toString = () => 'flush';
}

class ReopenCommand implements fc.AsyncCommand<Model, Real> {
	check = () => true;
	async run(model: Model, real: Real) {
		await real.store.flush();
		real.store.close();
		real.store = await DecisionStore.open(real.file, dataset, {...real.options, watchInterval: 0});
		same(real.store, model);
	}

	toString = () => 'reopen';
}

/**
 * Another process changes a decision after seeing this one's saved state (it reloads first), then
 * this store reloads: the other's change is the newest and must win, everywhere.
 */
class OtherWriterCommand implements fc.AsyncCommand<Model, Real> {
	constructor(readonly sample: string, readonly reviewer: string, readonly verdict: Verdict | null) {}
	check = () => true;
	async run(model: Model, real: Real) {
		await real.store.flush();
		await real.other.reload();
		real.other.set({sample: this.sample, reviewer: this.reviewer, verdict: this.verdict, note: 'other'});
		await real.other.flush();
		model.decisions.set(recordKey(this.sample, this.reviewer), {verdict: this.verdict, note: 'other'});
		await real.store.reload();
		same(real.store, model);
	}

	toString = () => `other(${JSON.stringify(this.sample)}, ${this.reviewer}, ${this.verdict})`;
}

/** Another reviewer's decision written while this store has unsaved changes of its own. */
class OtherReviewerCommand implements fc.AsyncCommand<Model, Real> {
	constructor(readonly sample: string, readonly verdict: Verdict) {}
	check = () => true;
	async run(model: Model, real: Real) {
		const unsaved = real.store.status.unsaved;
		real.other.set({sample: this.sample, reviewer: 'zed', verdict: this.verdict});
		await real.other.flush();
		model.decisions.set(recordKey(this.sample, 'zed'), {verdict: this.verdict, note: ''});
		await real.store.reload();
		// Local unsaved changes are still unsaved (a timed write may have saved some meanwhile, not more).
		expect(real.store.status.unsaved).toBeLessThanOrEqual(unsaved);
		same(real.store, model);
	}

	toString = () => `zed(${JSON.stringify(this.sample)}, ${this.verdict})`;
}

/**
 * The wall clock: frozen between commands (as if every change were made in the same millisecond),
 * stepped forward a little, or set back (NTP, a VM resumed): causally later changes must still win.
 */
class ClockCommand implements fc.AsyncCommand<Model, Real> {
	constructor(readonly step: number) {}
	check = () => true;
	async run() {
		vi.setSystemTime(Date.now() + this.step);
	}

	toString = () => `clock(${this.step > 0 ? '+' : ''}${this.step})`;
}

afterEach(() => {
	vi.useRealTimers();
});

const commands = [
	fc.constantFrom(-1000, -1, 1, 2).map(step => new ClockCommand(step)),
	fc.tuple(sample, reviewer, verdict, note).map(([s, r, v, n]) => new SetCommand(s, r, v, n)),
	fc.tuple(sample, reviewer).map(([s, r]) => new UndoCommand(s, r)),
	fc.constant(new FlushCommand()),
	fc.constant(new ReopenCommand()),
	fc.tuple(sample, reviewer, fc.option(verdict, {nil: null})).map(([s, r, v]) => new OtherWriterCommand(s, r, v)),
	fc.tuple(sample, verdict).map(([s, v]) => new OtherReviewerCommand(s, v)),
];

const tempDir = useTempDir();

test('DecisionStore behaves like a Map of latest decisions, through flushes, reopens and other writers', async () => {
	await fc.assert(
		fc.asyncProperty(fc.commands(commands, {maxCommands: 40}), fc.constantFrom(0, 1, 5, 60_000), async (cmds, writeDelay) => {
			vi.useFakeTimers({toFake: ['Date'], now: new Date()});
			const dir = tempDir();
			const file = join(dir, 'samples.decisions.json');
			const options = {writeDelay, retryDelay: 20};
			const real: Real = {
				file,
				options,
				store: await DecisionStore.open(file, dataset, {...options, watchInterval: 0}),
				other: await DecisionStore.open(file, dataset, {...options, watchInterval: 0}),
			};
			try {
				await fc.asyncModelRun(() => ({model: {decisions: new Map()}, real}), cmds);
				await real.store.flush();
				if (real.store.size > 0) sameOnDisk(file, {decisions: new Map([...real.store.all()].map(r => [recordKey(r.sample, r.reviewer), {verdict: r.verdict, note: r.note}]))});
			} finally {
				await real.store.flush().catch(() => undefined);
				await real.other.flush().catch(() => undefined);
				real.store.close();
				real.other.close();
			}
		}),
		{numRuns: 150},
	);
});
