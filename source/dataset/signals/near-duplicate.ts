import {bandKey, estimatedJaccard, jaccard, lshParameters, signatureOfWords} from './minhash.js';
import {FarthestUseCache, nextUses} from './farthest-use-cache.js';
import {sortByKey} from './radix-sort.js';
import {wordTokens} from './text.js';
import type {SampleText} from './types.js';
import {UnionFind} from './union-find.js';

/*
near-duplicate: word 5-gram shingle Jaccard similarity ≥ 0.8 with another sample whose normalised
content differs (identical content is `duplicate`). Candidates come from MinHash LSH (see
minhash.ts): 12 bands of 5 rows for 0.8. A candidate pair is first estimated from the two
64-byte signatures kept in memory (128 values of 4 bits) and dropped below threshold − 0.05, then checked by exact Jaccard
of the two shingle sets, made again from the words spilled while reading (shingle-spill.ts; before, the samples were
read again from the file). The estimate is what keeps the exact checks affordable: on
the bench's data (each answer reused under ~250 different questions, pairs at Jaccard 0.5–0.7) a
margin of 0.1 let through 4× as many pairs to re-read. The price: a pair just at the threshold is
missed about one time in six; one at 0.85 about one in fifty. Near-duplicates form clusters: the connected components of the checked pairs.

Which text: every content block but the system prompt and the tools list, which many samples share
by design (a long shared system prompt would make every pair of short chats look alike).
Scripts written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Myanmar): each of their
characters counts as a word, so a shingle there is 5 characters (as text-dedup and datatrove shingle
such text by characters); a Chinese answer is otherwise one or two "words" and never has a shingle.
Short texts: a sample with fewer words than a shingle (5) has no shingles, and is never a
near-duplicate: with so few words a one-word change is a different text, and identical ones are
already duplicates.
*/

/** The words' hashes of a block, each character of an unspaced script a word of its own. */
function blockWords(text: SampleText, blockText: string): Uint32Array {
	return wordTokens(blockText, text.tokens).hashes;
}

/** Where shingleSource joins the words of several blocks (grown as needed, never shrunk). */
let joined = new Uint32Array(4096);
const noWords = new Uint32Array(0);

/**
 * The words' hashes of the text near-duplicates are judged on. Valid until the next call: the words of
 * several blocks are joined in a buffer that is used again (a typed array of its own for each sample
 * cost more than its signature); the caller uses them at once or copies them (the spill does).
 */
export function shingleSource(text: SampleText): Uint32Array {
	let first: Uint32Array = noWords;
	let length = 0;
	let blocks = 0;
	for (const block of text.blocks) {
		if (block.tone === 'system') continue;
		const hashes = blockWords(text, block.text);
		if (++blocks === 1) {
			first = hashes;
			length = hashes.length;
			continue;
		}

		if (length + hashes.length > joined.length) {
			const bigger = new Uint32Array(Math.max(length + hashes.length, joined.length * 2));
			if (blocks > 2) bigger.set(joined.subarray(0, length));
			joined = bigger;
		}

		if (blocks === 2) joined.set(first);
		joined.set(hashes, length);
		length += hashes.length;
	}

	return blocks <= 1 ? first : joined.subarray(0, length);
}

/** Signature bytes kept per sample. */
export const signatureBins = 128;
/** Bytes a signature takes (4 bits a value). */
const signatureBytes = signatureBins / 2;
const signatureWords = signatureBytes / 4;
/** How many earlier members of a bucket each sample is compared with. */
const checksPerBucket = 3;
/** Estimates this far below the threshold are still checked exactly. */
const estimateMargin = 0.05;
const cacheSize = 32_768;

export class NearDuplicateFinder {
	readonly bands: number;
	readonly rows: number;
	private signatures: Uint8Array;
	private has: Uint8Array;
	checkedPairs = 0;
	candidatePairs = 0;

	constructor(readonly threshold: number, readonly shingleSize: number, capacity = 1024) {
		({bands: this.bands, rows: this.rows} = lshParameters(threshold));
		this.signatures = new Uint8Array(capacity * signatureBytes);
		this.has = new Uint8Array(capacity);
	}

	/** A finder over signatures made elsewhere (another worker's, in shared memory), to search some of their bands. */
	static over(threshold: number, shingleSize: number, arrays: {signatures: Uint8Array; has: Uint8Array}): NearDuplicateFinder {
		const finder = new NearDuplicateFinder(threshold, shingleSize, 0);
		finder.signatures = arrays.signatures;
		finder.has = arrays.has;
		return finder;
	}

	/** Makes room for `count` samples at once (no copies while growing). */
	reserve(count: number) {
		if (count > this.has.length) this.grow(count);
	}

	/** Records sample `index`'s signature (a sample left out, a duplicate or a short text, has none); whether it has one. */
	add(index: number, wordHashes: Uint32Array): boolean {
		if (index >= this.has.length) this.grow(index + 1);
		if (!signatureOfWords(wordHashes, this.shingleSize, signatureBins, this.signatures, index * signatureBytes)) return false;
		this.has[index] = 1;
		return true;
	}

	/** The signatures of samples 0 … count − 1 and which have one (sharing this finder's arrays), to hand to another worker. */
	part(count: number): {signatures: Uint8Array; has: Uint8Array} {
		return {signatures: this.signatures.subarray(0, count * signatureBytes), has: this.has.subarray(0, count)};
	}

	/**
	 * Room for `count` samples in shared memory, so that other workers can search the signatures too.
	 * A part read this way (its signatures in a shared buffer with room for the whole file) is then
	 * taken as it is when the parts are joined (adopt): no copy of the largest array.
	 */
	reserveShared(count: number) {
		const signatures = new Uint8Array(new SharedArrayBuffer(Math.max(1, count * signatureBytes)));
		const has = new Uint8Array(new SharedArrayBuffer(Math.max(1, count)));
		signatures.set(this.signatures.subarray(0, Math.min(this.signatures.length, signatures.length)));
		has.set(this.has.subarray(0, Math.min(this.has.length, has.length)));
		this.signatures = signatures;
		this.has = has;
	}

	/** The signatures and which samples have one, to search them in another worker (shared memory after reserveShared). */
	get arrays(): {signatures: Uint8Array; has: Uint8Array} {
		return {signatures: this.signatures, has: this.has};
	}

	/**
	 * Takes another part's signatures as those of samples `offset` on; `whole`: the part is all there is, its arrays
	 * are used as they are; `takeShared`: the first part, its arrays shared buffers with room for every sample
	 * (canTakeShared), whose buffers become the finder's (instead of reserveShared and a copy).
	 */
	adopt(part: {signatures: Uint8Array; has: Uint8Array}, offset: number, whole = false, takeShared = false) {
		if (whole) {
			this.signatures = part.signatures;
			this.has = part.has;
			return;
		}

		if (takeShared) {
			this.signatures = new Uint8Array(part.signatures.buffer);
			this.has = new Uint8Array(part.has.buffer);
			return;
		}

		this.reserve(offset + part.has.length);
		this.signatures.set(part.signatures, offset * signatureBytes);
		this.has.set(part.has, offset);
	}

	/** Whether `part`'s arrays are shared buffers with room for `count` samples, from their start. */
	static canTakeShared(part: {signatures: Uint8Array; has: Uint8Array}, count: number): boolean {
		const {signatures, has} = part;
		return signatures.buffer instanceof SharedArrayBuffer && has.buffer instanceof SharedArrayBuffer && signatures.byteOffset === 0 && has.byteOffset === 0
			&& signatures.buffer.byteLength >= count * signatureBytes && has.buffer.byteLength >= count;
	}

	/** Forgets a sample's signature (it turned out to duplicate a sample of an earlier part). */
	drop(index: number) {
		this.has[index] = 0;
	}

	hasShingles(index: number): boolean {
		return this.has[index] === 1;
	}

	/**
	 * Joins the samples whose shingle sets are at least `threshold` alike; `shinglesOf` gives a
	 * sample's sorted shingle hashes (re-read from the file).
	 */
	cluster(count: number, shinglesOf: (index: number) => Uint32Array): UnionFind {
		const sets = new UnionFind(count);
		const pairs = this.candidates(count, 0, this.bands);
		this.releaseSignatures();
		this.check(pairs, shinglesOf, sets);
		return sets;
	}

	/**
	 * The candidate pairs of the band range [fromBand, toBand) (later × 2^32 + earlier, sorted, each
	 * once): cluster()'s first step, which workers take some bands each of. Their lists joined
	 * (joinPairs) are cluster()'s candidates; they are then checked in shares (checkPairs).
	 */
	bandPairs(count: number, fromBand: number, toBand: number): Float64Array {
		return this.candidates(count, fromBand, toBand);
	}

	/**
	 * A share of the candidate pairs checked by exact Jaccard; returns the pairs found alike. Workers
	 * each check a stretch of the sorted list (so a sample is read again by one worker, mostly) and
	 * the pairs they return are joined: the same clusters (a pair skipped because it was joined
	 * already is joined by the pairs that joined it).
	 */
	checkPairs(count: number, pairs: Float64Array, shinglesOf: (index: number) => Uint32Array): Float64Array {
		this.releaseSignatures();
		return this.check(pairs, shinglesOf, new UnionFind(count));
	}

	/**
	 * Workers' candidate lists (each sorted, each pair once) joined: sorted, each pair once. Merged,
	 * not sorted again: the sort of the joined lists took the first worker ~2 s at 1M while the others waited.
	 */
	static joinPairs(lists: readonly Float64Array[]): Float64Array {
		if (lists.length === 0) return new Float64Array(0);
		let joined = lists[0];
		for (let next = 1; next < lists.length; next++) joined = mergeDistinct(joined, lists[next]);
		return joined;
	}

	/** Once the candidates are known the signatures are not needed (the biggest array: 64 bytes a sample); which samples had one is kept. */
	releaseSignatures() {
		this.signatures = new Uint8Array(0);
	}

	/** Checks pairs by exact Jaccard, joining those alike in `sets` (pairs already joined are skipped); returns them. */
	private check(pairs: Float64Array, shinglesOf: (index: number) => Uint32Array, sets: UnionFind): Float64Array {
		// The samples in the order they are asked for (each pair's later one, then its earlier one), for the cache.
		const order = new Int32Array(2 * pairs.length);
		for (let at = 0; at < pairs.length; at++) {
			order[2 * at] = Math.floor(pairs[at] / 4_294_967_296);
			order[(2 * at) + 1] = pairs[at] % 4_294_967_296;
		}

		const samples = pairs.length === 0 ? 0 : order[2 * (pairs.length - 1)] + 1;
		const next = nextUses(order, samples);
		const cache = new FarthestUseCache<Uint32Array>(cacheSize, samples);
		const alike: number[] = [];
		for (let at = 0; at < pairs.length; at++) {
			const first = order[2 * at];
			const second = order[(2 * at) + 1];
			if (sets.find(first) === sets.find(second)) {
				// Not read now: what the cache holds of the two is next needed later.
				cache.skip(first, next[2 * at]);
				cache.skip(second, next[(2 * at) + 1]);
				continue;
			}

			this.checkedPairs++;
			if (jaccard(cache.get(first, next[2 * at], shinglesOf), cache.get(second, next[(2 * at) + 1], shinglesOf)) >= this.threshold) {
				sets.union(first, second);
				alike.push(pairs[at]);
			}
		}

		return Float64Array.from(alike);
	}

	/**
	 * Candidate pairs whose estimate passes, as later × 2^32 + earlier, sorted, each once: in each
	 * band, each sample with the (at most) `checksPerBucket` samples before it with the same band key.
	 * The samples are sorted by band key (radix sort, stable: file order within a key) rather than
	 * put in a hash table of buckets: the walk is then in order, and the signatures compared are
	 * mostly in cache (each sample is compared with those just before it).
	 */
	private candidates(count: number, fromBand: number, toBand: number): Float64Array {
		const {signatures, has, rows} = this;
		const words = new Uint32Array(signatures.buffer, signatures.byteOffset, signatures.length >> 2);
		let withSignatures = 0;
		for (let index = 0; index < count; index++) withSignatures += has[index];
		const keys = new Uint32Array(withSignatures);
		const members = new Uint32Array(withSignatures);
		const spareKeys = new Uint32Array(withSignatures);
		const spareMembers = new Uint32Array(withSignatures);
		const floor = this.threshold - estimateMargin;
		let pairs = new Float64Array(1024);
		let pairCount = 0;
		for (let band = fromBand; band < toBand; band++) {
			let n = 0;
			for (let index = 0; index < count; index++) {
				if (!has[index]) continue;
				keys[n] = bandKey(signatures, index * signatureBytes, band, rows);
				members[n++] = index;
			}

			sortByKey(keys, members, n, spareKeys, spareMembers);
			let runStart = 0;
			for (let at = 0; at < n; at++) {
				if (keys[at] !== keys[runStart]) runStart = at;
				const index = members[at];
				for (let back = at - 1; back >= runStart && back >= at - checksPerBucket; back--) {
					const other = members[back];
					this.candidatePairs++;
					if (estimatedJaccard(words, index * signatureWords, other * signatureWords, signatureBins) < floor) continue;
					if (pairCount === pairs.length) {
						const bigger = new Float64Array(pairs.length * 2);
						bigger.set(pairs);
						pairs = bigger;
					}

					pairs[pairCount++] = (index * 4_294_967_296) + other;
				}
			}
		}

		return distinctSorted(pairs.subarray(0, pairCount));
	}

	private grow(needed: number) {
		let capacity = Math.max(1024, this.has.length);
		while (capacity < needed) capacity *= 2;
		const signatures = new Uint8Array(capacity * signatureBytes);
		signatures.set(this.signatures);
		const has = new Uint8Array(capacity);
		has.set(this.has);
		this.signatures = signatures;
		this.has = has;
	}
}

/** Two sorted lists of distinct values merged into one, each value once. */
export function mergeDistinct(first: Float64Array, second: Float64Array): Float64Array {
	const merged = new Float64Array(first.length + second.length);
	let i = 0;
	let j = 0;
	let count = 0;
	while (i < first.length && j < second.length) {
		const a = first[i];
		const b = second[j];
		if (a < b) {
			merged[count++] = a;
			i++;
		} else if (b < a) {
			merged[count++] = b;
			j++;
		} else {
			merged[count++] = a;
			i++;
			j++;
		}
	}

	while (i < first.length) merged[count++] = first[i++];
	while (j < second.length) merged[count++] = second[j++];
	return count === merged.length ? merged : merged.slice(0, count);
}

/** The list sorted with repeats left out (in place; a copy of the distinct part, so the rest of the buffer can go). */
function distinctSorted(pairs: Float64Array): Float64Array {
	const sorted = pairs.sort();
	let distinct = 0;
	for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i];
	return sorted.slice(0, distinct);
}
