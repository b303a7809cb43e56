import type {SampleSignal} from './detector.js';
import {wordsOf} from './text.js';

/** Words a finished sentence does not end on. */
const dangling = new Set('a an the and or but nor of to in on at by for from with into onto as than that which who whom whose if when while because so such is are was were be been being will would can could should may might must not this these those their its your our my his her'.split(' '));

const fence = /^[ \t]{0,3}(```|~~~)/gm;
const listOrTable = /^\s*(?:[-*+•]\s|\d+[.)]\s|#|\||>)/;
const urlOrPath = /(?:https?:\/\/|www\.|\/|\\|@)\S*$/;

/** Why a response looks cut off, or undefined. */
export function cutReason(response: string, words: number, minWords: number): string | undefined {
	const fences = response.match(fence)?.length ?? 0;
	if (fences % 2 === 1) return 'a code block is left open';
	const trimmed = response.trimEnd();
	if (trimmed === '') return undefined;
	const last = trimmed.at(-1)!;
	if (last === ',' || last === '(' || last === '-' || last === '–' || last === '&' || last === '/') {
		// "well-" or "and/" or "such as (": a sentence that was not finished.
		return `it ends with "${last}" mid-sentence`;
	}

	if (!/[\p{L}\p{N}]/u.test(last)) return undefined;
	const lastLine = trimmed.slice(trimmed.lastIndexOf('\n') + 1);
	const lastWord = wordsOf(lastLine).at(-1);
	if (urlOrPath.test(lastLine)) return undefined;
	if (lastWord !== undefined && dangling.has(lastWord) && words >= 4 && /\p{L}$/u.test(trimmed)) return `it ends mid-sentence on "${lastWord}"`;
	if (words >= minWords && !listOrTable.test(lastLine) && wordsOf(lastLine).length >= 8) return 'it ends mid-sentence, with no closing punctuation';
	return undefined;
}

/**
 * Cut off: finish_reason "length" in the sample, or a response that ends inside an unclosed code
 * fence, on a comma or a word no sentence ends on ("the", "and"), or, for a response of some length,
 * on a long line of prose with no closing punctuation.
 */
export const truncated: SampleSignal = {
	name: 'truncated',
	make(config) {
		return text => {
			if (text.stoppedAtLength) return 'truncated: the generation stopped at its length limit (finish_reason "length")';
			for (const response of text.responses) {
				const reason = cutReason(response, text.tokens(response).count, config.truncated.minWords);
				if (reason) return `truncated: ${reason}`;
			}

			return undefined;
		};
	},
};
