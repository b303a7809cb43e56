import type {ScreenAction, Viewport} from './actions.js';
import {namedKeys, normalizeKey, showKey, showKeys, typesText} from './keys.js';
import type {Mode} from './session.js';

/**
 * Where a binding works. Most are a screen mode; `panel` holds the keys every panel shares (help,
 * stats, metadata), and `anywhere` the keys that work in every mode but browse (which has its own).
 */
export const bindingModes = ['browse', 'bias', 'reasons', 'note', 'goto', 'search', 'order', 'query', 'bias-note', 'help', 'stats', 'metadata', 'guidelines', 'panel', 'unsaved', 'bulk', 'confirm', 'anywhere'] as const;
export type BindingMode = (typeof bindingModes)[number];

/** What the screen knows when a key comes: the viewport's rows and how many rows its content has. */
export type KeyContext = {key: string; sample: Viewport; panel: Viewport};

export type Binding = {
	/** The action's name: what the help calls it and what the config file's "keys" remaps. */
	name: string;
	modes: readonly BindingMode[];
	/** Key names (see keys.ts): one character, or left, pageup, enter, escape, ctrl-c, … */
	keys: readonly string[];
	action: ScreenAction | ((context: KeyContext) => ScreenAction);
	/** A few words: the CLI's key list. */
	label: string;
	/** The help panel's description. */
	help: string;
	/**
	 * On the key bar: by priority (lower first; `pinned` always stays), with a shorter label for narrow
	 * terminals ('' shows the key alone), in every mode of the binding or `only` one.
	 */
	bar?: {label: string; short?: string; priority: number | 'pinned'; only?: BindingMode};
	/** The binding shown beside this one in the help and on the key bar (← with →: "← → / h l"). */
	pair?: string;
};

const digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];
const fields = ['note', 'goto', 'search', 'order', 'query', 'bias-note'] as const;
const panels = ['help', 'stats', 'metadata', 'guidelines'] as const;

/**
 * Every key of the review screen, in the order the help lists them. Dispatch, the key bar, the help
 * panel, the CLI's --help and the README's key table all come from here (lazygit's bindings,
 * VisiData's addCommand).
 */
export const defaultBindings: readonly Binding[] = [
	// Browsing samples.
	{name: 'accept', modes: ['browse'], keys: ['a'], action: {type: 'decide', verdict: 'accepted'}, label: 'accept', help: 'accept, advance', bar: {label: 'accept', short: 'acc', priority: 1}},
	{name: 'reject', modes: ['browse'], keys: ['r', 'x'], action: {type: 'decide', verdict: 'rejected'}, label: 'reject', help: 'reject, advance (then a digit gives a reason; with requireReason, a picker opens)', bar: {label: 'reject', short: 'rej', priority: 2}},
	{name: 'give-reason', modes: ['browse'], keys: digits.slice(0, 9), action: ({key}) => ({type: 'reason', index: Number(key) - 1}), label: 'reason (right after r)', help: 'right after r: give the rejection just made reason 1–9 (several digits, several reasons); any other key goes on'},
	{name: 'flag-bias', modes: ['browse'], keys: ['b'], action: {type: 'open', mode: 'bias'}, label: 'flag bias', help: 'flag bias: number keys pick categories, tab for a note, enter to flag', bar: {label: 'bias', priority: 3}},
	{name: 'skip', modes: ['browse'], keys: ['s', ' '], action: {type: 'skip'}, label: 'skip', help: 'skip (no decision), advance', bar: {label: 'skip', priority: 4}},
	{name: 'undo', modes: ['browse'], keys: ['u', 'backspace'], action: {type: 'undo'}, label: 'undo', help: 'undo the last decision (repeatable)', bar: {label: 'undo', priority: 5}},
	{name: 'note', modes: ['browse'], keys: ['c'], action: {type: 'open', mode: 'note'}, label: 'note', help: 'add or edit a note on this sample', bar: {label: 'note', priority: 6}},
	{name: 'correct', modes: ['browse'], keys: ['e'], action: {type: 'correct'}, label: 'correct', help: 'correct this sample in $VISUAL / $EDITOR (as JSON); saved as your correction, which export writes', bar: {label: 'edit', priority: 11}},
	{name: 'correction-view', modes: ['browse'], keys: ['d'], action: {type: 'correction-view'}, label: 'original / diff', help: 'a corrected sample: show the original, the diff, the correction in turn'},
	{name: 'filter', modes: ['browse'], keys: ['f'], action: {type: 'open', mode: 'query'}, label: 'filter by query', help: 'filter by a query (signal:refusal model:gpt-4o, as in stats --where): tab completes, enter applies', bar: {label: 'filter', short: 'filt', priority: 9}},
	{name: 'status-filter', modes: ['browse'], keys: ['F'], action: {type: 'cycle-filter'}, label: 'status filter', help: 'cycle the status filter: undecided · all · accepted · rejected · flagged (· conflicts)'},
	{name: 'previous', modes: ['browse'], keys: ['left', 'h'], action: {type: 'move', direction: -1}, label: 'previous', help: 'previous / next sample the filter shows; after deciding, ← goes back to the sample just decided (shown or not) and → returns', bar: {label: 'move', short: 'mv', priority: 7}, pair: 'next'},
	{name: 'next', modes: ['browse'], keys: ['right', 'l'], action: {type: 'move', direction: 1}, label: 'next', help: 'next sample the filter shows (or forward again after ←)'},
	{name: 'scroll-up', modes: ['browse'], keys: ['up', 'k'], action: ({sample}) => ({type: 'scroll', direction: -1, by: 'row', viewport: sample}), label: 'scroll up', help: 'scroll a long sample up / down a row', pair: 'scroll-down'},
	{name: 'scroll-down', modes: ['browse'], keys: ['down', 'j'], action: ({sample}) => ({type: 'scroll', direction: 1, by: 'row', viewport: sample}), label: 'scroll down', help: 'scroll a long sample down a row'},
	{name: 'page-up', modes: ['browse'], keys: ['pageup'], action: ({sample}) => ({type: 'scroll', direction: -1, by: 'page', viewport: sample}), label: 'page up', help: 'scroll a long sample up / down a page', pair: 'page-down'},
	{name: 'page-down', modes: ['browse'], keys: ['pagedown'], action: ({sample}) => ({type: 'scroll', direction: 1, by: 'page', viewport: sample}), label: 'page down', help: 'scroll a long sample down a page'},
	{name: 'first', modes: ['browse'], keys: ['g', 'home'], action: {type: 'first'}, label: 'first', help: 'first / last sample the filter shows', pair: 'last'},
	{name: 'last', modes: ['browse'], keys: ['G', 'end'], action: {type: 'last'}, label: 'last', help: 'last sample the filter shows'},
	{name: 'decide-cluster', modes: ['browse'], keys: ['C'], action: {type: 'bulk', scope: 'cluster'}, label: 'decide cluster', help: 'decide this sample\'s duplicate or near-duplicate cluster at once: a / r / b, then y/N; one u undoes it'},
	{name: 'decide-slice', modes: ['browse'], keys: ['D'], action: {type: 'bulk', scope: 'slice'}, label: 'decide slice', help: 'decide every sample the query matches (no query: the status filter shows) at once: a / r / b, then y/N'},
	{name: 'order', modes: ['browse'], keys: ['o'], action: {type: 'open', mode: 'order'}, label: 'order', help: 'order ← → and advancing: file, signals (most first), or a metadata field (-field: largest first)'},
	{name: 'go-to', modes: ['browse'], keys: [':'], action: {type: 'open', mode: 'goto'}, label: 'go to number', help: 'go to sample number'},
	{name: 'search', modes: ['browse'], keys: ['/'], action: {type: 'open', mode: 'search'}, label: 'search', help: 'search the text shown, or /regex/ (/regex/i: any case); enter, then n / N for next / previous match', bar: {label: 'search', short: 'find', priority: 8}},
	{name: 'search-next', modes: ['browse'], keys: ['n'], action: {type: 'search-next', direction: 1}, label: 'next match', help: 'next / previous match of the last search (this sample first)', pair: 'search-previous'},
	{name: 'search-previous', modes: ['browse'], keys: ['N'], action: {type: 'search-next', direction: -1}, label: 'previous match', help: 'previous match of the last search'},
	{name: 'stop-search', modes: ['browse'], keys: ['escape'], action: {type: 'close'}, label: 'stop a search', help: 'stop a search still going through a big file'},
	{name: 'system-prompt', modes: ['browse'], keys: ['v'], action: {type: 'toggle-system'}, label: 'system prompt', help: 'show in full / collapse again a system prompt shown as "same as previous sample"'},
	{name: 'metadata', modes: ['browse', 'metadata'], keys: ['m'], action: {type: 'toggle', panel: 'metadata'}, label: 'metadata', help: 'every metadata field, note and signal (with its reason) of this sample in full'},
	{name: 'guidelines', modes: ['browse', 'guidelines'], keys: ['i'], action: {type: 'toggle', panel: 'guidelines'}, label: 'guidelines', help: 'the project\'s guidelines for reviewers (also shown once on your first visit)', bar: {label: 'guide', priority: 12, only: 'browse'}},
	{name: 'stats', modes: ['browse', 'stats'], keys: ['t'], action: {type: 'toggle', panel: 'stats'}, label: 'stats', help: 'stats panel', bar: {label: 'stats', short: 'st', priority: 10, only: 'browse'}},
	{name: 'help', modes: ['browse', 'help'], keys: ['?'], action: {type: 'toggle', panel: 'help'}, label: 'help', help: 'this help', bar: {label: 'help', priority: 'pinned', only: 'browse'}},
	{name: 'continue-here', modes: ['browse'], keys: ['y'], action: {type: 'continue-here'}, label: 'continue here', help: 'continue deciding here, after another session under your name took over'},
	{name: 'quit', modes: ['browse'], keys: ['q', 'ctrl-c'], action: {type: 'quit'}, label: 'quit', help: 'quit (everything is already saved)', bar: {label: 'quit', priority: 'pinned'}},

	// Text fields (note, go to, search, the bias picker's note): the rest of their keys edit the text.
	{name: 'save-note', modes: ['note'], keys: ['enter'], action: {type: 'submit'}, label: 'save note', help: 'save the note (an empty note removes it)', bar: {label: 'save (empty removes it)', short: 'save', priority: 90}},
	{name: 'go', modes: ['goto'], keys: ['enter'], action: {type: 'submit'}, label: 'go', help: 'go to the sample number typed', bar: {label: 'go', priority: 90}},
	{name: 'find', modes: ['search'], keys: ['enter'], action: {type: 'submit'}, label: 'search', help: 'search for the text typed (then n / N)', bar: {label: 'search (then n / N)', short: 'search', priority: 90}},
	{name: 'set-order', modes: ['order'], keys: ['enter'], action: {type: 'submit'}, label: 'order', help: 'order by what is typed (empty: file order)', bar: {label: 'order', priority: 90}},
	{name: 'apply-query', modes: ['query'], keys: ['enter'], action: {type: 'submit'}, label: 'filter', help: 'filter by the query typed (empty: no query)', bar: {label: 'filter', priority: 90}},
	{name: 'complete-order', modes: ['order'], keys: ['tab'], action: {type: 'complete'}, label: 'complete', help: 'complete file, signals or the field name typed', bar: {label: 'complete', short: 'compl', priority: 80}},
	{name: 'complete-query', modes: ['query'], keys: ['tab'], action: {type: 'complete'}, label: 'complete', help: 'complete the signal, field or value name before the cursor', bar: {label: 'complete', short: 'compl', priority: 80}},
	{name: 'back-to-categories', modes: ['bias-note'], keys: ['tab'], action: {type: 'bias-edit-note'}, label: 'back to categories', help: 'back from the note to the categories', bar: {label: 'back to categories', short: 'back', priority: 80}},
	{name: 'cancel', modes: [...fields, 'bias', 'reasons', 'bulk', 'confirm'], keys: ['escape'], action: {type: 'close'}, label: 'cancel', help: 'cancel (nothing is saved)', bar: {label: 'cancel', short: '', priority: 99}},

	// The bias picker.
	{name: 'pick-category', modes: ['bias'], keys: digits, action: ({key}) => ({type: 'bias-toggle', index: key === '0' ? 9 : Number(key) - 1}), label: 'toggle category', help: 'toggle the category with that number', bar: {label: 'toggle', priority: 10}},
	{name: 'category-up', modes: ['bias'], keys: ['up', 'k'], action: {type: 'bias-focus', direction: -1}, label: 'up', help: 'move up / down the categories', bar: {label: 'move', priority: 20}, pair: 'category-down'},
	{name: 'category-down', modes: ['bias'], keys: ['down', 'j'], action: {type: 'bias-focus', direction: 1}, label: 'down', help: 'move down the categories'},
	{name: 'toggle-category', modes: ['bias'], keys: [' ', 'x'], action: {type: 'bias-toggle'}, label: 'toggle', help: 'toggle the category marked ›', bar: {label: 'toggle', priority: 30}},
	{name: 'bias-note', modes: ['bias'], keys: ['tab', 'c', 'n'], action: {type: 'bias-edit-note'}, label: 'note', help: 'write an optional note', bar: {label: 'note', priority: 40}},
	{name: 'flag', modes: ['bias', 'bias-note'], keys: ['enter'], action: {type: 'bias-confirm'}, label: 'flag', help: 'flag the sample with the categories picked, advance', bar: {label: 'flag', priority: 90}},

	// The reasons picker (when the config requires a reason for every rejection).
	{name: 'pick-reason', modes: ['reasons'], keys: digits.slice(0, 9), action: ({key}) => ({type: 'bias-toggle', index: Number(key) - 1}), label: 'toggle reason', help: 'toggle the reason with that number', bar: {label: 'toggle', priority: 10}},
	{name: 'reason-up', modes: ['reasons'], keys: ['up', 'k'], action: {type: 'bias-focus', direction: -1}, label: 'up', help: 'move up / down the reasons', bar: {label: 'move', priority: 20}, pair: 'reason-down'},
	{name: 'reason-down', modes: ['reasons'], keys: ['down', 'j'], action: {type: 'bias-focus', direction: 1}, label: 'down', help: 'move down the reasons'},
	{name: 'toggle-reason', modes: ['reasons'], keys: [' ', 'x'], action: {type: 'bias-toggle'}, label: 'toggle', help: 'toggle the reason marked ›', bar: {label: 'toggle', priority: 30}},
	{name: 'reject-with-reasons', modes: ['reasons'], keys: ['enter'], action: {type: 'bias-confirm'}, label: 'reject', help: 'reject the sample with the reasons picked, advance', bar: {label: 'reject', priority: 90}},

	// Deciding a cluster or a slice at once (C, D): which verdict, then y/N.
	{name: 'bulk-accept', modes: ['bulk'], keys: ['a'], action: {type: 'bulk-verdict', verdict: 'accepted'}, label: 'accept all', help: 'accept every sample of the cluster or slice', bar: {label: 'accept all', short: 'acc', priority: 10}},
	{name: 'bulk-reject', modes: ['bulk'], keys: ['r', 'x'], action: {type: 'bulk-verdict', verdict: 'rejected'}, label: 'reject all', help: 'reject every sample of the cluster or slice', bar: {label: 'reject all', short: 'rej', priority: 20}},
	{name: 'bulk-flag', modes: ['bulk'], keys: ['b'], action: {type: 'bulk-verdict', verdict: 'flagged'}, label: 'flag all', help: 'flag every sample of the cluster or slice (pick categories and a note first)', bar: {label: 'flag all', short: 'flag', priority: 30}},
	{name: 'confirm-bulk', modes: ['confirm'], keys: ['y'], action: {type: 'bulk-confirm'}, label: 'yes', help: 'yes: decide them all (one u undoes the step)', bar: {label: 'yes', priority: 10}},
	{name: 'decline-bulk', modes: ['confirm'], keys: ['n', 'enter'], action: {type: 'close'}, label: 'no', help: 'no: nothing is decided', bar: {label: 'no', priority: 20}},

	// Panels (help, stats, metadata).
	{name: 'panel-up', modes: ['panel'], keys: ['up', 'k'], action: ({panel}) => ({type: 'panel-scroll', direction: -1, by: 'row', viewport: panel}), label: 'scroll up', help: 'scroll up / down a row', bar: {label: 'scroll', priority: 10}, pair: 'panel-down'},
	{name: 'panel-down', modes: ['panel'], keys: ['down', 'j'], action: ({panel}) => ({type: 'panel-scroll', direction: 1, by: 'row', viewport: panel}), label: 'scroll down', help: 'scroll down a row'},
	{name: 'panel-page-up', modes: ['panel'], keys: ['pageup'], action: ({panel}) => ({type: 'panel-scroll', direction: -1, by: 'page', viewport: panel}), label: 'page up', help: 'scroll up / down a page', bar: {label: 'page', priority: 20}, pair: 'panel-page-down'},
	{name: 'panel-page-down', modes: ['panel'], keys: ['pagedown', ' '], action: ({panel}) => ({type: 'panel-scroll', direction: 1, by: 'page', viewport: panel}), label: 'page down', help: 'scroll down a page'},
	{name: 'panel-top', modes: ['panel'], keys: ['g', 'home'], action: ({panel}) => ({type: 'panel-scroll', direction: -1, by: 'end', viewport: panel}), label: 'top', help: 'to the top / to the bottom', pair: 'panel-bottom'},
	{name: 'panel-bottom', modes: ['panel'], keys: ['G', 'end'], action: ({panel}) => ({type: 'panel-scroll', direction: 1, by: 'end', viewport: panel}), label: 'bottom', help: 'to the bottom'},
	{name: 'close-panel', modes: ['panel'], keys: ['escape', 'q', 'enter'], action: {type: 'close'}, label: 'close', help: 'close the panel (so does its own key: ? t m i)', bar: {label: 'close', priority: 90}},

	// When decisions could not be saved.
	{name: 'retry-save', modes: ['unsaved'], keys: ['r'], action: {type: 'retry-save'}, label: 'retry saving', help: 'try to save again', bar: {label: 'retry saving', short: 'retry', priority: 10}},
	{name: 'wait', modes: ['unsaved'], keys: ['w', 'escape'], action: {type: 'close'}, label: 'wait', help: 'wait and keep reviewing (winnow keeps retrying)', bar: {label: 'wait and keep reviewing', short: 'wait', priority: 20}},
	{name: 'quit-anyway', modes: ['unsaved'], keys: ['q'], action: {type: 'quit-anyway'}, label: 'quit anyway', help: 'quit anyway: the decisions not saved are lost', bar: {label: 'quit anyway (unsaved decisions are lost)', short: 'quit, losing them', priority: 30}},

	{name: 'quit-now', modes: ['anywhere'], keys: ['ctrl-c'], action: {type: 'quit'}, label: 'quit', help: 'quit, from a prompt, the picker or a panel too'},
];

/** The table's modes a screen mode looks keys up in, first match wins. */
export function modeChain(mode: Mode): BindingMode[] {
	switch (mode.name) {
		case 'browse': {
			return ['browse'];
		}

		case 'bias': {
			return mode.editingNote ? ['bias-note', 'anywhere'] : ['bias', 'anywhere'];
		}

		case 'help':
		case 'stats':
		case 'metadata':
		case 'guidelines': {
			return [mode.name, 'panel', 'anywhere'];
		}

		default: {
			return [mode.name, 'anywhere'];
		}
	}
}

/** Every chain a screen can be in: a key may be bound once in each. */
export const allChains: readonly BindingMode[][] = [
	['browse'],
	['bias', 'anywhere'],
	['reasons', 'anywhere'],
	...fields.map(field => [field, 'anywhere'] as BindingMode[]),
	...panels.map(panel => [panel, 'panel', 'anywhere'] as BindingMode[]),
	['unsaved', 'anywhere'],
	['bulk', 'anywhere'],
	['confirm', 'anywhere'],
];

/** The binding a key press triggers in a mode chain, if any. */
export function findBinding(table: readonly Binding[], chain: readonly BindingMode[], key: string): Binding | undefined {
	for (const mode of chain) {
		const found = table.find(binding => binding.modes.includes(mode) && binding.keys.includes(key));
		if (found) return found;
	}

	return undefined;
}

export function actionOf(binding: Binding, context: KeyContext): ScreenAction {
	return typeof binding.action === 'function' ? binding.action(context) : binding.action;
}

/** Two bindings that would share a key in one chain, described in one sentence; undefined when none. */
export function findClash(table: readonly Binding[]): string | undefined {
	for (const chain of allChains) {
		const owner = new Map<string, Binding>();
		for (const mode of chain) {
			for (const binding of table.filter(binding => binding.modes.includes(mode))) {
				for (const key of binding.keys) {
					const other = owner.get(key);
					if (other && other !== binding) return `Key "${showKeys([key])}" is given to both ${other.name} and ${binding.name} (${chain[0]} keys): give one of them another key under "keys".`;
					owner.set(key, binding);
				}
			}
		}
	}

	return undefined;
}

/**
 * The table with keys remapped from the config file's "keys" ({"accept": "y", "reject": ["n", "x"]}),
 * action names as keys. Throws an Error with one sentence for an unknown action, a key winnow does not
 * know, a letter given to a text field's key, or two actions left on one key.
 */
export function applyKeyOverrides(table: readonly Binding[], overrides: Readonly<Record<string, unknown>> | undefined): Binding[] {
	const result = table.map(binding => ({...binding}));
	// The config's "keys" object, or the whole config holding it (no action is called "keys").
	const keysObject = isPlainObject(overrides?.keys) ? overrides.keys : overrides;
	for (const [name, value] of Object.entries(keysObject ?? {})) {
		const binding = result.find(binding => binding.name === name);
		if (!binding) throw new Error(`"keys" names an action winnow does not have, "${name}": the actions are ${table.map(binding => binding.name).join(', ')}.`);
		const written = typeof value === 'string' ? [value] : value;
		if (!Array.isArray(written) || written.length === 0 || !written.every(key => typeof key === 'string')) {
			throw new Error(`"keys" gives ${name} ${JSON.stringify(value)}: give a key ("y") or a list of keys (["y", "enter"]).`);
		}

		const keys = written.map(key => {
			const normalized = normalizeKey(key);
			if (normalized === undefined) throw new Error(`"keys" gives ${name} the key "${key}", which winnow does not know: use one character, ctrl- and a letter, or one of ${namedKeys.join(', ')}, space.`);
			// A text field takes typed characters as text: its keys, and those that work anywhere, type nothing.
			if (typesText(normalized) && binding.modes.some(mode => mode === 'anywhere' || (fields as readonly string[]).includes(mode))) {
				throw new Error(`"keys" gives ${name} the key "${key}", which a text field takes as typed text: use a key that types nothing (${namedKeys.join(', ')}, or ctrl- and a letter).`);
			}

			return normalized;
		});
		binding.keys = [...new Set(keys)];
	}

	const clash = findClash(result);
	if (clash) throw new Error(clash);
	// The reason digits follow the reject key: their words name it as bound.
	const reject = result.find(binding => binding.name === 'reject');
	const reason = result.find(binding => binding.name === 'give-reason');
	if (reject && reason && reject.keys[0] !== 'r') {
		const key = showKey(reject.keys[0]);
		reason.label = reason.label.replace('right after r', `right after ${key}`);
		reason.help = reason.help.replace('right after r:', `right after ${key}:`);
	}

	return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
