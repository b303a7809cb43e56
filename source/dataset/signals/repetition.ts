import type {SignalConfig} from './config.js';
import {percent, quote, responseName, type SampleSignal} from './detector.js';
import {mix32, tokenText, type Tokens} from './text.js';

/*
Degenerate loops, by the Gopher / MassiveText repetition rules (Rae et al. 2021, table A1; as
datatrove's GopherRepetitionFilter computes them) over each response:
- duplicate lines / paragraphs: share of lines (paragraphs) that repeat an earlier one, and share of
  the characters in them;
- top 2-, 3-, 4-gram: share of the characters covered by the most frequent word n-gram (only when it
  occurs more than once, and only in responses of `minWordsForTopNgrams` words or more: Gopher set its
  thresholds for web documents, and in a 60-word answer naming "the Great Barrier Reef" three times
  the topic's name alone passes them). Overlapping occurrences cover each word once, so the share is
  never more than the text (datatrove multiplies count by length);
- duplicate 5- … 10-gram: share of the characters in word n-grams seen earlier in the response.
Lines with no letter or digit (a closing brace, a Markdown rule) are not counted as lines. The n-gram
rules apply to responses of at least `minWords` words.
*/

type Finding = {ratio: number; threshold: number; reason: string};

/** Reused open-addressing table of 32-bit keys with counts, cleared by bumping a generation. */
class CountTable {
	private keys = new Uint32Array(1024);
	private counts = new Int32Array(1024);
	private stamps = new Int32Array(1024);
	private generation = 0;
	private mask = 1023;

	reset(expected: number) {
		if (expected * 2 > this.keys.length) {
			let size = this.keys.length;
			while (size < expected * 2) size *= 2;
			this.keys = new Uint32Array(size);
			this.counts = new Int32Array(size);
			this.stamps = new Int32Array(size);
			this.mask = size - 1;
			this.generation = 0;
		}

		this.generation++;
	}

	/** Adds one to the key's count and returns the new count. */
	add(key: number): number {
		let slot = key & this.mask;
		for (;;) {
			if (this.stamps[slot] !== this.generation) {
				this.stamps[slot] = this.generation;
				this.keys[slot] = key;
				this.counts[slot] = 1;
				return 1;
			}

			if (this.keys[slot] === key) return ++this.counts[slot];
			slot = (slot + 1) & this.mask;
		}
	}
}

const table = new CountTable();
let ngrams = new Uint32Array(1024);
let covered = new Uint8Array(1024);

function ensure(count: number) {
	if (ngrams.length >= count) return;
	const size = Math.max(count, ngrams.length * 2);
	ngrams = new Uint32Array(size);
	covered = new Uint8Array(size);
}

function hasText(line: string): boolean {
	return /[\p{L}\p{N}]/u.test(line);
}

function duplicates(parts: string[]): {count: number; chars: number} {
	const seen = new Set<string>();
	let count = 0;
	let chars = 0;
	for (const part of parts) {
		if (seen.has(part)) {
			count++;
			chars += part.length;
		} else {
			seen.add(part);
		}
	}

	return {count, chars};
}

/** The rule this response breaks by the widest margin, or undefined. */
export function repetitionFinding(response: string, tokens: Tokens, config: SignalConfig['repetition']): Finding | undefined {
	const total = response.length;
	if (total === 0) return undefined;
	const findings: Finding[] = [];
	// One line is one line and one paragraph: nothing to repeat.
	if (response.includes('\n')) {
		const lines = response.split(/\n+/).map(line => line.trim()).filter(line => hasText(line));
		if (lines.length > 1) {
			const {count, chars} = duplicates(lines);
			if (count > 0) {
				findings.push({ratio: count / lines.length, threshold: config.duplicateLineFraction, reason: `${percent(count / lines.length)} of the response's lines repeat an earlier line`});
				findings.push({ratio: chars / total, threshold: config.duplicateLineCharFraction, reason: `${percent(chars / total)} of the response is repeated lines`});
			}
		}

		const paragraphs = response.trim().split(/\n{2,}/).map(paragraph => paragraph.trim()).filter(paragraph => hasText(paragraph));
		if (paragraphs.length > 1) {
			const {count, chars} = duplicates(paragraphs);
			if (count > 0) {
				findings.push({ratio: count / paragraphs.length, threshold: config.duplicateParagraphFraction, reason: `${percent(count / paragraphs.length)} of the response's paragraphs repeat an earlier one`});
				findings.push({ratio: chars / total, threshold: config.duplicateParagraphCharFraction, reason: `${percent(chars / total)} of the response is repeated paragraphs`});
			}
		}
	}

	const n = tokens.count;
	if (n >= config.minWords && n >= 2) findings.push(...ngramFindings(tokens, total, config));
	let worst: Finding | undefined;
	for (const finding of findings) {
		if (finding.ratio > finding.threshold && (!worst || finding.ratio / finding.threshold > worst.ratio / worst.threshold)) worst = finding;
	}

	return worst;
}

function ngramFindings(tokens: Tokens, total: number, config: SignalConfig['repetition']): Finding[] {
	const n = tokens.count;
	ensure(n);
	const {hashes, lengths} = tokens;

	// Cheap bound first: n-gram rules can only fire where repeated bigrams cover enough of the text.
	table.reset(n);
	covered.fill(0, 0, n);
	for (let i = 0; i + 1 < n; i++) {
		ngrams[i] = mix32(Math.imul(hashes[i], 0x9E_37_79_B1) ^ hashes[i + 1]);
		if (table.add(ngrams[i]) > 1) covered[i] = covered[i + 1] = 1;
	}

	let coveredChars = 0;
	for (let i = 0; i < n; i++) if (covered[i]) coveredChars += lengths[i] + 1;
	const [top2, top3, top4] = config.topNgramCharFraction;
	const smallest = Math.min(top2 / 2, top3 / 2, top4 / 2, ...config.duplicateNgramCharFraction);
	if (coveredChars / total < smallest) return [];

	const findings: Finding[] = [];
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
				const ratio = chars / total;
				const gram = tokenText(tokens, bestAt, bestAt + size);
				findings.push({ratio, threshold: config.topNgramCharFraction[size - 2], reason: `${quote(gram)} makes up ${percent(ratio)} of the response (${times} times)`});
			}
		} else {
			// datatrove's find_all_duplicate: an n-gram seen before counts its characters and is skipped whole.
			table.reset(count);
			let chars = 0;
			let i = 0;
			while (i < count) {
				if (table.add(ngrams[i]) > 1) {
					for (let k = 0; k < size; k++) chars += lengths[i + k];
					i += size;
				} else {
					i++;
				}
			}

			if (chars > 0) findings.push({ratio: chars / total, threshold: config.duplicateNgramCharFraction[size - 5], reason: `${percent(chars / total)} of the response is repeated ${size}-word runs`});
		}
	}

	return findings;
}

/**
 * The characters the occurrences of one n-gram cover (each word once, however the occurrences overlap:
 * "how how how how" in a run of 68 "how"s covers those 68 words, not 65 × 4), and how many occurrences
 * do not overlap. Uses `covered` as scratch.
 */
function coverage(tokens: Tokens, hash: number, count: number, size: number): {chars: number; times: number} {
	const {lengths} = tokens;
	covered.fill(0, 0, tokens.count);
	let times = 0;
	let end = 0;
	for (let i = 0; i < count; i++) {
		if (ngrams[i] !== hash) continue;
		for (let k = i; k < i + size; k++) covered[k] = 1;
		if (i >= end) {
			times++;
			end = i + size;
		}
	}

	let chars = 0;
	for (let i = 0; i < tokens.count; i++) {
		if (!covered[i]) continue;
		chars += lengths[i];
		// The space between two covered words of the same run.
		if (i > 0 && covered[i - 1]) chars += 1;
	}

	return {chars, times};
}

export const repetition: SampleSignal = {
	name: 'repetition',
	make(config) {
		return text => {
			for (const [index, response] of text.responses.entries()) {
				const finding = repetitionFinding(response, text.tokens(response), config.repetition);
				if (finding) return `repetition: ${finding.reason.replaceAll('the response', responseName(text, index))}`;
			}

			return undefined;
		};
	},
};
