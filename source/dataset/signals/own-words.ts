import {escapeRegExp} from './detector.js';

/**
 * Scripts written without spaces between words whose phrases are matched anywhere (Chinese, Japanese).
 * Not Thai: its refusal words are also parts of other words (ผม "I" and "hair", เรา in เราเตอร์ "router"), so a
 * Thai phrase starts the text or follows a space, as Thai writers put one between phrases.
 */
export const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

const apostrophe = '[\'‘’ʼ`´]';

/** The spellings normaliseForPhrases folds into each of these pieces of a normalised phrase. */
const spellings: Record<string, string> = {
	"i'm": `i(?:${apostrophe}m|\\s+am)`,
	cannot: `can(?:\\s?not|${apostrophe}t)`,
	"don't": `do(?:\\s+not|n${apostrophe}t)`,
	"won't": `(?:will\\s+not|won${apostrophe}t)`,
	"'": apostrophe,
	'"': '["“”]',
};

function spellingOf(piece: string): string {
	if (Object.hasOwn(spellings, piece)) return spellings[piece];
	// A comma may be the full-width one normaliseForPhrases made plain.
	return piece.trim() === '' ? '\\s+' : escapeRegExp(piece).replaceAll(',', '[,，]');
}

function ownWordsPattern(normalisedMatch: string, flags: string): RegExp {
	const pieces = normalisedMatch.split(/(i'm|cannot|don't|won't|\s+|['"])/).filter(piece => piece !== '');
	const start = unspaced.test(normalisedMatch) ? '' : String.raw`(?<![\p{L}\p{N}'])`;
	return new RegExp(`${start}${pieces.map(piece => spellingOf(piece)).join('')}`, flags);
}

/**
 * The words of the response that a phrase matched in its normalised text ("I’m sorry, but I can’t" for
 * "i'm sorry, but i cannot"): the reviewer is shown the sample's own words. The phrase itself if not found.
 */
export function ownWords(response: string, normalisedMatch: string): string {
	return ownWordsPattern(normalisedMatch, 'iu').exec(response)?.[0] ?? normalisedMatch;
}

/**
 * Where in the response the match found at `normalisedIndex` of its normalised text stands: the same
 * occurrence of the same words (normalising keeps occurrences in order), or undefined if not found.
 * Only called once a match is found, so compiling its pattern here costs nothing per sample.
 */
export function ownWordsAt(response: string, normalised: string, normalisedMatch: string, normalisedIndex: number): {text: string; index: number} | undefined {
	let occurrence = 0;
	for (let at = normalised.indexOf(normalisedMatch); at !== -1 && at < normalisedIndex; at = normalised.indexOf(normalisedMatch, at + 1)) occurrence++;
	const pattern = ownWordsPattern(normalisedMatch, 'giu');
	let found: RegExpExecArray | null = null;
	for (let k = 0; k <= occurrence; k++) {
		const next = pattern.exec(response);
		if (!next) break;
		found = next;
		if (next[0] === '') pattern.lastIndex++;
	}

	return found ? {text: found[0], index: found.index} : undefined;
}
