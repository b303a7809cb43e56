import type {DecisionStore} from '../store/decision-store.js';
import type {DecisionRecord, ReplacedDecision, Verdict} from '../store/schema.js';
import type {BulkChange} from './bulk.js';
import type {StatusCounter} from '../store/status-counts.js';
import type {UndoEntry} from './session.js';

/** One change this reviewer makes to their own record on a sample: a decision, a note, or an undo. */
export type Change = {
	index: number;
	sample: string;
	/** The reviewer's record before the change (undefined: none), which `u` restores. */
	previous: DecisionRecord | undefined;
	verdict: Verdict | null;
	categories: string[];
	note: string;
	resolution?: boolean;
	/** Given in overlap mode without seeing another reviewer's verdict on the sample. */
	blind?: boolean;
	reasons?: string[];
	correction?: Record<string, unknown>;
	/** The rule that made the decision (a bulk step's query), and the decision it replaced. */
	rule?: string;
	replaced?: ReplacedDecision;
	/** The hash of the sample's bytes the decision is made on (see dataset/content-hash.ts). */
	hash?: string;
	/**
	 * A decision or a note can be undone (`push`); an undo takes its entry off (`pop`); a reason added
	 * to the rejection just made stays part of it (`keep`: undoing the rejection takes it too).
	 */
	undo: 'push' | 'pop' | 'keep';
};

/** This reviewer's changes: written to the store, counted at once, remembered for undo. */
export class Decisions {
	/** Samples this reviewer changed in this session. */
	private readonly touched = new Set<string>();
	/** When each decision of this session was made (ms), for the pace. */
	private readonly times: number[] = [];

	constructor(private readonly store: DecisionStore, private readonly reviewer: string, private readonly counter: StatusCounter, private readonly now: () => number = Date.now) {}

	/**
	 * How long this reviewer has worked in this session: the time between their decisions, a gap
	 * longer than `idle` (a break) counting as `idle`.
	 */
	workMs(idle = 5 * 60_000): number {
		let total = 0;
		for (let i = 1; i < this.times.length; i++) total += Math.min(idle, this.times[i] - this.times[i - 1]);
		return total;
	}

	/**
	 * Records a change and returns the undo list after it. `newSample`: the decisions file holds no
	 * record of the sample (checked while it is read in the background): written at once.
	 */
	record(change: Change, undo: readonly UndoEntry[], newSample = false): UndoEntry[] {
		this.touched.add(change.sample);
		if (change.undo === 'push' && change.verdict !== null) this.times.push(this.now());
		(newSample ? this.store.setOnNewSample : this.store.set).call(this.store, {sample: change.sample, reviewer: this.reviewer, verdict: change.verdict, categories: change.categories, note: change.note, resolution: change.resolution, blind: change.blind, reasons: change.reasons, correction: change.correction, rule: change.rule, replaced: change.replaced, hash: change.hash});
		// Keeps the counts right without recounting everything.
		this.counter.update(change.sample);
		if (change.undo === 'keep') return [...undo];
		return change.undo === 'push' ? [...undo, {index: change.index, sample: change.sample, previous: change.previous}] : undo.slice(0, -1);
	}

	/**
	 * A bulk step: every change written at once, remembered as one undo entry (`push`, at the sample
	 * `at` the reviewer was on), or an undo of such a step restoring each sample's earlier record (`pop`).
	 */
	recordBatch(changes: readonly Change[], batch: BulkChange[], rule: string, undo: readonly UndoEntry[], how: 'push' | 'pop', at?: {index: number; sample: string}): UndoEntry[] {
		for (const change of changes) {
			this.touched.add(change.sample);
			this.store.set({sample: change.sample, reviewer: this.reviewer, verdict: change.verdict, categories: change.categories, note: change.note, resolution: change.resolution, blind: change.blind, reasons: change.reasons, correction: change.correction, rule: change.rule, replaced: change.replaced, hash: change.hash});
			this.counter.update(change.sample);
		}

		if (how === 'pop') return undo.slice(0, -1);
		// Where the reviewer was when the step was made (undo goes back there), else its first sample.
		const where = at ?? batch[0];
		return [...undo, {index: where?.index ?? 0, sample: where?.sample ?? '', previous: undefined, batch, rule}];
	}

	/** How many samples this reviewer decided in this session (and has not undone). */
	decidedThisSession(): number {
		let decided = 0;
		for (const id of this.touched) if (this.store.get(id, this.reviewer)?.verdict) decided++;
		return decided;
	}
}
