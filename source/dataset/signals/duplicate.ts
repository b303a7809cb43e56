import {addNormalisedToHashes, duplicateSeedA, duplicateSeedB, mix32} from './text.js';
import type {SampleText, TextBlock} from './types.js';

/*
duplicate: the same content as an earlier sample once normalised (NFKC, case folded, white space
collapsed), ids and metadata ignored. Content is compared by a 64-bit key (two independent 32-bit
hashes of each block's normalised text, folded block by block; a block's are made as its words are read): for a million samples the chance that two different contents share
a key is about 3 in 100 million.
*/

const state = {a: 0, b: 0};

/** Each tone's marker hashed (as a block's text is), made once. */
const toneHashes = new Map<string, {a: number; b: number}>();

function toneHash(tone: string): {a: number; b: number} {
	let hashes = toneHashes.get(tone);
	if (hashes === undefined) {
		hashes = textHashes(`\u0001${tone}\u0002`);
		toneHashes.set(tone, hashes);
	}

	return hashes;
}

/** The two hashes of a text's normalised form (normaliseForDuplicates), from their seeds. */
function textHashes(text: string): {a: number; b: number} {
	state.a = duplicateSeedA;
	state.b = duplicateSeedB;
	addNormalisedToHashes(text, state);
	return {a: state.a, b: state.b};
}

let keyA = 0;
let keyB = 0;

/** Adds one text's pair of hashes to the key: a step that maps distinct pairs to distinct keys, whatever came before. */
function addToKey(a: number, b: number) {
	keyA = Math.imul(keyA ^ a, 0x9E_37_79_B1);
	keyA ^= keyA >>> 15;
	keyB = Math.imul(keyB ^ b, 0x85_EB_CA_6B);
	keyB ^= keyB >>> 13;
}

/** A text's normalised hashes, made in a pass of their own, added to the key. */
function addOwnPass(text: string) {
	state.a = duplicateSeedA;
	state.b = duplicateSeedB;
	addNormalisedToHashes(text, state);
	addToKey(state.a, state.b);
}

/** System prompts' hashes by their text: most samples of a dataset share one of a few (a Map's native hash of the text costs less than a pass of ours). */
const systemHashes = new Map<string, {a: number; b: number}>();
const systemHashesLimit = 256;

/**
 * Adds a block's normalised hashes: a system prompt's as found before; another block's as tokenize
 * found them reading its words (every block but the system prompt is tokenized anyway), else made apart.
 */
function addBlock(text: SampleText, block: TextBlock) {
	if (block.tone === 'system') {
		let hashes = systemHashes.get(block.text);
		if (hashes === undefined) {
			hashes = textHashes(block.text);
			if (systemHashes.size >= systemHashesLimit) systemHashes.clear();
			systemHashes.set(block.text, hashes);
		}

		addToKey(hashes.a, hashes.b);
		return;
	}

	const tokens = text.tokens(block.text);
	if (tokens.duplicateRead) addToKey(tokens.duplicateA!, tokens.duplicateB!);
	else addOwnPass(block.text);
}

/**
 * The content key: each block's role and normalised text (normaliseForDuplicates), and the images it
 * is about, each hashed two ways and the hashes folded in order.
 */
export function contentKey(text: SampleText): {a: number; b: number} {
	keyA = 0x81_1C_9D_C5;
	keyB = 0x9E_37_79_B9;
	for (const block of text.blocks) {
		const tone = toneHash(block.tone);
		addToKey(tone.a, tone.b);
		addBlock(text, block);
	}

	// The same question of another image is another sample.
	if (text.media !== undefined) {
		const tone = toneHash('media');
		addToKey(tone.a, tone.b);
		addOwnPass(text.media);
	}

	const a = mix32(keyA);
	const b = mix32(keyB ^ 0x85_EB_CA_6B);
	// (0, 0) is kept for an entry with no content (malformed): never a content's key.
	return {a, b: a === 0 && b === 0 ? 1 : b};
}

/** The key a malformed entry has in the engine's arrays: it duplicates nothing, not even another malformed entry. */
export function isNoContentKey(a: number, b: number): boolean {
	return a === 0 && b === 0;
}

/** First occurrences by content key: open addressing over typed arrays, no object per sample. */
export class ContentTable {
	private first = new Uint32Array(1 << 12);
	private second = new Uint32Array(1 << 12);
	private index = new Int32Array(1 << 12).fill(-1);
	private size = 0;

	/** Makes room for `count` keys at once (no copies while growing). */
	reserve(count: number) {
		let capacity = this.index.length;
		while (count * 2 > capacity) capacity *= 2;
		if (capacity === this.index.length) return;
		if (this.size > 0) throw new Error('ContentTable.reserve: only before the first key');
		this.first = new Uint32Array(capacity);
		this.second = new Uint32Array(capacity);
		this.index = new Int32Array(capacity).fill(-1);
	}

	/** The index of the first sample with this content key, after recording `sample` as it if it is the first. */
	firstOf({a, b}: {a: number; b: number}, sample: number): number {
		return this.firstOfKey(a, b, sample);
	}

	firstOfKey(a: number, b: number, sample: number): number {
		const mask = this.index.length - 1;
		let slot = b & mask;
		while (this.index[slot] !== -1) {
			if (this.first[slot] === a && this.second[slot] === b) return this.index[slot];
			slot = (slot + 1) & mask;
		}

		this.first[slot] = a;
		this.second[slot] = b;
		this.index[slot] = sample;
		if (++this.size * 2 > this.index.length) this.grow();
		return sample;
	}

	private grow() {
		const {first, second, index} = this;
		const capacity = index.length * 2;
		this.first = new Uint32Array(capacity);
		this.second = new Uint32Array(capacity);
		this.index = new Int32Array(capacity).fill(-1);
		const mask = capacity - 1;
		for (let old = 0; old < index.length; old++) {
			if (index[old] === -1) continue;
			let slot = second[old] & mask;
			while (this.index[slot] !== -1) slot = (slot + 1) & mask;
			this.first[slot] = first[old];
			this.second[slot] = second[old];
			this.index[slot] = index[old];
		}
	}
}
