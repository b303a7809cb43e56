import type {Dataset} from '../dataset/dataset.js';
import type {DecisionStore} from '../store/decision-store.js';
import type {StatusCounter} from '../store/status-counts.js';

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
	if (!byIndexed && store.size > backgroundCountFrom) {
		// Many decisions (100,000: a few hundred ms of look-ups): counted in the background, 4 ms at
		// a time, so the first frame does not wait for the status bar's numbers.
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
	counter.refreshAfterIndexing(() => decidedIds(store), () => dataset.repeats.keys(), onProgress);
}
