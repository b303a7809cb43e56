import {alternation, quote, type SampleSignal} from './detector.js';
import {normaliseForPhrases} from './text.js';

/** A response that refuses or disclaims: one of the refusal phrases, matched case-insensitively with quotes and contractions normalised ("I can't" = "I cannot"). */
export const refusal: SampleSignal = {
	name: 'refusal',
	make(config) {
		const phrases = config.refusal.phrases.map(phrase => normaliseForPhrases(phrase));
		if (phrases.length === 0) return () => undefined;
		// A phrase starts at a word's start: "i cannot provide" is not in "the api cannot provide".
		const pattern = new RegExp(`(?<![\\p{L}\\p{N}'])(?:${alternation(phrases)})`, 'u');
		return text => {
			for (const response of text.responses) {
				const match = pattern.exec(text.phrases(response));
				if (match) return `refusal: the response says ${quote(match[0])}`;
			}

			return undefined;
		};
	},
};
