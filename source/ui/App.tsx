import React, {useCallback, useEffect, useMemo, useRef, useSyncExternalStore} from 'react';
import {Box, Text, useInput, type Key} from 'ink';
import {defaultBindings, type Binding} from '../review/bindings.js';
import {scrollHint} from '../review/key-help.js';
import {showKey} from '../review/keys.js';
import {confirmation} from '../review/bulk.js';
import type {ReviewController} from '../review/controller.js';
import {sanitizeLine} from '../dataset/sanitize.js';
import {count} from '../report/render.js';
import {BiasPicker, pickerHeight} from './BiasPicker.js';
import {reasonOffer} from '../review/reasons.js';
import {DecisionLine} from './DecisionLine.js';
import {Header, arrayLocation} from './Header.js';
import {Panel, helpLines, type PanelLine} from './HelpPanel.js';
import {KeyHints} from './KeyHints.js';
import {frameHeight, minimum, viewportRows} from './layout.js';
import {PromptLine} from './PromptLine.js';
import {SampleRows} from './sample-rows.js';
import {handleInput, type DrawnViewports} from './key-dispatch.js';
import {metadataPanelLines} from './metadata-panel-lines.js';
import {previousSystemPrompt} from './repeated-system.js';
import {guidelinesPanelLines} from './guidelines-panel-lines.js';
import {SampleViewport, scrollPosition} from './SampleViewport.js';
import {signalLines, signalRowCap} from './signal-lines.js';
import {SignalLines} from './SignalLines.js';
import {statsPanelLines} from './stats-panel-lines.js';
import {StatusBar} from './StatusBar.js';
import {useTerminalSize} from './use-terminal-size.js';
import {errorRowCount, messageRows} from './message-rows.js';
import {terminalWidth} from './terminal-width.js';

type Props = {
	controller: ReviewController;
	/** Called for "unsaved: quit anyway" and retries; the command owns exiting. */
	onRetrySave?: () => void;
	onQuitAnyway?: () => void;
	/** The key bindings (the config file may remap keys: applyKeyOverrides). */
	bindings?: readonly Binding[];
};

/** The review screen: renders the controller's state and maps keys to its actions through the binding table. */
export function App({controller, onRetrySave, onQuitAnyway, bindings = defaultBindings}: Props) {
	useSyncExternalStore(
		listener => controller.subscribe(listener),
		() => controller.snapshotVersion,
	);
	const {columns, rows} = useTerminalSize();
	// Ink's truncation (cli-truncate) overshoots by a column when a wide character (CJK, emoji) sits
	// at the cut, and the line then wraps and pushes the screen up: lay out one column narrower.
	const width = Math.max(1, columns - 1);
	const height = frameHeight(rows);
	const {state, dataset, store} = controller;
	const current = controller.currentSample();
	// The sample's signals take a line or two from the viewport, never from the status bar.
	const signalRows = useMemo(() => signalLines(current.signals, signalRowCap(rows)), [current, rows]);
	const message = store.status.error ?? dataset.indexError?.message ?? state.message;
	const said = spokenLine(controller, message);
	// A message too long for one row takes a second one from the viewport (never the key bar's), so its end is not lost.
	const messageRowCount = said && rows >= 16 && terminalWidth(said.text) > width ? 2 : 1;
	// Likewise a bad query's sentence, shown where the key bar is while the query line is open.
	const queryError = state.mode.name === 'query' ? state.mode.error : undefined;
	const errorRows = errorRowCount(queryError === undefined ? undefined : sanitizeLine(queryError), width, rows);
	const bodyHeight = Math.max(1, viewportRows(rows) - signalRows.length - (messageRowCount - 1) - (errorRows - 1));
	const previousSystem = useMemo(() => previousSystemPrompt(dataset, current.sample.index), [dataset, current]);
	const expandSystem = state.systemShown === state.cursor;
	const expandKey = bindings.find(binding => binding.name === 'system-prompt')?.keys[0];
	const correctionViewKey = bindings.find(binding => binding.name === 'correction-view')?.keys[0];
	const sampleRows = useMemo(() => new SampleRows(current.rendered.blocks, width, {previousSystem, expandSystem, expandKey}), [current, width, previousSystem, expandSystem, expandKey]);
	const visible = sampleRows.slice(state.scroll, bodyHeight);
	const highlight = controller.searchPattern;
	// A search match moved to: scroll the sample so its row shows (below the sticky label, if any).
	const {hit} = state;
	useEffect(() => {
		if (!hit || !highlight || hit.index !== state.cursor) return;
		const row = sampleRows.rowOfMatch(highlight, hit.occurrence);
		const top = state.scroll;
		if (row < top + bodyHeight && (row > top || top === 0)) return;
		controller.dispatch({type: 'scroll-to', row: Math.max(0, row - 1)});
	}, [hit?.serial, sampleRows]);
	const {mode} = state;
	const panelLines = useMemo<PanelLine[] | undefined>(() => {
		if (mode.name === 'help') return helpLines(width, bindings, controller.reasons);
		if (mode.name === 'stats') return statsPanelLines(controller, width).map(text => ({text}));
		if (mode.name === 'metadata') return metadataPanelLines(current, width);
		if (mode.name === 'guidelines' && controller.options.guidelines) return guidelinesPanelLines(controller.options.guidelines, width);
		return undefined;
	}, [mode.name, width, controller, bindings, mode.name === 'metadata' ? current : undefined]);
	// The panel's lines change with the width: show it from at most its last page.
	const panelTop = panelLines ? Math.min(state.panelTop, Math.max(0, panelLines.length - bodyHeight)) : 0;

	// What was drawn, for the keys that scroll (how many rows a page is, where the end is).
	const drawn = useRef<DrawnViewports>({sample: {rows: bodyHeight, total: undefined, cursor: state.cursor}, panel: {rows: bodyHeight, total: 0}});
	drawn.current = {
		sample: {rows: bodyHeight, total: sampleRows.complete ? sampleRows.made : undefined, cursor: state.cursor},
		panel: {rows: bodyHeight, total: panelLines?.length ?? 0},
	};

	// One handler for the screen's whole life: registered once, before any text field's, so it always
	// sees a key first (Ink calls input listeners in the order they were registered).
	const handle = useRef<(input: string, key: Key) => void>(() => undefined);
	handle.current = (input: string, key: Key) => {
		handleInput({controller, bindings, drawn: drawn.current, onRetrySave, onQuitAnyway}, input, key);
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

	let body: React.ReactNode;
	// The pickers take the lower part of the viewport: the sample stays in view above them.
	const pickerRows = mode.name === 'bias' ? pickerHeight(controller.options.categories.length, bodyHeight) : mode.name === 'reasons' ? pickerHeight(controller.reasons.length, bodyHeight) : 0;
	const above = bodyHeight - pickerRows;
	const sampleAbove = above > 0 ? <SampleViewport rows={sampleRows.slice(state.scroll, above)} height={above} width={width} scroll={state.scroll} highlight={highlight}/> : null;
	if (mode.name === 'reasons') {
		body = (
			<Box flexDirection="column" height={bodyHeight}>
				{sampleAbove}
				<BiasPicker
					noNote
					title="Reject: pick one or more reasons"
					categories={controller.reasons}
					selected={mode.selected}
					focus={mode.focus}
					note=""
					editingNote={false}
					height={pickerRows}
				/>
			</Box>
		);
	} else if (mode.name === 'bias') {
		body = (
			<Box flexDirection="column" height={bodyHeight}>
				{sampleAbove}
				<BiasPicker
				categories={controller.options.categories}
				selected={mode.selected}
				focus={mode.focus}
				note={mode.note}
				editingNote={mode.editingNote}
				height={pickerRows}
				cursor={state.field.cursor}
			/>
			</Box>
		);
	} else if (panelLines) {
		body = <Panel lines={panelLines} top={panelTop} height={bodyHeight}/>;
	} else {
		body = <SampleViewport rows={visible} height={bodyHeight} width={width} scroll={state.scroll} highlight={highlight}/>;
	}

	// While a big file is read the counts are partial anyway; while the first count of many decisions is made, they say so.
	const reading = `reading ${Math.floor((100 * dataset.scan.bytesRead) / Math.max(1, dataset.scan.totalBytes))}%`;
	const counting = controller.readingDecisions ? `reading decisions ${Math.floor(100 * store.readFraction())}%` : 'counting…';
	const indexing = dataset.indexed ? (controller.counting ? counting : controller.signals.status) : controller.counting ? `${reading}, ${counting}` : reading;
	// Under a panel or the bias picker, the line shows the panel's position, never the sample's.
	const position = panelLines
		? (panelLines.length > bodyHeight ? `${mode.name} lines ${count(panelTop + 1)}–${count(Math.min(panelLines.length, panelTop + bodyHeight))} of ${count(panelLines.length)}` : '')
		: mode.name === 'bias' || mode.name === 'reasons' ? '' : scrollPosition(state.scroll, visible.length, sampleRows.complete ? sampleRows.made : undefined, !sampleRows.complete || sampleRows.made > state.scroll + visible.length);

	return (
		<Box flexDirection="column" height={height} width={width}>
			<Header current={current} count={dataset.count} indexed={dataset.indexed} datasetName={dataset.name} idField={dataset.idField} shared={dataset.occurrences(current.sample.id)} width={width} location={arrayLocation(dataset.scan.layout, current.sample.index, i => dataset.lineNumber(i), i => dataset.index.start(i), dataset.count)}/>
			<SignalLines lines={signalRows} width={width}/>
			<DecisionLine current={current} reviewer={controller.reviewer} viewKey={correctionViewKey && showKey(correctionViewKey)} reading={controller.readingDecisions} outsideQuery={controller.query && !controller.query.matches(current.sample.index) ? controller.query.text : undefined}/>
			{body}
			<MessageLine controller={controller} said={said} rowCount={messageRowCount} width={width} position={position} cursor={state.field.cursor} scrollKeys={scrollHint(bindings, panelLines ? 'panel' : 'sample')}/>
			<StatusBar
				reviewer={controller.reviewer}
				counts={controller.counts}
				filter={state.filter}
				save={store.status}
				indexing={indexing}
				others={[...new Set(controller.peers().map(peer => peer.reviewer))]}
				order={controller.orderLabel()}
				query={controller.query?.label()}
				width={width}
			/>
			{state.reasonFor
				? <Text color="yellow" wrap="truncate-end">{sanitizeLine(reasonOffer(state.reasonFor.sample, controller.reasons, store.get(state.reasonFor.sample, controller.reviewer)?.reasons ?? []))}</Text>
				: errorRows > 1 && queryError
					? <Box flexDirection="column" height={errorRows}>{messageRows(sanitizeLine(queryError), width, errorRows).map((row, i) => <Text key={i} color="red" wrap="truncate-end">{row}</Text>)}</Box>
					: <KeyHints mode={mode} width={width} bindings={bindings}/>}
		</Box>
	);
}

/** What the message line says outside the prompts: a bulk step's question, its confirmation, or the message. */
type Spoken = {text: string; color: 'yellow' | 'red'; bold?: boolean; message?: true};

function spokenLine(controller: ReviewController, message: string | undefined): Spoken | undefined {
	const {mode} = controller.state;
	if (mode.name === 'bulk') {
		const n = mode.target.indices.length;
		return {text: `decide ${count(n)} sample${n === 1 ? '' : 's'} ${sanitizeLine(mode.target.what)} at once: a accept · r reject · b flag · esc cancel`, color: 'yellow', bold: true};
	}

	if (mode.name === 'confirm') return {text: sanitizeLine(confirmation(mode.plan)), color: 'yellow', bold: true};
	if (mode.name === 'unsaved') {
		const {unsaved, error} = controller.store.status;
		return {text: `${unsaved} ${unsaved === 1 ? 'decision is' : 'decisions are'} not saved yet: ${sanitizeLine(error ?? '')}`, color: 'red', bold: true};
	}

	if (['note', 'goto', 'search', 'order', 'query'].includes(mode.name) || !message) return undefined;
	return {text: sanitizeLine(message), color: controller.store.status.error ? 'red' : 'yellow', message: true};
}

function MessageLine({controller, said, rowCount, width, position, cursor, scrollKeys}: {controller: ReviewController; said: Spoken | undefined; rowCount: number; width: number; position: string; cursor: number; scrollKeys: string}) {
	const {mode} = controller.state;
	if (mode.name === 'note') return <PromptLine label="note:" value={mode.text} placeholder="a note on this sample" cursor={cursor}/>;
	if (mode.name === 'goto') return <PromptLine label="go to sample:" value={mode.text} placeholder={`1–${count(controller.dataset.count)}`} cursor={cursor}/>;
	if (mode.name === 'search') return <PromptLine label="search:" value={mode.text} placeholder="text to find" cursor={cursor}/>;
	if (mode.name === 'order') return <PromptLine label="order by:" value={mode.text} placeholder="file, signals, or a metadata field (-field: largest first)" cursor={cursor}/>;
	if (mode.name === 'query') return <PromptLine label="filter:" value={mode.text} placeholder="signal:refusal, model:gpt-4o, scores.quality<0.5, a word… (tab completes)" cursor={cursor}/>;
	if (!said) return <Text wrap="truncate-end" dimColor>{position ? `${position} · ${scrollKeys}` : ' '}</Text>;
	if (rowCount > 1) {
		return (
			<Box flexDirection="column" height={rowCount}>
				{messageRows(said.message && position ? `${said.text} · ${position}` : said.text, width, rowCount).map((row, i) => (
					<Text key={i} wrap="truncate-end" color={said.color} bold={said.bold}>{row}</Text>
				))}
			</Box>
		);
	}

	return (
		<Text wrap="truncate-end">
			<Text color={said.color} bold={said.bold}>{said.text}</Text>
			<Text dimColor>{said.message && position ? ` · ${position}` : ''}</Text>
		</Text>
	);
}
