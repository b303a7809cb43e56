import {createHash, randomBytes} from 'node:crypto';
import {lstatSync, lutimesSync, readdirSync, rmSync} from 'node:fs';
import {hostname} from 'node:os';
import {dirname, join} from 'node:path';
import {canonicalPath} from './canonical-path.js';
import {fileProblem} from './errors.js';
import {isAlive, isRunnable} from './process-state.js';
import {createExclusive, ensureSharedFolder, readPeerFile, replaceExclusive} from './shared-folder.js';
import type {LiveChannel} from './live-channel.js';

/** Longest wait before our presence file says which sample we moved to (ms). */
const presenceDelay = 100;

/**
 * A live process on this host that is runnable (waiting for a CPU on a loaded machine) keeps its
 * leases this many times the stale time past its last heartbeat: late only by load is not gone.
 */
const runnableGrace = 12;

export type Peer = {
	reviewer: string;
	host: string;
	pid: number;
	sample?: string;
	mode?: string;
	/** This session's id (random), and when it became its reviewer's active session (ms since the epoch). */
	session?: string;
	since?: number;
};
type Lease = {sample: string; host: string; pid: number; reviewer?: string};

export type LiveOptions = {
	/** How often to refresh our own files and read the others' (ms). */
	heartbeat?: number;
	/** A presence or lease file not refreshed for this long belongs to a process that is gone (ms). */
	stale?: number;
};

/**
 * Who else is reviewing with the same decisions file right now, and which sample each has open.
 * Kept in a folder beside the decisions file (`<db>.live/`): one presence file per process and one
 * lease file per open sample, created with O_EXCL so two processes never claim the same sample.
 * Files are refreshed on a heartbeat; those of a process that died simply go stale.
 */
export class LiveSession implements LiveChannel {
	readonly folder: string;
	private readonly presenceFolder: string;
	private readonly leaseFolder: string;
	private readonly me: Peer;
	private readonly heartbeat: number;
	private readonly stale: number;
	private held: string | undefined;
	/**
	 * Samples moved on from whose decision is not on disk yet: their leases are kept (and refreshed)
	 * until it is, so that no other process can claim a sample whose decision is in flight.
	 */
	private readonly retiring = new Set<string>();
	/** Is this sample's latest change made here on disk (or was none made)? Set with holdUntilSaved. */
	private saved: (sample: string) => boolean = () => true;
	/** Samples this process put a saving marker beside (see confirmHeld). */
	private readonly marked = new Set<string>();
	private peers: Peer[] = [];
	private leasedByOthers = new Set<string>();
	private timer: NodeJS.Timeout | undefined;
	private presenceTimer: NodeJS.Timeout | undefined;
	private readonly listeners = new Set<() => void>();
	private readonly noticeListeners = new Set<(notice: string) => void>();
	/** A sample whose lease went to another process while this one was stopped, not told yet. */
	private lost: {sample: string; to?: string} | undefined;
	/** Peer files already reported as unreadable: each is told once. */
	private readonly reported = new Set<string>();
	/** Why the live folder cannot be used (read-only place…); pairing features are then off. */
	error: string | undefined;
	/**
	 * The same reviewer started another session after this one (on this host or another): that one
	 * is theirs now, with their place and samples, and this one stops deciding until continueHere().
	 */
	superseded = false;
	/** The reviewer's other live sessions when this one started: it took over from them. */
	tookOverFrom: Peer[] = [];

	constructor(dbPath: string, reviewer: string, mode: string, options: LiveOptions = {}) {
		// Beside the file the path really names, so reviewers who reach it by different links meet.
		this.folder = `${canonicalPath(dbPath)}.live`;
		this.presenceFolder = join(this.folder, 'presence');
		this.leaseFolder = join(this.folder, 'leases');
		this.me = {reviewer, host: hostname(), pid: process.pid, mode, session: randomBytes(8).toString('hex'), since: Date.now()};
		this.heartbeat = options.heartbeat ?? 1000;
		this.stale = options.stale ?? 5000;
	}

	start() {
		try {
			const base = dirname(this.folder);
			ensureSharedFolder(this.presenceFolder, base);
			ensureSharedFolder(this.leaseFolder, base);
			this.writePresence();
		} catch (error) {
			this.error = `pairing is off: ${this.folder} cannot be written (${fileProblem(error)})`;
			return;
		}

		this.refresh();
		this.tookOverFrom = this.ownOtherSessions();
		this.timer = setInterval(() => {
			this.tick();
		}, this.heartbeat);
		this.timer.unref();
	}

	onChange(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** Told once per bad file another process left in the live folder (it is ignored). */
	onNotice(listener: (notice: string) => void): () => void {
		this.noticeListeners.add(listener);
		return () => this.noticeListeners.delete(listener);
	}

	/** Other reviewers' live processes on this decisions file. */
	others(): Peer[] {
		return this.peers.filter(peer => peer.reviewer !== this.me.reviewer);
	}

	/** This reviewer's other live sessions on this decisions file. */
	ownOtherSessions(): Peer[] {
		return this.peers.filter(peer => peer.reviewer === this.me.reviewer);
	}

	/**
	 * Makes this session the reviewer's active one again (after another session of theirs took over):
	 * the other stops deciding in its turn, within a heartbeat.
	 */
	continueHere() {
		this.me.since = Math.max(Date.now(), ...this.ownOtherSessions().map(peer => (peer.since ?? 0) + 1));
		this.superseded = false;
		try {
			this.writePresence();
		} catch {}

		for (const listener of this.listeners) listener();
	}

	/** Has another live process this sample open? */
	isTakenByOther(sample: string): boolean {
		return this.leasedByOthers.has(sample);
	}

	/**
	 * Keeps the lease on a sample this process moved on from until `saved(sample)` says its decision
	 * is on disk; call settle() when that may have changed (after each write).
	 */
	holdUntilSaved(saved: (sample: string) => boolean) {
		this.saved = saved;
	}

	/**
	 * Takes the lease on a sample (the one held is released, or kept until its decision is saved);
	 * false if another live process holds it. With `verify`, called once the lease is ours: if it says
	 * no (the sample turned out to be decided meanwhile), the lease is given up and claim is false.
	 */
	claim(sample: string, verify?: () => boolean): boolean {
		// A superseded session decides nothing: it holds no samples.
		if (this.error || this.superseded) return verify?.() ?? true;
		if (this.held === sample) return true;
		try {
			return this.claimLease(sample, verify);
		} catch {
			// The live folder cannot be written just now (removed, read-only, disk full). Leases only
			// keep two reviewers off one sample: never block the reviewer on them.
			return verify?.() ?? true;
		}
	}

	private claimLease(sample: string, verify?: () => boolean): boolean {
		const path = this.leasePath(sample);
		// Our own lease, kept while the decision made on it is saved: ours again.
		const ours = this.retiring.delete(sample);
		if (!ours && !this.create(path, sample)) {
			// Stale, or left by this reviewer's earlier session (which this one took over): ours now.
			if (!this.takeOver(path, () => this.isStale(path) || this.isOwnOtherSession(path))) return false;
			if (!this.create(path, sample)) return false;
		}

		if (verify && !verify()) {
			if (ours) this.retiring.add(sample);
			else this.removeLease(sample);
			this.settle();
			return false;
		}

		this.release();
		this.held = sample;
		this.me.sample = sample;
		this.writePresenceSoon();
		return true;
	}

	/** Releases the leases kept for decisions that are now on disk. */
	settle() {
		for (const sample of this.retiring) {
			if (!this.saved(sample)) continue;
			this.retiring.delete(sample);
			try {
				this.removeLease(sample);
			} catch {}
		}
	}

	/**
	 * Before deciding the sample this process was handed: is its lease still ours? False if another
	 * process took it meanwhile (this one was stopped past the stale time): then the sample is theirs,
	 * and takeLost() says to whom. True for a sample not held here (opened explicitly).
	 *
	 * If it is ours, a marker beside the lease (`<lease>.saving`) says a decision on it is being made
	 * and saved: while this process lives, nobody takes the lease over, however long it is stopped
	 * between the key and the write (the sample is decided, in its memory). The lease is read again
	 * once the marker is there, so a takeover that came first is seen.
	 */
	confirmHeld(sample: string): boolean {
		if (this.error || this.superseded || this.held !== sample) return true;
		const path = this.leasePath(sample);
		try {
			let lease = this.leaseAt(path);
			// Gone (a peer judged it stale and is about to take it): ours again if it is still free.
			if (lease === undefined && this.create(path, sample)) lease = this.leaseAt(path);
			if (this.isMine(lease)) {
				this.markSaving(sample);
				lease = this.leaseAt(path);
				if (this.isMine(lease)) {
					const now = new Date();
					lutimesSync(path, now, now);
					return true;
				}

				this.unmarkSaving(sample);
			}

			if (!lease || lease === 'bad' || lease.reviewer === this.me.reviewer) return true;
			this.lost = {sample, to: lease.reviewer};
		} catch {
			// The live folder cannot be read or written just now: leases never block the reviewer.
			return true;
		}

		this.held = undefined;
		this.me.sample = undefined;
		this.writePresenceSoon();
		return false;
	}

	/** The lease at path: undefined if there is none, 'bad' if what is there is not a lease. */
	private leaseAt(path: string): Lease | 'bad' | undefined {
		const file = readPeerFile(path);
		if (!file) return exists(path) ? 'bad' : undefined;
		return asLease(parseJson(file.text)) ?? 'bad';
	}

	private isMine(lease: Lease | 'bad' | undefined): boolean {
		return typeof lease === 'object' && lease.pid === process.pid && lease.host === this.me.host;
	}

	/** Puts the marker saying this process is deciding and saving the sample (see confirmHeld). */
	private markSaving(sample: string) {
		const marker = `${this.leasePath(sample)}.saving`;
		const text = JSON.stringify({host: this.me.host, pid: this.me.pid});
		if (this.marked.has(sample) || createExclusive(marker, text)) {
			this.marked.add(sample);
			return;
		}

		// Left by an earlier holder of this lease: it means nothing now.
		rmSync(marker, {force: true});
		if (createExclusive(marker, text)) this.marked.add(sample);
	}

	private unmarkSaving(sample: string) {
		if (!this.marked.delete(sample)) return;
		rmSync(`${this.leasePath(sample)}.saving`, {force: true});
	}

	/**
	 * Is a decision on the sample of the lease at path being made and saved by its holder, a live
	 * process on this host? Then the lease is not taken over while that process lives.
	 */
	private savingByLiveHolder(path: string, lease: Partial<Lease>): boolean {
		const file = readPeerFile(`${path}.saving`);
		const marker = file && asMarker(parseJson(file.text));
		if (!marker || marker.host !== lease.host || marker.pid !== lease.pid) return false;
		return marker.host === this.me.host && marker.pid !== process.pid && isAlive(marker.pid);
	}

	/**
	 * Removes another process's lease file at path if `stale` (asked again once no other process can
	 * be removing it) still holds. Two processes that both judged a lease stale must not both remove
	 * it: the second would remove the first one's fresh lease, and both would hold the sample. So
	 * removals go one at a time, under a breaker file created exclusively beside the lease.
	 */
	private takeOver(path: string, stale: () => boolean): boolean {
		if (!stale()) return false;
		const breaker = `${path}.break`;
		if (!createExclusive(breaker, JSON.stringify({host: this.me.host, pid: this.me.pid}))) {
			// Left by a process killed in the moment it held it (a fraction of a millisecond): broken
			// once stale itself; else another process is taking the lease over right now.
			if (!this.isStale(breaker) || !removeFile(breaker)) return false;
			if (!createExclusive(breaker, JSON.stringify({host: this.me.host, pid: this.me.pid}))) return false;
		}

		try {
			if (!stale()) return false;
			rmSync(path, {force: true});
			return true;
		} finally {
			rmSync(breaker, {force: true});
		}
	}

	/**
	 * Presence says which sample we have open; peers read it once a heartbeat, so it is written at
	 * most every presenceDelay ms. Writing it (open, write, rename) on every claim made each decision
	 * cost a synchronous rename, and keys typed fast starved the decisions file's writes.
	 */
	private writePresenceSoon() {
		if (this.presenceTimer) return;
		this.presenceTimer = setTimeout(() => {
			this.presenceTimer = undefined;
			try {
				this.writePresence();
			} catch {}
		}, presenceDelay);
		this.presenceTimer.unref();
	}

	/** Gives up the sample held: at once, or once the decision made on it is on disk. */
	release() {
		if (this.held === undefined) return;
		if (this.saved(this.held)) this.removeLease(this.held);
		else this.retiring.add(this.held);
		this.held = undefined;
		this.me.sample = undefined;
	}

	private removeLease(sample: string) {
		this.unmarkSaving(sample);
		const path = this.leasePath(sample);
		if (this.ownsLease(path)) rmSync(path, {force: true});
	}

	stop() {
		if (this.timer) clearInterval(this.timer);
		this.timer = undefined;
		if (this.presenceTimer) clearTimeout(this.presenceTimer);
		this.presenceTimer = undefined;
		if (this.error) return;
		try {
			// Whatever is still unsaved when the session ends stays unsaved: nothing to wait for.
			this.saved = () => true;
			this.release();
			this.settle();
			rmSync(this.presencePath(), {force: true});
		} catch {}
	}

	/** The sample whose lease this process lost while it was stopped, and to whom (told once), if any. */
	takeLost(): {sample: string; to?: string} | undefined {
		const {lost} = this;
		this.lost = undefined;
		return lost;
	}

	private tick() {
		// Stopped past the stale time (SIGSTOP, a suspended laptop): the sample held may have gone to
		// someone else meanwhile, whose lease is now under the same name.
		if (this.held !== undefined && !this.superseded) {
			const file = readPeerFile(this.leasePath(this.held));
			const lease = file && asLease(parseJson(file.text));
			if (lease && (lease.pid !== process.pid || lease.host !== this.me.host)) {
				// Taken by this reviewer's newer session: that is a takeover (refresh says so), not a loss.
				if (lease.reviewer !== this.me.reviewer) this.lost = {sample: this.held, to: lease.reviewer};
				this.held = undefined;
				this.me.sample = undefined;
			}
		}

		try {
			const now = new Date();
			// lutimes: a link a peer put in place of our file is touched itself, never its target.
			lutimesSync(this.presencePath(), now, now);
			for (const sample of this.leases()) lutimesSync(this.leasePath(sample), now, now);
		} catch {
			// A peer removed our stale-looking file (we were blocked too long): write it again.
			try {
				this.writePresence();
				for (const sample of this.leases()) this.create(this.leasePath(sample), sample);
			} catch {}
		}

		this.settle();
		this.refresh();
		// Told once the others' files are read: who has the sample now.
		if (this.lost !== undefined) for (const listener of this.listeners) listener();
	}

	/** The samples whose leases this process holds: the one open, and those whose decisions are being saved. */
	private leases(): string[] {
		return this.held === undefined ? [...this.retiring] : [this.held, ...this.retiring];
	}

	/** Reads the others' presence and leases, dropping stale ones. */
	refresh() {
		const before = JSON.stringify([this.peers, [...this.leasedByOthers]]);
		this.peers = this.readFolder(this.presenceFolder, name => name !== this.presenceName(), asPeer);
		const leased = new Set<string>();
		for (const lease of this.readFolder(this.leaseFolder, () => true, asLease)) {
			// The reviewer's own other sessions are not others: their samples are this reviewer's.
			if ((lease.pid !== process.pid || lease.host !== this.me.host) && lease.reviewer !== this.me.reviewer) leased.add(lease.sample);
		}

		this.leasedByOthers = leased;
		const superseded = this.ownOtherSessions().some(peer => isNewer(peer, this.me));
		const changed = superseded !== this.superseded;
		if (superseded && !this.superseded) {
			// Another session of this reviewer's holds their place now: give up the sample held here.
			this.release();
			this.writePresenceSoon();
		}

		this.superseded = superseded;
		if (changed || JSON.stringify([this.peers, [...leased]]) !== before) for (const listener of this.listeners) listener();
	}

	/**
	 * The valid records of a folder's files. Any other process can write there: a file that is not a
	 * small regular file holding the expected record (a link, a FIFO, `null`, garbage) is ignored and
	 * reported once; a stale one is removed.
	 */
	private readFolder<T>(folder: string, keep: (name: string) => boolean, validate: (value: unknown) => T | undefined): T[] {
		let names: string[];
		try {
			names = readdirSync(folder);
		} catch {
			return [];
		}

		const records: T[] = [];
		for (const name of names) {
			if (!name.endsWith('.json') || !keep(name)) continue;
			const path = join(folder, name);
			const file = readPeerFile(path);
			const record = file && validate(parseJson(file.text));
			if (!file || record === undefined) {
				// Files are renamed into place, never seen half-written: this one is bad, or just gone.
				if (!file && !exists(path)) continue;
				this.report(path);
				if (this.isStaleTime(path)) rmSync(path, {force: true});
				continue;
			}

			if (this.isStaleRecord(file.mtimeMs, record as Partial<Lease>)) {
				// A lease is removed only as takeOver removes one: a peer may be replacing it right now.
				if (folder !== this.leaseFolder) {
					rmSync(path, {force: true});
					continue;
				}

				if (this.takeOver(path, () => this.isStale(path)) || this.isStale(path)) continue;
			}

			records.push(record);
		}

		return records;
	}

	private report(path: string) {
		if (this.reported.has(path)) return;
		this.reported.add(path);
		for (const listener of this.noticeListeners) listener(`ignored ${path}: not a file winnow wrote (another process put it there)`);
	}

	private isStale(path: string): boolean {
		const file = readPeerFile(path);
		if (!file) return this.isStaleTime(path);
		const value = parseJson(file.text);
		const record = (typeof value === 'object' && value !== null ? value : {}) as Partial<Lease>;
		return this.isStaleRecord(file.mtimeMs, record) && !(path.startsWith(this.leaseFolder) && this.savingByLiveHolder(path, record));
	}

	/** Whatever is at path (a link, a FIFO, garbage) is stale once it has not changed for the stale time. */
	private isStaleTime(path: string): boolean {
		try {
			const stats = lstatSync(path, {throwIfNoEntry: false});
			return stats !== undefined && Date.now() - stats.mtimeMs > this.stale;
		} catch {
			return false;
		}
	}

	/**
	 * Has the process that wrote this record stopped refreshing it? A process on this host that is
	 * gone, at once. One that is alive but late: only once it is not merely waiting for a CPU (or a
	 * disk) on a loaded machine, where timers fire seconds late; a stopped process (SIGSTOP) or one
	 * blocked for good (writing to a frozen terminal) is. Elsewhere, by the time of the last refresh.
	 */
	private isStaleRecord(mtimeMs: number, {pid, host}: Partial<Lease>): boolean {
		const age = Date.now() - mtimeMs;
		if (host !== this.me.host || typeof pid !== 'number' || pid === process.pid) return age > this.stale;
		if (!isAlive(pid)) return true;
		if (age <= this.stale) return false;
		return age > this.stale * runnableGrace || isRunnable(pid) !== true;
	}

	/** Is the lease at path held by another live session of this reviewer's, which this one outranks? */
	private isOwnOtherSession(path: string): boolean {
		const file = readPeerFile(path);
		const lease = file && asLease(parseJson(file.text));
		if (!lease || lease.reviewer !== this.me.reviewer) return false;
		const holder = this.peers.find(peer => peer.host === lease.host && peer.pid === lease.pid);
		return !holder || (holder.reviewer === this.me.reviewer && isNewer(this.me, holder));
	}

	private ownsLease(path: string): boolean {
		const file = readPeerFile(path);
		const lease = file && asLease(parseJson(file.text));
		return lease?.pid === process.pid && lease.host === this.me.host;
	}

	/** Creates a lease file exclusively (never through a link); false if one is there. */
	private create(path: string, sample: string): boolean {
		return createExclusive(path, JSON.stringify({sample, reviewer: this.me.reviewer, host: this.me.host, pid: this.me.pid}));
	}

	private writePresence() {
		replaceExclusive(this.presencePath(), JSON.stringify(this.me));
	}

	private presenceName(): string {
		return `${this.me.host}-${this.me.pid}.json`;
	}

	private presencePath(): string {
		return join(this.presenceFolder, this.presenceName());
	}

	private leasePath(sample: string): string {
		return join(this.leaseFolder, `${createHash('sha1').update(sample).digest('hex').slice(0, 24)}.json`);
	}
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

/** Removes path; false if it cannot (another process removed it first). */
function removeFile(path: string): boolean {
	try {
		rmSync(path);
		return true;
	} catch {
		return false;
	}
}

function exists(path: string): boolean {
	try {
		return lstatSync(path, {throwIfNoEntry: false}) !== undefined;
	} catch {
		return false;
	}
}

function asPeer(value: unknown): Peer | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const {reviewer, host, pid, sample, mode, session, since} = value as Record<string, unknown>;
	if (typeof reviewer !== 'string' || typeof host !== 'string' || !Number.isSafeInteger(pid)) return undefined;
	if (sample !== undefined && typeof sample !== 'string') return undefined;
	if (mode !== undefined && typeof mode !== 'string') return undefined;
	if (session !== undefined && typeof session !== 'string') return undefined;
	if (since !== undefined && !Number.isSafeInteger(since)) return undefined;
	return {reviewer, host, pid: pid as number, sample, mode, session, since: since as number | undefined};
}

/** Did session a become its reviewer's active one after session b? */
function isNewer(a: Peer, b: Peer): boolean {
	const [sinceA, sinceB] = [a.since ?? 0, b.since ?? 0];
	return sinceA === sinceB ? (a.session ?? '') > (b.session ?? '') : sinceA > sinceB;
}

function asMarker(value: unknown): {host: string; pid: number} | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const {host, pid} = value as Record<string, unknown>;
	if (typeof host !== 'string' || !Number.isSafeInteger(pid)) return undefined;
	return {host, pid: pid as number};
}

function asLease(value: unknown): Lease | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const {sample, host, pid, reviewer} = value as Record<string, unknown>;
	if (typeof sample !== 'string' || typeof host !== 'string' || !Number.isSafeInteger(pid)) return undefined;
	return {sample, host, pid: pid as number, reviewer: typeof reviewer === 'string' ? reviewer : undefined};
}
