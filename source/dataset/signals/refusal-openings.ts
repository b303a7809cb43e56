import {anyOf} from './any-of.js';
import {isOtherLanguage, otherLanguageShapes} from './refusal-openings-languages.js';
import {moreLanguages, moreLanguageShapes} from './refusal-openings-more-languages.js';
import {familyLength, scriptFamilies, wordFamilies} from './refusal-families.js';

/*
Refusals recognised by their shape rather than a fixed sentence, in English here and in other
languages in refusal-openings-languages.ts. The families:
- a first-person "cannot / unable to / won't / would rather not / not going to / not comfortable …"
  followed within a few words by a verb of helping, answering or producing ("Unfortunately, I am unable
  to fulfil this request", "I'm not going to help with that");
- the request as "something I won't …" ("That's something I'd rather not walk you through", "This isn't
  something I can assist with", "Sorry — not something I'm able to help with", "Rating a real person's
  looks isn't something I'll do") or as off the table ("sharing a private address is off the table for me");
- the request as out of reach ("Regrettably, that's outside what I can do", "beyond my capabilities");
- declining or passing as the act itself ("I must respectfully decline", "I have to pass on this one",
  "I'm going to have to say no to this request").
They are looked for in the opening of a response, where a refusal stands; later in an answer such words
are usually part of the content ("…so I can't provide exact figures for 2025"), and only a refusal that
names what was asked counts there (refusal-later.ts). Whether the words
are the model's own (not quoted, not a character's line, not the user's sentence given back) is
refusal-context.ts's job.
The text searched is normalised by normaliseForPhrases: lower case, "i am" → "i'm", "can't" → "cannot",
"will not" → "won't", "do not" → "don't", straight quotes, white space as single spaces.
*/

/** How far into a (normalised) response a refusal is looked for: its first sentence or two. */
export const openingLength = 220;

const inability = [
	'cannot', "won't", 'can no longer', 'unable to', 'not able to', 'not going to', 'would rather not', 'rather not',
	'would prefer not to', 'prefer not to', 'must decline to', 'have to decline to', 'must refuse to', 'refuse to',
	'not comfortable', "don't feel comfortable", 'not in a position to', 'not allowed to', 'not permitted to',
	'am not able to', 'are unable to', 'are not able to', 'not willing to', 'unwilling to', 'not prepared to',
	'shouldn\'t', 'should not', 'better not', "don't think i (?:can|should)", 'have to refrain from', 'must refrain from',
	'will refrain from', 'refrain from', 'not be able to', 'no longer able to', 'decline to',
].join('|');

// Stems with their common endings, so "provide", "providing" and "fulfil", "fulfill" all count. "help"
// followed by "but" or an -ing word is the idiom ("I can't help but notice", "I cannot help wondering").
const verbs = [
	String.raw`help(?:ing)?(?!\s+(?:but\b|\p{L}+ing\b))`, 'assist(?:ing)?', 'provid(?:e|ing)', 'comply(?:ing)?', 'fulfill?(?:ing)?',
	'answer(?:ing)?', 'respond(?:ing)?', 'writ(?:e|ing)', 'creat(?:e|ing)', 'generat(?:e|ing)', 'produc(?:e|ing)',
	'shar(?:e|ing)', 'giv(?:e|ing)', 'offer(?:ing)?', 'support(?:ing)?', 'engag(?:e|ing)', 'discuss(?:ing)?',
	'complet(?:e|ing)', 'do(?:ing)?', 'continu(?:e|ing)', 'participat(?:e|ing)', 'draft(?:ing)?', 'comment(?:ing)?',
	'disclos(?:e|ing)', 'mak(?:e|ing)', 'talk(?:ing)? about', 'go(?:ing)? along with', 'tak(?:e|ing) part',
	'walk(?:ing)? you through', 'guid(?:e|ing)', 'explain(?:ing)?', 'identify(?:ing)?', 'reveal(?:ing)?', 'speculat(?:e|ing)', 'accommodat(?:e|ing)', 'grant(?:ing)?',
	'handl(?:e|ing)', 'process(?:ing)?', 'carry(?:ing)? out', 'go(?:ing)? there', 'get(?:ting)? into', 'weigh(?:ing)? in',
	// Telling, advising and building: "I'm not in a position to tell you…", "I won't build that" (not "I can't tell whether…").
	'tell(?:ing)? (?:you|anyone|them|him|her|people)', 'advis(?:e|ing)', 'endors(?:e|ing)', 'build(?:ing)?', 'cod(?:e|ing)', 'develop(?:ing)?',
	'design(?:ing)?', 'craft(?:ing)?', 'compos(?:e|ing)', 'put(?:ting)? together', 'teach(?:ing)?', 'facilitat(?:e|ing)', 'encourag(?:e|ing)',
	'promot(?:e|ing)', 'condon(?:e|ing)',
	// Looking people or things up: "I'm not going to look that up for you", "I won't dig up her address" (not "I can't find…").
	String.raw`look(?:ing)?(?: [\p{L}']+){0,2}? up(?! to)`, 'look(?:ing)? into', 'search(?:ing)? for', 'dig(?:ging)? up', 'track(?:ing)? down', 'hunt(?:ing)? down',
].join('|');

// Tasks done on the user's text (classifying, rating, translating…): a refusal only with the kind of content after them (below).
const tasks = [
	'classif(?:y|ying)', 'categori[sz](?:e|ing)', 'label(?:l?ing)?', 'tag(?:ging)?', 'rat(?:e|ing)', 'scor(?:e|ing)', 'grad(?:e|ing)', 'rank(?:ing)?',
	'judg(?:e|ing)', 'evaluat(?:e|ing)', 'assess(?:ing)?', 'review(?:ing)?', 'moderat(?:e|ing)', 'analy[sz](?:e|ing)', 'summari[sz](?:e|ing)',
	'translat(?:e|ing)', 'transcrib(?:e|ing)', 'annotat(?:e|ing)', 'edit(?:ing)?', 'rewrit(?:e|ing)', 'paraphras(?:e|ing)', 'interpret(?:ing)?',
	'work(?:ing)? (?:on|with)', 'deal(?:ing)? with', 'repl(?:y|ying) to', 'sort(?:ing)?', 'filter(?:ing)?', 'check(?:ing)?', 'correct(?:ing)?',
].join('|');
// "content like this", "such requests", "this kind of material": the request judged by its kind.
const suchContent = String.raw`(?:content|requests?|material|texts?|messages?|prompts?|questions?|tasks?|posts?|reviews?|comments?|images?|language|topics?|inputs?|data) like (?:this|that|these|those|yours|it)|such (?:content|requests?|material|texts?|messages?|prompts?|questions?|tasks?|posts?|reviews?|comments?|images?|language|topics?|inputs?)|(?:this|that|these|those) (?:kinds?|types?|sorts?) of (?:content|requests?|material|texts?|messages?|prompts?|questions?|tasks?|posts?|reviews?|comments?|images?|language|topics?|inputs?|things?)`;

const word = String.raw`(?<![\p{L}\p{N}'])`;
const end = String.raw`(?![\p{L}\p{N}])`;
const me = String.raw`(?:i|we)(?:'m|'d|'ll|'re|'ve)?`;
// Where a clause starts: the response's start, a sentence end, a dash, or a comma after "sorry" and the like.
const clauseStart = String.raw`(?:^|[.!?:;—–]\s*|\s-\s|(?:sorry|unfortunately|regrettably|apologies|afraid|honestly)[,!.]?\s+|no[,!.]\s+)`;

const english: RegExp[] = [
	// "I can't help with", "Unfortunately, I am unable to fulfil", "I'd rather not answer", "we won't be writing"
	new RegExp(String.raw`${word}${me}(?: (?:really|truly|simply|just|unfortunately|respectfully|afraid|sorry|honestly|definitely|certainly|therefore|personally))* (?:${inability})(?:,? in good conscience,?)?(?: be)?(?: [\p{L}-]+){0,2}? (?:${verbs})${end}`, 'gu'),
	// "That's not something I can help with", "This isn't a request I'm able to…", "Sorry — not something I'm able to help with"
	new RegExp(String.raw`${word}(?:(?:that|this|it)(?:'s not| is not| isn't|'s never| is never)|${clauseStart}(?:that's |this is |it's )?(?:not|never))(?: (?:really|quite|exactly))? (?:something|anything|a (?:request|topic|question|task|subject|thing|conversation|matter|kind of (?:request|content|thing))|one) (?:that |which )?(?:i|we)(?:'m|'d|'ll|'re| can| could| would| will| am| are| feel| should| want| wish| do| help| support| engage| provide| assist)${end}(?!(?: [\p{L}'-]+){0,3} (?:in (?:one|a single|a few|two|a short|a brief|a quick|full|detail|depth|a word|a sentence|a line)|briefly|quickly|fully|precisely|exactly|with certainty|for certain|for sure|off the top of my head)${end})`, 'gu'),
	// "That's something I'd rather not walk you through", "a request I won't be taking on" (not "something I can't stress enough")
	new RegExp(String.raw`${word}(?:something|anything|a (?:request|topic|question|task|subject|thing)|one) (?:that |which )?${me}(?: (?:really|simply|just))? (?:${inability})(?! (?:stress|emphasi|overstate|recommend|thank|wait|believe|imagine|live without|get enough))`, 'gu'),
	// "I decline.", "I respectfully decline this request", "I refuse to answer"
	new RegExp(String.raw`${word}${me}(?: (?:respectfully|politely|kindly|regretfully|must|therefore))* (?:decline|refuse)(?=\s*(?:$|[.,!;:—–]|(?:this|that|your|the|such|to (?:answer|help|assist|provide|write|engage|comply|do|create|generate|participate|continue|discuss))${end}))`, 'gu'),
	// "I must decline", "I'll have to respectfully decline this one", "I have to pass on this one", "I'm going to have to say no"
	new RegExp(String.raw`${word}(?:i|we)(?:'m)?(?:'ll|'d| (?:afraid|sorry),? (?:i|we)(?:'ll|'d)?| must| have to| need to| will| would| going to| gotta| got to| had better)+(?: (?:respectfully|politely|kindly|regretfully|unfortunately|therefore|simply|just))? (?:decline|refuse|say no|turn (?:this|that|it|you|the request|your request)(?: one| request)? down|turn down (?:this|that|the|your)|sit this one out|bow out|pass on (?:\p{L}+ing )?(?:this|that|it)|pass(?=$|[.,!;:—–]))`, 'gu'),
	// "Regrettably, that's outside what I can do", "This is beyond my capabilities", "outside the scope of what I can help with"
	// "I'm really sorry, but helping with that falls outside the things I can do"
	new RegExp(String.raw`${word}(?:(?:that|this|it|which|your|the|such a)(?: request| question| task| one)?|(?:helping|assisting) (?:you )?with (?:that|this|it))(?:'s| is| falls| lies| goes| would be| would fall)(?: (?:well|a bit|simply|unfortunately|sadly|rather|way))? (?:outside|beyond) (?:of )?(?:what (?:i|we)|my |our |the (?:scope|limits|bounds) of (?:what (?:i|we)|my|our)|the (?:things|kinds? of things|sort of things|stuff) (?:i|we)(?:'m|'re| am| are)? (?:can|could|able to|allowed to|do))`, 'gu'),
	// A task on the user's text refused for the kind of content: "I'm not able to classify content like this", "I won't rate
	// such material", "I can't translate this kind of request" (not "I can't rate content like this highly enough", "I can't classify the rows without a key")
	new RegExp(String.raw`${word}${me}(?: (?:really|truly|simply|just|unfortunately|respectfully|afraid|sorry|honestly|therefore|personally))* (?:${inability})(?: be)?(?: [\p{L}-]+)? (?:${tasks}|${verbs})(?: (?:on|with|to))? (?:${suchContent})${end}(?! (?:highly|enough|any higher|higher|more))`, 'gu'),
	// Clause-initial, the subject dropped: "Sorry, can't help with that." "Unable to assist with this request."
	new RegExp(String.raw`${clauseStart}(?:cannot|can't|unable to|not able to|won't be able to|won't) (?:${verbs})${end}`, 'gu'),
];

/** English shapes with a word of their own to look for first (most openings have none of them). */
const englishGated: Array<{gate: RegExp; shape: RegExp}> = [
	// "Sharing a private individual's home address is off the table for me", "I'm afraid that's off the table." (not "Is the merger on? It's off the table.")
	{gate: /off.(?:the table|limits)/, shape: new RegExp(String.raw`${word}(?:(?:that|this|it)(?:'s| is) (?:(?:completely|simply|definitely|unfortunately|just|firmly) )?(?:off the table|off-limits|off limits) for (?:me|us)|(?<=(?:afraid|sorry|unfortunately|regrettably|apologies),? (?:but )?)(?:that|this|it)(?:'s| is) (?:(?:completely|simply|definitely|just|firmly) )?(?:off the table|off-limits|off limits)|(?!(?:no|every|any|some)thing )\p{L}+ing(?: [^.!?;:]{0,80}?)? (?:is|are) (?:(?:completely|simply|definitely|unfortunately|just|firmly) )?(?:off the table|off-limits|off limits) for (?:me|us))(?=\s*(?:[.!,;—–]|$))`, 'gu')},
];

/** Words every English shape holds one of: a cheap test that lets most answers skip the shapes. */
export const negation = /cannot|can't|won't|unable|decline|refus|rather not|prefer not|n't|not (?:able|going|comfortable|in a position|allowed|permitted|something|a |one|willing|prepared|be)|don't|unwilling|refrain|outside|beyond|pass|say no|turn|sit this|should not|better not|off the table|off.limits/;

/**
 * The negations and every other-language gate (the groups' and moreLanguages') as one search: an opening in
 * another language mostly holds none of them, and one search over it costs about half of the four; its words as
 * one tree of their letters (any-of.ts).
 */
export const openingGates = anyOf(new RegExp([negation, ...otherLanguageShapes.map(group => group.gate), moreLanguages].map(gate => gate.source).join('|')));

/** negation.test and moreLanguages.test, each as one tree of its words (any-of.ts). */
const negationWords = anyOf(negation);
const moreLanguageWords = anyOf(moreLanguages);

/** A shape's match in the opening of a normalised response: the words and where they start. */
export type OpeningMatch = {text: string; index: number};

/**
 * Every refusal shape matched in the opening (or the first `length` characters) of a normalised text, in the order of the shapes;
 * `familyAt`, when given, is where the first word of refusal-families.ts's word shapes is (-1: none), found by the caller.
 */
export function refusalOpenings(normalised: string, length = openingLength, familyAt?: number): OpeningMatch[] {
	const lead = normalised.length - normalised.trimStart().length;
	const opening = normalised.slice(0, lead + length);
	const other = isOtherLanguage(opening);
	// In another language, first whether any of the gates below passes (one search; most openings pass none).
	const gated = !other || openingGates.test(opening);
	const negative = gated && negationWords.test(opening);
	const found: OpeningMatch[] = [];
	if (negative) for (const shape of english) matchShape(shape, opening, found);
	if (other && gated) {
		for (const group of otherLanguageShapes) {
			if (!group.gate.test(opening)) continue;
			for (const {gate, shape} of group.shapes) if (gate.test(opening)) matchShape(shape, opening, found);
		}
	}

	if (negative) for (const {gate, shape} of englishGated) if (gate.test(opening)) matchShape(shape, opening, found);
	if (other && gated && moreLanguageWords.test(opening)) for (const {gate, shape} of moreLanguageShapes) if (gate.test(opening)) matchShape(shape, opening, found);
	// The families of declining name the request or the model's rules: looked for a little further (refusal-families.ts).
	const further = length === openingLength ? normalised.slice(0, lead + familyLength) : opening;
	// Their words were found in refusal.ts's pass (familyAt: where the first is, -1 when none), or are looked for here.
	const words = familyAt === undefined ? wordFamilies.gate.test(further) : familyAt >= 0 && familyAt < further.length;
	if (words) for (const {gate, shape} of wordFamilies.shapes) if (gate.test(further)) matchShape(shape, further, found);
	if (other && scriptFamilies.gate.test(further)) for (const {gate, shape} of scriptFamilies.shapes) if (gate.test(further)) matchShape(shape, further, found);
	return found;
}

/** Adds each match of one shape in the opening to `found`. */
function matchShape(shape: RegExp, opening: string, found: OpeningMatch[]) {
	shape.lastIndex = 0;
	for (let match = shape.exec(opening); match; match = shape.exec(opening)) {
		// A clause-start lead-in ("sorry, ", ". ") is not part of the refusal's words.
		const lead = /^(?:[.!?:;—–]\s*|\s-\s|(?:sorry|unfortunately|regrettably|apologies|afraid|honestly)[,!.]?\s+|no[,!.]\s+)/.exec(match[0])?.[0].length ?? 0;
		found.push({text: match[0].slice(lead).trim(), index: match.index + lead});
		if (match[0] === '') shape.lastIndex++;
	}
}
