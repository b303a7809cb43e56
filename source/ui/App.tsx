import React, {useCallback, useMemo, useReducer, useRef, useSyncExternalStore} from 'react';
import {Box, Text, useInput, type Key} from 'ink';
import type {ReviewController} from '../review/controller.js';
import {biasKey, browseKey, panelKey, panelScroll, splitChunk} from '../review/keymap.js';
import {sanitizeLine} from '../dataset/sanitize.js';
import {count} from '../report/render.js';
import {BiasPicker} from './BiasPicker.js';
import {DecisionLine} from './DecisionLine.js';
import {Header} from './Header.js';
import {Panel, helpLines, type PanelLine} from './HelpPanel.js';
import {KeyHints} from './KeyHints.js';
import {frameHeight, minimum, viewportRows} from './layout.js';
import {PromptLine} from './PromptLine.js';
import {SampleRows} from './sample-rows.js';
import {SampleViewport, scrollPosition} from './SampleViewport.js';
import {statsPanelLines} from './stats-panel-lines.js';
import {StatusBar} from './StatusBar.js';
import {editField, typedCharacters} from './text-editing.js';
import {useTerminalSize} from './use-terminal-size.js';

type Props = {
	controller: ReviewController;
	/** Called for "unsaved: quit anyway" and retries; the command owns exiting. */
	onRetrySave?: () => void;
	onQuitAnyway?: () => void;
};

/** The review screen: renders the controller's state and maps keys to its actions. */
export function App({controller, onRetrySave, onQuitAnyway}: Props) {
	useSyncExternalStore(
		listener => controller.subscribe(listener),
		() => controller.snapshotVersion,
	);
	const {columns, rows} = useTerminalSize();
	// Ink's truncation (cli-truncate) overshoots by a column when a wide character (CJK, emoji) sits
	// at the cut, and the line then wraps and pushes the screen up: lay out one column narrower.
	const width = Math.max(1, columns - 1);
	const height = frameHeight(rows);
	const bodyHeight = viewportRows(rows);
	controller.viewportRows = bodyHeight;
	const {state, dataset, store} = controller;
	const current = controller.currentSample();
	const sampleRows = useMemo(() => new SampleRows(current.rendered.blocks, width), [current, width]);
	const visible = sampleRows.slice(state.scroll, bodyHeight);
	controller.sampleRows = sampleRows.complete ? sampleRows.made : undefined;

	// The open text field's cursor as the screen tracks it, and a key that starts the field again
	// (cursor at the end) after an edit its own cursor could not follow.
	const field = useRef<FieldState>({id: undefined, cursor: 0, key: 0});
	// The open panel (help, stats): its first line shown, and how far it can scroll.
	const panel = useRef<PanelState>({name: '', top: 0, maxTop: 0, page: 1});
	const [, rerender] = useReducer((n: number) => n + 1, 0);

	// One handler for the screen's whole life: registered once, before any text field's, so it always
	// sees a key first (Ink calls input listeners in the order they were registered).
	const handle = useRef<(input: string, key: Key) => void>(() => undefined);
	handle.current = (input: string, key: Key) => {
		const typing = isTyping(controller.state.mode);
		const presses = input.length > 1 && !key.ctrl && !key.meta && !typing ? splitChunk(input) : [{input, key}];
		const context: Context = {onRetrySave, onQuitAnyway, field: field.current, panel: panel.current, rerender};
		for (const press of presses) {
			if (handleKey(controller, press.input, press.key, context)) break;
		}
	};

	const onInput = useCallback((input: string, key: Key) => {
		handle.current(input, key);
	}, []);
	useInput(onInput);

	const {mode} = state;
	if (!isTyping(mode)) field.current.id = undefined;
	if (panel.current.name !== mode.name) panel.current = {name: mode.name, top: 0, maxTop: 0, page: 1};
	const panelLines = useMemo<PanelLine[] | undefined>(() => {
		if (mode.name === 'help') return helpLines(width);
		if (mode.name === 'stats') return statsPanelLines(controller, width).map(text => ({text}));
		return undefined;
	}, [mode.name, width, controller]);
	if (panelLines) {
		panel.current.page = bodyHeight;
		panel.current.maxTop = Math.max(0, panelLines.length - bodyHeight);
		panel.current.top = Math.min(panel.current.top, panel.current.maxTop);
	}

	if (columns < minimum.columns || rows < minimum.rows) {
		return (
			<Box height={height} flexDirection="column">
				<Text wrap="wrap">winnow needs a terminal of at least {minimum.columns}×{minimum.rows} (this one is {columns}×{rows}); make it larger. q quits.</Text>
			</Box>
		);
	}

	let body: React.ReactNode;
	if (mode.name === 'bias') {
		body = (
			<BiasPicker
				categories={controller.options.categories}
				selected={mode.selected}
				focus={mode.focus}
				note={mode.note}
				editingNote={mode.editingNote}
				height={bodyHeight}
				fieldKey={field.current.key}
			/>
		);
	} else if (panelLines) {
		body = <Panel lines={panelLines} top={panel.current.top} height={bodyHeight}/>;
	} else {
		body = <SampleViewport rows={visible} height={bodyHeight} width={width} scroll={state.scroll}/>;
	}

	const indexing = dataset.indexed ? (controller.counting ? 'counting…' : undefined) : `reading ${Math.floor((100 * dataset.scan.bytesRead) / Math.max(1, dataset.scan.totalBytes))}%`;
	// Under a panel or the bias picker, the line shows the panel's position, never the sample's.
	const position = panelLines
		? (panelLines.length > bodyHeight ? `${mode.name} lines ${count(panel.current.top + 1)}–${count(Math.min(panelLines.length, panel.current.top + bodyHeight))} of ${count(panelLines.length)}` : '')
		: mode.name === 'bias' ? '' : scrollPosition(state.scroll, visible.length, sampleRows.complete ? sampleRows.made : undefined, !sampleRows.complete || sampleRows.made > state.scroll + visible.length);
	const message = store.status.error ?? dataset.indexError?.message ?? state.message;

	return (
		<Box flexDirection="column" height={height} width={width}>
			<Header current={current} count={dataset.count} indexed={dataset.indexed} datasetName={dataset.name} idField={dataset.idField} shared={dataset.occurrences(current.sample.id)} width={width}/>
			<DecisionLine current={current} reviewer={controller.reviewer}/>
			{body}
			<MessageLine controller={controller} message={message} position={position} fieldKey={field.current.key}/>
			<StatusBar
				reviewer={controller.reviewer}
				counts={controller.counts}
				filter={state.filter}
				save={store.status}
				indexing={indexing}
				others={[...new Set(controller.peers().map(peer => peer.reviewer))]}
				width={width}
			/>
			<KeyHints mode={mode} width={width}/>
		</Box>
	);
}

function MessageLine({controller, message, position, fieldKey}: {controller: ReviewController; message: string | undefined; position: string; fieldKey: number}) {
	const {mode} = controller.state;
	if (mode.name === 'note') return <PromptLine label="note:" value={mode.text} placeholder="a note on this sample" fieldKey={fieldKey}/>;
	if (mode.name === 'goto') return <PromptLine label="go to sample:" value={mode.text} placeholder={`1–${count(controller.dataset.count)}`} fieldKey={fieldKey}/>;
	if (mode.name === 'search') return <PromptLine label="search:" value={mode.text} placeholder="text to find" fieldKey={fieldKey}/>;

	if (mode.name === 'unsaved') {
		const {unsaved, error} = controller.store.status;
		return <Text color="red" bold wrap="truncate-end">{unsaved} {unsaved === 1 ? 'decision is' : 'decisions are'} not saved yet: {sanitizeLine(error ?? '')}</Text>;
	}

	return (
		<Text wrap="truncate-end">
			<Text color={controller.store.status.error ? 'red' : 'yellow'}>{message ? sanitizeLine(message) : ''}</Text>
			<Text dimColor>{message ? (position ? ` · ${position}` : '') : position ? `${position} · ↑↓ j/k PgUp/PgDn scroll` : ' '}</Text>
		</Text>
	);
}

/** Is a text field taking the keys? Then a chunk is text, not separate key presses. */
function isTyping(mode: ReviewController['state']['mode']): boolean {
	return mode.name === 'note' || mode.name === 'goto' || mode.name === 'search' || (mode.name === 'bias' && mode.editingNote);
}

type FieldState = {id: string | undefined; cursor: number; key: number};
type PanelState = {name: string; top: number; maxTop: number; page: number};
type Context = {
	onRetrySave?: () => void;
	onQuitAnyway?: () => void;
	field: FieldState;
	panel: PanelState;
	rerender: () => void;
};

/**
 * Routes one key press by the current mode. Returns true when it consumed the rest of the chunk
 * (text after the enter that submitted a field).
 */
function handleKey(controller: ReviewController, input: string, key: Partial<Key>, context: Context): boolean {
	const {mode} = controller.state;
	if (key.ctrl && input === 'c') {
		controller.dispatch({type: 'quit'});
		return true;
	}

	switch (mode.name) {
		case 'note':
		case 'goto':
		case 'search': {
			return editKey(controller, input, key, context.field);
		}

		case 'bias': {
			if (mode.editingNote) return editKey(controller, input, key, context.field);
			const action = biasKey(input, key);
			if (action) controller.dispatch(action);
			return false;
		}

		case 'help':
		case 'stats': {
			const action = panelKey(mode, input, key);
			if (action) {
				controller.dispatch(action);
				return false;
			}

			const scroll = panelScroll(input, key);
			if (scroll) {
				const {panel} = context;
				const step = scroll.by === 'row' ? 1 : scroll.by === 'page' ? Math.max(1, panel.page - 1) : panel.maxTop;
				const top = Math.max(0, Math.min(panel.maxTop, panel.top + scroll.direction * step));
				if (top !== panel.top) {
					panel.top = top;
					context.rerender();
				}
			}

			return false;
		}

		case 'unsaved': {
			if (input === 'r') context.onRetrySave?.();
			else if (input === 'q') context.onQuitAnyway?.();
			else if (input === 'w' || key.escape) controller.dispatch({type: 'close'});
			return false;
		}

		case 'browse': {
			const action = browseKey(input, key);
			if (action) controller.dispatch(action);
			return false;
		}
	}
}

const digitsOnly = (text: string) => text.replaceAll(/\D/g, '');

/**
 * A key in a text field (note, go to, search, the bias picker's note). The screen edits the text,
 * not ink-text-input: Ink hands a chunk of keys (DEL DEL, "ab", ctrl-u) to the field as one string,
 * which the field would insert as text. The field still draws the text and moves its cursor with
 * ← →; the screen follows that cursor, and when an edit leaves it elsewhere (a chunk of keys,
 * ctrl-u, ctrl-w) starts the field again with its cursor at the end.
 */
function editKey(controller: ReviewController, input: string, key: Partial<Key>, field: FieldState): boolean {
	const {mode} = controller.state;
	const text = mode.name === 'bias' ? mode.note : mode.name === 'note' || mode.name === 'goto' || mode.name === 'search' ? mode.text : '';
	const id = mode.name === 'bias' ? 'bias-note' : mode.name;
	if (field.id !== id) {
		field.id = id;
		field.cursor = text.length;
	}

	if (key.escape) {
		controller.dispatch({type: 'close'});
		return true;
	}

	if (mode.name === 'bias' && key.tab) {
		controller.dispatch({type: 'bias-edit-note'});
		return false;
	}

	if (key.leftArrow || key.rightArrow) {
		field.cursor = Math.max(0, Math.min(text.length, field.cursor + (key.leftArrow ? -1 : 1)));
		return false;
	}

	const typed = typedCharacters(input, key);
	if (typed === undefined) return false;
	const edited = editField({text, cursor: field.cursor}, typed, mode.name === 'goto' ? digitsOnly : undefined);
	// Where ink-text-input, which saw the same key, put its cursor: back one for a backspace, else
	// after the key's characters as it inserted them.
	const fieldCursor = key.backspace || key.delete ? Math.max(0, field.cursor - 1) : field.cursor + input.length;
	if (edited.cursor === fieldCursor) {
		field.cursor = edited.cursor;
	} else {
		field.key++;
		field.cursor = edited.text.length;
	}

	if (edited.text !== text) controller.dispatch({type: 'edit', text: edited.text});
	if (!edited.submitted) return false;
	submit(controller);
	return true;
}

function submit(controller: ReviewController) {
	const {mode} = controller.state;
	if (mode.name === 'note') controller.dispatch({type: 'note', text: mode.text});
	else if (mode.name === 'goto') controller.dispatch({type: 'goto', number: Number(mode.text)});
	else if (mode.name === 'search') controller.dispatch(mode.text.trim() ? {type: 'search', query: mode.text.trim()} : {type: 'close'});
	else if (mode.name === 'bias') controller.dispatch({type: 'bias-confirm'});
}
