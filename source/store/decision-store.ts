import {unwatchFile, watchFile, type Stats} from 'node:fs';
import {Low} from 'lowdb';
import {DecisionsFileError} from './errors.js';
import {LockedMergeAdapter, type LockOptions} from './locked-merge-adapter.js';
import type {DecisionBackend} from './decision-backend.js';
import {newer} from './merge.js';
import {emptyDecisionsFile, recordKey, type DecisionRecord, type DecisionsFile, type ReplacedDecision, type ReviewMode, type Verdict} from './schema.js';

export type SaveStatus = {
	/** Changes made here that are not on disk yet. */
	unsaved: number;
	/** Why the last write failed, while it keeps failing. */
	error?: string;
	lastSavedAt?: number;
};

export type StoreOptions = LockOptions & {
	/** Delay that gathers quick key presses into one write (ms). */
	writeDelay?: number;
	/** How often to look for other processes' writes (ms); 0 turns watching off. */
	watchInterval?: number;
	/** Delay before retrying a failed write (ms). */
	retryDelay?: number;
	/**
	 * Write with synchronous I/O when the write is due (a few ms), falling back to the async path
	 * when another process holds the lock. An async write waits a turn of the
	 * event loop at each of its steps: with keys arriving faster than the screen draws, that kept
	 * decisions off the disk for up to a second. The review screen turns this on.
	 */
	syncWrites?: boolean;
};

export type Change = {sample: string; reviewer: string; verdict: Verdict | null; categories?: string[]; note?: string; resolution?: boolean; blind?: boolean; reasons?: string[]; rule?: string; hash?: string; replaced?: ReplacedDecision; correction?: Record<string, unknown>};

type Listener = (samples: Set<string>) => void;

/**
 * The decisions of everyone who reviews one dataset, kept in memory for instant look-ups and saved
 * to a lowdb file shared between processes. Writes are coalesced and never dropped: a failed write
 * keeps the changes in memory and is retried. A write sends only the changed records to the
 * adapter, which merges them into the file without re-reading or re-serializing what did not
 * change; what other processes wrote comes back as the records that changed. So a key press costs
 * the same with 100 or 100,000 decisions in the file.
 */
export class DecisionStore {
	static async open(path: string, datasetName: string, options: StoreOptions = {}): Promise<DecisionStore> {
		const adapter = new LockedMergeAdapter(path, datasetName, options);
		const db = new Low<DecisionsFile>(adapter, emptyDecisionsFile(datasetName));
		await db.read();
		const store = new DecisionStore(path, db, adapter, options);
		for (const record of db.data.decisions) store.merge(record);
		// The records live in the store's index from here on; lowdb's copy would only pin old ones.
		db.data.decisions = [];
		return store;
	}

	/**
	 * A store on another backend (the PostgreSQL one): `name` stands for the place in messages (a
	 * URL with its password masked), as the file's path does.
	 */
	static async openWith(name: string, backend: DecisionBackend, options: StoreOptions = {}): Promise<DecisionStore> {
		const store = new DecisionStore(name, undefined, backend, options);
		for (const record of await backend.readAll() ?? []) store.merge(record);
		return store;
	}

	readonly status: SaveStatus = {unsaved: 0};
	/** Every reviewer's current record, by sample: the record itself when there is one (most samples), else an array. */
	private readonly bySample = new Map<string, DecisionRecord | DecisionRecord[]>();
	private count = 0;
	/** Changes not on disk yet: sample and reviewer (recordKey). */
	private readonly pending = new Map<string, DecisionRecord>();
	private readonly listeners = new Set<Listener>();
	private lastAt = 0;
	private timer: NodeJS.Timeout | undefined;
	/** When the timer should fire. */
	private dueAt: number | undefined;
	private writing: Promise<void> | undefined;
	private watching = false;
	private unwatch: (() => void) | undefined;
	private closed = false;

	private readonly watcher = (current: Stats, previous: Stats) => {
		if (current.mtimeMs !== previous.mtimeMs || current.size !== previous.size) void this.reload();
	};

	private constructor(readonly path: string, private readonly db: Low<DecisionsFile> | undefined, private readonly adapter: DecisionBackend, private readonly options: StoreOptions) {}

	get size(): number {
		return this.count;
	}

	/** The review mode stored in the decisions file (undefined: a new file, or one from before modes). */
	get mode(): ReviewMode | undefined {
		return this.adapter.mode;
	}

	/** Stores `mode` in the decisions file if it has none yet, with the next write. */
	adoptMode(mode: ReviewMode) {
		this.adapter.defaultMode = mode;
	}

	get(sample: string, reviewer: string): DecisionRecord | undefined {
		const held = this.bySample.get(sample);
		if (!held) return undefined;
		if (!Array.isArray(held)) return held.reviewer === reviewer ? held : undefined;
		for (const record of held) if (record.reviewer === reviewer) return record;
		return undefined;
	}

	/** Whether anyone has a record on this sample (cheaper than forSample(sample).length > 0). */
	hasSample(sample: string): boolean {
		return this.bySample.has(sample);
	}

	/** Every reviewer's current record for a sample. */
	forSample(sample: string): DecisionRecord[] {
		const held = this.bySample.get(sample);
		if (!held) return [];
		return Array.isArray(held) ? held.slice() : [held];
	}

	* all(): IterableIterator<DecisionRecord> {
		for (const held of this.bySample.values()) {
			if (Array.isArray(held)) yield * held;
			else yield held;
		}
	}

	onChange(listener: Listener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** Records a change now (in memory) and schedules its write; returns the stored record. */
	set(change: Change): DecisionRecord {
		const key = recordKey(change.sample, change.reviewer);
		const record: DecisionRecord = {
			sample: change.sample,
			reviewer: change.reviewer,
			verdict: change.verdict,
			categories: change.categories ?? [],
			note: change.note ?? '',
			at: this.nextTime(this.get(change.sample, change.reviewer)?.at),
		};
		if (change.resolution) record.resolution = true;
		if (change.blind) record.blind = true;
		if (change.reasons && change.reasons.length > 0) record.reasons = change.reasons;
		if (change.rule !== undefined) record.rule = change.rule;
		if (change.hash !== undefined) record.hash = change.hash;
		if (change.replaced) record.replaced = change.replaced;
		if (change.correction) record.correction = change.correction;
		this.put(record);
		this.pending.set(key, record);
		this.status.unsaved = this.pending.size;
		this.schedule(this.options.writeDelay ?? 25);
		this.emit(new Set([record.sample]));
		return record;
	}

	/** Is this reviewer's latest change to the sample on disk (or was none made here)? */
	isSaved(sample: string, reviewer: string): boolean {
		return !this.pending.has(recordKey(sample, reviewer));
	}

	/**
	 * Brings one sample's records up to the file's newest state now, without waiting for the next
	 * reload: another process may have saved a decision on it a moment ago. Synchronous (a stat, and a
	 * read only when the file changed), for split mode to check a sample before handing it out.
	 * Returns whether the file held anything new on it.
	 */
	catchUpSample(sample: string): boolean {
		const records = this.adapter.peekSample?.(sample);
		if (!records || records.length === 0) return false;
		const changed = new Set<string>();
		for (const record of records) if (this.merge(record)) changed.add(record.sample);
		if (changed.size > 0) this.emit(changed);
		return changed.size > 0;
	}

	/** Writes everything pending now and waits for it; throws if the write fails. */
	async flush(): Promise<void> {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		while (this.writing) {
			await this.writing.catch(() => undefined);
		}

		if (this.pending.size === 0) return;
		try {
			await this.write();
		} catch (error) {
			// The timer was cleared above: keep retrying on our own, as a timed write would.
			this.schedule(this.options.retryDelay ?? 1000);
			throw error;
		}
	}

	startWatching() {
		const interval = this.options.watchInterval ?? 250;
		if (interval <= 0 || this.watching) return;
		this.watching = true;
		if (this.adapter.watch) this.unwatch = this.adapter.watch(() => void this.reload(), interval);
		else watchFile(this.path, {interval, persistent: false}, this.watcher);
	}

	/** Reads what other processes wrote and merges it in; local unsaved changes stay newest-wins. */
	async reload(): Promise<void> {
		try {
			// Only what changed since this process last read or wrote the file (nothing if it did not).
			const changed = await this.adapter.refresh();
			// An error shown from an earlier reload (say the file was briefly broken by hand) is over; a
			// failed write's error stays until the write succeeds (it leaves changes unsaved).
			if (this.status.error !== undefined && this.pending.size === 0) {
				this.status.error = undefined;
				if (changed.length === 0) this.emit(new Set());
			}

			if (changed.length > 0) this.absorb(changed);
		} catch (error) {
			this.status.error = (error as Error).message;
			this.emit(new Set());
		}
	}

	close() {
		this.closed = true;
		if (this.timer) clearTimeout(this.timer);
		// Only this store's listener: another store in this process may watch the same file.
		if (this.watching && !this.unwatch) unwatchFile(this.path, this.watcher);
		this.unwatch?.();
		this.watching = false;
		this.adapter.close?.();
	}

	/** Samples with changes not saved yet (a lease on them is kept until they are). */
	unsavedSamples(): Set<string> {
		const samples = new Set<string>();
		for (const record of this.pending.values()) samples.add(record.sample);
		return samples;
	}

	private schedule(delay: number) {
		if (this.closed) return;
		if (this.timer) {
			// A busy event loop (keys arriving faster than the screen draws) runs timers late: with
			// synchronous writes, a change made after the write fell due starts it from here.
			if (this.options.syncWrites && !this.writing && this.dueAt !== undefined && Date.now() >= this.dueAt) this.writeNow(delay);
			return;
		}

		this.dueAt = Date.now() + delay;
		this.timer = setTimeout(() => {
			this.writeNow(delay);
		}, delay);
	}

	private writeNow(delay: number) {
		clearTimeout(this.timer);
		this.timer = undefined;
		this.dueAt = undefined;
		if (this.writing) {
			this.schedule(delay);
			return;
		}

		this.write().catch(() => {
			this.schedule(this.options.retryDelay ?? 1000);
		});
	}

	private async write(): Promise<void> {
		let saving = new Map(this.pending);
		const run = (async () => {
			let incoming: DecisionRecord[];
			try {
				// What is pending when the write starts (it may wait for a read in flight, or for the
				// rest of a burst of keys): all of it goes.
				incoming = await this.adapter.writeChanges(() => {
					saving = new Map(this.pending);
					return [...saving.values()];
				}, this.options.syncWrites);
			} catch (error) {
				this.status.error = error instanceof DecisionsFileError ? error.message : `${this.path} cannot be written (${(error as Error).message}); decisions are kept in memory and will be retried.`;
				this.emit(new Set());
				throw error;
			}

			for (const [key, record] of saving) {
				if (this.pending.get(key) === record) this.pending.delete(key);
			}

			this.status.unsaved = this.pending.size;
			this.status.error = undefined;
			this.status.lastSavedAt = Date.now();
			this.absorb(incoming);
		})();
		this.writing = run;
		try {
			await run;
		} finally {
			this.writing = undefined;
		}
	}

	/** Merges records read from the file; tells listeners which samples changed (none: just the save status). */
	private absorb(records: DecisionRecord[]) {
		const samples = new Set<string>();
		for (const record of records) {
			if (this.merge(record)) samples.add(record.sample);
		}

		this.emit(samples);
	}

	/** Newest wins, as mergeRecords; true if the record replaced what was held. */
	private merge(record: DecisionRecord): boolean {
		const current = this.get(record.sample, record.reviewer);
		if (current && newer(current, record) === current) return false;
		this.put(record);
		return true;
	}

	/** Holds `record` as its reviewer's current record on its sample. */
	private put(record: DecisionRecord) {
		const held = this.bySample.get(record.sample);
		if (!held || (!Array.isArray(held) && held.reviewer === record.reviewer)) {
			// Most samples have one reviewer's record: held as itself, not in an array.
			if (!held) this.count++;
			this.bySample.set(record.sample, record);
			return;
		}

		const records = Array.isArray(held) ? held : [held];
		if (records !== held) this.bySample.set(record.sample, records);
		const i = records.findIndex(other => other.reviewer === record.reviewer);
		if (i === -1) {
			records.push(record);
			this.count++;
		} else {
			records[i] = record;
		}
	}

	private emit(samples: Set<string>) {
		for (const listener of this.listeners) listener(samples);
	}

	/**
	 * Strictly increasing within this process, and later than the record being replaced (which may
	 * come from another process or an earlier session in the same millisecond, or from a clock that
	 * is ahead), so an undo or a change is always newer than what it replaces.
	 */
	private nextTime(replacing?: string): string {
		const previous = replacing === undefined ? Number.NaN : Date.parse(replacing);
		this.lastAt = Math.max(Date.now(), this.lastAt + 1, Number.isFinite(previous) ? previous + 1 : 0);
		return new Date(this.lastAt).toISOString();
	}
}

export {DecisionsFileError};
