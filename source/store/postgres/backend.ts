import type {Client} from 'pg';
import type {DecisionBackend} from '../decision-backend.js';
import type {DecisionRecord, ReviewMode} from '../schema.js';
import {latestSchema} from './migrations.js';
import {currentSource} from './read.js';
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
	/** Decisions just turned down, and whose the sample was. */
	refused?(records: Array<{sample: string; by: string}>): void;
};

type WrittenRow = DecisionRow & {kind: 'mine' | 'other'; refused_by: string | null};

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
	/** The dataset's review mode, for a review session (set when it opens: see open.ts). */
	mode: ReviewMode | undefined;
	/** Unused: the mode is stored when a review session opens, not with the first write. */
	defaultMode: ReviewMode | undefined;
	private closed = false;

	constructor(readonly session: PgSession, readonly dataset: number, private readonly split?: SplitRule) {}

	async readAll(): Promise<DecisionRecord[]> {
		const {records, newest} = await this.session.run(async client => {
			await client.query('begin isolation level repeatable read read only');
			try {
				const current = await currentSource(client, this.dataset, latestSchema);
				const max = await client.query<{max: string | null}>('select max(seq) as max from winnow_decisions where dataset_id = $1', [this.dataset]);
				return {records: current.all(), newest: Number(max.rows[0].max ?? 0)};
			} finally {
				await client.query('commit').catch(() => undefined);
			}
		});
		this.seen = Math.max(this.seen, newest);
		return records;
	}

	async writeChanges(changes: DecisionRecord[] | (() => DecisionRecord[])): Promise<DecisionRecord[]> {
		const {incoming, newest, refused} = await this.session.run(async client => {
			const list = typeof changes === 'function' ? changes() : changes;
			const refusedHere: DecisionRecord[] = [];
			const refusedBy: Array<{sample: string; by: string}> = [];
			const others: DecisionRecord[] = [];
			let newest = this.seen;
			const notice = JSON.stringify({dataset: this.dataset, session: this.session.id, kind: 'decisions'});
			// Each batch is one round trip and one transaction (winnow_write, see migrations.ts).
			for (let from = 0; from < list.length || from === 0; from += batchRows) {
				const batch = list.slice(from, from + batchRows);
				const rows = batch.map(record => {
					const basis = this.split?.basisFor(record.sample);
					return {...toRow(record), basis: basis?.seq ?? this.seen, checked: this.split !== undefined && !basis?.knowingly};
				});
				const last = from + batchRows >= list.length;
				const result = await client.query<WrittenRow>('select * from winnow_write($1, $2, $3, $4, $5, $6, $7, $8)', [
					this.dataset, JSON.stringify(rows), this.session.id, this.split?.staleSeconds ?? 5, newest,
					last && this.split ? this.split.keepLeases(new Set(list.map(record => record.sample))) : null,
					this.session.channel, notice,
				]);
				for (const row of result.rows) {
					newest = Math.max(newest, Number(row.seq));
					if (row.kind === 'other') {
						others.push(fromRow(row));
					} else if (row.refused_by !== null) {
						// Taken back on this screen: a newer empty record in memory (the database has none).
						refusedHere.push({sample: row.sample, reviewer: row.reviewer, verdict: null, categories: [], note: '', at: new Date(Date.parse(row.at) + 1).toISOString()});
						refusedBy.push({sample: row.sample, by: row.refused_by});
					}
				}

				if (last) break;
			}

			return {incoming: [...others, ...refusedHere], newest, refused: refusedBy};
		}, true);
		// Only now, as the store takes these in (no key can come between): see ClaimBasis.
		this.seen = Math.max(this.seen, newest);
		this.refused += refused.length;
		this.split?.refused?.(refused);
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
