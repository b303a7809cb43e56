import React from 'react';
import {Text} from 'ink';
import {sanitizeLine} from '../dataset/sanitize.js';

type Props = {
	value: string;
	/** Where the cursor is in `value` (the session's field cursor, 0 … value.length). */
	cursor: number;
	placeholder?: string;
};

/**
 * A text field's text with its cursor, drawn from the session's own text and cursor. Everything typed
 * or pasted is shown through sanitizeLine, as samples are: a zero-width or tag character is a visible
 * placeholder, never itself.
 */
export function FieldText({value, cursor, placeholder}: Props) {
	if (value.length === 0) {
		const hint = placeholder ?? '';
		return (
			<Text wrap="truncate-end">
				<Text inverse>{hint.slice(0, 1) || ' '}</Text>
				<Text dimColor>{hint.slice(1)}</Text>
			</Text>
		);
	}

	const at = Math.max(0, Math.min(cursor, value.length));
	const [before, under, after] = splitAtCursor(value, at);
	return (
		<Text wrap="truncate-end">
			{sanitizeLine(before)}
			<Text inverse>{under ? sanitizeLine(under) : ' '}</Text>
			{sanitizeLine(after)}
		</Text>
	);
}

/** The text before the cursor, the character under it (a whole code point), and the rest. */
export function splitAtCursor(value: string, cursor: number): [string, string, string] {
	const code = value.codePointAt(cursor);
	const size = code === undefined ? 0 : code > 0xFF_FF ? 2 : 1;
	return [value.slice(0, cursor), value.slice(cursor, cursor + size), value.slice(cursor + size)];
}
