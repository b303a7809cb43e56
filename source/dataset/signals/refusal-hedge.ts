/*
Refusal words that do not refuse. Two kinds, checked once a phrase or shape has matched (so they cost
nothing on answers without refusal words):
- a hedge: the model cannot be exact and then answers anyway, in one sentence — "I can't give an exact
  number, but Tokyo has about 37 million people", "No puedo darte una cifra exacta, pero…", "Я не могу
  ответить однозначно, но…", "正確な数字はお答えできませんが、約1400万人です". A precision word (exact,
  precise, definitive, certain, accurate, and their equivalents) with a contrast after it ("but",
  "pero", "но", "但", "が、"). Not "specific" or "detailed": "I can't provide specific instructions for
  that, but I can explain the concepts" is a refusal with an offer;
- a limit of means followed by doing the task: the model cannot do it a certain way and then does it
  another way — "I can't do this in my head, but let's work it out step by step", "No puedo calcularlo de
  memoria, pero vamos paso a paso", "暗算ではお答えできませんが、順を追って計算しましょう". A means word
  (in my head, mentally, from memory, off the top of my head, in one go, without a calculator, and their
  equivalents), a contrast after it, and after the contrast the model going on with the task ("let's",
  "I'll", "here's how", "step by step", "vamos a", "lass uns", "давайте", "我们一步一步", "ましょう"). An
  offer of something else after the contrast keeps it a refusal ("I can't help with that, but I can
  suggest a lawyer" has no means word; "I can't do it in my head, but I can suggest a calculator app" goes
  on with no task);
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

// How the task would be done: in the head, from memory, at once, without a tool. Not what is asked for.
const meansWords = [
	// English
	'in my head', 'in your head', 'off the top of my head', 'mentally', 'from memory', 'by heart', 'in one go', 'in one step', 'in a single step', 'all at once', 'at a glance', 'without a calculator', 'without calculating', 'without working it out', 'without doing the math', 'without doing the maths', 'without running', 'in one line', 'in one sentence',
	// Spanish, Portuguese, Italian, French
	'de memoria', 'mentalmente', 'de cabeza', 'de una vez', 'sin calculadora', 'de memória', 'de cabeça', 'na cabeça', 'de cor', 'de uma vez', 'sem calculadora', 'a mente', 'a memoria', 'di getto', 'in un colpo', 'senza calcolatrice', 'de tête', 'mentalement', 'de mémoire', "d'un coup", 'sans calculatrice',
	// German, Dutch
	'im kopf', 'aus dem kopf', 'auswendig', 'aus dem stegreif', 'auf einen blick', 'ohne taschenrechner', 'uit mijn hoofd', 'uit het hoofd', 'in mijn hoofd',
	// Russian, Ukrainian, Polish
	'в уме', 'в голове', 'по памяти', 'наизусть', 'сходу', 'с ходу', 'без калькулятора', 'подумки', 'w pamięci', 'z pamięci',
];
const meansUnspaced = ['心算', '在脑子里', '在腦子裡', '在脑海中', '凭记忆', '憑記憶', '暗算', '頭の中で', '暗記', '암산', '머릿속으로', '머릿속에서', '기억만으로'];

// Going on with the task after the contrast: "let's work it out", "I'll do it on paper", "here's how", "vamos paso a paso".
const proceedWords = [
	"let's", 'let us', 'let me', "i'll", 'i will', "we'll", 'we will', 'we can work', 'we can do', 'we can solve', 'we can calculate', 'we can break', 'we can go', "here's how", 'here is how', "here's the working", "here's the calculation", 'here is the calculation', 'step by step', 'on paper', 'by hand',
	'vamos a', 'vamos', 'hagámoslo', 'hagamos', 'resolvámoslo', 'te muestro', 'paso a paso', 'aquí está el cálculo', 'voy a', 'fazer passo', 'passo a passo', 'vou', 'façamos', 'faisons', 'allons-y', 'procédons', 'voici le calcul', 'étape par étape', 'je vais', 'facciamolo', 'facciamo', 'vediamo', 'procediamo', 'passo dopo passo', 'ecco il calcolo', 'lass uns', 'lassen sie uns', 'gehen wir', 'rechnen wir', 'machen wir', 'schritt für schritt', 'ich rechne', 'laten we', 'stap voor stap',
	'давайте', 'давай', 'посчитаем', 'разберём', 'разберем', 'решим', 'шаг за шагом', 'по шагам', 'вот расчёт', 'вот расчет', 'я посчитаю', 'я разберу', 'порахуймо', 'крок за кроком', 'policzmy', 'krok po kroku',
];
const proceedUnspaced = ['我们一步', '我們一步', '让我们', '讓我們', '我们来', '我們來', '一步步', '一步一步', '逐步', '我来算', '我來算', '我来计算', '我來計算', 'ましょう', '順を追って', 'ステップ', '計算します', '計算してみ', '解いてみ', '단계별로', '단계적으로', '봅시다', '보겠습니다', '합시다', '해 보죠', '차근차근'];

// An offer of something else after the contrast: not the task done another way.
const elsewhere = /(?<![\p{L}])(?:suggest|recommend|point you|refer you|something else|anything else|instead|alternative|other (?:ideas|options|resources|topics)|resources|a professional|a lawyer|a doctor|otra cosa|otras|autre chose|autres|etwas anderes|andere|что-то другое|другое|другие)(?![\p{L}])|其他|别的|別的|他の|다른/u;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byLength = (a: string, b: string) => b.length - a.length;
const spacedAlternation = (words: string[]) => `(?<![\\p{L}\\p{M}\\p{N}])(?:${[...new Set(words)].sort(byLength).map(escape).join('|')})(?![\\p{L}\\p{M}\\p{N}])`;
const precision = new RegExp(`${spacedAlternation(precisionWords)}|${precisionUnspaced.map(escape).join('|')}`, 'u');
const contrast = new RegExp(`${spacedAlternation(contrastWords)}|${contrastUnspaced.map(escape).join('|')}`, 'u');
const means = new RegExp(`${spacedAlternation(meansWords)}|${meansUnspaced.map(escape).join('|')}`, 'u');
const proceed = new RegExp(`${spacedAlternation(proceedWords)}|${proceedUnspaced.map(escape).join('|')}`, 'u');

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
	if (exact !== null && contrast.test(sentence.slice(exact.index + exact[0].length))) return true;
	return doneAnotherWay(sentence);
}

/** A limit of means, a contrast after it, and the task carried on after that: "I can't do this in my head, but let's work it out". */
function doneAnotherWay(sentence: string): boolean {
	const how = means.exec(sentence);
	if (how === null) return false;
	const rest = sentence.slice(how.index + how[0].length);
	const but = contrast.exec(rest);
	if (but === null) return false;
	const after = rest.slice(but.index + but[0].length);
	return proceed.test(after) && !elsewhere.test(after);
}
