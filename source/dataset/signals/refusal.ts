import {alternation, escapeRegExp, quote, type SampleSignal} from './detector.js';
import {normaliseForPhrases} from './text.js';

/** Scripts written without spaces between words: a phrase with such a character is matched anywhere. */
const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

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
function ownWords(response: string, normalisedMatch: string): string {
	const pieces = normalisedMatch.split(/(i'm|cannot|don't|won't|\s+|['"])/).filter(piece => piece !== '');
	const start = unspaced.test(normalisedMatch) ? '' : String.raw`(?<![\p{L}\p{N}'])`;
	const found = new RegExp(`${start}${pieces.map(piece => spellingOf(piece)).join('')}`, 'iu').exec(response);
	return found?.[0] ?? normalisedMatch;
}

/**
 * A response that refuses or disclaims: one of the refusal phrases (English and, by default, common
 * Spanish, French, German, Portuguese, Italian, Russian, Chinese and Japanese ones), matched
 * case-insensitively with quotes and contractions normalised ("I can't" = "I cannot").
 */
export const refusal: SampleSignal = {
	name: 'refusal',
	make(config) {
		const phrases = config.refusal.phrases.map(phrase => normaliseForPhrases(phrase));
		if (phrases.length === 0) return () => undefined;
		// A phrase starts at a word's start: "i cannot provide" is not in "the api cannot provide".
		const spaced = alternation(phrases.filter(phrase => !unspaced.test(phrase)));
		const anywhere = alternation(phrases.filter(phrase => unspaced.test(phrase)));
		const pattern = new RegExp([spaced === '' ? '' : `(?<![\\p{L}\\p{N}'])(?:${spaced})`, anywhere].filter(Boolean).join('|'), 'u');
		return text => {
			for (const response of text.responses) {
				const match = pattern.exec(text.phrases(response));
				if (match) return `refusal: the response says ${quote(ownWords(response, match[0]))}`;
			}

			return undefined;
		};
	},
};
