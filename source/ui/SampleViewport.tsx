import React from 'react';
import {Box, Text} from 'ink';
import {columnGap, columnWidths, headingMark, type Cell, type Row} from './sample-rows.js';
import {toneColor} from './theme.js';
import {fitWidth, terminalWidth} from './terminal-width.js';
import {count} from '../report/render.js';
import {matchRanges, type SearchPattern} from '../review/search-pattern.js';

type Props = {rows: Row[]; height: number; width: number; scroll: number; highlight?: SearchPattern};

/** Drawn at the start of a row that holds a search match: seen without colour (NO_COLOR) too. */
export const matchMark = '>';

/**
 * The visible slice of a sample: exactly `height` rows, each within the width. Scrolled into a block,
 * the top row shows that block's label instead (the row under it was the last one of the page before).
 */
export function SampleViewport({rows, height, width, scroll, highlight}: Props) {
	const padding = Math.max(0, height - rows.length);
	const top = rows[0];
	const sticky = scroll > 0 && top !== undefined && !top.heading && top.sticky !== undefined ? top.sticky : undefined;
	const shown = sticky ? [sticky, ...rows.slice(1)] : rows;
	return (
		<Box flexDirection="column" height={height} width={width} overflow="hidden">
			{shown.map((row, i) => (
				<RowLine key={scroll + i} row={row} width={width} continued={sticky !== undefined && i === 0} highlight={highlight}/>
			))}
			{Array.from({length: padding}, (_, i) => (
				<Text key={`pad${i}`}> </Text>
			))}
		</Box>
	);
}

function cellText(cell: Cell, continued: boolean): string {
	if (!cell.heading) return cell.text;
	return `${headingMark}${cell.text}${continued ? ' (continued)' : ''}`;
}

/**
 * One row. A side-by-side row is one string padded by the terminal's measure, not two boxes: Ink lays
 * boxes out with string-width, which counts Indic text narrower than terminals draw it, and the right
 * column would be pushed past the screen's edge.
 */
function RowLine({row, width, continued, highlight}: {row: Row; width: number; continued: boolean; highlight: SearchPattern | undefined}) {
	if (row.right === undefined) {
		const text = cellText(row, continued);
		return (
			<Text wrap="truncate-end" bold={row.heading} color={row.tone ? toneColor[row.tone] : undefined}>
				{text ? <Marked text={fitWidth(text, width)} pattern={highlight}/> : ' '}
			</Text>
		);
	}

	const [leftWidth, rightWidth] = columnWidths(width);
	const left = fitWidth(cellText(row, continued), leftWidth);
	const right = fitWidth(cellText(row.right, continued), rightWidth);
	return (
		<Text wrap="truncate-end">
			<Text bold={row.heading} color={row.tone ? toneColor[row.tone] : undefined}><Marked text={left} pattern={highlight}/></Text>
			{' '.repeat(Math.max(0, leftWidth - terminalWidth(left)))}
			<Text dimColor>{columnGap}</Text>
			<Text bold={row.right.heading} color={row.right.tone ? toneColor[row.right.tone] : undefined}>{right ? <Marked text={right} pattern={highlight}/> : ' '}</Text>
		</Text>
	);
}

/**
 * The text with every match of the search in reverse video, and a mark in place of its first
 * column (the indent or the heading's bar) so the row is found without colour too.
 */
function Marked({text, pattern}: {text: string; pattern: SearchPattern | undefined}) {
	const ranges = pattern ? matchRanges(pattern, text) : [];
	if (ranges.length === 0) return <>{text}</>;
	const marked = text.startsWith(' ') || text.startsWith(headingMark) ? matchMark + text.slice(1) : text;
	const parts: React.ReactNode[] = [];
	let at = 0;
	for (const [start, end] of ranges) {
		if (start > at) parts.push(marked.slice(at, start));
		parts.push(<Text key={start} inverse>{marked.slice(start, end)}</Text>);
		at = end;
	}

	if (at < marked.length) parts.push(marked.slice(at));
	return <>{parts}</>;
}

export function scrollPosition(scroll: number, shown: number, total: number | undefined, more: boolean): string {
	if (scroll === 0 && !more) return '';
	return `rows ${count(scroll + 1)}–${count(scroll + shown)} of ${total === undefined ? `${count(scroll + shown)}+` : count(total)}`;
}
