import {alternation, quote, type SampleSignal} from './detector.js';

/*
Template holes left in a response: [Your Name], [Insert …], [Company Name], <PLACEHOLDER>, Lorem
ipsum, and the configured phrases. A bracket right after a word, ] or ) (code: users[name]) or
right before "(" (a Markdown link) is not a hole.
*/
const bracketStart = String.raw`(?<![\w\])])`;
const notLink = String.raw`(?!\()`;
const holeWords = String.raw`name|date|address|email|e-mail|phone|phone number|company|title|city|state|location|number|amount|url|link|website|price|time|product|role|position|organization|organisation|school|university|recipient|topic`;
const patterns = [
	new RegExp(String.raw`${bracketStart}\[(?:your|insert|enter|add|fill in|recipient'?s?|client'?s?|customer'?s?|company'?s?)\b[^\]\n]{0,40}\]${notLink}`, 'i'),
	new RegExp(String.raw`${bracketStart}\[[^\]\n\[]{0,30}\b(?:${holeWords})\]${notLink}`, 'i'),
	new RegExp(String.raw`<(?:your|insert|enter)\b[^>\n]{0,40}>|<placeholder>|\bplaceholder text\b`, 'i'),
];

export const placeholder: SampleSignal = {
	name: 'placeholder',
	make(config) {
		const phrases = alternation(config.placeholder.phrases.map(phrase => phrase.toLowerCase()));
		const configured = phrases === '' ? undefined : new RegExp(phrases);
		return text => {
			for (const response of text.responses) {
				for (const pattern of patterns) {
					const match = pattern.exec(response);
					if (match) return `placeholder: ${quote(match[0])} left in the response`;
				}

				const match = configured?.exec(response.toLowerCase());
				if (match) return `placeholder: ${quote(match[0])} left in the response`;
			}

			return undefined;
		};
	},
};
