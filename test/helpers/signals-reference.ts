import {mix32, type Tokens} from '../../source/dataset/signals/text.js';

/*
The repetition, near-duplicate and duplicate computations as they were before their fast paths
(signals-equivalence.test.ts checks each fast path against its plain form here). Not used by winnow.
*/

function isSpace(code: number): boolean {
	if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
	return code === 0xA0 || code === 0x16_80 || (code >= 0x20_00 && code <= 0x20_0A) || code === 0x20_28 || code === 0x20_29 || code === 0x20_2F || code === 0x20_5F || code === 0x30_00 || code === 0xFE_FF;
}

/** near-lines.ts's fewUnits: every code unit tested against every break. */
export function referenceFewUnits(text: string): boolean {
	let breaks = 0;
	let lineRuns = 0;
	let sentenceEnds = 0;
	let previous = 0;
	for (let at = 0; at < text.length; at++) {
		const code = text.charCodeAt(at);
		if (code === 10 || code === 46 || code === 33 || code === 63 || code === 0x30_02 || code === 0xFF_01 || code === 0xFF_1F) breaks++;
		if (code === 10) {
			if (previous !== 10) lineRuns++;
		} else if (code === 0x30_02 || code === 0xFF_01 || code === 0xFF_1F || code === 0x06_1F || code === 0x09_64) {
			sentenceEnds++;
		} else if ((code === 46 || code === 33 || code === 63 || code === 0x20_26) && at + 1 < text.length && isSpace(text.charCodeAt(at + 1))) {
			sentenceEnds++;
		}

		if (breaks >= 4 && (lineRuns >= 4 || sentenceEnds >= 4)) return false;
		previous = code;
	}

	return true;
}

function shingleHash(wordHashes: Uint32Array, from: number, size: number): number {
	let hash = 0x2F_0F_53_A7;
	for (let k = 0; k < size; k++) hash = Math.imul(hash ^ wordHashes[from + k], 0x9E_37_79_B1) + k;
	return mix32(hash);
}

const sequences = new Map<string, number[]>();

function donorSequence(bins: number, bin: number): number[] {
	let sequence = sequences.get(`${bins} ${bin}`);
	if (!sequence) {
		sequence = [];
		for (let attempt = 1; attempt <= 8 * bins; attempt++) sequence.push(mix32(Math.imul(bin + 1, 0x9E_37_79_B1) + attempt) % bins);
		for (let other = 1; other < bins; other++) sequence.push((bin + other) % bins);
		sequences.set(`${bins} ${bin}`, sequence);
	}

	return sequence;
}

/** minhash.ts's signatureOfWords: a hash per shingle, its bin's smallest rank kept, empty bins borrowing one donor at a time. */
export function referenceSignature(wordHashes: Uint32Array, size: number, bins: number, into: Uint8Array, at: number): boolean {
	if (wordHashes.length < size) return false;
	const values = new Uint32Array(bins).fill(0xFF_FF_FF_FF);
	const filled = new Uint8Array(bins);
	const binShift = (bins & (bins - 1)) === 0 ? 32 - Math.log2(bins) : -1;
	for (let i = 0; i + size <= wordHashes.length; i++) {
		const hash = shingleHash(wordHashes, i, size);
		const bin = binShift === -1 ? Math.floor((hash / 4_294_967_296) * bins) : hash >>> binShift;
		const rank = mix32(hash ^ 0x5B_D1_E9_95);
		if (rank < values[bin]) values[bin] = rank;
		filled[bin] = 1;
	}

	for (let bin = 0; bin < bins; bin += 2) into[at + (bin >> 1)] = ((values[bin] & 0xF) * filled[bin]) | (((values[bin + 1] & 0xF) * filled[bin + 1]) << 4);
	if (!filled.includes(1)) return true;
	for (let bin = 0; bin < bins; bin++) {
		if (filled[bin]) continue;
		const sequence = donorSequence(bins, bin);
		let attempt = 0;
		while (filled[sequence[attempt]] === 0) attempt++;
		into[at + (bin >> 1)] |= ((values[sequence[attempt]] >>> (4 * ((attempt + 1) % 8))) & 0xF) << ((bin & 1) * 4);
	}

	return true;
}

/** minhash.ts's shingleHashes: each shingle hashed by the loop over its words, sorted, each once. */
export function referenceShingleHashes(wordHashes: Uint32Array, size: number): number[] {
	const hashes: number[] = [];
	for (let i = 0; i + size <= wordHashes.length; i++) hashes.push(shingleHash(wordHashes, i, size));
	return [...new Set(hashes)].sort((a, b) => a - b);
}

const unspaced = /[\u0E00-\u0EFF\u1000-\u109F\u1780-\u17FF\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/;

/** text.ts's tokenText: the words sliced one by one and joined. */
export function referenceTokenText(tokens: Tokens, from: number, to: number): string {
	const isUnspacedWord = (word: string) => word.length === 1 && unspaced.test(word);
	let joined = '';
	let previous = '';
	for (let k = from; k < to && k < tokens.count; k++) {
		const word = tokens.text.slice(tokens.starts[k], tokens.starts[k] + tokens.lengths[k]);
		joined += k === from || (isUnspacedWord(previous) && isUnspacedWord(word)) ? word : ` ${word}`;
		previous = word;
	}

	return tokens.lowered ? joined : joined.toLowerCase();
}

/** minhash.ts's bandKey: the band's 4-bit values read one by one. */
export function referenceBandKey(signatures: Uint8Array, at: number, band: number, rows: number): number {
	let key = 0;
	for (let row = 0; row < rows; row++) {
		const bin = (band * rows) + row;
		key |= ((signatures[at + (bin >> 1)] >> ((bin & 1) * 4)) & 0xF) << (4 * row);
	}

	return key >>> 0;
}
