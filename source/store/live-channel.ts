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
	/** Something the reviewer should be told once (the status line shows it). */
	onNotice(listener: (notice: string) => void): () => void;
	/** Other live processes on the same decisions. */
	others(): Peer[];
	/** Has another live process this sample open? */
	isTakenByOther(sample: string): boolean;
	/**
	 * Takes the lease on a sample (releasing the one held); false if another live process holds it,
	 * or if `verify`, asked once the lease is taken, says the sample is no longer one to hand out.
	 */
	claim(sample: string, verify?: () => boolean): boolean;
	/** Another session of the same reviewer took over (the file store's; a database session never is). */
	readonly superseded: boolean;
	/** The reviewer's other sessions this one took over from when it started. */
	readonly tookOverFrom: Peer[];
	/** Goes on deciding here after being superseded. */
	continueHere(): void;
	/**
	 * Before deciding the sample this session was handed: is its lease still its own (refreshed if
	 * so)? False if another process took it meanwhile; takeLost() then says to whom.
	 */
	confirmHeld?(sample: string): boolean;
	/** The sample this session had open and lost to another while it was away, once. */
	takeLost(): {sample: string; to?: string} | undefined;
	release(): void;
};
