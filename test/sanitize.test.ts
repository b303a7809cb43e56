import {describe, expect, test} from 'vitest';
import fc from 'fast-check';
import {sanitize, sanitizeLine, tabWidth} from '../source/dataset/sanitize.js';

// What must never reach the terminal: C0 but \n, DEL, C1, bidi controls, lone surrogates.
const FORBIDDEN_IN_TEXT = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\p{Cs}]/u;
const FORBIDDEN_IN_LINE = /[\n\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\p{Cs}]/u;

function countOf(text: string, character: string): number {
	return text.split(character).length - 1;
}

const SCOTLAND_FLAG = '\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}';

describe('sanitize: line breaks and tabs', () => {
	test('keeps \\n', () => {
		expect(sanitize('one\ntwo\n')).toBe('one\ntwo\n');
	});

	test('turns \\r\\n into \\n', () => {
		expect(sanitize('one\r\ntwo\r\n')).toBe('one\ntwo\n');
	});

	test('shows a lone CR', () => {
		expect(sanitize('progress 10%\rprogress 20%')).toBe('progress 10%␍progress 20%');
		expect(sanitize('a\r\r\nb')).toBe('a␍\nb');
	});

	test(`turns a tab into ${tabWidth} spaces`, () => {
		expect(tabWidth).toBe(4);
		expect(sanitize('a\tb')).toBe('a    b');
	});
});

describe('sanitize: C0 controls and DEL', () => {
	test.each([
		['\u0000', '␀'],
		['\u0007', '␇'],
		['\u0008', '␈'],
		['\u000B', '␋'],
		['\u000C', '␌'],
		['\u001B', '␛'],
		['\u001F', '␟'],
		['\u007F', '␡'],
	])('%j shows as %s', (control, picture) => {
		expect(sanitize(`x${control}y`)).toBe(`x${picture}y`);
	});

	test('every C0 control but \\n, \\t and \\r is its control picture', () => {
		for (let code = 0; code < 0x20; code++) {
			if (code === 0x09 || code === 0x0A || code === 0x0D) {
				continue;
			}

			expect(sanitize(String.fromCharCode(code))).toBe(String.fromCharCode(0x24_00 + code));
		}
	});

	test('an SGR colour sequence becomes visible text', () => {
		expect(sanitize('\u001B[31mred\u001B[0m')).toBe('␛[31mred␛[0m');
	});

	test('an OSC 52 clipboard write becomes visible text', () => {
		expect(sanitize('hi\u001B]52;c;cm0gLXJmIH4=\u0007there')).toBe('hi␛]52;c;cm0gLXJmIH4=␇there');
	});
});

describe('sanitize: C1 controls', () => {
	test.each([
		['\u0080', '⟨U+0080⟩'],
		['\u0085', '⟨U+0085⟩'],
		['\u009B', '⟨U+009B⟩'],
		['\u009D', '⟨U+009D⟩'],
		['\u009F', '⟨U+009F⟩'],
	])('%j shows as %s', (control, placeholder) => {
		expect(sanitize(`a${control}b`)).toBe(`a${placeholder}b`);
	});

	test('a C1 CSI sequence cannot move the cursor', () => {
		expect(sanitize('\u009B2J')).toBe('⟨U+009B⟩2J');
	});
});

describe('sanitize: bidi controls', () => {
	const bidiControls = [
		0x20_2A, 0x20_2B, 0x20_2C, 0x20_2D, 0x20_2E, 0x20_66, 0x20_67, 0x20_68, 0x20_69, 0x20_0E, 0x20_0F, 0x06_1C,
	];

	test.each(bidiControls)('U+%s is shown', codePoint => {
		const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
		expect(sanitize(`a${String.fromCodePoint(codePoint)}b`)).toBe(`a⟨U+${hex}⟩b`);
	});

	test('a right-to-left override cannot reverse a file name', () => {
		expect(sanitize('invoice\u202Egpj.exe')).toBe('invoice⟨U+202E⟩gpj.exe');
	});
});

describe('sanitize: invisible format characters', () => {
	test.each([
		['\u200B', 'U+200B'],
		['\u2060', 'U+2060'],
		['\u2064', 'U+2064'],
		['\uFEFF', 'U+FEFF'],
		['\u00AD', 'U+00AD'],
		['\uFFF9', 'U+FFF9'],
		['\uFFFB', 'U+FFFB'],
		['\u2028', 'U+2028'],
		['\u2029', 'U+2029'],
		['\u{E0001}', 'U+E0001'],
		['\u{E0041}', 'U+E0041'],
		['\u{E007F}', 'U+E007F'],
		['\uFE00', 'U+FE00'],
		['\u{E0100}', 'U+E0100'],
	])('%j shows as ⟨%s⟩', (character, name) => {
		expect(sanitize(`a${character}b`)).toBe(`a⟨${name}⟩b`);
	});

	test('text smuggled in tag characters becomes visible', () => {
		const hidden = [...'hi'].map(letter => String.fromCodePoint(0xE_00_00 + letter.codePointAt(0)!)).join('');
		expect(sanitize(`ok${hidden}`)).toBe('ok⟨U+E0068⟩⟨U+E0069⟩');
	});

	test('keeps the joiners and emoji presentation selectors emoji need', () => {
		const emoji = [
			'\u{1F469}\u200D\u{1F4BB}', // woman technologist
			'\u{1F3F3}\uFE0F\u200D\u{1F308}', // rainbow flag
			'\u2764\uFE0F', // red heart
			'\u2764\uFE0E',
			'\u{1F44D}\u{1F3FD}', // thumbs up, skin tone
			'\u{1F1EB}\u{1F1F7}', // flag of France
			SCOTLAND_FLAG,
		];
		for (const text of emoji) {
			expect(sanitize(text)).toBe(text);
		}
	});

	test('keeps the zero width non-joiner Persian spelling needs', () => {
		expect(sanitize('می\u200Cخواهم')).toBe('می\u200Cخواهم');
	});

	test('tag characters outside a subdivision flag are shown', () => {
		expect(sanitize('\u{1F3F4}\u{E0067}\u{E007F}')).toBe('\u{1F3F4}⟨U+E0067⟩⟨U+E007F⟩');
	});
});

describe('sanitize: lone surrogates', () => {
	test('shows lone high and low surrogates', () => {
		expect(sanitize('a\uD800b')).toBe('a⟨U+D800⟩b');
		expect(sanitize('a\uDFFFb')).toBe('a⟨U+DFFF⟩b');
		expect(sanitize('\uDC00\uD83D')).toBe('⟨U+DC00⟩⟨U+D83D⟩');
	});

	test('keeps surrogate pairs', () => {
		expect(sanitize('\uD83D\uDE00')).toBe('😀');
	});
});

describe('sanitize: ordinary text', () => {
	test.each([
		'plain ASCII, with punctuation: (1 + 2) * 3 = 9; "quoted" \'single\' `back` ~!@#$%^&*_-=[]{}|\\/<>?',
		'naïve café, Ärger, façade, São Paulo, Dvořák, Łódź',
		'日本語のテキストと中文文本와 한국어',
		'مرحبا بالعالم — שלום עולם',
		'Ελληνικά, русский текст, हिन्दी',
		'mojibake stays as it is: Ã©',
		'<|endoftext|></s>',
		'␛ ␇ ⟨U+202E⟩ already placeholders',
	])('%s is unchanged', text => {
		expect(sanitize(text)).toBe(text);
		expect(sanitizeLine(text)).toBe(text);
	});
});

describe('sanitizeLine', () => {
	test('shows line breaks as ␤', () => {
		expect(sanitizeLine('one\ntwo')).toBe('one␤two');
		expect(sanitizeLine('one\r\ntwo')).toBe('one␤two');
		expect(sanitizeLine('one\rtwo')).toBe('one␍two');
	});

	test('sanitizes like sanitize otherwise', () => {
		expect(sanitizeLine('a\tb\u001B[2J\u202E')).toBe('a    b␛[2J⟨U+202E⟩');
	});
});

// Whole 20 MB samples go through sanitize in one call (its speed is the bench's business, not a test's).
describe('sanitize: big texts', () => {
	test('handles 20 MB of ordinary text, leaving it as it is', () => {
		const paragraph = 'Ordinary text with accents (café), CJK (日本語) and emoji (👩‍💻 ❤️) in it.\n';
		const text = paragraph.repeat(Math.ceil(20_000_000 / paragraph.length));
		expect(sanitize(text) === text).toBe(true);
	});

	test('handles 20 MB dense with controls, none left raw', () => {
		const paragraph = 'Tabs\tand \u001B[31mcolour\u001B[0m, \u202Ebidi\u200B and CRLF\r\n';
		const out = sanitize(paragraph.repeat(Math.ceil(20_000_000 / paragraph.length)));
		expect(/[\u001B\u202E\u200B\r\t]/.test(out)).toBe(false);
		expect(out.length).toBeGreaterThan(20_000_000);
	});
});

const loneSurrogate = fc.integer({min: 0xD8_00, max: 0xDF_FF}).map(code => String.fromCharCode(code));
const dangerousCharacter = fc.constantFrom(
	'\u0000', '\u0007', '\u0008', '\t', '\n', '\r', '\r\n', '\u001B', '\u007F', '\u0085', '\u009B', '\u009D',
	'\u200B', '\u200D', '\u200E', '\u202E', '\u2066', '\u2069', '\u061C', '\uFEFF', '\u00AD', '\u2028',
	'\uFE0F', '\uFE00', '\u{E0041}', '\u{E007F}', '\u{1F3F4}',
);
const mixedUnit = fc.oneof(
	{arbitrary: fc.string({unit: 'binary', minLength: 1, maxLength: 1}), weight: 4},
	{arbitrary: dangerousCharacter, weight: 3},
	{arbitrary: loneSurrogate, weight: 1},
);
const hostileText = fc.string({unit: mixedUnit, maxLength: 200});

const escapeSequence = fc.oneof(
	// CSI: ESC [ (or C1 CSI) parameters, intermediates, final byte
	fc.tuple(
		fc.constantFrom('\u001B[', '\u009B'),
		fc.string({unit: fc.constantFrom(...'0123456789;:?<=>'), maxLength: 12}),
		fc.string({unit: fc.constantFrom(...' !"#$%&\'()*+,-./'), maxLength: 2}),
		fc.integer({min: 0x40, max: 0x7E}).map(code => String.fromCharCode(code)),
	).map(parts => parts.join('')),
	// OSC: ESC ] number ; payload, terminated by BEL or ST
	fc.tuple(
		fc.constantFrom('\u001B]', '\u009D'),
		fc.constantFrom('0', '2', '8', '52'),
		fc.string({unit: 'binary-ascii', maxLength: 30}),
		fc.constantFrom('\u0007', '\u001B\\', '\u009C'),
	).map(([start, command, payload, end]) => `${start}${command};${payload}${end}`),
	// DCS, SOS, PM, APC strings and two-character escapes
	fc.tuple(
		fc.constantFrom('\u001BP', '\u001BX', '\u001B^', '\u001B_', '\u001Bc', '\u001B7', '\u001B8', '\u001B(0'),
		fc.string({unit: 'grapheme-ascii', maxLength: 10}),
	).map(parts => parts.join('')),
);
const textWithEscapes = fc.array(fc.oneof(fc.string({unit: 'grapheme', maxLength: 10}), escapeSequence), {maxLength: 20})
	.map(parts => parts.join(''));

const ordinaryUnit = fc.oneof(
	fc.string({unit: 'grapheme-ascii', minLength: 1, maxLength: 1}).filter(character => !/[\u0000-\u001F\u007F]/.test(character)),
	fc.constantFrom(
		'\n', ' ', 'é', 'ü', 'ñ', 'Å', 'ß', 'ç', '日', '本', '語', '中', '文', '한', '국', 'ア', 'ー', 'ك', 'ת', 'Ж', 'λ',
		'😀', '👍🏽', '❤️', '👩‍💻', '🏳️‍🌈', '🇫🇷', SCOTLAND_FLAG, '—', '…', '“', '”', '€', '½', '∑', 'ॐ', 'क्ष', 'Ã©',
	),
);
const ordinaryText = fc.string({unit: ordinaryUnit, maxLength: 100});

describe('sanitize: properties', () => {
	test('output of arbitrary text holds nothing forbidden', () => {
		fc.assert(fc.property(fc.oneof(fc.string({unit: 'binary'}), hostileText), text => {
			expect(sanitize(text)).not.toMatch(FORBIDDEN_IN_TEXT);
			expect(sanitizeLine(text)).not.toMatch(FORBIDDEN_IN_LINE);
		}), {numRuns: 2000});
	});

	test('output of text with escape sequences holds no ESC, BEL or C1', () => {
		fc.assert(fc.property(textWithEscapes, text => {
			const output = sanitize(text);
			expect(output).not.toMatch(FORBIDDEN_IN_TEXT);
			expect(countOf(output, '␛')).toBe(countOf(text, '\u001B') + countOf(text, '␛'));
		}), {numRuns: 1000});
	});

	test('is idempotent', () => {
		fc.assert(fc.property(fc.oneof(fc.string({unit: 'binary'}), hostileText, textWithEscapes), text => {
			const once = sanitize(text);
			expect(sanitize(once)).toBe(once);
			const onceAsLine = sanitizeLine(text);
			expect(sanitizeLine(onceAsLine)).toBe(onceAsLine);
			expect(sanitizeLine(once)).toBe(sanitizeLine(text));
		}), {numRuns: 2000});
	});

	test('leaves ordinary text (accents, CJK, RTL scripts, emoji) unchanged', () => {
		fc.assert(fc.property(ordinaryText, text => {
			expect(sanitize(text)).toBe(text);
			expect(sanitizeLine(text)).toBe(text.replaceAll('\n', '␤'));
		}), {numRuns: 1000});
	});
});
