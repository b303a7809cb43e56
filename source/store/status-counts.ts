import type {SampleStatus} from './verdict-policy.js';

export type StatusCounts = Record<SampleStatus, number> & {total: number; decided: number; conflicts: number};

export type SampleState = {status: SampleStatus; conflict: boolean};

type Held = SampleState & {occurrences: number};

export function emptyCounts(): StatusCounts {
	return {accepted: 0, rejected: 0, flagged: 0, undecided: 0, total: 0, decided: 0, conflicts: 0};
}

/**
 * How many samples of a dataset are accepted, rejected, flagged, undecided and in conflict, kept up
 * to date one sample id at a time: a decision, another reviewer's write or newly indexed samples
 * cost what they touch, never a pass over all decisions (100,000 of them take ~100 ms, too long
 * for a key press). Each id's share of the counts is remembered, so re-evaluating it is exact and
 * can be done any number of times.
 */
export class StatusCounter {
	private current = emptyCounts();
	private snapshot: StatusCounts | undefined;
	/** Each counted id's share (ids that count for nothing are not held). */
	private readonly held = new Map<string, Held>();

	/**
	 * @param stateOf the status of a sample id now
	 * @param occurrences how many samples of the dataset carry the id (0: none indexed yet)
	 */
	constructor(private readonly stateOf: (id: string) => SampleState, private readonly occurrences: (id: string) => number) {}

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
		const before = this.held.get(id);
		const occurrences = this.occurrences(id);
		const after: Held | undefined = occurrences > 0 ? {...this.stateOf(id), occurrences} : undefined;
		const counts = after && (after.status !== 'undecided' || after.conflict) ? after : undefined;
		if (!before && !counts) return;
		if (before) this.add(before, -1);
		if (counts) {
			this.add(counts, 1);
			this.held.set(id, counts);
		} else {
			this.held.delete(id);
		}

		this.snapshot = undefined;
	}

	/** Starts over from a list of ids to evaluate (every decided id, or every indexed sample's). */
	rebuild(total: number, ids: Iterable<string>) {
		this.held.clear();
		this.current = emptyCounts();
		this.current.total = total;
		this.snapshot = undefined;
		for (const id of ids) if (!this.held.has(id)) this.update(id);
	}

	private add(share: Held, sign: 1 | -1) {
		const n = sign * share.occurrences;
		if (share.status !== 'undecided') {
			this.current[share.status] += n;
			this.current.decided += n;
		}

		if (share.conflict) this.current.conflicts += n;
	}
}
