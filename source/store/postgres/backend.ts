import type {Client} from 'pg';
import type {DecisionBackend} from '../decision-backend.js';
import type {DecisionRecord} from '../schema.js';
import {fromRow, rowColumns, toRow, type DecisionRow} from './records.js';
import type {PgSession} from './session.js';

/** What split mode knew when this process opened a sample (see SplitRule). */
export type ClaimBasis = {
	/** The newest log row this process had taken in when it opened the sample. */
	seq: number;
	/** Opened knowing another reviewer had it open (`:` or a filter): deciding it is meant. */
	knowingly: boolean;
};

/**
 * Split mode's rule, checked where decisions are committed, so it holds however fast keys come:
 * a verdict on a sample is turned down when another reviewer decided that sample after this
 * process opened it without knowing, or another live process holds its lease and this one did not
 * open it knowingly. Such a decision is kept in the log (refused_by says who had the sample), not
 * made current, and the reviewer's screen shows the other reviewer's decision instead.
 */
export type SplitRule = {
	basisFor(sample: string): ClaimBasis | undefined;
	/** Samples whose leases this process keeps after a write: the one open, and those with unsaved changes. */
	keepLeases(written: ReadonlySet<string>): string[];
	/** Seconds after which a lease not renewed is free. */
	staleSeconds: number;
};

const incomingColumns = 'sample text, reviewer text, verdict text, categories text[], note text, reasons text[], rule text, resolution boolean, correction jsonb, extra jsonb, at text, basis bigint, checked boolean';

/** One statement: judge each incoming decision, append it to the log, and make the accepted ones current. */
const insertDecisions = `
with incoming as (
	select * from jsonb_to_recordset($2::jsonb) as r(${incomingColumns})
), judged as (
	select i.*, case when i.checked and i.verdict is not null then coalesce(
		(select c.reviewer from winnow_current c
			where c.dataset_id = $1 and c.sample = i.sample and c.reviewer <> i.reviewer and c.verdict is not null and c.seq > i.basis
			limit 1),
		(select l.reviewer from winnow_leases l
			where l.dataset_id = $1 and l.sample = i.sample and l.session <> $3 and l.renewed_at > now() - make_interval(secs => $4))
	) end as refused_by
	from incoming i
), logged as (
	insert into winnow_decisions (dataset_id, sample, reviewer, verdict, categories, note, reasons, rule, resolution, correction, extra, at, refused_by, session)
	select $1, sample, reviewer, verdict, coalesce(categories, '{}'), coalesce(note, ''), reasons, rule, resolution, correction, extra, at, refused_by, $3
	from judged
	on conflict (dataset_id, sample, reviewer, at) do nothing
	returning seq, sample, reviewer, at, verdict, refused_by
)
insert into winnow_current (dataset_id, sample, reviewer, seq, at, verdict)
select $1, sample, reviewer, seq, at, verdict from logged where refused_by is null
on conflict (dataset_id, sample, reviewer) do update set seq = excluded.seq, at = excluded.at, verdict = excluded.verdict
	where winnow_current.at < excluded.at`;

/** Rows per statement when many decisions go at once (db push). */
const batchRows = 2000;

/**
 * The decisions of one dataset in PostgreSQL, for a DecisionStore: an append-only log
 * (winnow_decisions) with the current decision per sample and reviewer (winnow_current). Writers
 * of one dataset take turns (a row lock on the dataset), so the log's order is the order of
 * commits and "what changed since row N" is exact; other processes hear of a commit by NOTIFY.
 */
export class PgDecisionBackend implements DecisionBackend {
	/** The newest log row the store has taken in. */
	seen = 0;
	/** Decisions split mode turned down so far (this process). */
	refused = 0;
	private closed = false;

	constructor(readonly session: PgSession, readonly dataset: number, private readonly split?: SplitRule) {}

	async readAll(): Promise<DecisionRecord[]> {
		const {records, newest} = await this.session.run(async client => {
			await client.query('begin isolation level repeatable read read only');
			try {
				const current = await client.query<DecisionRow>(`select ${rowColumns} from winnow_current c join winnow_decisions d on d.seq = c.seq where c.dataset_id = $1`, [this.dataset]);
				const max = await client.query<{max: string | null}>('select max(seq) as max from winnow_decisions where dataset_id = $1', [this.dataset]);
				return {records: current.rows.map(row => fromRow(row)), newest: Number(max.rows[0].max ?? 0)};
			} finally {
				await client.query('commit').catch(() => undefined);
			}
		});
		this.seen = Math.max(this.seen, newest);
		return records;
	}

	async writeChanges(changes: DecisionRecord[] | (() => DecisionRecord[])): Promise<DecisionRecord[]> {
		const {incoming, newest, refused} = await this.session.transaction(async client => {
			const list = typeof changes === 'function' ? changes() : changes;
			await client.query('select 1 from winnow_datasets where id = $1 for update', [this.dataset]);
			const refusedLocally: DecisionRecord[] = [];
			let newest = this.seen;
			for (let from = 0; from < list.length; from += batchRows) {
				const batch = list.slice(from, from + batchRows);
				const rows = batch.map(record => {
					const basis = this.split?.basisFor(record.sample);
					return {...toRow(record), basis: basis?.seq ?? this.seen, checked: this.split !== undefined && !basis?.knowingly};
				});
				const json = JSON.stringify(rows);
				// eslint-disable-next-line no-await-in-loop
				await client.query(insertDecisions, [this.dataset, json, this.session.id, this.split?.staleSeconds ?? 5]);
				// eslint-disable-next-line no-await-in-loop
				const results = await client.query<{seq: string; sample: string; reviewer: string; at: string; refused_by: string | null}>(
					`select d.seq, d.sample, d.reviewer, d.at, d.refused_by from jsonb_to_recordset($2::jsonb) as i(sample text, reviewer text, at text)
					join winnow_decisions d on d.dataset_id = $1 and d.sample = i.sample and d.reviewer = i.reviewer and d.at = i.at`,
					[this.dataset, json],
				);
				for (const result of results.rows) {
					newest = Math.max(newest, Number(result.seq));
					if (result.refused_by === null) continue;
					// Taken back on this screen: a newer empty record in memory (the database has none).
					refusedLocally.push({sample: result.sample, reviewer: result.reviewer, verdict: null, categories: [], note: '', at: new Date(Date.parse(result.at) + 1).toISOString()});
				}
			}

			const others = await this.since(client, this.seen);
			for (const row of others) newest = Math.max(newest, Number(row.seq));
			if (this.split) {
				const written = new Set(list.map(record => record.sample));
				await client.query('delete from winnow_leases where session = $1 and not (sample = any($2::text[]))', [this.session.id, this.split.keepLeases(written)]);
			}

			await this.session.notify(client, this.dataset, 'decisions');
			return {incoming: [...others.map(row => fromRow(row)), ...refusedLocally], newest, refused: refusedLocally.length};
		});
		// Only now, as the store takes these in (no key can come between): see ClaimBasis.
		this.seen = Math.max(this.seen, newest);
		this.refused += refused;
		return incoming;
	}

	async refresh(): Promise<DecisionRecord[]> {
		if (this.closed) return [];
		const rows = await this.session.run(async client => this.since(client, this.seen));
		for (const row of rows) this.seen = Math.max(this.seen, Number(row.seq));
		return rows.map(row => fromRow(row));
	}

	watch(changed: () => void): () => void {
		const stopEvents = this.session.onEvent(event => {
			if (event.dataset === this.dataset && event.kind === 'decisions') changed();
		});
		// What was written while the connection was down: catch up once it is back.
		const stopReconnects = this.session.onReconnect(changed);
		return () => {
			stopEvents();
			stopReconnects();
		};
	}

	close() {
		this.closed = true;
		void this.session.close();
	}

	/** Other processes' accepted decisions logged after row `seq`, oldest first. */
	private async since(client: Client, seq: number): Promise<DecisionRow[]> {
		const {rows} = await client.query<DecisionRow>(
			`select ${rowColumns} from winnow_decisions d where d.dataset_id = $1 and d.seq > $2 and d.refused_by is null and d.session <> $3 order by d.seq`,
			[this.dataset, seq, this.session.id],
		);
		return rows;
	}
}
