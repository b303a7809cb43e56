import {responseName, type SampleSignal} from './detector.js';
import {danglingLastWord, endsOnAParticle, looksCut} from './dangling-words.js';
import {cutJsonBlock} from './json-block.js';
import {cutListItem} from './list-items.js';
import {withoutMentions} from './special-token.js';
import {wordsOf} from './text.js';
import {unstoppedCut, unstoppedScript} from './unstopped-scripts.js';

const fence = /^[ \t]{0,3}(```|~~~)/gm;
const listOrTable = /^\s*(?:[-*+•]\s|\d+[.)]\s|#|\||>)/;
/** A URL or a path at the end of the line ("…/downloads/", "C:\\Users\\", "@handle"): its ending is no cut. */
const urlOrPath = /(?:https?:\/\/|www\.|(?:^|\s)[~.]?\/[\w.-]+\/|(?:^|\s)[\w-]+(?:\.[\w-]+)+\/|[A-Za-z]:\\|\\\\|@)\S*$/;
/** A hashtag at the end ("… #appupdate", "#tbt #summer"): a post's tags close it. */
const hashtagEnd = /(?:^|\s)#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*$/u;

/** Whether a last line ends on a hashtag: its "#" looked for first (the pattern, anchored at the end, is tried at every place in the line). */
export function endsOnAHashtag(lastLine: string): boolean {
	return lastLine.includes('#') && hashtagEnd.test(lastLine);
}
/** A last line that is a label and what it names: "Further reading: The Design of Everyday Things by Don Norman, 2013". */
const labelled = /^\s*(?:[-*•]\s+)?(\p{Lu}[\p{L}'’ ]{1,30}?)\s*[:：]\s+(\S.*)$/u;
const referenceLabels = /^(?:sources?|references?|further reading|recommended reading|suggested reading|see also|read more|learn more|more info(?:rmation)?|more details|citations?|cited|credits?|via|tags|hashtags|keywords|bibliography|related|links?|website|author|title|photo|image|book|album|film|movie|contact|email|phone|address|location|date|price|genre|category|quelle|quellen|siehe auch|fuente|fuentes|véase también|voir aussi|sources)$/iu;

/**
 * The answer ends on a label and a title or reference rather than a sentence: a reference label (Source:, See
 * also:, Further reading:), or a value written as a title (most of its words capitalised or numbers), after
 * other lines. "Note: the server restarts at nigh" is a sentence after a label, and still judged.
 */
function referenceLine(lastLine: string, text: string): boolean {
	// The label's colon first: most last lines have none, and the pattern costs far more than looking for it.
	if (!lastLine.includes(':') && !lastLine.includes('：')) return false;
	const match = labelled.exec(lastLine);
	if (!match || match[1]!.trim().split(/\s+/).length > 4) return false;
	if (referenceLabels.test(match[1]!.trim())) return true;
	const words = match[2]!.split(/\s+/).filter(word => /[\p{L}\p{N}]/u.test(word));
	const titled = words.filter(word => /^[\p{Lu}\p{N}]/u.test(word)).length;
	return text.includes('\n') && words.length >= 2 && titled * 2 > words.length;
}

/** A list item with nothing after its marker: "2.", "-", "•", "c)". */
const emptyListItem = /^\s*(?:\d{1,3}[.)]|[a-z][.)]|[-*+•])$/;
/** A rule (---, ***, ___) ends a section, not a sentence. */
const rule = /^\s*(?:-{3,}|\*{3,}|_{3,})$/;
const codeStatement = /^(?: {4}|\t)|[={}]|[\w\]]\([^()]*\);$|^\s*(?:SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|WITH|GRANT|BEGIN|COMMIT|let|const|var|return|import|export|int|char|float|double|void|use|using|package|echo|printf|console\.)\b/;

/** Why a response looks cut off, or undefined. */
export function cutReason(response: string, words: number, minWords: number): string | undefined {
	const fences = response.includes('```') || response.includes('~~~') ? response.match(fence)?.length ?? 0 : 0;
	if (fences % 2 === 1) return 'a code block is left open';
	const trimmed = beforeALeak(response.trimEnd());
	// An answer of punctuation alone ("—", "...") says nothing: empty reports it, as one signal is enough.
	if (trimmed === '' || !meaningful.test(trimmed)) return undefined;
	const last = trimmed.at(-1)!;
	const lastLine = trimmed.slice(trimmed.lastIndexOf('\n') + 1);
	// A comma or semicolon after the URL is the list or the JSON object going on: that is a cut.
	if ((/[/\\@]/.test(lastLine) && !/[,;]$/.test(lastLine) && urlOrPath.test(lastLine)) || rule.test(lastLine) || endsOnAHashtag(lastLine) || referenceLine(lastLine, trimmed)) return undefined;
	if (emptyListItem.test(lastLine) && /\n/.test(trimmed)) return 'it ends on a list item with nothing in it';
	if (last === ':' || last === '：') return 'it ends on a colon: what it announces is missing';
	// A statement of code ends on ";" ("SELECT a FROM t WHERE x > 1;", "x = f(y);"): not a sentence left open.
	if (last === ';' && codeStatement.test(lastLine)) return undefined;
	// Greek asks with ";" (U+037E, which NFKC and many writers make ";"): after Greek words it ends a question.
	if (last === ';' && greekBefore.test(trimmed.slice(-16, -1))) return undefined;
	if (midSentenceMarks.has(last)) {
		// "well-" or "and/" or "such as (" or "главное —" or "باختصار،": a sentence that was not finished.
		return `it ends with "${last}" mid-sentence`;
	}

	// Structures are judged on the end of the response (a table's rows or CSV's, a JSON value's braces).
	const end = trimmed.length > 4000 ? trimmed.slice(-4000) : trimmed;
	const structure = openStructure(end) ?? (lastLine.includes('|') ? cutTableRow(end) : undefined) ?? (lastLine.includes(',') || (end.includes(',') && /,[^\n]*\n[^\n,]{1,40}$/.test(end)) ? shortCsvRow(end) : undefined) ?? (last === '`' || last === '~' ? cutJsonBlock(trimmed) : undefined);
	if (structure !== undefined) return structure;
	const math = last === '$' ? undefined : openMath(end);
	if (math !== undefined) return math;
	// A combining mark is part of its word (Hindi "…महत्वपू" ends on the vowel sign "ू"); an emoji's (❤️, 1️⃣) is not.
	if ((!/[\p{L}\p{N}]/u.test(last) && !endsOnAMarkedLetter(trimmed)) || heading.test(lastLine)) return undefined;
	if (last === '니' && koreanVerbCut(trimmed)) return `it ends mid-word, inside a verb's ending ("…${trimmed.slice(-2)}")`;
	const lastWord = /[\p{L}\p{M}]$/u.test(trimmed) && words >= 4 ? danglingLastWord(trimmed) : undefined;
	if (lastWord !== undefined) return `it ends mid-sentence on "${lastWord}"`;
	const reason = unclosedEnd(trimmed, lastLine, words, minWords) ?? openCjkSentence(trimmed, lastLine);
	return reason === undefined || wholeEnding(trimmed, lastLine) ? undefined : reason;
}

/** Why a response that ends in a letter or digit looks cut: a last list item or sentence left unfinished. */
function unclosedEnd(trimmed: string, lastLine: string, words: number, minWords: number): string | undefined {
	if (listOrTable.test(lastLine)) {
		const cut = listItem.test(lastLine) ? cutListItem(trimmed) : undefined;
		return cut === undefined || closing.test(lastSentence(lastLine)) ? undefined : cut;
	}

	const sentence = lastSentence(lastLine);
	if (closing.test(sentence) || (attribution.test(sentence) && wordsOf(sentence).length <= 12)) return undefined;
	// Arabic script, Thai and Lao often leave the last stop off: open only on a word no sentence ends on (unstopped-scripts.ts).
	if (unstoppedScript(trimmed)) return unstoppedCut(trimmed, lastLine);
	// Chinese and Japanese often leave the last 。 off: open only on a word that joins the clause to more (below).
	if (cjkEnd.test(lastLine) && !openClauseEnd(lastSentence(lastLine))) return undefined;
	const lineWords = wordsOf(lastLine).length;
	// Lines written without stops (a plan of "Tuesday: easy run of 5 km" lines, a poem): the last one's
	// missing stop is the text's style, not a cut (a last word no sentence ends on is found above).
	if (unstoppedLines(trimmed)) return undefined;
	if (words >= minWords && lineWords >= 8) return 'it ends mid-sentence, with no closing punctuation';
	if ((words >= minWordsAfterSentence || unspacedLetters(trimmed) >= minWordsAfterSentence * 2) && endsAfterASentence(lastLine)) {
		return 'it ends mid-sentence: the last sentence has no closing punctuation';
	}

	if (lineWords >= minWordsAfterSentence && unfinishedSentence(trimmed) && looksCut(wordsOf(lastLine).at(-1)!)) return `it ends mid-word ("…${wordsOf(lastLine).at(-1)!}")`;
	return undefined;
}

const listItem = /^\s*(?:[-*+•]|\d{1,3}[.)])\s/;

/** Whether three lines or more come before the last, and three in four of them end on a letter or digit, without a stop. */
function unstoppedLines(text: string): boolean {
	const lines = text.split('\n').map(line => line.trimEnd()).filter(line => line.trim() !== '');
	const before = lines.slice(0, -1);
	if (before.length < 3) return false;
	const open = before.filter(line => /[\p{L}\p{N}]$/u.test(line)).length;
	return open >= before.length * 0.75;
}

const heading = /^\s{0,3}#{1,6}\s/;

function endsOnAMarkedLetter(text: string): boolean {
	return /\p{M}/u.test(text.at(-1)!) && !/[\uFE0F\u20E3]/.test(text.at(-1)!) && /[\p{L}\p{N}]/u.test(text.slice(-8).replace(/\p{M}+$/u, '').at(-1) ?? '');
}

/**
 * A leaked end-of-text token or role line at the end, with at most a short line after it ("…digits.<|endoftext|>
 * Human: thanks", "###Response:" and the answer again): the answer is what comes before it (special-token
 * reports the leak). A token written about, as special-token.ts tells it (in quotes or code, HTML's <s>…</s>,
 * named as a token), after a colon, or with the sentence going on in lower case after it, is no leak.
 */
const leak = /<\|[A-Za-z_][\w.-]{0,30}\|>|<｜[^｜\n]{1,30}｜>|<\/s>|<eos>|<end_of_turn>|\[\/?INST\]|(?:^|\n)[ \t]*#{2,3}[ \t]*(?:Response|Instruction|Input|Human|Assistant)[ \t]*:/g;

function beforeALeak(text: string): string {
	// From the start of the line the last 200 characters begin in (at most 2,000 before the end): a tail cut inside
	// inline code (`<|im_start|>user\nHello<|im_end|>`) would pair its backticks wrongly and read a mentioned token as a leak.
	let tail = text.length > 200 ? text.slice(Math.max(text.lastIndexOf('\n', text.length - 200) + 1, text.length - 2000)) : text;
	if (!tail.includes('|>') && !tail.includes('</s>') && !tail.includes('INST]') && !tail.includes('##') && !tail.includes('<eos>') && !tail.includes('<end_of_turn>') && !tail.includes('｜>')) return text;
	tail = withoutMentions(tail);
	const leaks: RegExpExecArray[] = [];
	leak.lastIndex = 0;
	for (let match = leak.exec(tail); match; match = leak.exec(tail)) leaks.push(match);
	const last = leaks.at(-1);
	if (!last) return text;
	const before = tail.slice(0, last.index);
	const after = tail.slice(last.index + last[0].length).trim();
	// Words in lower case after it go on with the sentence that names it ("…between [INST] and [/INST] markers so the model…").
	if (after.length > 100 || after.includes('\n') || /^\p{Ll}/u.test(after) || /:\s*$/.test(before)) return text;
	// A leaked turn opened before it on the same line ("…other side. [INST] tell me another [/INST]"): the answer ends before the turn's opening.
	let at = last.index;
	for (let index = leaks.length - 2; index >= 0; index--) {
		const opening = leaks[index]!;
		const between = tail.slice(opening.index + opening[0].length, at);
		if (!turnOpening.test(opening[0]) || between.length > 200 || between.includes('\n')) break;
		at = opening.index;
	}

	// A run of tokens ("<|eot_id|><|start_header_id|>assistant<|end_header_id|>") is cut before its first.
	let cut = text.slice(0, text.length - tail.length + at).trimEnd();
	for (let more = leakAtEnd.exec(cut); more; more = leakAtEnd.exec(cut)) cut = cut.slice(0, more.index).trimEnd();
	return cut;
}

/** A leaked token that opens a user's turn: what follows it up to the last leak is the turn, not the answer. */
const turnOpening = /^(?:\[INST\]|<\|im_start\|>|<\|start_header_id\|>|<\|user\|>|<\|endoftext\|>|<\/s>|<\|eot_id\|>|<\|im_end\|>)$/;

const leakAtEnd = /(?:<\|[A-Za-z_][\w.-]{0,30}\|>|<｜[^｜\n]{1,30}｜>|<\/s>|<eos>|<end_of_turn>|<start_of_turn>)[ \t]*(?:assistant|user|system|model|human|gpt)?$/;

/**
 * Endings that look unfinished but are whole: a separable particle or a phrasal verb ("Ruf an", "log in"),
 * a sentence-final particle (…など), a constant or placeholder in capitals (INSERT_LINK_HERE, NASA), an emoji
 * whose bytes were misread ("…small wins ðŸ˜Š", mojibake reports it), or a loop of one short unit (的的的…,
 * repetition reports it).
 */
function wholeEnding(text: string, lastLine: string): boolean {
	const lastToken = lastLine.slice(Math.max(lastLine.lastIndexOf(' '), lastLine.lastIndexOf('\t')) + 1);
	if (/^[\p{Lu}\p{N}_]*\p{Lu}[\p{Lu}\p{N}_]+$/u.test(lastToken) || misreadEmoji.test(lastToken)) return true;
	if (new Set(text.slice(-16)).size <= 8 && /(.{1,8}?)\1{7,}$/su.test(text.slice(-120))) return true;
	if (sentenceFinal.test(lastLine)) return true;
	return endsOnAParticle(text);
}

/**
 * English words and phrases that close a clause, and hardly ever stand where a cut falls: "…which should print
 * v20 or later", "…and try again", "…for now". A cut at a random word lands on one of them rarely; a sentence
 * whose full stop was left off ends on one often.
 */
const sentenceFinal = /\b(?:or (?:later|newer|higher|above|more|so|less|fewer|below|earlier)|and (?:up|above|later|more)|as well|at all|for now|for free|for good|by default|if (?:needed|necessary|possible|so|not|any)|in advance|instead|afterwards?|again|anymore|anyway|either|too|later|already|today|tonight|tomorrow|yesterday|soon|together|online|offline|overnight|nearby|enough|alone|forever|yet|ago)$/i;

/** A 4-byte emoji (F0 …) or a 3-byte symbol (E2 …) read as Windows-1252: "ðŸ˜Š", "â˜€ï¸". */
const high = '\u0080-\u00BF€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const misreadEmoji = new RegExp(`[ðâ][${high}]{2,}(?:ï[${high}]{1,2})*$`, 'u');

/**
 * A short answer written as one sentence (a capital or a script without case at its start, a lower-case
 * word or one of a script without case at its end) that never closes, on a word of three letters or fewer
 * that no list knows: "The best way to cook rice is to rinse it first and then add wat". A headline
 * ("The benefits of regular exercise for mental health") ends on a whole word; a title is in title case.
 */
function unfinishedSentence(text: string): boolean {
	if (/[\n.!?;:…。！？।؟]/.test(text) || !/^[\p{Lu}\p{Lo}]/u.test(text) || !/[\p{Ll}\p{Lo}\p{M}]$/u.test(text)) return false;
	if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u.test(text)) return false;
	const capitalised = text.match(/(?:^|\s)\p{Lu}/gu)?.length ?? 0;
	const spaced = text.split(/\s+/).length;
	return capitalised * 2 <= spaced;
}

/**
 * Code or JSON written without a fence that stops inside a structure: more { than } (or [ than ]) after
 * the last closed code block, strings skipped, and the text not ending a sentence.
 */
function openStructure(text: string): string | undefined {
	if (/[.!?]$/.test(text) || !text.includes('{')) return undefined;
	const fenceEnd = text.lastIndexOf('```');
	const tail = (fenceEnd === -1 ? text : text.slice(fenceEnd + 3)).replace(/`[^`\n]*`/g, '');
	if (!tail.includes('{')) return undefined;
	let braces = 0;
	let brackets = 0;
	let inString = false;
	for (let at = 0; at < tail.length; at++) {
		const character = tail[at];
		if (inString) {
			if (character === '\\') at++;
			else if (character === '"' || character === '\n') inString = false;
			continue;
		}

		if (character === '\\') at++; // \{ in LaTeX or a regex is a character, not a structure
		else if (character === '"') inString = true;
		else if (character === '{') braces++;
		else if (character === '}') braces = Math.max(0, braces - 1);
		else if (character === '[') brackets++;
		else if (character === ']') brackets = Math.max(0, brackets - 1);
	}

	if (braces > 0) return 'a { is left open (code or JSON cut off)';
	return brackets > 0 && inString ? 'a [ is left open (code or JSON cut off)' : undefined;
}

/**
 * LaTeX maths left open in the last paragraph: a `$`, `$$`, `\(` or `\[` with no closer after it, and what follows it
 * reads as maths — a command (`\frac`, `\cdot`), a power or a subscript, or "=" where the text has closed maths
 * before ("Using $\frac{n(n+1)}{2}$ … gives $\frac{100 \cdot 101}{2} = 50"), in a few words with no sentence end. Code is
 * left out; a price ("costs $5, and the formula is x^2") and a shell variable (`${HOME}`) hold no maths.
 */
function openMath(text: string): string | undefined {
	if (!text.includes('$') && !text.includes('\\(') && !text.includes('\\[')) return undefined;
	const paragraph = text.slice(text.lastIndexOf('\n\n') + 1).replace(/```[^]*?```|`[^`\n]*`/g, ' ');
	let open: {closer: string; at: number} | undefined;
	let closedMath = false;
	for (const delimiter of paragraph.matchAll(/\\\$|\$\$|\$(?!\{)|\\[()[\]]/g)) {
		const mark = delimiter[0];
		if (mark === '\\$') continue;
		if (open === undefined) {
			if (mark === '$' || mark === '$$') open = {closer: mark, at: delimiter.index + mark.length};
			else if (mark === '\\(' || mark === '\\[') open = {closer: mark === '\\(' ? '\\)' : '\\]', at: delimiter.index + mark.length};
		} else if (mark === open.closer) {
			closedMath ||= mathy.test(paragraph.slice(open.at, delimiter.index));
			open = undefined;
		}
	}

	if (open === undefined) return undefined;
	const span = paragraph.slice(open.at);
	// Maths, not prose after a price ("costs $5, and the formula is x^2"): a price's $ needs a command after it, and the span holds few plain words and no sentence end.
	const plainWords = span.match(/(?<![\\\p{L}])\p{L}{3,}/gu)?.length ?? 0;
	if (plainWords > 4 || /[.!?]\s+\p{Lu}/u.test(span) || (open.closer === '$' && /^\s*\d/.test(span) && !/\\[A-Za-z]{2,}/.test(span))) return undefined;
	const isMaths = mathy.test(span) || (closedMath && /=/.test(span));
	return isMaths && /\S/.test(span) ? `a maths expression (${open.closer === '$$' ? '$$' : open.closer === '$' ? '$' : open.closer === '\\)' ? '\\(' : '\\['}…) is left open` : undefined;
}

/** What reads as LaTeX maths: a command, a power or a subscript. */
const mathy = /\\[A-Za-z]{2,}|[\^_]\{?[\w\\]/;

/** A Korean polite ending ㅂ니다 / 습니다 cut after its 니 ("…방문합니", "…있습니"): 니 after a syllable that ends in ㅂ, after a sentence or two of Hangul. */
function koreanVerbCut(text: string): boolean {
	const before = text.charCodeAt(text.length - 2) - 0xac00;
	return before >= 0 && before < 11172 && before % 28 === 17 && (text.match(/[\uAC00-\uD7AF]/g)?.length ?? 0) >= 8;
}

/** Cells of a Markdown table row. */
function cells(row: string): number {
	return row.trim().replace(/^\||\|$/g, '').split('|').length;
}

/** A Markdown table whose last row stops short: fewer cells than the header, or no closing | where the other rows have one. */
function cutTableRow(text: string): string | undefined {
	const lines = text.split('\n');
	const last = lines.at(-1)!.trim();
	const previous = lines.at(-2)?.trim();
	if (!last.startsWith('|') || !previous?.startsWith('|')) return undefined;
	let header = lines.length - 2;
	while (header > 0 && lines[header - 1]!.trim().startsWith('|')) header--;
	const shortOfCells = cells(last) < cells(lines[header]!);
	return shortOfCells || (previous.endsWith('|') && !last.endsWith('|')) ? 'the last table row is cut off' : undefined;
}

/** Greek letters, or Greek read as Windows-1252 (Î±, Ïƒ: mojibake reports that), before a final ";". */
const greekBefore = /\p{Script=Greek}|[ÎÏ][^\s]/u;

/**
 * Chinese or Japanese prose that uses sentence punctuation (，。、) but has none at its end: "…以外滩的天际线
 * 闻名，同时也是重要的". The last clause is long enough to be one (a list of names joined by 、 is not).
 */
function openCjkSentence(text: string, lastLine: string): string | undefined {
	if (!/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u.test(text) || listOrTable.test(lastLine) || heading.test(lastLine)) return undefined;
	const clauses = lastLine.split(/[，,、。！？；]/u);
	if (clauses.length < 2 || unspacedLetters(lastLine) < 20) return undefined;
	const clause = clauses.at(-1)!.trim();
	if (/\s/.test(clause) || !openClauseEnd(clause)) return undefined;
	return 'it ends mid-sentence: the last clause has no closing punctuation and ends on a word that joins it to more';
}

/*
Chinese and Japanese answers often leave the last 。 off: a clause that ends on a noun or on 的 ("…和强化学习",
"…是基于Transformer构建的") may well be whole. Only a clause that ends on a word that joins it to what must
follow is open: a conjunction (和, 与, 或, 以及, 而且, 但是, 因为, 如果…), a preposition (关于, 对于), Japanese であり,
ており, ので, を, の or に after a noun, and 的 in a clause with no 是 or 会 (是…的 and 会…的 close a sentence;
"具有很高的" waits for its noun). Words that end in one of them but are whole (暖和, 参与) are not.
*/
const cjkEnd = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u;
const openEndings = ['的是', 'のは', '为了', '為了', '除了', '以及', '而且', '并且', '並且', '但是', '可是', '因为', '因為', '由于', '由於', '所以', '因此', '如果', '假如', '虽然', '雖然', '尽管', '儘管', '即使', '或者', '以便', '关于', '關於', '对于', '對於', '包括', '比如', '例如', '和', '与', '與', '或', '及',
	'であり', 'ており', 'ていて', 'ので', 'および', 'ならびに', 'を',
	// A verb that needs what follows ("…很多行业都需要", "…社会に出てから"), not one that closes ("如有需要", "不需要").
	'需要', '能够', '能夠', '使得', '导致', '導致', '用于', '用於', '在于', '在於', '属于', '屬於', '来自', '來自',
	'てから', 'でから'];
const wholeWords = ['暖和', '温和', '溫和', '平和', '缓和', '緩和', '总和', '總和', '饱和', '飽和', '调和', '調和', '共和', '柔和', '祥和', '随和', '隨和', '谦和', '謙和', '附和', '讲和', '講和', '中和', '人和', '参与', '參與', '给与', '給與', '赋与', '授与', '来不及', '來不及', '不及', '涉及', '普及', '波及', '危及', '顾及', '提及', '触及', '遍及', '惠及', '企及', '殃及', '或或',
	'有需要', '不需要', '的需要', '若需要', '如果需要', '根据需要', '根據需要', '按需要', '按照需要', '视需要', '視需要', '所需要', '更需要', '最需要', '真需要', '确实需要', '確實需要', '不在于', '不在於', '无需要'];

function openClauseEnd(clause: string): boolean {
	// 的 closes 是…的 and 会…的 ("都是基于Transformer构建的"); without them it waits for its noun ("具有很高的").
	if (clause.endsWith('的')) return !/[是會会]/u.test(clause) && [...clause].length >= 4;
	// Japanese particles after a noun wait for what follows: の, に (誤り訂正の, 季節ごとに), と, や (装備と), が, へ, で, は (その理由は).
	if (/(?:[\p{Script=Han}\p{Script=Katakana}ー]|ごと)[のにとやがへでは]$/u.test(clause)) return !/(?:今日|今晩)は$/u.test(clause);
	// A Japanese verb cut inside its polite ending or stem: "…できま", "…ありまし", "…ことができ", "…くださ", "…ござ".
	if (japaneseVerbCut.test(clause)) return true;
	return openEndings.some(ending => clause.endsWith(ending)) && !wholeWords.some(word => clause.endsWith(word));
}

/**
 * The polite ending ます / ました cut after its ま (after a verb stem: a kanji or a kana of the i- or e-row, so
 * 様's さま, 頭 あたま and 車 くるま are whole), できる cut to でき (after が, も, は, に, と), ください to くださ, ございます to ござ(いま).
 */
const japaneseVerbCut = /(?:[\p{Script=Han}いきしちにひみりぎじびぴえけせてねへめれげぜでべぺ]まし?|[がもはにと]でき|くださ|ござ(?:いま)?)$/u;

/** CSV whose last row has fewer fields than every row before it (at least two of them, the same count). */
function shortCsvRow(text: string): string | undefined {
	const lines = text.split('\n').slice(-50);
	const last = lines.at(-1)!;
	if (lines.length < 3) return undefined;
	// A row cut before its first comma is a name or two ("Italy"), not a sentence after the table.
	if (!last.includes(',') && (!/^[\p{L}\p{N}"' .-]+$/u.test(last.trim()) || last.trim().split(/\s+/).length > 3 || closing.test(last.trim()) || lines.at(-2)!.trimEnd().endsWith(','))) return undefined;
	const fields = (line: string) => (line.split(',').every(field => field.length <= 40) ? line.split(',').length : -1);
	let rows = 0;
	for (let index = lines.length - 2; index >= 0 && lines[index]!.includes(',') && !/[.!?:]\s*$/.test(lines[index]!); index--) {
		if (fields(lines[index]!) !== fields(lines.at(-2)!) || fields(lines[index]!) < 2) return undefined;
		rows++;
	}

	return rows >= 2 && fields(last) < fields(lines.at(-2)!) ? 'the last CSV row has fewer fields than the others' : undefined;
}

/** "well-", "and/", "such as (", an em dash, a comma (Latin, Arabic, full-width, ideographic), a semicolon: no sentence ends there. */
const midSentenceMarks = new Set([',', '(', '-', '–', '—', '&', '/', '،', '，', '、', ';', '；', '؛']);

/** Fewer words than this: a short answer ("Sure. Paris") may well end without a full stop. */
const minWordsAfterSentence = 10;

// A full stop, question or exclamation mark that ends a sentence: followed by space in spaced scripts
// (not an abbreviation such as "e.g." or "Dr." nor a decimal point), or the ideographic ones anywhere.
const sentenceEnd = /(?<!\b(?:e\.g|i\.e|etc|vs|dr|mr|mrs|ms|st|no|fig|approx|cf|p|pp|vol|ch|sec|inc|ltd|jr|sr|[A-Z]))[.!?؟।](?=\s+\S)|[。！？]/gi;

/**
 * The line goes on, in letters or digits, after a sentence that was closed: "…ignore it entirely. Thi",
 * "…能量的上限。初学者最容易忽". Complete answers end their last sentence as they ended the others.
 */
function endsAfterASentence(line: string): boolean {
	const after = lastSentenceStart(line);
	return after > 0 && /\p{L}/u.test(line.slice(after));
}

/** Where the line's last sentence starts: after the last sentence end, or 0. */
function lastSentenceStart(line: string): number {
	sentenceEnd.lastIndex = 0;
	let after = 0;
	for (let match = sentenceEnd.exec(line); match; match = sentenceEnd.exec(line)) after = match.index + match[0].length;
	return after;
}

function lastSentence(line: string): string {
	return line.slice(lastSentenceStart(line)).trim();
}

/** Sign-offs often written without a full stop: "…Hope this helps! Happy coding". */
const closing = /^(?:happy \p{L}+|good luck|best of luck|cheers|enjoy|have fun|thanks|thank you|take care|all the best|best wishes|stay safe|bon app[ée]tit|(?:i )?hope (?:this|that|it) helps|let me know|feel free|(?:best |kind |warm )?regards|sincerely|good night|see you|talk soon)(?: [\p{L}' ]{0,40})?$/iu;

/** A signature or attribution after the last sentence: "— your friendly assistant", "– Mark Twain", "~ Anna". */
const attribution = /^(?:[—–―~]|--)\s*[\p{L}\p{N}]/u;

/** What an answer says something with (as empty.ts has it): one with none is empty, not cut. */
const meaningful = /[\p{L}\p{N}\p{So}\p{Sm}\p{Sc}]/u;

const unspacedLetter = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/gu;

function unspacedLetters(text: string): number {
	return text.match(unspacedLetter)?.length ?? 0;
}

/**
 * Cut off: finish_reason "length" in the sample, or a response that ends inside an unclosed code
 * fence, on a comma or a word no sentence ends on ("the", "and"), or, for a response of some length,
 * on a long line of prose with no closing punctuation.
 */
export const truncated: SampleSignal = {
	name: 'truncated',
	make(config) {
		return text => {
			if (text.stoppedAtLength) return 'truncated: the generation stopped at its length limit (finish_reason "length")';
			for (const [index, response] of text.responses.entries()) {
				// A reasoning cut short before a whole answer is not a cut sample: the answer is what is judged.
				if (text.responseKinds[index] === 'reasoning') continue;
				const reason = cutReason(response, text.tokens(response).count, config.truncated.minWords);
				const name = responseName(text, index);
				if (reason) return `truncated: ${name === 'the response' ? reason : reason.startsWith('it ') ? `${name} ${reason.slice(3)}` : `${reason} in ${name}`}`;
			}

			return undefined;
		};
	},
};
