import {addNormalisedToHashes, mix32} from './text.js';
import type {SampleText} from './types.js';

/*
duplicate: the same content as an earlier sample once normalised (NFKC, case folded, white space
collapsed), ids and metadata ignored. Content is compared by a 64-bit key (two independent 32-bit
hashes of the normalised text): for a million samples the chance that two different contents share
a key is about 3 in 100 million.
*/

const state = {a: 0, b: 0};
/** Each tone's marker, made once (a template string per block was a good part of the key's cost). */
const toneMarkers = new Map<string, string>();

function toneMarker(tone: string): string {
	let marker = toneMarkers.get(tone);
	if (marker === undefined) {
		marker = `\u0001${tone}\u0002`;
		toneMarkers.set(tone, marker);
	}

	return marker;
}

/** The content key: each block's role and normalised text (normaliseForDuplicates), and the images it is about, hashed two ways. */
export function contentKey(text: SampleText): {a: number; b: number} {
	state.a = 0x81_1C_9D_C5;
	state.b = 0x9E_37_79_B9;
	for (const block of text.blocks) {
		addNormalisedToHashes(toneMarker(block.tone), state);
		addNormalisedToHashes(block.text, state);
	}

	// The same question of another image is another sample.
	if (text.media !== undefined) {
		addNormalisedToHashes(toneMarker('media'), state);
		addNormalisedToHashes(text.media, state);
	}

	const a = mix32(state.a);
	const b = mix32(state.b ^ 0x85_EB_CA_6B);
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
