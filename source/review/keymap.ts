import type {Key} from 'ink';
import type {Action} from './actions.js';
import type {Mode} from './session.js';

/**
 * Maps one key press in browse mode to an action. Over SSH and from tmux several keys arrive in one
 * chunk ("aar"); the screen splits such a chunk and calls this once per character.
 */
export function browseKey(input: string, key: Partial<Key>): Action | undefined {
	if (key.ctrl && input === 'c') return {type: 'quit'};
	if (key.leftArrow) return {type: 'move', direction: -1};
	if (key.rightArrow) return {type: 'move', direction: 1};
	if (key.upArrow) return {type: 'scroll', direction: -1, by: 'row'};
	if (key.downArrow) return {type: 'scroll', direction: 1, by: 'row'};
	if (key.pageUp) return {type: 'scroll', direction: -1, by: 'page'};
	if (key.pageDown) return {type: 'scroll', direction: 1, by: 'page'};
	if (key.home) return {type: 'first'};
	if (key.end) return {type: 'last'};
	if (key.backspace || key.delete) return {type: 'undo'};
	// esc stops a search still going through the file (nothing else to close in browse mode).
	if (key.escape) return {type: 'close'};
	switch (input) {
		case 'a': return {type: 'decide', verdict: 'accepted'};
		case 'r':
		case 'x': return {type: 'decide', verdict: 'rejected'};
		case 'b': return {type: 'open', mode: 'bias'};
		case 's':
		case ' ': return {type: 'skip'};
		case 'u': return {type: 'undo'};
		case 'c': return {type: 'open', mode: 'note'};
		case 'h': return {type: 'move', direction: -1};
		case 'l': return {type: 'move', direction: 1};
		case 'k': return {type: 'scroll', direction: -1, by: 'row'};
		case 'j': return {type: 'scroll', direction: 1, by: 'row'};
		case 'g': return {type: 'first'};
		case 'G': return {type: 'last'};
		case ':': return {type: 'open', mode: 'goto'};
		case '/': return {type: 'open', mode: 'search'};
		case 'n': return {type: 'search-next', direction: 1};
		case 'N': return {type: 'search-next', direction: -1};
		case 'f': return {type: 'cycle-filter'};
		case 't': return {type: 'open', mode: 'stats'};
		case '?': return {type: 'open', mode: 'help'};
		case 'q': return {type: 'quit'};
		default: return undefined;
	}
}

/** Keys in the bias picker when its note field is not being edited. */
export function biasKey(input: string, key: Partial<Key>): Action | undefined {
	if (key.escape) return {type: 'close'};
	if (key.return) return {type: 'bias-confirm'};
	if (key.tab) return {type: 'bias-edit-note'};
	if (key.upArrow || input === 'k') return {type: 'bias-focus', direction: -1};
	if (key.downArrow || input === 'j') return {type: 'bias-focus', direction: 1};
	if (input === ' ' || input === 'x') return {type: 'bias-toggle'};
	if (input === 'c' || input === 'n') return {type: 'bias-edit-note'};
	if (/^\d$/.test(input)) return {type: 'bias-toggle', index: input === '0' ? 9 : Number(input) - 1};
	return undefined;
}

/** Keys that close a panel (help, stats): any of esc, q, enter or the panel's own key. */
export function panelKey(mode: Mode, input: string, key: Partial<Key>): Action | undefined {
	if (key.ctrl && input === 'c') return {type: 'quit'};
	if (key.escape || key.return || input === 'q' || (mode.name === 'help' && input === '?') || (mode.name === 'stats' && input === 't')) return {type: 'close'};
	return undefined;
}

/** Keys that scroll a panel (help, stats): ↑↓ j/k a row, PgUp/PgDn (and space) a page, g/G home/end to either end. */
export function panelScroll(input: string, key: Partial<Key>): {direction: 1 | -1; by: 'row' | 'page' | 'end'} | undefined {
	if (key.upArrow || input === 'k') return {direction: -1, by: 'row'};
	if (key.downArrow || input === 'j') return {direction: 1, by: 'row'};
	if (key.pageUp) return {direction: -1, by: 'page'};
	if (key.pageDown || input === ' ') return {direction: 1, by: 'page'};
	if (key.home || input === 'g') return {direction: -1, by: 'end'};
	if (key.end || input === 'G') return {direction: 1, by: 'end'};
	return undefined;
}

/** Splits a chunk of typed characters into single key presses (keeping Enter, Backspace, Ctrl-C). */
export function splitChunk(input: string): Array<{input: string; key: Partial<Key>}> {
	return [...input].map(character => {
		if (character === '\r' || character === '\n') return {input: '', key: {return: true}};
		if (character === '\u007F' || character === '\b') return {input: '', key: {backspace: true}};
		if (character === '\u0003') return {input: 'c', key: {ctrl: true}};
		if (character === '\t') return {input: '', key: {tab: true}};
		return {input: character, key: {}};
	});
}
