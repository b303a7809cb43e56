import {escapeRegExp} from './detector.js';

/** Scripts written without spaces between words: a phrase with such a character is matched anywhere. */
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

/**
 * The words of the response that a phrase matched in its normalised text ("I’m sorry, but I can’t" for
 * "i'm sorry, but i cannot"): the reviewer is shown the sample's own words. The phrase itself if not found.
 */
export function ownWords(response: string, normalisedMatch: string): string {
	const pieces = normalisedMatch.split(/(i'm|cannot|don't|won't|\s+|['"])/).filter(piece => piece !== '');
	const start = unspaced.test(normalisedMatch) ? '' : String.raw`(?<![\p{L}\p{N}'])`;
	const found = new RegExp(`${start}${pieces.map(piece => spellingOf(piece)).join('')}`, 'iu').exec(response);
	return found?.[0] ?? normalisedMatch;
}

