import {unwatchFile, watchFile, type Stats} from 'node:fs';
import {Low, type Adapter} from 'lowdb';
import {BackendAdapter} from './backend-adapter.js';
import {DecisionsFileError} from './errors.js';
import type {DecisionTable} from './decision-table.js';
import {LockedMergeAdapter, type LockOptions} from './locked-merge-adapter.js';
import type {DecisionBackend} from './decision-backend.js';
import {recordKey, type DecisionRecord, type ReplacedDecision, type ReviewMode, type Verdict} from './schema.js';

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
	/**
	 * Open before a big decisions file is read whole, when it is being read on a worker thread
	 * (table-preload.ts): the store holds none of its records until `reading` turns false (onRead);
	 * writes wait for the read. The review screen turns this on, so its first frame does not wait.
	 */
	background?: boolean;
};

export type Change = {sample: string; reviewer: string; verdict: Verdict | null; categories?: string[]; note?: string; resolution?: boolean; blind?: boolean; reasons?: string[]; rule?: string; hash?: string; replaced?: ReplacedDecision; correction?: Record<string, unknown>};

type Listener = (samples: Set<string>) => void;

/** What the store needs of its lowdb adapter beyond read and write (the file's, or BackendAdapter). */
type StoreAdapter = Adapter<DecisionTable> & {
	readonly table: DecisionTable;
	readonly mode: ReviewMode | undefined;
	defaultMode: ReviewMode | undefined;
	readonly reading?: boolean;
	readFraction?(): number;
	readInBackground?(): Promise<void> | undefined;
	peekSample(sample: string): DecisionRecord[] | undefined;
	holdsNoRecordOf?(sample: string): boolean | undefined;
	lookForRecordsOf?(sample: string): Promise<void>;
	writeAtOnce?(key: string): void;
	writeSync?(table: DecisionTable): boolean;
	watch?(changed: () => void, interval: number): (() => void) | undefined;
	close?(): void;
};

/**
 * The decisions of everyone who reviews one dataset, through a lowdb `Low` whose data is a
 * DecisionTable (compact, in memory, for instant look-ups) and whose adapter is the shared file's
 * (LockedMergeAdapter: locking, re-reading what others wrote, merging newest-wins, appending only
 * what changed) or the database's (BackendAdapter). A change goes into the table at once and waits
 * in table.pending; writes are coalesced (db.write()) and never dropped: a failed write keeps the
 * changes and is retried. Others' writes come in through db.read(). A key press costs the same with
 * 100 or 1,000,000 decisions in the file.
 */
export class DecisionStore {
	static async open(path: string, datasetName: string, options: StoreOptions = {}): Promise<DecisionStore> {
		return DecisionStore.start(path, new LockedMergeAdapter(path, datasetName, options), options);
	}

	/**
	 * A store on another backend (the PostgreSQL one): `name` stands for the place in messages (a
	 * URL with its password masked), as the file's path does.
	 */
	static async openWith(name: string, backend: DecisionBackend, options: StoreOptions = {}): Promise<DecisionStore> {
		return DecisionStore.start(name, new BackendAdapter(backend, options.syncWrites), options);
	}

	private static async start(name: string, adapter: StoreAdapter, options: StoreOptions): Promise<DecisionStore> {
		const db = new Low<DecisionTable>(adapter, adapter.table);
		const background = options.background ? adapter.readInBackground?.() : undefined;
		if (!background) await db.read();
		const store = new DecisionStore(name, db, adapter, options);
		if (background) store.finishReading(background);
		return store;
	}

	readonly status: SaveStatus = {unsaved: 0};
	private readonly listeners = new Set<Listener>();
	private readonly readListeners = new Set<() => void>();
	private lastAt = 0;
	private timer: NodeJS.Timeout | undefined;
	/** When the timer should fire. */
	private dueAt: number | undefined;
	private writing: Promise<void> | undefined;
	private watching = false;
	private unwatch: (() => void) | undefined;
	private closed = false;
	/** writeAtOnceDuring's stretches going on. */
	private busyStretches = 0;
	/** A write is queued for the end of the current task (writeAfterThisTask). */
	private writeQueued = false;

	private readonly watcher = (current: Stats, previous: Stats) => {
		if (current.mtimeMs !== previous.mtimeMs || current.size !== previous.size) void this.reload();
	};

	private constructor(readonly path: string, private readonly db: Low<DecisionTable>, private readonly adapter: StoreAdapter, private readonly options: StoreOptions) {}

	get size(): number {
		return this.db.data.size;
	}

	/**
	 * The file is still being read in the background (StoreOptions.background): the store holds
	 * none of its records yet, only changes made here since it opened.
	 */
	get reading(): boolean {
		return this.adapter.reading === true;
	}

	/** How much of the file the background read has done (0–1). */
	readFraction(): number {
		return this.adapter.readFraction?.() ?? 1;
	}

	/** Called once the background read is over (the table holds the file's records, or the read failed: status.error says why). */
	onRead(listener: () => void): () => void {
		this.readListeners.add(listener);
		return () => this.readListeners.delete(listener);
	}

	/** The review mode stored in the decisions file (undefined: a new file, or one from before modes). */
	get mode(): ReviewMode | undefined {
		return this.adapter.mode;
	}

	/** Stores `mode` in the decisions file if it has none yet, with the next write. */
	adoptMode(mode: ReviewMode) {
		this.adapter.defaultMode = mode;
	}

	/** The records in their compact form (read-only use: the review's counts read its columns). */
	get table(): DecisionTable {
		return this.db.data;
	}

	get(sample: string, reviewer: string): DecisionRecord | undefined {
		return this.db.data.get(sample, reviewer);
	}

	/** Whether anyone has a record on this sample (cheaper than forSample(sample).length > 0). */
	hasSample(sample: string): boolean {
		return this.db.data.hasSample(sample);
	}

	/** Every reviewer's current record for a sample. */
	forSample(sample: string): DecisionRecord[] {
		return this.db.data.forSample(sample);
	}

	all(): IterableIterator<DecisionRecord> {
		return this.db.data.all();
	}

	/** Every sample anyone has a record on, once each (cheaper than all(): no record objects). */
	samples(): IterableIterator<string> {
		return this.db.data.samples();
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
		this.db.data.put(record);
		this.db.data.pending.set(key, record);
		this.status.unsaved = this.db.data.pending.size;
		this.schedule(this.options.writeDelay ?? 25);
		if (this.busyStretches > 0) this.writeAfterThisTask();
		this.emit(new Set([record.sample]));
		return record;
	}

	/**
	 * While the file is read in the background: whether it holds no record of `sample` at all (read
	 * through without parsing, about 0.1 s for a million decisions). False when it does, or when
	 * that cannot be told, or when nothing is being read (ask the store itself then).
	 */
	holdsNoRecordOf(sample: string): boolean {
		if (!this.reading) return false;
		return this.adapter.holdsNoRecordOf?.(sample) === true;
	}

	/** Starts holdsNoRecordOf's look for `sample` in the background, while the file is read (the sample a key may decide next). */
	lookForRecordsOf(sample: string) {
		if (this.reading) void this.adapter.lookForRecordsOf?.(sample);
	}

	/**
	 * Records a change on a sample the decisions file holds no record of (holdsNoRecordOf said so)
	 * and writes it at once, even while the file is still read in the background: it replaces
	 * nothing there, so it needs none of the file's records to be written (the read takes it in as
	 * any line appended meanwhile), starting now. Otherwise the same as set.
	 */
	setOnNewSample(change: Change): DecisionRecord {
		if (!this.reading) return this.set(change);
		this.adapter.writeAtOnce?.(recordKey(change.sample, change.reviewer));
		const record = this.set(change);
		// Not after writeDelay: a timer is late on an event loop busy with the first frames.
		this.writeNow(this.options.writeDelay ?? 25);
		return record;
	}

	/**
	 * For a stretch in which the screen's thread may be taken for a while at any moment (code being
	 * loaded and compiled, a big message taken in): what is pending is written now, and until
	 * `stretch` settles the changes made are written at the end of the task that made them (a key,
	 * or a burst of keys handled in one go), not gathered for a write after writeDelay, which would
	 * wait behind whatever takes the thread next. Synchronously where the store can (syncWrites).
	 */
	async writeAtOnceDuring<T>(stretch: Promise<T>): Promise<T> {
		this.busyStretches++;
		this.writePendingNow();
		try {
			return await stretch;
		} finally {
			this.busyStretches--;
		}
	}

	/**
	 * Writes what is pending now, synchronously where the store can (StoreOptions.syncWrites): called
	 * just before the screen's thread does a long piece of work, which a write timer would wait behind.
	 */
	writePendingNow() {
		if (this.db.data.pending.size > 0 && !this.closed) this.writeNow(this.options.writeDelay ?? 25);
	}

	/** Is this reviewer's latest change to the sample on disk (or was none made here)? */
	isSaved(sample: string, reviewer: string): boolean {
		return !this.db.data.pending.has(recordKey(sample, reviewer));
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
		for (const record of records) if (this.db.data.merge(record)) changed.add(record.sample);
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

		if (this.db.data.pending.size === 0) return;
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
		this.unwatch = this.adapter.watch?.(() => void this.reload(), interval);
		if (!this.unwatch) watchFile(this.path, {interval, persistent: false}, this.watcher);
	}

	/** Reads what other processes wrote and merges it in; local unsaved changes stay newest-wins. */
	async reload(): Promise<void> {
		try {
			// Only what changed since this process last read or wrote the file (nothing if it did not).
			await this.db.read();
			const changed = this.takeChanged();
			// An error shown from an earlier reload (say the file was briefly broken by hand) is over; a
			// failed write's error stays until the write succeeds (it leaves changes unsaved).
			if (this.status.error !== undefined && this.db.data.pending.size === 0) {
				this.status.error = undefined;
				if (changed.size === 0) this.emit(changed);
			}

			if (changed.size > 0) this.emit(changed);
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
		for (const record of this.db.data.pending.values()) samples.add(record.sample);
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

	/** A write once the current task is over (its microtasks run before any other task). */
	private writeAfterThisTask() {
		if (this.writeQueued) return;
		this.writeQueued = true;
		queueMicrotask(() => {
			this.writeQueued = false;
			this.writePendingNow();
		});
	}

	private writeNow(delay: number) {
		clearTimeout(this.timer);
		this.timer = undefined;
		this.dueAt = undefined;
		if (this.writing) {
			this.schedule(delay);
			return;
		}

		if (this.options.syncWrites && this.writeSynchronously()) return;
		this.write().catch(() => {
			this.schedule(this.options.retryDelay ?? 1000);
		});
	}

	/**
	 * The write done synchronously, where the adapter can (see LockedMergeAdapter.writeSync): from
	 * inside a burst of keys the screen handles in one go, an asynchronous write would only start once
	 * the burst is over. False when it could not (nothing was written): then the asynchronous write.
	 */
	private writeSynchronously(): boolean {
		try {
			if (this.adapter.writeSync?.(this.db.data) !== true) return false;
		} catch (error) {
			this.failed(error);
			this.schedule(this.options.retryDelay ?? 1000);
			return true;
		}

		this.saved();
		return true;
	}

	private async write(): Promise<void> {
		const run = (async () => {
			try {
				// Whatever is pending when the write starts (it may wait for the lock, or for the rest of
				// a burst of keys) goes.
				await this.db.write();
			} catch (error) {
				this.failed(error);
				throw error;
			}

			this.saved();
		})();
		this.writing = run;
		try {
			await run;
		} finally {
			this.writing = undefined;
		}
	}

	private failed(error: unknown) {
		this.status.error = error instanceof DecisionsFileError ? error.message : `${this.path} cannot be written (${(error as Error).message}); decisions are kept in memory and will be retried.`;
		this.emit(this.takeChanged());
	}

	private saved() {
		this.status.unsaved = this.db.data.pending.size;
		this.status.error = undefined;
		this.status.lastSavedAt = Date.now();
		this.emit(this.takeChanged());
	}

	private finishReading(background: Promise<void>) {
		background.catch((error: unknown) => {
			this.status.error = (error as Error).message;
		}).finally(() => {
			if (this.closed) return;
			for (const listener of this.readListeners) listener();
			this.emit(new Set());
		});
	}

	/** The samples whose records others' writes changed since last asked. */
	private takeChanged(): Set<string> {
		const changed = new Set(this.db.data.changed);
		this.db.data.changed.clear();
		return changed;
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
