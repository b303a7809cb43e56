import type {Peer} from './live-session.js';

export type {Peer} from './live-session.js';

/**
 * Presence and leases for pairing and split mode, as the review controller uses them: who else is
 * reviewing, which samples they have open, and a lease on the sample this process has open.
 * LiveSession keeps them in files beside the decisions file; postgres/live.ts in the database.
 */
export type LiveChannel = {
	/** Why presence and leases cannot be used; pairing features are then off. */
	readonly error: string | undefined;
	start(): void;
	stop(): void;
	onChange(listener: () => void): () => void;
	/** Other live processes on the same decisions. */
	others(): Peer[];
	/** Has another live process this sample open? */
	isTakenByOther(sample: string): boolean;
	/** Takes the lease on a sample (releasing the one held); false if another live process holds it. */
	claim(sample: string): boolean;
	release(): void;
};
