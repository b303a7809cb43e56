import {alternation, quote, responseName, type SampleSignal} from './detector.js';
import {ignoredTokens, withoutOwnMarkup} from './special-token-markup.js';

/*
Leaked template or control tokens: the token list, any `<|name|>` or `<｜name｜>` token and T5's
`<extra_id_N>` anywhere in the content; BERT's [CLS] / [SEP] at a block's start or end, or any two of
[CLS] [SEP] [MASK] [PAD] [UNK] side by side; role prefixes ("Human:", "### Response:") at the start of
a line of a response (the spaces in a prefix may be left out or doubled: "###Response:"), except in a
closed code fence, where a transcript is an example.
A token that is written about is a mention, not a leak:
- inside a closed code fence or inline code (`<s>` in an HTML answer, a Llama prompt string in Python);
- in double quotes or guillemets ("<|im_start|>", “</s>”, «[INST]»), or right inside single ones ('<s>');
- outside a response, in a sentence that asks about it ("What does <|im_start|> mean?"), and in a
  response, a token the prompt holds too (the answer to "Explain the </s> token.");
- named as a token by the words beside it: "the [INST] tag", "a </s> token", "<<SYS>> markers", "the
  token <|eot_id|>", "special tokens such as <|im_start|> and <|im_end|>", an HTML element or attribute
  ("The <s> element renders…", "the <s> HTML tag");
- `<s>words</s>` on one line: HTML strike-through (a stray </s> after it still counts).
A fence left open is no mention: a generation that ran on past its end often leaks a token there.
*/

const closedFence = /^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?^[ \t]{0,3}\1[ \t]*$/gm;
const inlineCode = /`[^`\n]+`/g;
/** Double quotes around a short span; single quotes only right around a token (an apostrophe pairs with anything). */
const quoted = /"[^"\n]{1,80}"|“[^”\n]{1,80}”|«[^»\n]{1,80}»|['‘][<[][^'’\s]{1,30}[>\]]['’]/g;
const htmlStrike = /<s>([^<>\n]{1,200})<\/s>/g;
/** A sentence that ends in a question mark. */
const question = /[^.!?\n]*\?/g;

const bertToken = String.raw`\[(?:CLS|SEP|MASK|PAD|UNK)\]`;
// Sequence tokens in brackets at a block's start or end: "[CLS] …", "… [SEP]", "Nairobi is the capital. [EOS]", "… <eot>".
const bert = new RegExp(String.raw`^\s*(?:\[(?:CLS|SEP|BOS|cls|sep|bos)\])|(?:\[(?:CLS|SEP|EOS|EOT|EOD|PAD|eos|eot|eod|pad)\]|<(?:EOS|EOT|EOD|eot|eod|pad|PAD|sep|SEP|cls|CLS)>)\s*$|${bertToken}\s*${bertToken}`);

const blank = (part: string) => ' '.repeat(part.length);
/** Blanks keeping line breaks, so that what follows a blanked fence still starts a line. */
const blankKeepingLines = (part: string) => part.replace(/[^\n]/g, ' ');

/** Words that name what a token is; case as in a sentence ("Tokens" too); an HTML element or attribute in lower case only ("The <s> element renders…", not "<s> Elements of style"). */
const tokenNoun = String.raw`(?:(?:(?:[Ss]pecial|HTML|html)[ \t]+)?(?:[Tt]ags?|[Tt]okens?|[Mm]arkers?|[Dd]elimiters?|elements?|attributes?)\b|标记|標記|标签|標籤|令牌|词元|詞元|トークン|タグ|토큰|태그|(?:токен|тег|маркер)\p{L}{0,2}|(?:Tokens?|Markierung(?:en)?|jetons?|etiquetas?|marcadores?)\b)`;

/** Tokens the words beside them name as tokens: "the [INST] tag", "[INST] and [/INST] tags", "special tokens such as <s>". */
function namedTokens(token: string): RegExp {
	const list = String.raw`${token}(?:[ \t]*(?:,|\/|,?[ \t]*\b(?:and|or)\b)[ \t]*${token})*`;
	// In a script without spaces or a language other than English, a token between two of its words is one
	// named in a sentence ("模型的回答写在 [/INST] 之后。", "ответ модели идёт после [/INST] в шаблоне").
	const otherScript = String.raw`[^\P{L}\p{Script=Latin}]`;
	return new RegExp(String.raw`${list}(?:[ \t]+|-)${tokenNoun}|(?<![\p{L}\p{N}])${tokenNoun}[ \t]+(?:(?:like|such as|as|e\.g\.,?|called|named)[ \t]+)?${list}|(?<=${otherScript}[ \t])${list}(?=[ \t]?${otherScript})|(?<=${otherScript})${list}(?=[ \t]${otherScript})`, 'gu');
}

/** Any token of the default shapes (`<|name|>`, `<｜name｜>`, `</s>`, `[INST]`, `<<SYS>>`, …), for namedTokens. */
const anyToken = String.raw`<\|[A-Za-z_][\w.-]{0,30}\|>|<｜[^｜\n]{1,30}｜>|<\/?(?:s|eos|bos|pad|unk|end_of_turn|start_of_turn)>|\[\/?(?:INST|SYSTEM_PROMPT|TOOL_CALLS|TOOL_RESULTS)\]|<<\/?SYS>>|${bertToken}`;
const anyNamed = namedTokens(`(?:${anyToken})`);

/**
 * Words of a sentence that explains tokens: "ChatML wraps every message in special tokens: <|im_start|> opens a
 * turn…", "A tokenizer may add <bos> at the start…", "Llama 3 ends each turn with <|eot_id|>, so…".
 */
const explaining = /(?<![\p{L}])(?:tokens?|tokeni[sz]\p{L}*|templates?|chatml|special|markers?|delimit\p{L}*|separators?|(?:opens?|closes?|begins?|starts?|ends?|wraps?|marks?|terminates?|precedes?) (?:each|every|a|the|one) (?:turn|message|reply|response|prompt|sequence|conversation|segment)|(?:(?:at|to) )?the (?:start|end|beginning) of (?:the|a|each|every) (?:sequence|turn|message|text|prompt|input|output|document|reply|response)|(?:each|every) (?:turn|message)|(?:begins?|starts?|ends?|opens?|closes?) with|(?:opens?|closes?) (?:it|a turn|the turn)|plantillas?|modèles?|vorlagen?|шаблон\p{L}*)(?![\p{L}])|模板|模版|分隔符|结束符|結束符|开始符|テンプレート|区切り|템플릿|구분자/iu;

/**
 * A token inside a sentence that explains tokens: white space before it, a word of the same sentence before
 * that (not a token glued to a sentence's end: "…scattering.<|end|>", "北京是中国的首都<|im_end|>上海…"), and a word
 * that explains tokens in the sentence.
 */
function blankExplained(text: string, tokens: RegExp): string {
	let left = text;
	tokens.lastIndex = 0;
	for (let match = tokens.exec(text); match; match = tokens.exec(text)) {
		if (match[0] === '') {
			tokens.lastIndex++;
			continue;
		}

		const before = text.slice(Math.max(0, match.index - 200), match.index);
		if (!/[\p{L}\p{N},:;)]\s?[ \t]$/u.test(before) && !/(?:^|[ \t])(?:and|or|with|by|add|adds|like)[ \t]$/iu.test(before)) continue;
		const start = Math.max(before.search(/[^.!?。！？\n]*$/u), 0);
		const afterText = text.slice(match.index + match[0].length, match.index + match[0].length + 200);
		const end = afterText.search(/[.!?。！？\n]/u);
		const sentence = `${before.slice(start)} ${afterText.slice(0, end === -1 ? undefined : end)}`;
		if (explaining.test(sentence)) left = left.slice(0, match.index) + blank(match[0]) + left.slice(match.index + match[0].length);
	}

	return left;
}

const anyTokenEvery = new RegExp(anyToken, 'g');

/**
 * The text with what is written about tokens blanked out (same length, so match positions stay): code
 * (closed fences, inline code), quoted spans, HTML strike-through, tokens named as tokens ("the [INST] tag",
 * "special tokens such as <s>"), and, outside a response, questions. `named`: the tokens to look for named
 * (default: any of the usual shapes), and tokens in a sentence that explains them (`tokens`: the tokens to look for there). Shared with truncated.ts, for a token leaked at a response's end.
 */
export function withoutMentions(text: string, response = true, named: RegExp = anyNamed, tokens: RegExp = anyTokenEvery): string {
	let left = text;
	if (left.includes('`') || left.includes('~~~')) left = left.replace(closedFence, blank).replace(inlineCode, blank);
	if (/["“'‘«]/.test(left)) left = left.replace(quoted, blank);
	if (left.includes('<s>')) left = left.replace(htmlStrike, blank);
	if (!response && left.includes('?')) left = left.replace(question, blank);
	left = left.replace(named, blank);
	return /[ \t]</.test(left) || /[ \t]\[/.test(left) ? blankExplained(left, tokens) : left;
}

/**
 * A prompt that asks for lines spoken by roles: a dialogue, a script, a transcript, an interview, a role-play,
 * an example exchange or chat, few-shot examples (not Vicuna's system prompt, "A chat between a curious user
 * and an artificial intelligence assistant").
 */
const asksForDialogue = /(?<![\p{L}])(?:dialogues?|dialogs?|conversations?|scripts?|transcripts?|screenplay|role-?play|interview|chat log|skit|(?:example|sample|mock|demo|fake|fictional|illustrative|made-up)[ \t]+(?:[\p{L}-]+[ \t]+){0,2}?(?:exchanges?|interactions?|chats?|sessions?|turns?|q&a|threads?)|exchanges? between|few-?shot(?:[ \t]+(?:examples?|prompts?|demonstrations?))?|diálogo|dialogo|conversación|conversa|guion|guión|entretien|gespräch|drehbuch|rozmow\p{L}*|dialog\p{L}*|диалог\p{L}*|разговор\p{L}*|сценари\p{L}*)(?![\p{L}])|对话|對話|剧本|劇本|会話|対話|台本|대화|대본/iu;

/** A user's line at a line start in Chinese, Japanese or Korean, and the assistant's line after it (or before it). */
const cjkUser = String.raw`(?:用户|用戶|使用者|ユーザー|사용자)`;
const cjkAssistant = String.raw`(?:助手|助理|アシスタント|어시스턴트)`;
const cjkUserLine = new RegExp(String.raw`(?:^|\n)[ \t]*(?:\*\*)?${cjkUser}[ \t]*[:：]`);
const cjkTurns = new RegExp(String.raw`(?:^|\n)[ \t]*((?:\*\*)?${cjkUser}[ \t]*[:：])[^\n]*\n(?:[^\n]*\n){0,3}?[ \t]*(?:\*\*)?${cjkAssistant}[ \t]*[:：]|(?:^|\n)[ \t]*((?:\*\*)?${cjkAssistant}[ \t]*[:：])[^\n]*\n(?:[^\n]*\n){0,3}?[ \t]*(?:\*\*)?${cjkUser}[ \t]*[:：]`);

const templateHeading = /^[ \t]*#{2,3}[ \t]*(instruction|input|response|human|assistant|user|system)[ \t]*:/i;

/**
 * "### Response:" or "### Assistant:" in the middle of an answer, the template's only heading there, among
 * headings of the answer's own, is a section of a report ("### Summary:", "### Response:", "### Follow-up:"). It is a template's turn at the
 * answer's start or end, with another of the template's headings ("### Instruction:", "### Input:"), or
 * when it opens a new user turn ("### Instruction:", "### Human:").
 */
function sectionHeading(text: string, found: RegExpMatchArray): boolean {
	const heading = templateHeading.exec(found[0].replace(/^\n/, ''));
	if (!heading) return false;
	const role = heading[1]!.toLowerCase();
	if (role !== 'response' && role !== 'assistant') return false;
	if (text.slice(0, found.index).trim() === '' || text.slice(found.index! + found[0].length).trim() === '') return false;
	const lines = text.split('\n');
	const others = lines.map(line => templateHeading.exec(line)?.[1]?.toLowerCase()).filter(other => other !== undefined && other !== role);
	// …among headings of the report's own: a heading the template does not have is written around it.
	return others.length === 0 && lines.some(line => /^[ \t]{0,3}#{1,6}[ \t]+\S/.test(line) && !templateHeading.test(line));
}

/**
 * A quick test for the role prefixes: each ends on a character of its own ("Human:" on ":", "<|user|>" on ">")
 * that a text must hold to hold the prefix. Looking for those few characters costs far less than the
 * prefixes' pattern, which is tried at every line start. With a prefix of spaces alone, every text passes.
 */
export function lastCharacters(prefixes: readonly string[]): (text: string) => boolean {
	const ends = [...new Set(prefixes.map(prefix => prefix.trimEnd().at(-1)))];
	if (ends.some(end => end === undefined)) return () => true;
	return text => ends.some(end => text.includes(end!));
}

export const specialToken: SampleSignal = {
	name: 'special-token',
	make(config) {
		const tokens = alternation(config.specialToken.tokens);
		const token = `${tokens === '' ? '' : `${tokens}|`}<\\|[A-Za-z_][\\w.-]{0,30}\\|>|<｜[^｜\\n]{1,30}｜>|<extra_id_\\d{1,3}>`;
		const ignored = ignoredTokens(config.specialToken.ignoreTokens);
		const anywhere = new RegExp(token);
		const every = new RegExp(token, 'g');
		const named = namedTokens(`(?:${token}|${bertToken})`);
		const explainable = new RegExp(`(?:${token}|${bertToken}|<\\/?(?:s|eos|bos|pad|unk|end_of_turn|start_of_turn)>|\\[\\/?INST\\])`, 'g');
		// "### Response:" is also written "###Response:".
		const prefixes = alternation(config.specialToken.rolePrefixes).replaceAll(' ', '[ \\t]*');
		// A prefix may be set in bold: "**Assistant:** Sure!", "__User:__".
		const rolePrefix = prefixes === '' ? undefined : new RegExp(`(?:^|\\n)[ \\t]*(?:\\*\\*|__)?(?:${prefixes})`);
		const everyRolePrefix = prefixes === '' ? undefined : new RegExp(`(?:^|\\n)[ \\t]*(?:\\*\\*|__)?(?:${prefixes})`, 'g');
		const mayHoldPrefix = lastCharacters(config.specialToken.rolePrefixes);
		/** Quick test: every token starts with < or [ (a configured one may not: then always look). */
		const mayHold = config.specialToken.tokens.every(token => token.startsWith('<') || token.startsWith('[')) ? /[<[]/ : /[^]/;
		return text => {
			let asked: Set<string> | undefined;
			// Tokens the prompt holds: an answer about them names them ("Explain the </s> token." — "In many tokenizers, </s> is…").
			const askedAbout = () => (asked ??= new Set(text.blocks.filter(block => !text.responses.includes(block.text)).flatMap(block => block.text.match(every) ?? [])));
			for (const block of text.blocks) {
				if (block.untrained || !mayHold.test(block.text)) continue;
				const found = anywhere.exec(block.text) ?? bert.exec(block.text);
				if (!found) continue;
				const response = text.responses.includes(block.text);
				let left = withoutOwnMarkup(withoutMentions(block.text, response, named, explainable), response, ignored);
				if (response && askedAbout().size > 0) left = left.replace(every, part => (askedAbout().has(part) ? blank(part) : part));
				const match = anywhere.exec(left) ?? bert.exec(left);
				if (match) return `special-token: ${quote(match[0])} in ${block.label}`;
			}

			if (rolePrefix && everyRolePrefix) {
				let dialogue: boolean | undefined;
				for (const [index, response] of text.responses.entries()) {
					// A user's line and an assistant's line in Chinese, Japanese or Korean ("用户：…\n助手：…"), a pair: one alone may be a glossary's line.
					const turns = (response.includes('：') || response.includes(':')) && cjkUserLine.test(response) ? cjkTurns.exec(response) : null;
					if (turns) {
						dialogue ??= text.blocks.some(block => !text.responses.includes(block.text) && asksForDialogue.test(block.text));
						if (dialogue) break;
						const left = response.includes('`') || response.includes('~~~') ? response.replace(closedFence, blankKeepingLines) : response;
						const inLeft = cjkTurns.exec(left);
						if (inLeft) return `special-token: the role prefix ${quote((inLeft[1] ?? inLeft[2]).trim().replace(/^\*\*/, ''))} inside ${responseName(text, index).replace('the response', 'a response')}`;
					}

					if (!mayHoldPrefix(response) || !rolePrefix.test(response)) continue;
					// A dialogue, script or transcript the prompt asks for is written in role-prefixed lines.
					dialogue ??= text.blocks.some(block => !text.responses.includes(block.text) && asksForDialogue.test(block.text));
					if (dialogue) break;
					const left = response.includes('`') || response.includes('~~~') ? response.replace(closedFence, blankKeepingLines) : response;
					const match = [...left.matchAll(everyRolePrefix)].find(found => !sectionHeading(left, found));
					if (match) return `special-token: the role prefix ${quote(match[0].trim().replace(/^(?:\*\*|__)/, ''))} inside ${responseName(text, index).replace('the response', 'a response')}`;
				}
			}

			return undefined;
		};
	},
};
