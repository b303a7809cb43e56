import {DistinctCounter, type DistinctState} from './distinct.js';
import {mix32, tokenText, type Tokens} from './text.js';

/*
Diversity of the responses, for model collapse: distinct-1 and distinct-2 (Li et al. 2016: distinct
words and word pairs over all words and pairs of the responses), and the most common openings (first
five words; in scripts written without spaces, words as Intl.Segmenter finds them). Every response counts: each assistant turn, completion, chosen and rejected answer.
*/

export type Opening = {opening: string; responses: number};

export type DiversityFigures = {
	/** Responses read. */
	responses: number;
	/** Words in them. */
	words: number;
	/** Distinct words / words (0 with no words). */
	distinct1: number;
	/** Distinct adjacent word pairs / pairs. */
	distinct2: number;
	/** Whether distinct1 and distinct2 are exact counts (false: HyperLogLog estimates, ±1%). */
	exact: boolean;
	/** Samples in a duplicate cluster (representatives included) / samples. */
	duplicateShare: number;
	/** Samples in a near-duplicate cluster / samples. */
	nearDuplicateShare: number;
	duplicateClusters: number;
	nearDuplicateClusters: number;
	/** The ten most common openings, most common first. */
	openings: Opening[];
};

/** An accumulator's contents, to hand from one worker to another. */
export type DiversityState = {responses: number; words: number; pairs: number; unigrams: DistinctState; bigrams: DistinctState; openings: Array<[string, number]> | undefined};

const openingWords = 5;
const openingLimit = 50_000;

/** Scripts written without spaces between words, where a tokenized word is one character. */
const unspacedStart = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
let segmenter: Intl.Segmenter | undefined;

/**
 * A response's first `openingWords` words. In a script written without spaces (Chinese, Japanese, Thai, …),
 * where the tokens are characters, the words are those ICU's dictionary finds (Intl.Segmenter), from the first
 * word on: "โขลก กระเทียม กับ พริก ให้" rather than five letters. Only the opening is split this way.
 */
function openingOf(tokens: Tokens, original: string | undefined): string {
	const from = tokens.starts[0]!;
	// Below U+0E00 (Thai, the first of these scripts) no test is needed: most openings.
	if (original === undefined || tokens.text.charCodeAt(from) < 0x0E_00 || !unspacedStart.test(tokens.text.slice(from, from + 1))) return spacedOpening(tokens);
	segmenter ??= new Intl.Segmenter(undefined, {granularity: 'word'});
	// The tokens' text has a space around each such character (wordTokens): the words are found in the original.
	const start = original.search(/[\p{L}\p{N}]/u);
	// Five words of these scripts fit in 32 characters.
	const head = original.slice(start, start + 32);
	const known = openingMemo.get(head);
	if (known !== undefined) return known;
	let opening = '';
	let previousEnd = -1;
	let previous = '';
	let count = 0;
	for (const {segment, index, isWordLike} of segmenter.segment(head)) {
		if (!isWordLike) continue;
		// A space where the text has one or where a word of a spaced script meets one of these (はい OK です).
		const spaced = previousEnd >= 0 && (/\s/u.test(head.slice(previousEnd, index)) || !unspacedStart.test(previous) || !unspacedStart.test(segment));
		opening += spaced ? ` ${segment}` : segment;
		previous = segment;
		previousEnd = index + segment.length;
		if (++count >= openingWords) break;
	}

	opening = opening.toLowerCase();
	if (openingMemo.size >= openingMemoLimit) openingMemo.clear();
	openingMemo.set(head, opening);
	return opening;
}

/** Only combining marks (an emoji's variation selector U+FE0F left after "☀", a mark after a symbol): not a word of its own. */
const marksOnly = /^\p{M}+$/u;

/** The first `openingWords` words of a text in a spaced script, leaving out tokens that are only marks ("morning ☀️ sunny": "morning sunny"). */
function spacedOpening(tokens: Tokens): string {
	let marks = false;
	// Marks are U+0300 and above: most tokens need no test.
	for (let k = 0; k < tokens.count && k < openingWords + 2 && !marks; k++) marks = tokens.text.charCodeAt(tokens.starts[k]) >= 0x300 && marksOnly.test(tokenAt(tokens, k));
	if (!marks) return tokenText(tokens, 0, openingWords);
	const words: string[] = [];
	for (let k = 0; k < tokens.count && words.length < openingWords; k++) {
		const word = tokenAt(tokens, k);
		if (!marksOnly.test(word)) words.push(word);
	}

	const joined = words.join(' ');
	return tokens.lowered ? joined : joined.toLowerCase();
}

function tokenAt(tokens: Tokens, k: number): string {
	return tokens.text.slice(tokens.starts[k], tokens.starts[k] + tokens.lengths[k]);
}

/** Openings already split, by the text they were split from (the segmenter costs ~10 µs a call; templated openings repeat). */
const openingMemo = new Map<string, string>();
const openingMemoLimit = 4096;

export class DiversityAccumulator {
	responses = 0;
	words = 0;
	pairs = 0;
	private readonly unigrams: DistinctCounter;
	private readonly bigrams: DistinctCounter;
	private readonly openings: Map<string, number> | undefined;

	constructor(options: {openings: boolean; precision?: number; exactLimit?: number}) {
		this.unigrams = new DistinctCounter(options.precision, options.exactLimit);
		this.bigrams = new DistinctCounter(options.precision, options.exactLimit);
		this.openings = options.openings ? new Map() : undefined;
	}

	/** Adds a response's words; `original` is its text, where its opening's words are found (see openingOf). */
	add(tokens: Tokens, original?: string) {
		this.responses++;
		const {hashes, count} = tokens;
		let previous = 0;
		for (let i = 0; i < count; i++) {
			const hash = hashes[i];
			this.unigrams.add(hash);
			if (i > 0) this.bigrams.add(mix32(Math.imul(previous, 0x9E_37_79_B1) ^ hash));
			previous = hash;
		}

		this.words += count;
		this.pairs += Math.max(0, count - 1);
		if (this.openings && count > 0) this.addOpening(openingOf(tokens, original), 1);
	}

	state(): DiversityState {
		return {responses: this.responses, words: this.words, pairs: this.pairs, unigrams: this.unigrams.state(), bigrams: this.bigrams.state(), openings: this.openings ? [...this.openings] : undefined};
	}

	/** Adds what another accumulator (made with the same options) has read. */
	merge(other: DiversityState) {
		this.responses += other.responses;
		this.words += other.words;
		this.pairs += other.pairs;
		this.unigrams.merge(other.unigrams);
		this.bigrams.merge(other.bigrams);
		if (this.openings && other.openings) for (const [opening, seen] of other.openings) this.addOpening(opening, seen);
	}

	private addOpening(opening: string, seen: number) {
		const openings = this.openings!;
		openings.set(opening, (openings.get(opening) ?? 0) + seen);
		// Bounded memory: openings seen once are dropped now and then (a common opening is seen again soon).
		if (openings.size > openingLimit) {
			for (const [key, times] of openings) if (times === 1) openings.delete(key);
		}
	}

	figures(clusters: {duplicateShare: number; nearDuplicateShare: number; duplicateClusters: number; nearDuplicateClusters: number}): DiversityFigures {
		const openings = [...(this.openings ?? [])]
			.filter(([, seen]) => seen > 1 || (this.openings?.size ?? 0) <= 10)
			.sort((first, second) => second[1] - first[1] || (first[0] < second[0] ? -1 : 1))
			.slice(0, 10)
			.map(([opening, responses]) => ({opening, responses}));
		return {
			responses: this.responses,
			words: this.words,
			distinct1: this.words === 0 ? 0 : Math.min(1, this.unigrams.count() / this.words),
			distinct2: this.pairs === 0 ? 0 : Math.min(1, this.bigrams.count() / this.pairs),
			exact: this.unigrams.isExact && this.bigrams.isExact,
			...clusters,
			openings,
		};
	}
}
