import React from 'react';
import {Box, Text} from 'ink';
import {sanitizeLine} from '../dataset/sanitize.js';
import {FieldText} from './FieldText.js';
import {plainText} from './PromptLine.js';

type Props = {
	/** The picker's title (default: the bias picker's). */
	title?: string;
	/** Without a note field (the reasons picker). */
	noNote?: boolean;
	categories: string[];
	selected: string[];
	focus: number;
	note: string;
	editingNote: boolean;
	height: number;
	/** The note field's cursor (the session's field cursor). */
	cursor?: number;
};

function keyFor(i: number): string {
	if (i < 9) return String(i + 1);
	return i === 9 ? '0' : ' ';
}

/** Marks the focused category in text too: NO_COLOR turns reverse video off. */
export const focusMark = '›';

/**
 * How many rows the picker takes at the bottom of the sample's viewport: its list, title and note,
 * leaving at least three rows of the sample above it; all of a short viewport (under 12 rows), where
 * the list needs every row.
 */
export function pickerHeight(items: number, viewport: number): number {
	if (viewport < 12) return viewport;
	return Math.min(items + 2, viewport - 3);
}

/**
 * Which categories the list shows in `rows` rows: all of them if they fit, else a window that keeps
 * the focused one in view and one row saying how many more there are above and below.
 */
export function categoryWindow(count: number, focus: number, rows: number): {first: number; shown: number; above: number; below: number} {
	if (count <= rows) return {first: 0, shown: count, above: 0, below: 0};
	const shown = Math.max(1, rows - 1);
	const first = Math.max(0, Math.min(focus - shown + 1, count - shown));
	return {first, shown, above: first, below: count - first - shown};
}

/** Pick one or more bias categories (number keys or ↑↓ space) and an optional note. */
export function BiasPicker({title: heading = 'Flag for bias: pick one or more categories', noNote = false, categories, selected, focus, note, editingNote, height, cursor = 0}: Props) {
	// In a very short viewport the title gives its row to the list (the key hints say what to do).
	const title = height >= Math.min(5, categories.length + (noNote ? 1 : 2));
	const {first, shown, above, below} = categoryWindow(categories.length, focus, Math.max(1, height - (title ? 1 : 0) - (noNote ? 0 : 1)));
	const visible = categories.slice(first, first + shown);
	const more = [above > 0 ? `↑ ${above} more` : '', below > 0 ? `↓ ${below} more` : ''].filter(Boolean).join(' · ');
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			{title ? <Text bold color="yellow" wrap="truncate-end">{heading}</Text> : null}
			{visible.map((category, offset) => {
				const i = first + offset;
				const checked = selected.includes(category);
				const focused = !editingNote && i === focus;
				return (
					<Text key={category} inverse={focused} wrap="truncate-end">
						{focused ? focusMark : ' '}{keyFor(i)} [{checked ? 'x' : ' '}] {sanitizeLine(category)}
					</Text>
				);
			})}
			{more ? <Text dimColor wrap="truncate-end">  {more} (↑↓ j/k)</Text> : null}
			{noNote ? null : <Box>
				<Text bold={editingNote}>note: </Text>
				{editingNote
					? <FieldText value={plainText(note)} cursor={cursor} placeholder="optional: why this is biased"/>
					: <Text dimColor wrap="truncate-end">{note ? sanitizeLine(note) : '(tab to add one)'}</Text>}
			</Box>}
		</Box>
	);
}
