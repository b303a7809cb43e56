import type {DecisionStore} from '../store/decision-store.js';
import type {DecisionRecord, Verdict} from '../store/schema.js';
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

	constructor(private readonly store: DecisionStore, private readonly reviewer: string, private readonly counter: StatusCounter) {}

	/** Records a change and returns the undo list after it. */
	record(change: Change, undo: readonly UndoEntry[]): UndoEntry[] {
		this.touched.add(change.sample);
		this.store.set({sample: change.sample, reviewer: this.reviewer, verdict: change.verdict, categories: change.categories, note: change.note, resolution: change.resolution, blind: change.blind, reasons: change.reasons, correction: change.correction});
		// Keeps the counts right without recounting everything.
		this.counter.update(change.sample);
		if (change.undo === 'keep') return [...undo];
		return change.undo === 'push' ? [...undo, {index: change.index, sample: change.sample, previous: change.previous}] : undo.slice(0, -1);
	}

	/** How many samples this reviewer decided in this session (and has not undone). */
	decidedThisSession(): number {
		let decided = 0;
		for (const id of this.touched) if (this.store.get(id, this.reviewer)?.verdict) decided++;
		return decided;
	}
}
