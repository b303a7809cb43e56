import type {Key} from 'ink';
import {editFieldKey} from './text-editing.js';
import type {ScreenAction, Viewport} from '../review/actions.js';
import {actionOf, findBinding, modeChain, type Binding, type BindingMode} from '../review/bindings.js';
import type {ReviewController} from '../review/controller.js';
import {keyName, splitChunk} from '../review/keys.js';
import type {Mode} from '../review/session.js';

/** What the screen last drew, for the keys that scroll: the sample's viewport (for which sample) and the panel's. */
export type DrawnViewports = {sample: Viewport & {cursor: number}; panel: Viewport};

export type KeyTarget = {
	controller: ReviewController;
	bindings: readonly Binding[];
	drawn: DrawnViewports;
	/** The unsaved warning's choices: the command owns saving and exiting. */
	onRetrySave?: () => void;
	onQuitAnyway?: () => void;
};

/** Is a text field taking the keys? Then a chunk is text, not separate key presses. */
export function isTyping(mode: Mode): boolean {
	return mode.name === 'note' || mode.name === 'goto' || mode.name === 'search' || mode.name === 'order' || mode.name === 'query' || (mode.name === 'bias' && mode.editingNote);
}

/**
 * One input event from Ink. Over SSH and from tmux several keys arrive in one chunk ("aar"): outside
 * a text field each character is a key press; in a text field the chunk is edited in one go.
 */
export function handleInput(target: KeyTarget, input: string, key: Partial<Key>) {
	const {mode} = target.controller.state;
	const chunk = input.length > 1 && !key.ctrl && !key.meta;
	const presses = !chunk ? [{input, key}] : isTyping(mode) ? splitAtBoundKeys(input, target.bindings, modeChain(mode)) : splitChunk(input);
	for (const press of presses) {
		if (handlePress(target, press.input, press.key)) break;
	}
}

/**
 * A chunk typed into a text field ("3\r", "note\tx"): the text between the keys the field's mode
 * binds (enter, tab, ctrl-c) is edited in one go, and those keys go through the table.
 */
function splitAtBoundKeys(input: string, bindings: readonly Binding[], chain: readonly BindingMode[]): Array<{input: string; key: Partial<Key>}> {
	const presses: Array<{input: string; key: Partial<Key>}> = [];
	let text = '';
	for (const character of input) {
		const [press] = splitChunk(character);
		const name = character.length === 1 && character < ' ' ? keyName(press.input, press.key) : undefined;
		if (name !== undefined && findBinding(bindings, chain, name)) {
			if (text) presses.push({input: text, key: {}});
			text = '';
			presses.push(press);
		} else {
			text += character;
		}
	}

	if (text) presses.push({input: text, key: {}});
	return presses;
}

/**
 * One key press (or a run of text in a field), looked up in the binding table for the current mode,
 * else typed into the open text field. Returns true when it ends the chunk (quitting, or a field
 * submitted or closed: what follows the enter is not the field's).
 */
function handlePress(target: KeyTarget, input: string, key: Partial<Key>): boolean {
	const {controller, bindings, drawn} = target;
	const {mode, cursor} = controller.state;
	const name = keyName(input, key);
	const binding = name === undefined ? undefined : findBinding(bindings, modeChain(mode), name);
	if (binding && name !== undefined) {
		// A sample's row count is known only for the sample last drawn (not yet for one just moved to).
		const sample = {rows: drawn.sample.rows, total: drawn.sample.cursor === cursor ? drawn.sample.total : undefined};
		const action = actionOf(binding, {key: name, sample, panel: drawn.panel});
		run(target, action);
		return action.type === 'quit' || isTyping(mode);
	}

	if (!isTyping(mode)) return false;
	const text = mode.name === 'bias' ? mode.note : 'text' in mode ? mode.text : '';
	const edit = editFieldKey({text, cursor: controller.state.field.cursor}, input, key, mode.name === 'goto' ? digitsOnly : undefined);
	if (edit === undefined) return false;
	if (edit.text !== text || edit.cursor !== controller.state.field.cursor || edit.restart) {
		controller.dispatch({type: 'edit', text: edit.text, cursor: edit.cursor, restart: edit.restart});
	}

	// Enter reaches the editing only when the table binds it to nothing here (a remapped field key):
	// then it submits nothing, and what followed it in the chunk is dropped.
	return edit.submitted;
}

function run(target: KeyTarget, action: ScreenAction) {
	if (action.type === 'retry-save') target.onRetrySave?.();
	else if (action.type === 'quit-anyway') target.onQuitAnyway?.();
	else target.controller.dispatch(action);
}

const digitsOnly = (text: string) => text.replaceAll(/\D/g, '');
