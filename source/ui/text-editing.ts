import type {Key} from 'ink';
import {plainText} from './PromptLine.js';

/** A text field's contents and where its cursor is (0 … text.length, in UTF-16 units). */
export type Field = {text: string; cursor: number};

export type Edited = Field & {
	/** Enter came: the field is submitted with `text`; anything after the enter is dropped. */
	submitted: boolean;
};

const backspaces = new Set(['\u007F', '\b']);
const clearLine = '\u0015'; // ctrl-u
const deleteWord = '\u0017'; // ctrl-w

/**
 * Applies typed characters to a field, one key per character: over SSH and from tmux several keys
 * arrive in one chunk ("ab", DEL DEL, "x\r"). Backspace (DEL 0x7f or BS 0x08) deletes the character
 * before the cursor, ctrl-u clears the field, ctrl-w deletes the word before the cursor (readline's
 * keys), enter submits; other control characters are dropped.
 */
export function editField(field: Field, typed: string, filter: (text: string) => string = text => text): Edited {
	let {text, cursor} = field;
	cursor = Math.max(0, Math.min(cursor, text.length));
	let pending = '';
	const insert = () => {
		const added = filter(plainText(pending));
		pending = '';
		if (!added) return;
		text = text.slice(0, cursor) + added + text.slice(cursor);
		cursor += added.length;
	};

	for (const character of typed) {
		if (character === '\r' || character === '\n') {
			insert();
			return {text, cursor, submitted: true};
		}

		if (backspaces.has(character)) {
			insert();
			if (cursor > 0) {
				// Remove a whole code point (a surrogate pair is one character on screen).
				const before = [...text.slice(0, cursor)];
				before.pop();
				const kept = before.join('');
				text = kept + text.slice(cursor);
				cursor = kept.length;
			}
		} else if (character === clearLine) {
			pending = '';
			text = '';
			cursor = 0;
		} else if (character === deleteWord) {
			insert();
			const kept = text.slice(0, cursor).replace(/\S*\s*$/u, '');
			text = kept + text.slice(cursor);
			cursor = kept.length;
		} else {
			pending += character;
		}
	}

	insert();
	return {text, cursor, submitted: false};
}

/**
 * One key event from Ink as the characters editField understands: Ink reports a lone backspace,
 * enter, ctrl-u or ctrl-w by name, and a chunk of several keys as its raw characters.
 * Undefined for keys a text field does not take (arrows, tab, escape, other ctrl and meta keys).
 */
export function typedCharacters(input: string, key: Partial<Key>): string | undefined {
	if (key.return) return '\r';
	if (key.backspace || key.delete) return '\u007F';
	if (key.ctrl && input === 'u') return clearLine;
	if (key.ctrl && input === 'w') return deleteWord;
	if (key.ctrl && input === 'h') return '\b';
	if (key.ctrl || key.meta || key.escape || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown) return undefined;
	return input;
}

/** A key in a text field as an edit: the text and cursor after it, whether enter came, and whether the field must start again. */
export type FieldEdit = Edited & {
	/**
	 * The field (ink-text-input, which draws the text and moves its own cursor with the same keys)
	 * could not follow this edit (a chunk of keys, ctrl-u, ctrl-w): it starts again with its cursor at
	 * the end, and so does the screen's cursor.
	 */
	restart: boolean;
};

/**
 * One key press in an open text field: ← → move the cursor, the rest edits the text (editField).
 * Undefined for a key a text field does not take (↑ ↓, tab, esc, other ctrl and meta keys).
 */
export function editFieldKey(field: Field, input: string, key: Partial<Key>, filter?: (text: string) => string): FieldEdit | undefined {
	const {text} = field;
	if (key.leftArrow || key.rightArrow) {
		return {text, cursor: Math.max(0, Math.min(text.length, field.cursor + (key.leftArrow ? -1 : 1))), submitted: false, restart: false};
	}

	const typed = typedCharacters(input, key);
	if (typed === undefined) return undefined;
	const edited = editField(field, typed, filter);
	// Where ink-text-input, which saw the same key, put its cursor: back one for a backspace, else
	// after the key's characters as it inserted them.
	const fieldCursor = key.backspace || key.delete ? Math.max(0, field.cursor - 1) : field.cursor + input.length;
	const restart = edited.cursor !== fieldCursor;
	return {...edited, cursor: restart ? edited.text.length : edited.cursor, restart};
}

/** What the help says about the keys that edit a text field (enter and esc are in the binding table). */
export const editingKeys: Array<[keys: string, help: string]> = [
	['backspace', 'delete the character before the cursor'],
	['ctrl-u / ctrl-w', 'clear the field / delete the word before the cursor'],
	['← →', 'move the cursor'],
];
