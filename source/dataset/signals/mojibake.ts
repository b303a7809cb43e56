import {quote, type SampleSignal} from './detector.js';
import {cjkMisread, cyrillicMisread} from './mojibake-legacy.js';
import {type Sequence, utf8Sequences} from './utf8-sequences.js';

/*
Mojibake: text whose bytes were read in the wrong encoding. The test is the one ftfy makes: take a run
of characters that a single-byte encoding can hold, turn them back into that encoding's bytes, and see
whether the bytes are valid multi-byte UTF-8 ("Ã©" → C3 A9 → é). Only sequences that decode to what
text is made of (letters, marks, digits, punctuation, symbols) count, and the weak ones need company:
- Windows-1252 / Latin-1: a 2-byte sequence led by Â or Ã (Latin-1 letters, "Ã©", "Â°"), by Ä or Å
  (Central European, "Å‚"; not before a closing quote: “Ä”), or two in a row led by any other letter
  (Greek "Î»Î¬", Cyrillic "ÐŸÑ€", Hebrew "×©×œ", Arabic "Ø§Ù„": a word has two letters); any valid
  3- or 4-byte sequence (“â€™”, "ä¸­", Hindi "à¤¨", Thai "à¸ª", Korean "ì•ˆ", emoji "ðŸ˜€"); "â€" alone
  (”, whose last byte 1252 drops).
- Windows-1251 ("РџСЂРёРІРµС‚"): two Cyrillic letters in a row, each written as Р or С plus the character
  1251 gives a continuation byte.
- Mac Roman: "√" (the lead byte of Latin-1 letters) next to a letter with a continuation character
  ("caf√©", "√ºber"), "‚Ä" + one (punctuation: "‚Äô").
- Windows-1251 text read as Windows-1252 ("Ïðèâåò, ìåíÿ"): two or more words of three or more letters
  made only of Latin-1's accented letters, one of them of four or more with lower case (no language
  writes such words; "ÀÉÎ" or the alphabets "ÆØÅ, ÅÄÖ" are not enough).
- UTF-8 read as GBK or Shift-JIS, KOI8-R and Windows-1251 read as each other: mojibake-legacy.ts.
- "锟斤拷" (Big5 "錕斤拷"): replacement characters U+FFFD, written as UTF-8 and read as GBK.
A block that talks about encodings (UTF-8, Latin-1, Windows-1252, mojibake, charset, encoding) explains
mojibake rather than suffering from it: there, a run inside quotes or code is an example, and the block
counts only if three or more runs are left outside them. A sentence that sets a run beside what it
should be ("Ã© instead of é", "shows as", "displays as") is about it too, and so, outside a response, is
a question: the user asks what the characters are. U+FFFD always counts.
*/

/** Windows-1252's characters for bytes 0x80–0x9F (the five it leaves undefined read as Latin-1's C1 controls). */
const cp1252High = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const cp1252Byte = new Map<string, number>();
for (let byte = 0xA0; byte <= 0xFF; byte++) cp1252Byte.set(String.fromCharCode(byte), byte);
for (let byte = 0x80; byte <= 0x9F; byte++) {
	cp1252Byte.set(String.fromCharCode(byte), byte);
	cp1252Byte.set(cp1252High[byte - 0x80]!, byte);
}

/** Runs of two or more characters that are bytes 0x80–0xFF in Windows-1252 or Latin-1. */
const highRun = new RegExp(`[\u0080-\u00FF${cp1252High}]{2,}`, 'g');
const leadByte = /[\u00C2-\u00F4]/;

/**
 * What text is made of: a decoded character that is none of these (an unassigned or private-use code
 * point, Samaritan or Mandaic that "à" + NBSP + "«" would give) is chance.
 */
const textCharacter = /^(?![\u0800-\u08FF])[\p{L}\p{M}\p{N}\p{P}\p{S}\u00A0\uFEFF]$/u;
const letterOrMark = /[\p{L}\p{M}]/u;
const closingQuote = new Set(['’', '‘', '“', '”', '»', '«', '‹', '›']);

/** The garbled part of a Windows-1252 run, or undefined when its bytes are not UTF-8 that reads as text. */
function garbledIn(run: string): string | undefined {
	const characters = [...run];
	const bytes = characters.map(character => cp1252Byte.get(character)!);
	// A real C1 control character after a lead byte is always garbled; one decoded from printable 1252 characters is chance.
	const realControl = (sequence: Sequence) => sequence.codePoint < 0xA0 && bytes[sequence.start + 1] === characters[sequence.start + 1]!.codePointAt(0);
	const sequences = utf8Sequences(bytes).filter(sequence => realControl(sequence) || (sequence.codePoint >= 0xA0 && textCharacter.test(String.fromCodePoint(sequence.codePoint))));
	for (const [index, sequence] of sequences.entries()) {
		const lead = bytes[sequence.start]!;
		const text = characters.slice(sequence.start, sequence.start + sequence.length).join('');
		if (realControl(sequence)) return text;
		// French puts a no-break space before » and after «: "été\u00A0»" is E9 A0 BB, a valid sequence by chance.
		// A sequence holding that byte counts beside another one ("ä½ å¥½" for 你好) or as Â/Ã + NBSP (" " and "à").
		const withSpace = bytes.slice(sequence.start + 1, sequence.start + sequence.length).includes(0xA0) && lead !== 0xC2 && lead !== 0xC3;
		if (withSpace && sequences.length < 2) continue;
		if (sequence.length > 2) return text;

		if (lead === 0xC2 || lead === 0xC3) return text;
		if ((lead === 0xC4 || lead === 0xC5) && !closingQuote.has(characters[sequence.start + 1]!)) return text;
		const next = sequences[index + 1];
		if (next?.length === 2 && next.start === sequence.start + 2 && letterOrMark.test(String.fromCodePoint(sequence.codePoint)) && letterOrMark.test(String.fromCodePoint(next.codePoint))) {
			return characters.slice(sequence.start, sequence.start + 4).join('');
		}
	}

	return undefined;
}

/**
 * UTF-8 read as Windows-1251: Cyrillic as Р or С, then a character 1251 puts at 0x80–0xBF, twice or more
 * ("РџСЂРёРІРµС‚"); a Latin-1 letter as Г + one, right after a Latin letter ("cafГ©"); punctuation as вЂ + one ("вЂ™").
 */
const cp1251Continuation = 'ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—™љ›њќћџ\u00A0ЎўЈ¤Ґ¦§Ё©Є«¬\u00AD®Ї°±Ііґµ¶·ё№є»јЅѕї';
const cp1251Run = new RegExp(`(?:[РС][${cp1251Continuation}]){2,}|(?<=[A-Za-z])Г[${cp1251Continuation}]|вЂ[${cp1251Continuation}]`);

/** Mac Roman: √ (byte C3) next to a letter, or ‚Ä (E2 80), each with a continuation character. */
const macRomanContinuation = 'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø';
const macRoman = new RegExp(`(?<=\\p{L})√[${macRomanContinuation}]|√[${macRomanContinuation}](?=\\p{L})|‚Ä[${macRomanContinuation}]`, 'u');

/** Words of three or more Latin-1 accented letters and nothing else (× ÷ ¨ ¸ are 1251's Ч ч Ё ё). */
const accentedWord = /(?<![\p{L}\p{M}])[\u00C0-\u00FF\u00A8\u00B8]{3,}(?![\p{L}\p{M}])/gu;

function cp1251AsCp1252(text: string): string | undefined {
	accentedWord.lastIndex = 0;
	const words = text.match(accentedWord);
	// Lower case too: a list of capitals ("ÆØÅ, ÅÄÖ") is an alphabet, not a sentence.
	return words && words.length >= 2 && words.some(word => word.length >= 4 && /[\u00DF-\u00FF]/.test(word)) ? words.slice(0, 2).join(' ') : undefined;
}

/** Quick test that a text may hold any of it: a character outside ASCII that the rules above start with. */
const maybe = /[\u0080-\u00FFРСГв√‚\uFFFD\u0400-\u042F\u3000-\u9FFF\uAC00-\uD7A3\uFF61-\uFF9F]/;

const aboutEncodings = /mojibake|encod(?:e|ed|ing)|charset|code ?page|utf-?8|latin-?1|iso-?8859|windows-?125\d|cp125\d|mac ?roman|кодировк|文字化け|乱码|编码/i;
/** Inline code, fenced code and text in quotes: where an explanation shows its examples. */
const quotedOrCode = /```[\s\S]*?(?:```|$)|`[^`\n]*`|"[^"\n]*"|“[^”\n]*”|«[^»\n]*»|'[^'\n]*'|‘[^’\n]*’/g;

/** Every garbled run of a text, in order: [what is garbled, how it was misread]. Each test runs only where its characters are. */
function* garbledRuns(text: string): Generator<[string, string]> {
	let runs = 0;
	highRun.lastIndex = 0;
	for (let match = highRun.exec(text); match; match = highRun.exec(text)) {
		runs++;
		if (!leadByte.test(match[0])) continue;
		const garbled = garbledIn(match[0]) ?? (match[0].includes('â€') ? 'â€' : undefined);
		if (garbled !== undefined) yield [garbled, 'UTF-8 read as Latin-1 / Windows-1252'];
	}

	if (cyrillicLead.test(text)) {
		const cyrillic = cp1251Run.exec(text);
		if (cyrillic) yield [cyrillic[0], 'UTF-8 read as Windows-1251'];
	}

	if (text.includes('√') || text.includes('‚Ä')) {
		const mac = macRoman.exec(text);
		if (mac) yield [mac[0], 'UTF-8 read as Mac Roman'];
	}

	// Windows-1251 text read as 1252 is all runs of Latin-1 letters.
	const words = runs >= 2 ? cp1251AsCp1252(text) : undefined;
	if (words !== undefined) yield [words, 'Windows-1251 read as Windows-1252'];

	// U+FFFD's bytes (EF BF BD) twice read as GBK: "锟斤拷", the classic Chinese mojibake (Big5: "錕斤拷").
	if (text.includes('斤拷')) {
		const replacement = /[锟錕]斤拷/.exec(text);
		if (replacement) yield [replacement[0], 'replacement characters (U+FFFD) read as GBK'];
	}

		const cjk = cjkMisread(text);
	if (cjk) yield cjk;
	const cyrillic = cyrillicMisread(text);
	if (cyrillic) yield cyrillic;
}

const cyrillicLead = /[РСГв]/;

/** Words that set a garbled run beside what it should be, or call it garbled. */
const mentionPhrase = /instead of|in place of|\bshows? (?:up )?as|displays? as|appears? as|rendered as|comes? out as|turns? into|garbled|(?:weird|strange|odd) (?:characters|symbols)|вместо|au lieu de|en (?:lugar|vez) de|\b(?:an)?statt\b|而不是|显示为|显示成/i;
const sentence = /[^.!?。？！\n]+[.!?。？！]*/g;

/** `response`: whether the block is an answer (a question about the characters is a mention only outside one). */
function firstGarbled(text: string, response: boolean): [string, string] | undefined {
	const first = garbledRuns(text).next().value ?? undefined;
	if (first === undefined) return undefined;
	const about = aboutEncodings.test(text);
	const asked = !response && (text.includes('?') || text.includes('？'));
	const mentioned = asked || mentionPhrase.test(text);
	if (!about && !mentioned) return first;
	const left = mentioned ? text.replace(sentence, part => (mentionPhrase.test(part) || (asked && /[?？]\s*$/.test(part)) ? ' ' : part)) : text;
	if (!about) return garbledRuns(left).next().value ?? undefined;
	const runs = [...garbledRuns(left.replace(quotedOrCode, ' '))];
	return runs.length >= 3 ? runs[0] : undefined;
}

export const mojibake: SampleSignal = {
	name: 'mojibake',
	make() {
		return text => {
			for (const block of text.blocks) {
				if (block.untrained || !maybe.test(block.text)) continue;
				if (block.text.includes('\uFFFD')) return `mojibake: U+FFFD replacement character in ${block.label} (bytes that were not UTF-8)`;
				const found = firstGarbled(block.text, text.responses.includes(block.text));
				if (found) return `mojibake: ${quote(found[0])} in ${block.label} (${found[1]})`;
			}

			return undefined;
		};
	},
};
