import type {Verdict} from '../store/schema.js';

export type OpenableMode = 'bias' | 'note' | 'goto' | 'search' | 'help' | 'stats';

/** Everything the review screen can ask the session to do. */
export type Action =
	| {type: 'decide'; verdict: Verdict; categories?: string[]; note?: string}
	| {type: 'skip'}
	| {type: 'undo'}
	| {type: 'move'; direction: 1 | -1}
	| {type: 'first'}
	| {type: 'last'}
	| {type: 'scroll'; direction: 1 | -1; by: 'row' | 'page'}
	| {type: 'goto'; number: number}
	| {type: 'cycle-filter'}
	| {type: 'search'; query: string}
	| {type: 'search-next'; direction: 1 | -1}
	| {type: 'note'; text: string}
	| {type: 'open'; mode: OpenableMode}
	| {type: 'close'}
	| {type: 'edit'; text: string}
	| {type: 'bias-toggle'; index?: number}
	| {type: 'bias-focus'; direction: 1 | -1}
	| {type: 'bias-edit-note'}
	| {type: 'bias-confirm'}
	| {type: 'quit'}
	| {type: 'unsaved'};
