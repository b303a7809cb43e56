/*
Refusal words that do not refuse. Two kinds, checked once a phrase or shape has matched (so they cost
nothing on answers without refusal words):
- a hedge: the model cannot be exact and then answers anyway, in one sentence — "I can't give an exact
  number, but Tokyo has about 37 million people", "No puedo darte una cifra exacta, pero…", "Я не могу
  ответить однозначно, но…", "正確な数字はお答えできませんが、約1400万人です". A precision word (exact,
  precise, definitive, certain, accurate, and their equivalents) with a contrast after it ("but",
  "pero", "но", "但", "が、"). Not "specific" or "detailed": "I can't provide specific instructions for
  that, but I can explain the concepts" is a refusal with an offer;
- an English idiom of enthusiasm or emphasis: "I can't wait to help", "I can't believe how much this
  helps", "I can't thank you enough", "I can't recommend it enough", "I cannot stress enough", "I won't give away the ending".
The text is normalised (normaliseForPhrases): lower case, "can't" written "cannot", single spaces.
*/

import {sentenceAround} from './refusal-context.js';

const precisionWords = [
	// English
	'exact', 'exactly', 'precise', 'precisely', 'definitive', 'definitively', 'with certainty', 'for certain', 'for sure', 'accurate', 'accurately', 'conclusive', 'conclusively', 'with confidence', '100%',
	// Spanish, Portuguese, Italian, French, Romanian, Catalan
	'exacta', 'exacto', 'exactamente', 'precisa', 'preciso', 'precisamente', 'definitiva', 'definitivo', 'con certeza', 'con seguridad', 'exata', 'exato', 'exatamente', 'com certeza', 'ao certo', 'com precisão', 'esatta', 'esatto', 'esattamente', 'con certezza', 'con precisione', 'exacte', 'exactement', 'précis', 'précise', 'précisément', 'définitive', 'avec certitude', 'avec précision', 'sigur', 'cu certitudine',
	// German, Dutch, Scandinavian
	'genaue', 'genauen', 'genau', 'exakte', 'exakten', 'exakt', 'präzise', 'eindeutig', 'eindeutige', 'mit sicherheit', 'verbindliche', 'exacte', 'precies', 'met zekerheid', 'nauwkeurig', 'eksakt', 'eksakte', 'säkert', 'sikkert', 'noggrant', 'nøyaktig', 'præcist',
	// Slavic, Greek, Hungarian, Finnish, Turkish, Indonesian, Vietnamese
	'точно', 'точное', 'точную', 'точный', 'точного', 'точной', 'точних', 'точну', 'однозначно', 'однозначный', 'однозначного', 'наверняка', 'с уверенностью', 'достоверно', 'з певністю', 'dokładnie', 'dokładnej', 'dokładną', 'jednoznacznie', 'jednoznacznej', 'na pewno', 'přesně', 'přesnou', 'přesné', 'jistě', 'presne', 'ακριβώς', 'ακριβή', 'ακριβές', 'με βεβαιότητα', 'pontos', 'pontosan', 'biztosan', 'tarkkaa', 'tarkasti', 'varmasti', 'kesin', 'kesin olarak', 'tam olarak', 'pasti', 'tepat', 'secara pasti', 'persis', 'akurat', 'chính xác', 'chắc chắn',
	// Arabic, Hebrew, Persian, Hindi
	'بدقة', 'دقيق', 'دقيقة', 'بالضبط', 'بشكل قاطع', 'بشكل دقيق', 'מדויק', 'מדויקת', 'בוודאות', 'دقیق', 'قطعی', 'सटीक', 'निश्चित रूप से', 'ठीक-ठीक',
];

// Written without spaces: found anywhere in the sentence.
const precisionUnspaced = ['确切', '准确', '精确', '确定', '肯定', '確切', '準確', '精確', '確定', '正確', '確実', 'はっきり', '断言', '정확', '확실', '단정', '확정', '분명'];

const contrastWords = [
	'but', 'however', 'though', 'although', 'pero', 'sin embargo', 'aunque', 'mas', 'porém', 'contudo', 'embora', 'ma', 'però', 'tuttavia', 'mais', 'cependant', 'toutefois', 'aber', 'jedoch', 'doch', 'allerdings', 'maar', 'echter', 'men', 'dock', 'но', 'однако', 'але', 'проте', 'ale', 'jednak', 'však', 'ομως', 'όμως', 'αλλά', 'viszont', 'mutta', 'kuitenkin', 'ama', 'fakat', 'ancak', 'tetapi', 'tapi', 'namun', 'nhưng', 'tuy nhiên', 'dar', 'însă', 'لكن', 'ولكن', 'لكنّ', 'אבל', 'אולם', 'اما', 'ولی', 'लेकिन', 'परंतु', 'किंतु',
];

const contrastUnspaced = ['但', '但是', '不过', '不過', '然而', '可是', '只是', 'が、', 'けど', 'けれど', 'ものの', 'しかし', 'ですが', 'ただし', 'とはいえ', '지만', '그러나', '하지만', '그렇지만', '다만', '는데', '은데'];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byLength = (a: string, b: string) => b.length - a.length;
const spacedAlternation = (words: string[]) => `(?<![\\p{L}\\p{M}\\p{N}])(?:${[...new Set(words)].sort(byLength).map(escape).join('|')})(?![\\p{L}\\p{M}\\p{N}])`;
const precision = new RegExp(`${spacedAlternation(precisionWords)}|${precisionUnspaced.map(escape).join('|')}`, 'u');
const contrast = new RegExp(`${spacedAlternation(contrastWords)}|${contrastUnspaced.map(escape).join('|')}`, 'u');

// "Enough" after a few words makes praise of the verb's object: "I can't recommend this book enough" ("I can't recommend one" refuses).
const idiom = /(?:cannot|won't) (?:wait|believe|imagine|stress|emphasi[sz]e|overstate|overemphasi[sz]e|tell you how|express how|live without|give away (?:the|any|too much|what|who|how|spoilers)|[\p{L}]+(?: [^\s.,;!?]+){0,4} enough)(?![\p{L}])/u;

/**
 * Whether a refusal phrase or shape matched at `index` (its words `words`) in a normalised response is
 * a hedge or an idiom rather than a refusal.
 */
export function notARefusal(normalised: string, words: string, index: number): boolean {
	if (idiom.test(words) || idiom.test(normalised.slice(index, index + words.length + 20))) return true;
	const sentence = sentenceAround(normalised, index);
	const exact = precision.exec(sentence);
	return exact !== null && contrast.test(sentence.slice(exact.index + exact[0].length));
}
