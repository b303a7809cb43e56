/*
A sample longer than displayLimit is not parsed for the review screen: its first shownBytes are
shown as raw text, cut, with a note saying so (what is shown, the whole size, and that a decision applies to the
whole sample). Parsing a 256 MB line would hold it several times over in memory and keep the screen
from answering keys for seconds.
*/

/** The longest entry parsed and shown whole; a longer one is shown cut. */
export const displayLimit = 16 * 1024 * 1024;

/** How much of a cut entry is shown: more than anyone reads on a terminal, and quick to wrap. */
export const shownBytes = 1024 * 1024;

/** What is shown of a cut entry, and how long the whole entry is (bytes). */
export type Cut = {shown: number; total: number};

/** Bytes in words: `16 MB`, `256.3 MB`, `2.1 GB`. */
export function sizeText(bytes: number): string {
	const units = [['GB', 1024 ** 3], ['MB', 1024 ** 2], ['KB', 1024]] as const;
	for (const [unit, size] of units) {
		if (bytes >= size) {
			return `${(bytes / size).toFixed(1).replace(/\.0$/, '')} ${unit}`;
		}
	}

	return `${bytes} bytes`;
}

/** The screen's note over a cut entry. */
export function cutNote(cut: Cut): string {
	return `first ${sizeText(cut.shown)} of ${sizeText(cut.total)} shown, not parsed; a decision covers the whole sample`;
}
