import {describe, expect, it} from 'vitest';
import {mergeDistinct, NearDuplicateFinder} from '../source/dataset/signals/near-duplicate.js';

/** A sorted list of distinct pairs (later × 2^32 + earlier), made up from `seed`. */
function pairs(count: number, seed: number): Float64Array {
	let state = seed;
	const random = () => {
		state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
		return state;
	};

	const values = new Set<number>();
	while (values.size < count) values.add(((random() % 5000) * 4_294_967_296) + (random() % 5000));
	return Float64Array.from([...values].sort((a, b) => a - b));
}

describe('candidate lists joined', () => {
	it('are merged into one sorted list, each pair once, as sorting them together gives', () => {
		const lists = [pairs(3000, 1), pairs(2000, 2), pairs(10, 3), pairs(0, 4), pairs(2500, 1)];
		const expected = [...new Set(lists.flatMap(list => [...list]))].sort((a, b) => a - b);
		expect([...NearDuplicateFinder.joinPairs(lists)]).toEqual(expected);
		expect([...mergeDistinct(lists[0], lists[0])]).toEqual([...lists[0]]);
		expect([...mergeDistinct(new Float64Array(0), lists[1])]).toEqual([...lists[1]]);
		expect(NearDuplicateFinder.joinPairs([])).toHaveLength(0);
	});
});
