import {createHash} from 'node:crypto';
import {closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeSync, renameSync} from 'node:fs';
import {hostname} from 'node:os';
import {join} from 'node:path';
import {canonicalPath} from './canonical-path.js';
import {fileProblem} from './errors.js';

/** Longest wait before our presence file says which sample we moved to (ms). */
const presenceDelay = 100;

export type Peer = {reviewer: string; host: string; pid: number; sample?: string; mode?: string};

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
			mkdirSync(this.presenceFolder, {recursive: true});
			mkdirSync(this.leaseFolder, {recursive: true});
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
			utimesSync(this.presencePath(), now, now);
			if (this.held !== undefined) utimesSync(this.leasePath(this.held), now, now);
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
		this.peers = this.readFolder(this.presenceFolder, name => name !== this.presenceName())
			.map(text => JSON.parse(text) as Peer);
		const leased = new Set<string>();
		for (const text of this.readFolder(this.leaseFolder, () => true)) {
			const lease = JSON.parse(text) as {sample: string; pid: number; host: string};
			if (lease.pid !== process.pid || lease.host !== this.me.host) leased.add(lease.sample);
		}

		this.leasedByOthers = leased;
		if (JSON.stringify([this.peers, [...leased]]) !== before) for (const listener of this.listeners) listener();
	}

	private readFolder(folder: string, keep: (name: string) => boolean): string[] {
		let names: string[];
		try {
			names = readdirSync(folder);
		} catch {
			return [];
		}

		const texts: string[] = [];
		for (const name of names) {
			if (!name.endsWith('.json') || !keep(name)) continue;
			const path = join(folder, name);
			if (this.isStale(path)) {
				rmSync(path, {force: true});
				continue;
			}

			try {
				const text = readFileSync(path, 'utf8');
				JSON.parse(text);
				texts.push(text);
			} catch {}
		}

		return texts;
	}

	private isStale(path: string): boolean {
		try {
			const {mtimeMs} = statSync(path);
			if (Date.now() - mtimeMs > this.stale) return true;
			const {pid, host} = JSON.parse(readFileSync(path, 'utf8')) as {pid: number; host: string};
			return host === this.me.host && pid !== process.pid && !isAlive(pid);
		} catch {
			return false;
		}
	}

	private ownsLease(path: string): boolean {
		try {
			const {pid, host} = JSON.parse(readFileSync(path, 'utf8')) as {pid: number; host: string};
			return pid === process.pid && host === this.me.host;
		} catch {
			return false;
		}
	}

	private create(path: string, sample: string): boolean {
		let fd: number;
		try {
			fd = openSync(path, 'wx');
		} catch (error) {
			// Only an existing lease means "taken"; any other failure is the folder's, not a peer's.
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			return false;
		}

		try {
			writeSync(fd, JSON.stringify({sample, reviewer: this.me.reviewer, host: this.me.host, pid: this.me.pid}));
		} finally {
			closeSync(fd);
		}

		return true;
	}

	private writePresence() {
		const path = this.presencePath();
		const temporary = `${path}.${process.pid}.tmp`;
		const fd = openSync(temporary, 'w');
		try {
			writeSync(fd, JSON.stringify(this.me));
		} finally {
			closeSync(fd);
		}

		renameSync(temporary, path);
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

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
