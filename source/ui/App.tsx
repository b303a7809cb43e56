import React, {useCallback, useMemo, useRef, useSyncExternalStore} from 'react';
import {Box, Text, useInput, type Key} from 'ink';
import type {ReviewController} from '../review/controller.js';
import {biasKey, browseKey, panelKey, splitChunk} from '../review/keymap.js';
import {sanitizeLine} from '../dataset/sanitize.js';
import {BiasPicker} from './BiasPicker.js';
import {DecisionLine} from './DecisionLine.js';
import {Header} from './Header.js';
import {HelpPanel} from './HelpPanel.js';
import {KeyHints} from './KeyHints.js';
import {frameHeight, minimum, viewportRows} from './layout.js';
import {PromptLine, plainText} from './PromptLine.js';
import {SampleRows} from './sample-rows.js';
import {SampleViewport, scrollPosition} from './SampleViewport.js';
import {StatsPanel} from './StatsPanel.js';
import {StatusBar} from './StatusBar.js';
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

	// One handler for the screen's whole life: registered once, before any text field's, so it always
	// sees a key first (Ink calls input listeners in the order they were registered).
	const handle = useRef<(input: string, key: Key) => void>(() => undefined);
	handle.current = (input: string, key: Key) => {
		const typing = isTyping(controller.state.mode);
		const presses = input.length > 1 && !key.ctrl && !key.meta && !typing ? splitChunk(input) : [{input, key}];
		for (const [i, press] of presses.entries()) {
			const consumed = handleKey(controller, press.input, press.key, presses.slice(i + 1).map(p => p.input || (p.key.return ? '\r' : '')).join(''), {onRetrySave, onQuitAnyway});
			if (consumed) break;
		}
	};

	const onInput = useCallback((input: string, key: Key) => {
		handle.current(input, key);
	}, []);
	useInput(onInput);

	if (columns < minimum.columns || rows < minimum.rows) {
		return (
			<Box height={height} flexDirection="column">
				<Text wrap="wrap">winnow needs a terminal of at least {minimum.columns}×{minimum.rows} (this one is {columns}×{rows}); make it larger. q quits.</Text>
			</Box>
		);
	}

	const {mode} = state;
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
				onNote={text => {
					controller.dispatch({type: 'edit', text: plainText(text)});
				}}
				onConfirm={() => {
					controller.dispatch({type: 'bias-confirm'});
				}}
			/>
		);
	} else if (mode.name === 'help') {
		body = <HelpPanel height={bodyHeight}/>;
	} else if (mode.name === 'stats') {
		body = <StatsPanel controller={controller} height={bodyHeight} width={width}/>;
	} else {
		body = <SampleViewport rows={visible} height={bodyHeight} width={width} scroll={state.scroll}/>;
	}

	const indexing = dataset.indexed ? undefined : `reading ${Math.floor((100 * dataset.scan.bytesRead) / Math.max(1, dataset.scan.totalBytes))}%`;
	const position = scrollPosition(state.scroll, visible.length, sampleRows.complete ? sampleRows.made : undefined, !sampleRows.complete || sampleRows.made > state.scroll + visible.length);
	const message = store.status.error ?? dataset.indexError?.message ?? state.message;

	return (
		<Box flexDirection="column" height={height} width={width}>
			<Header current={current} count={dataset.count} indexed={dataset.indexed} datasetName={dataset.name} idField={dataset.idField} shared={dataset.occurrences(current.sample.id)} width={width}/>
			<DecisionLine current={current} reviewer={controller.reviewer}/>
			{body}
			<MessageLine controller={controller} message={message} position={position}/>
			<StatusBar
				reviewer={controller.reviewer}
				counts={controller.counts}
				filter={state.filter}
				save={store.status}
				indexing={indexing}
				others={[...new Set(controller.peers().map(peer => peer.reviewer))]}
				compact={columns < 100}
			/>
			<KeyHints mode={mode} width={width}/>
		</Box>
	);
}

function MessageLine({controller, message, position}: {controller: ReviewController; message: string | undefined; position: string}) {
	const {mode} = controller.state;
	const edit = (text: string) => {
		controller.dispatch({type: 'edit', text: plainText(text)});
	};

	if (mode.name === 'note') {
		return <PromptLine label="note:" value={mode.text} placeholder="a note on this sample" onChange={edit} onSubmit={text => {
			controller.dispatch({type: 'note', text});
		}}/>;
	}

	if (mode.name === 'goto') {
		return <PromptLine label="go to sample:" value={mode.text} placeholder={`1–${controller.dataset.count}`} onChange={text => {
			edit(text.replaceAll(/\D/g, ''));
		}} onSubmit={text => {
			controller.dispatch({type: 'goto', number: Number(text)});
		}}/>;
	}

	if (mode.name === 'search') {
		return <PromptLine label="search:" value={mode.text} placeholder="text to find" onChange={edit} onSubmit={text => {
			if (text.trim()) controller.dispatch({type: 'search', query: text.trim()});
			else controller.dispatch({type: 'close'});
		}}/>;
	}

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

type Hooks = {onRetrySave?: () => void; onQuitAnyway?: () => void};

/**
 * Routes one key press by the current mode. Returns true when it consumed the rest of the chunk
 * (keys typed right after opening a text field become that field's text).
 */
function handleKey(controller: ReviewController, input: string, key: Partial<Key>, rest: string, hooks: Hooks): boolean {
	const {mode} = controller.state;
	if (key.ctrl && input === 'c') {
		controller.dispatch({type: 'quit'});
		return true;
	}

	switch (mode.name) {
		case 'note':
		case 'goto':
		case 'search': {
			// The text field handles typing and enter; this cancels, and submits text typed so fast
			// that it arrived in one chunk with its enter (the field would miss that enter).
			if (key.escape) controller.dispatch({type: 'close'});
			else if (input.length > 1 && input.includes('\r')) {
				const typed = plainText(input.split('\r')[0]);
				controller.dispatch({type: 'edit', text: mode.name === 'goto' ? (mode.text + typed).replaceAll(/\D/g, '') : mode.text + typed});
				submitPrompt(controller);
			}

			return true;
		}

		case 'bias': {
			if (mode.editingNote) {
				if (key.escape) controller.dispatch({type: 'close'});
				else if (key.tab) controller.dispatch({type: 'bias-edit-note'});
				else if (input.length > 1 && input.includes('\r')) {
					controller.dispatch({type: 'edit', text: mode.note + plainText(input.split('\r')[0])});
					controller.dispatch({type: 'bias-confirm'});
				}

				return true;
			}

			const action = biasKey(input, key);
			if (action) controller.dispatch(action);
			return false;
		}

		case 'help':
		case 'stats': {
			const action = panelKey(mode, input, key);
			if (action) controller.dispatch(action);
			return false;
		}

		case 'unsaved': {
			if (input === 'r') hooks.onRetrySave?.();
			else if (input === 'q') hooks.onQuitAnyway?.();
			else if (input === 'w' || key.escape) controller.dispatch({type: 'close'});
			return false;
		}

		case 'browse': {
			const action = browseKey(input, key);
			if (!action) return false;
			controller.dispatch(action);
			const after = controller.state.mode;
			if (rest && (after.name === 'note' || after.name === 'goto' || after.name === 'search')) {
				// Keys that arrived in the same chunk as the one that opened the field are its text.
				const [text, ...submitted] = rest.split('\r');
				controller.dispatch({type: 'edit', text: plainText(after.name === 'note' ? after.text + text : text)});
				if (submitted.length > 0) submitPrompt(controller);
				return true;
			}

			return false;
		}
	}
}

function submitPrompt(controller: ReviewController) {
	const {mode} = controller.state;
	if (mode.name === 'note') controller.dispatch({type: 'note', text: mode.text});
	else if (mode.name === 'goto') controller.dispatch({type: 'goto', number: Number(mode.text)});
	else if (mode.name === 'search' && mode.text.trim()) controller.dispatch({type: 'search', query: mode.text.trim()});
}
