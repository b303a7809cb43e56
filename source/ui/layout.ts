/** Rows of the review screen around the sample viewport. */
export const chromeRows = {header: 1, metadata: 1, decision: 1, message: 1, status: 1, hints: 1};

export const minimum = {columns: 40, rows: 10};

/**
 * The frame is kept one row shorter than the terminal: when Ink 6's output is as tall as the
 * terminal it clears the whole screen, scrollback included, on every render.
 */
export function frameHeight(rows: number): number {
	return Math.max(1, rows - 1);
}

export function viewportRows(rows: number): number {
	const chrome = Object.values(chromeRows).reduce((sum, n) => sum + n, 0);
	return Math.max(1, frameHeight(rows) - chrome);
}

/**
 * From this frame width up (a 120-column terminal: the frame is one column narrower), a preference
 * pair's chosen and rejected answers are shown side by side.
 */
export const sideBySideMinimumWidth = 119;
