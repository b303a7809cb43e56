import type {Dataset} from '../dataset/dataset.js';
import type {ReviewerPosition} from '../store/reviewer-position.js';
import type {Claims} from './claiming.js';
import type {Navigation} from './navigation.js';
import {filters, initialState, type Filter, type SessionState} from './session.js';

/** What resuming asks of the controller: to show a sample, to advance again, to redraw. */
export type ResumeHost = {
	moveTo(index: number, message?: string): void;
	/** The decided sample's advance, made late: moves on from the sample decided. */
	advanceTo(index: number): void;
	advance(what: string): void;
	/** Shows a line of feedback. */
	tell(message: string): void;
	notify(): void;
};

/**
 * Where a session starts, and the moves that wait for a big file to be read further: the remembered
 * sample further on in the file, the first undecided sample when all read so far are decided, and a
 * decision's advance past the samples read so far.
 */
export class Resume {
	/** The remembered sample to open once indexing reaches it. */
	private remembered: string | undefined;
	/** Everything read so far was decided: move to the first undecided sample once one is read. */
	private firstUndecided = false;
	/** A decision's move to the next sample, waiting for more of the file to be read. */
	private advance: {what: string; scanned: number} | undefined;
	/** How many samples were read when the first undecided sample was last looked for. */
	private scanned = 0;

	constructor(
		private readonly dataset: Dataset,
		private readonly navigation: Navigation,
		private readonly claims: Claims,
		private readonly position: Pick<ReviewerPosition, 'read' | 'update' | 'save'> | undefined,
		/** Why the remembered sample is no longer this reviewer's to open (decided or opened by another meanwhile), if it is not. */
		private readonly takenWhileAway: (sample: string, filter: Filter) => string | undefined = () => undefined,
	) {}

	/** A move made by the reviewer: nothing waits any more. */
	cancel() {
		this.firstUndecided = false;
		this.remembered = undefined;
		this.advance = undefined;
	}

	/** A decision's advance went past the samples read so far: move on once more are read. */
	waitToAdvance(what: string) {
		this.advance = {what, scanned: this.dataset.count};
	}

	/**
	 * Where a session starts: where this reviewer was when they left (the same sample and filter),
	 * else their first undecided sample that nobody else has open. A remembered sample further on
	 * in a file still being read is moved to once it is read.
	 */
	startingState(): SessionState {
		const remembered = this.position?.read();
		if (!remembered) return initialState(this.firstToReview());
		const filter = (filters as readonly string[]).includes(remembered.filter) ? remembered.filter as Filter : 'undecided';
		const index = this.dataset.indexOfId(remembered.sample);
		const away = index === undefined ? undefined : this.takenWhileAway(remembered.sample, filter);
		if (away) return {...initialState(this.firstToReview(), filter), message: away};
		if (index !== undefined && this.claims.claimable(index)) {
			return {...initialState(index, filter), message: `resumed where you left off: sample ${(index + 1).toLocaleString('en')}`};
		}

		if (index === undefined && !this.dataset.indexed) this.remembered = remembered.sample;
		return initialState(this.firstToReview(), filter);
	}

	/** More of the file was read: make the moves that were waiting for it. */
	onIndexed(host: ResumeHost, filter: () => Filter) {
		this.resumeAtRemembered(host);
		this.resumeWhenFound(host);
		this.continueAdvance(host, filter);
	}

	/** This reviewer's first undecided sample that nobody else has open. */
	private firstToReview(): number {
		const first = this.navigation.firstUndecided();
		if (first === undefined) {
			// Everything read so far is decided; the rest of the file is still being read.
			this.firstUndecided = !this.dataset.indexed;
			this.scanned = this.dataset.count;
			this.claims.hold(0);
			return 0;
		}

		this.claims.hold(first);
		return first;
	}

	private resumeAtRemembered(host: ResumeHost) {
		const sample = this.remembered;
		if (sample === undefined) return;
		const index = this.dataset.indexOfId(sample);
		if (index === undefined && !this.dataset.indexed) return;
		this.remembered = undefined;
		const away = index === undefined ? undefined : this.takenWhileAway(sample, 'undecided');
		if (away) {
			host.tell(away);
			return;
		}

		if (index === undefined || !this.claims.claimable(index)) return;
		host.moveTo(index, `resumed where you left off: sample ${(index + 1).toLocaleString('en')}`);
		host.notify();
	}

	/** While the file is still being read, move to the first undecided sample once it is found. */
	private resumeWhenFound(host: ResumeHost) {
		if (!this.firstUndecided || this.remembered !== undefined) return;
		const first = this.navigation.firstUndecided(this.scanned - 1);
		this.scanned = this.dataset.count;
		if (first !== undefined) {
			host.moveTo(first, 'resumed at your first undecided sample');
			host.notify();
		} else if (this.dataset.indexed) {
			this.firstUndecided = false;
		}
	}

	/** An advance past the samples read so far: moves on once more are read (or wraps at the end). */
	private continueAdvance(host: ResumeHost, filter: () => Filter) {
		const pending = this.advance;
		if (!pending) return;
		const ahead = this.navigation.ahead(pending.scanned - 1, filter());
		pending.scanned = this.dataset.count;
		if (ahead === undefined && !this.dataset.indexed) return;
		this.advance = undefined;
		if (ahead === undefined) host.advance(pending.what);
		else host.advanceTo(ahead);
		host.notify();
	}
}
