import type {Dataset, Sample} from '../dataset/dataset.js';
import {renderSample, type RenderedSample} from '../dataset/formats.js';
import type {DecisionStore} from '../store/decision-store.js';
import type {LiveSession, Peer} from '../store/live-session.js';
import type {DecisionRecord, Verdict} from '../store/schema.js';
import {StatusCounter} from '../store/status-counts.js';
import {sampleStatus} from '../store/verdict-policy.js';
import {findNextMatch} from '../dataset/search.js';
import type {Action, OpenableMode} from './actions.js';
import type {ReviewerPosition} from '../store/reviewer-position.js';
import {
	clampScroll, filters, findIndex, findWrapping, initialState, matchesFilter, nextFilter, toggleCategory,
	type Filter, type SampleStatus, type SessionState,
} from './session.js';

export type ReviewMode = 'split' | 'overlap';

/** With more decisions than this, the counts are first made in the background. */
const backgroundCountFrom = 5000;

export type ControllerOptions = {
	reviewer: string;
	categories: string[];
	mode?: ReviewMode;
	lead?: boolean;
	/** Who else works on this decisions file, and which samples they have open (pairing). */
	live?: LiveSession;
	/** Where this reviewer was when they last left: the session starts there. */
	position?: ReviewerPosition;
};

export type Counts = Record<SampleStatus, number> & {total: number; decided: number; conflicts: number};

export type CurrentSample = {
	sample: Sample;
	rendered: RenderedSample;
	mine: DecisionRecord | undefined;
	others: DecisionRecord[];
	status: SampleStatus;
	conflict: boolean;
	/** Other reviewers who have this sample open right now. */
	openBy: string[];
};

type Listener = () => void;

/**
 * The review session: owns the session state, turns actions into decisions in the store and
 * moves through the dataset. Plain TypeScript, no React: the screen renders its snapshot.
 */
export class ReviewController {
	state: SessionState;
	/** Counts by status, kept up to date sample by sample (StatusCounter): no pass over all decisions per change. */
	get counts(): Counts {
		return this.counter.counts;
	}

	/** The counts are still being made (many decisions, counted in the background after opening). */
	get counting(): boolean {
		return this.counter.counting;
	}

	/** Rows in the sample viewport, set by the screen from the terminal's size. */
	viewportRows = 10;
	/** Total rows of the current sample once known, for clamping scroll; set by the screen. */
	sampleRows: number | undefined;
	readonly mode: ReviewMode;
	private readonly listeners = new Set<Listener>();
	private current: CurrentSample | undefined;
	private searchAbort: AbortController | undefined;
	private recountTimer: NodeJS.Timeout | undefined;
	private readonly counter: StatusCounter;
	private version = 0;
	private resumePending = false;
	/** The remembered sample to open once indexing reaches it. */
	private rememberedPending: string | undefined;
	/** Samples this reviewer changed in this session. */
	private readonly touched = new Set<string>();
	/** A decision's move to the next sample, waiting for more of the file to be read. */
	private pendingAdvance: {what: string; scanned: number} | undefined;
	/** Set when the dataset changed on disk since it was opened (what to tell): the review command re-reads it. */
	datasetChanged: string | undefined;
	private scanned = 0;

	constructor(readonly dataset: Dataset, readonly store: DecisionStore, readonly options: ControllerOptions) {
		this.mode = options.mode ?? 'split';
		this.counter = new StatusCounter(id => this.decisionsOf(id), id => dataset.occurrences(id));
		this.recount();
		this.state = this.startingState();
		// Pairing that could not start (a folder others cannot write, a link planted in it) is said at once.
		if (options.live?.error) this.state = {...this.state, message: options.live.error};
		store.onChange(samples => {
			if (this.current && samples.has(this.current.sample.id)) this.current = undefined;
			for (const id of samples) this.counter.update(id);
			this.scheduleRecount();
		});
		dataset.onChange(() => {
			this.resumeAtRemembered();
			this.resumeWhenFound();
			this.continueAdvance();
			// More samples indexed: any decided id may now occur, or occur more often. The counter
			// re-evaluates them in the background, a few milliseconds at a time, never holding up a key.
			this.counter.total = dataset.count;
			this.counter.refreshAfterIndexing(() => (function * () {
				for (const record of store.all()) yield record.sample;
			})(), () => dataset.repeats.keys(), () => {
				this.scheduleRecount();
			});
			// The end of indexing shows at once; progress before it, at most every 200 ms.
			if (dataset.indexed) this.notify();
			else this.scheduleRecount();
		});
		options.live?.onChange(() => {
			this.current = undefined;
			this.notify();
		});
		options.live?.onNotice(notice => {
			this.state = {...this.state, message: notice};
			this.notify();
		});
	}

	/** How many samples this reviewer decided in this session (and has not undone). */
	decidedThisSession(): number {
		let decided = 0;
		for (const id of this.touched) if (this.store.get(id, this.reviewer)?.verdict) decided++;
		return decided;
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

	get reviewer(): string {
		return this.options.reviewer;
	}

	get snapshotVersion(): number {
		return this.version;
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
			const rendered = sample.error !== undefined
				? {format: 'json' as const, formatLabel: 'malformed', blocks: [{label: `line ${sample.lineNumber}: ${sample.error}`, text: sample.text, tone: 'error' as const}], metadata: []}
				: renderSample(sample.value);
			const openBy = this.peers().filter(peer => peer.sample === sample.id).map(peer => peer.reviewer);
			this.current = {sample, rendered, ...this.decisionsOf(sample.id), openBy};
		}

		return this.current;
	}

	statusAt(i: number): {status: SampleStatus; conflict: boolean} {
		const id = this.dataset.idOf(i);
		const {status, conflict} = this.decisionsOf(id);
		return {status, conflict};
	}

	dispatch(action: Action) {
		this.apply(action);
		this.notify();
	}

	/** Leaves the session: releases the sample this reviewer holds open. */
	close() {
		this.rememberPosition();
		this.options.position?.save();
		this.options.live?.stop();
		if (this.recountTimer) clearTimeout(this.recountTimer);
		this.counter.stop();
	}

	private rememberPosition() {
		if (this.dataset.count === 0) return;
		this.options.position?.update({sample: this.dataset.idOf(this.state.cursor), filter: this.state.filter});
	}

	private notify() {
		this.rememberPosition();
		this.version++;
		for (const listener of this.listeners) listener();
	}

	/** Shows the sample at `index` and resets the viewport. */
	private moveTo(index: number, message?: string) {
		this.state = {...this.state, cursor: index, scroll: 0, message};
		this.sampleRows = undefined;
		this.resumePending = false;
		this.rememberedPending = undefined;
		this.pendingAdvance = undefined;
		this.hold(index);
	}

	/** In split mode, opening a sample takes its lease so nobody else is handed it meanwhile. */
	private hold(index: number): boolean {
		if (this.mode !== 'split' || !this.options.live) return true;
		return this.options.live.claim(this.dataset.idOf(index));
	}

	/**
	 * Where ← → g G may go: with the undecided filter (the work queue) in split mode, not to a sample
	 * another reviewer has open, as deciding does not; with the other filters (browsing), anywhere the
	 * filter shows. `:` goes to any sample.
	 */
	private navigable(i: number): boolean {
		return this.state.filter === 'undecided' ? this.available(i) : this.shows(i);
	}

	/** Is this sample one to hand out next: shown by the filter and not open in another process? */
	private available(i: number): boolean {
		if (!this.shows(i)) return false;
		if (this.mode !== 'split' || !this.options.live) return true;
		return !this.options.live.isTakenByOther(this.dataset.idOf(i)) && this.hold(i);
	}

	private apply(action: Action) {
		const {state} = this;
		if (action.type !== 'scroll') this.state = {...state, message: undefined};
		switch (action.type) {
			case 'decide': {
				this.decide(action.verdict, action.verdict === 'flagged' ? action.categories ?? [] : [], action.note);
				break;
			}

			case 'skip': {
				this.advance('skipped');
				break;
			}

			case 'undo': {
				this.undo();
				break;
			}

			case 'move': {
				const target = findIndex(state.cursor, action.direction, this.dataset.count, i => this.navigable(i));
				if (target === undefined) {
					this.state = {...this.state, message: action.direction === 1 ? `no later ${this.filterNoun()} sample` : `no earlier ${this.filterNoun()} sample`};
				} else {
					this.moveTo(target);
				}

				break;
			}

			case 'first':
			case 'last': {
				const direction = action.type === 'first' ? 1 : -1;
				const from = action.type === 'first' ? -1 : this.dataset.count;
				const target = findIndex(from, direction, this.dataset.count, i => this.navigable(i));
				if (target === undefined) this.state = {...this.state, message: `no ${this.filterNoun()} samples`};
				else this.moveTo(target);
				break;
			}

			case 'scroll': {
				const rows = this.sampleRows ?? Number.POSITIVE_INFINITY;
				const step = action.by === 'page' ? Math.max(1, this.viewportRows - 1) : 1;
				this.state = {...state, scroll: clampScroll(state.scroll + action.direction * step, rows, this.viewportRows)};
				break;
			}

			case 'goto': {
				this.goTo(action.number);
				break;
			}

			case 'cycle-filter': {
				const filter = nextFilter(state.filter, this.counts.conflicts > 0 || state.filter === 'conflicts');
				this.state = {...this.state, filter, message: `filter: ${filter}`};
				if (!this.shows(state.cursor)) {
					const target = findWrapping(state.cursor, 1, this.dataset.count, i => this.shows(i));
					if (target) this.moveTo(target.index, `filter: ${filter}`);
					else this.state = {...this.state, message: `filter: ${filter} (no such samples)`};
				}

				break;
			}

			case 'search': {
				this.state = {...this.state, query: action.query, mode: {name: 'browse'}};
				void this.search(action.query, 1);
				break;
			}

			case 'search-next': {
				if (!state.query) this.state = {...this.state, message: 'no search yet: press / to search'};
				else void this.search(state.query, action.direction);
				break;
			}

			case 'note': {
				this.setNote(action.text);
				break;
			}

			case 'open': {
				this.state = {...this.state, mode: this.openMode(action.mode)};
				break;
			}

			case 'close': {
				// esc also stops a search still going through a big file.
				if (this.state.searching && this.state.mode.name === 'browse') {
					this.searchAbort?.abort();
					this.state = {...this.state, searching: false, message: 'search stopped'};
					break;
				}

				this.state = {...this.state, mode: {name: 'browse'}};
				break;
			}

			case 'edit': {
				const {mode} = this.state;
				if (mode.name === 'note' || mode.name === 'goto' || mode.name === 'search') this.state = {...this.state, mode: {...mode, text: action.text}};
				if (mode.name === 'bias') this.state = {...this.state, mode: {...mode, note: action.text}};
				break;
			}

			case 'bias-toggle': {
				const {mode} = this.state;
				if (mode.name !== 'bias') break;
				const category = this.options.categories[action.index ?? mode.focus];
				if (category) this.state = {...this.state, mode: {...mode, selected: toggleCategory(mode.selected, category, this.options.categories)}};
				break;
			}

			case 'bias-focus': {
				const {mode} = this.state;
				if (mode.name !== 'bias') break;
				const count = this.options.categories.length;
				this.state = {...this.state, mode: {...mode, focus: (mode.focus + action.direction + count) % count}};
				break;
			}

			case 'bias-edit-note': {
				const {mode} = this.state;
				if (mode.name === 'bias') this.state = {...this.state, mode: {...mode, editingNote: !mode.editingNote}};
				break;
			}

			case 'bias-confirm': {
				const {mode} = this.state;
				if (mode.name !== 'bias') break;
				if (mode.selected.length === 0) {
					this.state = {...this.state, message: 'pick at least one category (number keys), or esc to cancel'};
					break;
				}

				this.state = {...this.state, mode: {name: 'browse'}};
				this.decide('flagged', mode.selected, mode.note);
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

	private openMode(name: OpenableMode): SessionState['mode'] {
		const mine = this.currentSample().mine;
		switch (name) {
			case 'bias': {
				return {name: 'bias', selected: mine?.verdict === 'flagged' ? [...mine.categories] : [], focus: 0, note: mine?.note ?? '', editingNote: false};
			}

			case 'note': {
				return {name: 'note', text: mine?.note ?? ''};
			}

			case 'goto':
			case 'search': {
				return {name, text: ''};
			}

			default: {
				return {name};
			}
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

	private decide(verdict: Verdict, categories: string[], note?: string) {
		const {sample, mine} = this.currentSample();
		if (!this.stillOnDisk(sample)) return;
		const before = this.decisionsOf(sample.id);
		this.state = {...this.state, undo: [...this.state.undo, {index: sample.index, sample: sample.id, previous: mine}]};
		this.touched.add(sample.id);
		this.store.set({
			sample: sample.id,
			reviewer: this.reviewer,
			verdict,
			categories,
			note: note ?? mine?.note ?? '',
			// A lead's decision on a sample the reviewers disagree on settles it.
			resolution: this.options.lead && before.conflict ? true : undefined,
		});
		this.current = undefined;
		this.afterLocalChange(sample.id, before);
		this.advance(verdict);
	}

	private setNote(text: string) {
		const {sample, mine} = this.currentSample();
		if (!this.stillOnDisk(sample)) return;
		const before = this.decisionsOf(sample.id);
		this.state = {...this.state, mode: {name: 'browse'}, undo: [...this.state.undo, {index: sample.index, sample: sample.id, previous: mine}]};
		this.touched.add(sample.id);
		this.store.set({sample: sample.id, reviewer: this.reviewer, verdict: mine?.verdict ?? null, categories: mine?.categories ?? [], note: text.trim(), resolution: mine?.resolution});
		this.current = undefined;
		this.afterLocalChange(sample.id, before);
		this.state = {...this.state, message: text.trim() ? 'note saved' : 'note removed'};
	}

	private undo() {
		const last = this.state.undo.at(-1);
		if (!last) {
			this.state = {...this.state, message: 'nothing to undo'};
			return;
		}

		const before = this.decisionsOf(last.sample);
		const {previous} = last;
		this.touched.add(last.sample);
		this.store.set({
			sample: last.sample,
			reviewer: this.reviewer,
			verdict: previous?.verdict ?? null,
			categories: previous?.categories ?? [],
			note: previous?.note ?? '',
			resolution: previous?.resolution,
		});
		this.current = undefined;
		this.afterLocalChange(last.sample, before);
		this.state = {...this.state, undo: this.state.undo.slice(0, -1)};
		// About this reviewer's own decision: others' decisions on the sample stay as they are.
		this.moveTo(last.index, previous?.verdict
			? `undone: sample ${last.index + 1} is back to your earlier ${previous.verdict}`
			: `undone: your decision on sample ${last.index + 1} is withdrawn`);
	}

	private advance(what: string) {
		if (!this.dataset.indexed) {
			// Not past the end while the file is still being read: the next sample may be in the rest.
			const ahead = findIndex(this.state.cursor, 1, this.dataset.count, i => this.available(i));
			if (ahead !== undefined) {
				this.moveTo(ahead);
				return;
			}

			this.state = {...this.state, message: `${what}; looking further on (still reading the file)…`};
			this.pendingAdvance = {what, scanned: this.dataset.count};
			return;
		}

		const target = findWrapping(this.state.cursor, 1, this.dataset.count, i => this.available(i));
		if (target === undefined) {
			this.state = {...this.state, message: `${what}; no more ${this.filterNoun()} samples${this.dataset.indexed ? '' : ' yet (still reading the file)'} — f changes the filter`};
			return;
		}

		this.moveTo(target.index, target.wrapped ? `${what}; wrapped to the start` : undefined);
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

	private async search(query: string, direction: 1 | -1) {
		this.searchAbort?.abort();
		const abort = new AbortController();
		this.searchAbort = abort;
		this.state = {...this.state, searching: true, message: `searching for “${query}”…`};
		const from = this.state.cursor;
		try {
			const found = await findNextMatch(this.dataset, from, direction, query, abort.signal);
			if (abort.signal.aborted) return;
			this.state = {...this.state, searching: false};
			if (found === undefined) this.state = {...this.state, message: `“${query}” not found`};
			else this.moveTo(found.index, `match for “${query}”${found.wrapped ? ' (wrapped)' : ''} — n/N for next/previous`);
		} catch (error) {
			if (!abort.signal.aborted) this.state = {...this.state, searching: false, message: `search failed: ${(error as Error).message}`};
		}

		if (!abort.signal.aborted) this.notify();
	}

	/** Does the current filter show sample i? */
	shows(i: number): boolean {
		const {status, conflict} = this.statusAt(i);
		return matchesFilter(this.state?.filter ?? 'undecided', status, conflict);
	}

	private filterNoun(): string {
		return this.state.filter === 'all' ? '' : this.state.filter === 'conflicts' ? 'conflicting' : this.state.filter;
	}

	/**
	 * Where a session starts: where this reviewer was when they left (the same sample and filter),
	 * else their first undecided sample that nobody else has open. A remembered sample further on
	 * in a file still being read is moved to once it is read.
	 */
	private startingState(): SessionState {
		const remembered = this.options.position?.read();
		if (!remembered) return initialState(this.firstToReview());
		const filter = (filters as readonly string[]).includes(remembered.filter) ? remembered.filter as Filter : 'undecided';
		const index = this.dataset.indexOfId(remembered.sample);
		if (index !== undefined && this.claimable(index)) {
			return {...initialState(index, filter), message: `resumed where you left off: sample ${(index + 1).toLocaleString('en')}`};
		}

		if (index === undefined && !this.dataset.indexed) this.rememberedPending = remembered.sample;
		return initialState(this.firstToReview(), filter);
	}

	private resumeAtRemembered() {
		const sample = this.rememberedPending;
		if (sample === undefined) return;
		const index = this.dataset.indexOfId(sample);
		if (index === undefined && !this.dataset.indexed) return;
		this.rememberedPending = undefined;
		if (index === undefined || !this.claimable(index)) return;
		this.moveTo(index, `resumed where you left off: sample ${(index + 1).toLocaleString('en')}`);
		this.notify();
	}

	/** This reviewer's first undecided sample that nobody else has open. */
	private firstToReview(): number {
		const first = findIndex(-1, 1, this.dataset.count, i => this.statusAt(i).status === 'undecided' && this.claimable(i));
		if (first === undefined) {
			// Everything read so far is decided; the rest of the file is still being read.
			this.resumePending = !this.dataset.indexed;
			this.scanned = this.dataset.count;
			this.hold(0);
			return 0;
		}

		this.hold(first);
		return first;
	}

	private claimable(i: number): boolean {
		return this.mode !== 'split' || !this.options.live || (!this.options.live.isTakenByOther(this.dataset.idOf(i)) && this.hold(i));
	}

	/** An advance past the samples read so far: moves on once more are read (or wraps at the end). */
	private continueAdvance() {
		const pending = this.pendingAdvance;
		if (!pending) return;
		const ahead = findIndex(pending.scanned - 1, 1, this.dataset.count, i => this.available(i));
		pending.scanned = this.dataset.count;
		if (ahead === undefined && !this.dataset.indexed) return;
		this.pendingAdvance = undefined;
		if (ahead === undefined) this.advance(pending.what);
		else this.moveTo(ahead);
		this.notify();
	}

	/** While the file is still being read, move to the first undecided sample once it is found. */
	private resumeWhenFound() {
		if (!this.resumePending || this.rememberedPending !== undefined) return;
		const first = findIndex(this.scanned - 1, 1, this.dataset.count, i => this.statusAt(i).status === 'undecided' && this.claimable(i));
		this.scanned = this.dataset.count;
		if (first !== undefined) {
			this.moveTo(first, 'resumed at your first undecided sample');
			this.notify();
		} else if (this.dataset.indexed) {
			this.resumePending = false;
		}
	}

	private decisionsOf(id: string): {mine: DecisionRecord | undefined; others: DecisionRecord[]; status: SampleStatus; conflict: boolean} {
		const records = this.store.forSample(id);
		const mine = records.find(record => record.reviewer === this.reviewer);
		const others = records.filter(record => record.reviewer !== this.reviewer);
		if (this.mode === 'overlap') {
			const status = mine?.verdict ?? 'undecided';
			return {mine, others, status, conflict: sampleStatus(records).conflict};
		}

		const {status, conflict} = sampleStatus(records);
		return {mine, others, status, conflict};
	}

	/** Keeps the counts right after a change made here, without recounting everything. */
	private afterLocalChange(id: string, _before: {status: SampleStatus; conflict: boolean}) {
		this.counter.update(id);
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

	/**
	 * Counts by status over the dataset from scratch: O(decided samples) or O(indexed samples),
	 * whichever is fewer. Changes afterwards are counted as they come.
	 */
	recount() {
		const {dataset, store} = this;
		const byIndexed = dataset.count < store.size;
		if (!byIndexed && store.size > backgroundCountFrom) {
			// Many decisions (100,000: a few hundred ms of look-ups): counted in the background, 4 ms at
			// a time, so the first frame does not wait for the status bar's numbers.
			this.counter.rebuild(dataset.count, []);
			this.counter.refreshAfterIndexing(() => (function * () {
				for (const record of store.all()) yield record.sample;
			})(), () => dataset.repeats.keys(), () => {
				this.scheduleRecount();
			});
			return;
		}

		const ids = byIndexed
			? (function * () {
				for (let i = 0; i < dataset.count; i++) yield dataset.idOf(i);
			})()
			: (function * () {
				for (const record of store.all()) yield record.sample;
			})();
		this.counter.rebuild(dataset.count, ids, !byIndexed);
	}

	filterLabel(): Filter {
		return this.state.filter;
	}
}

