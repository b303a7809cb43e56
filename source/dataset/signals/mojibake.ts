import {quote, type SampleSignal} from './detector.js';

/** Characters Windows-1252 puts at bytes 0x80–0x9F, which a Latin-1/1252 misreading of UTF-8 produces. */
const cp1252High = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
/** After Ä and Å (the lead bytes of Central European letters), the following characters, less the closing quotes (and guillemets) a quoted Ä or Å is followed by. */
const afterA = (leave: string) => `[${[...Array.from({length: 0x1F}, (_, at) => String.fromCharCode(0xA1 + at)), ...cp1252High].filter(character => !leave.includes(character)).join('')}]`;

/**
 * U+FFFD (bytes that were not UTF-8), or UTF-8 read as Latin-1 / Windows-1252: "Ã©" for é, "â€™"
 * for ’, "â‚¬" for €, "â„¢" for ™, "Â°" for °, "Å¡" for š and "Ä‡" for ć (Central European
 * letters), "Ð¿Ñ€" for Cyrillic, "Î»Î¬" for Greek, "ä¸­" for Chinese, "ï»¿" for a byte order
 * mark, or a C1 control character right after a Latin-1 letter that starts a UTF-8 sequence.
 */
const pattern = new RegExp(`\uFFFD|Ã[\u0080-\u00BF${cp1252High}]|â(?:€|\u0080)|Â[\u00A0-\u00BF]|Ä${afterA('’“”»«')}|Å${afterA('’”')}|ï»¿|ï¿½|[\u00C2-\u00DF][\u0080-\u009F]|(?:[ÎÏÐÑ][\u0080-\u00BF${cp1252High}]){2}|[\u00E2-\u00E9][\u0080-\u00BF${cp1252High}]{2}`);

export const mojibake: SampleSignal = {
	name: 'mojibake',
	make() {
		return text => {
			for (const block of text.blocks) {
				const match = pattern.exec(block.text);
				if (!match) continue;
				if (match[0] === '\uFFFD') return `mojibake: U+FFFD replacement character in ${block.label} (bytes that were not UTF-8)`;
				return `mojibake: ${quote(match[0])} in ${block.label} (UTF-8 read as Latin-1 / Windows-1252)`;
			}

			return undefined;
		};
	},
};
