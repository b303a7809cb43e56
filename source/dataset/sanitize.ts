/*
Every string that came from a dataset (sample text, metadata, file names, error messages quoting input)
passes through sanitize() or sanitizeLine() before it reaches the terminal. Samples are model output and
may hold escape sequences (OSC 52 clipboard writes, title changes, cursor moves), other control
characters, bidi overrides that make text read differently from what it is, and invisible characters that
hide content. None of them may reach the terminal as themselves; each becomes a visible placeholder:

	C0 controls U+0000–U+001F   Unicode Control Pictures: NUL "␀", BEL "␇", ESC "␛", lone CR "␍", …
	DEL U+007F                  "␡"
	everything else below       "⟨U+XXXX⟩" (at least four hex digits)
	                            C1 controls U+0080–U+009F, lone surrogates, LINE/PARAGRAPH SEPARATOR
	                            U+2028/U+2029, every format character (Unicode category Cf: bidi
	                            controls and isolates, U+200B, U+200E/F, U+061C, U+2060–U+2064,
	                            U+FEFF, U+00AD, U+FFF9–U+FFFB, tag characters U+E0000–U+E007F, …),
	                            and variation selectors U+FE00–U+FE0D and U+E0100–U+E01EF

Kept as they are:
	"\n"                        a line break ("␤" in sanitizeLine); "\r\n" becomes "\n" (or "␤")
	"\t"                        tabWidth spaces, whatever the column: there are no tab stops
	U+200D ZERO WIDTH JOINER    joins emoji sequences (woman + ZWJ + laptop = woman technologist)
	U+200C ZERO WIDTH NON-JOINER  part of Persian, Arabic and Indic spelling
	U+FE0E / U+FE0F             text / emoji presentation selectors (red heart + U+FE0F)
	U+1F3F4 + 3–7 tag letters/digits + U+E007F CANCEL TAG
	                            the subdivision flags (Scotland, Wales, England); tag characters anywhere else are shown, since they
	                            are the usual way to smuggle invisible text into a prompt

An escape sequence such as "\x1b[31m" therefore shows as "␛[31m": harmless, and visible to the reviewer.
sanitize(sanitize(x)) === sanitize(x): no placeholder contains a character that is replaced.
*/

export const tabWidth = 4;

const tabAsSpaces = ' '.repeat(tabWidth);
const newlineSymbol = '\u2424'; // ␤
const deleteSymbol = '\u2421'; // ␡
const controlPicturesStart = 0x24_00;

const subdivisionFlag = String.raw`\u{1F3F4}[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{3,7}\u{E007F}`;
// \n is left out here so that ordinary line breaks never reach the replacement callback.
const controlsExceptNewline = String.raw`\u0000-\u0009\u000B-\u001F\u007F-\u009F`;
// Unicode category Cf as of Unicode 17 without U+200C/U+200D, listed rather than written \p{Cf} so that
// the joiners, common in emoji and Indic text, never cost a callback and the set does not move with ICU.
const formatCharacters = String.raw`\u00AD\u0600-\u0605\u061C\u06DD\u070F\u0890\u0891\u08E2\u180E\u200B\u200E\u200F`
	+ String.raw`\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB\u{110BD}\u{110CD}\u{13430}-\u{1343F}`
	+ String.raw`\u{1BCA0}-\u{1BCA3}\u{1D173}-\u{1D17A}\u{E0001}\u{E0020}-\u{E007F}`;
// With the u flag, \p{Cs} matches only surrogates that are not part of a pair.
const invisibleOrBroken = String.raw`${formatCharacters}\p{Cs}\u2028\u2029\uFE00-\uFE0D\u{E0100}-\u{E01EF}`;

const unsafeInText = new RegExp(
	String.raw`\r\n|${subdivisionFlag}|[${controlsExceptNewline}${invisibleOrBroken}]`,
	'gu',
);
const unsafeInLine = new RegExp(
	String.raw`\r\n|${subdivisionFlag}|[\n${controlsExceptNewline}${invisibleOrBroken}]`,
	'gu',
);

function codePointPlaceholder(codePoint: number): string {
	return `⟨U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

function placeholderFor(character: string): string {
	if (character === '\t') {
		return tabAsSpaces;
	}

	const codePoint = character.codePointAt(0)!;

	if (codePoint < 0x20) {
		return String.fromCharCode(controlPicturesStart + codePoint);
	}

	if (codePoint === 0x7F) {
		return deleteSymbol;
	}

	return codePointPlaceholder(codePoint);
}

// Filled on first use, so the cost per distinct character is paid once per process.
const placeholderCache = new Map<string, string>();

function cachedPlaceholder(character: string): string {
	let placeholder = placeholderCache.get(character);
	if (placeholder === undefined) {
		placeholder = placeholderFor(character);
		placeholderCache.set(character, placeholder);
	}

	return placeholder;
}

function isSubdivisionFlag(match: string): boolean {
	// A match longer than one code point other than "\r\n" can only be a subdivision flag.
	return match.length > 2;
}

function replaceInText(match: string): string {
	if (match === '\r\n') {
		return '\n';
	}

	return isSubdivisionFlag(match) ? match : cachedPlaceholder(match);
}

function replaceInLine(match: string): string {
	if (match === '\r\n' || match === '\n') {
		return newlineSymbol;
	}

	return isSubdivisionFlag(match) ? match : cachedPlaceholder(match);
}

/** Make untrusted text safe to print: keeps line breaks, shows every other control as a placeholder. */
export function sanitize(text: string): string {
	return text.replace(unsafeInText, replaceInText);
}

/** Like sanitize, for one-line places (status bar, metadata values, file names): line breaks show as "␤". */
export function sanitizeLine(text: string): string {
	return text.replace(unsafeInLine, replaceInLine);
}
