import type {SignalConfig} from './config.js';
import {alternation, quote, responseName, type SampleSignal} from './detector.js';
import {holeWordsOf, isHoleNoun, namesAValue, startsLikeAHole} from './hole-words.js';
import {proseOf} from './prose.js';
import type {SampleText} from './types.js';

/*
Template holes left in a response, in any language (hole-words.ts holds the vocabulary):
- a bracket — [ ], 【 】, ［ ］, 〔 〕 — holding a short phrase (at most 7 words, no code characters) that
  starts with a hole's lead word and goes on ([Your Name], [Insert date], [Introduzca su nombre], [Ваше
  имя], [请输入姓名]), or mentions a placeholder ([PLACEHOLDER: add statistic], [TBD], [XX]), or names a
  kind of value ([Company Address], [Nombre de la empresa], [Имя], [कंपनी का नाम], 【客户姓名】) written as
  a hole is: capitalised, in a script without case, or in lower case ending on the noun ([company name];
  not an editorial [the company]). Not a hole: a bracket right after a word, ] or ) (code: users[name]),
  right before "(" or "[" (Markdown links), before "[/" (BBCode), with a digit in it ([Day 1]), a label
  with its value ([Source: Reuters]; [Date: TBD] is a hole), a UI
  element ("click [Add to cart]", "the [Name] field", "Press [Enter]", "Settings > [Your Account]"), a label at a line start with its
  value after a colon ([Name]: Ana), a checkbox, a citation ([1]) or an omission ([…]);
- "<your name here>", "<Insert date>", "<First Name>" (a phrase in angle brackets with a space, no
  markup characters), <PLACEHOLDER>; "(insert date)", "(your company name)" (a lead word and a kind of
  value in at most 5 words in parentheses);
- not a hole the response says to replace or fill in, wherever it stands ("replacing (name of your feature)
  with a short slug", "Ruby replaces #{total} with the value", "<your-name> gets replaced by…") anywhere in
  that paragraph, nor a
  variable inside a double-quoted string that code stands before (puts "Total: #{total}", msg = "Hi {name}");
- "[email protected]" (an address a web page hid, copied as it was shown), Lorem ipsum as filler ("Lorem
  ipsum dolor…", or alone on a line; an answer about lorem ipsum is not one), the configured phrases.
In the response's prose only (prose.ts: code blocks, inline code and code-like lines left out, where
`f"Hello {name}"`, `# TODO: refactor`, `%PATH%` and `{{ title }}` are ordinary): template variables
({{customer_first_name}}, {name}, <CITY>, <FIRST_NAME>, %NAME%, %COMPANY_NAME%), Japanese blanks (〇〇様,
○○株式会社; not the numeral in 二〇〇〇年), a fill-in blank (Signed, ________), a note left for the writer
(TODO: add the figures, FIXME, TBD) and masked values (XXX, XXX-XXX-XXXX, XX/XX/XXXX).
*/
// After an ASCII word character it is code (users[name]); Chinese and Japanese put a hole right after a word (敬爱的【客户姓名】).
const opening = String.raw`(?<![\w\])）】\[])`;
const brackets = new RegExp(String.raw`${opening}(?:\[([^\]\[\n]{1,60})\]|【([^】【\n]{1,60})】|［([^］［\n]{1,60})］|〔([^〕〔\n]{1,60})〕)`, 'gu');
const codeCharacters = /["`=<>{}();|\\@#$^*+~]/;
const mentionsPlaceholder = /(?<![a-z])place ?holders?(?![a-z])|^(?:TBD|TBA|TK|TODO|XX+|X{2,}[-/.]X+)\b/i;
/** A UI element named in brackets: "click [Add to cart]", "the [Insert] menu, then [Add Page]", "Settings > [Your Account]". */
const uiBefore = /(?:\b(?:click|press|tap|select|choose|pick|push|menu|toolbar|button|go to|navigate to|klicken|pulse|pulsa|haga clic|cliquez|appuyez|нажмите)\b[^.!?\n]{0,30}|(?:^|\s)[>→»]\s+)$/i;
const uiAfter = /^\s*(?:button|box|field|key|menu|tab|option|column|dialog|panel|link|icon|window|page|section|label|checkbox|setting|input|form)s?\b/i;
const draftingBlank = /^(?:[●•■▪◼□◆]|_{2,})$/;
const legalDrafting = /\b(?:hereby|hereinafter|hereto|thereof|whereas|WHEREAS|Agreement|Part(?:y|ies)|Effective Date)\b/;
const lowerStart = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'this', 'that', 'these', 'those', 'sic', 'and', 'or']);
const cased = /[\p{Lu}\p{Ll}]/u;

/** Is a bracket's text a hole (see above), given where it stands in the response? */
function isBracketHole(inside: string, text: string, start: number, end: number): boolean {
	const content = inside.trim();
	// A drafting blank: [●], [•], [■], [___]; an omission mark ([…], [...]) only in a contract, where it is one too.
	if (draftingBlank.test(content)) return true;
	if (/^(?:…|\.{3})$/.test(content)) return legalDrafting.test(text);
	if (content === '' || codeCharacters.test(content)) return mentionsPlaceholder.test(content) && !content.includes('=');
	if (mentionsPlaceholder.test(content)) return true;
	// "[Source: Reuters]", "[Photo: a lighthouse]": a label with its value; "[Date: TBD]", "[Name: ____]" are still holes.
	const value = /[:：]\s*(\S.*)$/.exec(content)?.[1];
	if (value !== undefined) return /^(?:TBD|TBA|TK|X{2,}|_{2,}|\.{3}|…|\?+)$/i.test(value.trim());
	const after = text.slice(end, end + 80);
	if (/^[([]/.test(after) || /^[^\n]*\[\//.test(after)) return false;
	const lineStart = text.lastIndexOf('\n', start - 1) + 1;
	if (uiBefore.test(text.slice(Math.max(lineStart, start - 40), start)) || uiAfter.test(after) || /^\s+[>→]\s/.test(after)) return false;
	if (text.slice(lineStart, start).trim() === '' && /^\s*[:：]\s*\S/.test(after.split('\n')[0]!)) return false;
	// "[Ф.И.О.]", "[Ф. И. О.]": the abbreviation for a full name, written with its stops.
	if (/^ф\.?\s?и\.?\s?о\.?$/iu.test(content)) return true;
		const words = holeWordsOf(content);
	if (words.length === 0 || words.length > 7) return false;
	if (startsLikeAHole(content, words)) return true;
	if (/\p{N}/u.test(content) || !namesAValue(content, words)) return false;
	if (!cased.test(content)) return true;
	const first = content.match(/\p{L}/u)![0];
	if (first !== first.toLowerCase()) return true;
	// In lower case only a noun phrase whose head is the noun: "company name", "nombre del paciente", "имя клиента" (not "citation needed", "the company").
	if (lowerStart.has(words[0]!)) return false;
	return isHoleNoun(words.at(-1)!) || (isHoleNoun(words[0]!) && (ofWords.has(words[1]!) || toWords.has(words[1]!) || headFirstNouns.has(words[0]!) || /^[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(content)));
}

/**
 * Nouns of languages that put the head first with no "of" after it (Indonesian and Malay "nama ketua RT",
 * "tanggal rapat"; Vietnamese "tên công ty"): in lower case they start a hole as "name of" does elsewhere.
 */
const headFirstNouns = new Set(['nama', 'tanggal', 'alamat', 'nomor', 'nombor', 'telepon', 'perusahaan', 'syarikat', 'kota', 'jabatan', 'tempat', 'waktu', 'jam', 'hari', 'tarikh', 'tên', 'ngày', 'số', 'địa']);

/** "[link to app store]", "[date for the meeting]": a value and what it is for. */
const toWords = new Set(['to', 'for', 'zum', 'zur', 'para', 'pour', 'per']);

/** "of" in the languages whose noun phrases put the head first ("nombre de la empresa", "nom du client"). */
const ofWords = new Set(['of', 'de', 'del', 'della', 'di', 'du', 'des', 'da', 'do', 'dos', 'das', 'van', 'von', 'des', 'der']);

/*
A hole written about, not left: in quotes ("[●]" marks a figure not yet agreed), given as an example in a sentence about holes ("Replace each bracketed
field, such as [Your Name] or [Date], with…", "placeholders like YOUR_API_KEY"), or named to be replaced
("Replace [Your Name] with your name", "replace YOUR_API_KEY_HERE by your key").
*/
const exampleWord = /\b(?:such as|eg\b|like|for example|for instance|including|z\. ?B\.|por ejemplo|par exemple|ad esempio|zum Beispiel|например)/i;
const aboutHoles = /\b(?:brackets?|bracketed|fields?|placeholders?|templates?|blanks?|variables?|tokens?|tags?|slots?|Platzhalter|marcador(?:es)?|champs?|campos?)\b/i;

/** Words that define or explain what comes before them: a hole written about. */
const defined = /^\s*(?:(?:is|are)\s+(?:a|an|the|just a|simply a)\s+(?:\p{L}+[ -])?(?:merge field|field|placeholder|variable|token|tag|marker|slot|blank|stand-in|convention|notation)s?\b|(?:stands? for|means|refers? to|represents|denotes|indicates|is (?:replaced|filled|substituted)|gets (?:replaced|filled)|will be (?:replaced|filled))\b|(?:steht für|bedeutet|significa|signifie|veut dire|représente|quer dizer|sta per|означает|обозначает|berarti|artinya|adalah singkatan|nghĩa là|anlamına|demektir|का मतलब|يعني)|\(\s*["“]?(?:to be|to do|por|à|a ser|da)\s|とは|は[^。\n]{0,30}(?:伏せ字|プレースホルダー|意味)|是指|指的是|的意思是|意思是)/iu;

function isMention(text: string, start: number, end: number): boolean {
	const lineStart = text.lastIndexOf('\n', start - 1) + 1;
	const lineEnd = text.indexOf('\n', end);
	const before = text.slice(Math.max(lineStart, start - 120), start);
	const after = text.slice(end, Math.min(lineEnd === -1 ? text.length : lineEnd, end + 80));
	if (/["“„'‘«`「『]$/.test(before) && /^["”“'’»`」』]/.test(after)) return true;
	if (/\b(?:replace|substitute|swap)\s+(?:the\s+|each\s+|all\s+)?$/i.test(before) && /^\s*(?:with|by|for)\b/i.test(after)) return true;
	// The hole as the subject explained: "[Name] is a merge field", "<date> stands for the day of the event".
	if (defined.test(after)) return true;
	const sentence = before.replace(/\b(?:e\.g|i\.e|z\. ?B)\./gi, 'eg').split(/[.!?](?:\s|$)/).at(-1)!;
	return exampleWord.test(sentence) && aboutHoles.test(sentence + after);
}

function bracketHole(response: string): string | undefined {
	brackets.lastIndex = 0;
	for (let match = brackets.exec(response); match; match = brackets.exec(response)) {
		const inside = match[1] ?? match[2] ?? match[3] ?? match[4]!;
		if (isBracketHole(inside, response, match.index, match.index + match[0].length) && !isMention(response, match.index, match.index + match[0].length)) return match[0];
	}

	return undefined;
}

/** Values described by what they are of ("(name of the venue)", "(nome da criança)", "(nom de l'invité)"; not a formula's "(number of trials)"). */
const describedHeads = new Set(['name', 'date', 'address', 'title', 'email', 'phone', 'city', 'company', 'venue', 'location', 'signature',
	'nombre', 'fecha', 'dirección', 'direccion', 'ciudad', 'empresa', 'lugar', 'hora', 'nome', 'data', 'endereço', 'endereco', 'cidade', 'local', 'horário', 'horario',
	'nom', 'adresse', 'ville', 'lieu', 'heure', 'indirizzo', 'città', 'luogo', 'ora', 'naam', 'datum', 'adres', 'plaats', 'isim', 'tarih', 'adres']);

/**
 * One lower-case word naming a value, in parentheses where a value stands: after a preposition or an article
 * ("on (date) at (time)", "no dia (data) às (horário)", "el (fecha) a las (hora)", "le (date) à (heure)",
 * "pada (tanggal)"); not a type or unit after a name ("start (date)", "amount (number)").
 */
const valueWords = new Set(['date', 'time', 'name', 'address', 'venue', 'place', 'location', 'city', 'day', 'data', 'horário', 'horario', 'hora', 'fecha', 'lugar', 'local', 'nome', 'nombre', 'endereço', 'dirección', 'heure', 'lieu', 'adresse', 'nom', 'ora', 'luogo', 'indirizzo', 'datum', 'uhrzeit', 'ort', 'tanggal', 'jam', 'tempat', 'waktu', 'alamat', 'nama']);
const valuePlace = /(?:^|[\s(])(?:on|at|in|by|from|to|until|before|after|of|for|with|the|dear|em|no|na|nos|às|as|ao|à|do|da|de|dia|para|com|até|el|la|los|las|en|a|al|del|día|hasta|con|le|du|au|aux|des|jour|pour|avec|am|um|im|an|bis|von|für|den|der|die|il|alle|alla|dal|giorno|pada|di|ke|hari|tanggal|pukul|oleh)\s+$/i;

/** Quick test before the words are looked at: a lead word is a short first word (or a text in a script without spaces). */
const mayLead = (content: string) => /^[\p{L}\p{M}]{2,12}(?:\s|$)|^[^\p{Script=Latin}\s]/u.test(content);

/** "(insert date)", "(your company name)", "(add statistic here)": a lead word, and a value or "here", in a few words. */
const parenthesis = /(?<![\p{L}\p{N}_$.])\(([^()\n]{3,50})\)/gu;
const here = /\b(?:here|aquí|aqui|ici|hier|qui|здесь|сюда)$|यहाँ$/iu;

function parenthesisHole(response: string): string | undefined {
	if (!response.includes('(')) return undefined;
	parenthesis.lastIndex = 0;
	for (let match = parenthesis.exec(response); match; match = parenthesis.exec(response)) {
		const content = match[1]!.trim();
		if (codeCharacters.test(content)) continue;
		const words = holeWordsOf(content);
		// "(student's name)", "(company's address)", "(name of the venue)": a value described, in lower case
		if (words.length <= 4 && /^\p{Ll}/u.test(content) && (/^\p{L}+(?:'s|’s|s'|s’)$/u.test(content.split(/\s+/)[0]!) ? isHoleNoun(words.at(-1)!) : describedHeads.has(words[0]!) && ofWords.has(words[1]!)) && !/[/*×÷+=−-]\s*$/.test(response.slice(Math.max(0, match.index - 3), match.index)) && !isMention(response, match.index, match.index + match[0].length)) return match[0];
		// "no dia (data) às (horário)", "pada hari (hari) tanggal (tanggal)", "(nama anak)": a value's place
		if (/^\p{Ll}/u.test(content) && words.length <= 3 && !/\p{N}/u.test(content) && (words.length === 1 ? valueWords.has(words[0]!) && valuePlace.test(response.slice(Math.max(0, match.index - 12), match.index)) : headFirstNouns.has(words[0]!)) && !isMention(response, match.index, match.index + match[0].length)) return match[0];
		if (!mayLead(content)) continue;
		if (words.length <= 5 && startsLikeAHole(content, words) && (namesAValue(content, words) || here.test(content))) return match[0];
	}

	return undefined;
}

const htmlTags = new Set(['address', 'time', 'title', 'data', 'source', 'link', 'form', 'label', 'output', 'option', 'select', 'section', 'header', 'footer', 'main', 'table', 'summary', 'details', 'template', 'slot']);

/** "<your name here>", "<First Name>", "<insert company>": a phrase in angle brackets (a tag has no space, or has "="). */
const angle = /<([^<>\n]{3,50})>/g;

function angleHole(response: string): string | undefined {
	if (!response.includes('<')) return undefined;
	angle.lastIndex = 0;
	for (let match = angle.exec(response); match; match = angle.exec(response)) {
		const content = match[1]!;
		if (/^\s*placeholder\s*$/i.test(content)) return match[0];
		// "<date> at <venue>": one lower-case word naming a value, where no such tag is closed (HTML's <address>, <time> are tags)
		if (/^\p{Ll}+$/u.test(content) && isHoleNoun(content) && !htmlTags.has(content) && !response.includes(`</${content}>`) && !isMention(response, match.index, match.index + match[0].length)) return match[0];
		if (!/\S\s+\S/.test(content) || codeCharacters.test(content) || /[,.:;!?]/.test(content)) continue;
		const words = holeWordsOf(content);
		if (words.length > 6) continue;
		const hole = startsLikeAHole(content, words) || (namesAValue(content, words) && !lowerStart.has(words[0]!) && isHoleNoun(words.at(-1)!));
		if (hole && !isMention(response, match.index, match.index + match[0].length)) return match[0];
	}

	return undefined;
}

/** Each with the lower-case text it needs, looked for first (a plain search is much cheaper than the pattern). */
const patterns: Array<[string, RegExp]> = [
	['protected]', /\[email(?:\s|&#160;|&nbsp;)protected\]/i],
	['lorem ipsum', /\blorem ipsum(?=\s+dolor\b)|^[ \t]*lorem ipsum[ \t]*[.…]?[ \t]*$/im],
	// "Placeholder text" standing as the text (alone on a line, in brackets, "placeholder text here"), not named in a sentence
	['placeholder text', /^[ \t]*placeholder text[ \t]*[.…]?[ \t]*$|[[(<{]placeholder text[\])>}]|\bplaceholder text (?:goes )?here\b/im],
];

// Parts of a variable name that make it a hole ({first_name}, <CITY>, {customerEmail}), besides the hole nouns.
const holeParts = new Set(['first', 'last', 'full', 'customer', 'client', 'recipient', 'sender']);

function isHoleName(name: string): boolean {
	return holeWordsOf(name.replace(/[.-]/g, ' ')).some(part => holeParts.has(part) || isHoleNoun(part));
}

const named: Array<{needle: string; pattern: RegExp; name: (match: RegExpExecArray) => string | undefined}> = [
	// {{customer_first_name}}, {{ name }}, [[NAME]]: a template variable whatever its name
	{needle: '', pattern: /\{\{\s*[A-Za-z_][\w .-]{0,40}?\s*\}\}|\[\[\s*[A-Za-z_][\w .-]{0,40}?\s*\]\]/g, name: match => match[0]},
	// <<customer_name>>, <<FirstName>>: a mail-merge field in double angle brackets (not C++'s `cout << name << endl` nor a heredoc's <<EOF: no closing >>); with spaces inside, only a hole-like name (`a << b >> c` is code)
	{needle: '<<', pattern: /(?<![<\w])<<(\s*)([A-Za-z_][\w.-]{0,40}?)(\s*)>>(?!>)/g, name: match => (match[1] === '' && match[3] === '' ? match[0] : isHoleName(match[2]!) ? match[0] : undefined)},
	// #{order_id}, #{user.name}: Ruby's interpolation, whatever its name
	{needle: '#{', pattern: /#\{\s*[A-Za-z_@][\w.]{0,40}\s*\}/g, name: match => match[0]},
	// {name}, {first_name}, {recipientName}: one brace, so only a hole-like name ({x} is maths)
	{needle: '{', pattern: /(?<![\w$%{])\{\s*([A-Za-z][\w .-]{0,40}?)\s*\}(?!\})/g, name: match => (isHoleName(match[1]) ? match[0] : undefined)},
	// <CITY>, <FIRST_NAME>, <COMPANY NAME>: upper case, as lower-case tags are HTML
	{needle: '<', pattern: /<([A-Z][A-Z _]{1,40})>/g, name: match => (isHoleName(match[1]) ? match[0] : undefined)},
	// %NAME%, %COMPANY_NAME%, %first_name% (not %PATH%, nor a Windows path's C:\\Users\\%USERNAME%)
	{needle: '%', pattern: /(?<![\w%\\/])%([A-Za-z][A-Za-z0-9_]{1,30})%(?![\w%])/g, name: match => (isHoleName(match[1]) ? match[0] : undefined)},
];

/** Signed, ________ / Name: ____ (a blank after some text on the line; a line of underscores alone is a rule). */
const blank = /[^\s_][^\n_]{0,30}?_{4,}/g;
/**
 * A blank written as dots (Indonesian, Indian, Russian forms: "pada hari ........ tanggal ........", "Nama : ..........."):
 * eight dots or more after a space or a colon, followed by a space, a comma or the line's end. Not an ellipsis written
 * on its word ("Well......"), nor a table of contents' leader to a page number ("Introduction ........ 3").
 */
const dottedBlank = /(?<=[\p{L}\p{N}][^\n.]{0,30}?(?:\s|[:：]))\.{8,}(?=[ \t]*(?:[,;)]|$|[ \t][^\d\s.]))/gmu;

/** A prompt that asks for blanks to fill in: an exercise, a worksheet, a quiz. */
const asksForBlanks = /\b(?:exercises?|worksheets?|fill[- ]in|blanks?|quiz(?:zes)?|cloze|gap[- ]fill|practi[cs]e questions?|test questions?|ejercicios?|exercices?)\b|Lückentext|упражнени/i;

/**
 * A blank that is left to fill in, not one an exercise asks the reader to fill: an exercise line is numbered
 * or has a hint after its blank ("1. Yesterday I ______ (go) to the cinema."), and counts as one when it has
 * both, or either when the prompt asks for exercises, a worksheet or a quiz.
 */
function blankHole(prose: string, exercise: () => boolean, pattern: RegExp): string | undefined {
	pattern.lastIndex = 0;
	for (let match = pattern.exec(prose); match; match = pattern.exec(prose)) {
		const end = match.index + match[0].length;
		const hinted = /^[_.]*\s*\([^()\n]{1,40}\)/.test(prose.slice(end, end + 50));
		const numbered = /^\s*(?:\d{1,3}[.)]|[a-z][.)])\s/.test(prose.slice(prose.lastIndexOf('\n', match.index) + 1));
		if (!((hinted && numbered) || ((hinted || numbered) && exercise()))) return pattern === blank ? match[0].trim() : prose.slice(Math.max(prose.lastIndexOf('\n', match.index) + 1, match.index - 20), end).trim();
	}

	return undefined;
}

/** INSERT_LINK_HERE, YOUR_API_KEY_HERE, PLACEHOLDER_TEXT: a constant in capitals named as a hole (in prose: in code it is a name). */
const capitalsName = /(?<![\w$%{<./\\-])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![\w}>%(/\\-]|\.\w)/g;
const holeCapitals = new Set(['INSERT', 'HERE', 'PLACEHOLDER', 'TBD', 'YOUR']);

function capitalsHole(prose: string): string | undefined {
	capitalsName.lastIndex = 0;
	for (let match = capitalsName.exec(prose); match; match = capitalsName.exec(prose)) {
		if (match[0].split('_').some(part => holeCapitals.has(part)) && !isMention(prose, match.index, match.index + match[0].length)) return match[0];
	}

	return undefined;
}

/** What a masked amount holds: X's with a separator, or a currency sign before an X. */
const maskedAmount = /X[,.]X|[$€£¥₹]\s?[Xx]/;

const prosePatterns: Array<[RegExp, RegExp]> = [
	// TODO: …, FIXME …, TBD (not a fact: "the finalists are still TBD", "TBD until the draw")
	[/TODO|FIXME|TBD/, /(?<![\w/#-])(?:(?:TODO|FIXME)(?=\s*[:(\-–—]|\s*$)|(?<!\b(?:remains?|still|currently|officially|yet)\s+)TBD\b(?!,?\s+(?:since|because|until|pending|as long as|while)\b))[^\n]{0,40}/gm],
	// 〇〇様, ○○株式会社: the Japanese blank (not the numeral zero: 二〇〇〇年)
	[/[○〇◯]{2}/, /(?<![一二三四五六七八九十百千万〇零])[○〇◯]{2,}[^\s、。,.」』）)"”]{0,4}/gu],
	// XXX standing for a value: a sentence or line of its own, after a colon or currency sign, a masked number, or the masked part of an identifier (INV-XXXX)
	// a masked amount: "$X,XXX", "$X.XX", "€X.XXX,XX", "XX,XXX.XX €", "USD X,XXX" (separators between groups of X; after a currency sign two X's or more: "$X" alone is a word problem's unknown)
	[maskedAmount, /(?:[$€£¥₹]\s?)?(?<![\p{L}\p{N}.,])(?:X{1,3}(?:,X{3})+(?:\.X{1,2})?|X{1,3}(?:\.X{3})+(?:,X{1,2})?)(?![\p{L}\p{N}])|[$€£¥₹]\s?(?:X{2,}(?:[.,]X+)*|X(?:[.,]X+)+|x+(?:[.,]x+)+)(?![\p{L}\p{N}])/gu],
	[/XX/, /(?:^|[.!?。:：$€£#]\s*)X{3,}(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])X{3,}(?=\s*$)|(?<![\p{L}\p{N}])X{2,}[-/.:]X{2,}|(?<=[\p{Lu}\p{N}]-)X{3,}(?![\p{L}\p{N}])/gmu],
];

// A response about templating or code may name a variable in braces in its prose ("Python fills {name} in").
const aboutTemplates = /\b(?:templat\w*|f-strings?|format strings?|string formatting|placeholders?|interpolat\w*|jinja|handlebars|mustache|liquid)\b|\.format\(|`/i;

/** Code before a string literal: a print or log call, an assignment, an argument (`puts "Total: #{total}"`, `msg = "Hi {name}"`). */
const codeLead = /(?:\b(?:puts|print|printf|println|echo|say|p|log|console\.log|return|raise|format|sprintf|f)\s*\(?\s*|[\w\]]\s*[=(,]\s*)$/;

/**
 * A variable inside a double-quoted string on its line that code stands before, or Ruby's `#{…}` in any
 * double-quoted string (it interpolates only there): a string literal written in prose, not a hole.
 */
function inCodeString(prose: string, index: number, hole: string): boolean {
	const line = prose.slice(prose.lastIndexOf('\n', index - 1) + 1, index);
	const quotes = [...line.matchAll(/["“”]/g)];
	if (quotes.length % 2 === 0) return false;
	const opening = quotes.at(-1)!.index;
	return hole.startsWith('#{') || codeLead.test(line.slice(0, opening));
}

function proseHole(prose: string, response: string, exercise: () => boolean): string | undefined {
	const braces = !aboutTemplates.test(response);
	for (const {needle, pattern, name} of named) {
		if (!prose.includes(needle) || (!braces && pattern.source.includes('\\{'))) continue;
		pattern.lastIndex = 0;
		for (let match = pattern.exec(prose); match; match = pattern.exec(prose)) {
			const hole = name(match);
			if (hole !== undefined && !inCodeString(prose, match.index, hole)) return hole;
		}
	}

	const filled = (prose.includes('____') ? blankHole(prose, exercise, blank) : undefined) ?? (prose.includes('........') ? blankHole(prose, exercise, dottedBlank) : undefined);
	if (filled !== undefined) return filled;
	for (const [needle, pattern] of prosePatterns) {
		if (!needle.test(prose)) continue;
		// "XXX stands for any three digits": the notation explained, not a value masked
		if (needle.source === 'XX' && /X{2,}\S*\s/.test(prose) && [...prose.matchAll(/X{2,}\S*/g)].some(found => defined.test(prose.slice(found.index + found[0].length)))) continue;
		if (needle === maskedAmount && [...prose.matchAll(/[Xx]+(?:[.,][Xx]+)*\S*/g)].some(found => defined.test(prose.slice(found.index + found[0].length)))) continue;
		pattern.lastIndex = 0;
		for (let match = pattern.exec(prose); match; match = pattern.exec(prose)) {
			// A note or blank written about, not left: in quotes (「〇〇様」は…), or defined ("TBD significa …", "TBD stands for …").
			const word = /^(?:TODO|FIXME|TBD|[○〇◯]+)/.exec(match[0])?.[0] ?? match[0];
			if (!isMention(prose, match.index, match.index + word.length) && !isMention(prose, match.index, match.index + match[0].trimEnd().length)) return match[0].trim();
		}
	}

	return /_[A-Z]/.test(prose) ? capitalsHole(prose) : undefined;
}

const hint = /[{<[]|%[A-Za-z]|XX|TODO|TBD|FIXME|____|_[A-Z]|[○〇◯]{2}/;

/** A prompt that asks for a template or a form: its holes are what was asked for ("Give me a template for a meeting invite"). */
const asksForTemplate = /\b(?:templates?|boilerplate|form letters?|fill-in forms?|plantillas?|modèles? de|Vorlagen?|modelos? de|modell[oi] di|şablon\w*|templat)\b|шаблон|模板|模版|テンプレート|템플릿|ひな形|雛形/i;
/**
 * A prompt that asks for a form to fill in, whose blanks are what was asked for: a form (sheet, card, worksheet)
 * "with blanks" or "to fill in", a blank or fillable form ("Write a short form with blanks for students to fill in
 * their info", "un formulario para rellenar", "ein Formular zum Ausfüllen", "бланк для заполнения", "填写的表格").
 */
const asksForForm = /\b(?:forms?|sheets?|cards?|worksheets?|handouts?|formularios?|formulários?|formulaires?|fiches?|Formulare?|Formblatt|moduli|modulo|formulir)\b[^.?!\n]{0,60}(?:\bwith (?:\w+ )?blanks?\b|\bblanks? (?:for|to)\b|\bto be filled\b|\b(?:for|so)\b[^.?!\n]{0,30}\bto fill\b|\bpara (?:rellenar|completar|llenar|preencher)\b|\sà (?:remplir|compléter)\b|\bzum Ausfüllen\b|\bda compilare\b|\buntuk diisi\b)|\b(?:blank|fillable|printable)\s+(?:forms?|worksheets?|sheets?)\b|пустой бланк|бланк для заполнения|空白の?(?:用紙|フォーム)|空白表格|空白表单/iu;

function askedForTemplate(text: SampleText): boolean {
	return text.blocks.some(block => (block.tone === 'user' || block.tone === 'prompt') && (asksForTemplate.test(block.text) || asksForForm.test(block.text)));
}

function askedForBlanks(text: SampleText): boolean {
	return text.blocks.some(block => (block.tone === 'user' || block.tone === 'prompt') && asksForBlanks.test(block.text));
}

const holeShape = String.raw`\[[^\]\[\n]{1,60}\]|\([^()\n]{3,50}\)|<[^<>\n]{3,50}>|\{\{?[^{}\n]{1,40}\}\}?|#\{[^{}\n]{1,40}\}|%[A-Za-z][\w]{1,30}%|【[^】\n]{1,60}】`;
const replaceVerb = String.raw`(?:replac\w*|substitut\w*|swap\w*(?: out)?|fill\w* in|chang\w*|edit\w*|reemplaz\w*|sustitu\w*|cambi\w*|remplac\w*|ersetz\w*|tausch\w*|sostitu\w*|substitu\w*|замен\p{L}*|替换|替換|置き換え|바꾸)`;
/**
 * Holes the response itself says to replace or fill in ("replacing (name of your feature) with a short slug",
 * "Ruby replaces #{total} with the value", "<your-name> gets replaced by…"): an instruction, wherever the same
 * hole stands in that paragraph (`git checkout -b feature/(name of your feature)`).
 */
const toReplace = new RegExp(String.raw`${replaceVerb}\s+(?:the\s+|each\s+|all\s+|every\s+|any\s+)?(?<before>${holeShape})(?=\s*(?:with|by|for|in|to|into|con|por|par|avec|durch|mit|на|为|為)(?![\p{L}])|\s*$|\s*[.,;])|(?<after>${holeShape})\s+(?:is|are|gets?|will be|should be|must be|needs? to be)\s+(?:replaced|substituted|swapped|filled(?: in)?|changed)`, 'giu');

function withoutHolesToReplace(response: string): string {
	if (!/[[(<{%【]/.test(response)) return response;
	// In the instruction's paragraph ("Replace [Your Name] with your name below.\n\nBest regards,\n[Your Name]" still leaves one).
	let left = response;
	toReplace.lastIndex = 0;
	for (let match = toReplace.exec(response); match; match = toReplace.exec(response)) {
		const hole = match.groups?.['before'] ?? match.groups?.['after'];
		if (hole === undefined) continue;
		const start = response.lastIndexOf('\n\n', match.index) + 1;
		const end = response.indexOf('\n\n', match.index + match[0].length);
		const paragraph = response.slice(start, end === -1 ? undefined : end);
		left = left.slice(0, start) + paragraph.replaceAll(hole, ' '.repeat(hole.length)) + left.slice(start + paragraph.length);
	}

	return left;
}

/**
 * The patterns' needles and the configured phrases as one search of a lower-case response: one that holds none (most)
 * needs neither the needles looked for one by one nor the phrases' search.
 */
export function placeholderWords(config: SignalConfig): RegExp {
	return new RegExp(alternation([...patterns.map(([needle]) => needle), ...config.placeholder.phrases.map(phrase => phrase.toLowerCase())]));
}

export const placeholder: SampleSignal = {
	name: 'placeholder',
	make(config) {
		const phrases = alternation(config.placeholder.phrases.map(phrase => phrase.toLowerCase()));
		const configured = phrases === '' ? undefined : new RegExp(phrases);
		const words = placeholderWords(config);
		return text => {
			let exercise: boolean | undefined;
			let template: boolean | undefined;
			const templateAsked = () => (template ??= askedForTemplate(text));
			for (const [index, said] of text.responses.entries()) {
				const response = withoutHolesToReplace(said);
				const lower = response.toLowerCase();
				const holdsWords = words.test(lower);
				if (holdsWords) {
					for (const [needle, pattern] of patterns) {
						const match = lower.includes(needle) ? pattern.exec(response) : null;
						if (match && !templateAsked()) return `placeholder: ${quote(match[0])} left in ${responseName(text, index)}`;
					}
				}

				const hole = (response.includes('[') || response.includes('【') || response.includes('［') || response.includes('〔') ? bracketHole(response) : undefined) ?? angleHole(response) ?? parenthesisHole(response);
				if (hole !== undefined && !templateAsked()) return `placeholder: ${quote(hole)} left in ${responseName(text, index)}`;

				const match = holdsWords ? configured?.exec(lower) : undefined;
				if (match && !templateAsked()) return `placeholder: ${quote(match[0])} left in ${responseName(text, index)}`;
				if (!hint.test(response) && !response.includes('........')) continue;
				const inProse = proseHole(proseOf(response), response, () => (exercise ??= askedForBlanks(text)));
				if (inProse !== undefined && !templateAsked()) return `placeholder: ${quote(inProse)} left in ${responseName(text, index)}`;
			}

			return undefined;
		};
	},
};
