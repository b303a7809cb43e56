import {utf8Sequences} from './utf8-sequences.js';

/*
Mojibake from the legacy encodings of East Asia and Russia, tested as ftfy tests: turn the suspect
characters back into the bytes of the encoding they were read in, and see whether those bytes are what
the text really was.
- UTF-8 read as GBK ("杩欐湰涔﹀緢濂界湅" for 这本书很好看), Shift-JIS ("縺薙ｓ縺ｫ縺｡縺ｯ" for こんにちは) or CP949:
  in a run of characters the encoding holds, the bytes must hold valid 3-byte UTF-8 sequences for CJK,
  kana, Hangul or full-width forms back to back — three or more, or two that are the whole run. Correct
  Chinese or Japanese text gives such bytes only by chance (a GBK hanzi's bytes are A1–FE, a UTF-8 lead
  is E0–EF and must be followed by two of 80–BF), and not three times in a row.
- UTF-8 read as Big5 ("詨憟賜嚗衣策飛" for 這本書很好看，推薦給初學者。): Big5 takes only A1–FE or 40–7E as a
  second byte, so a lead byte followed by a continuation byte of 80–A0 is lost (or becomes U+FFFD) and
  the sequences are cut. What is left still holds nothing but UTF-8's bytes: each character of the
  run is two of them (continuation bytes 80–BF, lead bytes E3–EF), and its bytes hold whole 3-byte
  sequences for common CJK (U+3000–U+30FF, U+4E00–U+9FFF, Hangul, full-width forms) with gaps between.
  It counts when a run of five characters or more, U+FFFD skipped, has four such sequences or more
  covering 60% of its bytes (so a garbled word of two or three hanzi is missed). Correct Traditional
  Chinese seldom has five characters in a row built only of those bytes (most common hanzi have a
  second byte of 40–7E or C0–FE): tried on 300,000 random strings of up to 60 of Big5's frequent
  characters, none passed; of any Big5 character, one (GBK's rule above passed 40 to 70 of each).
- KOI8-R read as Windows-1251 ("рТЙЧЕФ! х НЕОС ЧУЈ" for Привет! Я очень всё), or the reverse: both put
  lower case where the other puts upper case, so such text is mostly capitals; it counts when the
  Cyrillic read the other way is far more like Russian, by its letters' frequencies.
The maps from characters back to bytes are built once, from TextDecoder, when a text first needs them.
*/

/**
 * Two characters as a garbled run of CJK starts: the first holds a UTF-8 lead byte for U+3000–U+9FFF or
 * Hangul (E3–ED) and a continuation byte (80–BF); the second, the next continuation byte and the next
 * lead (or, in Shift-JIS, that continuation byte alone, a half-width katakana). Correct text seldom has
 * such a pair, so only where one is found are the bytes read. `startFlags[code]` holds, for encoding
 * number e, bit 2e when the character can be the first of the pair and bit 2e + 1 when the second.
 */
const startFlags = new Uint8Array(0x1_00_00);
const leadBits = 0b01_01_01;

const isLead = (byte: number) => byte >= 0xE3 && byte <= 0xED;
const isContinuation = (byte: number) => byte >= 0x80 && byte <= 0xBF;

/** Marks where the character with these bytes may stand in the pair, for encoding number `encoding`. */
function markStart(code: number, bytes: number, encoding: number) {
	const pair = bytes > 0xFF;
	const first = pair ? bytes >> 8 : bytes;
	const second = bytes & 0xFF;
	if (pair && isLead(first) && isContinuation(second)) startFlags[code] |= 1 << (encoding * 2);
	if (pair ? isContinuation(first) && isLead(second) : isContinuation(first)) startFlags[code] |= 2 << (encoding * 2);
}

/** A code unit's bytes in an encoding: one byte (below 0x100) or lead × 256 + trail; 0 when the encoding has no such character. */
type ByteMap = Uint16Array;

/** Every character the encoding (number `index`, for startFlags) decodes from one byte in `singles` or from a lead byte and a trail byte. */
function byteMap(encoding: string, index: number, singles: [number, number] | undefined, leads: Array<[number, number]>, trails: Array<[number, number]>): ByteMap {
	let count = singles ? singles[1] - singles[0] + 1 : 0;
	for (const [leadLow, leadHigh] of leads) for (const [trailLow, trailHigh] of trails) count += (leadHigh - leadLow + 1) * (trailHigh - trailLow + 1);
	const entries = new Uint16Array(count);
	let next = 0;
	if (singles) for (let byte = singles[0]; byte <= singles[1]; byte++) entries[next++] = byte;
	for (const [leadLow, leadHigh] of leads) {
		for (let first = leadLow; first <= leadHigh; first++) {
			for (const [trailLow, trailHigh] of trails) for (let trail = trailLow; trail <= trailHigh; trail++) entries[next++] = (first << 8) | trail;
		}
	}

	// One decode of all the entries, each followed by a line break, which every decoder passes through.
	const buffer = new Uint8Array(entries.length * 3);
	let at = 0;
	// Indexed loops: these run once, before the optimiser has seen them, where iterating a typed array is slow.
	for (let k = 0; k < entries.length; k++) {
		const entry = entries[k]!;
		if (entry > 0xFF) buffer[at++] = entry >> 8;
		buffer[at++] = entry & 0xFF;
		buffer[at++] = 0x0A;
	}

	const map: ByteMap = new Uint16Array(0x1_00_00);
	const decoded = new TextDecoder(encoding).decode(buffer.subarray(0, at));
	let position = 0;
	for (let k = 0; k < entries.length; k++) {
		const entry = entries[k]!;
		const end = decoded.charCodeAt(position + 1) === 0x0A ? position + 1 : decoded.indexOf('\n', position);
		const code = decoded.charCodeAt(position);
		// One character, outside ASCII, not U+FFFD (bytes the encoding does not define), not a surrogate.
		if (end === position + 1 && code >= 0x80 && code !== 0xFF_FD && (code < 0xD8_00 || code > 0xDF_FF) && map[code] === 0) {
			map[code] = entry;
			markStart(code, entry, index);
		}

		position = end + 1;
	}

	return map;
}

type DoubleByte = {name: string; map: ByteMap};

let doubleBytes: DoubleByte[] | undefined;

function doubleByteEncodings(): DoubleByte[] {
	if (!doubleBytes) {
		const gbk = byteMap('gbk', 0, undefined, [[0x81, 0xFE]], [[0x40, 0x7E], [0x80, 0xFE]]);
		const shiftJis = byteMap('shift_jis', 1, [0xA1, 0xDF], [[0x81, 0x9F], [0xE0, 0xFC]], [[0x40, 0x7E], [0x80, 0xFC]]);
		const korean = byteMap('euc-kr', 2, undefined, [[0x81, 0xFE]], [[0x41, 0x5A], [0x61, 0x7A], [0x81, 0xFE]]);
		doubleBytes = [{name: 'GBK', map: gbk}, {name: 'Shift-JIS', map: shiftJis}, {name: 'CP949 (EUC-KR)', map: korean}];
	}

	return doubleBytes;
}

/** What UTF-8 of Chinese, Japanese or Korean text decodes to: kana, CJK ideographs, Hangul, CJK punctuation, full-width forms. */
function isCjk(codePoint: number): boolean {
	return (codePoint >= 0x30_00 && codePoint <= 0x30_FF) || (codePoint >= 0x34_00 && codePoint <= 0x9F_FF) || (codePoint >= 0xAC_00 && codePoint <= 0xD7_A3) || (codePoint >= 0xFF_00 && codePoint <= 0xFF_EF);
}

/**
 * The garbled part of a run of characters the encoding holds, or undefined. `alone`: the run lies
 * between characters that are not CJK (a run cut short by an ideograph the encoding lacks is not alone).
 */
function garbledRun(run: string[], map: ByteMap, alone: boolean): string | undefined {
	const bytes: number[] = [];
	const characterAt: number[] = [];
	for (const [index, character] of run.entries()) {
		const both = map[character.charCodeAt(0)]!;
		if (both > 0xFF) {
			bytes.push(both >> 8);
			characterAt.push(index);
		}

		bytes.push(both & 0xFF);
		characterAt.push(index);
	}

	let chainStart = 0;
	let chainEnd = -1;
	let chain = 0;
	for (const sequence of utf8Sequences(bytes)) {
		if (sequence.length !== 3 || !isCjk(sequence.codePoint)) {
			chain = 0;
			continue;
		}

		if (chain > 0 && sequence.start === chainEnd) {
			chain++;
		} else {
			chain = 1;
			chainStart = sequence.start;
		}

		chainEnd = sequence.start + 3;
		const whole = alone && chainStart === 0 && chainEnd >= bytes.length - 1;
		if (chain >= 3 || (chain === 2 && whole)) {
			return run.slice(characterAt[chainStart], characterAt[chainEnd - 1]! + 1).join('');
		}
	}

	return undefined;
}

/** Characters of U+3000–U+9FFF, Hangul or half-width katakana: where GBK, Shift-JIS and CP949 mojibake lies. */
const cjkRange = /[\u3000-\u9FFF\uAC00-\uD7A3\uFF61-\uFF9F]/;

/** The garbled run of the encoding starting at `at`, or undefined. */
function garbledFrom(text: string, at: number, map: ByteMap): string | undefined {
	// The run of characters the encoding holds from here (its first 40), and whether CJK lies around it.
	const run: string[] = [];
	let end = at;
	while (end < text.length && run.length < 40 && map[text.charCodeAt(end)] !== 0) run.push(text.charAt(end++));
	const alone = !cjkRange.test(text.charAt(at - 1)) && !cjkRange.test(text.charAt(end));
	return garbledRun(run, map, alone);
}

let big5: ByteMap | undefined;

/** The bytes UTF-8 writes Chinese, Japanese and Korean with: continuation bytes 80–BF and lead bytes E3–EF. */
const isUtf8CjkByte = (byte: number) => (byte >= 0x80 && byte <= 0xBF) || (byte >= 0xE3 && byte <= 0xEF);

/** Whether a 3-byte UTF-8 sequence is a common CJK character: kana and CJK punctuation, a unified ideograph, Hangul, a full-width form. */
function isCommonCjk(codePoint: number): boolean {
	return (codePoint >= 0x30_00 && codePoint <= 0x30_FF) || (codePoint >= 0x4E_00 && codePoint <= 0x9F_FF) || (codePoint >= 0xAC_00 && codePoint <= 0xD7_A3) || (codePoint >= 0xFF_00 && codePoint <= 0xFF_EF);
}

/** A run of Big5 characters built of UTF-8's bytes is garbled when they hold enough common CJK sequences (see the comment at the top). */
function big5Garbled(bytes: number[], characters: number): boolean {
	if (characters < 5) return false;
	let sequences = 0;
	for (let i = 0; i + 2 < bytes.length;) {
		const lead = bytes[i]!;
		const second = bytes[i + 1]!;
		const third = bytes[i + 2]!;
		if (lead >= 0xE3 && lead <= 0xEF && second <= 0xBF && third <= 0xBF && isCommonCjk(((lead & 0x0F) << 12) | ((second & 0x3F) << 6) | (third & 0x3F))) {
			sequences++;
			i += 3;
		} else {
			i++;
		}
	}

	return sequences >= 4 && sequences * 3 >= bytes.length * 0.6;
}

/** The first run of UTF-8 read as Big5, or undefined. */
function big5Misread(text: string): string | undefined {
	big5 ??= byteMap('big5', 3, undefined, [[0x81, 0xFE]], [[0x40, 0x7E], [0xA1, 0xFE]]);
	const bytes: number[] = [];
	let start = -1;
	let characters = 0;
	for (let at = 0; at <= text.length; at++) {
		const code = at < text.length ? text.charCodeAt(at) : 0;
		// A byte Big5 could not read: replaced, or dropped, the run goes on.
		if (code === 0xFF_FD && start >= 0) continue;
		const both = big5[code]!;
		if (both > 0xFF && isUtf8CjkByte(both >> 8) && isUtf8CjkByte(both & 0xFF)) {
			if (start < 0) start = at;
			bytes.push(both >> 8, both & 0xFF);
			characters++;
			continue;
		}

		if (start >= 0 && big5Garbled(bytes, characters)) return text.slice(start, at);
		start = -1;
		characters = 0;
		bytes.length = 0;
	}

	return undefined;
}

/** The first run of UTF-8 read as GBK, Shift-JIS, CP949 or Big5: [what is garbled, how it was misread]. */
export function cjkMisread(text: string): [string, string] | undefined {
	if (!cjkRange.test(text)) return undefined;
	const encodings = doubleByteEncodings();
	let next = startFlags[text.charCodeAt(0)]!;
	for (let at = 0; at + 1 < text.length; at++) {
		const flags = next;
		next = startFlags[text.charCodeAt(at + 1)]!;
		let starts = flags & leadBits & (next >> 1);
		for (let encoding = 0; starts !== 0; encoding++, starts >>= 2) {
			if ((starts & 1) === 0) continue;
			const {name, map} = encodings[encoding]!;
			const garbled = garbledFrom(text, at, map);
			if (garbled !== undefined) return [garbled, `UTF-8 read as ${name}`];
		}
	}

	const garbled = big5Misread(text);
	return garbled === undefined ? undefined : [garbled, 'UTF-8 read as Big5'];
}

/** How often each Russian letter is written, per 10,000 letters (ё counted as е is too rare to matter). */
const russianFrequency: Record<string, number> = {
	о: 1097, е: 845, а: 801, и: 735, н: 670, т: 626, с: 547, р: 473, в: 454, л: 440, к: 349, м: 321, д: 298, п: 281, у: 262,
	я: 201, ы: 190, ь: 174, г: 170, з: 165, б: 159, ч: 144, й: 121, х: 97, ж: 94, ш: 73, ю: 64, ц: 48, щ: 36, э: 32, ф: 26, ъ: 4, ё: 4,
};

/** The average log frequency of a text's Cyrillic letters as Russian (a letter Russian does not use scores as the rarest). */
function russianScore(letters: string): number {
	let sum = 0;
	for (const letter of letters) sum += Math.log(russianFrequency[letter] ?? 2);
	return sum / letters.length;
}

/** `decode`: the bytes as `written` reads them. */
type SingleByte = {read: string; written: string; toByte: Map<string, number>; decode: (bytes: Uint8Array) => string};
let cyrillicPairs: SingleByte[] | undefined;

function singleByteMap(encoding: string): Map<string, number> {
	const bytes = Uint8Array.from({length: 128}, (_, index) => index + 0x80);
	const map = new Map<string, number>();
	for (const [index, character] of [...new TextDecoder(encoding).decode(bytes)].entries()) if (!map.has(character)) map.set(character, index + 0x80);
	return map;
}

function decoder(encoding: string): (bytes: Uint8Array) => string {
	const textDecoder = new TextDecoder(encoding);
	return bytes => textDecoder.decode(bytes);
}

function cyrillicEncodings(): SingleByte[] {
	cyrillicPairs ??= [
		{read: 'Windows-1251', written: 'KOI8-R', toByte: singleByteMap('windows-1251'), decode: decoder('koi8-r')},
		{read: 'KOI8-R', written: 'Windows-1251', toByte: singleByteMap('koi8-r'), decode: decoder('windows-1251')},
	];
	return cyrillicPairs;
}

const cyrillicLetters = /[\u0400-\u04FF]/g;
const upperCyrillic = /[\u0400-\u042F]/g;
const capitalsInARow = /[\u0400-\u042F]{3}/;
const cyrillicWords = /[\u0400-\u04FF]+/g;
/** Letters enough to judge by frequencies, and the margin (in nats a letter) the other reading must win by. */
const minCyrillicLetters = 12;
const russianMargin = 0.3;

/** Cyrillic text written in KOI8-R and read as Windows-1251, or the reverse: [what is garbled, how it was misread]. */
export function cyrillicMisread(text: string): [string, string] | undefined {
	if (!capitalsInARow.test(text)) return undefined;
	const letters = text.match(cyrillicLetters);
	if (!letters || letters.length < minCyrillicLetters) return undefined;
	// Each encoding puts upper case where the other puts lower: misread prose is mostly capitals.
	const upper = text.match(upperCyrillic)?.length ?? 0;
	if (upper * 10 < letters.length * 6) return undefined;
	const asWritten = russianScore(letters.join('').toLowerCase());
	let best: [number, string] | undefined;
	for (const {read, written, toByte, decode} of cyrillicEncodings()) {
		const bytes: number[] = [];
		for (const letter of letters) {
			const byte = toByte.get(letter);
			if (byte !== undefined) bytes.push(byte);
		}

		if (bytes.length < letters.length) continue;
		const other = decode(Uint8Array.from(bytes)).toLowerCase();
		if (other.match(cyrillicLetters)?.length !== other.length) continue;
		const gain = russianScore(other) - asWritten;
		if (gain > russianMargin && (!best || gain > best[0])) best = [gain, `${written} read as ${read}`];
	}

	if (best) return [text.match(cyrillicWords)!.slice(0, 3).join(' '), best[1]];
	return undefined;
}
