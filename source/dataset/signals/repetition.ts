import type {SignalConfig} from './config.js';
import {percent, quote, responseName, type SampleSignal} from './detector.js';
import {withoutTables} from './markdown-table.js';
import {proseOf} from './prose.js';
import {linesOf, paragraphsOf, sentencesOf, unitRepeats} from './repeated-units.js';
import {codeAwareFinding} from './code-repetition.js';
import {nearRepeatedUnits} from './near-lines.js';
import {longestRepeatedRun} from './repeated-run.js';
import {markTandemRepeats} from './tandem.js';
import {mix32, tokenize, type Tokens} from './text.js';
import {repetitionWords} from './word-units.js';

/*
Degenerate loops, by the Gopher / MassiveText repetition rules (Rae et al. 2021, table A1; as
datatrove's GopherRepetitionFilter computes them) over each response:
- duplicate lines / paragraphs: share of lines (paragraphs) that repeat an earlier one, and share of
  the characters in them (repeated-units.ts: list markers are not part of a line); a response on one
  line is cut into sentences instead, and they are judged as lines are;
- top 2-, 3-, 4-gram: share of the characters covered by the most frequent word n-gram (only when it
  occurs more than once, and only in responses of `minWordsForTopNgrams` words or more: Gopher set its
  thresholds for web documents, and in a 60-word answer naming "the Great Barrier Reef" three times
  the topic's name alone passes them). Overlapping occurrences cover each word once, so the share is
  never more than the text (datatrove multiplies count by length);
- duplicate 5- … 10-gram: share of the characters in word n-grams seen earlier in the response.
The n-gram rules apply to responses of at least `minWords` words. In scripts written without spaces
(Chinese, Japanese, Thai, …) each character is a word, and a word that is one short pattern over and
over ("hahaha…") is that many words (word-units.ts).

Gopher judged web pages, where any repetition is boilerplate. A response repeats itself on purpose
too: a poem's refrain, a song's chorus, a reference list's "Retrieved …", code's similar functions.
What a loop does that these do not is repeat content back to back — the copy right after its original
(tandem.ts): "the the the", a sentence or a cycle of sentences over and over, a paragraph five times,
a list item twenty times. A short poem or song (verseMaxLines lines or fewer) whose lines come back
at most refrainMaxCopies times, or each time after a new line, is judged without its refrain's later copies (withoutRefrain): "Happy
birthday to you" three times in four lines is no loop, a line four times is. Beyond that, every rule counts only the repeats that lie in a back-to-back repeat,
against Gopher's thresholds. Repeats with new content between them count too when whole lines,
paragraphs or sentences repeated anywhere make up more than `spreadShare` of the response — of its
prose, when it holds code (prose.ts): repetition spread through code is how code is written. Markdown
tables are judged as code is (markdown-table.ts): the rules read the response without them, and its
table rows count only as whole lines repeated anywhere, more than `spreadShare` of the response.
*/

type RepetitionConfig = SignalConfig['repetition'];
/** `spread`: counts repeats wherever they lie, not only back-to-back ones. */
type Finding = {ratio: number; threshold: number; reason: string; spread: boolean};

/** Whole units repeated anywhere in the response fire once they are more than this share of it. */
export const spreadShare = 0.5;

/** Reused open-addressing table of 32-bit keys with an integer each, cleared by bumping a generation. */
class KeyTable {
	private keys = new Uint32Array(1024);
	private values = new Int32Array(1024);
	private stamps = new Int32Array(1024);
	private generation = 0;
	private mask = 1023;

	reset(expected: number) {
		if (expected * 2 > this.keys.length) {
			let size = this.keys.length;
			while (size < expected * 2) size *= 2;
			this.keys = new Uint32Array(size);
			this.values = new Int32Array(size);
			this.stamps = new Int32Array(size);
			this.mask = size - 1;
			this.generation = 0;
		}

		this.generation++;
	}

	/** Adds one to the key's count and returns the new count. */
	add(key: number): number {
		const slot = this.slot(key);
		if (this.stamps[slot] !== this.generation) {
			this.claim(slot, key, 1);
			return 1;
		}

		return ++this.values[slot];
	}

	/** Sets the key's value to `value` and returns the value it had, or −1. */
	swap(key: number, value: number): number {
		const slot = this.slot(key);
		if (this.stamps[slot] !== this.generation) {
			this.claim(slot, key, value);
			return -1;
		}

		const old = this.values[slot];
		this.values[slot] = value;
		return old;
	}

	private slot(key: number): number {
		let slot = key & this.mask;
		while (this.stamps[slot] === this.generation && this.keys[slot] !== key) slot = (slot + 1) & this.mask;
		return slot;
	}

	private claim(slot: number, key: number, value: number) {
		this.stamps[slot] = this.generation;
		this.keys[slot] = key;
		this.values[slot] = value;
	}
}

const table = new KeyTable();
let ngrams = new Uint32Array(1024);
let previous = new Int32Array(1024);
let covered = new Uint8Array(1024);
let looping = new Uint8Array(1024);

function ensure(count: number) {
	if (ngrams.length >= count) return;
	const size = Math.max(count, ngrams.length * 2);
	ngrams = new Uint32Array(size);
	previous = new Int32Array(size);
	covered = new Uint8Array(size);
	looping = new Uint8Array(size);
}

function unitFindings(findings: Finding[], units: string[], total: number, name: string, countFraction: number, charFraction: number) {
	if (units.length < 2) return;
	const {units: count, repeats, repeatChars, loops, loopChars} = unitRepeats(units);
	if (repeats === 0) return;
	const repeatedShare = (ratio: number) => `${percent(ratio)} of the response is repeated ${name}s`;
	if (loops > 0) {
		findings.push({ratio: loops / count, threshold: countFraction, reason: `${percent(loops / count)} of the response's ${name}s repeat an earlier one`, spread: false});
		findings.push({ratio: loopChars / total, threshold: charFraction, reason: repeatedShare(loopChars / total), spread: false});
	}

	if (repeatChars > loopChars) findings.push({ratio: repeatChars / total, threshold: spreadShare, reason: repeatedShare(repeatChars / total), spread: true});
}

/** The finding that passes its threshold by the widest margin, among those of one kind. */
function worstOf(findings: Finding[], spread: boolean): Finding | undefined {
	let worst: Finding | undefined;
	for (const finding of findings) {
		if (finding.spread !== spread || finding.ratio <= finding.threshold) continue;
		if (!worst || finding.ratio / finding.threshold > worst.ratio / worst.threshold) worst = finding;
	}

	return worst;
}

/**
 * The rule this response breaks by the widest margin, or undefined: a back-to-back loop first; else
 * repetition spread through the response, judged on its prose when it holds code.
 */
export function repetitionFinding(response: string, tokens: Tokens, config: RepetitionConfig, proseOnly = false, lines = false): Finding | undefined {
	const finding = rulesFinding(response, tokens, config, proseOnly, lines);
	// A short poem's refrain is looked for only in what the rules find (most responses repeat nothing).
	if (finding === undefined) return undefined;
	// A song or poem in short lines repeats words within its lines ("Swish, swish, swish"): judged by its lines alone.
	if (!lines && isVerse(response)) return repetitionFinding(response, tokens, config, proseOnly, true);
	const verse = withoutRefrain(response);
	if (verse === undefined) return finding;
	return verse === '' ? undefined : repetitionFinding(verse, tokenize(verse), config, proseOnly, lines);
}

/** The fewest lines, and the longest line, of a text judged as verse. */
const verseMinLines = 8;
const verseMaxLineLength = 60;

/**
 * A song, poem or chant: at least `verseMinLines` lines (not blank), none longer than `verseMaxLineLength`
 * characters, nor more than a long song has. A loop in it repeats whole lines, which the line rules find;
 * words repeated inside its short lines are the song's.
 */
function isVerse(response: string): boolean {
	if (response.length > verseMaxLines * 4 * verseMaxLineLength) return false;
	let count = 0;
	for (const line of response.split('\n')) {
		const trimmed = line.trim();
		if (trimmed === '') continue;
		if (trimmed.length > verseMaxLineLength || /[{};=<>`|]/.test(trimmed)) return false;
		count++;
	}

	return count >= verseMinLines;
}

/** The rules' finding, without the refrain's exemption. */
function rulesFinding(response: string, tokens: Tokens, config: RepetitionConfig, proseOnly: boolean, linesOnly: boolean): Finding | undefined {
	const total = response.length;
	if (total === 0) return undefined;
	const rest = withoutTables(response);
	if (rest !== undefined) return repetitionFinding(rest, tokenize(rest), config, proseOnly, linesOnly) ?? repeatedRows(response);
	const findings: Finding[] = [];
	const oneLine = !response.includes('\n') || !response.trim().includes('\n');
	if (!oneLine) {
		unitFindings(findings, linesOf(response), total, 'line', config.duplicateLineFraction, config.duplicateLineCharFraction);
		unitFindings(findings, paragraphsOf(response), total, 'paragraph', config.duplicateParagraphFraction, config.duplicateParagraphCharFraction);
	}

	if (linesOnly) return worstOf(findings, false) ?? worstOf(findings, true);
	const {words, characters} = repetitionWords(tokens);
	const pairs = ngramFindings(words, characters * 2 > words.count ? 'character' : 'word', total, config, findings);
	// Sentences repeated back to back repeat their words back to back; spread through the text, their word pairs.
	if (oneLine && (pairs.looping || pairs.coveredShare > spreadShare / 2)) unitFindings(findings, sentencesOf(response), total, 'sentence', config.duplicateLineFraction, config.duplicateLineCharFraction);
	const loop = worstOf(findings, false);
	if (loop) return loop;
	const spread = worstOf(findings, true);
	if (!spread || proseOnly) return spread;
	const prose = proseOf(response);
	return prose === response ? spread : repetitionFinding(prose, tokenize(prose), config, true);
}

/** The most lines (not blank) a short poem or song has: its refrain's copies are not a loop. */
export const verseMaxLines = 16;
/** A line of a short poem sung more often than this is a loop, not a refrain. */
export const refrainMaxCopies = 3;
/** The longest refrain line: a longer line repeated is prose repeated. */
const refrainMaxLength = 100;

/**
 * A short text in lines (a poem, a song, a chant) whose repeated lines are a refrain — each at most
 * `refrainMaxCopies` times or each time after a new line, none longer than `refrainMaxLength`, with other lines besides — without the
 * refrain's later copies: the rules then judge what is left (a loop inside a line is still one).
 * '' when nothing is left to judge; undefined when the text is not such a one.
 */
function withoutRefrain(response: string): string | undefined {
	// Most responses are prose on one line or longer than a short poem: no split for them.
	if (response.length > verseMaxLines * (refrainMaxLength + 100) || !response.includes('\n')) return undefined;
	const lines = response.split('\n');
	if (lines.length > verseMaxLines * 3) return undefined;
	const keys = lines.map(line => refrainKey(line));
	const copies = new Map<string, number>();
	let count = 0;
	for (const key of keys) {
		if (key === '') continue;
		count++;
		copies.set(key, (copies.get(key) ?? 0) + 1);
	}

	if (count < 3 || count > verseMaxLines || copies.size < 2 || copies.size === count) return undefined;
	for (const [key, times] of copies) if (times > 1 && (key.length > refrainMaxLength || (times > refrainMaxCopies && !betweenNewLines(keys, key, copies)))) return undefined;
	const seen = new Set<string>();
	const kept = lines.filter((line, index) => {
		const key = keys[index];
		if (key === '') return true;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
	return kept.join('\n').trim();
}

/**
 * Whether each copy of a line after the first comes after a line of its own (one said once in the text):
 * a refrain sung between new verses, however often ("…the gulls were calling out to me. / And still I
 * wait… / The boats went out… / And still I wait…"); a loop repeats it back to back or with the same lines between.
 */
function betweenNewLines(keys: readonly string[], key: string, copies: ReadonlyMap<string, number>): boolean {
	// A line new but for its numbers is no new line: "The answer is 5. / Wait, let me check again. / The answer is 6. / …" is a loop.
	const shapes = new Map<string, number>();
	for (const line of keys) if (line !== '') shapes.set(numbersAside(line), (shapes.get(numbersAside(line)) ?? 0) + 1);
	let seen = false;
	let fresh = false;
	for (const line of keys) {
		if (line === '') continue;
		if (line === key) {
			if (seen && !fresh) return false;
			seen = true;
			fresh = false;
		} else if (copies.get(line) === 1 && shapes.get(numbersAside(line)) === 1) {
			fresh = true;
		}
	}

	return true;
}

function numbersAside(line: string): string {
	return line.replaceAll(/\p{N}+/gu, '#');
}

/** A line as a refrain repeats it: its words in lower case, list markers, section labels' brackets and end punctuation aside. */
function refrainKey(line: string): string {
	return line.trim().toLowerCase().replace(/^(?:[-*•>]+|\d+[.)])\s+/u, '').replace(/[\s\p{P}]+$/u, '').replace(/\s+/gu, ' ');
}

/** Whole lines — table rows among them — repeated exactly anywhere, when they are more than `spreadShare` of the response. */
function repeatedRows(response: string): Finding | undefined {
	const {repeatChars} = unitRepeats(linesOf(response), false);
	const ratio = repeatChars / response.length;
	return ratio > spreadShare ? {ratio, threshold: spreadShare, reason: `${percent(ratio)} of the response is repeated lines`, spread: true} : undefined;
}

/** What the word-pair pass learnt: whether any words repeat back to back, and the share of the text in repeated word pairs. */
type PairFacts = {looping: boolean; coveredShare: number};

/**
 * Adds the n-gram rules' findings. `noun`: what a word is called in a reason ("character" where each
 * character of an unspaced script is one).
 */
function ngramFindings(tokens: Tokens, noun: string, total: number, config: RepetitionConfig, findings: Finding[]): PairFacts {
	const n = tokens.count;
	if (n < 2) return {looping: false, coveredShare: 0};
	ensure(n);
	const {hashes, lengths, starts} = tokens;

	// Word pairs and where each was last seen: the candidates for back-to-back repeats.
	table.reset(n);
	covered.fill(0, 0, n);
	let repeated = false;
	for (let i = 0; i + 1 < n; i++) {
		ngrams[i] = mix32(Math.imul(hashes[i], 0x9E_37_79_B1) ^ hashes[i + 1]);
		previous[i] = table.swap(ngrams[i], i);
		if (previous[i] >= 0) {
			covered[i] = covered[i + 1] = 1;
			repeated = true;
		}
	}

	previous[n - 1] = -1;
	if (!repeated) return {looping: false, coveredShare: 0};
	let coveredChars = 0;
	for (let i = 0; i < n; i++) if (covered[i]) coveredChars += lengths[i] + 1;
	const facts = {looping: markTandemRepeats(hashes, n, previous, looping), coveredShare: coveredChars / total};
	if (!facts.looping || n < config.minWords) return facts;
	// Every n-gram rule counts words in back-to-back repeats only: too few of them and none can fire.
	let loopChars = 0;
	for (let i = 0; i < n; i++) if (looping[i]) loopChars += lengths[i] + (i > 0 && looping[i - 1] ? starts[i] - starts[i - 1] - lengths[i - 1] : 0);
	const smallest = Math.min(...config.topNgramCharFraction, ...config.duplicateNgramCharFraction);
	if (loopChars / total <= smallest) return facts;
	// When most of the loop is one word (or a few) over and over, the reason names it rather than the n-gram rule's figures.
	const run = longestRepeatedRun(tokens, noun);
	const named = (reason: string) => (run !== undefined && run.chars * 2 >= loopChars ? run.reason : reason);

	// ngrams[i] holds the hash of the (size)-gram starting at word i.
	for (let size = 2; size <= 10 && size <= n; size++) {
		if (size > 2) {
			for (let i = 0; i + size <= n; i++) ngrams[i] = mix32(Math.imul(ngrams[i], 0x9E_37_79_B1) ^ hashes[i + size - 1]);
		}

		const count = n - size + 1;
		if (size <= 4 && n < config.minWordsForTopNgrams) continue;
		if (size <= 4) {
			table.reset(count);
			let best = 0;
			let bestAt = 0;
			for (let i = 0; i < count; i++) {
				const seen = table.add(ngrams[i]);
				if (seen > best) {
					best = seen;
					bestAt = i;
				}
			}

			if (best > 1) {
				const {chars, times} = coverage(tokens, ngrams[bestAt], count, size);
				if (chars > 0) {
					const gram = quote(tokens.text.slice(tokens.starts[bestAt], tokens.starts[bestAt + size - 1] + lengths[bestAt + size - 1]));
					findings.push({ratio: chars / total, threshold: config.topNgramCharFraction[size - 2], reason: named(`${gram} makes up ${percent(chars / total)} of the response (${times} times)`), spread: false});
				}
			}
		} else {
			// datatrove's find_all_duplicate: an n-gram seen before counts its characters and is skipped whole.
			table.reset(count);
			let chars = 0;
			let i = 0;
			while (i < count) {
				const earlier = table.swap(ngrams[i], i);
				if (earlier >= 0) {
					// Words in a back-to-back repeat, as their earlier copies are.
					for (let k = 0; k < size; k++) if (looping[i + k] && looping[earlier + k]) chars += lengths[i + k];
					i += size;
				} else {
					i++;
				}
			}

			const ratio = chars / total;
			if (chars > 0) findings.push({ratio, threshold: config.duplicateNgramCharFraction[size - 5], reason: named(`${percent(ratio)} of the response is repeated ${size}-${noun} runs`), spread: false});
		}
	}

	return facts;
}

/**
 * The characters the occurrences of one n-gram cover in back-to-back repeats (each word once, however
 * the occurrences overlap: "how how how how" in a run of 68 "how"s covers those 68 words, not 65 × 4,
 * with the characters between them), and how many occurrences do not overlap. Uses `covered` as scratch.
 */
function coverage(tokens: Tokens, hash: number, count: number, size: number): {chars: number; times: number} {
	const {lengths, starts} = tokens;
	covered.fill(0, 0, tokens.count);
	let times = 0;
	let end = 0;
	for (let i = 0; i < count; i++) {
		if (ngrams[i] !== hash) continue;
		for (let k = i; k < i + size; k++) covered[k] = looping[k];
		if (i >= end) {
			times++;
			end = i + size;
		}
	}

	let chars = 0;
	for (let i = 0; i < tokens.count; i++) {
		if (!covered[i]) continue;
		chars += lengths[i];
		// What lies between this word and the one before, when that is covered too.
		if (i > 0 && covered[i - 1]) chars += starts[i] - starts[i - 1] - lengths[i - 1];
	}

	return {chars, times};
}

export const repetition: SampleSignal = {
	name: 'repetition',
	make(config) {
		return text => {
			for (const [index, response] of text.responses.entries()) {
				let finding = repetitionFinding(response, text.tokens(response), config.repetition);
				// Code and program output are judged apart from the prose (code-repetition.ts), once the rules find something.
				if (finding && (response.includes('```') || response.includes('~~~'))) {
					finding = codeAwareFinding(response, (part, tokens) => repetitionFinding(part, tokens, config.repetition), (copies, unit) => ({ratio: 1, threshold: 0, spread: false, reason: `${quote(unit)} comes back ${copies} times in a row in a code block`}));
				}

				const where = text.responseKinds[index] === 'answer' ? '' : ` (in ${responseName(text, index)})`;
				if (finding) return `repetition: ${finding.reason}${where}`;
				const near = nearRepeatedUnits(response);
				if (near) return `repetition: ${near.repeats} of ${near.units} ${near.kind}s say an earlier one again in other words${where}`;
			}

			return undefined;
		};
	},
};
