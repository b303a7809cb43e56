/*
How many columns a terminal draws a text in. Terminals (tmux, xterm, glibc's wcwidth) measure code point
by code point: combining and format characters (Unicode Mn, Me, Cf) take none, spacing marks (Mc, such
as the vowel signs of Indic scripts) one, East Asian wide and fullwidth characters and emoji two. Measuring a
grapheme cluster by its first code point (string-width) counts `ગુજરાત` 4 where tmux draws 5: the frame grows
past the screen and its header scrolls away.

Where terminals disagree (emoji ZWJ sequences and skin-tone modifiers: some draw one glyph of two columns,
tmux and wcwidth-based ones each part), the wider count is taken: a row measured too wide only ends a little
early, one measured too narrow breaks the frame.

Wrapping (sample-rows.ts) breaks only between grapheme clusters, found with Intl.Segmenter.
*/
import {eastAsianWidthType} from 'get-east-asian-width';

const zeroWidthCategory = /[\p{Mn}\p{Me}\p{Cf}]/u;
const spacingMark = /\p{Mc}/u;
const emojiPresentation = /\p{Emoji_Presentation}/u;
const variationSelector16 = 0xFE_0F;

/**
 * What is known of each code point of the Basic Multilingual Plane, worked out once each: 0 = not yet,
 * else (width + 1) | extendsFlag.
 */
const bmpWidths = new Uint8Array(0x1_00_00);
const extendsFlag = 4;
const zeroWidthJoiner = 0x20_0D;

function computeWidth(codePoint: number): 0 | 1 | 2 {
	// C0 and C1 controls draw nothing (the sanitiser has replaced them before anything is measured).
	if (codePoint < 0x20 || (codePoint >= 0x7F && codePoint < 0xA0)) return 0;
	// The soft hyphen is Cf but terminals draw it (wcwidth: 1).
	if (codePoint === 0xAD) return 1;
	// Hangul medial vowels and final consonants join the syllable before them (wcwidth: 0).
	if (codePoint >= 0x11_60 && codePoint <= 0x11_FF) return 0;
	const character = String.fromCodePoint(codePoint);
	if (zeroWidthCategory.test(character)) return 0;
	const type = eastAsianWidthType(codePoint);
	if (type === 'wide' || type === 'fullwidth' || emojiPresentation.test(character)) return 2;
	return 1;
}

function bmpEntry(codePoint: number): number {
	let known = bmpWidths[codePoint];
	if (known === 0) {
		const width = computeWidth(codePoint);
		known = (width + 1) | (width === 0 || spacingMark.test(String.fromCodePoint(codePoint)) ? extendsFlag : 0);
		bmpWidths[codePoint] = known;
	}

	return known;
}

/** Columns one code point takes in a terminal: 0, 1 or 2. */
export function codePointWidth(codePoint: number): 0 | 1 | 2 {
	if (codePoint >= 0x20 && codePoint < 0x7F) return 1;
	if (codePoint < 0x1_00_00) return ((bmpEntry(codePoint) & 3) - 1) as 0 | 1 | 2;
	return computeWidth(codePoint);
}

/**
 * Does this code point belong to the cluster before it: a combining or spacing mark, a joiner, a
 * variation selector, or anything right after a zero-width joiner? A cheap stand-in for grapheme
 * segmentation where a text is too long to segment.
 */
export function extendsCluster(codePoint: number, previous: number): boolean {
	if (previous === zeroWidthJoiner) return true;
	if (codePoint < 0x3_00) return false;
	if (codePoint < 0x1_00_00) return (bmpEntry(codePoint) & extendsFlag) !== 0;
	return computeWidth(codePoint) === 0 || spacingMark.test(String.fromCodePoint(codePoint));
}

/**
 * Text of characters one column wide each that are each their own grapheme cluster (printable ASCII,
 * Latin, Greek, Cyrillic, general punctuation; no combining mark, soft hyphen, joiner or variation
 * selector): as wide as it is long, and cut anywhere.
 */
const oneColumn = /^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u02FF\u0370-\u0482\u048A-\u052F\u2010-\u2027\u2030-\u205F]*$/;

/**
 * Columns a text takes in a terminal: the sum of its code points' widths, and an emoji presentation
 * sequence (a one-column symbol followed by U+FE0F, such as ☺️ or 1️⃣) two. Text without control
 * characters is expected: pass it through the sanitiser first.
 */
export function terminalWidth(text: string): number {
	if (text.length === 1) return codePointWidth(text.charCodeAt(0));
	if (oneColumn.test(text)) return text.length;
	let width = 0;
	let previous = 0;
	for (const character of text) {
		const codePoint = character.codePointAt(0)!;
		if (codePoint === variationSelector16) {
			// The terminals that honour it draw the symbol before it two columns wide.
			if (previous === 1) width++;
			previous = 2;
			continue;
		}

		previous = codePointWidth(codePoint);
		width += previous;
	}

	return width;
}

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** A text's grapheme clusters (what a reader sees as one character): a row may break only between them. */
export function graphemeClusters(text: string): string[] {
	if (oneColumn.test(text)) return [...text];
	return Array.from(graphemes.segment(text), ({segment}) => segment);
}

/** The longest start of `text` that fits in `width` columns, cut between grapheme clusters; '…' marks a cut. */
export function fitWidth(text: string, width: number): string {
	if (terminalWidth(text) <= width) return text;
	if (width <= 0) return '';
	let fitted = '';
	let used = 0;
	for (const cluster of graphemeClusters(text)) {
		const clusterWidth = terminalWidth(cluster);
		if (used + clusterWidth > width - 1) break;
		fitted += cluster;
		used += clusterWidth;
	}

	return `${fitted}…`;
}
