import type {Dataset} from '../dataset/dataset.js';
import type {DecisionStore} from '../store/decision-store.js';
import type {LiveChannel, Peer} from '../store/live-channel.js';

export type ReviewMode = 'split' | 'overlap';

/*
Split mode's claims: a reviewer holds the sample they have open (a lease in the live session) and is
never handed one another process holds. Claim and decide are ordered so that nobody is handed a
sample whose decision is in flight, as a queue with `SELECT … FOR UPDATE SKIP LOCKED` would:
- the lease on a decided sample is kept until the decision is on disk (LiveSession.holdUntilSaved);
- a sample is handed out only once its lease is ours and the decisions file's newest state (re-read
  if it changed since the store last read it) still shows it as one to hand out.
So whoever gets the lease after a decision was saved also sees the decision. In overlap mode, or
alone, everything is claimable.
*/
export class Claims {
	constructor(
		private readonly dataset: Dataset,
		private readonly mode: ReviewMode,
		private readonly live: LiveChannel | undefined,
		private readonly store: DecisionStore,
	) {}

	/** Opening a sample explicitly (`:`, a browsing filter): takes its lease if free, opens it anyway. */
	hold(index: number): boolean {
		if (this.mode !== 'split' || !this.live) return true;
		return this.live.claim(this.dataset.idOf(index));
	}

	/**
	 * May this reviewer be handed sample i (judged by the caller from the store as it stands): not
	 * open in another process, and no decision on it in the file that the store did not hold yet?
	 * Takes its lease if so.
	 */
	claimable(i: number): boolean {
		if (this.mode !== 'split' || !this.live) return true;
		const id = this.dataset.idOf(i);
		if (this.live.isTakenByOther(id)) return false;
		// A sample someone decided a moment ago: its lease is free only once the decision is on disk,
		// so the file, read now, has it. Then it is not handed out (the caller judges it afresh later).
		return this.live.claim(id, () => !this.store.catchUpSample(id));
	}
}

/** Actions a session that another session of the same reviewer took over may not take. */
export const decidingActions = new Set(['decide', 'skip', 'undo', 'note', 'bias-confirm', 'reason', 'correct']);

/** Said when this reviewer's newer session took over and this one stopped deciding. */
export function supersededNotice(reviewer: string): string {
	return `${reviewer} started another session: this one stopped deciding — press y to continue here`;
}

/** Said at the start when the same reviewer already had a session open on this decisions file. */
export function takeoverNotice(reviewer: string, mode: ReviewMode, sessions: Peer[]): string | undefined {
	if (sessions.length === 0) return undefined;
	const where = sessions.map(peer => `${peer.host}, pid ${peer.pid}`).join('; ');
	return mode === 'overlap'
		? `${reviewer} already has a session open (${where}): both would record ${reviewer}'s verdicts, the later replacing the earlier, so that one stops deciding until y is pressed there`
		: `${reviewer} already has a session open (${where}): this one takes over its place and samples; that one stops deciding until y is pressed there`;
}
