import type {SignalConfig} from './config.js';
import {alternation, quote, responseName, type SampleSignal} from './detector.js';
import {ownWordsAt, unspaced} from './own-words.js';
import {asksHowTo, holdsShortDecline, shortDecline} from './refusal-short.js';
import {asksForDecline, asksToTransform, promptOf, refusalIsOwn} from './refusal-context.js';
import {familyWordList, isRequest, refusalInterjection, trie} from './refusal-families.js';
import {notARefusal} from './refusal-hedge.js';
import {laterRefusalCounts, laterRefusals, laterWords, laterWordsUnspaced} from './refusal-later.js';
import {openingLength, refusalOpenings} from './refusal-openings.js';
import {triggerWords} from './trigger-words.js';
import {normaliseForPhrases} from './text.js';

/**
 * A response that refuses or disclaims: one of the refusal phrases (English and, by default, common
 * Spanish, French, German, Portuguese, Italian, Russian, Chinese and Japanese ones), matched
 * case-insensitively with quotes and contractions normalised ("I can't" = "I cannot"); or an opening shaped
 * like a refusal in any wording (refusal-openings.ts), or a refusal of part of the request later in it
 * (refusal-later.ts). Either counts only in the model's own voice
 * (refusal-context.ts): not quoted, not a character's line, not the user's sentence given back, not a
 * translation or a letter the user asked for. Past the opening, an English "As an AI…" disclaimer needs
 * "I" (or "my", "me") in its sentence: "…which is why writers parody as an AI language model" is not one.
 */
export const refusal: SampleSignal = {
	name: 'refusal',
	make(config) {
		const shapes = config.refusal.shapes;
		if (config.refusal.phrases.length === 0 && !shapes) return () => undefined;
		const pattern = phrasePattern(config);
		const kinds = {family: new Set(shapes ? familyWordList : [])};
		const mayMatch = triggerWords(config);
		return text => {
			for (const [which, response] of text.responses.entries()) {
				// A reasoning weighs what to say ("should I refuse?"); the answer after it is what the model said.
				if (text.responseKinds[which] === 'reasoning') continue;
				const normalised = text.phrases(response);
				// One search first for the words the phrases and model names start with (trigger-words.ts): most responses hold none.
				const inText = pattern && mayMatch(normalised) ? phraseMatches(pattern, normalised, kinds) : {phrases: [], later: [], family: -1};
				// A short answer's few words of declining are a refusal as a bare "no" is: only of a request (refusal-short.ts).
				const interjection: {text: string; index: number; always: boolean; decline?: boolean} | undefined = shapes ? refusalInterjection(normalised) ?? shortDeclineOf(normalised) : undefined;
				const found: Array<{text: string; index: number; request?: string; interjection?: 'idiom' | 'no' | 'decline'}> = [...inText.phrases, ...(inText.later.length > 0 ? laterRefusals(normalised, inText.later) : []), ...(shapes ? refusalOpenings(normalised, openingLength, inText.family) : []), ...(interjection ? [{text: interjection.text, index: interjection.index, interjection: interjection.always ? ('idiom' as const) : 'decline' in interjection ? ('decline' as const) : ('no' as const)}] : [])];
				if (found.length === 0) continue;
				// A later refusal first: it quotes what was refused ("我不会帮你写"), where a family's shape in the same words quotes less.
				const prompt = promptOf(text, which);
				const promptRefuses = () => {
					// The user's text in quotes ("Rewrite: 'I can't do this task.'"): the quotes are not part of its words.
					const asked = normaliseForPhrases(prompt.user).replaceAll(/(?<![\p{L}\p{N}])'|'(?![\p{L}\p{N}])|"/gu, ' ');
					return (pattern !== undefined && phraseMatches(pattern, asked, kinds).phrases.length > 0) || (shapes && (refusalOpenings(asked, asked.length).length > 0 || holdsShortDecline(asked)));
				};
				for (const match of found) {
					if (notARefusal(normalised, match.text, match.index)) continue;
					const own = ownWordsAt(response, normalised, match.text, match.index);
					if (!own) continue;
					// Past the opening, a refusal counts only when it names what was asked (refusal-later.ts).
					if (match.request !== undefined && !laterRefusalCounts(match.request, prompt, response, own.index)) continue;
					// "No can do.", "Absolutely not." refuse a request, not a question ("Is it safe to…?") (refusal-families.ts).
					// A short decline also refuses a how-to question ("How do I forge a prescription?" "Eso no lo voy a hacer.").
					if (match.interjection !== undefined && ((match.interjection !== 'idiom' && !isRequest(prompt.user) && !(match.interjection === 'decline' && asksHowTo(prompt.user))) || asksToTransform(prompt) || asksForDecline(prompt))) continue;
					const hit = {words: own.text, index: own.index};
					if (!refusalIsOwn(hit, response, prompt, promptRefuses)) continue;
					if (match.index - leadingSpace(normalised) >= openingLength && /^as\s/.test(match.text) && !saysI(sentenceAfter(normalised, match.index))) continue;
					return `refusal: ${responseName(text, which)} says ${quote(own.text)}`;
				}
			}

			return undefined;
		};
	},
};

/**
 * The refusal phrases, the words of a later refusal and those of the families of declining as one search of a
 * normalised text (undefined: nothing to look for).
 */
export function phrasePattern(config: SignalConfig): RegExp | undefined {
	const phrases = config.refusal.phrases.map(phrase => normaliseForPhrases(phrase));
	const shapes = config.refusal.shapes;
	// A phrase starts at a word's start: "i cannot provide" is not in "the api cannot provide".
	const spaced = phrases.filter(phrase => !unspaced.test(phrase));
	const anywhere = alternation(phrases.filter(phrase => unspaced.test(phrase)));
	// The words of a later refusal (refusal-later.ts) are found in the same pass, in groups of their own
	// (those of Chinese, Japanese and Korean, which have no word start to wait for, with the phrases found
	// anywhere); the phrases and the words of the families of declining (refusal-families.ts) as one tree
	// of their letters (refusal-families.ts's trie), told apart by which list the word found is in.
	const family = new Set(shapes ? familyWordList : []);
	const words = trie([...new Set([...spaced, ...family])]);
	const starts = [words, shapes ? `(?<later>${laterWords})` : ''].filter(Boolean).join('|');
	const unspacedStarts = [anywhere, shapes ? `(?<laterUnspaced>${laterWordsUnspaced})` : ''].filter(Boolean).join('|');
	return starts === '' && unspacedStarts === '' ? undefined : new RegExp([starts === '' ? '' : `(?<![\\p{L}\\p{N}'])(?:${starts})`, unspacedStarts].filter(Boolean).join('|'), 'gu');
}

/** The phrases found in a normalised text, and where the words of a later refusal are. */
function phraseMatches(pattern: RegExp, normalised: string, kinds: {family: Set<string>}): {phrases: Array<{text: string; index: number}>; later: number[]; family: number} {
	const phrases: Array<{text: string; index: number}> = [];
	const later: number[] = [];
	let family = -1;
	pattern.lastIndex = 0;
	for (let match = pattern.exec(normalised); match; match = pattern.exec(normalised)) {
		if (match.groups?.['later'] !== undefined || match.groups?.['laterUnspaced'] !== undefined) later.push(match.index);
		else if (!kinds.family.has(match[0])) phrases.push({text: match[0], index: match.index});
		else if (family === -1) family = match.index;
	}

	return {phrases, later, family};
}

function shortDeclineOf(normalised: string): {text: string; index: number; always: boolean; decline: boolean} | undefined {
	const found = shortDecline(normalised);
	return found && {...found, always: false, decline: true};
}

function leadingSpace(text: string): number {
	return text.length - text.trimStart().length;
}

function saysI(text: string): boolean {
	return /(?<![\p{L}'])(?:i|i'm|i'd|i'll|i've|my|me|myself)(?![\p{L}])/u.test(text);
}

function sentenceAfter(normalised: string, index: number): string {
	const end = normalised.slice(index).search(/[.!?。！？]/u);
	return normalised.slice(index, end === -1 ? undefined : index + end);
}
