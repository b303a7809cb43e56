import {randomBytes} from 'node:crypto';
import {open, rename, rm, stat, type FileHandle} from 'node:fs/promises';
import {closeSync, existsSync, fchmodSync, fchownSync, fdatasyncSync, fstatSync, fsyncSync, ftruncateSync, lstatSync, openSync, readFileSync, readlinkSync, readSync, renameSync, rmSync, statSync, writeFileSync, writeSync, type Stats} from 'node:fs';
import {basename, dirname, join, resolve} from 'node:path';
import {lock, lockSync} from 'proper-lockfile';
import type {Adapter} from 'lowdb';
import {DecisionsFileError, fileProblem} from './errors.js';
import {canonicalPath} from './canonical-path.js';
import {DecisionTable} from './decision-table.js';
import {forEachLineFrom} from './decisions-layout.js';
import {changingEnd, readTableLines, reserveForFile, type LinesRead} from './table-reader.js';
import {takePreloaded, type PreloadMessage} from './table-preload.js';
import {tailPattern} from './decisions-layout.js';
import {parseDecisionsFile, serializeDecisionsFile} from './decisions-file.js';
import {removeLeftoverTemporaries, temporaryName} from './leftover-temporaries.js';
import {breakDeadLock, holderFs, removeLockLeftovers, stagingFolder} from './lock-holder.js';
import {newer} from './merge.js';
import {recordLinesOfSample, recordsOfSample} from './sample-peek.js';
import {emptyDecisionsFile, schemaVersion, type DecisionRecord, type DecisionsFile, type ReviewMode} from './schema.js';

/**
 * A lock older than this is taken to belong to a dead process (ms). proper-lockfile's default is
 * 10 s: a reviewer whose partner's process was SIGKILLed while writing would wait that long. A live
 * holder refreshes its lock every lockUpdate ms, so 5 s still leaves it 4 s of stall; and a holder that
 * stalls longer cannot overwrite the other's write anyway (see the checks before writing).
 */
export const defaultLockStale = 5000;
const lockUpdate = 1000;

/** The lock beside the file the path really names: one lock, whichever link a process came by. */
export function lockPath(path: string): string {
	return `${canonicalPath(path)}.lock`;
}

export type LockOptions = {
	/** The file read into a table on a worker thread (table-preload.ts); by default the one prepareDecisions started for this file, if any. */
	preloaded?: Promise<PreloadMessage>;
	/** How much of the file the worker has read (0–1), with `preloaded`. */
	preloadedFraction?: () => number;
	/** How long to keep trying for the lock before giving up on this write (ms). */
	timeout?: number;
	/** A lock older than this is taken to belong to a dead process (ms). */
	stale?: number;
};

/** How far a look for one sample's records got: to `to` in the file (inode, birth time, size) it looked at. */
type RecordScan = {sample: string; needle: Buffer; ino: number; birthtimeMs: number; size: number; to: number; places: number; found?: 'yes' | 'no' | 'unknown'};

const scanChunk = 8 * 1024 * 1024;

/** What winnow writes after the last record line (the tail an append replaces). */
const plainTail = '\n]\n}\n';

/** The decisions file as this process last read or wrote it. */
type FileState = {
	stat: Stats;
	/** Where the tail starts: the line feed after the last record line. */
	tailStart: number;
	/** Record lines in the file (a sample and reviewer may have several: the newest wins). */
	lines: number;
	/** In winnow's layout with at least one record line: new records are appended in place. */
	appendable: boolean;
	/** The mode is written after the records (a file whose head has none). */
	modeInTail?: boolean;
	/**
	 * The bytes just before the tail (the end of the last record line): a file that only grew by an
	 * append still has them there. Checked with the inode and birth time, which a new file that got
	 * the inode number of a deleted one (or an edit in place) would not pass all of.
	 */
	mark?: Buffer;
};

const markLength = 32;

/** Up to this many bytes (of text) a whole-file write is made synchronously. */
const syncRewriteLimit = 1024 * 1024;

type HeldLock = {release: () => void; lost: () => Error | undefined};

/**
 * The lowdb adapter of the decisions file, shared by several processes; its data is a
 * DecisionTable (decision-table.ts), the store's in-memory index itself.
 * - read() parses the file straight into the table the first time, and after that reads only what
 *   other processes appended since (nothing when the file's stat is the one last read or written),
 *   merged newest-wins.
 * - write(table) takes the file's lock, catches up the same way, and appends the table's pending
 *   records in place of the file's tail (`\n]\n}\n`) with one write and an fdatasync: the file stays
 *   one JSON document (a stock lowdb JSONFile reads it), and a key press costs the same with 100 or
 *   1,000,000 decisions in the file. A sample and reviewer decided again get a newer line; every
 *   reader keeps the newest. A file whose head has no mode (from before modes) gets the session's
 *   between `]` and `}`. A file in any other layout (hand-edited, pretty-printed) or a missing one is
 *   written whole instead, atomically (temporary file, fsync, rename).
 * The lock is proper-lockfile's, taken synchronously when it is free (no turn of a busy event loop
 * between a key and the disk), else waited for.
 */
export class LockedMergeAdapter implements Adapter<DecisionTable> {
	readonly table = new DecisionTable();
	/** The mode written into a file that has none yet (set by the session that opens it). */
	defaultMode: ReviewMode | undefined;
	private file: FileState | undefined;
	private head: Pick<DecisionsFile, 'dataset' | 'createdAt' | 'mode' | 'other'>;
	private loaded = false;
	/** The first read's table, being read on a worker thread (see table-preload.ts). */
	private preloaded: Promise<PreloadMessage> | undefined;
	private readonly preloadedFraction: (() => number) | undefined;
	/** The first read going on after the store opened (readInBackground), until it ends. */
	private background: Promise<void> | undefined;
	/** Reads and writes, one at a time. */
	private queue: Promise<unknown> = Promise.resolve();
	/** Reads and writes queued or in flight (writeSync waits for none). */
	private running = 0;
	/**
	 * Pending records (by recordKey) written at once even while the first read goes on in the
	 * background (writeAtOnce): decisions on samples the file held no record of.
	 */
	private readonly atOnce = new Set<string>();
	/** How far holdsNoRecordOf (and lookForRecordsOf) looked through the file for one sample's id. */
	private scan: RecordScan | undefined;

	/**
	 * The file the path named when this adapter was made. Every read and write checks that the path
	 * still leads there: a peer who swaps the shared file for a link (to one of our own files) must
	 * not get our decisions written through it.
	 */
	private readonly target: string;

	constructor(readonly path: string, readonly datasetName: string, readonly options: LockOptions = {}) {
		refuseForeignLinks(path);
		this.target = canonicalPath(path);
		const taken = options.preloaded ? undefined : takePreloaded(this.target);
		this.preloaded = options.preloaded ?? taken?.table;
		this.preloadedFraction = options.preloaded ? options.preloadedFraction : taken?.fraction;
		this.head = {dataset: datasetName, createdAt: emptyDecisionsFile(datasetName).createdAt};
	}

	/** The mode the file was created with, as last read (undefined: none yet, or no file). */
	get mode(): ReviewMode | undefined {
		return this.head.mode;
	}

	/** The first read goes on in the background (readInBackground): the table holds none of the file's records yet. */
	get reading(): boolean {
		return this.background !== undefined;
	}

	/** How much of the file the background read has read (0–1). */
	readFraction(): number {
		return this.preloadedFraction?.() ?? 0;
	}

	/**
	 * Starts the first read without waiting for it, when the file is being read on a worker thread
	 * (a million decisions take a second or more): the file's head and tail are read now (its dataset
	 * checked, its mode known), the table comes when the worker is done, and every read or write
	 * waits for it (they take turns with it). Returns the read, or undefined when there is nothing to
	 * read in the background (no worker, or a head or tail not in winnow's layout): then read().
	 */
	readInBackground(): Promise<void> | undefined {
		if (this.loaded || !this.preloaded || this.background) return undefined;
		const file = this.headAndTail();
		if (!file) return undefined;
		this.takeHead(file);
		const background = this.read().then(() => undefined).finally(() => {
			this.background = undefined;
			this.atOnce.clear();
		});
		this.background = background;
		return background;
	}

	/** The file's head and tail parsed as a file of no records (its dataset and mode checked); undefined if they are not winnow's layout. */
	private headAndTail(): DecisionsFile | undefined {
		let fd: number;
		try {
			fd = openSync(this.pinnedTarget(), 'r');
		} catch {
			return undefined;
		}

		try {
			const {size} = fstatSync(fd);
			const start = Buffer.alloc(Math.min(size, 64 * 1024));
			const startRead = readSync(fd, start, 0, start.length, 0);
			const open = start.subarray(0, startRead).indexOf('"decisions": [\n');
			if (open === -1) return undefined;
			const end = Buffer.alloc(Math.min(size, 128));
			const endRead = readSync(fd, end, 0, end.length, size - end.length);
			const tailText = end.toString('latin1', 0, endRead);
			const lineEnd = tailText.lastIndexOf('\n]');
			const tail = lineEnd === -1 ? '' : tailText.slice(lineEnd + 1);
			if (!tailPattern.test(tail)) return undefined;
			// The head's errors (another dataset, a newer schema) are the same with or without the records.
			return parseDecisionsFile(`${start.toString('utf8', 0, open + '"decisions": ['.length)}${tail}`, this.path, this.datasetName);
		} catch (error) {
			if (error instanceof DecisionsFileError) throw error;
			return undefined;
		} finally {
			closeSync(fd);
		}
	}

	/**
	 * The whole file the first time; then what other processes wrote since this adapter last read or
	 * wrote it (samples whose records changed go into table.changed).
	 */
	async read(): Promise<DecisionTable> {
		if (this.loaded && this.file && sameFile(this.file.stat, statTargetSync(this.path, this.pinnedTarget()))) return this.table;
		return this.exclusive(async () => {
			if (!this.loaded) {
				removeLeftoverTemporaries(this.pinnedTarget());
				removeLockLeftovers(`${this.pinnedTarget()}.lock`);
			}

			await this.catchUp(await this.statTarget(), false);
			this.loaded = true;
			return this.table;
		});
	}

	/**
	 * Writes the table's pending records under the file's lock, after catching up with what others
	 * wrote (a pending record that another process's newer one beats is not written). Saved records
	 * leave table.pending; a failure throws a DecisionsFileError and leaves them there.
	 */
	async write(table: DecisionTable): Promise<void> {
		if (this.background && this.atOnce.size > 0) {
			await this.appendWhileReading(table);
			if (table.pending.size === 0) return;
		}

		return this.exclusive(async () => {
			const held = await this.takeLock();
			try {
				const target = this.pinnedTarget();
				await this.catchUp(statTargetSync(this.path, target), true);
				this.loaded = true;
				const whole = this.appendPending(table, target, held);
				if (whole) {
					this.rewritten(whole.plan, target, await this.replace(whole.plan, target, false));
					forgetSaved(table, whole.saving);
				}
			} finally {
				held.release();
			}
		});
	}

	/**
	 * write(), all of it synchronous, when it can be: nothing else read or written in flight, the lock
	 * free, the file as last read or only appended to since, a new whole file no bigger than
	 * syncRewriteLimit. For a store written in the middle of a burst of keys, which the screen handles
	 * in one go: an asynchronous write would not start before the burst is over (a second, with a
	 * busy screen), and the decisions made before it would wait off the disk all that time. Returns
	 * false, having written nothing, when it cannot: then write(). Throws as write() does.
	 */
	writeSync(table: DecisionTable): boolean {
		if (this.running > 0 || this.background || (!this.loaded && this.preloaded)) return false;
		const held = this.lockNow();
		if (!held) return false;
		try {
			const target = this.pinnedTarget();
			if (!this.catchUpSync(statTargetSync(this.path, target))) return false;
			this.loaded = true;
			const whole = this.appendPending(table, target, held);
			if (whole) {
				const written = this.replace(whole.plan, target, true);
				if (written === undefined) return false;
				this.rewritten(whole.plan, target, written);
				forgetSaved(table, whole.saving);
			}

			return true;
		} finally {
			held.release();
		}
	}

	/**
	 * Under the lock, caught up: appends the pending records in place of the file's tail, or, when
	 * the file is not one to append to, returns the whole file's plan for the caller to write
	 * (synchronously or not) with the records it saves.
	 */
	private appendPending(table: DecisionTable, target: string, held: HeldLock): {plan: RewritePlan; saving: Map<string, DecisionRecord>} | undefined {
		const saving = new Map(table.pending);
		const records = this.toWrite(table, saving);
		if (!this.file?.appendable) return {plan: this.rewritePlan(target, held), saving};
		if (records.length > 0) this.append(target, records, held);
		forgetSaved(table, saving);
		return undefined;
	}

	/** Of the pending records being saved, those to write: the ones no newer record the file holds beats. */
	private toWrite(table: DecisionTable, saving: Map<string, DecisionRecord>): DecisionRecord[] {
		const records: DecisionRecord[] = [];
		for (const record of saving.values()) {
			const current = table.get(record.sample, record.reviewer);
			if (current && current.at >= record.at && newer(current, record) !== record && JSON.stringify(current) !== JSON.stringify(record)) continue;
			records.push(record);
		}

		return records;
	}

	/** catchUp's cases that need no read of the whole file; false when it would need one. */
	private catchUpSync(current: Stats | undefined): boolean {
		if (!current) {
			this.file = undefined;
			return true;
		}

		if (!this.file) return false;
		return sameFile(this.file.stat, current) || this.readAppended(this.file, current, this.loaded ? this.table.changed : undefined);
	}

	/**
	 * Lets the pending record of `key` (recordKey) be written while the first read goes on in the
	 * background, before the table holds the file's records: for a record on a sample the file holds
	 * no record of (holdsNoRecordOf), which then replaces nothing and is judged against nothing.
	 */
	writeAtOnce(key: string) {
		if (this.background) this.atOnce.add(key);
	}

	/**
	 * Whether the file, as it is now, holds no record of `sample` (nobody's): read through without
	 * parsing, synchronously (about 0.1 s for a million decisions; an asynchronous read would wait a
	 * turn of a busy event loop for each chunk), from where lookForRecordsOf got to, if it looked
	 * for this sample. Undefined when it cannot tell (the file cannot be read, or the id is in it too
	 * often to check each place). A writer other than winnow that escapes characters JSON.stringify
	 * leaves as they are would escape a match: winnow's own files are written as JSON.stringify writes.
	 */
	holdsNoRecordOf(sample: string): boolean | undefined {
		let fd: number | undefined;
		try {
			fd = openSync(this.pinnedTarget(), 'r');
			const scan = this.scanOf(sample, fstatSync(fd));
			const buffer = Buffer.allocUnsafe(scanChunk);
			while (scan.found === undefined) {
				const at = scan.to;
				this.scanned(scan, at, buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, at)));
			}

			return scan.found === 'no' ? true : scan.found === 'yes' ? false : undefined;
		} catch {
			return undefined;
		} finally {
			if (fd !== undefined) closeSync(fd);
		}
	}

	/**
	 * Starts holdsNoRecordOf's look through the file for `sample` in the background (asynchronous
	 * reads, a chunk a turn), for the sample the review screen shows while the file is read: a key
	 * then only has what is left (or what was appended since) to look through.
	 */
	async lookForRecordsOf(sample: string): Promise<void> {
		let handle: FileHandle | undefined;
		try {
			handle = await open(this.pinnedTarget(), 'r');
			const scan = this.scanOf(sample, await handle.stat());
			const buffer = Buffer.allocUnsafe(scanChunk);
			while (scan.found === undefined && this.scan === scan && this.background) {
				const at = scan.to;
				const {bytesRead} = await handle.read(buffer, 0, buffer.length, at);
				// holdsNoRecordOf may have looked further meanwhile.
				if (this.scan !== scan || scan.to !== at) continue;
				this.scanned(scan, at, buffer.subarray(0, bytesRead));
			}
		} catch {} finally {
			await handle?.close().catch(() => undefined);
		}
	}

	/** The look for `sample` in the file (now `stat`), continued where it got to if the file is the one it looked at, or grown since. */
	private scanOf(sample: string, stat: Stats): RecordScan {
		const scan = this.scan;
		if (scan?.sample === sample && scan.ino === stat.ino && scan.birthtimeMs === stat.birthtimeMs && stat.size >= scan.size && scan.found !== 'unknown') {
			if (stat.size > scan.size) {
				// Grown by appends, which write from the old tail on: look at those bytes again, and on.
				scan.to = Math.max(0, Math.min(scan.to, scan.size - changingEnd - scan.needle.length));
				if (scan.found === 'no') scan.found = undefined;
			}

			scan.size = stat.size;
			return scan;
		}

		this.scan = {sample, needle: Buffer.from(JSON.stringify(sample)), ino: stat.ino, birthtimeMs: stat.birthtimeMs, size: stat.size, to: 0, places: 0};
		return this.scan;
	}

	/** Looks through `view`, the file's bytes from `at` (a chunk, or fewer at the end of the file), for the scan's id as a JSON string. */
	private scanned(scan: RecordScan, at: number, view: Buffer) {
		const {needle} = scan;
		// The id as a JSON string anywhere (a sample field, or any string value equal to it: then it
		// says "held", which only makes the caller wait for the read).
		for (let found = view.indexOf(needle); found !== -1; found = view.indexOf(needle, found + 1)) {
			// `\"id"`: an escaped quote inside another string, not the id's string. Too many to check: say so.
			if (found > 0 && view[found - 1] === 0x5c) {
				if (++scan.places > 1000) scan.found = 'unknown';
				continue;
			}

			scan.found = 'yes';
			return;
		}

		if (view.length < scanChunk) {
			scan.found = 'no';
			scan.to = at + view.length;
			return;
		}

		// A match across the chunk's end is found in the next chunk.
		scan.to = at + view.length - needle.length + 1;
	}

	/**
	 * Writes the pending records writeAtOnce allowed, while the first read goes on: appended under
	 * the lock in place of the file's tail as it is now (read from its last bytes), as append does,
	 * without catching up (the table does not hold the file yet; the read takes these lines in, as
	 * any append made while it reads). Leaves the rest pending, and these too if the file's end is
	 * not in winnow's layout any more (the write after the read then says what is wrong).
	 */
	private async appendWhileReading(table: DecisionTable) {
		const records = new Map<string, DecisionRecord>();
		for (const [key, record] of table.pending) if (this.atOnce.has(key)) records.set(key, record);
		if (records.size === 0) return;
		const held = await this.takeLock();
		let fd: number | undefined;
		let tailStart = -1;
		let oldTail: Buffer | undefined;
		try {
			// The read ended while the lock was taken: the ordinary write (caught up) writes them.
			if (!this.background || this.loaded) return;
			const target = this.pinnedTarget();
			fd = openSync(target, 'r+');
			const {size} = fstatSync(fd);
			const end = Buffer.alloc(Math.min(size, changingEnd));
			const endRead = readSync(fd, end, 0, end.length, size - end.length);
			const lineEnd = end.subarray(0, endRead).lastIndexOf('\n]');
			if (lineEnd < 1 || end[lineEnd - 1] !== 0x7d) return;
			const currentTail = end.subarray(lineEnd, endRead);
			if (!tailPattern.test(currentTail.toString('latin1', 1))) return;
			// Checked before the old tail is kept to be put back: a writer that took the lock over may
			// append from that place now, and putting our copy of the tail back would cut its lines off.
			if (held.lost()) throw this.stalled();
			oldTail = currentTail;
			tailStart = size - end.length + lineEnd;
			// A file whose head and tail have no mode gets the session's after its records, as append gives it.
			const mode = this.head.mode === undefined ? this.defaultMode : undefined;
			const tail = mode === undefined ? oldTail : Buffer.from(`\n],\n"mode": ${JSON.stringify(mode)}\n}\n`);
			const bytes = Buffer.concat([Buffer.from(`,\n${[...records.values()].map(record => JSON.stringify(record)).join(',\n')}`), tail]);
			let written = 0;
			while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written, tailStart + written);
			if (tailStart + bytes.length < size) ftruncateSync(fd, tailStart + bytes.length);
			fdatasyncSync(fd);
			this.head.mode ??= mode;
			for (const [key, record] of records) {
				this.atOnce.delete(key);
				if (table.pending.get(key) === record) table.pending.delete(key);
			}
		} catch (error) {
			if (fd !== undefined && oldTail && tailStart >= 0) {
				try {
					writeSync(fd, oldTail, 0, oldTail.length, tailStart);
					ftruncateSync(fd, tailStart + oldTail.length);
				} catch {}
			}

			throw error instanceof DecisionsFileError ? error : this.cannotWrite(error);
		} finally {
			if (fd !== undefined) closeSync(fd);
			held.release();
		}
	}

	/**
	 * The records the file holds now for one sample, read at once (synchronously) if another process
	 * wrote it since this adapter last read or wrote it: only what was appended, when that is all that
	 * changed. Undefined if nothing changed (or it cannot be read now: the next read says why). Leaves
	 * the table as it is: split mode asks this before handing a sample out.
	 */
	peekSample(sample: string): DecisionRecord[] | undefined {
		// Before the first read the whole file would be read for one sample: the first read says it all soon.
		if (!this.loaded) return undefined;
		try {
			const target = this.pinnedTarget();
			const current = statTargetSync(this.path, target);
			if (!current || (this.file && sameFile(this.file.stat, current))) return undefined;
			const appended = this.file && this.appendedBytes(target, this.file, current);
			if (appended) return recordLinesOfSample(appended.bytes, sample);
			return recordsOfSample(readFileSync(target), sample, this.path, this.datasetName);
		} catch {
			return undefined;
		}
	}

	/** Brings the table up to date with the file, whose stat is `current`. */
	private async catchUp(current: Stats | undefined, locked: boolean): Promise<void> {
		const changed = this.loaded ? this.table.changed : undefined;
		if (!current) {
			// Gone (or never there): what the table holds is written whole on the next write.
			this.file = undefined;
			return;
		}

		if (!this.loaded && this.preloaded) {
			const preloaded = await this.preloaded;
			this.preloaded = undefined;
			if (preloaded) this.adopt(preloaded, current);
		}

		if (this.file && sameFile(this.file.stat, current)) return;
		if (this.file && this.readAppended(this.file, current, changed)) return;
		if (this.file && !this.loaded && !locked) {
			// The rest of a file the worker read, torn by another process appending just then: once
			// more under the lock (which writers hold while they write) before reading the file whole.
			const file = this.file;
			const held = await this.takeLock().catch(() => undefined);
			try {
				if (held && this.readAppended(file, statTargetSync(this.path, this.pinnedTarget()) ?? current, changed)) return;
			} finally {
				held?.release();
			}
		}

		try {
			await this.readWhole(changed);
		} catch (error) {
			// Read while another process was appending (its write is not atomic for a reader): once
			// more under the lock, which writers hold while they write.
			if (locked || !(error instanceof DecisionsFileError)) throw error;
			const held = await this.takeLock();
			try {
				await this.readWhole(changed);
			} finally {
				held.release();
			}
		}
	}

	/**
	 * Takes the table a worker read from the file, if it is this file (now `current`) as it was or
	 * grown since (catchUp reads what was appended): the first read then reads nothing itself.
	 */
	private adopt({stat, read, table}: NonNullable<PreloadMessage>, current: Stats) {
		if (stat.ino !== current.ino || stat.dev !== current.dev || stat.birthtimeMs !== current.birthtimeMs || current.size < stat.size) return;
		let file: DecisionsFile;
		try {
			// Checked as readWhole checks a file it reads (its dataset, its mode): a refusal is then readWhole's to word.
			// A partial read's tail is read with the rest (readAppended); the head alone is checked here.
			file = parseDecisionsFile(`${read.head}${read.partial ? ']}' : read.tail}`, this.path, this.datasetName);
		} catch {
			return;
		}

		// Records the table holds already (a change made while the worker read) are merged back, newest wins.
		const interim = this.table.size > 0 ? [...this.table.all()] : [];
		this.table.adopt(table);
		for (const record of interim) this.table.merge(record);
		this.takeHead(file);
		// A partial read stands as a file that ended at the comma after its last line read: the rest
		// (its last lines, the tail, what was appended since) is read next, as an append is.
		const state = read.partial ? {...stat, size: read.tailStart} as Stats : stat;
		this.setFile({stat: state, tailStart: read.tailStart, lines: read.lines, appendable: true, modeInTail: read.tail.includes('"mode"')});
	}

	/** The bytes appended to the file since `file`, if that is all that changed (same file, grown). */
	private appendedBytes(target: string, file: FileState, current: Stats): {bytes: Buffer; stat: Stats} | undefined {
		const same = (stat: Stats) => stat.ino === file.stat.ino && stat.birthtimeMs === file.stat.birthtimeMs && stat.size > file.stat.size;
		if (!file.appendable || !file.mark || !same(current)) return undefined;
		const fd = openSync(target, 'r');
		try {
			const stat = fstatSync(fd);
			if (!same(stat)) return undefined;
			const from = file.tailStart - file.mark.length;
			const bytes = Buffer.allocUnsafe(stat.size - from);
			let read = 0;
			while (read < bytes.length) {
				const n = readSync(fd, bytes, read, bytes.length - read, from + read);
				if (n === 0) return undefined;
				read += n;
			}

			if (!bytes.subarray(0, file.mark.length).equals(file.mark)) return undefined;
			return {bytes: bytes.subarray(file.mark.length), stat};
		} finally {
			closeSync(fd);
		}
	}

	/** Notes the file's state, with the bytes before its tail (see FileState.mark). */
	private setFile(state: FileState | undefined) {
		this.file = state;
		if (!state?.appendable) return;
		try {
			const fd = openSync(this.target, 'r');
			try {
				const mark = Buffer.alloc(Math.min(markLength, state.tailStart));
				if (readSync(fd, mark, 0, mark.length, state.tailStart - mark.length) === mark.length) state.mark = mark;
			} finally {
				closeSync(fd);
			}
		} catch {}
	}

	/** Merges the lines appended since `file` into the table; false when the file changed otherwise. */
	private readAppended(file: FileState, current: Stats, changed: Set<string> | undefined): boolean {
		let appended: {bytes: Buffer; stat: Stats} | undefined;
		try {
			appended = this.appendedBytes(this.pinnedTarget(), file, current);
		} catch {
			return false;
		}

		if (!appended) return false;
		const {bytes, stat} = appended;
		// `,\n` then record lines and the tail, where the old tail was.
		if (bytes[0] !== 0x2c || bytes[1] !== 0x0a) return false;
		const found = forEachLineFrom(bytes, 2, (start, end) => this.table.mergeLine(bytes, start, end, changed));
		if (!found) return false;
		const modeInTail = bytes.includes('"mode"', found.tailStart);
		if (modeInTail && this.head.mode === undefined) this.head.mode = /"(split|overlap)"/.exec(bytes.toString('latin1', found.tailStart))![1] as ReviewMode;
		this.setFile({stat, tailStart: file.tailStart + found.tailStart, lines: file.lines + found.count, appendable: true, modeInTail});
		return true;
	}

	/**
	 * Reads the whole file into the table (merged newest-wins); throws the one-sentence errors. In
	 * winnow's layout the file is read a few megabytes at a time (table-reader.ts); any other is read
	 * and parsed whole.
	 */
	private async readWhole(changed: Set<string> | undefined): Promise<void> {
		const target = this.pinnedTarget();
		let fd: number;
		try {
			fd = openSync(target, 'r');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
				this.file = undefined;
				return;
			}

			throw readError(this.path, error);
		}

		let stat: Stats;
		let bytes: Buffer;
		try {
			stat = fstatSync(fd);
			let head: DecisionsFile | undefined;
			const headIsGood = (text: string) => {
				try {
					head = parseDecisionsFile(`${text}]}`, this.path, this.datasetName);
				} catch {}

				return head !== undefined;
			};

			if (!this.loaded) reserveForFile(this.table, stat.size);
			let read: LinesRead | undefined;
			try {
				read = readTableLines(fd, this.table, changed, headIsGood);
			} catch (error) {
				throw readError(this.path, error);
			}

			if (read && head) {
				// The head and the tail make a file of no records: checked whole, with a mode in the tail.
				const file = parseDecisionsFile(`${read.head}${read.tail}`, this.path, this.datasetName);
				this.takeHead(file);
				this.setFile({stat, tailStart: read.tailStart, lines: read.lines, appendable: true, modeInTail: read.tail.includes('"mode"')});
				return;
			}

			try {
				bytes = readFileSync(fd);
			} catch (error) {
				throw readError(this.path, error);
			}
		} finally {
			closeSync(fd);
		}

		// Another layout (or a line the quick reading refuses): parsed whole, which also says what is wrong.
		const file = parseDecisionsFile(bytes.toString('utf8'), this.path, this.datasetName);
		for (const record of file.decisions) {
			if (this.table.merge(record)) changed?.add(record.sample);
		}

		this.takeHead(file);
		this.file = {stat, tailStart: 0, lines: file.decisions.length, appendable: false};
	}

	private takeHead(file: DecisionsFile) {
		this.head = {dataset: file.dataset, createdAt: file.createdAt, mode: file.mode, other: file.other};
	}

	/**
	 * Appends record lines in place of the file's tail: one positioned write, then fdatasync. A write
	 * that fails half-way puts the old tail back, so the file stays what it was.
	 */
	private append(target: string, records: DecisionRecord[], held: HeldLock) {
		const file = this.file!;
		// A file whose head has no mode gets it after its records (as the first session's, once).
		const mode = file.modeInTail ? this.head.mode : this.head.mode === undefined ? this.defaultMode : undefined;
		const tail = mode === undefined ? plainTail : `\n],\n"mode": ${JSON.stringify(mode)}\n}\n`;
		const text = `,\n${records.map(record => JSON.stringify(record)).join(',\n')}${tail}`;
		const bytes = Buffer.from(text);
		let fd: number;
		try {
			fd = openSync(target, 'r+');
		} catch (error) {
			throw this.cannotWrite(error);
		}

		let oldTail: Buffer | undefined;
		try {
			const before = fstatSync(fd);
			// Someone wrote without our lock (or took it from us while we stalled): what we caught up
			// with is not the file any more. Give up; the store keeps the records and retries.
			if (held.lost() || !sameFile(before, file.stat)) throw this.stalled();
			oldTail = Buffer.alloc(before.size - file.tailStart);
			readSync(fd, oldTail, 0, oldTail.length, file.tailStart);
			let written = 0;
			while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written, file.tailStart + written);
			if (before.size > file.tailStart + bytes.length) ftruncateSync(fd, file.tailStart + bytes.length);
			fdatasyncSync(fd);
			const after = fstatSync(fd);
			// Another process may have appended since our write (had this one stalled right after it,
			// past the lock's stale time): then the file is not just ours plus what we knew; read it again.
			this.setFile(after.size === file.tailStart + bytes.length && !held.lost()
				? {stat: after, tailStart: file.tailStart + bytes.length - tail.length, lines: file.lines + records.length, appendable: true, modeInTail: mode !== undefined}
				: undefined);
			this.head.mode ??= mode;
		} catch (error) {
			if (oldTail) {
				try {
					writeSync(fd, oldTail, 0, oldTail.length, file.tailStart);
					ftruncateSync(fd, file.tailStart + oldTail.length);
				} catch {}
			}

			// What the file holds now is not known for sure: read it whole next time.
			this.file = undefined;
			throw error instanceof DecisionsFileError ? error : this.cannotWrite(error);
		} finally {
			closeSync(fd);
		}
	}

	/**
	 * Writing the whole table as a new file in winnow's layout, atomically (a new file made, written,
	 * fsynced, then renamed over the old): what to write, and the check made before the rename.
	 */
	private rewritePlan(target: string, held: HeldLock): RewritePlan {
		const before = statTargetSync(this.path, target);
		const decisions = [...this.table.all()];
		const text = serializeDecisionsFile({schema: schemaVersion, ...this.head, mode: this.head.mode ?? this.defaultMode, decisions});
		// The lock is a convention, not a guarantee: a holder stalled past the stale time (SIGSTOP, a
		// suspended VM, a blocked event loop) loses it to the next writer. Then what we are about to
		// write was merged from an old read: renaming it would erase that writer's decisions.
		const check = () => {
			if (held.lost() || !sameFile(before, statTargetSync(this.path, target))) throw this.stalled();
		};

		return {before, decisions: decisions.length, text, check};
	}

	/**
	 * Writes the plan's file; returns the new file's inode. Synchronously up to syncRewriteLimit (a new
	 * decisions file's first write is one of these, and each await waits a whole turn of a busy event
	 * loop); a bigger one asynchronously, or not at all (undefined) when `onlySync`.
	 */
	private replace(plan: RewritePlan, target: string, onlySync: true): number | undefined;
	private replace(plan: RewritePlan, target: string, onlySync: false): number | Promise<number>;
	private replace({text, before, check}: RewritePlan, target: string, onlySync: boolean): number | Promise<number> | undefined {
		const failed = (error: unknown) => {
			const gone = this.lockGone(error, target);
			return gone instanceof DecisionsFileError ? gone : this.cannotWrite(gone);
		};

		if (text.length > syncRewriteLimit) {
			if (onlySync) return undefined;
			return replaceFile(target, text, before, async () => check()).catch((error: unknown) => {
				throw failed(error);
			});
		}

		try {
			return replaceFileSync(target, text, before, check);
		} catch (error) {
			throw failed(error);
		}
	}

	/** Notes the file a rewrite left (inode `written`). */
	private rewritten({text, decisions}: RewritePlan, target: string, written: number) {
		this.head.mode ??= this.defaultMode;
		const after = statTargetSync(this.path, target);
		// Only if the file there is the one just written does the state say what the file holds.
		this.setFile(after?.ino === written && after.size === Buffer.byteLength(text)
			? {stat: after, tailStart: decisions > 0 ? after.size - plainTail.length : 0, lines: decisions, appendable: decisions > 0}
			: undefined);
	}

	private cannotWrite(error: unknown): DecisionsFileError {
		return new DecisionsFileError(`${this.path} cannot be written (${fileProblem(error)}); decisions are kept in memory and will be retried.`);
	}

	/** The pinned file, after checking that the path still leads to it and not through a link. */
	private pinnedTarget(): string {
		const now = canonicalPath(this.path);
		let link = false;
		try {
			link = lstatSync(this.target).isSymbolicLink();
		} catch {}

		if (now !== this.target || link) {
			throw new DecisionsFileError(`${this.path} was replaced by a link to ${now} while winnow had it open; winnow will not write there (your decisions are kept in memory): check who changed it, put the decisions file back, and start winnow again.`);
		}

		return this.target;
	}

	/**
	 * A whole-file write's staged file gone (ENOENT) while its folder is there: the lock folder it was
	 * staged in was moved away by a writer that took the lock over while this one was stalled (see
	 * stagingFolder).
	 */
	private lockGone(error: unknown, target: string): unknown {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !existsSync(dirname(target))) return error;
		return this.stalled();
	}

	private stalled(): DecisionsFileError {
		return new DecisionsFileError(`${this.path} was written by another winnow process while this one was stalled; decisions are kept and will be retried.`);
	}

	private async exclusive<T>(task: () => Promise<T>): Promise<T> {
		this.running++;
		const run = this.queue.then(task, task);
		const done = () => {
			this.running--;
		};

		run.then(done, done);
		this.queue = run.catch(() => undefined);
		return run;
	}

	private async statTarget(): Promise<Stats | undefined> {
		try {
			return await statIfAny(this.pinnedTarget());
		} catch (error) {
			throw readError(this.path, error);
		}
	}

	/**
	 * The file's lock: taken at once when it is free (synchronously: each await waits a whole turn of
	 * a busy event loop, and a decision could take a second to reach the disk), else waited for.
	 */
	private async takeLock(): Promise<HeldLock> {
		const held = this.lockNow();
		if (held) return held;
		let lost: Error | undefined;
		const releaseAsync = await this.lock(error => {
			lost = error;
		});
		return {release: () => void releaseAsync().catch(() => undefined), lost: () => lost};
	}

	/** The lock, taken synchronously if it is free (or held by a dead process on this host); undefined if not. */
	private lockNow(): HeldLock | undefined {
		let lost: Error | undefined;
		const onCompromised = (error: Error) => {
			lost = error;
		};

		const stale = this.options.stale ?? defaultLockStale;
		const lockfilePath = `${this.pinnedTarget()}.lock`;
		const take = () => lockSync(this.path, {realpath: false, lockfilePath, stale, update: lockUpdate, fs: holderFs(), onCompromised});
		let release: (() => void) | undefined;
		try {
			try {
				release = take();
			} catch (error) {
				// Left by a writer on this host that was killed while it held it: broken at once.
				if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || !breakDeadLock(lockfilePath, stale)) throw error;
				release = take();
			}
		} catch {
			// Held by another process (or not a lock we can take): takeLock's waiting path retries, and
			// says what is wrong if it cannot.
			return undefined;
		}

		const releaseSync = release;
		return {release: () => {
			try {
				releaseSync();
			} catch {}
		}, lost: () => lost};
	}

	private async lock(onCompromised: (error: Error) => void): Promise<() => Promise<void>> {
		const timeout = this.options.timeout ?? 3000;
		const stale = this.options.stale ?? defaultLockStale;
		const giveUpAt = Date.now() + timeout;
		try {
			// Retry only while another process holds the lock (proper-lockfile's own retries also
			// retry ENOTDIR, EACCES, EROFS…, which only delays telling the reviewer).
			for (;;) {
				const lockfilePath = `${this.pinnedTarget()}.lock`;
				try {
					return await lock(this.path, {
						realpath: false,
						lockfilePath,
						stale,
						update: lockUpdate,
						fs: holderFs(),
						// proper-lockfile's default throws from a timer, which would kill the process.
						onCompromised,
					});
				} catch (error) {
					if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || Date.now() >= giveUpAt) throw error;
					// Left by a writer on this host that was killed while it held it: broken at once.
					if (breakDeadLock(lockfilePath, stale)) continue;
					await new Promise(resolve => setTimeout(resolve, 20 + (Math.random() * 20)));
				}
			}
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			const foreign = foreignLock(`${this.target}.lock`, stale);
			if (foreign) throw new DecisionsFileError(`${foreign}; decisions are kept in memory and will be retried.`);
			if (code === 'ELOCKED') {
				throw new DecisionsFileError(`${this.path} is locked by another winnow process that has held it for over ${timeout / 1000}s; decisions are kept and will be retried.`);
			}

			throw this.cannotWrite(error);
		}
	}
}

/**
 * Refuses a decisions path that goes through a symbolic link another user owns: in a shared folder
 * such a link can point at one of our own files (a shell start-up file) for us to overwrite.
 */
function refuseForeignLinks(path: string) {
	const me = process.getuid?.();
	if (me === undefined) return;
	let current = resolve(path);
	for (let links = 0; links < 40; links++) {
		let stats: Stats;
		try {
			stats = lstatSync(current);
		} catch {
			return;
		}

		if (!stats.isSymbolicLink()) return;
		if (stats.uid !== me && stats.uid !== 0) {
			throw new DecisionsFileError(`${path} is a symbolic link owned by another user (uid ${stats.uid}); winnow will not write decisions through it: pass --db with the real file's path.`);
		}

		current = resolve(dirname(current), readlinkSync(current));
	}
}

type RewritePlan = {before: Stats | undefined; decisions: number; text: string; check: () => void};

/** Takes the records saved out of the table's pending ones, unless changed again since. */
function forgetSaved(table: DecisionTable, saved: Map<string, DecisionRecord>) {
	for (const [key, record] of saved) {
		if (table.pending.get(key) === record) table.pending.delete(key);
	}
}

/**
 * What is wrong with a lock path that is not a lock a live winnow holds (a file or link someone put
 * there, a folder nobody refreshes), in words that say how to fix it; undefined if it looks like one.
 */
export function foreignLock(path: string, stale: number): string | undefined {
	let stats: Stats | undefined;
	try {
		stats = lstatSync(path, {throwIfNoEntry: false});
	} catch {
		return undefined;
	}

	if (!stats) return undefined;
	const remove = `if no winnow is using the decisions file, remove it (rm -r '${path}')`;
	if (stats.isSymbolicLink()) return `${path} is a symbolic link, not winnow's lock folder: ${remove}`;
	if (!stats.isDirectory()) return `${path} is a file, not winnow's lock folder: ${remove}`;
	const age = Date.now() - stats.mtimeMs;
	if (age > 3 * stale) return `${path} has not been refreshed for ${Math.round(age / 1000)} s, so no live winnow holds it, yet it cannot be removed (it is not empty, or not ours): ${remove}`;
	return undefined;
}

function statTargetSync(path: string, target: string): Stats | undefined {
	try {
		return statSync(target, {throwIfNoEntry: false});
	} catch (error) {
		throw readError(path, error);
	}
}

async function statIfAny(path: string): Promise<Stats | undefined> {
	try {
		return await stat(path);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
}

function readError(path: string, error: unknown): DecisionsFileError {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'EISDIR') return new DecisionsFileError(`${path} is a directory, not a decisions file; pass --db with a file name.`);
	return new DecisionsFileError(`${path} cannot be read (${fileProblem(error)}); check its permissions.`);
}

function sameFile(a: Stats | undefined, b: Stats | undefined): boolean {
	if (!a || !b) return a === b;
	return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

/** replaceFile with synchronous I/O. */
function replaceFileSync(path: string, content: string, old: Stats | undefined, beforeRename: () => void): number {
	const temporary = stagedName(path);
	const mode = old ? old.mode & 0o7777 : 0o666;
	let fd: number | undefined;
	try {
		fd = openSync(temporary, 'wx', mode);
		writeFileSync(fd, content);
		if (old) {
			try {
				fchmodSync(fd, mode);
				if (process.getuid?.() === 0) fchownSync(fd, old.uid, old.gid);
			} catch {}
		}

		fsyncSync(fd);
		const {ino} = fstatSync(fd);
		closeSync(fd);
		fd = undefined;
		beforeRename();
		renameSync(temporary, path);
		return ino;
	} catch (error) {
		if (fd !== undefined) {
			try {
				closeSync(fd);
			} catch {}
		}

		rmSync(temporary, {force: true});
		throw error;
	}
}

/**
 * The temporary file a whole-file write of path is staged in: in the staging folder of path's lock,
 * which the caller holds (see stagingFolder: the rename into place then fails if the lock was broken
 * meanwhile).
 */
function stagedName(path: string): string {
	return temporaryName(join(stagingFolder(`${path}.lock`), basename(path)), process.pid, randomBytes(4).toString('hex'));
}

/**
 * Replaces path with text atomically: a new temporary file in its lock's staging folder (unique name, with the pid),
 * written, given the old file's permissions, fsynced, then `beforeRename` (which may throw to abandon
 * the write), then renamed over path. A crash at any moment leaves the old file or the new one, never a mix.
 */
async function replaceFile(path: string, content: string, old: Stats | undefined, beforeRename: () => Promise<void>): Promise<number> {
	const temporary = stagedName(path);
	const mode = old ? old.mode & 0o7777 : 0o666;
	let handle: FileHandle | undefined;
	try {
		handle = await open(temporary, 'wx', mode);
		await handle.writeFile(content);
		if (old) {
			// As write-file-atomic did: keep the old file's permissions (past the umask) and, as root, its owner.
			await handle.chmod(mode).catch(() => undefined);
			if (process.getuid?.() === 0) await handle.chown(old.uid, old.gid).catch(() => undefined);
		}

		await handle.sync();
		const {ino} = await handle.stat();
		await handle.close();
		handle = undefined;
		await beforeRename();
		await rename(temporary, path);
		// The inode of the new file: the caller can tell it from a file another process put there since.
		return ino;
	} catch (error) {
		await handle?.close().catch(() => undefined);
		await rm(temporary, {force: true});
		throw error;
	}
}
