import type {DecisionRecord, Verdict} from '../store/schema.js';

/*
Agreement between reviewers, on the samples that two or more of them decided (verdict not null).
Categories are the three verdicts: accepted, rejected, flagged.

	percent agreement  share of reviewer pairs, over every sample, that gave the same verdict
	Cohen's kappa      for each pair of reviewers, on the samples both decided:
	                   (p_o - p_e) / (1 - p_e), p_e from each reviewer's own verdict frequencies
	Fleiss' kappa      for three or more reviewers, on the samples at least two decided; with n_i
	                   raters on sample i and n_ij of them choosing verdict j:
	                   P_i = (sum_j n_ij^2 - n_i) / (n_i (n_i - 1)),  P = mean P_i,
	                   p_j = sum_i n_ij / sum_i n_i,  P_e = sum_j p_j^2,  kappa = (P - P_e) / (1 - P_e)
	                   (Fleiss 1971; with the same number of raters on every sample it is his formula exactly)
A kappa is null when it is undefined: no samples, or chance agreement of 1 (everyone always gave the
same single verdict).
*/

export type PairAgreement = {
	reviewers: [string, string];
	samples: number;
	agreement: number;
	kappa: number | null;
};

export type Agreement = {
	/** Samples with two or more reviewers' verdicts. */
	samples: number;
	reviewers: string[];
	/** Observed agreement over all reviewer pairs on all those samples (0–1), null with none. */
	percentAgreement: number | null;
	pairs: PairAgreement[];
	/** Fleiss' kappa, when three or more reviewers took part. */
	fleissKappa: number | null;
	/**
	 * Of `samples`, those on which every verdict was given blind (overlap mode: no reviewer saw
	 * another's verdict first), the independent ratings agreement is meant to measure.
	 */
	blindSamples?: number;
};

const categories: Verdict[] = ['accepted', 'rejected', 'flagged'];

/** Agreement from per-sample verdicts: a map of reviewer -> verdict for each sample. */
export function agreementOf(samples: Iterable<Map<string, Verdict>>): Agreement {
	const rated: Array<Map<string, Verdict>> = [];
	const reviewers = new Set<string>();
	for (const verdicts of samples) {
		if (verdicts.size < 2) continue;
		rated.push(verdicts);
		for (const reviewer of verdicts.keys()) reviewers.add(reviewer);
	}

	const names = [...reviewers].sort();
	let agreeingPairs = 0;
	let allPairs = 0;
	for (const verdicts of rated) {
		const counts = countVerdicts(verdicts.values());
		const n = verdicts.size;
		agreeingPairs += counts.reduce((sum, c) => sum + (c * (c - 1)) / 2, 0);
		allPairs += (n * (n - 1)) / 2;
	}

	const pairs: PairAgreement[] = [];
	for (let a = 0; a < names.length; a++) {
		for (let b = a + 1; b < names.length; b++) {
			const pair = cohen(names[a], names[b], rated);
			if (pair.samples > 0) pairs.push(pair);
		}
	}

	return {
		samples: rated.length,
		reviewers: names,
		percentAgreement: allPairs === 0 ? null : agreeingPairs / allPairs,
		pairs,
		fleissKappa: names.length >= 3 ? fleiss(rated.map(verdicts => countVerdicts(verdicts.values()))) : null,
	};
}

/** Groups decision records by sample into reviewer -> verdict maps, leaving out undone ones. */
export function verdictsBySample(records: Iterable<DecisionRecord>): Map<string, Map<string, Verdict>> {
	const bySample = new Map<string, Map<string, Verdict>>();
	for (const record of records) {
		if (record.verdict === null) continue;
		let verdicts = bySample.get(record.sample);
		if (!verdicts) {
			verdicts = new Map();
			bySample.set(record.sample, verdicts);
		}

		verdicts.set(record.reviewer, record.verdict);
	}

	return bySample;
}

export function cohen(first: string, second: string, samples: Array<Map<string, Verdict>>): PairAgreement {
	let both = 0;
	let agree = 0;
	const firstCounts = new Map<Verdict, number>();
	const secondCounts = new Map<Verdict, number>();
	for (const verdicts of samples) {
		const a = verdicts.get(first);
		const b = verdicts.get(second);
		if (a === undefined || b === undefined) continue;
		both++;
		if (a === b) agree++;
		firstCounts.set(a, (firstCounts.get(a) ?? 0) + 1);
		secondCounts.set(b, (secondCounts.get(b) ?? 0) + 1);
	}

	if (both === 0) return {reviewers: [first, second], samples: 0, agreement: 0, kappa: null};
	const observed = agree / both;
	const chance = categories.reduce((sum, c) => sum + ((firstCounts.get(c) ?? 0) / both) * ((secondCounts.get(c) ?? 0) / both), 0);
	return {reviewers: [first, second], samples: both, agreement: observed, kappa: kappa(observed, chance)};
}

/** Fleiss' kappa from each sample's count of raters per category. */
export function fleiss(table: number[][]): number | null {
	const subjects = table.filter(row => sum(row) >= 2);
	if (subjects.length === 0) return null;
	const totalRatings = subjects.reduce((total, row) => total + sum(row), 0);
	const width = subjects.reduce((widest, row) => Math.max(widest, row.length), 0);
	let expected = 0;
	for (let j = 0; j < width; j++) {
		const share = subjects.reduce((total, row) => total + (row[j] ?? 0), 0) / totalRatings;
		expected += share * share;
	}

	const observed = subjects.reduce((total, row) => {
		const n = sum(row);
		return total + (row.reduce((s, c) => s + (c * c), 0) - n) / (n * (n - 1));
	}, 0) / subjects.length;
	return kappa(observed, expected);
}

function kappa(observed: number, chance: number): number | null {
	if (chance >= 1) return null;
	return (observed - chance) / (1 - chance);
}

function countVerdicts(verdicts: Iterable<Verdict>): number[] {
	const counts = [0, 0, 0];
	for (const verdict of verdicts) counts[categories.indexOf(verdict)]++;
	return counts;
}

function sum(row: number[]): number {
	return row.reduce((total, n) => total + n, 0);
}
