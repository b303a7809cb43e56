import fc from 'fast-check';

/**
 * Generators of text a hostile or broken generator model could emit: terminal escape sequences of
 * every kind, C0 and C1 controls, bidi controls, lone surrogates, mixed with arbitrary code points.
 */

const ESC = '\u001B';
const BEL = '\u0007';
const ST = `${ESC}\\`;
const C1_ST = '\u009C';

const char = (min: number, max: number) => fc.integer({min, max}).map(code => String.fromCodePoint(code));

/** CSI: ESC [ or the 8-bit C1 CSI (U+009B), parameters, intermediates, a final byte. */
const csi = fc.tuple(
	fc.constantFrom(`${ESC}[`, '\u009B'),
	fc.string({unit: fc.constantFrom(...'0123456789;:?<=>'), maxLength: 12}),
	fc.string({unit: char(0x20, 0x2F), maxLength: 2}),
	char(0x40, 0x7E),
).map(parts => parts.join(''));

const stringTerminator = fc.constantFrom(BEL, ST, C1_ST);

/** OSC 52: write to the clipboard (c) or primary selection (p), base64 payload, BEL or ST. */
const osc52 = fc.tuple(fc.constantFrom(`${ESC}]`, '\u009D'), fc.constantFrom('52;c;', '52;p;', '52;;', '52;c;?'), fc.base64String({maxLength: 40}), stringTerminator)
	.map(parts => parts.join(''));

/** OSC 8 hyperlink around some text, and OSC 0/2 window titles. */
const osc8 = fc.tuple(fc.webUrl(), fc.string({maxLength: 10}), stringTerminator)
	.map(([url, text, end]) => `${ESC}]8;;${url}${end}${text}${ESC}]8;;${end}`);
const oscTitle = fc.tuple(fc.constantFrom('0;', '1;', '2;', '7;file:///', '1337;SetMark'), fc.string({maxLength: 12}), stringTerminator)
	.map(([code, text, end]) => `${ESC}]${code}${text}${end}`);

/** DCS, APC, PM and SOS strings, introduced by ESC + letter or by their C1 code point. */
const controlString = fc.tuple(
	fc.constantFrom(`${ESC}P`, '\u0090', `${ESC}_`, '\u009F', `${ESC}^`, '\u009E', `${ESC}X`, '\u0098'),
	fc.string({unit: 'binary-ascii', maxLength: 16}),
	stringTerminator,
).map(parts => parts.join(''));

/** Short escapes that reset, move or switch the terminal. */
const shortEscape = fc.constantFrom(
	ESC, `${ESC}c`, `${ESC}7`, `${ESC}8`, `${ESC}M`, `${ESC}N`, `${ESC}O`, `${ESC}=`, `${ESC}>`, `${ESC}(0`, `${ESC}#8`,
	`${ESC}[?1049l`, `${ESC}[?1049h`, `${ESC}[2J`, `${ESC}[3J`, `${ESC}[H`, `${ESC}[?25l`, `${ESC}[6n`, `${ESC}[21t`,
	`${ESC}[?1000h`, `${ESC}[8;1;1t`, `${ESC}[1;31m`, '\r', '\r\n', '\b', '\u000C', '\u000B', '\u007F', '\t',
);

/** Single code points that must never reach a terminal as themselves. */
const c0 = char(0x00, 0x1F);
const c1 = char(0x80, 0x9F);
const bidi = fc.constantFrom('\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C');
const invisible = fc.constantFrom('\u200B', '\u2060', '\uFEFF', '\u00AD', '\u2028', '\u2029', '\u{E0041}', '\u{E007F}', '\uFFF9');
const loneSurrogate = char(0xD8_00, 0xDF_FF).map(text => text);

export const escapeSequence: fc.Arbitrary<string> = fc.oneof(csi, osc52, osc8, oscTitle, controlString, shortEscape, c0, c1, bidi, invisible, loneSurrogate);

/** Arbitrary code points mixed with generated escape sequences and controls. */
export const hostileText = (maxParts = 8): fc.Arbitrary<string> => fc.array(
	fc.oneof(
		{weight: 2, arbitrary: fc.string({unit: 'binary', maxLength: 16})},
		{weight: 1, arbitrary: fc.string({maxLength: 12})},
		{weight: 4, arbitrary: escapeSequence},
	),
	{minLength: 1, maxLength: maxParts},
).map(parts => parts.join(''));

/** Hostile text that is also a usable file name (no "/", no NUL, not "." or "..", at most 200 bytes). */
export const hostileFileName: fc.Arbitrary<string> = hostileText(5)
	.map(text => text.replaceAll(/[/\0]/g, '_'))
	.filter(text => text !== '.' && text !== '..' && text.length > 0 && Buffer.byteLength(text) <= 200);

/** Ink's own styling (SGR) is the one kind of escape sequence a frame may hold. */
export function withoutInkStyles(frame: string): string {
	return frame.replaceAll(/\u001B\[[\d;]*m/g, '');
}

/**
 * What must not be in a frame once Ink's styling is removed: ESC, every other C0 control but the
 * line feed, DEL, C1 controls, bidi controls and lone surrogates. Returns a description of the
 * first offender, or undefined.
 */
export function forbiddenIn(text: string): string | undefined {
	const match = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029\p{Cs}]/u.exec(text);
	if (!match) return undefined;
	const code = match[0].codePointAt(0)!.toString(16).padStart(4, '0');
	return `U+${code} at ${match.index}: ${JSON.stringify(text.slice(Math.max(0, match.index - 30), match.index + 30))}`;
}
