import fc from 'fast-check';

/**
 * Dataset lines for the scan's property tests: ids from a small set (so repeated), lines without an
 * id (a hash id), ids written with escapes, cut (malformed) lines and numeric ids.
 */
export function datasetLine({textLength, noIdText}: {textLength: number; noIdText: fc.Arbitrary<string | number>}): fc.Arbitrary<string> {
	return fc.oneof(
		{weight: 6, arbitrary: fc.tuple(fc.nat(30), fc.string({maxLength: textLength})).map(([id, text]) => JSON.stringify({id: `s${id}`, text}))},
		{weight: 2, arbitrary: noIdText.map(text => JSON.stringify({text: `no id ${text}`}))},
		{weight: 1, arbitrary: fc.nat(30).map(id => `{"id":"\\u0073${id}","text":"escaped"}`)},
		{weight: 1, arbitrary: fc.nat(30).map(id => `{"id":"s${id}","text":"cut`)},
		{weight: 1, arbitrary: fc.nat(30).map(id => `{"id":${id},"n":1}`)},
	);
}

/** A decision on one of those ids (some on ids no line has): sample number, reviewer, verdict (null: withdrawn). */
export const decisionTuple = fc.tuple(fc.nat(34), fc.constantFrom('ann', 'bob'), fc.constantFrom('accepted', 'rejected', 'flagged', null));
