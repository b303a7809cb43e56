import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {sortByKey} from '../source/dataset/signals/radix-sort.js';

describe('sortByKey (the near-duplicate bands\' grouping)', () => {
	it('sorts 32-bit keys and keeps equal keys\' values in their order, as a stable sort does', () => {
		// Few distinct keys (many equal ones) and keys over the whole 32-bit range, top bits included.
		const key = fc.oneof(fc.integer({min: 0, max: 7}), fc.nat({max: 0xFF_FF_FF_FF}), fc.constantFrom(0x80_00_00_00, 0xFF_FF_FF_FF, 0x01_00_00_00));
		fc.assert(fc.property(fc.array(key, {maxLength: 300}), fc.nat({max: 5}), (list, extra) => {
			const count = list.length;
			const keys = new Uint32Array(count + extra);
			keys.set(list);
			const values = Uint32Array.from({length: count + extra}, (_, index) => index);
			sortByKey(keys, values, count, new Uint32Array(count), new Uint32Array(count));
			const expected = list.map((value, index) => ({value, index})).sort((first, second) => first.value - second.value);
			expect([...keys.subarray(0, count)]).toEqual(expected.map(item => item.value));
			expect([...values.subarray(0, count)]).toEqual(expected.map(item => item.index));
			// Entries past `count` are left alone.
			expect([...values.subarray(count)]).toEqual(Array.from({length: extra}, (_, index) => count + index));
		}), {numRuns: 500});
	});
});
