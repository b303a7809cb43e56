// Deterministic decision sequences shared by the child writer (store-writer.mjs) and the tests that
// check what it wrote. Plain JavaScript so a bare `node` child can import it without a build step.

import {prng} from '../../bench/prng.js';

export {prng};

const crashVerdicts = ['accepted', 'rejected', 'flagged', null];

/** Number of samples the crash writer spreads its decisions over (so later decisions overwrite earlier ones). */
export const crashSamples = 40;

/**
 * The crash writer's decisions for one run, in the order it makes them, grouped into the batches it
 * flushes at once: batches[k] is a list of {sample, verdict, note}. The same (run) always gives the same list.
 */
export function crashBatches(run, count = 4000) {
	const random = prng(0x5EED + (run * 7919));
	const batches = [];
	let made = 0;
	while (made < count) {
		const size = 1 + Math.floor(random() * 5);
		const batch = [];
		for (let j = 0; j < size; j++) {
			const sample = `s${Math.floor(random() * crashSamples)}`;
			const verdict = crashVerdicts[Math.floor(random() * crashVerdicts.length)];
			batch.push({sample, verdict, note: `run ${run} #${made}`});
			made++;
		}

		batches.push(batch);
	}

	return batches;
}
