import type {SignalConfig} from './config.js';
import {alternation} from './detector.js';
import {unspaced} from './own-words.js';
import {familyWordList, trie} from './refusal-families.js';
import {laterWords, laterWordsUnspaced} from './refusal-later.js';
import {normaliseForPhrases} from './text.js';

/*
One search of a normalised response for every word the refusal phrases and the model names start with:
refusal.ts's pass for its phrases (with the words of a later refusal and of the families of declining) and
model-identity.ts's search for a name or vendor each cost a search of the whole response, and most responses
hold none of those words. This search looks for all of them at once (one tree of their letters), so a
response without any costs one search instead of two.
It only rules out: each word is one of those the two patterns start with, at a place no stricter than
theirs (not after a-z or 0-9; both patterns need at least that), so a response it finds nothing in is one
neither pattern can match (test/signals-quick-tests.test.ts checks this against the patterns themselves).
*/

/** The test, per configuration: refusal.ts and model-identity.ts, made from the same one, share its answer for a response. */
const made = new WeakMap<SignalConfig, (normalised: string) => boolean>();

export function triggerWords(config: SignalConfig): (normalised: string) => boolean {
	let test = made.get(config);
	if (!test) {
		test = makeTest(config);
		made.set(config, test);
	}

	return test;
}

function makeTest(config: SignalConfig): (normalised: string) => boolean {
	const phrases = config.refusal.phrases.map(phrase => normaliseForPhrases(phrase));
	const shapes = config.refusal.shapes;
	const lower = (words: readonly string[]) => words.map(word => word.toLowerCase());
	const atWordStart = [...new Set([...phrases.filter(phrase => !unspaced.test(phrase)), ...(shapes ? familyWordList : []), ...lower(config.modelIdentity.names), ...lower(config.modelIdentity.vendors)])];
	const started = [atWordStart.length === 0 ? '' : trie(atWordStart), shapes ? laterWords : ''].filter(Boolean).join('|');
	const anywhere = [alternation(phrases.filter(phrase => unspaced.test(phrase))), shapes ? laterWordsUnspaced : ''].filter(Boolean).join('|');
	const source = [started === '' ? '' : `(?<![a-z0-9])(?:${started})`, anywhere].filter(Boolean).join('|');
	if (source === '') return () => false;
	const pattern = new RegExp(source);
	// refusal.ts asks first, model-identity.ts next, about the same response: the last answer is kept.
	let last: string | undefined;
	let found = false;
	return normalised => {
		if (normalised !== last) {
			found = pattern.test(normalised);
			last = normalised;
		}

		return found;
	};
}
