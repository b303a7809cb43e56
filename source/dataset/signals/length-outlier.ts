/*
length-outlier: a response far outside the file's length distribution. Lengths are compared on a log
scale (response lengths are skewed: a 2,000-character answer among 400-character ones is unusual,
one of 40 characters as much); the robust z-score is 0.6745 × (x − median) / MAD (Iglewicz and
Hoaglin), which a few extreme samples cannot drag along as they do a mean and standard deviation.
A file of near-uniform lengths (synthetic data: every answer 160 to 200 characters) has a MAD close to
zero, where an ordinary 1.2× length scores z 7: an outlier must also be `minRatio` times longer than the
median, or that many times shorter. On a set whose answers range from a line to pages (MAD of log length
0.5 to 1, where a z of 3.5 is already 13× to 180×) the ratio changes nothing; it speaks only where lengths barely vary.
*/

export type LengthStats = {median: number; mad: number; samples: number};

/** Median and MAD of log(1 + length) over the samples with a response (length > 0). */
export function lengthStats(lengths: Float64Array, count: number): LengthStats {
	const logs = new Float64Array(count);
	let n = 0;
	for (let i = 0; i < count; i++) if (lengths[i] > 0) logs[n++] = Math.log1p(lengths[i]);
	const values = logs.subarray(0, n);
	if (n === 0) return {median: 0, mad: 0, samples: 0};
	values.sort();
	const median = middle(values);
	for (let i = 0; i < n; i++) values[i] = Math.abs(values[i] - median);
	values.sort();
	let mad = middle(values);
	if (mad === 0) {
		// More than half the responses have the same length: fall back to the mean absolute deviation, scaled to match.
		let sum = 0;
		for (let i = 0; i < n; i++) sum += values[i];
		mad = (sum / n) * 0.7979;
	}

	return {median, mad, samples: n};
}

function middle(sorted: Float64Array): number {
	const half = sorted.length >> 1;
	return sorted.length % 2 === 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
}

export function robustZ(length: number, stats: LengthStats): number {
	if (stats.mad === 0 || length <= 0) return 0;
	return (0.6745 * (Math.log1p(length) - stats.median)) / stats.mad;
}

/** Whether a response's total length is an outlier: |robust z| above zScore and at least minRatio from the median either way. */
export function isLengthOutlier(length: number, stats: LengthStats, thresholds: {zScore: number; minRatio: number}): boolean {
	if (length <= 0) return false;
	const logRatio = Math.log1p(length) - stats.median;
	return Math.abs(robustZ(length, stats)) > thresholds.zScore && Math.abs(logRatio) >= Math.log(thresholds.minRatio);
}

export function lengthReason(length: number, stats: LengthStats): string {
	const median = Math.round(Math.expm1(stats.median));
	const z = robustZ(length, stats);
	const ratio = length / Math.max(1, median);
	const times = ratio >= 1 ? `${ratio >= 10 ? Math.round(ratio) : ratio.toFixed(1)}× the median of ${median.toLocaleString('en-US')}` : `1/${Math.round(1 / ratio)} of the median of ${median.toLocaleString('en-US')}`;
	return `length-outlier: the response is ${length.toLocaleString('en-US')} ${length === 1 ? 'character' : 'characters'}, ${times} (robust z ${z.toFixed(1)})`;
}
