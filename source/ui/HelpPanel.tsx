import React from 'react';
import {Box, Text} from 'ink';
import wrapAnsi from 'wrap-ansi';
import {sanitizeLine} from '../dataset/sanitize.js';
import {defaultBindings, type Binding} from '../review/bindings.js';
import {helpRows} from '../review/key-help.js';
import {editingKeys} from './text-editing.js';

/** What the status bar's and decision line's symbols mean. */
export const symbolRows: Array<[string, string]> = [
	['✓ ✗ ⚑', 'samples accepted / rejected / flagged for bias (the status bar counts the whole dataset)'],
	['≠', 'conflicts: samples where reviewers disagree (f shows them)'],
	['○', 'this sample is undecided'],
	['saved', 'every decision is on disk (saving… while writing; not saved (n) after an error)'],
];

/** One line of a panel: a key column (bold) and text, or a heading, or dim text. */
export type PanelLine = {text: string; key?: string; heading?: boolean; dim?: boolean};

const keyColumn = 22;

function section(rows: Array<[string, string]>, width: number): PanelLine[] {
	// Narrow terminals: a key column as wide as the text leaves no room; put the text under the key.
	const column = width >= keyColumn + 24 ? keyColumn : 4;
	const lines: PanelLine[] = [];
	for (const [key, action] of rows) {
		const textWidth = Math.max(10, width - column);
		const wrapped = wrapAnsi(action, textWidth, {hard: true, trim: true}).split('\n');
		if (column < key.length + 1) lines.push({key, text: ''});
		for (const [i, text] of wrapped.entries()) {
			const first = i === 0 && column >= key.length + 1;
			lines.push({key: first ? key.padEnd(column) : ' '.repeat(column), text});
		}
	}

	return lines;
}

/**
 * Help's lines at a width, long descriptions wrapped under their key column (never cut): every
 * binding of the table by section, the text fields' editing keys, the reasons for a rejection, and the symbols.
 */
export function helpLines(width: number, bindings: readonly Binding[] = defaultBindings, reasons: readonly string[] = []): PanelLine[] {
	const note = 'Decisions are saved as you make them; quit any time and start again to resume.';
	const [keys, fields, ...rest] = helpRows(bindings);
	const titled = (title: string, rows: Array<[string, string]>): PanelLine[] => [{text: title, heading: true}, ...section(rows, width), {text: ''}];
	return [
		...titled(keys.title, keys.rows),
		...titled(fields.title, [...editingKeys, ...fields.rows]),
		// Every reason with its digit: the key bar, cut at the terminal's width, may show only the first few.
		...(reasons.length > 0 ? titled('Reasons for a rejection (the digit right after r or x)', reasons.map((reason, i) => [String(i + 1), reason])) : []),
		...titled('Symbols', symbolRows),
		...rest.flatMap(({title, rows}) => titled(title, rows)),
		...wrapAnsi(note, Math.max(10, width), {hard: true, trim: true}).split('\n').map(text => ({text, dim: true})),
	];
}

/**
 * A panel over the sample (help, stats, metadata): `height` rows of its lines from `top`. The screen scrolls
 * it (↑↓ j/k PgUp/PgDn) and shows where it is on the line below.
 */
export function Panel({lines, top, height}: {lines: PanelLine[]; top: number; height: number}) {
	const shown = lines.slice(top, top + height);
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			{shown.map((line, i) => (
				<Text key={top + i} wrap="truncate-end" bold={line.heading} dimColor={line.dim}>
					{line.key === undefined ? null : <Text bold>{line.key}</Text>}
					{line.text ? sanitizeLine(line.text) : line.key === undefined ? ' ' : ''}
				</Text>
			))}
		</Box>
	);
}
