/**
 * Sorts `keys[0 … count)` (32-bit) in place, carrying `values` along, by least-significant-digit
 * radix sort (four passes of 8 bits): stable, so values with equal keys keep their order. `spareKeys`
 * and `spareValues` are scratch of at least `count` entries.
 */
export function sortByKey(keys: Uint32Array, values: Uint32Array, count: number, spareKeys: Uint32Array, spareValues: Uint32Array) {
	// The four digits' counts in one read of the keys (not one read a pass).
	const counts = new Uint32Array(1024);
	for (let i = 0; i < count; i++) {
		const key = keys[i];
		counts[key & 0xFF]++;
		counts[256 + ((key >>> 8) & 0xFF)]++;
		counts[512 + ((key >>> 16) & 0xFF)]++;
		counts[768 + (key >>> 24)]++;
	}

	let fromKeys = keys;
	let fromValues = values;
	let toKeys = spareKeys;
	let toValues = spareValues;
	for (let shift = 0; shift < 32; shift += 8) {
		const base = shift * 32;
		// A pass where every key has the same digit moves nothing.
		if (count === 0 || counts[base + ((fromKeys[0] >>> shift) & 0xFF)] === count) continue;
		let sum = 0;
		for (let digit = base; digit < base + 256; digit++) {
			const here = counts[digit];
			counts[digit] = sum;
			sum += here;
		}

		for (let i = 0; i < count; i++) {
			const key = fromKeys[i];
			const at = counts[base + ((key >>> shift) & 0xFF)]++;
			toKeys[at] = key;
			toValues[at] = fromValues[i];
		}

		[fromKeys, toKeys] = [toKeys, fromKeys];
		[fromValues, toValues] = [toValues, fromValues];
	}

	if (fromKeys !== keys) {
		keys.set(fromKeys.subarray(0, count));
		values.set(fromValues.subarray(0, count));
	}
}
