import type {DecisionRecord, Verdict} from '../store/schema.js';
import type {CorrectionView} from './corrections.js';
import type {BulkChange, BulkPlan, BulkTarget} from './bulk.js';
import {noHistory, type History} from './history.js';

export const filters = ['undecided', 'all', 'accepted', 'rejected', 'flagged', 'conflicts'] as const;
export type Filter = (typeof filters)[number];

/** What the screen is doing: reading samples, or one of the prompts and panels over them. */
export type Mode =
	| {name: 'browse'}
	| {name: 'bias'; selected: string[]; focus: number; note: string; editingNote: boolean; bulk?: BulkTarget}
	/** The reasons picker, when a rejection needs a reason (requireReason). */
	| {name: 'reasons'; selected: string[]; focus: number}
	/** A bulk decision's target is chosen: which verdict (a, r, b)? */
	| {name: 'bulk'; target: BulkTarget}
	/** A bulk decision worked out: y applies it, anything else cancels. */
	| {name: 'confirm'; plan: BulkPlan}
	| {name: 'note'; text: string}
	| {name: 'goto'; text: string}
	| {name: 'search'; text: string}
	/** The order prompt (`o`): file, signals, or a metadata field (- in front: largest first). */
	| {name: 'order'; text: string}
	/** The query line (`f`): the slice to show, in the query language; `candidates` after a tab with several. */
	| {name: 'query'; text: string; candidates: string[]; error?: string}
	| {name: 'help'}
	| {name: 'stats'}
	| {name: 'metadata'}
	| {name: 'guidelines'}
	| {name: 'unsaved'};

/**
 * The open text field's cursor as the screen follows it (0 … text.length), and a number that changes
 * when the field must start again with its cursor at the end (an edit its own cursor could not follow).
 */
export type FieldCursor = {cursor: number; key: number};

export type UndoEntry = {
	index: number;
	sample: string;
	/** The reviewer's record before the change, to restore; undefined if there was none. */
	previous: DecisionRecord | undefined;
	/** A bulk step (one key over a cluster or a slice): every sample it changed, undone together. */
	batch?: BulkChange[];
	rule?: string;
};

export type SessionState = {
	cursor: number;
	/** First body row shown: the viewport's scroll position inside a long sample. */
	scroll: number;
	filter: Filter;
	mode: Mode;
	undo: UndoEntry[];
	query: string;
	/** One line of feedback (a search found nothing, nothing left to review, a save error…). */
	message: string | undefined;
	searching: boolean;
	/** The search match on screen: the `occurrence`-th (0-based) in sample `index`; serial changes with each move. */
	hit?: {index: number; occurrence: number; serial: number};
	quitting: boolean;
	field: FieldCursor;
	/** The open panel's (help, stats, metadata) first line shown. */
	panelTop: number;
	/** The rejection just made with `r`: a digit as the next key attaches a reason to it. */
	reasonFor: {index: number; sample: string} | undefined;
	/** How the corrected sample at `index` is shown (`d`); any other sample shows its correction. */
	correctionView: {index: number; view: CorrectionView} | undefined;
	/** Samples left by deciding or skipping, for ← and → (history.ts). */
	history: History;
	/** The sample whose system prompt is shown in full although it repeats the previous sample's (`e`). */
	systemShown?: number;
};

export function initialState(cursor: number, filter: Filter = 'undecided'): SessionState {
	return {cursor, scroll: 0, filter, mode: {name: 'browse'}, undo: [], query: '', message: undefined, searching: false, quitting: false, field: {cursor: 0, key: 0}, panelTop: 0, reasonFor: undefined, correctionView: undefined, history: noHistory};
}

/** A sample's status as the filters see it. */
export type SampleStatus = Verdict | 'undecided';

export function matchesFilter(filter: Filter, status: SampleStatus, conflict: boolean): boolean {
	if (filter === 'all') return true;
	if (filter === 'conflicts') return conflict;
	return status === filter;
}

export function nextFilter(filter: Filter, withConflicts: boolean): Filter {
	const cycle: readonly Filter[] = withConflicts ? filters : filters.filter(f => f !== 'conflicts');
	return cycle[(cycle.indexOf(filter) + 1) % cycle.length];
}

/**
 * The next index after `from` (or before it, for direction -1) that passes `matches`, without
 * wrapping; undefined when there is none. Linear in the distance to the match, never more.
 */
export function findIndex(from: number, direction: 1 | -1, count: number, matches: (i: number) => boolean): number | undefined {
	for (let i = from + direction; i >= 0 && i < count; i += direction) {
		if (matches(i)) return i;
	}

	return undefined;
}

/** Next match after `from`, wrapping around once; `wrapped` says the search passed the end. */
export function findWrapping(from: number, direction: 1 | -1, count: number, matches: (i: number) => boolean): {index: number; wrapped: boolean} | undefined {
	const ahead = findIndex(from, direction, count, matches);
	if (ahead !== undefined) return {index: ahead, wrapped: false};
	const start = direction === 1 ? -1 : count;
	const around = findIndex(start, direction, count, i => i !== from && matches(i));
	return around === undefined ? undefined : {index: around, wrapped: true};
}

/** Toggles a bias category in the picker's selection, keeping the category list's order. */
export function toggleCategory(selected: string[], category: string, order: string[]): string[] {
	const next = selected.includes(category) ? selected.filter(c => c !== category) : [...selected, category];
	return order.filter(c => next.includes(c));
}

export function clampScroll(scroll: number, totalRows: number, viewportRows: number): number {
	return Math.max(0, Math.min(scroll, Math.max(0, totalRows - viewportRows)));
}

/** The first row after scrolling by a row, a page (the viewport less one row) or to either end. */
export function scrolled(top: number, direction: 1 | -1, by: 'row' | 'page' | 'end', viewport: {rows: number; total: number | undefined}): number {
	const total = viewport.total ?? Number.POSITIVE_INFINITY;
	const step = by === 'row' ? 1 : by === 'page' ? Math.max(1, viewport.rows - 1) : total;
	return clampScroll(top + direction * step, total, viewport.rows);
}
