import type {SampleStatus} from './verdict-policy.js';

export type StatusCounts = Record<SampleStatus, number> & {total: number; decided: number; conflicts: number};

export type SampleState = {status: SampleStatus; conflict: boolean};

/**
 * An id's share of the counts, packed in one small integer (no object per decided sample): the
 * status in bits 0–1, conflict in bit 2, how many samples carry the id from bit 3 on.
 */
type Held = number;
const statusCodes: readonly SampleStatus[] = ['undecided', 'accepted', 'rejected', 'flagged'];

function pack(status: SampleStatus, conflict: boolean, occurrences: number): Held {
	return statusCodes.indexOf(status) + (conflict ? 4 : 0) + (occurrences * 8);
}

/**
 * Numbers for sample ids, so the counter keeps its state in typed arrays indexed by them rather than
 * in a map of id strings (a million decided ids as strings and map entries take over 100 MB). The
 * review gives the decision table's sample slots; -1 is an id without a number (nobody decided it,
 * so it counts for nothing).
 */
export type IdNumbers = {
	numberOf(id: string): number;
	idOf(number: number): string;
};

/** Numbers given to ids as they come (for a counter not backed by a decision table). */
export class InternedIds implements IdNumbers {
	private readonly numbers = new Map<string, number>();
	private readonly ids: string[] = [];

	numberOf(id: string): number {
		let number = this.numbers.get(id);
		if (number === undefined) {
			number = this.ids.length;
			this.ids.push(id);
			this.numbers.set(id, number);
		}

		return number;
	}

	idOf(number: number): string {
		return this.ids[number];
	}
}

export function emptyCounts(): StatusCounts {
	return {accepted: 0, rejected: 0, flagged: 0, undecided: 0, total: 0, decided: 0, conflicts: 0};
}

/**
 * How many samples of a dataset are accepted, rejected, flagged, undecided and in conflict, kept up
 * to date one sample id at a time: a decision, another reviewer's write or newly indexed samples
 * cost what they touch, never a pass over all decisions (100,000 of them take ~100 ms, too long
 * for a key press). Each id's share of the counts is remembered (in a typed array indexed by the
 * id's number), so re-evaluating it is exact and can be done any number of times.
 */
export class StatusCounter {
	private current = emptyCounts();
	private snapshot: StatusCounts | undefined;
	/** Each counted id's share by its number (0: counts for nothing). */
	private held = new Float64Array(1024);
	/** 1 for ids last evaluated when no indexed sample carried them (decided, but not reached by indexing yet). */
	private unseen = new Uint8Array(1024);
	private unseenCount = 0;
	/** Whether a refresh pass has evaluated every decided id, so that `unseen` holds all that are not found. */
	private unseenKnown = false;
	private passIsFull = false;
	private refreshing: NodeJS.Immediate | undefined;
	private refreshWaiting: NodeJS.Timeout | undefined;
	private lastPassAt = Number.NEGATIVE_INFINITY;
	private refreshSpacing = 1000;
	private refreshAgain = false;
	private refreshIds: (() => Iterable<string | number>) | undefined;
	private refreshDone: (() => void) | undefined;

	/**
	 * @param stateOf the status of a sample id now (its number given too, for a quicker look-up)
	 * @param occurrences how many samples of the dataset carry the id (0: none indexed yet)
	 * @param numbers the ids' numbers (the decision table's slots in a review)
	 */
	constructor(
		private readonly stateOf: (id: string, number: number) => SampleState,
		private readonly occurrences: (id: string) => number,
		private readonly numbers: IdNumbers = new InternedIds(),
	) {}

	/** A first pass over every decided id is under way: the counts are not complete yet. */
	get counting(): boolean {
		return !this.unseenKnown && (this.refreshing !== undefined || this.refreshWaiting !== undefined);
	}

	/** The counts, as an object that is replaced (not changed) when they change. */
	get counts(): StatusCounts {
		this.snapshot ??= {...this.current, undecided: this.current.total - this.current.decided};
		return this.snapshot;
	}

	set total(total: number) {
		if (total === this.current.total) return;
		this.current.total = total;
		this.snapshot = undefined;
	}

	/** Re-evaluates one sample id: after its decisions changed, or more samples carrying it were indexed. */
	update(id: string) {
		const number = this.numbers.numberOf(id);
		// An id without a number has no decision: it counts for nothing, now as before.
		if (number < 0) return;
		this.evaluate(id, number);
	}

	/** update for an id given as it is listed: by its number (no look-up of the number), or as text. */
	private updateListed(listed: string | number) {
		if (typeof listed === 'number') this.evaluate(this.numbers.idOf(listed), listed);
		else this.update(listed);
	}

	private evaluate(id: string, number: number) {
		if (number >= this.held.length) this.grow(number);
		const before = this.held[number];
		const occurrences = this.occurrences(id);
		const wasUnseen = this.unseen[number];
		const isUnseen = occurrences === 0 ? 1 : 0;
		if (wasUnseen !== isUnseen) {
			this.unseen[number] = isUnseen;
			this.unseenCount += isUnseen - wasUnseen;
		}

		let after = 0;
		if (occurrences > 0) {
			const {status, conflict} = this.stateOf(id, number);
			if (status !== 'undecided' || conflict) after = pack(status, conflict, occurrences);
		}

		if (before === after) return;
		if (before !== 0) this.add(before, -1);
		if (after !== 0) this.add(after, 1);
		this.held[number] = after;
		this.snapshot = undefined;
	}

	private grow(number: number) {
		let length = this.held.length * 2;
		while (length <= number) length *= 2;
		const held = new Float64Array(length);
		held.set(this.held);
		this.held = held;
		const unseen = new Uint8Array(length);
		unseen.set(this.unseen);
		this.unseen = unseen;
	}

	/**
	 * Re-evaluates many ids in the background, a few milliseconds at a time between turns of the
	 * event loop, so a key press never waits for it: for when more of the dataset was indexed, which
	 * may change how often any decided id occurs. Asked again while running, it runs once more after,
	 * and passes start at least `spacing` ms apart (with 100,000 decisions a pass is a few hundred ms
	 * of work; asked for after each chunk of a file being indexed, it would never rest). `done` is
	 * called after each complete pass.
	 */
	refreshAll(ids: () => Iterable<string | number>, done?: () => void, spacing = 1000) {
		this.refreshIds = ids;
		this.refreshDone = done;
		this.refreshSpacing = spacing;
		if (this.refreshing || this.refreshWaiting) {
			this.refreshAgain = this.refreshing !== undefined;
			return;
		}

		const wait = this.lastPassAt + spacing - performance.now();
		const start = () => {
			this.refreshWaiting = undefined;
			this.refreshing = setImmediate(() => {
				this.refreshSlice(ids()[Symbol.iterator]());
			});
		};

		if (wait > 0) {
			this.refreshWaiting = setTimeout(start, wait);
			this.refreshWaiting.unref?.();
		} else {
			start();
		}
	}

	/**
	 * refreshAll for when more of the dataset was indexed. The first pass evaluates every decided id;
	 * after it, only what indexing can have changed: ids not found in the dataset yet, and ids that
	 * occur more than once (`repeated`). A found id's share changes only with its decisions (update)
	 * or its number of samples, so later passes cost what is left to find, not all decisions. The
	 * decided ids may be listed by their numbers.
	 */
	refreshAfterIndexing(decided: () => Iterable<string | number>, repeated: () => Iterable<string>, done?: () => void) {
		this.refreshAll(() => {
			this.passIsFull = !this.unseenKnown;
			return this.passIsFull ? decided() : this.notFoundThen(repeated());
		}, done);
	}

	private * notFoundThen(repeated: Iterable<string>): Iterable<string | number> {
		// The numbers first: evaluating an id clears its flag while the pass goes on.
		const numbers = new Uint32Array(this.unseenCount);
		let found = 0;
		for (let number = 0; number < this.unseen.length && found < numbers.length; number++) if (this.unseen[number] === 1) numbers[found++] = number;
		for (let i = 0; i < found; i++) yield numbers[i];
		yield * repeated;
	}

	/** Stops a background refresh. */
	stop() {
		if (this.refreshing) clearImmediate(this.refreshing);
		if (this.refreshWaiting) clearTimeout(this.refreshWaiting);
		this.refreshing = undefined;
		this.refreshWaiting = undefined;
		this.refreshAgain = false;
	}

	private refreshSlice(ids: Iterator<string | number>) {
		const until = performance.now() + 4;
		for (let n = 0; ; n++) {
			if ((n & 63) === 63 && performance.now() > until) {
				this.refreshing = setImmediate(() => {
					this.refreshSlice(ids);
				});
				return;
			}

			const next = ids.next();
			if (next.done) break;
			this.updateListed(next.value);
		}

		this.refreshing = undefined;
		this.unseenKnown ||= this.passIsFull;
		this.passIsFull = false;
		this.lastPassAt = performance.now();
		this.refreshDone?.();
		if (this.refreshAgain && this.refreshIds) {
			this.refreshAgain = false;
			this.refreshAll(this.refreshIds, this.refreshDone, this.refreshSpacing);
		}
	}

	/**
	 * Starts over from a list of ids to evaluate: every decided id (`allDecided`: then the ids not
	 * found yet are known, and refreshAfterIndexing need not pass over all of them again), or every
	 * indexed sample's.
	 */
	rebuild(total: number, ids: Iterable<string>, allDecided = false) {
		this.held.fill(0);
		this.unseen.fill(0);
		this.unseenCount = 0;
		this.unseenKnown = allDecided;
		this.current = emptyCounts();
		this.current.total = total;
		this.snapshot = undefined;
		// An id listed twice (a repeated id among indexed samples) is evaluated twice, to the same share.
		for (const id of ids) this.update(id);
	}

	private add(share: Held, sign: 1 | -1) {
		const status = statusCodes[share & 3];
		const n = sign * Math.floor(share / 8);
		if (status !== 'undecided') {
			this.current[status] += n;
			this.current.decided += n;
		}

		if (share & 4) this.current.conflicts += n;
	}
}
