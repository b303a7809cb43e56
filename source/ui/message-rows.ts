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
