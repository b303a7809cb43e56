import {responseName, type SampleSignal} from './detector.js';
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
	if (midSentenceMarks.has(last)) {
		// "well-" or "and/" or "such as (" or "главное —" or "باختصار،": a sentence that was not finished.
		return `it ends with "${last}" mid-sentence`;
	}

	if (!/[\p{L}\p{N}]/u.test(last)) return undefined;
	const lastLine = trimmed.slice(trimmed.lastIndexOf('\n') + 1);
	const lastWord = wordsOf(lastLine).at(-1);
	if (urlOrPath.test(lastLine)) return undefined;
	if (lastWord !== undefined && dangling.has(lastWord) && words >= 4 && /\p{L}$/u.test(trimmed)) return `it ends mid-sentence on "${lastWord}"`;
	if (listOrTable.test(lastLine) || closing.test(lastSentence(lastLine))) return undefined;
	if (words >= minWords && wordsOf(lastLine).length >= 8) return 'it ends mid-sentence, with no closing punctuation';
	if ((words >= minWordsAfterSentence || unspacedLetters(trimmed) >= minWordsAfterSentence * 2) && endsAfterASentence(lastLine)) {
		return 'it ends mid-sentence: the last sentence has no closing punctuation';
	}

	return undefined;
}

/** "well-", "and/", "such as (", an em dash, a comma (Latin, Arabic, full-width, ideographic), a semicolon: no sentence ends there. */
const midSentenceMarks = new Set([',', '(', '-', '–', '—', '&', '/', '،', '，', '、', ';', '；', '؛']);

/** Fewer words than this: a short answer ("Sure. Paris") may well end without a full stop. */
const minWordsAfterSentence = 10;

// A full stop, question or exclamation mark that ends a sentence: followed by space in spaced scripts
// (not an abbreviation such as "e.g." or "Dr." nor a decimal point), or the ideographic ones anywhere.
const sentenceEnd = /(?<!\b(?:e\.g|i\.e|etc|vs|dr|mr|mrs|ms|st|no|fig|approx|cf|p|pp|vol|ch|sec|inc|ltd|jr|sr|[A-Z]))[.!?؟।](?=\s+\S)|[。！？]/gi;

/**
 * The line goes on, in letters or digits, after a sentence that was closed: "…ignore it entirely. Thi",
 * "…能量的上限。初学者最容易忽". Complete answers end their last sentence as they ended the others.
 */
function endsAfterASentence(line: string): boolean {
	const after = lastSentenceStart(line);
	return after > 0 && /\p{L}/u.test(line.slice(after));
}

/** Where the line's last sentence starts: after the last sentence end, or 0. */
function lastSentenceStart(line: string): number {
	sentenceEnd.lastIndex = 0;
	let after = 0;
	for (let match = sentenceEnd.exec(line); match; match = sentenceEnd.exec(line)) after = match.index + match[0].length;
	return after;
}

function lastSentence(line: string): string {
	return line.slice(lastSentenceStart(line)).trim();
}

/** Sign-offs often written without a full stop: "…Hope this helps! Happy coding". */
const closing = /^(?:happy \p{L}+|good luck|best of luck|cheers|enjoy|have fun|thanks|thank you|take care|all the best|best wishes|stay safe|bon app[ée]tit|(?:i )?hope (?:this|that|it) helps|let me know|feel free|(?:best |kind |warm )?regards|sincerely|good night|see you|talk soon)(?: [\p{L}' ]{0,40})?$/iu;

const unspacedLetter = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/gu;

function unspacedLetters(text: string): number {
	return text.match(unspacedLetter)?.length ?? 0;
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
			for (const [index, response] of text.responses.entries()) {
				const reason = cutReason(response, text.tokens(response).count, config.truncated.minWords);
				const name = responseName(text, index);
				if (reason) return `truncated: ${name === 'the response' ? reason : reason.startsWith('it ') ? `${name} ${reason.slice(3)}` : `${reason} in ${name}`}`;
			}

			return undefined;
		};
	},
};
