import type {Dataset} from '../dataset/dataset.js';
import {findNextEntry, forEachEntry} from '../dataset/search.js';
import {rawMayMatch, type SearchPattern} from './search-pattern.js';

export type SearchOutcome =
	| {kind: 'found'; index: number; wrapped: boolean}
	| {kind: 'not-found'}
	| {kind: 'failed'; error: Error}
	| {kind: 'stopped'};

/** How the matches are counted in the background: per sample, in file order. */
export type MatchCount = {
	pattern: SearchPattern;
	/** Matches per sample that has any (only samples the filter shows). */
	perSample: Map<number, number>;
	/** Samples before this index have been counted. */
	countedBelow: number;
	total: number;
	done: boolean;
};

type Hooks = {
	/** Does the current filter show sample i? */
	shows: (index: number) => boolean;
	/** How often the pattern matches what the screen shows of sample i (its rendered text). */
	matchesIn: (index: number, pattern: SearchPattern) => number;
};

/**
 * One search through the dataset at a time (a new one, or esc, stops the one going on), and one
 * background count of every match. A raw-text test on the file's bytes picks the candidates fast;
 * each one is then confirmed on its rendered text, which is what the reviewer sees.
 */
export class SampleSearch {
	private abort: AbortController | undefined;
	private counting: AbortController | undefined;
	count: MatchCount | undefined;

	constructor(private readonly dataset: Dataset, private readonly hooks: Hooks) {}

	async find(pattern: SearchPattern, from: number, direction: 1 | -1): Promise<SearchOutcome> {
		this.abort?.abort();
		const abort = new AbortController();
		this.abort = abort;
		try {
			const test = (index: number, bytes: Uint8Array) => this.hooks.shows(index) && this.matchesAt(index, bytes, pattern) > 0;
			const found = await findNextEntry(this.dataset, from, direction, test, abort.signal);
			if (abort.signal.aborted) return {kind: 'stopped'};
			return found === undefined ? {kind: 'not-found'} : {kind: 'found', ...found};
		} catch (error) {
			return abort.signal.aborted ? {kind: 'stopped'} : {kind: 'failed', error: error as Error};
		}
	}

	/** Counts every match of the pattern among the samples the filter shows; `onProgress` after each block. */
	startCounting(pattern: SearchPattern, onProgress: () => void) {
		this.counting?.abort();
		const abort = new AbortController();
		this.counting = abort;
		const count: MatchCount = {pattern, perSample: new Map(), countedBelow: 0, total: 0, done: false};
		this.count = count;
		const visit = (index: number, bytes: Uint8Array) => {
			if (!this.hooks.shows(index)) return;
			const matches = this.matchesAt(index, bytes, pattern);
			if (matches === 0) return;
			count.perSample.set(index, matches);
			count.total += matches;
		};

		void forEachEntry(this.dataset, visit, abort.signal, next => {
			count.countedBelow = next;
			if (next < this.dataset.count) onProgress();
		}).then(finished => {
			if (!finished || this.count !== count) return;
			count.done = true;
			onProgress();
		}, () => undefined);
	}

	/** Which match (1-based) the `occurrence`-th one in sample `index` is, once the count has passed it. */
	ordinal(index: number, occurrence: number): number | undefined {
		const count = this.count;
		if (!count || count.countedBelow <= index) return undefined;
		let before = 0;
		for (const [sample, matches] of count.perSample) if (sample < index) before += matches;
		return before + occurrence + 1;
	}

	stop() {
		this.abort?.abort();
	}

	/** Stops counting too (the pattern or the filter changed). */
	reset() {
		this.abort?.abort();
		this.counting?.abort();
		this.count = undefined;
	}

	private matchesAt(index: number, bytes: Uint8Array, pattern: SearchPattern): number {
		const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
		return rawMayMatch(pattern, raw) ? this.hooks.matchesIn(index, pattern) : 0;
	}
}
