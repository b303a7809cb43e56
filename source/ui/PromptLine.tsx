import React from 'react';
import {Box, Text} from 'ink';
import TextInput from 'ink-text-input';

type Props = {
	label: string;
	value: string;
	placeholder?: string;
	/** Changes when the screen edited the text itself, so the field starts again with its cursor at the end. */
	fieldKey?: number;
};

function ignore() {
	// The screen edits the text (App's key handler, one key at a time even when keys come in one
	// chunk); the field only shows the text and its cursor.
}

/** A one-line text field (note, go to, search) in place of the message line. */
export function PromptLine({label, value, placeholder, fieldKey = 0}: Props) {
	return (
		<Box>
			<Text bold color="cyan">{label} </Text>
			<TextInput key={fieldKey} value={plainText(value)} placeholder={placeholder} onChange={ignore} onSubmit={ignore}/>
		</Box>
	);
}

/**
 * Typed or pasted text never keeps control characters: a note is plain text. Also applied to the
 * text a field starts with (an old note read from the decisions file), which the field shows raw.
 */
export function plainText(text: string): string {
	// eslint-disable-next-line no-control-regex
	return text.replaceAll(/[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\p{Cs}]/gu, '');
}
