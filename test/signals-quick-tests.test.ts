import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {defaultSignalConfig} from '../source/dataset/signals/config.js';
import {anyOf, topLevelAlternatives} from '../source/dataset/signals/any-of.js';
import {alternation} from '../source/dataset/signals/detector.js';
import {isOtherLanguage, otherLanguage, otherLanguageShapes} from '../source/dataset/signals/refusal-openings-languages.js';
import {moreLanguages} from '../source/dataset/signals/refusal-openings-more-languages.js';
import {negation, openingGates} from '../source/dataset/signals/refusal-openings.js';
import {lastCharacters} from '../source/dataset/signals/special-token.js';
import {endsOnAHashtag} from '../source/dataset/signals/truncated.js';
import {mentionPattern} from '../source/dataset/signals/model-identity.js';
import {familyWordList} from '../source/dataset/signals/refusal-families.js';
import {placeholderWords} from '../source/dataset/signals/placeholder.js';
import {phrasePattern} from '../source/dataset/signals/refusal.js';
import {normaliseForPhrases} from '../source/dataset/signals/text.js';
import {triggerWords} from '../source/dataset/signals/trigger-words.js';
import type {SignalConfig} from '../source/dataset/signals/config.js';

/*
The signals look for a character a pattern needs before trying the pattern (most texts do not hold it, and the
pattern costs far more). Each quick test must never rule out a text the pattern matches: checked here against
the pattern itself on random text and on text written to be near a match, in several scripts.
*/

/** Pieces of text in several scripts and the characters the patterns turn on, so random texts come near matches. */
const piece = fc.constantFrom(
	'#', '#tag', '#summer', '#café', '#日本', '#тег', '# ', '#1', '#_', 'word', 'Über', 'note', ' ', '\t', '\n', '\r\n', ':', '：', '>', '<', '|',
	'Human:', 'Assistant:', '### Response:', '###Response:', '<|user|>', 'USER:', 'ASSISTANT:', '### Instruction:', 'Human', 'Assistant', '<|user|',
	'cannot', "don't", 'not able', 'pass', 'turn', 'off-limits', 'no puedo', 'não posso', 'je ne peux', 'я не ', 'nie mogę', 'tôi ', 'prefiero', 'préf', 'δεν ', 'نمی', 'שלום', 'বাংলা', 'தமிழ்', 'తెలుగు', 'ik ben', 'saya ', 'olam', 'yazam',
	'no', 'non ', 'ich', 'je ', 'pref', 'ne mogu', 'en voi', 'emem', 'ayam', 'know', 'nie', 'ben', 'hindi', 'sina', '-', '°', '😀',
	'日本語', 'кириллица', 'العربية', 'हिन्दी', '한국어', 'ไทย', 'é', '\u00A0', '\u3000', 'x', '1', '_',
);
const text = fc.oneof(fc.array(piece, {maxLength: 12}).map(parts => parts.join('')), fc.string({maxLength: 40}), fc.string({unit: 'grapheme', maxLength: 40}));

describe('the quick tests before the signals\' patterns', () => {
	it('a last line ending on a hashtag is found whenever the pattern finds it', () => {
		const hashtagEnd = /(?:^|\s)#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*$/u;
		fc.assert(fc.property(text, line => {
			expect(endsOnAHashtag(line)).toBe(hashtagEnd.test(line));
		}), {numRuns: 5000});
		expect(endsOnAHashtag('Great day at the beach #summer')).toBe(true);
		expect(endsOnAHashtag('海辺で #夏')).toBe(true);
		expect(endsOnAHashtag('Item #4')).toBe(false);
	});

	it('a response holding a role prefix always passes the prefixes\' quick test, for the default and other prefixes', () => {
		const prefixLists = fc.oneof(
			fc.constant(defaultSignalConfig.specialToken.rolePrefixes),
			fc.array(fc.oneof(piece, fc.string({maxLength: 8}), fc.constant('User: '), fc.constant('  ')), {minLength: 1, maxLength: 4}),
		);
		fc.assert(fc.property(prefixLists, text, (prefixes, response) => {
			// The detector's pattern, made as special-token.ts makes it.
			const pattern = new RegExp(`(?:^|\\n)[ \\t]*(?:${alternation(prefixes).replaceAll(' ', '[ \\t]*')})`);
			if (pattern.test(response)) expect(lastCharacters(prefixes)(response)).toBe(true);
		}), {numRuns: 5000});
		const quick = lastCharacters(defaultSignalConfig.specialToken.rolePrefixes);
		expect(quick('A plain answer with no prefix.')).toBe(false);
		expect(quick('Sure.\n### Response: here')).toBe(true);
		expect(quick('<|user|> again')).toBe(true);
	});

	it('an opening in another language is recognised whenever the one pattern of letters and words recognises it', () => {
		fc.assert(fc.property(text, opening => {
			expect(isOtherLanguage(opening)).toBe(otherLanguage.test(opening));
		}), {numRuns: 5000});
		expect(isOtherLanguage('no puedo ayudarte')).toBe(true);
		expect(isOtherLanguage('Je ne peux pas')).toBe(false);
		expect(isOtherLanguage('je ne peux pas')).toBe(true);
		expect(isOtherLanguage('i cannot help with that')).toBe(false);
		expect(isOtherLanguage('я не могу')).toBe(true);
	});

	it('the opening\'s gates in one search pass exactly when one of them passes', () => {
		const each = (opening: string) => negation.test(opening) || otherLanguageShapes.some(group => group.gate.test(opening)) || moreLanguages.test(opening);
		fc.assert(fc.property(text, opening => {
			expect(openingGates.test(opening)).toBe(each(opening));
		}), {numRuns: 5000});
		expect(openingGates.test('no puedo ayudarte con eso')).toBe(true);
		expect(openingGates.test('voici la réponse à votre question')).toBe(false);
	});

	it('a response either the refusal phrases or the model names match always holds a trigger word, for the default and other lists', () => {
		const lower = (words: readonly string[]) => words.map(word => word.toLowerCase());
		const listed = [...defaultSignalConfig.refusal.phrases.map(phrase => normaliseForPhrases(phrase)), ...familyWordList, ...lower(defaultSignalConfig.modelIdentity.names), ...lower(defaultSignalConfig.modelIdentity.vendors)];
		// The lists' words, the later refusals' words, and what stands before or after a word (a letter, a digit, _, ', a version).
		const word = fc.oneof(fc.constantFrom(...listed), fc.constantFrom('not going to ', "won't ", 'cannot ', 'no voy a ', 'je ne peux pas ', 'ich werde ', 'я не буду ', '我不会', 'できません', '수 없습니다', 'gpt-4o', 'claude 3 opus', '-v3', ' 2.5'));
		const around = fc.constantFrom('', ' ', '  ', 'x', 'é', '_', "'", '1', '-', '.', '\n', 'а', '日', '😀', 'i ', 'my ', 'as ');
		const response = fc.array(fc.oneof(word, around, fc.string({maxLength: 6})), {maxLength: 10}).map(parts => parts.join(''));
		const lists = fc.array(fc.oneof(fc.constantFrom(...listed), fc.string({minLength: 1, maxLength: 6}), fc.constantFrom('我不能', 'Open AI', 'GPT-4', 'x.ai')), {minLength: 1, maxLength: 5});
		// Each pair of patterns made once per configuration: the default lists with many responses, small lists of any words with a few each.
		const holds = (chosen: SignalConfig, responses: readonly string[]) => {
			const phrases = phrasePattern(chosen);
			const mentions = mentionPattern(chosen);
			const triggered = triggerWords(chosen);
			for (const said of responses) {
				const normalised = normaliseForPhrases(said);
				if (phrases) phrases.lastIndex = 0;
				mentions.lastIndex = 0;
				if (phrases?.test(normalised) || mentions.test(normalised)) expect(triggered(normalised), normalised).toBe(true);
			}
		};

		fc.assert(fc.property(fc.array(response, {minLength: 200, maxLength: 200}), responses => {
			holds(defaultSignalConfig, responses);
		}), {numRuns: 25});
		const config = fc.record({phrases: lists, shapes: fc.boolean(), names: lists, vendors: lists}).map(({phrases, shapes, names, vendors}): SignalConfig => ({...defaultSignalConfig, refusal: {phrases, shapes}, modelIdentity: {names, vendors}}));
		fc.assert(fc.property(config, fc.array(response, {minLength: 20, maxLength: 20}), holds), {numRuns: 150});
		const triggered = triggerWords(defaultSignalConfig);
		expect(triggered(normaliseForPhrases('I am ChatGPT, a model by OpenAI.'))).toBe(true);
		expect(triggered(normaliseForPhrases("I'm sorry, but I can't help with that."))).toBe(true);
		expect(triggered(normaliseForPhrases('我不会帮你写这个。'))).toBe(true);
		expect(triggered(normaliseForPhrases('Paris is the capital of France.'))).toBe(false);
	});

	it('a response the placeholder needles or phrases are in always holds one of the placeholder words, for the default and other phrases', () => {
		// The needles placeholder.ts looks for before its patterns ("[email protected]", Lorem ipsum, "placeholder text").
		const needles = ['protected]', 'lorem ipsum', 'placeholder text'];
		const phrase = fc.oneof(fc.constantFrom(...defaultSignalConfig.placeholder.phrases, 'Your Name Here', '[TBD]', 'İnsert', '{x}'), fc.string({minLength: 1, maxLength: 6}));
		const said = fc.array(fc.oneof(phrase, fc.constantFrom(...needles, 'Lorem Ipsum', 'PROTECTED]', '[email protected]', ' ', '\n', 'x', 'İ', 'é', '[', '{'), fc.string({maxLength: 5})), {maxLength: 10}).map(parts => parts.join(''));
		const lists = fc.oneof(fc.constant(defaultSignalConfig.placeholder.phrases), fc.array(phrase, {minLength: 1, maxLength: 4}));
		fc.assert(fc.property(lists, fc.array(said, {minLength: 20, maxLength: 20}), (phrases, responses) => {
			const config: SignalConfig = {...defaultSignalConfig, placeholder: {phrases}};
			const configured = new RegExp(alternation(phrases.map(item => item.toLowerCase())));
			const words = placeholderWords(config);
			for (const response of responses) {
				const lower = response.toLowerCase();
				if (needles.some(needle => lower.includes(needle)) || configured.test(lower)) expect(words.test(lower), lower).toBe(true);
			}
		}), {numRuns: 300});
		expect(placeholderWords(defaultSignalConfig).test('dear [your name], lorem ipsum dolor sit amet')).toBe(true);
		expect(placeholderWords(defaultSignalConfig).test('a finished letter')).toBe(false);
	});

	it('a pattern\'s alternatives as one tree (anyOf) hold in a text exactly when the pattern does, for the gates and for any syntax', () => {
		const gates = [negation, moreLanguages, otherLanguage, openingGates, ...otherLanguageShapes.flatMap(group => [group.gate, ...group.shapes.map(shape => shape.gate)])];
		const tricky = [/ab?c|abd|xy*z|xyq|[^q]z/, /[a-]|[-b]|q/, /ich|ich bin|i[ck]h|\bno\b|non?e|a{2}b|.x|\.y/, /z(a)|y(b)\2|z(c)/, /caf[eé]|😀x|😀y|[😀-😂]/u, /Ab|ab|AB|à/i, /^no|yes$|(?<=x)y|(?<![a-z])z/m, /[ab]||never/, /[\]]a|[\\]b|\]c/];
		const pieces = fc.constantFrom('yb', 'ybb', 'a', 'b', 'c', 'd', 'x', 'y', 'z', 'q', '-', 'ab', 'abd', 'ich', 'ich bin', 'ikh', 'no', 'none', 'aab', '.', ' ', '\n', 'café', 'cafe', '😀', '😁', 'AB', 'À', ']', '\\', 'cannot', "n't", 'off-limits', 'я не', 'nie ', '日本', '한국', 'ไทย');
		const said = fc.oneof(fc.array(pieces, {maxLength: 10}).map(parts => parts.join('')), fc.string({maxLength: 20}), text);
		for (const pattern of [...gates, ...tricky]) {
			const tree = anyOf(pattern);
			fc.assert(fc.property(said, line => {
				expect(tree.test(line), `${pattern} on ${JSON.stringify(line)}`).toBe(pattern.test(line));
			}), {numRuns: 1000});
		}

		expect(topLevelAlternatives('a(?:b|c)|[|]|\\||d')).toEqual(['a(?:b|c)', '[|]', '\\|', 'd']);
		expect(anyOf(/cannot|can't|pass|ich|ich bin|[a-c]|[\u3400-\u9FFF]/).source).toBe("[a-c\\u3400-\\u9FFF]|(?:can(?:not|'t)|pass|ich)");
	});
});
