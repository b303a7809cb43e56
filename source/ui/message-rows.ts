import wrapAnsi from 'wrap-ansi';
import {fitWidth, terminalWidth} from './terminal-width.js';

/**
 * The message line's text in at most `most` rows of `width` columns, broken between words; the
 * last row ends in '…' when even that is not enough.
 */
export function messageRows(text: string, width: number, most: number): string[] {
	if (most <= 1 || terminalWidth(text) <= width) return [fitWidth(text, width)];
	const rows = wrapAnsi(text, width, {hard: true, trim: true}).split('\n');
	if (rows.length <= most) return rows.map(row => fitWidth(row, width));
	const kept = rows.slice(0, most - 1).map(row => fitWidth(row, width));
	return [...kept, fitWidth(rows.slice(most - 1).join(' '), width)];
}

/**
 * How many rows a query line's error gets: all it needs to be read whole, up to a sixth of the screen (at
 * least two) on a screen of 16 rows or more; one on a smaller screen, where the sample needs every row.
 */
export function errorRowCount(text: string | undefined, width: number, screenRows: number): number {
	if (text === undefined || screenRows < 16 || terminalWidth(text) <= width) return 1;
	const needed = wrapAnsi(text, width, {hard: true, trim: true}).split('\n').length;
	return Math.min(needed, Math.max(2, Math.floor(screenRows / 6)));
}
