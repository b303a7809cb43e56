/** Runs `measure` with Intl.Segmenter's segment() counted (as text measuring's fast paths are checked to skip it); returns the count. */
export function segmenterCalls(measure: () => void): number {
	const segment = Intl.Segmenter.prototype.segment;
	let calls = 0;
	Intl.Segmenter.prototype.segment = function (this: Intl.Segmenter, text: string) {
		calls++;
		return segment.call(this, text);
	};
	try {
		measure();
	} finally {
		Intl.Segmenter.prototype.segment = segment;
	}

	return calls;
}
