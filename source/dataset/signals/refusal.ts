import {alternation, quote, responseName, type SampleSignal} from './detector.js';
import {ownWords, unspaced} from './own-words.js';
import {refusalOpening} from './refusal-openings.js';
import {normaliseForPhrases} from './text.js';

/**
 * A response that refuses or disclaims: one of the refusal phrases (English and, by default, common
 * Spanish, French, German, Portuguese, Italian, Russian, Chinese and Japanese ones), matched
 * case-insensitively with quotes and contractions normalised ("I can't" = "I cannot"); or an opening shaped
 * like a refusal in any wording (refusal-openings.ts).
 */
export const refusal: SampleSignal = {
	name: 'refusal',
	make(config) {
		const phrases = config.refusal.phrases.map(phrase => normaliseForPhrases(phrase));
		const shapes = config.refusal.shapes;
		if (phrases.length === 0 && !shapes) return () => undefined;
		// A phrase starts at a word's start: "i cannot provide" is not in "the api cannot provide".
		const spaced = alternation(phrases.filter(phrase => !unspaced.test(phrase)));
		const anywhere = alternation(phrases.filter(phrase => unspaced.test(phrase)));
		const pattern = phrases.length === 0 ? undefined : new RegExp([spaced === '' ? '' : `(?<![\\p{L}\\p{N}'])(?:${spaced})`, anywhere].filter(Boolean).join('|'), 'u');
		return text => {
			for (const [index, response] of text.responses.entries()) {
				const normalised = text.phrases(response);
				const found = pattern?.exec(normalised)?.[0] ?? (shapes ? refusalOpening(normalised) : undefined);
				if (found !== undefined) return `refusal: ${responseName(text, index)} says ${quote(ownWords(response, found))}`;
			}

			return undefined;
		};
	},
};
