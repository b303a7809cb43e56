import {createHash} from 'node:crypto';
import {lstatSync, lutimesSync, readdirSync, rmSync} from 'node:fs';
import {hostname} from 'node:os';
import {dirname, join} from 'node:path';
import {canonicalPath} from './canonical-path.js';
import {fileProblem} from './errors.js';
import {createExclusive, ensureSharedFolder, readPeerFile, replaceExclusive} from './shared-folder.js';

/** Longest wait before our presence file says which sample we moved to (ms). */
const presenceDelay = 100;

export type Peer = {reviewer: string; host: string; pid: number; sample?: string; mode?: string};
type Lease = {sample: string; host: string; pid: number};

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
export class LiveSession {
	readonly folder: string;
	private readonly presenceFolder: string;
	private readonly leaseFolder: string;
	private readonly me: Peer;
	private readonly heartbeat: number;
	private readonly stale: number;
	private held: string | undefined;
	private peers: Peer[] = [];
	private leasedByOthers = new Set<string>();
	private timer: NodeJS.Timeout | undefined;
	private presenceTimer: NodeJS.Timeout | undefined;
	private readonly listeners = new Set<() => void>();
	private readonly noticeListeners = new Set<(notice: string) => void>();
	/** Peer files already reported as unreadable: each is told once. */
	private readonly reported = new Set<string>();
	/** Why the live folder cannot be used (read-only place…); pairing features are then off. */
	error: string | undefined;

	constructor(dbPath: string, reviewer: string, mode: string, options: LiveOptions = {}) {
		// Beside the file the path really names, so reviewers who reach it by different links meet.
		this.folder = `${canonicalPath(dbPath)}.live`;
		this.presenceFolder = join(this.folder, 'presence');
		this.leaseFolder = join(this.folder, 'leases');
		this.me = {reviewer, host: hostname(), pid: process.pid, mode};
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

	/** Other live processes on this decisions file. */
	others(): Peer[] {
		return this.peers;
	}

	/** Has another live process this sample open? */
	isTakenByOther(sample: string): boolean {
		return this.leasedByOthers.has(sample);
	}

	/** Takes the lease on a sample (releasing the one held); false if another live process holds it. */
	claim(sample: string): boolean {
		if (this.error) return true;
		if (this.held === sample) return true;
		try {
			return this.claimLease(sample);
		} catch {
			// The live folder cannot be written just now (removed, read-only, disk full). Leases only
			// keep two reviewers off one sample: never block the reviewer on them.
			return true;
		}
	}

	private claimLease(sample: string): boolean {
		const path = this.leasePath(sample);
		if (!this.create(path, sample)) {
			if (!this.isStale(path)) return false;
			rmSync(path, {force: true});
			if (!this.create(path, sample)) return false;
		}

		this.release();
		this.held = sample;
		this.me.sample = sample;
		this.writePresenceSoon();
		return true;
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

	release() {
		if (this.held === undefined) return;
		const path = this.leasePath(this.held);
		if (this.ownsLease(path)) rmSync(path, {force: true});
		this.held = undefined;
		this.me.sample = undefined;
	}

	stop() {
		if (this.timer) clearInterval(this.timer);
		this.timer = undefined;
		if (this.presenceTimer) clearTimeout(this.presenceTimer);
		this.presenceTimer = undefined;
		if (this.error) return;
		try {
			this.release();
			rmSync(this.presencePath(), {force: true});
		} catch {}
	}

	private tick() {
		try {
			const now = new Date();
			// lutimes: a link a peer put in place of our file is touched itself, never its target.
			lutimesSync(this.presencePath(), now, now);
			if (this.held !== undefined) lutimesSync(this.leasePath(this.held), now, now);
		} catch {
			// A peer removed our stale-looking file (we were blocked too long): write it again.
			try {
				this.writePresence();
				if (this.held !== undefined) this.create(this.leasePath(this.held), this.held);
			} catch {}
		}

		this.refresh();
	}

	/** Reads the others' presence and leases, dropping stale ones. */
	refresh() {
		const before = JSON.stringify([this.peers, [...this.leasedByOthers]]);
		this.peers = this.readFolder(this.presenceFolder, name => name !== this.presenceName(), asPeer);
		const leased = new Set<string>();
		for (const lease of this.readFolder(this.leaseFolder, () => true, asLease)) {
			if (lease.pid !== process.pid || lease.host !== this.me.host) leased.add(lease.sample);
		}

		this.leasedByOthers = leased;
		if (JSON.stringify([this.peers, [...leased]]) !== before) for (const listener of this.listeners) listener();
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
				rmSync(path, {force: true});
				continue;
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
		const record = parseJson(file.text);
		return this.isStaleRecord(file.mtimeMs, (typeof record === 'object' && record !== null ? record : {}) as Partial<Lease>);
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

	private isStaleRecord(mtimeMs: number, {pid, host}: Partial<Lease>): boolean {
		if (Date.now() - mtimeMs > this.stale) return true;
		return host === this.me.host && typeof pid === 'number' && pid !== process.pid && !isAlive(pid);
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

function exists(path: string): boolean {
	try {
		return lstatSync(path, {throwIfNoEntry: false}) !== undefined;
	} catch {
		return false;
	}
}

function asPeer(value: unknown): Peer | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const {reviewer, host, pid, sample, mode} = value as Record<string, unknown>;
	if (typeof reviewer !== 'string' || typeof host !== 'string' || !Number.isSafeInteger(pid)) return undefined;
	if (sample !== undefined && typeof sample !== 'string') return undefined;
	if (mode !== undefined && typeof mode !== 'string') return undefined;
	return {reviewer, host, pid: pid as number, sample, mode};
}

function asLease(value: unknown): Lease | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const {sample, host, pid} = value as Record<string, unknown>;
	if (typeof sample !== 'string' || typeof host !== 'string' || !Number.isSafeInteger(pid)) return undefined;
	return {sample, host, pid: pid as number};
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
