import type {Dataset} from '../dataset/dataset.js';
import type {LiveSession} from '../store/live-session.js';

export type ReviewMode = 'split' | 'overlap';

/**
 * Split mode's claims: a reviewer holds the sample they have open (a lease in the live session), and
 * is never handed one another process holds. In overlap mode, or alone, everything is claimable.
 */
export class Claims {
	constructor(private readonly dataset: Dataset, private readonly mode: ReviewMode, private readonly live: LiveSession | undefined) {}

	/** In split mode, opening a sample takes its lease so nobody else is handed it meanwhile. */
	hold(index: number): boolean {
		if (this.mode !== 'split' || !this.live) return true;
		return this.live.claim(this.dataset.idOf(index));
	}

	/** May this reviewer be handed sample i (not open in another process)? Takes its lease if so. */
	claimable(i: number): boolean {
		if (this.mode !== 'split' || !this.live) return true;
		return !this.live.isTakenByOther(this.dataset.idOf(i)) && this.hold(i);
	}
}
