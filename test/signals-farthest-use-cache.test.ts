import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {FarthestUseCache, never, nextUses} from '../source/dataset/signals/farthest-use-cache.js';

/** Reads a plain simulation of Belady's rule needs: on a miss with the cache full, the one needed farthest ahead (the new one included) is not kept. */
function optimalReads(samples: number[], capacity: number): number {
	const nextAt = (from: number, sample: number) => {
		const found = samples.indexOf(sample, from + 1);
		return found === -1 ? Number.POSITIVE_INFINITY : found;
	};

	const kept = new Set<number>();
	let reads = 0;
	for (const [at, sample] of samples.entries()) {
		if (kept.has(sample)) continue;
		reads++;
		if (capacity === 0 || nextAt(at, sample) === Number.POSITIVE_INFINITY) continue;
		if (kept.size < capacity) {
			kept.add(sample);
			continue;
		}

		let farthest = sample;
		for (const other of kept) if (nextAt(at, other) > nextAt(at, farthest)) farthest = other;
		if (farthest !== sample) {
			kept.delete(farthest);
			kept.add(sample);
		}
	}

	return reads;
}

describe('FarthestUseCache', () => {
	it('gives each sample its own value and reads no more often than Belady’s rule', () => {
		fc.assert(fc.property(fc.array(fc.integer({min: 0, max: 12}), {maxLength: 80}), fc.integer({min: 0, max: 6}), (samples, capacity) => {
			const order = Int32Array.from(samples);
			const next = nextUses(order, 13);
			const cache = new FarthestUseCache<{sample: number}>(capacity, 13);
			let reads = 0;
			for (const [at, sample] of samples.entries()) {
				const value = cache.get(sample, next[at], made => {
					reads++;
					return {sample: made};
				});
				expect(value.sample).toBe(sample);
			}

			expect(reads).toBe(optimalReads(samples, capacity));
		}), {numRuns: 2000});
	});

	it('keeps values right when some uses skip their value', () => {
		fc.assert(fc.property(fc.array(fc.tuple(fc.integer({min: 0, max: 12}), fc.boolean()), {maxLength: 80}), fc.integer({min: 0, max: 6}), (uses, capacity) => {
			const next = nextUses(Int32Array.from(uses.map(([sample]) => sample)), 13);
			const cache = new FarthestUseCache<{sample: number}>(capacity, 13);
			for (const [at, [sample, skipped]] of uses.entries()) {
				if (skipped) cache.skip(sample, next[at]);
				else expect(cache.get(sample, next[at], made => ({sample: made})).sample).toBe(sample);
			}
		}), {numRuns: 2000});
	});

	it('knows each position’s next use of the same sample', () => {
		expect([...nextUses(Int32Array.from([3, 1, 3, 3, 1, 2]), 4)]).toEqual([2, 4, 3, never, never, never]);
	});

	it('reads far fewer times than a least-recently-used cache of the same size on a sequence that cycles', () => {
		// 0 1 2 3 4 0 1 2 3 4 …: LRU with room for 4 misses every time; keeping what is needed soonest does not.
		const samples = Array.from({length: 100}, (_, at) => at % 5);
		const next = nextUses(Int32Array.from(samples), 5);
		const cache = new FarthestUseCache<number>(4, 5);
		let reads = 0;
		for (const [at, sample] of samples.entries()) {
			cache.get(sample, next[at], made => {
				reads++;
				return made;
			});
		}

		expect(reads).toBeLessThan(30);
	});
});
