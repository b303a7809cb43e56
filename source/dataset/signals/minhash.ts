import {mix32} from './text.js';

/*
MinHash signatures of word-shingle sets, and LSH band keys, for near-duplicate search.

A signature is computed by one-permutation hashing with optimal densification (Li, Owen & Zhang
2012; Shrivastava 2017): each shingle is hashed once, the hash range is split into `bins` equal
parts, and each bin keeps its smallest hash; an empty bin borrows from a bin chosen by a hash
sequence both samples share. Two samples' values agree in a bin with probability equal to their
Jaccard similarity, as with k independent permutations, at the cost of one hash per shingle instead
of k (k × shingles was most of the time in a trial on 100k samples).
*/

/** Where shingleHashes hashes and sorts (grown as needed). */
let scratch = new Uint32Array(1024);
/** Up to this many shingles are sorted by insertion (no call into the native sort, which cost more for the few of most samples). */
const insertionSorted = 64;

/** Hashes of the distinct `size`-word shingles of a text (given as its words' hashes), sorted; empty with fewer than `size` words. */
export function shingleHashes(wordHashes: Uint32Array, size: number): Uint32Array {
	if (wordHashes.length < size) return new Uint32Array(0);
	const count = wordHashes.length - size + 1;
	if (count > scratch.length) scratch = new Uint32Array(2 * count);
	const shingles = scratch;
	for (let i = 0; i < count; i++) shingles[i] = shingleHash(wordHashes, i, size);
	if (count <= insertionSorted) {
		for (let i = 1; i < count; i++) {
			const value = shingles[i];
			let j = i;
			while (j > 0 && shingles[j - 1] > value) {
				shingles[j] = shingles[j - 1];
				j--;
			}

			shingles[j] = value;
		}
	} else {
		shingles.subarray(0, count).sort();
	}

	let distinct = 0;
	for (let i = 0; i < count; i++) if (i === 0 || shingles[i] !== shingles[i - 1]) shingles[distinct++] = shingles[i];
	// A buffer of its own (not a view into an arena): the near-duplicate check keeps thousands of these a while, scattered.
	return shingles.slice(0, distinct);
}

function shingleHash(wordHashes: Uint32Array, from: number, size: number): number {
	if (size === 5) return fiveWordShingle(wordHashes, from);
	let hash = 0x2F_0F_53_A7;
	for (let k = 0; k < size; k++) hash = Math.imul(hash ^ wordHashes[from + k], 0x9E_37_79_B1) + k;
	return mix32(hash);
}

/** shingleHash(wordHashes, from, 5) written out: no loop per word (the default size). */
function fiveWordShingle(wordHashes: Uint32Array, from: number): number {
	let hash = Math.imul(0x2F_0F_53_A7 ^ wordHashes[from], 0x9E_37_79_B1);
	hash = (Math.imul(hash ^ wordHashes[from + 1], 0x9E_37_79_B1) + 1) | 0;
	hash = (Math.imul(hash ^ wordHashes[from + 2], 0x9E_37_79_B1) + 2) | 0;
	hash = (Math.imul(hash ^ wordHashes[from + 3], 0x9E_37_79_B1) + 3) | 0;
	hash = (Math.imul(hash ^ wordHashes[from + 4], 0x9E_37_79_B1) + 4) | 0;
	return mix32(hash);
}

/** |A ∩ B| / |A ∪ B| of two sorted, distinct hash lists. */
export function jaccard(first: Uint32Array, second: Uint32Array): number {
	if (first.length === 0 && second.length === 0) return 1;
	let i = 0;
	let j = 0;
	let shared = 0;
	while (i < first.length && j < second.length) {
		if (first[i] === second[j]) {
			shared++;
			i++;
			j++;
		} else if (first[i] < second[j]) {
			i++;
		} else {
			j++;
		}
	}

	return shared / (first.length + second.length - shared);
}

const empty = 0xFF_FF_FF_FF;

const filled = new Uint8Array(256);
const values = new Uint32Array(256);

/**
 * The signature of a shingle set: `bins` values (at most 256, an even number), of which the low 4
 * bits are written into `into` from byte `at`, two to a byte (b-bit MinHash, Li & König 2010: two
 * samples' values agree with probability J + (1 − J) / 16, so they both estimate J and serve as LSH
 * rows; at 128 bins the estimate's error is within 0.005 of 8-bit values', in half the memory).
 */
export function signature(shingles: Uint32Array, bins: number, into: Uint8Array, at: number) {
	startSignature(bins);
	for (let i = 0; i < shingles.length; i++) addShingle(shingles[i], bins);
	finishSignature(bins, into, at);
}

/**
 * signature() of the `size`-word shingles of a text given as its words' hashes, hashed as
 * shingleHashes() hashes them but neither stored nor sorted (a bin keeps its smallest value, so
 * order and repeats do not matter). False, and nothing written, with fewer than `size` words.
 */
export function signatureOfWords(wordHashes: Uint32Array, size: number, bins: number, into: Uint8Array, at: number): boolean {
	if (wordHashes.length < size) return false;
	startSignature(bins);
	const count = wordHashes.length - size + 1;
	if (size === 5 && binShift !== -1) addFiveWordShingles(wordHashes, count, binShift);
	else for (let i = 0; i < count; i++) addShingle(shingleHash(wordHashes, i, size), bins);
	finishSignature(bins, into, at);
	return true;
}

/**
 * addShingle(shingleHash(wordHashes, i, 5)) for each of the `count` shingles, in one loop with the
 * hashes written out (the default size and a power-of-two number of bins): the same values, with no
 * call and no loop per word (a third of the time of a signature).
 */
function addFiveWordShingles(wordHashes: Uint32Array, count: number, shift: number) {
	for (let i = 0; i < count; i++) {
		let hash = Math.imul(0x2F_0F_53_A7 ^ wordHashes[i], 0x9E_37_79_B1);
		hash = (Math.imul(hash ^ wordHashes[i + 1], 0x9E_37_79_B1) + 1) | 0;
		hash = (Math.imul(hash ^ wordHashes[i + 2], 0x9E_37_79_B1) + 2) | 0;
		hash = (Math.imul(hash ^ wordHashes[i + 3], 0x9E_37_79_B1) + 3) | 0;
		hash = (Math.imul(hash ^ wordHashes[i + 4], 0x9E_37_79_B1) + 4) | 0;
		// mix32(hash), then mix32(that ^ 0x5BD1E995) as addShingle ranks it.
		hash ^= hash >>> 16;
		hash = Math.imul(hash, 0x85_EB_CA_6B);
		hash ^= hash >>> 13;
		hash = Math.imul(hash, 0xC2_B2_AE_35);
		hash ^= hash >>> 16;
		let rank = hash ^ 0x5B_D1_E9_95;
		rank ^= rank >>> 16;
		rank = Math.imul(rank, 0x85_EB_CA_6B);
		rank ^= rank >>> 13;
		rank = Math.imul(rank, 0xC2_B2_AE_35);
		rank ^= rank >>> 16;
		const bin = hash >>> shift;
		if (rank >>> 0 < values[bin]) values[bin] = rank;
		filled[bin] = 1;
	}
}

/** 32 − log2(bins) when bins is a power of two (the bin is then the hash's top bits), else -1. */
let binShift = -1;

function startSignature(bins: number) {
	values.fill(empty, 0, bins);
	filled.fill(0, 0, bins);
	binShift = (bins & (bins - 1)) === 0 ? 32 - Math.log2(bins) : -1;
}

function addShingle(hash: number, bins: number) {
	// The hash's position in [0, 2^32) picks the bin; a second hash ranks shingles within it.
	const bin = binShift === -1 ? Math.floor((hash / 4_294_967_296) * bins) : hash >>> binShift;
	const rank = mix32(hash ^ 0x5B_D1_E9_95);
	// An empty bin holds the largest value (startSignature): any rank is kept, the smallest in the end.
	if (rank < values[bin]) values[bin] = rank;
	filled[bin] = 1;
}

/** The empty bins of the signature being finished. */
const emptyBins = new Uint8Array(256);

function finishSignature(bins: number, into: Uint8Array, at: number) {
	// Two bins a byte, the filled ones' values first, without a test per bin (half the bins of a short
	// answer are empty, in no pattern a branch could guess); the empty ones are listed as they go.
	let empties = 0;
	for (let bin = 0; bin < bins; bin += 2) {
		const first = filled[bin];
		const second = filled[bin + 1];
		into[at + (bin >> 1)] = ((values[bin] & 0xF) * first) | (((values[bin + 1] & 0xF) * second) << 4);
		emptyBins[empties] = bin;
		empties += 1 - first;
		emptyBins[empties] = bin + 1;
		empties += 1 - second;
	}

	// No shingle at all: nothing to borrow.
	if (empties === bins) return;
	const donors = donorsOf(bins);
	const stride = donorStride(bins);
	for (let next = 0; next < empties; next++) {
		const bin = emptyBins[next];
		// Optimal densification: the donor sequence depends only on the bin and the attempt, the same
		// for every sample (rotation, the cheaper rule, made 3× the LSH candidates on the bench data).
		// The borrowed value is taken from other bits of the donor's hash for each attempt. The
		// sequence ends with every other bin, so a filled one is always found.
		const from = bin * stride;
		// The first eight donors at once, a bit each when filled: the first filled is the lowest bit set
		// (no branch per donor tried, which no predictor could guess); past eight, one by one.
		const tried = filled[donors[from]] | (filled[donors[from + 1]] << 1) | (filled[donors[from + 2]] << 2) | (filled[donors[from + 3]] << 3)
			| (filled[donors[from + 4]] << 4) | (filled[donors[from + 5]] << 5) | (filled[donors[from + 6]] << 6) | (filled[donors[from + 7]] << 7);
		let attempt = 31 - Math.clz32(tried & -tried);
		if (tried === 0) {
			attempt = 8;
			while (filled[donors[from + attempt]] === 0) attempt++;
		}

		into[at + (bin >> 1)] |= ((values[donors[from + attempt]] >>> (4 * ((attempt + 1) % 8))) & 0xF) << ((bin & 1) * 4);
	}
}

/** Per number of bins: each bin's donor sequence (bins × 8 tries, then every bin in turn, so one is always found), one after the other. */
const donorTables = new Map<number, Uint8Array>();

let lastBins = -1;
let lastTable: Uint8Array = new Uint8Array(0);

/** The length of one bin's donor sequence. */
function donorStride(bins: number): number {
	return (8 * bins) + bins - 1;
}

/** The donor sequences of every bin, bin b's from b × donorStride(bins). */
function donorsOf(bins: number): Uint8Array {
	if (bins === lastBins) return lastTable;
	let table = donorTables.get(bins);
	if (!table) {
		const stride = donorStride(bins);
		table = new Uint8Array(bins * stride);
		for (let of = 0; of < bins; of++) {
			let at = of * stride;
			for (let attempt = 1; attempt <= 8 * bins; attempt++) table[at++] = mix32(Math.imul(of + 1, 0x9E_37_79_B1) + attempt) % bins;
			for (let other = 1; other < bins; other++) table[at++] = (of + other) % bins;
		}

		donorTables.set(bins, table);
	}

	lastBins = bins;
	lastTable = table;
	return table;
}

function valueAt(signatures: Uint8Array, at: number, bin: number): number {
	return (signatures[at + (bin >> 1)] >> ((bin & 1) * 4)) & 0xF;
}

/**
 * Key of one band: its `rows` consecutive 4-bit signature values (of the signature at byte `at`) side
 * by side, at most 8 of them in 32 bits. Two samples share a key exactly when they agree on the band:
 * no hashing (a hash of the values cost 5 mixes a band, 60 a sample, and could only merge buckets),
 * and the radix sort of the keys skips the bytes no key uses (the top one, at 5 rows).
 */
export function bandKey(signatures: Uint8Array, at: number, band: number, rows: number): number {
	let key = 0;
	const first = band * rows;
	if (rows <= 7) {
		// Value n is bits 4n … 4n + 3 of the signature read as one little-endian number: the band's values side
		// by side are one stretch of it, read from the (at most) four bytes it lies in.
		const byte = at + (first >> 1);
		const word = signatures[byte] | (signatures[byte + 1] << 8) | (signatures[byte + 2] << 16) | (signatures[byte + 3] << 24);
		return ((word >>> ((first & 1) * 4)) & ((1 << (4 * rows)) - 1)) >>> 0;
	}


	for (let row = 0; row < rows; row++) key |= valueAt(signatures, at, first + row) << (4 * row);
	return key >>> 0;
}

/**
 * Jaccard similarity estimated from two 4-bit signatures of `bins` values (a multiple of 8), given
 * as 32-bit words of the signature bytes from word `a` and word `b`: 32 bits at a time, counting the
 * nibbles that differ.
 */
export function estimatedJaccard(words: Uint32Array, a: number, b: number, bins: number): number {
	let different = 0;
	for (let k = 0; k < bins >> 3; k++) {
		let x = words[a + k] ^ words[b + k];
		x |= x >>> 1;
		x |= x >>> 2;
		x &= 0x11_11_11_11;
		different += Math.imul(x, 0x11_11_11_11) >>> 28;
	}

	return Math.max(0, ((bins - different) / bins - 1 / 16) / (1 - 1 / 16));
}

/**
 * Bands and rows for a Jaccard threshold: the smallest number of rows, with bands enough that a pair
 * at the threshold becomes a candidate with probability ≥ 0.99 — candidates are checked by exact
 * Jaccard, so a false candidate costs time and a missed one costs recall. For 0.8: 12 bands of 5
 * (a pair at 0.8 is found with p = 0.991, at 0.5 with p = 0.32, at 0.3 with p = 0.03).
 */
export function lshParameters(threshold: number): {bands: number; rows: number} {
	const table: Array<[number, number, number]> = [[0.9, 16, 8], [0.85, 14, 6], [0.8, 12, 5], [0.7, 16, 4], [0.6, 20, 3], [0.5, 24, 2]];
	for (const [at, bands, rows] of table) if (threshold >= at) return {bands, rows};
	return {bands: 32, rows: 1};
}
