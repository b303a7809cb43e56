import React from 'react';
import {Box, Text} from 'ink';
import {FieldText} from './FieldText.js';

type Props = {
	label: string;
	value: string;
	placeholder?: string;
	/** Where the cursor is (the session's field cursor). */
	cursor: number;
};

/** A one-line text field (note, go to, search) in place of the message line. */
export function PromptLine({label, value, placeholder, cursor}: Props) {
	// The screen edits the text (App's key handler); the field only shows the text and the cursor.
	const shown = plainText(value);
	return (
		<Box>
			<Text bold color="cyan">{label} </Text>
			<FieldText value={shown} cursor={Math.min(cursor, shown.length)} placeholder={placeholder}/>
		</Box>
	);
}

/**
 * Typed or pasted text never keeps control characters: a note is plain text. Also applied to the
 * text a field starts with (an old note read from the decisions file), which the field shows raw.
 */
export function plainText(text: string): string {
	return text.replaceAll(/[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\p{Cs}]/gu, '');
}
