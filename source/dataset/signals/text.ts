/*
Text helpers the signals share: the normalised form duplicates are compared in, word splitting, and
two independent 32-bit string hashes (a 64-bit key between them).
*/

const asciiOnly = /^[\u0000-\u007F]*$/;

/**
 * Unicode NFKC, case folded, white space collapsed to one space and trimmed: two texts equal in
 * this form are duplicates. Zero-width characters and the BOM count as white space.
 */
export function normaliseForDuplicates(text: string): string {
	const composed = asciiOnly.test(text) ? text : text.normalize('NFKC');
	return composed.toLowerCase().replace(/[\s\u200B-\u200D\u2060\uFEFF]+/g, ' ').trim();
}

/** FNV-1a over UTF-16 code units. */
export function hashA(text: string, seed = 0x81_1C_9D_C5): number {
	let hash = seed;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01_00_01_93);
	}

	return hash >>> 0;
}

/** A murmur3-style mix over UTF-16 code units, independent of hashA. */
export function hashB(text: string, seed = 0x9E_37_79_B9): number {
	let hash = seed ^ text.length;
	for (let i = 0; i < text.length; i++) {
		let k = Math.imul(text.charCodeAt(i), 0xCC_9E_2D_51);
		k = (k << 15) | (k >>> 17);
		hash ^= Math.imul(k, 0x1B_87_35_93);
		hash = Math.imul((hash << 13) | (hash >>> 19), 5) + 0xE6_54_6B_64;
	}

	hash ^= hash >>> 16;
	hash = Math.imul(hash, 0x85_EB_CA_6B);
	hash ^= hash >>> 13;
	hash = Math.imul(hash, 0xC2_B2_AE_35);
	hash ^= hash >>> 16;
	return hash >>> 0;
}

/** Final mix of a 32-bit integer (murmur3 fmix32). */
export function mix32(value: number): number {
	let hash = value;
	hash ^= hash >>> 16;
	hash = Math.imul(hash, 0x85_EB_CA_6B);
	hash ^= hash >>> 13;
	hash = Math.imul(hash, 0xC2_B2_AE_35);
	hash ^= hash >>> 16;
	return hash >>> 0;
}

/** Words: runs of letters, digits, marks and inner apostrophes or hyphens; lower case. */
const wordPattern = /[\p{L}\p{N}\p{M}]+(?:['’\-][\p{L}\p{N}\p{M}]+)*/gu;

export function wordsOf(text: string): string[] {
	return text.toLowerCase().match(wordPattern) ?? [];
}

/** Curly quotes made straight, white space collapsed, lower case, and contractions in one form, for phrase matching. */
export function normaliseForPhrases(text: string): string {
	return text.toLowerCase().replace(phraseVariants, variant => {
		switch (variant[0]) {
			case '‘':
			case '’':
			case 'ʼ':
			case '`':
			case '´': {
				return "'";
			}

			case '“':
			case '”': {
				return '"';
			}

			case 'i': {
				return "i'm";
			}

			case 'c': {
				return 'cannot';
			}

			case 'd': {
				return "don't";
			}

			case 'w': {
				return "won't";
			}

			default: {
				return ' ';
			}
		}
	});
}

const phraseVariants = /[‘’ʼ`´“”]|\s+|\bi am\b|\bcan ?not\b|\bcan[’']t\b|\bdo not\b|\bwill not\b/g;
