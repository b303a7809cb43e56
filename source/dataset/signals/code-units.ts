/*
What the signals need to know of each UTF-16 code unit, worked out once per code unit (on first
meeting it) and kept in a table, so that words and duplicate keys are read from a text in one pass
with no lower-cased or normalised copy of it:
- its lower case, when lower-casing the code unit alone gives what String.prototype.toLowerCase gives
  in any text: one code unit, not depending on its neighbours. Not so for İ (U+0130, two code units),
  Σ (final or not by what follows) and surrogates (an astral letter's lower case is another pair);
  a text with one of these is lower-cased whole;
- whether it is a word character (letter, digit or mark; \p{L}\p{N}\p{M}, as wordsOf matches them);
- how duplicates' normalisation (NFKC, lower case, white space collapsed, curly quotes and dashes made
  plain) treats it: as white space, as its lower case (a curly quote or a dash as its plain form), or only
  by normalising the text whole: a code unit that NFKC changes on its own,
  a mark or a Hangul jamo (NFKC composes it with what comes before) and a surrogate.
*/

const known = 1;
const word = 2;
/** The lower case alone is not toLowerCase's (İ, Σ, surrogates). */
const contextual = 4;
/** White space for duplicates (NFKC of it is white space too). */
const blank = 8;
/** NFKC, case fold and white space can only be worked out on the whole text. */
const composes = 16;
/** A curly quote or a dash that duplicates read as its plain form (foldQuoteOrDash). */
const folds = 32;

/**
 * Quote and dash styles duplicates do not tell apart: ‘ ’ ‚ ‛ as ', “ ” „ ‟ as ", and ‐ ‒ – — ― − as - ("Don’t" =
 * "Don't", "late — very late" = "late - very late"). Any other code unit as it is.
 */
export function foldQuoteOrDash(code: number): number {
	if (code < 0x20_10 || (code > 0x20_1F && code !== 0x22_12)) return code;
	if (code === 0x22_12) return 45;
	if (code >= 0x20_1C) return 34;
	if (code >= 0x20_18) return 39;
	return code === 0x20_10 || (code >= 0x20_12 && code <= 0x20_15) ? 45 : code;
}

/** Per code unit: flags in the low byte, the lower case above. */
const facts = new Int32Array(65_536);

const wordTest = /[\p{L}\p{N}\p{M}]/u;
const blankTest = /^[\s\u200B-\u200D\u2060\uFEFF]+$/;
const markTest = /\p{M}/u;

function factsOf(code: number): number {
	const found = facts[code];
	if (found !== 0) return found;
	let flags = known;
	let lower = code;
	if (code >= 0xD8_00 && code <= 0xDF_FF) {
		// Surrogates (emoji and other astral characters) are not word characters here.
		flags |= contextual | composes;
	} else {
		const character = String.fromCharCode(code);
		const lowered = character.toLowerCase();
		if (lowered.length === 1 && code !== 0x03_A3) lower = lowered.charCodeAt(0);
		else flags |= contextual;
		if (wordTest.test(character)) flags |= word;
		const composed = character.normalize('NFKC');
		if (blankTest.test(character) && (composed === '' || blankTest.test(composed))) flags |= blank;
		else if (composed !== character || markTest.test(character) || (code >= 0x11_00 && code <= 0x11_FF) || (flags & contextual) !== 0) flags |= composes;
	}

	if ((flags & composes) === 0 && foldQuoteOrDash(code) !== code) flags |= folds;

	const value = flags | (lower << 8);
	facts[code] = value;
	return value;
}

/** The code unit's lower case, or -1 when the text must be lower-cased whole (toLowerCase). */
export function lowerCodeUnit(code: number): number {
	if (code < 128) return code >= 65 && code <= 90 ? code + 32 : code;
	const value = factsOf(code);
	return (value & contextual) === 0 ? value >>> 8 : -1;
}

/** Whether a code unit (already lower case) is a word character: a letter, digit or mark; not a surrogate. */
export function isWordCodeUnit(code: number): boolean {
	if (code < 128) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
	return (factsOf(code) & word) !== 0;
}

/** For duplicates' normalisation: -2 white space, -1 the text must be normalised whole, else the code unit's lower case (its NFKC is itself; a curly quote or a dash its plain form). */
export function duplicateCodeUnit(code: number): number {
	if (code < 128) {
		if (code === 32 || (code >= 9 && code <= 13)) return -2;
		return code >= 65 && code <= 90 ? code + 32 : code;
	}

	const value = factsOf(code);
	if ((value & blank) !== 0) return -2;
	if ((value & (composes | folds)) === 0) return value >>> 8;
	return (value & composes) === 0 ? foldQuoteOrDash(code) : -1;
}
