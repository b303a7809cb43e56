import type {Block} from '../dataset/formats/index.js';
import {sanitize, sanitizeLine} from '../dataset/sanitize.js';
import {rawOrDecodedMatches} from '../dataset/search.js';

/** What `/` searches for: plain text (any case) or `/regex/flags`. */
export type SearchPattern = {
	/** As typed, for messages. */
	readonly text: string;
	/** Global; a fresh copy per use (lastIndex is state). */
	readonly regex: RegExp;
	/** The same pattern without the g flag (no lastIndex state), for the raw-text prefilter of every sample searched. */
	readonly first: RegExp;
};

/** A bad regex or flag as one sentence, else the pattern. Plain text ignores case; a regex keeps its own flags. */
export function parseSearch(text: string): SearchPattern | {error: string} {
	const literal = /^\/(.+)\/([a-z]*)$/s.exec(text);
	if (!literal) return withFirst(text, new RegExp(escapeRegex(text), 'giu'));
	const [, source, flags] = literal;
	const unknown = [...flags].find(flag => !'imsuv'.includes(flag));
	if (unknown) return {error: `the search ${text} has the flag “${unknown}”, which winnow does not take: use i, m, s or u (for example /word/i)`};
	try {
		return withFirst(text, new RegExp(source, `${[...new Set(flags)].join('')}g`));
	} catch (error) {
		return {error: `the search ${text} is not a valid regular expression (${(error as Error).message.replace(/^Invalid regular expression: /, '')}): fix it, or type the text without the slashes`};
	}
}

function withFirst(text: string, regex: RegExp): SearchPattern {
	return {text, regex, first: new RegExp(regex.source, regex.flags.replace('g', ''))};
}

function escapeRegex(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where the pattern matches in one line of text: [start, end) pairs in UTF-16 units, never empty. */
export function matchRanges(pattern: SearchPattern, text: string): Array<[number, number]> {
	const ranges: Array<[number, number]> = [];
	if (text === '') return ranges;
	const regex = new RegExp(pattern.regex.source, pattern.regex.flags);
	for (const match of text.matchAll(regex)) {
		if (match[0] === '') continue;
		ranges.push([match.index, match.index + match[0].length]);
		if (ranges.length > 10_000) break;
	}

	return ranges;
}

/** How often the pattern matches what the screen shows of these blocks: each label, then its text, as sanitised. */
export function countInBlocks(pattern: SearchPattern, blocks: readonly Block[]): number {
	let total = 0;
	for (const block of blocks) {
		if (block.label) total += matchRanges(pattern, sanitizeLine(block.label)).length;
		for (const line of sanitize(block.text).split('\n')) total += matchRanges(pattern, line).length;
	}

	return total;
}

/** A fast first test on the raw JSON text (and its decoded strings when escapes hide the text): false means no match on screen either. */
export function rawMayMatch(pattern: SearchPattern, raw: string): boolean {
	return rawOrDecodedMatches(raw, value => pattern.first.test(value));
}
