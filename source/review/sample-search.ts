import type {Dataset} from '../dataset/dataset.js';
import {findNextMatch} from '../dataset/search.js';

export type SearchOutcome =
	| {kind: 'found'; index: number; wrapped: boolean}
	| {kind: 'not-found'}
	| {kind: 'failed'; error: Error}
	| {kind: 'stopped'};

/** One search through the dataset at a time: a new one, or esc, stops the one going on. */
export class SampleSearch {
	private abort: AbortController | undefined;

	constructor(private readonly dataset: Dataset) {}

	async find(query: string, from: number, direction: 1 | -1): Promise<SearchOutcome> {
		this.abort?.abort();
		const abort = new AbortController();
		this.abort = abort;
		try {
			const found = await findNextMatch(this.dataset, from, direction, query, abort.signal);
			if (abort.signal.aborted) return {kind: 'stopped'};
			return found === undefined ? {kind: 'not-found'} : {kind: 'found', ...found};
		} catch (error) {
			return abort.signal.aborted ? {kind: 'stopped'} : {kind: 'failed', error: error as Error};
		}
	}

	stop() {
		this.abort?.abort();
	}
}
