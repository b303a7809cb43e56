import type {Dataset} from '../dataset/dataset.js';
import type {DecisionStore} from '../store/decision-store.js';
import type {DecisionTable} from '../store/decision-table.js';
import type {IdNumbers, SampleState, StatusCounter} from '../store/status-counts.js';
import {majorityOfCounts} from '../store/verdict-policy.js';

/** With more decisions than this, the counts are first made in the background. */
const backgroundCountFrom = 5000;

function decidedIds(store: DecisionStore): Iterable<string> {
	return store.samples();
}

/**
 * Counts by status over the dataset from scratch: O(decided samples) or O(indexed samples),
 * whichever is fewer. Changes afterwards are counted as they come (StatusCounter).
 */
export function countAll(dataset: Dataset, store: DecisionStore, counter: StatusCounter, onProgress: () => void) {
	const byIndexed = dataset.count < store.size;
	if (store.size > backgroundCountFrom && (!byIndexed || dataset.count > backgroundCountFrom)) {
		// Many decisions (100,000: a few hundred ms of look-ups) on many indexed samples (the index
		// goes on while a big decisions file is read): counted in the background, 4 ms at a time, so
		// the first frame does not wait for the status bar's numbers.
		counter.rebuild(dataset.count, []);
		recountAfterIndexing(dataset, store, counter, onProgress);
		return;
	}

	const ids = byIndexed
		? (function * () {
			for (let i = 0; i < dataset.count; i++) yield dataset.idOf(i);
		})()
		: decidedIds(store);
	counter.rebuild(dataset.count, ids, !byIndexed);
}

/**
 * More samples indexed: any decided id may now occur, or occur more often. The counter re-evaluates
 * them in the background, a few milliseconds at a time, never holding up a key.
 */
export function recountAfterIndexing(dataset: Dataset, store: DecisionStore, counter: StatusCounter, onProgress: () => void) {
	counter.total = dataset.count;
	counter.refreshAfterIndexing(() => decidedSlots(store.table), () => dataset.repeats.keys(), onProgress);
}

/** The table's slots that hold records: the decided ids by their numbers (tableNumbers), with no look-up of each. */
function * decidedSlots(table: DecisionTable): Iterable<number> {
	for (let slot = 0; slot < table.slotCount; slot++) if (table.hasRecords(slot)) yield slot;
}

/** The decision table's sample slots as the counter's id numbers: no id string kept per decided sample. */
export function tableNumbers(store: DecisionStore): IdNumbers {
	return {numberOf: id => store.table.slotOfSample(id), idOf: slot => store.table.sampleAt(slot)};
}

const verdictOfCode = ['undecided', 'accepted', 'rejected', 'flagged'] as const;

/**
 * A sample's counted state read from the table's columns (DecisionTable.plainVerdicts), undefined when
 * its records must be read whole (a resolution, a rare record, a decision tied to the bytes it was
 * made on). `overlap`: in overlap mode the status is the reviewer's own verdict, and a reviewer who
 * is not a lead sees no conflict on a sample they have not decided (the controller's decisionsOf).
 */
export function plainState(table: DecisionTable, slot: number, reviewer: string, overlap: {lead: boolean} | undefined): SampleState | undefined {
	const plain = table.plainVerdicts(slot, table.reviewerNumber(reviewer));
	if (plain < 0) return undefined;
	const accepted = plain & 1023;
	const rejected = (plain >>> 10) & 1023;
	const flagged = (plain >>> 20) & 1023;
	if (!overlap) return majorityOfCounts(accepted, rejected, flagged);
	const mine = plain >>> 30;
	if (mine === 0 && !overlap.lead) return {status: 'undecided', conflict: false};
	return {status: verdictOfCode[mine], conflict: majorityOfCounts(accepted, rejected, flagged).conflict};
}
