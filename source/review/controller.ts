import {IdFieldCheck, missingIdFieldWarning} from '../dataset/id-field-check.js';
import type {Dataset, Sample} from '../dataset/dataset.js';
import type {SignalHit} from '../dataset/signals/index.js';
import {defaultSignalConfig, type SignalConfig} from '../dataset/signals/config.js';
import {detectFormat, renderSample, type RenderedSample} from '../dataset/formats/index.js';
import type {DecisionStore} from '../store/decision-store.js';
import {sizeText} from '../dataset/long-entry.js';
import {hashToRecord, madeOnNoneOf} from '../dataset/content-hash.js';
import type {LiveChannel, Peer} from '../store/live-channel.js';
import type {ReviewerPosition} from '../store/reviewer-position.js';
import type {DecisionRecord, Verdict} from '../store/schema.js';
import {StatusCounter} from '../store/status-counts.js';
import {sampleStatus} from '../store/verdict-policy.js';
import type {Action} from './actions.js';
import {defaultBindings, type Binding} from './bindings.js';
import {showKey} from './keys.js';
import {clusterTarget, nothingToDo, planBulk, sharedLines, type BulkChange, type BulkPlan, type BulkTarget} from './bulk.js';
import {Claims, decidingActions, supersededNotice, takeoverNotice, type ReviewMode} from './claiming.js';
import {countAll, plainState, recountAfterIndexing, tableNumbers} from './counting.js';
import {checkCorrection, correctionDraft, correctionOf, correctionViews, lineDiff, sameJson, type CorrectionView, type SampleEditor} from './corrections.js';
import {Decisions, type Change} from './decisions.js';
import {noGuidelinesMessage, type Guidelines} from './guidelines.js';
import {goBack, goForward, leftBehind, noHistory} from './history.js';
import {Navigation} from './navigation.js';
import {defaultReasons, withReason} from './reasons.js';
import {complete, fieldPathsOf, needsOf, seenValues} from '../query/index.js';
import {SIGNALS as signalNames} from '../dataset/signals/types.js';
import {QuerySlice} from './query-slice.js';
import {fieldOrder, orderText, parseOrder, signalsOrder, type OrderSpec} from './ordering.js';
import {Resume} from './resume.js';
import {SampleSearch} from './sample-search.js';
import {ReviewSignals} from './signals-session.js';
import {countInBlocks, parseSearch, type SearchPattern} from './search-pattern.js';
import {biasNoteToggled, categoryFocused, categoryToggled, edited, opened} from './prompts.js';
import {nextFilter, scrolled, type Filter, type SampleStatus, type SessionState} from './session.js';

export type {ReviewMode} from './claiming.js';

/** Does this key decide (record a verdict, note, reason, correction or undo, or a bulk step), in screen mode `mode`? */
function decidesUnderMode(action: Action, mode: string): boolean {
	if (action.type === 'skip') return false;
	if (decidingActions.has(action.type) || action.type === 'bulk' || action.type === 'bulk-verdict' || action.type === 'bulk-confirm') return true;
	if (action.type === 'open') return action.mode === 'note' || action.mode === 'bias' || action.mode === 'reasons';
	return action.type === 'submit' && (mode === 'note' || mode === 'bias' || mode === 'reasons');
}

export type ControllerOptions = {
	reviewer: string;
	categories: string[];
	/** Reject reasons, one digit each (default: reasons.ts). */
	reasons?: string[];
	/** Every rejection needs a reason: `r` opens the reasons picker. */
	requireReason?: boolean;
	mode?: ReviewMode;
	lead?: boolean;
	/** Who else works on this decisions file, and which samples they have open (pairing). */
	live?: LiveChannel;
	/** Runs the reviewer's editor for `e` (the review command's: $VISUAL / $EDITOR with the terminal released). */
	editor?: SampleEditor;
	/** The project's guidelines (`i`); undefined when none are configured. */
	guidelines?: Guidelines;
	/** Whether this reviewer was shown the guidelines before: if not, they open once at the start. */
	guidelinesSeen?: {seen(): boolean; markSeen(): void};
	/** Where this reviewer was when they last left: the session starts there. */
	position?: Pick<ReviewerPosition, 'read' | 'update' | 'save'>;
	/** The signal engine's settings (the config file's "signals"); the defaults when not given. */
	signalConfig?: SignalConfig;
	/** The key bindings (the config file may remap keys): messages name the keys as bound. */
	bindings?: readonly Binding[];
};

export type Counts = Record<SampleStatus, number> & {total: number; decided: number; conflicts: number};

export type CurrentSample = {
	sample: Sample;
	rendered: RenderedSample;
	mine: DecisionRecord | undefined;
	others: DecisionRecord[];
	status: SampleStatus;
	conflict: boolean;
	/** Decisions on the sample were made on other bytes than it holds now: it is to be decided again (they are left out). */
	changed: boolean;
	/** Other reviewers who have this sample open right now. */
	openBy: string[];
	/** The sample's correction (newest wins), who made it, and how it is shown. */
	correction?: {by: string; view: CorrectionView};
	/** The sample's signals with their reasons (none until the signals are computed). */
	signals: SignalHit[];
};

type Listener = () => void;

/** How the cursor came to a sample: by deciding (←  can go back), or by any other move (a new history). */
type Arrival = 'advance' | 'jump';

/**
 * The review session's coordinator: owns the session state, turns actions into changes through its
 * parts (claiming, navigation, resume, decisions, search) and tells the screen to redraw. Plain
 * TypeScript, no React: the screen renders its snapshot.
 */
export class ReviewController {
	state: SessionState;
	readonly mode: ReviewMode;
	private readonly listeners = new Set<Listener>();
	private current: CurrentSample | undefined;
	private recountTimer: NodeJS.Timeout | undefined;
	private readonly counter: StatusCounter;
	private readonly claims: Claims;
	private readonly navigation: Navigation;
	private readonly resume: Resume;
	private readonly decisions: Decisions;
	private readonly searching: SampleSearch;
	/** The signals, computed in the background once startSignals is called (after the first frame). */
	readonly signals: ReviewSignals;
	private pattern: SearchPattern | undefined;
	private hitSerial = 0;
	private hitWrapped = false;
	private matchMessageShown: string | undefined;
	private version = 0;
	/** Samples this reviewer gave a verdict in this session, and so saw the others' decisions on. */
	private readonly sawOthers = new Set<string>();
	private modeTold = false;
	/** Set when the dataset changed on disk since it was opened (what to tell): the review command re-reads it. */
	datasetChanged: string | undefined;
	/** Keys pressed while the decisions file is read in the background: applied, in order, once it is read. */
	private readonly waiting: Action[] = [];
	private readingTimer: NodeJS.Timeout | undefined;
	private stopWaitingForRead: (() => void) | undefined;
	private signalsAfterRead = false;
	/** A verdict made at once on the sample at `index` while the decisions file is read (decideWhileReading). */
	private early: {index: number; verdict: Verdict} | undefined;

	constructor(readonly dataset: Dataset, readonly store: DecisionStore, readonly options: ControllerOptions) {
		this.mode = options.mode ?? 'split';
		this.counter = new StatusCounter((id, slot) => this.countedState(id, slot), id => dataset.occurrences(id), tableNumbers(store));
		this.claims = new Claims(dataset, this.mode, options.live, store);
		this.navigation = new Navigation(dataset, this.claims, i => this.statusAt(i));
		this.resume = new Resume(dataset, this.navigation, this.claims, options.position, (sample, filter) => this.takenWhileAway(sample, filter));
		this.decisions = new Decisions(store, options.reviewer, this.counter);
		this.searching = new SampleSearch(dataset, {shows: i => this.shows(i), matchesIn: (i, pattern) => countInBlocks(pattern, this.blocksAt(i))});
		this.signals = new ReviewSignals(dataset, options.signalConfig ?? defaultSignalConfig);
		this.recount();
		// Read before the start moves and rewrites the position: the query goes back on once it can be (resumeQuery).
		this.resumeQuery = options.position?.read()?.query;
		this.state = this.resume.startingState();
		// Pairing that could not start (a folder others cannot write, a link planted in it) is said at once.
		if (options.live?.error) this.state = {...this.state, message: options.live.error};
		const takeover = options.live && takeoverNotice(options.reviewer, this.mode, options.live.tookOverFrom);
		if (takeover) this.state = {...this.state, message: takeover};
		// A reviewer's first visit to this dataset opens the guidelines once.
		if (options.guidelines && options.guidelinesSeen && !options.guidelinesSeen.seen()) {
			this.state = {...this.state, mode: {name: 'guidelines'}};
			options.guidelinesSeen.markSeen();
		}
		store.onChange(samples => {
			this.checkFileMode();
			if (this.current && samples.has(this.current.sample.id)) this.current = undefined;
			for (const id of samples) this.counter.update(id);
			this.recountQuery(samples);
			this.scheduleRecount();
		});
		if (store.reading) {
			this.stopWaitingForRead = store.onRead(() => {
				this.decisionsRead();
			});
			// "reading decisions N%" moves on.
			this.readingTimer = setInterval(() => {
				this.notify();
			}, 200);
			this.readingTimer.unref?.();
		}

		this.checkIdField();
		dataset.onChange(() => {
			this.checkIdField();
			this.resume.onIndexed({
				moveTo: (index, message) => {
					this.moveTo(index, message);
				},
				advanceTo: index => {
					this.moveTo(index, undefined, 'advance');
				},
				advance: what => {
					this.advance(what);
				},
				tell: message => {
					this.tell(message);
				},
				notify: () => {
					this.notify();
				},
			}, () => this.state.filter);
			recountAfterIndexing(dataset, store, this.counter, () => {
				this.scheduleRecount();
			});
			// The end of indexing shows at once; progress before it, at most every 200 ms.
			if (dataset.indexed) {
				this.resumeFilter();
				this.notify();
			}
			else this.scheduleRecount();
		});
		let superseded = false;
		options.live?.onChange(() => {
			this.current = undefined;
			if (options.live?.superseded && !superseded) this.state = {...this.state, message: supersededNotice(this.reviewer)};
			superseded = options.live?.superseded ?? false;
			this.onLeaseLost(options.live?.takeLost());
			this.notify();
		});
		options.live?.onNotice(notice => {
			this.state = {...this.state, message: notice};
			this.notify();
		});
	}

	/** Counts by status, kept up to date sample by sample (StatusCounter): no pass over all decisions per change. */
	get counts(): Counts {
		return this.counter.counts;
	}

	/** The counts are still being made (many decisions, counted in the background after opening, or the decisions file still being read). */
	get counting(): boolean {
		return this.counter.counting || this.store.reading;
	}

	/**
	 * The decisions file is still being read in the background (a big one): the screen shows the
	 * sample without its decisions, and keys wait (see dispatch).
	 */
	get readingDecisions(): boolean {
		return this.store.reading;
	}

	get reviewer(): string {
		return this.options.reviewer;
	}

	get snapshotVersion(): number {
		return this.version;
	}

	/** How many samples this reviewer decided in this session (and has not undone). */
	decidedThisSession(): number {
		return this.decisions.decidedThisSession();
	}

	/** This session's work so far (decisions made, time between them without long breaks), for the pace. */
	sessionWork(): {decided: number; workMs: number} {
		return {decided: this.decidedThisSession(), workMs: this.decisions.workMs()};
	}

	private idFieldChecked = false;

	/**
	 * Once the file is indexed: a named --id-field no sample has (every id a hash of the bytes, so the
	 * decisions would be keyed by hashes) is said once in the status bar, as stats and export warn;
	 * so are samples whose id field holds a value no id is made of (null, "", true, {}), looked for in
	 * slices so that keys are not kept waiting on a big file.
	 */
	private checkIdField() {
		const {dataset} = this;
		if (this.idFieldChecked || !dataset.indexed) return;
		this.idFieldChecked = true;
		if (dataset.count === 0 || !dataset.anyHashId()) return;
		let allHashed = true;
		for (let i = 0; i < dataset.count && allHashed; i++) allHashed = dataset.isHashId(i);
		if (allHashed && dataset.idField !== 'id') {
			this.tell(missingIdFieldWarning(dataset.name, dataset.idField));
			return;
		}

		const check = new IdFieldCheck(dataset.idField, false);
		const {count} = dataset;
		let i = 0;
		// Entry i as the check sees it: its bytes are read, and its line found, only when the check looks at them.
		const entry = {
			get isHashId() {
				return dataset.isHashId(i);
			},
			get bytes() {
				return dataset.raw(i);
			},
			get lineNumber() {
				return dataset.lineNumber(i);
			},
		};
		const slice = () => {
			if (this.closed || dataset.count !== count) return;
			try {
				for (const end = Math.min(count, i + 2000); i < end; i++) check.seeEntry(entry, false);
			} catch {
				return;
			}

			if (i < count) {
				setImmediate(slice);
				return;
			}

			const warning = check.warning(dataset.name);
			if (warning) this.tell(warning);
		};

		setImmediate(slice);
	}

	/** Shows a line of feedback, as after a key. */
	tell(message: string) {
		this.state = {...this.state, message: message || undefined};
		this.notify();
	}

	/** Other live reviewers on this decisions file. */
	peers(): Peer[] {
		return this.options.live?.others() ?? [];
	}

	subscribe(listener: Listener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** The sample under the cursor, parsed and rendered once per visit. */
	currentSample(): CurrentSample {
		const {cursor} = this.state;
		if (!this.current || this.current.sample.index !== cursor) {
			const sample = this.dataset.sample(cursor);
			const rendered = sample.cut
				? {format: 'json' as const, formatLabel: 'over-long, cut', blocks: [{label: sample.error ?? '', text: sample.text, tone: 'json' as const}], metadata: []}
				: sample.error !== undefined
					? {format: 'json' as const, formatLabel: 'malformed', blocks: [{label: `${this.whereIs(sample.index, sample.lineNumber)}: ${sample.error}`, text: sample.text, tone: 'error' as const}], metadata: []}
					: renderSample(sample.value, sample.text);
			const openBy = this.peers().filter(peer => peer.sample === sample.id).map(peer => peer.reviewer);
			// The signals are the file's sample's (a correction is not re-read by them).
			const signals = this.signals.table && sample.error === undefined ? this.signals.table.reasons(cursor, sample.value) : [];
			const corrected = sample.error === undefined ? correctionOf(this.visibleOn(sample.id)) : undefined;
			if (corrected?.correction) {
				const view = this.state.correctionView?.index === cursor ? this.state.correctionView.view : 'corrected';
				const shown = view === 'corrected' ? renderSample(corrected.correction)
					: view === 'original' ? rendered
					: {...rendered, blocks: [{label: `diff: - original, + correction by ${corrected.reviewer}`, text: lineDiff(correctionDraft(sample.value, sample.text), correctionDraft(corrected.correction, sample.text)).map(line => `${line.mark} ${line.text}`).join('\n'), tone: 'json' as const}]};
				this.current = {sample, rendered: shown, ...this.decisionsOf(sample.id), openBy, signals, correction: {by: corrected.reviewer, view}};
			} else {
				this.current = {sample, rendered, ...this.decisionsOf(sample.id), openBy, signals};
			}
		}

		return this.current;
	}

	statusAt(i: number): {status: SampleStatus; conflict: boolean} {
		const {status, conflict} = this.decisionsOf(this.dataset.idOf(i));
		return {status, conflict};
	}

	/** Does the current filter show sample i? */
	shows(i: number): boolean {
		return this.navigation.shows(i, this.state?.filter ?? 'undecided');
	}

	filterLabel(): Filter {
		return this.state.filter;
	}

	dispatch(action: Action) {
		if (this.store.reading && !whileReading.has(action.type)) {
			if (action.type === 'decide' && this.waiting.length === 0 && !this.early && this.decidesWhileReading(action)) {
				this.decideWhileReading(action);
				this.notify();
				return;
			}

			// Which samples are decided (where a key moves to, whether split mode hands a sample out,
			// what a decision replaces) is known once the file is read: the key waits for it.
			this.waiting.push(action);
			this.state = {...this.state, message: readingNotice};
			this.notify();
			return;
		}

		const before = this.state.mode.name;
		this.apply(action);
		// A panel opened or closed starts at its top.
		if (this.state.mode.name !== before) this.state = {...this.state, panelTop: 0};
		this.notify();
	}

	/**
	 * Every decision this reviewer may see: in blind overlap mode, the others' only on samples this
	 * reviewer has decided (the stats panel counts from these). Decisions made on other bytes than
	 * their sample holds now are left out, as everywhere.
	 */
	* visibleRecords(): IterableIterator<DecisionRecord> {
		for (const record of this.store.all()) {
			if (typeof record.hash === 'string' && record.verdict !== null) {
				const hashes = this.currentHashes(record.sample, [record]);
				if (hashes !== undefined && madeOnNoneOf(record, hashes)) continue;
			}

			if (record.reviewer === this.reviewer || !this.isBlind(this.store.get(record.sample, this.reviewer))) yield record;
		}
	}

	/**
	 * The records a query (`f`) reads on one sample: those this reviewer may see (visibleRecords), so
	 * verdict:, reason:, category:, reviewer:, rule: and the status terms (conflict, accepted, changed,
	 * …) count no other reviewer's decision on a sample this reviewer has not decided, in blind mode.
	 */
	private queryRecords(id: string): {records: DecisionRecord[]; changed: boolean} {
		const current = this.currentRecords(id);
		if (!this.isBlind(current.records.find(record => record.reviewer === this.reviewer))) return current;
		const records = current.records.filter(record => record.reviewer === this.reviewer);
		// Changed since decided: only by this reviewer's own decision (one made on other bytes than the sample holds now).
		const changed = current.changed && this.store.forSample(id).some(record => record.reviewer === this.reviewer && !records.includes(record));
		return {records, changed};
	}

	/** The records on one sample this reviewer may see (blind overlap mode: only their own until they decide it). */
	private visibleOn(id: string): DecisionRecord[] {
		const {records} = this.currentRecords(id);
		if (!this.isBlind(records.find(record => record.reviewer === this.reviewer))) return records;
		return records.filter(record => record.reviewer === this.reviewer);
	}

	/**
	 * Computes the signals in the background (a worker): the review command calls it once the first
	 * frame is drawn. Progress redraws at most every 200 ms; the table redraws the sample at once.
	 */
	startSignals() {
		// Keys wait for the decisions file being read: the signals' workers do not compete with it.
		if (this.store.reading) {
			this.signalsAfterRead = true;
			// A verdict on the sample shown may be made at once if the file holds no record of it (decideWhileReading): look now.
			if (this.dataset.count > 0) this.store.lookForRecordsOf(this.dataset.idOf(this.state.cursor));
			return;
		}

		this.resumeFilter();
		this.signals.start(() => {
			this.scheduleRecount();
		}, () => {
			this.current = undefined;
			if (this.signals.error) this.state = {...this.state, message: this.signals.error};
			this.resumeFilter();
			this.notify();
		}, async stretch => this.store.writeAtOnceDuring(stretch));
	}

	/**
	 * Can this verdict, typed while the decisions file is read, be made at once (decideWhileReading)?
	 * A plain verdict on the sample shown; a lead's (which may settle a conflict), a rejection that
	 * asks for a reason and anything typed in a prompt wait for the file.
	 */
	private decidesWhileReading(action: Extract<Action, {type: 'decide'}>): boolean {
		if (this.state.mode.name !== 'browse' || this.options.lead || this.options.live?.superseded || this.fileModeMismatch() || this.dataset.count === 0) return false;
		return !(action.verdict === 'rejected' && this.options.requireReason && action.reasons === undefined);
	}

	/**
	 * A verdict typed while the decisions file is read, on the sample shown: if the file holds no
	 * record of that sample (nobody's: read through at once, about 0.1 s for a million decisions), nothing
	 * in it bears on the decision (there is no earlier decision of this reviewer to undo back to,
	 * nobody's to conflict with, and in split mode, with the sample's lease taken first, nobody else
	 * is handed it), so it is recorded and written at once; the session moves on from it once the
	 * file is read (where to depends on the file). Otherwise the key waits for the file, as every
	 * other key does, and is applied first.
	 */
	private decideWhileReading(action: Extract<Action, {type: 'decide'}>) {
		const index = this.state.cursor;
		const id = this.dataset.idOf(index);
		// Split mode: the sample's lease first, so that nobody can decide it after the file is looked through.
		if (!this.claims.hold(index) || !this.store.holdsNoRecordOf(id)) {
			this.waiting.push(action);
			this.state = {...this.state, message: readingNotice};
			return;
		}

		this.state = {...this.state, message: undefined, reasonFor: undefined};
		const decided = this.decide(action.verdict, action.verdict === 'flagged' ? action.categories ?? [] : [], action.note, action.reasons, true);
		if (!decided) return;
		this.early = {index, verdict: action.verdict};
		if (action.verdict === 'rejected' && action.reasons === undefined) this.state = {...this.state, reasonFor: decided};
		this.state = {...this.state, message: this.state.message ?? `${action.verdict} (saved); the next sample once the decisions file is read`};
	}

	/**
	 * The decisions file read in the background is in: count again, judge afresh where the session
	 * starts (it was judged with none of the file's decisions, and no key has moved the reviewer since:
	 * keys waited), or move on from the sample decided while it was read, then apply the keys that waited.
	 */
	private decisionsRead() {
		this.stopWaitingForRead?.();
		clearInterval(this.readingTimer);
		this.readingTimer = undefined;
		this.current = undefined;
		this.recount();
		const {mode, message} = this.state;
		const early = this.early;
		this.early = undefined;
		if (early?.verdict) {
			// The reviewer decided the sample shown: on from it, as the key would have moved them.
			this.state = {...this.state, message: undefined};
			this.advance(early.verdict);
		} else {
			const start = this.resume.startingState();
			this.state = {...start, mode, message: start.message ?? (message === readingNotice ? undefined : message)};
		}

		for (const action of this.waiting.splice(0)) this.dispatch(action);
		if (this.signalsAfterRead) this.startSignals();
		this.notify();
	}

	private closed = false;

	/** Leaves the session: releases the sample this reviewer holds open. */
	close() {
		this.closed = true;
		clearInterval(this.readingTimer);
		// A session closed before the file was read (the dataset read again) leaves it to the next.
		this.stopWaitingForRead?.();
		this.signals.stop();
		this.query?.stop();
		this.rememberPosition();
		this.options.position?.save();
		this.options.live?.stop();
		if (this.recountTimer) clearTimeout(this.recountTimer);
		this.counter.stop();
	}

	/** Counts by status over the dataset from scratch (see counting.ts). */
	recount() {
		countAll(this.dataset, this.store, this.counter, () => {
			this.scheduleRecount();
		});
	}

	private rememberPosition() {
		// The reviewer's place is their active session's to keep; while the decisions file is read the
		// place shown is provisional (judged again once it is read, from the place remembered before).
		if (this.dataset.count === 0 || this.options.live?.superseded || this.store.reading) return;
		// A query waiting to go back on is still the reviewer's.
		const query = this.query?.text ?? this.resumeQuery;
		this.options.position?.update({sample: this.dataset.idOf(this.state.cursor), filter: this.state.filter, ...(query === undefined ? {} : {query})});
	}

	private notify() {
		this.rememberPosition();
		this.version++;
		for (const listener of this.listeners) listener();
	}

	/**
	 * Shows the sample at `index` and resets the viewport. Leaving a sample by deciding keeps it in the
	 * history for ←; any other move starts a new history.
	 */
	private moveTo(index: number, message?: string, arrival: Arrival = 'jump') {
		const history = arrival === 'advance' ? leftBehind(this.state.history, this.state.cursor) : noHistory;
		this.state = {...this.state, cursor: index, scroll: 0, message, history};
		this.resume.cancel();
		this.claims.hold(index);
	}

	get reasons(): string[] {
		return this.options.reasons ?? defaultReasons;
	}

	private apply(action: Action) {
		const {state} = this;
		if (action.type !== 'scroll' && action.type !== 'panel-scroll' && action.type !== 'scroll-to') this.state = {...state, message: undefined};
		if (this.options.live?.superseded && decidingActions.has(action.type)) {
			this.state = {...this.state, mode: {name: 'browse'}, message: supersededNotice(this.reviewer)};
			return;
		}

		// The decisions file is in another mode than this session reviews in: nothing more is decided here.
		const fileMode = this.fileModeMismatch();
		if (fileMode && decidesUnderMode(action, state.mode.name)) {
			this.state = {...this.state, mode: {name: 'browse'}, message: this.fileModeNotice(fileMode, true)};
			return;
		}

		// The offer of reasons lasts one key: any other key goes on (and does what it does).
		if (action.type !== 'reason') this.state = {...this.state, reasonFor: undefined};
		switch (action.type) {
			case 'continue-here': {
				if (!this.options.live?.superseded) break;
				this.options.live.continueHere();
				this.claims.hold(state.cursor);
				this.state = {...this.state, message: 'continuing here: your other session stops deciding'};
				break;
			}

			case 'decide': {
				if (action.verdict === 'rejected' && this.options.requireReason && action.reasons === undefined) {
					this.state = opened(this.state, 'reasons', this.currentSample().mine);
					break;
				}

				const rejected = this.decide(action.verdict, action.verdict === 'flagged' ? action.categories ?? [] : [], action.note, action.reasons);
				if (rejected && action.verdict === 'rejected' && action.reasons === undefined) this.state = {...this.state, reasonFor: rejected};
				break;
			}

			case 'reason': {
				this.giveReason(action.index);
				break;
			}

			case 'skip': {
				this.advance('skipped');
				break;
			}

			case 'correct': {
				this.correct();
				break;
			}

			case 'correction-view': {
				const {correction} = this.currentSample();
				if (!correction) {
					this.state = {...this.state, message: 'this sample has no correction (e corrects it)'};
					break;
				}

				const view = correctionViews[(correctionViews.indexOf(correction.view) + 1) % correctionViews.length];
				this.state = {...this.state, scroll: 0, correctionView: {index: this.state.cursor, view}, message: view === 'corrected' ? `showing the correction by ${correction.by}` : view === 'original' ? 'showing the original sample (o: the diff)' : 'showing what the correction changed (o: the correction)'};
				this.current = undefined;
				break;
			}

			case 'undo': {
				this.undo();
				break;
			}

			case 'move': {
				this.move(action.direction);
				break;
			}

			case 'first':
			case 'last': {
				const target = this.navigation.end(action.type, state.filter);
				if (target === undefined) this.state = {...this.state, message: `no ${this.filterNoun()} samples`};
				else this.moveTo(target);
				break;
			}

			case 'scroll': {
				this.state = {...state, scroll: scrolled(state.scroll, action.direction, action.by, action.viewport ?? {rows: 10, total: undefined})};
				break;
			}

			case 'toggle-system': {
				this.state = {...state, systemShown: state.systemShown === state.cursor ? undefined : state.cursor};
				break;
			}

			case 'panel-scroll': {
				this.state = {...state, panelTop: scrolled(state.panelTop, action.direction, action.by, action.viewport)};
				break;
			}

			case 'goto': {
				this.goTo(action.number);
				break;
			}

			case 'cycle-filter': {
				const filter = nextFilter(state.filter, this.counts.conflicts > 0 || state.filter === 'conflicts');
				this.state = {...this.state, filter, message: `filter: ${filter}`};
				// The count of matches is of the samples the filter shows.
				if (this.pattern) this.countMatches(this.pattern);
				if (this.query) this.countQuery(this.query);
				if (!this.shows(state.cursor)) {
					const target = this.navigation.shownFrom(state.cursor, filter);
					if (target) this.moveTo(target.index, `filter: ${filter}`);
					else this.state = {...this.state, message: `filter: ${filter} (no such samples)`};
				}

				break;
			}

			case 'search': {
				const pattern = parseSearch(action.query);
				if ('error' in pattern) {
					this.state = {...this.state, mode: {name: 'browse'}, message: pattern.error};
					break;
				}

				this.state = {...this.state, query: action.query, mode: {name: 'browse'}, hit: undefined};
				this.pattern = pattern;
				this.countMatches(pattern);
				void this.nextMatch(1);
				break;
			}

			case 'search-next': {
				if (!state.query || !this.pattern) this.state = {...this.state, message: 'no search yet: press / to search'};
				else void this.nextMatch(action.direction);
				break;
			}

			case 'scroll-to': {
				this.state = {...this.state, scroll: Math.max(0, action.row)};
				break;
			}

			case 'note': {
				this.setNote(action.text);
				break;
			}

			case 'open': {
				this.state = opened(this.state, action.mode, this.currentSample().mine, action.mode === 'query' ? this.query?.text ?? '' : this.orderLabel() ?? '');
				break;
			}

			case 'toggle': {
				if (action.panel === 'guidelines' && !this.options.guidelines) {
					this.state = {...this.state, message: noGuidelinesMessage};
					break;
				}

				this.state = this.state.mode.name === action.panel ? {...this.state, mode: {name: 'browse'}} : opened(this.state, action.panel, undefined);
				break;
			}

			case 'close': {
				// esc also stops a search still going through a big file.
				if (this.state.searching && this.state.mode.name === 'browse') {
					this.searching.stop();
					this.state = {...this.state, searching: false, message: 'search stopped'};
					break;
				}

				this.state = {...this.state, mode: {name: 'browse'}};
				break;
			}

			case 'edit': {
				this.state = edited(this.state, action.text, action.cursor ?? action.text.length, action.restart ?? false);
				break;
			}

			case 'submit': {
				this.submit();
				break;
			}

			case 'bias-toggle': {
				this.state = categoryToggled(this.state, action.index, this.pickerList());
				break;
			}

			case 'bias-focus': {
				this.state = categoryFocused(this.state, action.direction, this.pickerList());
				break;
			}

			case 'bias-edit-note': {
				this.state = biasNoteToggled(this.state);
				break;
			}

			case 'bias-confirm': {
				const {mode} = this.state;
				if (mode.name === 'reasons') {
					if (mode.selected.length === 0) {
						this.state = {...this.state, message: 'a rejection needs a reason here: pick one or more (number keys), or esc to cancel'};
						break;
					}

					this.state = {...this.state, mode: {name: 'browse'}};
					this.decide('rejected', [], undefined, mode.selected);
					break;
				}

				if (mode.name !== 'bias') break;
				if (mode.selected.length === 0) {
					this.state = {...this.state, message: 'pick at least one category (number keys), or esc to cancel'};
					break;
				}

				this.state = {...this.state, mode: {name: 'browse'}};
				if (mode.bulk) this.planBulk(mode.bulk, 'flagged', mode.selected, mode.note.trim() || undefined);
				else this.decide('flagged', mode.selected, mode.note);
				break;
			}

			case 'complete': {
				this.completeQuery();
				break;
			}

			case 'bulk': {
				this.openBulk(action.scope);
				break;
			}

			case 'bulk-verdict': {
				const {mode} = this.state;
				if (mode.name !== 'bulk') break;
				if (action.verdict === 'flagged') this.state = {...this.state, mode: {name: 'bias', selected: [], focus: 0, note: '', editingNote: false, bulk: mode.target}};
				else this.planBulk(mode.target, action.verdict, [], undefined);
				break;
			}

			case 'bulk-confirm': {
				const {mode} = this.state;
				if (mode.name === 'confirm') this.applyBulk(mode.plan);
				break;
			}

			case 'quit': {
				this.state = {...this.state, quitting: true, mode: {name: 'browse'}};
				break;
			}

			case 'unsaved': {
				this.state = {...this.state, mode: {name: 'unsaved'}, quitting: false};
				break;
			}
		}
	}

	/** Enter in a text field: saves the note, goes to the number, searches, or flags. */
	private submit() {
		const {mode} = this.state;
		if (mode.name === 'note') this.setNote(mode.text);
		else if (mode.name === 'goto') this.goTo(Number(mode.text));
		else if (mode.name === 'search' && mode.text.trim()) this.apply({type: 'search', query: mode.text.trim()});
		else if (mode.name === 'search') this.state = {...this.state, mode: {name: 'browse'}};
		else if (mode.name === 'order') this.orderBy(mode.text);
		else if (mode.name === 'query') this.filterBy(mode.text);
		else if (mode.name === 'bias' || mode.name === 'reasons') this.apply({type: 'bias-confirm'});
	}

	/**
	 * `e`: the sample (or its correction so far) in the reviewer's editor as JSON; what is saved is
	 * checked (JSON, an object, the same format) and recorded as this reviewer's correction.
	 */
	private correct() {
		const {sample, mine} = this.currentSample();
		if (sample.cut) {
			this.state = {...this.state, message: `sample ${sample.index + 1} is too long to correct here (only its first ${sizeText(sample.cut.shown)} are shown): fix line ${sample.lineNumber} of the file itself`};
			return;
		}

		if (sample.error !== undefined) {
			this.state = {...this.state, message: `sample ${sample.index + 1} is not valid JSON, so it cannot be corrected here: fix line ${sample.lineNumber} of the file itself`};
			return;
		}

		if (!this.options.editor) {
			this.state = {...this.state, message: 'corrections need an editor: set $VISUAL or $EDITOR'};
			return;
		}

		const current = correctionOf(this.visibleOn(sample.id));
		// An edit refused last time (not JSON, another format) opens again, to be mended rather than typed anew.
		const refused = this.refusedEdit?.sample === sample.id ? this.refusedEdit.text : undefined;
		this.refusedEdit = undefined;
		const outcome = this.options.editor(refused ?? correctionDraft(current?.correction ?? sample.value, sample.text));
		this.current = undefined;
		if (outcome.kind === 'failed') {
			this.state = {...this.state, message: outcome.message};
			return;
		}

		const checked = checkCorrection(outcome.text, detectFormat(sample.value));
		if ('problem' in checked) {
			this.refusedEdit = {sample: sample.id, text: outcome.text};
			this.state = {...this.state, message: `${checked.problem} — ${this.keyFor('correct')} opens your edit again`};
			return;
		}

		const back = sameJson(checked.value, sample.value);
		if (back && !mine?.correction) {
			this.state = {...this.state, message: current ? 'unchanged from the original: nothing recorded (the correction stays)' : 'no change: nothing recorded'};
			return;
		}

		if (!back && current && sameJson(checked.value, current.correction)) {
			this.state = {...this.state, message: 'no change: nothing recorded'};
			return;
		}

		if (!this.stillOnDisk(sample)) return;
		this.record({index: sample.index, sample: sample.id, previous: mine, verdict: mine?.verdict ?? null, categories: mine?.categories ?? [], note: mine?.note ?? '', resolution: mine?.resolution, blind: mine?.blind, reasons: mine?.reasons, correction: back ? undefined : checked.value, hash: mine?.hash, undo: 'push'});
		// A line edited is one line removed and one added in the diff: lines changed are the larger of the two counts.
		const diff = lineDiff(correctionDraft(sample.value, sample.text), correctionDraft(checked.value, sample.text));
		const changed = Math.max(diff.filter(line => line.mark === '-').length, diff.filter(line => line.mark === '+').length);
		this.state = {...this.state, scroll: 0, correctionView: undefined, message: back ? 'your correction is withdrawn: the sample is back to the original' : `correction saved (${changed} ${changed === 1 ? 'line differs' : 'lines differ'}) — ${this.keyFor('correction-view')} shows the original, then the diff; u undoes`};
	}

	/** The last edit checkCorrection refused, kept for the next `e` on that sample. */
	private refusedEdit: {sample: string; text: string} | undefined;

	/** The key bound to a binding, as the key bar shows it. */
	private keyFor(name: string): string {
		const key = (this.options.bindings ?? defaultBindings).find(binding => binding.name === name)?.keys[0];
		return key === undefined ? name : showKey(key);
	}

	/** The list the open picker picks from: bias categories, or reject reasons. */
	private pickerList(): string[] {
		return this.state.mode.name === 'reasons' ? this.reasons : this.options.categories;
	}

	/** A digit right after `r`: adds that reason to the rejection just made (kept in the list's order). */
	private giveReason(index: number) {
		const target = this.state.reasonFor;
		const reason = this.reasons[index];
		if (!target) {
			this.state = {...this.state, message: `a digit gives a reason right after ${this.keyFor('reject')} rejects a sample (1–${Math.min(9, this.reasons.length)})`};
			return;
		}

		if (reason === undefined) {
			this.state = {...this.state, message: `no reason ${index + 1}: there are ${this.reasons.length}`};
			return;
		}

		const record = this.store.get(target.sample, this.reviewer);
		if (record?.verdict !== 'rejected') {
			this.state = {...this.state, reasonFor: undefined};
			return;
		}

		const reasons = withReason(record.reasons ?? [], reason, this.reasons);
		this.record({index: target.index, sample: target.sample, previous: record, verdict: 'rejected', categories: record.categories, note: record.note, resolution: record.resolution, blind: record.blind, reasons, correction: record.correction, hash: record.hash, undo: 'keep'});
		this.state = {...this.state, message: `${target.sample}: rejected as ${reasons.join(', ')}`};
	}

	/** ← → : back and forward through the samples left by deciding, else to the previous or next sample the filter shows. */
	private move(direction: 1 | -1) {
		const {history, cursor, filter} = this.state;
		const step = direction === -1 ? goBack(history, cursor) : goForward(history, cursor);
		if (step && step.index < this.dataset.count) {
			this.state = {...this.state, cursor: step.index, scroll: 0, history: step.history};
			this.resume.cancel();
			this.claims.hold(step.index);
			return;
		}

		const target = this.navigation.step(cursor, direction, filter);
		if (target === undefined) {
			this.state = {...this.state, message: direction === 1 ? `no later ${this.filterNoun()} sample` : `no earlier ${this.filterNoun()} sample`};
		} else {
			this.moveTo(target);
		}
	}

	/**
	 * Whether the sample on screen is still what the file holds, checked before anything is recorded
	 * on it. When the file changed on disk (rewritten in place, replaced, grown), the session is told
	 * to re-read it; a decision is refused if the sample's own bytes are no longer the ones shown.
	 */
	private stillOnDisk(sample: CurrentSample['sample']): boolean {
		const change = this.dataset.changedOnDisk();
		if (change === undefined) return true;
		const holds = this.dataset.holds(sample.index, sample.text);
		this.datasetChanged = holds
			? `${this.dataset.name} changed on disk (${change}); file re-read`
			: `nothing recorded: ${this.dataset.name} changed on disk (${change}) under sample ${(sample.index + 1).toLocaleString('en')}; file re-read`;
		this.state = {...this.state, mode: {name: 'browse'}, message: this.datasetChanged};
		return holds;
	}

	/** One change to this reviewer's record on a sample, by decide, note and undo alike. */
	private record(change: Change, newSample = false): boolean {
		// Last guard (the keys are refused in apply): the file's mode changed under a prompt or the editor.
		const fileMode = this.fileModeMismatch();
		if (fileMode) {
			this.state = {...this.state, mode: {name: 'browse'}, message: this.fileModeNotice(fileMode, true)};
			return false;
		}

		this.recountQuery([change.sample]);
		const undo = this.decisions.record(change, this.state.undo, newSample);
		this.current = undefined;
		this.state = {...this.state, undo};
		return true;
	}

	/**
	 * Records a decision on the sample shown and advances; returns which sample it was (undefined: refused).
	 * `whileReading`: a sample the decisions file holds no record of, decided while the file is read
	 * (decideWhileReading): written at once, and the session stays on it until the file is read.
	 */
	private decide(verdict: Verdict, categories: string[], note?: string, reasons?: string[], whileReading = false): {index: number; sample: string} | undefined {
		const {sample, mine} = this.currentSample();
		if (!this.stillOnDisk(sample)) return undefined;
		if (this.options.live?.confirmHeld && !this.options.live.confirmHeld(sample.id)) {
			// Another reviewer took this sample while this session was stopped: theirs now, not decided here.
			const lost = this.options.live.takeLost() ?? {sample: sample.id};
			this.onLeaseLost(lost);
			if (this.dataset.idOf(this.state.cursor) === sample.id) this.state = {...this.state, message: `${sample.id} went to ${lost.to ?? 'another reviewer'} while this session was stopped: not decided here`};
			return undefined;
		}

		const {conflict} = this.decisionsOf(sample.id);
		// Blind: the first verdict here, given without seeing anyone else's (a change after seeing them is not).
		const blind = this.isBlind(mine) && !this.sawOthers.has(sample.id);
		const recorded = this.record({
			index: sample.index,
			sample: sample.id,
			previous: mine,
			verdict,
			categories,
			note: note ?? mine?.note ?? '',
			// A lead's decision on a sample the reviewers disagree on settles it.
			resolution: this.options.lead && conflict ? true : undefined,
			blind,
			// A rejection again keeps the reasons given before; another verdict has none.
			reasons: verdict === 'rejected' ? reasons ?? (mine?.verdict === 'rejected' ? mine.reasons : undefined) : undefined,
			correction: mine?.correction,
			hash: this.hashToRecord(sample.index, sample.id),
			undo: 'push',
		}, whileReading);
		if (!recorded) return undefined;
		this.sawOthers.add(sample.id);
		if (!whileReading) this.advance(verdict);
		return {index: sample.index, sample: sample.id};
	}

	private setNote(text: string) {
		const {sample, mine} = this.currentSample();
		if (!this.stillOnDisk(sample)) return;
		this.state = {...this.state, mode: {name: 'browse'}};
		this.record({index: sample.index, sample: sample.id, previous: mine, verdict: mine?.verdict ?? null, categories: mine?.categories ?? [], note: text.trim(), resolution: mine?.resolution, blind: mine?.blind, reasons: mine?.reasons, correction: mine?.correction, hash: mine?.hash, undo: 'push'});
		this.state = {...this.state, message: text.trim() ? 'note saved' : 'note removed'};
	}

	private undo() {
		const last = this.state.undo.at(-1);
		if (!last) {
			this.state = {...this.state, message: 'nothing to undo'};
			return;
		}

		if (last.batch) {
			this.undoBatch(last.batch, last.rule ?? '', last.index);
			return;
		}

		const {previous} = last;
		this.record({index: last.index, sample: last.sample, previous, verdict: previous?.verdict ?? null, categories: previous?.categories ?? [], note: previous?.note ?? '', resolution: previous?.resolution, blind: previous?.blind, reasons: previous?.reasons, correction: previous?.correction, rule: previous?.rule, replaced: previous?.replaced, hash: previous?.hash, undo: 'pop'});
		// About this reviewer's own decision: others' decisions on the sample stay as they are.
		this.moveTo(last.index, previous?.verdict
			? `undone: sample ${last.index + 1} is back to your earlier ${previous.verdict}`
			: `undone: your decision on sample ${last.index + 1} is withdrawn`);
	}

	/**
	 * The bulk keys: the current sample's cluster (once the signals are computed), or every sample
	 * the screen's slice shows. Asks which verdict next (a, r, b).
	 */
	private openBulk(scope: 'cluster' | 'slice') {
		const target = scope === 'cluster' ? this.clusterTarget() : this.sliceTarget();
		if (typeof target === 'string') {
			this.state = {...this.state, message: target};
			return;
		}

		this.state = {...this.state, mode: {name: 'bulk', target}};
	}

	private clusterTarget(): BulkTarget | string {
		const {table} = this.signals;
		if (!table) return this.signals.error ?? `clusters are not known yet: ${this.signals.status ?? 'signals not computed'}`;
		return clusterTarget(table, this.state.cursor) ?? 'this sample is in no duplicate or near-duplicate cluster';
	}

	/**
	 * Every sample the screen shows: the query's matches the status filter shows, as the status bar
	 * counts them (without a query: the status filter's samples), with the rule as a query of both.
	 */
	private sliceTarget(): BulkTarget | string {
		const {filter} = this.state;
		if (!this.dataset.indexed) return 'the file is still being read: decide the slice once it is (reading …% below)';
		const {query} = this;
		if (!query && filter === 'all') return 'the filter shows every sample (f: a query, F: the status filter)';
		const indices: number[] = [];
		for (let i = 0; i < this.dataset.count; i++) if (this.shows(i)) indices.push(i);
		const status = filter === 'all' ? undefined : `status:${filter === 'conflicts' ? 'conflict' : filter}`;
		// With a query, the rule names another status filter than the default work queue's (undecided goes without saying).
		const rule = query ? (status === undefined || filter === 'undecided' || query.text.split(' ').includes(status) ? query.text : `${query.text} ${status}`) : status!;
		return {rule, what: `matching ${rule}`, indices};
	}

	/** The query the screen filters by (`f`), with its count; undefined when there is none. */
	query: QuerySlice | undefined;
	/** The query the reviewer filtered by when they last left, to put back on (resumeFilter). */
	private resumeQuery: string | undefined;

	/**
	 * Puts back the query the reviewer filtered by when they last left, once the file is indexed (and,
	 * for signal: and cluster: terms, once the signals are computed); the sample opened stays if it matches.
	 */
	private resumeFilter() {
		const line = this.resumeQuery;
		if (line === undefined || !this.dataset.indexed || this.store.reading) return;
		const parsed = QuerySlice.parse(line);
		if (typeof parsed !== 'string') {
			const needs = needsOf(parsed);
			if ((needs.signals || needs.clusters) && !this.signals.table && !this.signals.error) return;
		}

		this.resumeQuery = undefined;
		this.filterBy(line);
		if (this.query) this.state = {...this.state, message: `resumed with the query you left with: ${this.query.text}`};
		this.notify();
	}

	/** `f`, a query, enter: shows only the samples it matches (and the status filter shows). */
	private filterBy(line: string) {
		// The reviewer's own query (or none) replaces the one left with.
		this.resumeQuery = undefined;
		if (line.trim() === '') {
			this.query?.stop();
			this.query = undefined;
			this.navigation.slice = undefined;
			if (this.pattern) this.countMatches(this.pattern);
			this.state = {...this.state, mode: {name: 'browse'}, message: `no query: filter ${this.state.filter}`};
			return;
		}

		const parsed = QuerySlice.parse(line);
		if (typeof parsed === 'string') {
			// Stays in the line, so the query can be mended; the sentence shows under it.
			const {mode} = this.state;
			this.state = {...this.state, message: parsed, mode: mode.name === 'query' ? {...mode, error: parsed} : mode};
			return;
		}

		const slice = new QuerySlice(parsed, this.dataset, id => this.queryRecords(id), this.signals.table);
		if ((slice.needs.signals || slice.needs.clusters) && !this.signals.table) {
			const waiting = this.signals.error ?? `signal: and cluster: need the signals, still being computed (${this.signals.status ?? 'waiting'}): enter again once they are`;
			const {mode} = this.state;
			this.state = {...this.state, message: waiting, mode: mode.name === 'query' ? {...mode, error: waiting} : mode};
			return;
		}

		this.query?.stop();
		this.query = slice;
		this.navigation.slice = i => slice.matches(i);
		if (this.pattern) this.countMatches(this.pattern);
		this.state = {...this.state, mode: {name: 'browse'}, message: `filter: ${slice.text}`};
		this.countQuery(slice);
		if (!this.shows(this.state.cursor)) {
			const target = this.navigation.shownFrom(this.state.cursor, this.state.filter);
			if (target) this.moveTo(target.index, `filter: ${slice.text}`);
			else this.state = {...this.state, message: `no ${this.filterNoun() || 'shown'} samples match ${slice.text} (F: the status filter)`};
		}
	}

	/** Counts, in the background, the samples the screen shows: the query's matches the status filter shows. */
	private countQuery(slice: QuerySlice) {
		let warned = false;
		slice.count(() => {
			if (slice !== this.query) return;
			const missing = warned ? undefined : slice.missingFields(this.dataset.name);
			if (missing) {
				warned = true;
				this.state = {...this.state, message: missing};
				this.notify();
			}

			this.scheduleRecount();
		}, i => this.navigation.statusShows(i, this.state.filter));
	}

	/**
	 * Decisions changed on these samples: the status filter (and a query about decisions: status:,
	 * verdict:, reviewer:) may show other samples, so they are counted again, one by one (all of them
	 * again when a changed id is repeated in the file, or very many changed).
	 */
	private recountQuery(samples: Iterable<string>) {
		const slice = this.query;
		if (!slice || (this.state.filter === 'all' && !slice.needs.decisions)) return;
		const indices: number[] = [];
		let all = false;
		for (const id of samples) {
			const index = this.dataset.indexOfId(id);
			if (index === undefined) continue;
			if (this.dataset.occurrences(id) > 1 || indices.length >= 10_000) {
				all = true;
				break;
			}

			indices.push(index);
		}

		if (!all && indices.length === 0) return;
		// After the change is recorded (this runs before it returns).
		setImmediate(() => {
			if (slice !== this.query) return;
			if (all) {
				this.countQuery(slice);
			} else {
				slice.update(indices);
				this.scheduleRecount();
			}
		});
	}

	/** Names and values from the sample on screen and the file's first samples (a bounded look, whatever the file's size). */
	private samplesToComplete(): {samples: unknown[]; fields: Set<string>} {
		const samples = [this.currentSample().sample.value];
		for (let i = 0; i < Math.min(this.dataset.count, 50); i++) samples.push(this.dataset.sample(i).value);
		const fields = new Set<string>();
		for (const sample of samples) for (const path of fieldPathsOf(sample)) fields.add(path);
		return {samples, fields};
	}

	/** Tab in the order prompt: file, signals, or a field name (after an optional -), from the start of the text to the cursor. */
	private completeOrder(text: string, cursor: number) {
		const typed = text.slice(0, cursor).trimStart();
		const minus = typed.startsWith('-') ? '-' : '';
		const prefix = typed.slice(minus.length).toLowerCase();
		const names = [...(minus ? [] : ['file', 'signals']), ...[...this.samplesToComplete().fields].filter(path => !['messages', 'conversations'].includes(path.split('.')[0])).sort()];
		const candidates = names.filter(name => name.toLowerCase().startsWith(prefix));
		if (candidates.length === 0) {
			this.state = {...this.state, message: 'nothing to complete here'};
			return;
		}

		let common = candidates[0];
		for (const candidate of candidates) while (!candidate.startsWith(common)) common = common.slice(0, -1);
		const insert = `${minus}${candidates.length === 1 ? candidates[0] : common}`;
		this.state = edited(this.state, insert + text.slice(cursor), insert.length, true);
		if (candidates.length > 1) this.state = {...this.state, message: `${candidates.slice(0, 8).join('  ')}${candidates.length > 8 ? `  … ${candidates.length - 8} more` : ''}`};
	}

	/** Tab in the query line: the word before the cursor completed (several candidates: the common part, and the list); in the order prompt, completeOrder. */
	private completeQuery() {
		const {mode, field} = this.state;
		if (mode.name === 'order') {
			this.completeOrder(mode.text, Math.min(field.cursor, mode.text.length));
			return;
		}

		if (mode.name !== 'query') return;
		const cursor = Math.min(field.cursor, mode.text.length);
		const {samples, fields} = this.samplesToComplete();
		const reviewers = new Set([this.reviewer]);
		for (const record of this.store.all()) {
			reviewers.add(record.reviewer);
			if (reviewers.size >= 50) break;
		}

		const completion = complete(mode.text, {signals: signalNames, fields: [...fields].filter(path => !['messages', 'conversations'].includes(path.split('.')[0])), categories: this.options.categories, reviewers: [...reviewers], values: name => seenValues(samples, name)}, cursor);
		if (completion.candidates.length === 0) {
			this.state = {...this.state, message: 'nothing to complete here'};
			return;
		}

		const insert = completion.candidates.length === 1 ? completion.candidates[0] : completion.common;
		const text = mode.text.slice(0, completion.start) + insert + mode.text.slice(cursor);
		const at = completion.start + insert.length;
		this.state = edited(this.state, text, at, true);
		const after = this.state.mode;
		if (after.name === 'query' && completion.candidates.length > 1) this.state = {...this.state, mode: {...after, candidates: completion.candidates}};
	}

	/** The order moves go in, as the status bar shows it; undefined for file order. */
	orderLabel(): string | undefined {
		const spec = this.navigation.ordering?.spec;
		return spec ? orderText(spec) : undefined;
	}

	private orderBuild = 0;

	/** `o` then enter: orders the samples (ordering.ts), then shows the first one the filter shows in that order. */
	private orderBy(text: string) {
		this.state = {...this.state, mode: {name: 'browse'}};
		const spec = parseOrder(text);
		if (typeof spec === 'string') {
			this.state = {...this.state, message: spec};
			return;
		}

		const build = ++this.orderBuild;
		if (spec.kind === 'file') {
			this.navigation.ordering = undefined;
			this.state = {...this.state, message: 'order: file'};
			return;
		}

		if (!this.dataset.indexed) {
			this.state = {...this.state, message: 'the file is still being read: order it once it is'};
			return;
		}

		if (spec.kind === 'signals') {
			const {table} = this.signals;
			if (!table) {
				this.state = {...this.state, message: this.signals.error ?? `signals are not computed yet (${this.signals.status ?? 'waiting'}): ${this.keyFor('order')} signals once they are`};
				return;
			}

			this.ordered({...signalsOrder(table, this.dataset.count), spec});
			return;
		}

		this.state = {...this.state, message: `ordering by ${orderText(spec)}…`};
		void fieldOrder(spec, this.dataset.count, i => this.dataset.sample(i).value, async () => new Promise(resolve => {
			setImmediate(resolve);
		}), share => {
			if (build !== this.orderBuild) return;
			this.state = {...this.state, message: `ordering by ${orderText(spec)} ${Math.floor(100 * share)}%…`};
			this.scheduleRecount();
		}).then(ordering => {
			if (build !== this.orderBuild) return;
			this.ordered(ordering);
			this.notify();
		});
	}

	private ordered(ordering: {spec: OrderSpec; order: Int32Array; rank: Int32Array; without?: number}) {
		if (ordering.spec.kind === 'field' && ordering.without === this.dataset.count) {
			// A misspelt field (temp for temperature) would order nothing while saying it did.
			this.state = {...this.state, message: `no sample has a field "${ordering.spec.path}": the order is unchanged (m lists a sample's fields)`};
			return;
		}

		this.navigation.ordering = ordering;
		const first = this.navigation.end('first', this.state.filter);
		const said = `order: ${orderText(ordering.spec)}${ordering.spec.kind === 'field' ? ' (samples without it last)' : ''}`;
		if (first === undefined) this.state = {...this.state, message: `${said}; no ${this.filterNoun()} samples`};
		else this.moveTo(first, `${said} — first of the ${this.filterNoun() || 'all'} samples in this order`);
	}

	/** Works out a bulk step and asks for confirmation with the count. */
	private planBulk(target: BulkTarget, verdict: Verdict, categories: string[], note: string | undefined) {
		const plan = planBulk(target, verdict, categories, note, {
			dataset: this.dataset,
			reviewer: this.reviewer,
			// In overlap mode every reviewer decides every sample: others' decisions neither block nor show.
			othersBlock: this.mode === 'split',
			lead: this.options.lead === true,
			// Decisions made on other bytes than the sample holds now neither block it nor count as already made.
			records: id => this.currentRecords(id).records,
			openByOther: id => this.options.live?.isTakenByOther(id) ?? false,
		});
		if (plan.changes.length === 0) {
			this.state = {...this.state, mode: {name: 'browse'}, message: nothingToDo(plan)};
			return;
		}

		this.state = {...this.state, mode: {name: 'confirm', plan}};
	}

	/** y on the confirmation: every sample of the plan decided, one undo entry for the whole step. */
	private applyBulk(plan: BulkPlan) {
		this.state = {...this.state, mode: {name: 'browse'}};
		const fileMode = this.fileModeMismatch();
		if (fileMode) {
			this.state = {...this.state, message: this.fileModeNotice(fileMode, true)};
			return;
		}

		if (this.dataset.changedOnDisk() !== undefined && !this.stillOnDisk(this.currentSample().sample)) return;
		const changes = plan.changes.map(change => ({
			index: change.index,
			sample: change.sample,
			previous: change.previous,
			verdict: plan.verdict,
			categories: plan.categories,
			note: plan.note ?? change.previous?.note ?? '',
			resolution: this.options.lead && this.decisionsOf(change.sample).conflict ? true : undefined,
			// Overlap mode: decided without seeing the others' verdicts (they are not shown until one decides).
			blind: this.isBlind(change.previous) ? true : undefined,
			// The reviewer's own correction stays on the sample (as after a key's decision): export writes it.
			correction: change.previous?.correction,
			rule: plan.rule,
			replaced: change.replaced,
			hash: this.hashToRecord(change.index, change.sample),
			undo: 'push' as const,
		}));
		const {sample: here} = this.currentSample();
		const undo = this.decisions.recordBatch(changes, plan.changes, plan.rule, this.state.undo, 'push', {index: here.index, sample: here.id});
		this.recountQuery(plan.changes.map(change => change.sample));
		this.current = undefined;
		this.state = {...this.state, undo};
		const n = plan.changes.length;
		// The rule is named when the message does not already spell it (a cluster's number).
		const rule = plan.what.includes(plan.rule) ? '' : ` (rule ${plan.rule})`;
		const done = `${plan.verdict} ${n.toLocaleString('en')} sample${n === 1 ? '' : 's'}${sharedLines(plan)} ${plan.what}${rule} — u undoes`;
		if (this.shows(this.state.cursor)) this.state = {...this.state, message: done};
		else {
			this.advance(done);
			this.state = {...this.state, message: this.state.message ?? done};
		}
	}

	/** Undoes a bulk step and goes back to the sample the reviewer was on when it was made (`at`). */
	private undoBatch(batch: BulkChange[], rule: string, at: number) {
		const changes = batch.map(({index, sample, previous}) => ({
			index,
			sample,
			previous,
			verdict: previous?.verdict ?? null,
			categories: previous?.categories ?? [],
			note: previous?.note ?? '',
			resolution: previous?.resolution,
			blind: previous?.blind,
			reasons: previous?.reasons,
			correction: previous?.correction,
			rule: previous?.rule,
			replaced: previous?.replaced,
			hash: previous?.hash,
			undo: 'pop' as const,
		}));
		const undo = this.decisions.recordBatch(changes, batch, rule, this.state.undo, 'pop');
		this.recountQuery(batch.map(change => change.sample));
		this.current = undefined;
		this.state = {...this.state, undo};
		const n = batch.length;
		this.moveTo(at, `undone: the step over ${n.toLocaleString('en')} sample${n === 1 ? '' : 's'} (rule ${rule}) — each is back to your earlier decision or none`);
	}

	/** After a decision or a skip: the next sample the filter shows that nobody else has open. */
	private advance(what: string) {
		const {cursor, filter} = this.state;
		if (!this.dataset.indexed) {
			// Not past the end while the file is still being read: the next sample may be in the rest.
			const ahead = this.navigation.ahead(cursor, filter);
			if (ahead !== undefined) {
				this.moveTo(ahead, undefined, 'advance');
				return;
			}

			this.state = {...this.state, message: `${what}; looking further on (still reading the file)…`};
			this.resume.waitToAdvance(what);
			return;
		}

		const target = this.navigation.next(cursor, filter);
		if (target === undefined) {
			this.state = {...this.state, message: `${what}; no more ${this.filterNoun()} samples (f: query, F: status filter)`};
			return;
		}

		this.moveTo(target.index, target.wrapped ? `${what}; wrapped to the start` : undefined, 'advance');
	}

	private goTo(number: number) {
		if (!Number.isInteger(number) || number < 1) {
			// Nothing typed (letters are not taken): say what the prompt wants.
			this.state = {...this.state, mode: {name: 'browse'}, message: `go to: type a sample number from 1 to ${this.dataset.count.toLocaleString('en')}${this.dataset.indexed ? '' : ' (so far)'}, then enter`};
			return;
		}

		if (number > this.dataset.count) {
			this.state = {...this.state, mode: {name: 'browse'}, message: `no sample ${number}: there are ${this.dataset.count}${this.dataset.indexed ? '' : ' so far'}`};
			return;
		}

		this.state = {...this.state, mode: {name: 'browse'}};
		this.moveTo(number - 1);
	}

	/** The search being shown (highlighted on screen), if any. */
	get searchPattern(): SearchPattern | undefined {
		return this.state.query ? this.pattern : undefined;
	}

	/** What sample i shows: its rendered blocks (the current sample as on screen, with its correction). */
	private blocksAt(i: number) {
		if (i === this.state.cursor) return this.currentSample().rendered.blocks;
		const sample = this.dataset.sample(i);
		return sample.error === undefined ? renderSample(sample.value).blocks : [{label: `${this.whereIs(i, sample.lineNumber)}: ${sample.error}`, text: sample.text, tone: 'error' as const}];
	}

	/** Where a malformed entry is, for its label: its line, or in a file that is one JSON array its element (from 0, as the header counts). */
	private whereIs(index: number, lineNumber: number): string {
		return this.dataset.scan.layout === 'array' ? `element ${index.toLocaleString('en')}` : `line ${lineNumber}`;
	}

	private countMatches(pattern: SearchPattern) {
		this.searching.reset();
		this.searching.startCounting(pattern, () => {
			// The count grew: the message saying "match 3 of 41+" says it.
			if (this.state.hit && this.state.message === this.matchMessageShown) {
				this.state = {...this.state, message: this.matchMessage()};
				this.notify();
			}
		});
	}

	/** n / N: the next match inside the sample on screen first, then in the next sample the filter shows. */
	private async nextMatch(direction: 1 | -1) {
		const pattern = this.pattern!;
		const {cursor, hit} = this.state;
		const here = countInBlocks(pattern, this.currentSample().rendered.blocks);
		const at = hit?.index === cursor ? hit.occurrence : direction === 1 ? -1 : here;
		const next = at + direction;
		if (next >= 0 && next < here) {
			this.showHit(cursor, next, false);
			this.notify();
			return;
		}

		this.state = {...this.state, searching: true, message: `searching for ${quoted(pattern.text)}…`};
		this.notify();
		const outcome = await this.searching.find(pattern, cursor, direction);
		if (outcome.kind === 'stopped' || this.pattern !== pattern) return;
		this.state = {...this.state, searching: false};
		if (outcome.kind === 'failed') {
			this.state = {...this.state, message: `search failed: ${outcome.error.message}`};
		} else if (outcome.kind === 'found') {
			const matches = countInBlocks(pattern, this.blocksAt(outcome.index));
			this.showHit(outcome.index, direction === 1 ? 0 : Math.max(0, matches - 1), outcome.wrapped);
		} else if (here > 0) {
			// Only the sample on screen has matches: go round it (back to the match shown, when it is the only one: no wrapping to speak of).
			this.showHit(cursor, direction === 1 ? 0 : here - 1, here > 1);
		} else {
			this.state = {...this.state, message: `${quoted(pattern.text)} not found${this.state.filter === 'all' ? '' : ` among the ${this.filterNoun()} samples (F: the status filter)`}`};
		}

		this.notify();
	}

	private showHit(index: number, occurrence: number, wrapped: boolean) {
		if (index !== this.state.cursor) this.moveTo(index);
		this.hitSerial++;
		this.hitWrapped = wrapped;
		this.state = {...this.state, searching: false, hit: {index, occurrence, serial: this.hitSerial}};
		this.state = {...this.state, message: this.matchMessage()};
	}

	/** "match 3 of 41" ("41+" while the count goes on; "…" until it has reached this sample). */
	private matchMessage(): string {
		const {hit} = this.state;
		const count = this.searching.count;
		if (!hit || !count) return '';
		const ordinal = this.searching.ordinal(hit.index, hit.occurrence);
		const total = `${count.total}${count.done ? '' : '+'}`;
		this.matchMessageShown = `match ${ordinal ?? '…'} of ${total}${this.hitWrapped ? ' (wrapped)' : ''} for ${quoted(this.pattern?.text ?? '')} — n / N next / previous`;
		return this.matchMessageShown;
	}

	private filterNoun(): string {
		return this.state.filter === 'all' ? '' : this.state.filter === 'conflicts' ? 'conflicting' : this.state.filter;
	}

	/**
	 * The content hashes of the samples with each id asked about (only ids whose decisions record a
	 * hash): the first sample's, and, when a decision was made on other bytes than it holds and the
	 * id is repeated, every sample's with the id, read once per id.
	 */
	private readonly hashes = new Map<string, {hashes: Set<string>; all: boolean}>();

	/** contentHashes of the samples with id `id` (undefined: none in the dataset), enough to judge `records`. */
	private currentHashes(id: string, records: readonly DecisionRecord[]): ReadonlySet<string> | undefined {
		let known = this.hashes.get(id);
		if (known === undefined) {
			const index = this.dataset.indexOfId(id);
			if (index === undefined) return undefined;
			known = {hashes: new Set([this.dataset.hashOf(index)]), all: false};
			this.hashes.set(id, known);
		}

		if (!known.all && records.some(record => madeOnNoneOf(record, known!.hashes))) {
			// Lines that share an id share its decisions: one made on another line of the id covers this one too.
			known.all = true;
			if (this.dataset.occurrences(id) > 1) this.readRepeatedHashes();
		}

		return known.hashes;
	}

	/** How many samples readRepeatedHashes has read (it reads again only once more are indexed). */
	private repeatedHashesRead = 0;

	/**
	 * The content hashes of every sample whose id is repeated, in one pass over the dataset: a file
	 * regenerated with repeated ids can hold thousands of ids decided on other bytes, and a pass for
	 * each would be ids × samples.
	 */
	private readRepeatedHashes() {
		if (this.repeatedHashesRead >= this.dataset.count) return;
		for (let index = 0; index < this.dataset.count; index++) {
			const id = this.dataset.idOf(index);
			if (this.dataset.occurrences(id) < 2) continue;
			let entry = this.hashes.get(id);
			if (entry === undefined) {
				entry = {hashes: new Set(), all: true};
				this.hashes.set(id, entry);
			}

			entry.all = true;
			entry.hashes.add(this.dataset.hashOf(index));
		}

		this.repeatedHashesRead = this.dataset.count;
	}

	/** The hash a decision on sample `index` records now (none for an id that is already its hash). */
	private hashToRecord(index: number, id: string): string | undefined {
		const hash = this.dataset.hashOf(index);
		this.hashes.get(id)?.hashes.add(hash);
		return hashToRecord(id, hash);
	}

	/**
	 * A sample's current records, less any made on bytes that no sample with its id holds now (then
	 * `changed`: every sample with the id is changed since decided).
	 */
	private currentRecords(id: string): {records: DecisionRecord[]; changed: boolean} {
		const records = this.store.forSample(id);
		if (!records.some(record => typeof record.hash === 'string' && record.verdict !== null)) return {records, changed: false};
		const hashes = this.currentHashes(id, records);
		if (hashes === undefined) return {records, changed: false};
		const current = records.filter(record => !madeOnNoneOf(record, hashes));
		return {records: current, changed: current.length < records.length};
	}

	/** Whether decisions on sample `id` were made on other bytes than it holds now. */
	changedSinceDecided(id: string): boolean {
		return this.currentRecords(id).changed;
	}

	private decisionsOf(id: string): {mine: DecisionRecord | undefined; others: DecisionRecord[]; status: SampleStatus; conflict: boolean; changed: boolean} {
		const {records, changed} = this.currentRecords(id);
		const mine = records.find(record => record.reviewer === this.reviewer);
		const others = records.filter(record => record.reviewer !== this.reviewer);
		if (this.mode === 'overlap') {
			const status = mine?.verdict ?? 'undecided';
			// Blind: no other reviewer's verdict, categories or note until this reviewer has decided (a lead sees all).
			if (this.isBlind(mine)) return {mine, others: [], status, conflict: false, changed};
			return {mine, others, status, conflict: sampleStatus(records).conflict, changed};
		}

		const {status, conflict} = sampleStatus(records);
		return {mine, others, status, conflict, changed};
	}

	/** A sample's status as counted: from the table's columns when they suffice, else from its records. */
	private countedState(id: string, slot: number): {status: SampleStatus; conflict: boolean} {
		const plain = plainState(this.store.table, slot, this.reviewer, this.mode === 'overlap' ? {lead: this.options.lead === true} : undefined);
		if (plain) return plain;
		const {status, conflict} = this.decisionsOf(id);
		return {status, conflict};
	}

	/** In overlap mode, a reviewer (not a lead) sees nobody else's decision on a sample they have not decided. */
	private isBlind(mine: DecisionRecord | undefined): boolean {
		return this.mode === 'overlap' && !this.options.lead && !mine?.verdict;
	}

	/**
	 * In split mode, the sample a reviewer had open when they left, if someone else decided it (or has
	 * it open) since: said, rather than moving on silently.
	 */
	private takenWhileAway(sample: string, filter: Filter): string | undefined {
		if (this.mode !== 'split' || filter !== 'undecided') return undefined;
		this.store.catchUpSample(sample);
		const {mine, others} = this.decisionsOf(sample);
		if (mine?.verdict) return undefined;
		const deciders = others.filter(record => record.verdict).map(record => record.reviewer);
		if (deciders.length > 0) return `${sample} was decided by ${deciders.join(', ')} while you were away`;
		const openBy = this.peers().filter(peer => peer.sample === sample).map(peer => peer.reviewer);
		if (openBy.length > 0) return `${sample} is open in ${openBy.join(', ')}'s session now: moved on to another`;
		return undefined;
	}

	/**
	 * This process was stopped (a suspended laptop, SIGSTOP) long enough for the sample it had open to
	 * go to another reviewer: it is theirs now; move on rather than decide it a second time.
	 */
	private onLeaseLost(lost: {sample: string; to?: string} | undefined) {
		const sample = lost?.sample;
		if (sample === undefined || this.options.live?.superseded || this.dataset.count === 0 || this.dataset.idOf(this.state.cursor) !== sample || this.state.filter !== 'undecided') return;
		const message = `${sample} went to ${lost?.to ?? 'another reviewer'} while this session was stopped`;
		const target = this.navigation.next(this.state.cursor, 'undecided');
		if (target) this.moveTo(target.index, `${message}: moved on`);
		else this.state = {...this.state, message};
	}

	/**
	 * The decisions file's mode is set by the session that creates it: one started before the file
	 * existed may find another mode in it (another reviewer created it meanwhile). Said once.
	 */
	private checkFileMode() {
		const mode = this.fileModeMismatch();
		if (mode === undefined || this.modeTold) return;
		this.modeTold = true;
		this.state = {...this.state, message: this.fileModeNotice(mode, false)};
	}

	/** The decisions file's mode when it is not the one this session reviews in (another session created the file): then this one decides nothing. */
	private fileModeMismatch(): ReviewMode | undefined {
		const {mode} = this.store;
		return mode === undefined || mode === this.mode ? undefined : mode;
	}

	private fileModeNotice(mode: ReviewMode, refused: boolean): string {
		return `${refused ? 'not decided: ' : ''}another session created the decisions file in ${mode} mode while this one reviews in ${this.mode} mode, so this one decides nothing: quit (q) and start again to review in ${mode} mode`;
	}

	/** Re-renders soon (the save status, the indexing progress), at most every `delay` ms. */
	private scheduleRecount(delay = 200) {
		if (this.recountTimer) return;
		this.recountTimer = setTimeout(() => {
			this.recountTimer = undefined;
			this.notify();
		}, delay);
		this.recountTimer.unref?.();
	}
}

/** Keys applied while the decisions file is still read: they read no decisions and change none. */
const whileReading = new Set<Action['type']>(['scroll', 'panel-scroll', 'scroll-to', 'toggle-system', 'quit', 'unsaved']);
const readingNotice = 'reading the decisions file: your keys are applied once it is read';

function quoted(text: string): string {
	return `“${text}”`;
}
