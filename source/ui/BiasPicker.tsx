import React from 'react';
import {Box, Text} from 'ink';
import TextInput from 'ink-text-input';
import {sanitizeLine} from '../dataset/sanitize.js';
import {plainText} from './PromptLine.js';

type Props = {
	categories: string[];
	selected: string[];
	focus: number;
	note: string;
	editingNote: boolean;
	height: number;
	/** Changes when the screen edited the note itself, so the field starts again with its cursor at the end. */
	fieldKey?: number;
};

function keyFor(i: number): string {
	if (i < 9) return String(i + 1);
	return i === 9 ? '0' : ' ';
}

function ignore() {
	// The screen edits the note (App's key handler); the field only shows it and its cursor.
}

/** Pick one or more bias categories (number keys or ↑↓ space) and an optional note. */
export function BiasPicker({categories, selected, focus, note, editingNote, height, fieldKey = 0}: Props) {
	const listRows = Math.max(1, height - 3);
	const first = Math.max(0, Math.min(focus - listRows + 1, categories.length - listRows));
	const visible = categories.slice(first, first + listRows);
	return (
		<Box flexDirection="column" height={height}>
			<Text bold color="yellow">Flag for bias: pick one or more categories</Text>
			{visible.map((category, offset) => {
				const i = first + offset;
				const checked = selected.includes(category);
				return (
					<Text key={category} inverse={!editingNote && i === focus} wrap="truncate-end">
						{' '}{keyFor(i)} [{checked ? 'x' : ' '}] {sanitizeLine(category)}
					</Text>
				);
			})}
			<Box>
				<Text bold={editingNote}>note: </Text>
				{editingNote
					? <TextInput key={fieldKey} value={plainText(note)} placeholder="optional: why this is biased" onChange={ignore} onSubmit={ignore}/>
					: <Text dimColor>{note ? sanitizeLine(note) : '(tab to add one)'}</Text>}
			</Box>
		</Box>
	);
}
