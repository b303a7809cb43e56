import type {Verdict} from '../store/schema.js';

export type OpenableMode = 'bias' | 'reasons' | 'note' | 'goto' | 'search' | 'order' | 'query' | 'help' | 'stats' | 'metadata' | 'guidelines';

/** The panels over the sample: scrolled with the same keys, closed with esc, q, enter or their own key. */
export type PanelName = 'help' | 'stats' | 'metadata' | 'guidelines';

/** How many rows a scroll has to move in, as the screen last drew it: the viewport's and the content's. */
export type Viewport = {rows: number; total: number | undefined};

/** Everything the review screen can ask the session to do. */
export type Action =
	| {type: 'decide'; verdict: Verdict; categories?: string[]; note?: string; reasons?: string[]}
	/** A digit right after `r` (reasons.ts): attach reason `index` to the rejection just made. */
	| {type: 'reason'; index: number}
	| {type: 'skip'}
	/** Correct the sample in the reviewer's editor (corrections.ts). */
	| {type: 'correct'}
	/** A corrected sample: show the correction, the original, the diff, in turn. */
	| {type: 'correction-view'}
	| {type: 'undo'}
	| {type: 'move'; direction: 1 | -1}
	| {type: 'first'}
	| {type: 'last'}
	| {type: 'scroll'; direction: 1 | -1; by: 'row' | 'page'; viewport?: Viewport}
	| {type: 'panel-scroll'; direction: 1 | -1; by: 'row' | 'page' | 'end'; viewport: Viewport}
	| {type: 'goto'; number: number}
	| {type: 'cycle-filter'}
	| {type: 'search'; query: string}
	| {type: 'search-next'; direction: 1 | -1}
	/** Scrolls the sample so a search match shows (the screen knows which row it is on). */
	| {type: 'scroll-to'; row: number}
	| {type: 'note'; text: string}
	| {type: 'open'; mode: OpenableMode}
	| {type: 'toggle'; panel: PanelName}
	| {type: 'close'}
	| {type: 'edit'; text: string; cursor?: number; restart?: boolean}
	| {type: 'submit'}
	| {type: 'bias-toggle'; index?: number}
	| {type: 'bias-focus'; direction: 1 | -1}
	| {type: 'bias-edit-note'}
	| {type: 'bias-confirm'}
	| {type: 'continue-here'}
	| {type: 'toggle-system'}
	| {type: 'quit'}
	| {type: 'unsaved'}
	/** Decide many samples in one step: the current sample's cluster, or every sample the screen's slice shows. */
	| {type: 'bulk'; scope: 'cluster' | 'slice'}
	| {type: 'bulk-verdict'; verdict: Verdict}
	| {type: 'bulk-confirm'}
	/** Tab in the query line: completes the word before the cursor. */
	| {type: 'complete'};

/** What a key can ask of the screen itself rather than of the session (the unsaved warning's choices). */
export type ScreenAction = Action | {type: 'retry-save'} | {type: 'quit-anyway'};
