import type {Dataset} from '../dataset/dataset.js';
import type {Claims} from './claiming.js';
import type {Ordering} from './ordering.js';
import {findIndex, findWrapping, matchesFilter, type Filter, type SampleStatus} from './session.js';

/** Where moves through the dataset may go, by filter and by split mode's claims. */
export class Navigation {
	/** The order moves go in (`o`); file order when undefined. */
	ordering: Ordering | undefined;
	/** The query the screen filters by (`f`), besides the status filter; none when undefined. */
	slice: ((i: number) => boolean) | undefined;

	constructor(
		private readonly dataset: Dataset,
		private readonly claims: Claims,
		private readonly statusAt: (i: number) => {status: SampleStatus; conflict: boolean},
	) {}

	/** Does `filter` show sample i? */
	shows(i: number, filter: Filter): boolean {
		return this.statusShows(i, filter) && (this.slice === undefined || this.slice(i));
	}

	/** Does the status filter alone show sample i (the query aside)? */
	statusShows(i: number, filter: Filter): boolean {
		if (filter === 'all') return true;
		const {status, conflict} = this.statusAt(i);
		return matchesFilter(filter, status, conflict);
	}

	/** Is sample i one to hand out next: shown by the filter and not open in another process (then held)? */
	available(i: number, filter: Filter): boolean {
		return this.shows(i, filter) && this.claims.claimable(i);
	}

	/**
	 * Where ← → g G may go: with the undecided filter (the work queue) in split mode, not to a sample
	 * another reviewer has open, as deciding does not; with the other filters (browsing), anywhere the
	 * filter shows. `:` goes to any sample.
	 */
	navigable(i: number, filter: Filter): boolean {
		return filter === 'undecided' ? this.available(i, filter) : this.shows(i, filter);
	}

	/** The previous or next sample ← → go to; undefined at either end. */
	step(from: number, direction: 1 | -1, filter: Filter): number | undefined {
		return this.find(from, direction, this.dataset.count, i => this.navigable(i, filter));
	}

	/** The first or last sample g G go to. */
	end(which: 'first' | 'last', filter: Filter): number | undefined {
		return which === 'first'
			? this.find(-1, 1, this.dataset.count, i => this.navigable(i, filter))
			: this.find(this.dataset.count, -1, this.dataset.count, i => this.navigable(i, filter));
	}

	/** The next sample to hand out after `from` among the first `count`, without wrapping. */
	ahead(from: number, filter: Filter, count = this.dataset.count): number | undefined {
		return this.find(from, 1, count, i => this.available(i, filter));
	}

	/** The next sample to hand out after `from`, wrapping to the start once. */
	next(from: number, filter: Filter): {index: number; wrapped: boolean} | undefined {
		return this.findWrapping(from, this.dataset.count, i => this.available(i, filter));
	}

	/** This reviewer's first undecided sample after `from` that nobody else has open. */
	firstUndecided(from = -1): number | undefined {
		return this.ahead(from, 'undecided');
	}

	/** The first sample a new filter shows, from `from` on, wrapping (claims do not matter: browsing). */
	shownFrom(from: number, filter: Filter): {index: number; wrapped: boolean} | undefined {
		return this.findWrapping(from, this.dataset.count, i => this.shows(i, filter));
	}

	/** The order's position of sample `index` (-1 and count stand for before the first and after the last). */
	private positionOf(index: number, count: number): number {
		if (index < 0 || index >= count) return index;
		return this.ordering!.rank[index];
	}

	/** findIndex in the order moves go in: `from` and the result are sample indices. */
	private find(from: number, direction: 1 | -1, count: number, matches: (i: number) => boolean): number | undefined {
		const ordering = this.ordering;
		if (!ordering || ordering.order.length !== count) return findIndex(from, direction, count, matches);
		const found = findIndex(this.positionOf(from, count), direction, count, position => matches(ordering.order[position]));
		return found === undefined ? undefined : ordering.order[found];
	}

	private findWrapping(from: number, count: number, matches: (i: number) => boolean): {index: number; wrapped: boolean} | undefined {
		const ordering = this.ordering;
		if (!ordering || ordering.order.length !== count) return findWrapping(from, 1, count, matches);
		const found = findWrapping(this.positionOf(from, count), 1, count, position => matches(ordering.order[position]));
		return found === undefined ? undefined : {index: ordering.order[found.index], wrapped: found.wrapped};
	}
}
