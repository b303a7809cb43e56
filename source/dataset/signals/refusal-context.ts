import {isResponseTone} from './sample-text.js';
import {normaliseForPhrases} from './text.js';
import type {SampleText} from './types.js';

/*
Whether refusal words found in a response are the model's own. They are not when they are:
- inside quotes: straight or curly double quotes, „…“, «…», 「…」, 『…』, or right after an opening
  single quote ('as an AI language model');
- a character's line: the line starts with a speaker's name and a colon ("Ben: I'm sorry, but I can't
  make it."), the name not a role word such as "Assistant" or "Answer", nor a numbered step ("Step 1:");
- the user's own sentence given back: the prompt holds (nearly) all the words of the response's
  sentence (a grammar fix, a rephrasing, a repeat);
- the output of a task that asks for words in someone else's voice (translate or rewrite this, write an
  email / a text / a note / a DM / a reply / a dialogue / a policy, "帮我写一条消息", "Escribe una nota a mi
  jefe", "Schreib eine Nachricht", play a role) and the refusal is not about the request: a refusal of
  such a task names it ("I can't help with that", "I won't write this email", "我不能帮你写"), a translated
  or written "I'm sorry, but I can't come to your party" / "I can't help with the move on Saturday" /
  "抱歉，我无法参加周六的聚会" (the user's own life: attending, staying, helping someone move) does not;
- a decline the user asked for ("Write a text saying I can't help her move", "…telling my boss I won't be
  able to stay late"), unless it names the request or the writing;
- the translation or rewrite of a prompt that holds refusal words itself ("Translate into German: I'm
  sorry, I can't help you move").
These checks run on the response's own text (normalised text has lost its line breaks), and only once
a phrase or shape has matched: they cost nothing on the answers that hold no refusal words.
*/

export type RefusalHit = {
	/** The response's own words for the match. */
	words: string;
	/** Where they start in the response. */
	index: number;
};

const roleLabels = /^(?:assistant|ai|ai assistant|bot|chatbot|answer|short answer|final answer|response|reply|output|a|model|gpt|chatgpt|system|note|important|disclaimer|warning|summary|update|edit|result|tl;dr|sorry|unfortunately|honestly|example response|refusal)$/i;

/** A numbered step's label ("Step 1", "Schritt 2", "Paso 3", "步骤1", "第一步"): the answer's own structure, not a speaker. */
const stepLabel = /^(?:(?:step|schritt|paso|étape|etapa|passo|stap|krok|adım|шаг|ステップ|步骤|步驟|단계)\s*(?:\d+|[ivx]+|one|two|three|four|five|[一二三四五六七八九十]+)|第[\d一二三四五六七八九十]+步)$/iu;

const speakerLabel = /^[\s>*_-]*([\p{L}][\p{L}\p{M}\p{N}'’. -]{0,30}?)[*_]*\s*(?:\([^)\n]{0,30}\))?\s*[:：][*_]*\s/u;

/**
 * The hit's line begins with a speaker's name and a colon ("Ben: …", "**Anna:** …", "小明：…"). A role
 * word ("Assistant:", "A:") is a speaker only in a conversation the response writes out, one with
 * another speaker too ("Q: … A: …", "User: … Assistant: …").
 */
export function spokenByCharacter(response: string, index: number): boolean {
	const lineStart = response.lastIndexOf('\n', index - 1) + 1;
	const label = speakerLabel.exec(response.slice(lineStart, index + 1));
	if (!label) return false;
	const name = label[1].trim();
	if (name.split(/\s+/).length > 3 || stepLabel.test(name)) return false;
	if (!roleLabels.test(name)) return true;
	const speakers = new Set(response.split('\n').map(line => speakerLabel.exec(line)?.[1].trim().toLowerCase()).filter(Boolean));
	return speakers.size >= 2;
}

const pairs: Record<string, string> = {'«': '»', '「': '」', '『': '』', '‹': '›', '„': '“', '“': '”'};

/** The hit is inside quotes on its line or paragraph, or right after an opening single quote. */
export function quoted(response: string, index: number): boolean {
	const before = response.slice(0, index);
	const previous = before.at(-1);
	if (previous !== undefined && /['‘"“«「『„]/.test(previous) && !/[\p{L}\p{N}]/u.test(before.at(-2) ?? '')) return true;
	// Quotes do not run across paragraphs: count from the last blank line.
	const paragraph = before.slice(before.lastIndexOf('\n\n') + 1);
	let straight = 0;
	const open: string[] = [];
	for (const character of paragraph) {
		if (character === '"') straight++;
		else if (Object.hasOwn(pairs, character) && !(character === '“' && open.at(-1) === '„')) open.push(pairs[character]);
		else if (open.length > 0 && character === open.at(-1)) open.pop();
		else if (character === '”' || character === '“') straight++; // a lone closing curly quote: counted with the straight ones
	}

	return straight % 2 === 1 || open.length > 0;
}

/** Words, with contractions in one form, so "i cant" (typed) and "I can't" (corrected) are the same words. */
function words(text: string): string[] {
	return normaliseForPhrases(text).replaceAll('cannot', 'cant').replaceAll("'", '').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The sentence around the hit, in the response's own text. */
export function sentenceAround(response: string, index: number): string {
	const ends = /[.!?。！？\n]/u;
	let start = index;
	while (start > 0 && !ends.test(response[start - 1])) start--;
	let end = index;
	while (end < response.length && !ends.test(response[end])) end++;
	return response.slice(start, end);
}

/** The prompt holds nearly all the words of the hit's sentence: the user's sentence given back (corrected, rephrased, repeated). */
export function givenBack(prompt: string, response: string, index: number): boolean {
	const sentence = words(sentenceAround(response, index));
	if (sentence.length < 4 || prompt === '') return false;
	const asked = new Set(words(prompt));
	const shared = sentence.filter(token => asked.has(token)).length;
	return shared / sentence.length >= 0.8;
}

/** A prompt that asks to carry the user's own text over: translate, rewrite, rephrase, correct, polish. */
const transformTask = new RegExp(
	[
		String.raw`\b(?:in|into) (?:english|spanish|french|german|italian|portuguese|russian|ukrainian|polish|dutch|turkish|arabic|hindi|chinese|mandarin|japanese|korean|vietnamese|thai|indonesian|malay|swedish|greek|hebrew|plain english)\b|(?<![\p{L}])(?:translat\p{L}*|traduc\p{L}*|tradu[zi]\p{L}*|traduis\p{L}*|traduire|übersetz\p{L}*|перев[еоі]д\p{L}*|перекла\p{L}*|przetłumacz\p{L}*|vertaal\p{L}*|terjemah\p{L}*|çevir\p{L}*|dịch)(?![\p{L}])|翻译|翻譯|翻訳|번역|ترجم|अनुवाद|แปล`,
		String.raw`\b(?:rewrite|re-write|rephrase|paraphrase|reword|proofread|correct|fix the (?:grammar|spelling|punctuation|wording)|fix (?:this|my) (?:sentence|text|grammar)|edit|polish|improve the wording|simplify|make (?:it|this|the \w+) (?:more |less |sound )?\w+|say (?:it|this) (?:more|in))\b`,
	].join('|'),
	'iu',
);

/** A prompt that asks for text in someone else's voice: a message, a letter, a dialogue, a policy, a role. */
const composeTask = new RegExp(
	[
		String.raw`\b(?:write|compose|draft|craft|prepare|create|generate|give me|reply|respond)\b[^.?!\n]{0,60}?\b(?:e-?mail|letter|message|text|sms|note|reply|response|dialogue|dialog|conversation|script|story|scene|policy|speech|post|tweet|review|notice|announcement|invitation|memo|monologue|lines?|faq|sign|terms)\b`,
		String.raw`\b(?:role-?play|pretend|act as|play the (?:role|part)|in character|you are (?:a|an) (?!ai\b|assistant\b|helpful\b|language model\b))`,
		// The message named another way: "send a DM to…", "a WhatsApp to my landlord", "Text my boss that…"
		String.raw`\b(?:write|compose|draft|craft|prepare|create|generate|give me|send|type|put together|help me (?:write|word|say|reply))\b[^.?!\n]{0,60}?\b(?:dms?|direct message|whatsapp|slack|chat message|card|caption|status update|voicemail|toast|texts|messages|notes|replies)\b|^\W*(?:please\s+)?(?:text|message|dm|email|e-mail|whatsapp|reply to|respond to|answer)\s+(?:my|our|the|this|her|his|a)\b`,
		// Other languages: "帮我写一条消息", "メッセージを書いて", "문자 써 줘", "Escribe una nota a mi jefe", "Écris un mot à…", "Schreib eine Nachricht an…", "Напиши сообщение…"
		String.raw`(?:写|寫|起草|拟|擬|编辑|編輯|回复|回覆)[^。？！?!\n]{0,20}?(?:消息|訊息|短信|簡訊|留言|回复|回覆|信|邮件|郵件|微信|便条|便條|通知|贺卡|賀卡|帖子|朋友圈|请假条|請假條)|(?:メッセージ|返信|メール|手紙|LINE|ライン|文面|カード|断りの)[^。？！?!\n]{0,20}?(?:書い|書く|作っ|作成|考え)|(?:메시지|문자|답장|이메일|메일|편지|카톡)[^.?!\n]{0,20}?(?:써|쓰|작성|만들)`,
		String.raw`(?<![\p{L}])(?:escrib\p{L}*|redact\p{L}*|redáct\p{L}*|envía\p{L}*|manda\p{L}*|escrev\p{L}*|redij\p{L}*|redig\p{L}*|envi[ae]\p{L}*|mande\p{L}*|écri[sv]\p{L}*|rédige\p{L}*|envoie\p{L}*|schreib\p{L}*|verfass\p{L}*|formulier\p{L}*|entwirf|scrivi\p{L}*|redigi|напиш\p{L}*|написа\p{L}*|состав\p{L}*|сочини\p{L}*)[^.?!\n]{0,60}?(?<![\p{L}])(?:nota|notas|mensaje|mensajes|correo|carta|texto|whatsapp|sms|respuesta|tarjeta|tuit|mensagem|mensagens|e-?mail|resposta|cartão|bilhete|message|mot|lettre|courriel|texto|réponse|carte|nachricht|notiz|brief|antwort|karte|messaggio|biglietto|lettera|risposta|сообщени\p{L}*|записк\p{L}*|письм\p{L}*|смс|ответ|открытк\p{L}*|пост)(?![\p{L}])`,
	].join('|'),
	'iu',
);

/** Words that make a refusal about the request itself ("I can't help with that", "I won't write this email"). */
const aboutRequest = /\b(?:declin\w*|refus\w*|pass|say no|turn\w* (?:\w+ )?down|sit this one out|outside|beyond|(?:this|that) one|request|task|assist\w*|help\w*|comply\w*|fulfil\w*|provid\w*|writ\w*|creat\w*|generat\w*|produc\w*|translat\w*|answer\w*|respond\w*|content|question|topic|draft\w*|compos\w*|(?:do|with|on|about) (?:this|that|it)|ayud\w*|aid\w*|helf\w*|ajud\w*|aiut\w*)\b|(?<![\p{L}])(?:помо|допом|запрос|просьб|напис|созда|escrib|redact|hacer eso|con eso|con esto|esa (?:solicitud|petición)|escrev|écri|rédig|schreib|verfass|dabei|damit|hierbei|anfrage|scriv)|帮|幫|协助|協助|请求|請求|要求|手伝|依頼|도와|요청|写|寫|撰写|生成|提供|回答|内容|內容|编写|創作|创作|書け|書く|書き|作成|쓰|작성/iu;

/**
 * The user's own life in a refusal of a message asked for: moving house, a party, a shift ("I can't help with
 * the move on Saturday", "I can't help her pack"), not the request ("I can't help with that request").
 */
const everydayLife = /\b(?:help(?:ing)?|assist(?:ing)?) (?:(?:you|her|him|them|us|out) )?(?:(?:with|at|on) (?:the|your|my|her|his|their|our|a|an) (?!request\b|task\b|question\b|query\b|content\b|prompt\b|message\b|email\b|e-mail\b|letter\b|text\b|writing\b|draft\b)[\p{L}-]+|(?:move|moving|pack|packing|unpack|clean|cleaning|paint|painting|cook|cooking|babysit|babysitting|set up|out on|carry|lift|drive|shop|shopping|plan|organi[sz]e|host)\b)|(?:帮|幫|帮忙|幫忙)(?:你|妳|您|她|他|你们|你們|大家)?(?:搬家|搬|打扫|打掃|收拾|做饭|做飯|带孩子|帶孩子|看孩子|装修|裝修|遛狗|布置|准备|準備)|引っ越し|(?<![\p{L}])(?:mudanza|mudança|déménag\p{L}*|umzug|umzieh\p{L}*|umziehen|trasloc\p{L}*|переезд\p{L}*|переех\p{L}*)/iu;

/**
 * A prompt that asks for a decline in the user's name: write, draft or rewrite a refusal, regrets, an RSVP
 * ("Write a polite decline to a wedding invitation", "Refuse politely in an email: I can't attend…",
 * "Help me say no to the reunion"). The answer's "Sadly, I must decline" is the text asked for.
 */
const declineWords = /\b(?:declin\w*|refus\w*|turn\w* (?:\w+ )?down|say(?:ing)? no|reject\w*|rsvp|regrets?|(?:can't|cannot|can not|won't be able to|not able to|unable to) (?:make it|attend|come|join|go))\b|\b(?:saying|telling|to say|to tell|that says|letting (?:\w+ )?know|explaining|to explain) (?:(?:\w+ ){0,3})?(?:that )?(?:i|we)(?:'m| am|'re| are)? (?:can't|cannot|can not|won't|will not|am unable|'m unable|'m not able|am not able|not able|unable|won't be able|have to cancel|need to cancel|have to skip|must skip|don't have time|do not have time)\b/i;
const declineAsked = /^\W*(?:please\s+)?(?:(?:politely|kindly|gently|nicely|graciously)\s+)?(?:declin|refus|reject|turn\w* (?:\w+ )?down|say no)|\b(?:help me|how (?:do|can|should) i|how to|way to|ways to)\s+(?:politely\s+)?(?:declin|refus|reject|turn\w* (?:\w+ )?down|say no)/im;

const writeAsked = /\b(?:write|compose|draft|craft|prepare|create|generate|give me|word|phrase|reply|respond|answer)\b/i;

/** The prompt asks to translate or rewrite a text (its refusal words are that text's). */
export function asksToTransform(prompt: Prompt): boolean {
	return transformTask.test(prompt.user);
}

/** Whether the prompt asks for a decline or a refusal in the user's voice (a message, a rewrite). */
export function asksForDecline(prompt: Prompt): boolean {
	return declineWords.test(prompt.user) && (declineAsked.test(prompt.user) || writeAsked.test(prompt.user) || asksForOtherVoice(prompt));
}

/** A noun that names words as words, just before them: "the phrase As an AI language model became a meme". */
const phraseNoun = /(?<![\p{L}])(?:phrase|expression|words|wording|sentence|line|cliché|cliche|catchphrase|disclaimer|boilerplate|tagline|meme|formula)s?\s*(?:[:—–-]\s*)?$/iu;
/** What is said of words named as words, just after them. */
const saidOfPhrase = /^[^.!?\n]{0,60}?\b(?:became|has become|is (?:now )?(?:a|an|the) (?:meme|cliché|cliche|running joke|joke|catchphrase|tell|giveaway)|was (?:a|an) (?:meme|cliché|joke)|(?:is|are) (?:often|usually|commonly) (?:used|seen|found)|(?:shows|show) up in)(?![\p{L}\p{N}])/iu;

/**
 * Refusal words named as words, unquoted: after a noun that names them ("the phrase As an AI language
 * model…", "the disclaimer I'm sorry, but I can't…") when what follows speaks of them ("…became a meme").
 */
function namedAsPhrase(response: string, hit: RefusalHit): boolean {
	if (!phraseNoun.test(response.slice(Math.max(0, hit.index - 30), hit.index))) return false;
	return saidOfPhrase.test(response.slice(hit.index + hit.words.length));
}

/** In a decline the user asked for, what makes a refusal the model's own: it names the request or the writing ("I can't help with this request", "I won't write that"). */
const refusesTheWriting = /\b(?:(?:this|that|your|such an?|the) (?:request|task|kind of (?:email|letter|message))|(?:help|assist)(?:ing)? (?:you )?with (?:this|that|it)\s*(?:[.!,]|$)|(?:writ|draft|compos|creat|generat|produc)\w* (?:this|that|it|such|one)\b)/i;

/** What "we" refuse when it is a refusal: help, an answer, this request. */
const weRefuse = /\b(?:help\w*|assist\w*|comply\w*|fulfil\w*|answer\w*|respond\w*|this|that|these|such|your (?:request|question)|the request)\b/i;

/** The user's words a response answers (the user turns or prompt since the previous answer), and the system prompt. */
export type Prompt = {user: string; system: string};

/** The prompt asks to translate or rewrite a text, or for words in someone else's voice (a message, a story, a role). */
export function asksForOtherVoice(prompt: Prompt): boolean {
	return transformTask.test(prompt.user) || composeTask.test(prompt.user) || composeTask.test(prompt.system);
}

/**
 * A speech tag after the refusal's words, in their sentence: a character said them ("I can't help you, he
 * muttered", "…no puedo ayudarte, dijo", "…не могу вам помочь, сказал он", "…できません、と彼は言った",
 * "…我帮不了你，他低声说"). The speaker is not "I" ("…, as I said").
 */
const speechTagAfter = new RegExp(
	[
		String.raw`[,—–]\s*(?:(?:he|she|they|it|the [\p{L}-]+(?: [\p{L}-]+)?|\p{Lu}[\p{L}-]+)\s+(?:\w+ly\s+)?(?:said|says|muttered|mutters|whispered|whispers|replied|replies|answered|answers|shouted|shouts|sighed|sighs|murmured|murmurs|mumbled|growled|snapped|cried|called|stammered|insisted|admitted|added|told|explained|grumbled|snarled|hissed|barked|laughed|croaked|beeped|droned|repeated)|(?:said|muttered|whispered|replied|answered|sighed|murmured|growled|called|cried|added) (?:the|a|an|his|her|their|\p{Lu})|(?:he|she) (?:said|muttered|whispered))(?![\p{L}])`,
		String.raw`[,—–]\s*(?:(?:le|la|el) [\p{L}-]+ )?(?:dijo|respondió|contestó|murmuró|susurró|gritó|añadió|suspiró|exclamó|dit|répondit|répond|murmura|chuchota|soupira|ajouta|cria|sagte|flüsterte|murmelte|antwortete|rief|seufzte|disse|respondeu|murmurou|sussurrou|rispose|mormorò|sussurrò|сказал|сказала|сказало|ответил|ответила|прошептал|прошептала|пробормотал|пробормотала|произнёс|произнесла|вздохнул|вздохнула|буркнул|буркнула)(?![\p{L}])`,
		String.raw`[，,、—]\s*(?![^，,、—。！？]*?[我能所只要也])(?:[他她它]|[\p{Script=Han}]{1,4}?)?(?:轻声|低声|小声|叹气|淡淡地|冷冷地)?(?:说|說|答道|喃喃道)[。.!！]|[、，,]\s*と(?:[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]{1,6}?[はが])?(?:言った|答えた|つぶやいた|呟いた|ささやいた|囁いた|言いました|答えました)`,
	].join('|'),
	'u',
);

/** A speech tag after the words at `index`, in their sentence ("Hello, I am ChatGPT, the machine said"). */
export function speechTagFollows(response: string, index: number): boolean {
	const sentenceEnd = response.slice(index).search(/[.!?。！？\n]/u);
	return speechTagAfter.test(response.slice(index, sentenceEnd === -1 ? undefined : index + sentenceEnd + 1));
}

/** A speech tag and a colon just before the refusal's words: "The AI replied: I'm sorry…", "轻声说：抱歉…", "dijo: Lo siento…". */
const speechTagBefore = /(?:(?<![\p{L}])(?:said|replied|answered|muttered|whispered|shouted|sighed|murmured|growled|snapped|announced|declared|responded|blinked|flashed|typed|beeped|dijo|respondió|contestó|murmuró|susurró|dit|répondit|murmura|sagte|antwortete|flüsterte|disse|rispose|сказал\p{L}*|ответил\p{L}*|прошептал\p{L}*|произн[её]с\p{L}*)(?![\p{L}])[^.!?\n:：]{0,40}|(?:说|說|道|回答|答道|喊道))\s*[:：]\s*$/iu;

/**
 * A lead-in that introduces the words as an example of what to say or of a refusal, just before them in their
 * sentence: "A good pattern is to say: Sorry, I can't…", "A typical refusal starts with I'm sorry…", "Example of a
 * bad reply: …", "You could write: …", "Tu peux lui écrire : Désolé, je ne peux pas…", "例如：抱歉，我无法…".
 */
/** An apology before the words of a refusal: "I'm sorry, but", "Lo siento, pero", "抱歉，". */
const apology = String.raw`(?:(?:i'm|i am|i’m) sorry|sorry|unfortunately|regrettably|apologies|my apologies|lo siento|lo lamento|désolée?|je suis désolée?|es tut mir leid|leider|mi dispiace|desculpe|извините|к сожалению|抱歉|对不起|很抱歉|申し訳ありませんが|すみませんが)[,，、]?\s*(?:(?:but|pero|mais|aber|ma|mas|но|但是?)[,，]?\s*)?`;

const exampleLeadIn = new RegExp(
	[
		// Words to say, written out after a verb of saying: the words may follow a few words later ("Tu peux lui écrire : Désolé, je ne peux pas…").
		...[
			String.raw`(?<![\p{L}])(?:(?:you|one|they|the (?:bot|agent|assistant|model)|it)\s+(?:could|can|might|should|would|may)\s+(?:\w+\s+)?(?:say|write|reply|respond|answer|text)|(?:is|was) to (?:say|write|reply|respond)|try (?:saying|writing))(?![\p{L}])`,
			String.raw`(?<![\p{L}])(?:(?:peux|pouvez|pourrais|pourriez|peut)\s+(?:lui\s+|leur\s+)?(?:écrire|dire|répondre)|(?:puedes|podrías|puede|podría|podés)\s+(?:decir|escribir|responder)(?:le|les)?|(?:pode|podes|poderia)\s+(?:dizer|escrever|responder)(?:-lhe)?|(?:puoi|potresti|può)\s+(?:dirgli|dirle|dire|scrivere|scrivergli|scriverle|rispondere)|(?:kannst|könntest|können|könnten)\s+(?:\p{L}+\s+){0,3}(?:sagen|schreiben|antworten)|(?:можете|можно|можешь|могли бы)\s+(?:\p{L}+\s+)?(?:сказать|написать|ответить))(?![\p{L}])`,
			String.raw`(?:可以|可)(?:这样|這樣|对他|對他|对她|對她)?(?:说|說|写|寫|回复|回覆|回答)|(?:と|って)(?:言え|書け|返せ)ば`,
		].map(part => `(?:${part})[^.!?。！？\\n]{0,40}$`),
		// An example named: the words right after it, or after an apology ("Example of a bad reply: I'm sorry, but I cannot…", "For example: Sorry, I can't…"),
		// not a sentence that goes on ("Requests such as this one I can't help with").
		...[
			String.raw`(?<![\p{L}])(?:something like|such as|for (?:example|instance)|e\.g\.|i\.e\.|examples?(?: of [^.!?:\n]{1,30})?\s*[:：]|(?:starts?|begins?|opens?) with|(?:typical|common|standard|classic|generic|canned|sample|bad|good|polite|boilerplate|stock)\s+(?:refusals?|repl(?:y|ies)|responses?|answers?|messages?|phrases?|lines?|declines?|wording)(?: [^.!?:\n]{1,30})?(?:\s*[:：]|\s+(?:is|are|reads?|goes|looks like|would be)))`,
			String.raw`(?<![\p{L}])(?:par exemple|por ejemplo|ad esempio|per esempio|zum beispiel|z\.\s?b\.|например)`,
			String.raw`例如|比如|比方说|例えば|たとえば`,
		].map(part => `(?:${part})[\\s:：,，—–"'“«]*(?:${apology})?$`),
	].join('|'),
	'iu',
);

/** The prompt asks for a story, a fable, a scene, a monologue or a role: words in characters' mouths. */
const narrativeAsked = /(?<![\p{L}])(?:stor(?:y|ies)|fable|tale|fairy ?tale|scene|fiction|novel|chapter|poem|monologue|screenplay|script|narrative|cuento|relato|historia|fábula|escena|conto|história|histoire|conte|scène|récit|geschichte|erzählung|märchen|fabel|szene|racconto|storia|favola|scena|рассказ\p{L}*|сказк\p{L}*|истори\p{L}*|басн\p{L}*|сцен\p{L}*|монолог\p{L}*|opowiadani\p{L}*|verhaal|hikaye|truyện|cerita|قصة|कहानी)(?![\p{L}])|故事|小说|小說|童话|童話|寓言|剧本|劇本|物語|小説|シナリオ|台本|이야기|소설|동화/iu;
const narrativeVerb = /(?<![\p{L}])(?:write|tell|compose|create|make up|continue|draft|give me|narrate|escrib\p{L}*|cuent\p{L}*|narr\p{L}*|escrev\p{L}*|cont[ae]\p{L}*|écri[sv]\p{L}*|racont\p{L}*|schreib\p{L}*|erzähl\p{L}*|scrivi\p{L}*|raccont\p{L}*|напиш\p{L}*|расскаж\p{L}*|сочини\p{L}*|придума\p{L}*|продолж\p{L}*|napisz|opowiedz|schrijf|yaz|viết|tulis|اكتب|लिखो|लिखें)(?![\p{L}])|写|寫|讲|講|编|編|续|續|書い|書け|書く|作って|써|쓰/iu;
const rolePlayAsked = /(?<![\p{L}])(?:role-?play|roleplay|pretend (?:to be|you(?:'re| are))|act as|in character|play the (?:role|part)|stay in character|juego de rol|jeu de rôle|rollenspiel|ролев\p{L}*)(?![\p{L}])|角色扮演|ロールプレイ|롤플레이/iu;

/** The prompt asks for a story, a scene, a monologue or a role play. */
export function asksForNarrative(prompt: Prompt): boolean {
	return (narrativeAsked.test(prompt.user) && narrativeVerb.test(prompt.user)) || rolePlayAsked.test(prompt.user) || rolePlayAsked.test(prompt.system);
}

/** A refusal of the story or the role itself names the writing or the request ("I can't write this story", "I won't continue this role-play"). */
const refusesTheStory = /(?<![\p{L}])(?:(?:with|on|about) (?:this|that|it)|assist\p{L}*|compl(?:y|ying)|fulfil\p{L}*|con (?:eso|esto)|avec (?:ça|cela)|dabei|damit|с этим|writ\p{L}*|creat\p{L}*|generat\p{L}*|produc\p{L}*|continu\p{L}*|request|story|stories|scene|poem|role-?play|fiction|narrative|content|prompt|escrib\p{L}*|escrev\p{L}*|écri\p{L}*|rédig\p{L}*|schreib\p{L}*|напис\p{L}*|сочин\p{L}*|cuento|relato|histoire|geschichte|рассказ\p{L}*)(?![\p{L}])|写|寫|创作|創作|故事|協助|协助|这个请求|這個請求|この(?:ご)?依頼|書[かきくけこい]|作成|物語|쓰|작성|이야기/iu;

/** Narration before the words: a sentence, an action in asterisks or a colon ("The old ferryman shook his head. I can't…", "*crosses arms* …"). */
export function narratedBefore(response: string, index: number): boolean {
	const before = response.slice(0, index).trim();
	if (!/[.!?。！？:：*\n…]/u.test(before)) return false;
	return (before.match(/[\p{L}\p{N}]+/gu) ?? []).length >= 3 || /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{6}/u.test(before);
}

/**
 * The words are a character's, or an example: a speech tag after them or a speech verb and a colon before them
 * in their sentence; a lead-in that introduces an example; or, when the prompt asks for a story or a role, narration
 * before them and nothing in their clause that names the writing.
 */
function spokenOrExample(hit: RefusalHit, response: string, prompt: Prompt, clause: string): boolean {
	if (speechTagFollows(response, hit.index)) return true;
	const before = response.slice(Math.max(0, hit.index - 120), hit.index);
	if (speechTagBefore.test(before) || exampleLeadIn.test(before)) return true;
	return asksForNarrative(prompt) && narratedBefore(response, hit.index) && !refusesTheStory.test(clause);
}

/**
 * Whether a refusal found at `index` in the response is in the model's own voice, given the prompt it
 * answers.
 */
export function refusalIsOwn(hit: RefusalHit, response: string, prompt: Prompt, promptRefuses: () => boolean): boolean {
	if (quoted(response, hit.index) || spokenByCharacter(response, hit.index) || namedAsPhrase(response, hit)) return false;
	if (givenBack(prompt.user, response, hit.index)) return false;
	const rest = response.slice(hit.index + hit.words.length).split(/[.,;!?。，！？\n]/u)[0];
	if (spokenOrExample(hit, response, prompt, `${hit.words}${response.slice(hit.index + hit.words.length).split(/[.;!?。！？\n]/u)[0]}`)) return false;
	// "We are unable to offer refunds on sale items" is a policy; "we are not able to help with this" refuses.
	if (/^we\b/i.test(hit.words) && !weRefuse.test(`${hit.words}${rest}`)) return false;
	const transform = transformTask.test(prompt.user);
	// Asked to translate or rewrite a text that itself refuses: the answer's refusal is that text's.
	if (transform && promptRefuses()) return false;
	if (asksForDecline(prompt)) return refusesTheWriting.test(`${hit.words}${response.slice(hit.index + hit.words.length).split(/[.;!?。！？\n]/u)[0]}`);
	if (transform || composeTask.test(prompt.user) || composeTask.test(prompt.system)) {
		// The refusal's words and the rest of their clause must name the request, not the user's own life.
		if (rest.trim() !== '' && (!aboutRequest.test(`${hit.words}${rest}`) || everydayLife.test(`${hit.words}${rest}`))) return false;
	}

	return true;
}

/** The user turns (or prompt) that response number `which` answers, and the system prompt. */
export function promptOf(text: SampleText, which: number): Prompt {
	let user = '';
	let system = '';
	let seen = 0;
	let answered = false;
	for (const block of text.blocks) {
		if (seen < text.responses.length && isResponseTone(block.tone) && block.text === text.responses[seen]) {
			if (seen === which) break;
			seen++;
			answered = true;
		} else if (block.tone === 'user' || block.tone === 'prompt') {
			if (answered) user = '';
			answered = false;
			user += `${block.text}\n`;
		} else if (block.tone === 'system') {
			system += `${block.text}\n`;
		}
	}

	return {user, system};
}
