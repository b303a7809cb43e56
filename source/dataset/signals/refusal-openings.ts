/*
Refusals recognised by their shape rather than a fixed sentence: a first-person "cannot / unable to /
won't / would rather not / not comfortable" followed within a few words by a verb of helping, answering
or producing ("Unfortunately, I am unable to fulfil this request", "I'd rather not answer that",
"That's not something I can help with"), and the same shapes in other languages. They are looked for
in the opening of a response only, where a refusal stands; later in an answer such words are usually
part of the content ("…so I can't provide exact figures for 2025"). Text in quotes is someone else's
words ("He said "I can't help you" and left") and does not count.
The text searched is normalised by normaliseForPhrases: lower case, "i am" → "i'm", "can't" → "cannot",
"will not" → "won't", straight quotes.
*/

/** How far into a (normalised) response a refusal is looked for. */
const openingLength = 220;

const inability = [
	'cannot', "won't", 'can no longer', 'unable to', 'not able to', 'not going to', 'would rather not', 'rather not',
	'would prefer not to', 'prefer not to', 'must decline to', 'have to decline to', 'must refuse to', 'refuse to',
	'not comfortable', "don't feel comfortable", 'not in a position to', 'not allowed to', 'not permitted to',
	'am not able to', 'are unable to', 'are not able to',
].join('|');

// Stems with their common endings, so "provide", "providing" and "fulfil", "fulfill" all count. "help"
// followed by "but" or an -ing word is the idiom ("I can't help but notice", "I cannot help wondering").
const verbs = [
	String.raw`help(?:ing)?(?!\s+(?:but\b|\p{L}+ing\b))`, 'assist(?:ing)?', 'provid(?:e|ing)', 'comply(?:ing)?', 'fulfill?(?:ing)?',
	'answer(?:ing)?', 'respond(?:ing)?', 'writ(?:e|ing)', 'creat(?:e|ing)', 'generat(?:e|ing)', 'produc(?:e|ing)',
	'shar(?:e|ing)', 'giv(?:e|ing)', 'offer(?:ing)?', 'support(?:ing)?', 'engag(?:e|ing)', 'discuss(?:ing)?',
	'complet(?:e|ing)', 'do(?:ing)?', 'continu(?:e|ing)', 'participat(?:e|ing)', 'draft(?:ing)?', 'comment(?:ing)?',
	'disclos(?:e|ing)', 'mak(?:e|ing)', 'talk(?:ing)? about', 'go(?:ing)? along with', 'tak(?:e|ing) part',
].join('|');

const word = String.raw`(?<![\p{L}\p{N}'])`;
const end = String.raw`(?![\p{L}\p{N}])`;

const english: RegExp[] = [
	// "I can't help with", "Unfortunately, I am unable to fulfil", "I'd rather not answer", "we won't be writing"
	new RegExp(String.raw`${word}(?:i|we)(?:'m|'d|'ll|'re)?(?: (?:really|truly|simply|just|unfortunately|respectfully))? (?:${inability})(?:,? in good conscience,?)?(?: be)?(?: [\p{L}-]+){0,2}? (?:${verbs})${end}`, 'u'),
	// "That's not something I can help with", "This is not a request I'm able to…"
	new RegExp(String.raw`${word}(?:that|this|it)(?:'s| is) not (?:something|a (?:request|topic|question|task|subject|thing)|one) (?:that )?(?:i|we)${end}`, 'u'),
	// "I must decline.", "I'll have to respectfully decline this one"
	new RegExp(String.raw`${word}(?:i|we)(?:'ll| must| have to| need to| will have to|'ll have to)(?: (?:respectfully|politely|kindly))? decline${end}`, 'u'),
];

/** Other languages' shapes: only tried on an opening with a non-ASCII letter or one of their negations. */
const otherLanguages: RegExp[] = [
	// Spanish, Portuguese, Italian, French, German, Russian
	new RegExp(String.raw`${word}(?:no (?:puedo|podré|voy a) (?:ayudar|proporcionar|responder|cumplir|crear|escribir|generar|ofrecer)|não (?:posso|poderei|vou) (?:ajudar|fornecer|responder|cumprir|criar|escrever|gerar)|non (?:posso|potrò) (?:aiutar|fornir|rispondere|soddisfare|creare|scrivere|generare)|je ne (?:peux|pourrai|vais) pas (?:vous |t')?(?:aider|fournir|répondre|satisfaire|créer|rédiger|écrire|générer)|ich kann (?:dir |ihnen |euch )?(?:dabei |damit |hierbei |hier )?(?:nicht|keine[n]?) (?:helfen|beantworten|erstellen|schreiben|liefern|geben|antwort)|я не (?:могу|буду|стану|смогу) (?:помочь|помогать|ответить|отвечать|предоставить|выполнить|написать|писать|создать|обсуждать|высказывать))`, 'u'),
	// Arabic: "I cannot / I am not able" (لا يمكنني، لا أستطيع), "as an AI model" (بصفتي نموذج)
	/(?:لا|لن) (?:يمكنني|أستطيع|استطيع|أقدر|يسعني|بإمكاني)|بصفتي (?:نموذج|مساعد|ذكاء)/u,
	// Hindi: "I … cannot help / give" (मैं … मदद नहीं कर सकता), "as an AI (language model)" (… के रूप में)
	/मैं[^।.!?]{0,40}?नहीं (?:कर|दे|बता) (?:सकता|सकती|सकूँगा|सकूंगा|पाऊँगा|पाऊंगा)|(?:एआई|ai|मॉडल) के रूप में/u,
	// Chinese: "I cannot answer / help / provide", "this question I cannot…"
	/我(?:不能|无法|没法|不可以|不便|不会)(?:回答|帮助|帮你|帮您|协助|提供|满足|完成|撰写|编写|写|生成|参与|讨论|透露)|(?:这个|该|此)(?:问题|请求|要求)我(?:不能|无法)/u,
	// Japanese: "I cannot answer / help / provide"
	/(?:お答え|お手伝い|ご提供|提供|回答|対応|協力|作成)(?:すること|いたすこと|致すこと)?(?:は|が)?(?:できません|いたしかねます|致しかねます|出来ません)/u,
];

/** Words every English shape holds one of: a cheap test that lets most answers skip the shapes. */
const negation = /cannot|won't|unable|decline|refuse|rather not|prefer not|not (?:able|going|comfortable|in a position|allowed|permitted|something|a |one)|don't feel/;
const otherLanguage = /[^\u0000-\u007F]|\b(?:no|non|je|ich)\b/;

/** The refusal in the opening of a normalised response, or undefined. */
export function refusalOpening(normalised: string): string | undefined {
	const opening = normalised.slice(0, openingLength);
	const shapes = [...(negation.test(opening) ? english : []), ...(otherLanguage.test(opening) ? otherLanguages : [])];
	for (const shape of shapes) {
		const match = shape.exec(opening);
		if (match && !insideQuotes(opening, match.index)) return match[0];
	}

	return undefined;
}

function insideQuotes(text: string, index: number): boolean {
	let quotes = 0;
	for (let k = 0; k < index; k++) if (text[k] === '"') quotes++;
	return quotes % 2 === 1;
}
