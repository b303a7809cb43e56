/*
What a word loop repeats, for repetition's reason: the longest stretch of a response that is one word, or a run of up to
ten words, written over and over back to back ("big, big, big, …": one word 40 times in a row). Gopher's n-gram
rules measure such a loop as "50% of the response is repeated 10-word runs", which says nothing of what a reviewer
will see; this names it. Only the reason's words: detection is repetition.ts'.
*/
import {quote} from './detector.js';
import type {Tokens} from './text.js';

/** The longest unit named: repetition's longest n-gram. */
const maxPeriod = 10;
/** Fewer copies than this is not a loop worth naming. */
const minCopies = 3;

export type RepeatedRun = {reason: string; chars: number};

/**
 * The back-to-back run of one unit (1 … 10 words, the shortest unit for a stretch) that covers the most characters,
 * with a reason naming it ("one word repeated 40 times in a row: "big""), or undefined with none of `minCopies`.
 * `noun`: what a word is called ("character" in scripts written without spaces).
 */
export function longestRepeatedRun(tokens: Tokens, noun: string): RepeatedRun | undefined {
	const {count, hashes, starts, lengths} = tokens;
	let best: {start: number; end: number; period: number; chars: number} | undefined;
	for (let period = 1; period <= maxPeriod && period * minCopies <= count; period++) {
		let runStart = period;
		for (let i = period; i <= count; i++) {
			if (i < count && hashes[i] === hashes[i - period]) continue;
			// Words [runStart - period, i) repeat with this period.
			const start = runStart - period;
			if (i - start >= period * minCopies) {
				const chars = starts[i - 1] + lengths[i - 1] - starts[start];
				if (best === undefined || chars > best.chars) best = {start, end: i, period, chars};
			}

			runStart = i + 1;
		}
	}

	if (best === undefined) return undefined;
	const {start, end, period, chars} = best;
	const copies = Math.floor((end - start) / period);
	const unit = tokens.text.slice(starts[start], starts[start + period - 1] + lengths[start + period - 1]);
	const what = period === 1 ? `one ${noun}` : `${period} ${noun}s`;
	return {reason: `${what} repeated ${copies} times in a row: ${quote(unit)}`, chars};
}
