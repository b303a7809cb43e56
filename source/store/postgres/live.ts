import {hostname} from 'node:os';
import type {LiveChannel, Peer} from '../live-channel.js';
import type {ClaimBasis, SplitRule} from './backend.js';
import type {PgSession} from './session.js';

export type PgLiveOptions = {
	/** How often to renew our presence and leases and read the others' (ms). */
	heartbeat?: number;
	/** A presence or lease not renewed for this long belongs to a process that is gone (ms). */
	stale?: number;
	/**
	 * The samples the screen would hand out after this one, in order (undecided ones): their leases
	 * are taken ahead, so that reviewers typing fast on one dataset spread out instead of all
	 * reaching for the same next sample.
	 */
	upcoming?: (sample: string, skip: (sample: string) => boolean, count: number) => string[];
	/** Has anyone decided this sample (a verdict, not only a note)? */
	isDecided?: (sample: string) => boolean;
};

/** Leases taken ahead at most, and topped up when fewer than refillBelow are left to decide. */
const leasesAhead = 80;
const refillBelow = 60;

/**
 * Presence and split mode's leases in the database (winnow_presence, winnow_leases), for the review
 * screen, as LiveSession keeps them in files. A lease is a row claimed with an insert that conflicts
 * on (dataset, sample) and takes over only an expired one; rows are renewed by a heartbeat and expire
 * when it stops (a frozen or dead process), whether or not the process is alive. claim() answers at
 * once from what this process knows (others' leases, heard by NOTIFY within milliseconds); the claim
 * itself follows on the connection, and the rule where decisions are committed (SplitRule) settles a
 * race that neither process could see.
 */
type OtherRow = {kind: 'presence' | 'lease' | 'mine'; reviewer: string; host: string | null; pid: number | null; mode: string | null; sample: string | null};

/** Our presence row ($3 session, $1 dataset, $4 reviewer, $6 host, $7 pid, $8 mode, $9 sample). */
const upsertPresence = `insert into winnow_presence (session, dataset_id, reviewer, host, pid, mode, sample) values ($3, $1, $4, $6, $7, $8, $9)
	on conflict (session) do update set sample = excluded.sample, renewed_at = now()`;

/** Others' live presence and leases ($1 dataset, $2 our session, $3 stale seconds). */
const selectOthersOnly = `select 'presence' as kind, reviewer, host, pid, mode, sample from winnow_presence
	where dataset_id = $1 and session <> $2 and renewed_at > now() - make_interval(secs => $3)
	union all
	select 'lease', reviewer, null, null, null, sample from winnow_leases
	where dataset_id = $1 and session <> $2 and renewed_at > now() - make_interval(secs => $3)`;

/** selectOthersOnly in the numbering of claimSoon and beat. */
const selectOthers = `select kind, reviewer, host, pid, mode, sample from (
	select 'presence' as kind, reviewer, host, pid, mode, sample from winnow_presence
	where dataset_id = $1 and session <> $3 and renewed_at > now() - make_interval(secs => $5)
	union all
	select 'lease', reviewer, null, null, null, sample from winnow_leases
	where dataset_id = $1 and session <> $3 and renewed_at > now() - make_interval(secs => $5)
) others order by kind, reviewer, host, pid`;

export class PgLive implements LiveChannel, SplitRule {
	error: string | undefined;
	private held: string | undefined;
	/** Leases taken ahead (see PgLiveOptions.upcoming). */
	private ahead: string[] = [];
	private readonly upcoming: ((sample: string, skip: (sample: string) => boolean, count: number) => string[]) | undefined;
	private readonly isDecided: (sample: string) => boolean;
	/** Leases the database confirmed this process holds. */
	private readonly mine = new Set<string>();
	/** How many of them are still to decide (not the one open). */
	private usable = 0;
	private peers: Peer[] = [];
	private leasedByOthers = new Map<string, string>();
	private readonly bases = new Map<string, ClaimBasis>();
	private readonly listeners = new Set<() => void>();
	private readonly noticeListeners = new Set<(notice: string) => void>();
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
		this.upcoming = options.upcoming;
		this.isDecided = options.isDecided ?? (() => false);
	}

	get staleSeconds(): number {
		return this.stale / 1000;
	}

	/** Reads the others' presence and leases once, before the first sample is chosen. */
	async prime(): Promise<void> {
		const {rows} = await this.session.run(async client => client.query<OtherRow>(`select * from (${selectOthersOnly}) others`, [this.dataset, this.session.id, this.staleSeconds]));
		this.tookIn(rows);
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

	onNotice(listener: (notice: string) => void): () => void {
		this.noticeListeners.add(listener);
		return () => this.noticeListeners.delete(listener);
	}

	/** Tells the screen that split mode turned decisions down (another reviewer had those samples). */
	refused(records: Array<{sample: string; by: string}>) {
		if (records.length === 0) return;
		const [first] = records;
		const notice = records.length === 1
			? `${first.sample} was ${first.by}'s (opened or decided at the same moment): your decision on it was not recorded`
			: `${records.length} samples were another reviewer's (opened or decided at the same moment): your decisions on them were not recorded`;
		for (const listener of this.noticeListeners) listener(notice);
	}

	others(): Peer[] {
		return this.peers;
	}

	/**
	 * Has another process this sample open, or leased ahead? While this process has samples leased
	 * ahead still to decide, every other sample counts as taken too: advancing goes to its own, and
	 * reviewers typing fast on one dataset work on different stretches of it instead of colliding.
	 */
	isTakenByOther(sample: string): boolean {
		return this.leasedByOthers.has(sample) || (this.usable > 0 && !this.mine.has(sample));
	}

	/** Sessions of one reviewer on a database are not taken over (the file store's feature). */
	readonly superseded = false;
	readonly tookOverFrom: Peer[] = [];

	continueHere() {}

	takeLost(): undefined {
		return undefined;
	}

	claim(sample: string, verify?: () => boolean): boolean {
		if (this.held === sample) return true;
		if (verify && !this.leasedByOthers.has(sample) && !verify()) return false;
		if (this.leasedByOthers.has(sample)) {
			// Opened anyway (`:`, or a filter other than undecided): the header says by whom.
			this.bases.set(sample, {seq: this.seen(), knowingly: true});
			return false;
		}

		this.held = sample;
		this.countUsable();
		this.ahead = !this.mine.has(sample) || this.usable < refillBelow ? this.leaseAhead(sample) : [];
		this.bases.set(sample, {seq: this.seen(), knowingly: false});
		this.forgetOldBases();
		this.claimSoon();
		return true;
	}

	release() {
		this.held = undefined;
	}

	/**
	 * The samples to lease ahead of this one: leasesAhead of them, or near the end of what is left,
	 * a share that leaves as many for each other reviewer (so nobody is told there is nothing left
	 * while one process holds the last samples).
	 */
	private leaseAhead(sample: string): string[] {
		const candidates = this.upcoming?.(sample, next => this.leasedByOthers.has(next), 2 * leasesAhead) ?? [];
		if (candidates.length >= 2 * leasesAhead) return candidates.slice(0, leasesAhead);
		return candidates.slice(0, Math.floor(candidates.length / (this.peers.length + 2)));
	}

	basisFor(sample: string): ClaimBasis | undefined {
		return this.bases.get(sample);
	}

	keepLeases(written: ReadonlySet<string>): string[] {
		const keep = [...this.unsaved(), ...this.ahead, ...this.mine].filter(sample => !written.has(sample));
		if (this.held !== undefined) keep.push(this.held);
		return keep;
	}

	/** Claims the open sample (and those ahead) on the connection; a burst of moves sends only the last. */
	private claimSoon() {
		if (this.claimQueued || this.stopped) return;
		this.claimQueued = true;
		void this.session.run(async client => {
			this.claimQueued = false;
			// In one order for everyone, so two processes taking overlapping sets cannot deadlock.
			const samples = this.held === undefined ? [] : [...new Set([this.held, ...this.ahead])].sort();
			// One round trip: take the leases, say where we are, tell the others, and read theirs.
			const {rows} = await client.query<OtherRow>(
				`with leased as (
					insert into winnow_leases (dataset_id, sample, session, reviewer) select $1, sample, $3, $4 from unnest($2::text[]) as sample
					on conflict (dataset_id, sample) do update set session = excluded.session, reviewer = excluded.reviewer, renewed_at = now()
					where winnow_leases.session = excluded.session or winnow_leases.renewed_at < now() - make_interval(secs => $5)
					returning sample
				), present as (${upsertPresence} returning pg_notify($10, $11))
				select 'mine' as kind, '' as reviewer, null as host, null::integer as pid, null as mode, sample from leased
				union all
				${selectOthers}`,
				[this.dataset, samples, this.session.id, this.reviewer, this.staleSeconds, this.host, process.pid, this.mode, this.held ?? null, this.session.channel, this.notice()],
			);
			this.tookIn(rows);
		}).catch(() => {
			this.claimQueued = false;
		});
	}

	/** Renews presence and leases, lets go of leases no longer needed, reads the others'. */
	private beat() {
		if (this.stopped) return;
		void this.session.run(async client => {
			const {rows} = await client.query<OtherRow>(
				`with renewed as (
					update winnow_leases set renewed_at = now() where session = $3 and sample = any($2::text[])
				), dropped as (
					delete from winnow_leases where session = $3 and not (sample = any($2::text[]))
				), present as (${upsertPresence})
				${selectOthers}`,
				[this.dataset, this.keepLeases(new Set()), this.session.id, this.reviewer, this.staleSeconds, this.host, process.pid, this.mode, this.held ?? null],
			);
			this.tookIn(rows);
		}).catch(() => undefined);
	}

	private readSoon() {
		if (this.readQueued || this.stopped) return;
		this.readQueued = true;
		void this.session.run(async client => {
			this.readQueued = false;
			const {rows} = await client.query<OtherRow>(
				`select * from (${selectOthersOnly}) others`,
				[this.dataset, this.session.id, this.staleSeconds],
			);
			this.tookIn(rows);
		}).catch(() => {
			this.readQueued = false;
		});
	}

	private notice(): string {
		return JSON.stringify({dataset: this.dataset, session: this.session.id, kind: 'live'});
	}

	/** Others' presence and leases as read: tells listeners when anything changed. */
	private tookIn(rows: OtherRow[]) {
		for (const row of rows) if (row.kind === 'mine') this.mine.add(row.sample!);
		const before = JSON.stringify([this.peers, [...this.leasedByOthers]]);
		this.peers = rows.filter(row => row.kind === 'presence').map(row => ({reviewer: row.reviewer, host: row.host!, pid: row.pid!, mode: row.mode!, ...(row.sample === null ? {} : {sample: row.sample})}));
		this.leasedByOthers = new Map(rows.filter(row => row.kind === 'lease').map(row => [row.sample!, row.reviewer]));
		this.countUsable();
		if (JSON.stringify([this.peers, [...this.leasedByOthers]]) !== before) for (const listener of this.listeners) listener();
	}

	/** Drops leases of samples decided since, and counts those left to decide. */
	private countUsable() {
		let usable = 0;
		for (const sample of this.mine) {
			if (this.isDecided(sample) || this.leasedByOthers.has(sample)) this.mine.delete(sample);
			else if (sample !== this.held) usable++;
		}

		this.usable = usable;
	}

	/** The bases of samples long left behind are not needed: their decisions are written. */
	private forgetOldBases() {
		if (this.bases.size < 10_000) return;
		const keep = new Set(this.keepLeases(new Set()));
		for (const sample of this.bases.keys()) if (!keep.has(sample)) this.bases.delete(sample);
	}
}
