import type {Client} from 'pg';
import {RecordArray} from '../decision-source.js';
import type {DecisionRecord} from '../schema.js';
import type {DatasetRef} from '../open-store.js';
import {connect} from './connection.js';
import {resolveDataset} from './datasets.js';
import {checkNotNewer, schemaVersion} from './migrations.js';
import {fromRow, rowColumns, type DecisionRow} from './records.js';

/** Rows fetched per round trip while streaming. */
const cursorRows = 10_000;

/** A list of records that also hands out the list (export --decisions, db pull). */
export class RecordList extends RecordArray {
	constructor(private readonly list: DecisionRecord[]) {
		super(list);
	}

	all(): DecisionRecord[] {
		return this.list;
	}
}

/**
 * Every current decision on the dataset, streamed from the database with a cursor (10,000 rows a
 * round trip): memory holds the decisions, never the dataset. Undefined when the database has no
 * winnow tables or no such dataset yet (every sample is then undecided, as without a decisions file).
 */
export async function readPostgresDecisions(url: string, dataset: DatasetRef): Promise<RecordList | undefined> {
	const client = await connect(url);
	try {
		const version = await schemaVersion(client);
		checkNotNewer(version, url);
		if (version === 0) return undefined;
		const found = await client.query<{id: number}>('select id from winnow_datasets where name = $1', [dataset.name]);
		if (found.rows.length === 0) return undefined;
		const id = await resolveDataset(client, url, dataset.name, dataset.path, '', false);
		const records: DecisionRecord[] = [];
		await streamCurrent(client, id, row => {
			records.push(fromRow(row));
		});
		return new RecordList(records);
	} finally {
		await client.end().catch(() => undefined);
	}
}

/** Calls `each` with every current decision of a dataset, oldest change first, through a cursor. */
export async function streamCurrent(client: Client, dataset: number, each: (row: DecisionRow) => void): Promise<void> {
	const {default: Cursor} = await import('pg-cursor');
	await client.query('begin isolation level repeatable read read only');
	try {
		const cursor = client.query(new Cursor<DecisionRow>(`select ${rowColumns} from winnow_current c join winnow_decisions d on d.seq = c.seq where c.dataset_id = $1 order by c.seq`, [dataset]));
		for (;;) {
			const rows = await cursor.read(cursorRows);
			if (rows.length === 0) break;
			for (const row of rows) each(row);
		}

		await cursor.close();
	} finally {
		await client.query('commit').catch(() => undefined);
	}
}
