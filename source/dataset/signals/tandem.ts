/*
Back-to-back repeats ("tandem repeats") in a sequence of ids — words, lines, paragraphs or
sentences: a stretch that is a copy of the stretch right before it. "x x x", "a b c a b c a b c" and
a paragraph written five times are such repeats; a poem's refrain (a line repeated with new lines
between) and code's similar functions are not, since new content comes between the copies.

Stretch [s, e) repeats with period d when ids[k] === ids[k - d] for every k in it; it is back to back
when e − s ≥ d (the copy reaches its original), or nearly: one id in eight of the period may differ
("Day 2" before the second copy of a paragraph, "Day 3" before the third). Candidate periods come from `previous`: the distance
from each position to the last earlier start of the same gram (the caller's grams: word pairs, or
one line), so a period is found where the repeat begins, or a few grams later when the repeated text
itself holds the gram twice.
*/

/**
 * Marks (1 in `marks`) every position of `ids[0 … count)` inside a back-to-back repeat, the first
 * copy included; returns whether there is one. `previous[i]`: the last position before i where the
 * same gram starts, or −1. Linear: a failed candidate skips the stretch it matched.
 */
export function markTandemRepeats(ids: ArrayLike<number>, count: number, previous: Int32Array, marks: Uint8Array): boolean {
	marks.fill(0, 0, count);
	let found = false;
	let i = 0;
	while (i < count) {
		const earlier = previous[i];
		if (earlier < 0) {
			i++;
			continue;
		}

		const period = i - earlier;
		let forward = 0;
		while (i + forward < count && ids[i + forward] === ids[i + forward - period]) forward++;
		// Back over what a shorter, wrong candidate skipped (at most one period is needed).
		let back = 0;
		while (back < period && i - back - 1 - period >= 0 && ids[i - back - 1] === ids[i - back - 1 - period]) back++;
		if (forward + back >= period - (period >> 3)) {
			marks.fill(1, i - back - period, i + forward);
			found = true;
		}

		i += Math.max(forward, 1);
	}

	return found;
}
