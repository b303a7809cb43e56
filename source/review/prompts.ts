import type {DecisionRecord} from '../store/schema.js';
import type {OpenableMode} from './actions.js';
import {toggleCategory, type SessionState} from './session.js';

/**
 * The prompts and panels over a sample (bias picker, note, go to, search, help, stats, metadata) as
 * pure steps on the session state: the controller applies them.
 */

/** Opens a prompt, the bias picker or a panel; a text field starts with its cursor at the end. */
export function opened(state: SessionState, name: OpenableMode, mine: DecisionRecord | undefined, order = ''): SessionState {
	switch (name) {
		case 'bias': {
			return {...state, mode: {name: 'bias', selected: mine?.verdict === 'flagged' ? [...mine.categories] : [], focus: 0, note: mine?.note ?? '', editingNote: false}};
		}

		case 'reasons': {
			return {...state, mode: {name: 'reasons', selected: mine?.verdict === 'rejected' ? [...mine.reasons ?? []] : [], focus: 0}};
		}

		case 'note': {
			const text = mine?.note ?? '';
			return {...state, mode: {name: 'note', text}, field: {...state.field, cursor: text.length}};
		}

		case 'query': {
			return {...state, mode: {name: 'query', text: order, candidates: []}, field: {...state.field, cursor: order.length, key: state.field.key + 1}};
		}

		case 'order': {
			return {...state, mode: {name: 'order', text: order}, field: {...state.field, cursor: order.length, key: state.field.key + 1}};
		}

		case 'goto':
		case 'search': {
			return {...state, mode: {name, text: ''}, field: {...state.field, cursor: 0}};
		}

		default: {
			return {...state, mode: {name}};
		}
	}
}

/** The open text field's new text and cursor; `restart` draws the field again with its cursor at the end. */
export function edited(state: SessionState, text: string, cursor: number, restart: boolean): SessionState {
	const {mode, field} = state;
	const next = {cursor, key: restart ? field.key + 1 : field.key};
	if (mode.name === 'note' || mode.name === 'goto' || mode.name === 'search' || mode.name === 'order') return {...state, mode: {...mode, text}, field: next};
	if (mode.name === 'query') return {...state, mode: {...mode, text, candidates: []}, field: next};
	if (mode.name === 'bias' && mode.editingNote) return {...state, mode: {...mode, note: text}, field: next};
	return state;
}

/** Toggles the bias category (or reason, in the reasons picker) at `index` (default: the one marked ›). */
export function categoryToggled(state: SessionState, index: number | undefined, categories: string[]): SessionState {
	const {mode} = state;
	if (mode.name !== 'bias' && mode.name !== 'reasons') return state;
	const category = categories[index ?? mode.focus];
	return category ? {...state, mode: {...mode, selected: toggleCategory(mode.selected, category, categories)}} : state;
}

/** Moves the bias picker's mark up or down, wrapping around. */
export function categoryFocused(state: SessionState, direction: 1 | -1, categories: string[]): SessionState {
	const {mode} = state;
	if (mode.name !== 'bias' && mode.name !== 'reasons') return state;
	const count = categories.length;
	return {...state, mode: {...mode, focus: (mode.focus + direction + count) % count}};
}

/** Between the bias picker's categories and its note field (cursor at the note's end). */
export function biasNoteToggled(state: SessionState): SessionState {
	const {mode} = state;
	if (mode.name !== 'bias') return state;
	return {...state, mode: {...mode, editingNote: !mode.editingNote}, field: {...state.field, cursor: mode.note.length}};
}
