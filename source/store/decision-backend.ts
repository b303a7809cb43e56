import type {DecisionRecord, ReviewMode} from './schema.js';

/**
 * A place other than the decisions file where a DecisionStore keeps its decisions: the PostgreSQL
 * database (postgres/backend.ts), reached through BackendAdapter (the file has its own lowdb adapter,
 * LockedMergeAdapter). The store keeps every current record in memory, gathers changes and hands
 * them here; a backend makes them durable, merged newest-wins with what other processes wrote, and
 * tells of those processes' changes.
 */
export type DecisionBackend = {
	/** Every current record (one per sample and reviewer); undefined when there are none yet. */
	readAll(): Promise<DecisionRecord[] | undefined>;
	/**
	 * Makes changes durable (a function is called when the write starts: changes made while it
	 * waited go too). Returns the records the caller may not know: others' new or changed ones, and
	 * any record that wins over one of the changes. Throws (a DecisionsFileError, one sentence) when
	 * the write failed; the caller keeps the changes and retries.
	 */
	writeChanges(changes: DecisionRecord[] | (() => DecisionRecord[]), synchronously?: boolean): Promise<DecisionRecord[]>;
	/** What other processes wrote since this backend last read or wrote. */
	refresh(): Promise<DecisionRecord[]>;
	/**
	 * Calls `changed` when others may have written (the database is told by LISTEN/NOTIFY). Returns a
	 * function that stops watching. Without it the store watches `path` as a file.
	 */
	watch?(changed: () => void, interval: number): () => void;
	/** Lets go of connections and timers. */
	close?(): void;
	/** The review mode the decisions were started in, where the backend keeps one. */
	readonly mode?: ReviewMode;
	/** The mode to record when none is recorded yet. */
	defaultMode?: ReviewMode;
	/** One sample's newest records now, synchronously, where the backend can; see catchUpSample. */
	peekSample?(sample: string): DecisionRecord[] | undefined;
};
