import {hostname} from 'node:os';
import type {LiveChannel, Peer} from '../live-channel.js';
import type {ClaimBasis, SplitRule} from './backend.js';
import type {PgSession} from './session.js';

export type PgLiveOptions = {
	/** How often to renew our presence and leases and read the others' (ms). */
	heartbeat?: number;
	/** A presence or lease not renewed for this long belongs to a process that is gone (ms). */
	stale?: number;
};

/**
 * Presence and split mode's leases in the database (winnow_presence, winnow_leases), for the review
 * screen, as LiveSession keeps them in files. A lease is a row claimed with an insert that conflicts
 * on (dataset, sample) and takes over only an expired one; rows are renewed by a heartbeat and expire
 * when it stops (a frozen or dead process), whether or not the process is alive. claim() answers at
 * once from what this process knows (others' leases, heard by NOTIFY within milliseconds); the claim
 * itself follows on the connection, and the rule where decisions are committed (SplitRule) settles a
 * race that neither process could see.
 */
export class PgLive implements LiveChannel, SplitRule {
	error: string | undefined;
	private held: string | undefined;
	private peers: Peer[] = [];
	private leasedByOthers = new Map<string, string>();
	private readonly bases = new Map<string, ClaimBasis>();
	private readonly listeners = new Set<() => void>();
	private readonly heartbeat: number;
	private readonly stale: number;
	private timer: NodeJS.Timeout | undefined;
	private claimQueued = false;
	private readQueued = false;
	private stopped = false;
	private readonly unsubscribe: Array<() => void> = [];
	private readonly host = hostname();

	constructor(
		private readonly session: PgSession,
		private readonly dataset: number,
		private readonly reviewer: string,
		private readonly mode: string,
		/** The newest log row the store has taken in (PgDecisionBackend.seen). */
		private readonly seen: () => number,
		/** Samples with changes not saved yet: their leases are kept until they are. */
		private readonly unsaved: () => Iterable<string>,
		options: PgLiveOptions = {},
	) {
		this.heartbeat = options.heartbeat ?? 1000;
		this.stale = options.stale ?? 5000;
	}

	get staleSeconds(): number {
		return this.stale / 1000;
	}

	start() {
		// Started again after stop() when the review reopens a dataset that changed on disk.
		this.stopped = false;
		this.unsubscribe.push(this.session.onEvent(event => {
			if (event.dataset === this.dataset && event.kind === 'live') this.readSoon();
		}), this.session.onReconnect(() => {
			// Our rows may have expired while we were away: renew them, and claim the open sample again.
			this.beat();
			this.claimSoon();
		}));
		this.beat();
		this.timer = setInterval(() => {
			this.beat();
		}, this.heartbeat);
		this.timer.unref();
	}

	stop() {
		if (this.stopped) return;
		this.stopped = true;
		if (this.timer) clearInterval(this.timer);
		for (const stop of this.unsubscribe.splice(0)) stop();
		this.held = undefined;
		void this.session.run(async client => {
			await client.query('delete from winnow_leases where session = $1', [this.session.id]);
			await client.query('delete from winnow_presence where session = $1', [this.session.id]);
			await this.session.notify(client, this.dataset, 'live');
		}).catch(() => undefined);
	}

	onChange(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	others(): Peer[] {
		return this.peers;
	}

	isTakenByOther(sample: string): boolean {
		return this.leasedByOthers.has(sample);
	}

	claim(sample: string): boolean {
		if (this.held === sample) return true;
		if (this.leasedByOthers.has(sample)) {
			// Opened anyway (`:`, or a filter other than undecided): the header says by whom.
			this.bases.set(sample, {seq: this.seen(), knowingly: true});
			return false;
		}

		this.held = sample;
		this.bases.set(sample, {seq: this.seen(), knowingly: false});
		this.forgetOldBases();
		this.claimSoon();
		return true;
	}

	release() {
		this.held = undefined;
	}

	basisFor(sample: string): ClaimBasis | undefined {
		return this.bases.get(sample);
	}

	keepLeases(written: ReadonlySet<string>): string[] {
		const keep = [...this.unsaved()].filter(sample => !written.has(sample));
		if (this.held !== undefined) keep.push(this.held);
		return keep;
	}

	/** Claims the open sample on the connection; a burst of moves sends only the last. */
	private claimSoon() {
		if (this.claimQueued || this.stopped) return;
		this.claimQueued = true;
		void this.session.run(async client => {
			this.claimQueued = false;
			const sample = this.held;
			if (sample !== undefined) {
				await client.query(
					`insert into winnow_leases (dataset_id, sample, session, reviewer) values ($1, $2, $3, $4)
					on conflict (dataset_id, sample) do update set session = excluded.session, reviewer = excluded.reviewer, renewed_at = now()
					where winnow_leases.session = excluded.session or winnow_leases.renewed_at < now() - make_interval(secs => $5)`,
					[this.dataset, sample, this.session.id, this.reviewer, this.staleSeconds],
				);
			}

			await this.upsertPresence(client);
			await this.session.notify(client, this.dataset, 'live');
			await this.readOthers(client);
		}).catch(() => {
			this.claimQueued = false;
		});
	}

	/** Renews presence and leases, lets go of leases no longer needed, reads the others'. */
	private beat() {
		if (this.stopped) return;
		void this.session.run(async client => {
			await this.upsertPresence(client);
			await client.query('update winnow_leases set renewed_at = now() where session = $1', [this.session.id]);
			await client.query('delete from winnow_leases where session = $1 and not (sample = any($2::text[]))', [this.session.id, this.keepLeases(new Set())]);
			await this.readOthers(client);
		}).catch(() => undefined);
	}

	private readSoon() {
		if (this.readQueued || this.stopped) return;
		this.readQueued = true;
		void this.session.run(async client => {
			this.readQueued = false;
			await this.readOthers(client);
		}).catch(() => {
			this.readQueued = false;
		});
	}

	private async upsertPresence(client: import('pg').Client) {
		await client.query(
			`insert into winnow_presence (session, dataset_id, reviewer, host, pid, mode, sample) values ($1, $2, $3, $4, $5, $6, $7)
			on conflict (session) do update set sample = excluded.sample, renewed_at = now()`,
			[this.session.id, this.dataset, this.reviewer, this.host, process.pid, this.mode, this.held ?? null],
		);
	}

	private async readOthers(client: import('pg').Client) {
		const peers = await client.query<{reviewer: string; host: string; pid: number; mode: string; sample: string | null}>(
			`select reviewer, host, pid, mode, sample from winnow_presence
			where dataset_id = $1 and session <> $2 and renewed_at > now() - make_interval(secs => $3) order by reviewer, host, pid`,
			[this.dataset, this.session.id, this.staleSeconds],
		);
		const leases = await client.query<{sample: string; reviewer: string}>(
			'select sample, reviewer from winnow_leases where dataset_id = $1 and session <> $2 and renewed_at > now() - make_interval(secs => $3)',
			[this.dataset, this.session.id, this.staleSeconds],
		);
		const before = JSON.stringify([this.peers, [...this.leasedByOthers]]);
		this.peers = peers.rows.map(row => ({reviewer: row.reviewer, host: row.host, pid: row.pid, mode: row.mode, ...(row.sample === null ? {} : {sample: row.sample})}));
		this.leasedByOthers = new Map(leases.rows.map(row => [row.sample, row.reviewer]));
		if (JSON.stringify([this.peers, [...this.leasedByOthers]]) !== before) for (const listener of this.listeners) listener();
	}

	/** The bases of samples long left behind are not needed: their decisions are written. */
	private forgetOldBases() {
		if (this.bases.size < 10_000) return;
		const keep = new Set(this.keepLeases(new Set()));
		for (const sample of this.bases.keys()) if (!keep.has(sample)) this.bases.delete(sample);
	}
}
