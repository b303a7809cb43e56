import type {Client} from 'pg';
import {DecisionLines} from '../decision-lines.js';
import {RecordArray, type DecisionSource} from '../decision-source.js';
import type {DecisionRecord} from '../schema.js';
import type {DatasetRef} from '../open-store.js';
import {connect} from './connection.js';
import {resolveDataset} from './datasets.js';
import {checkNotNewer, schemaVersion} from './migrations.js';
import {fromRow, rowColumns, type DecisionRow} from './records.js';

/** Rows fetched per round trip by the cursor (the fallback read). */
const cursorRows = 10_000;

/** A DecisionSource that also hands out every record (export --decisions, db pull). */
export type RecordSource = DecisionSource & {all(): DecisionRecord[]};

/**
 * Every current decision on the dataset, for export and stats. Undefined when the database has no
 * winnow tables or no such dataset yet (every sample is then undecided, as without a decisions file).
 */
export async function readPostgresDecisions(url: string, dataset: DatasetRef): Promise<RecordSource | undefined> {
	const client = await connect(url);
	try {
		const version = await schemaVersion(client);
		checkNotNewer(version, url);
		if (version === 0) return undefined;
		const found = await client.query<{id: number}>('select id from winnow_datasets where name = $1', [dataset.name]);
		if (found.rows.length === 0) return undefined;
		const id = await resolveDataset(client, url, dataset.name, dataset.path, '', false);
		return await readCurrent(client, id, version);
	} finally {
		await client.end().catch(() => undefined);
	}
}

/**
 * The current decisions of a dataset, in one read-only snapshot: in the order of their commits when
 * `ordered` (db pull: the file lists them as they were made), else as stored: that order, but for
 * decisions changed since (as a decisions file keeps a changed decision where it was). Export and
 * stats group by sample and do not depend on the order but for the last digits of sums of
 * fractions (agreement); reading in order would cost them a third more. They
 * come as the lines a decisions file holds (winnow_current.record, streamed by one COPY: no
 * per-column parsing, no join) and are read as a decisions file's lines are (DecisionLines: records
 * made only when asked for). A line that does not read as a record (never written so by winnow)
 * makes it read the log's columns instead.
 */
export async function readCurrent(client: Client, dataset: number, version: number, ordered = false): Promise<RecordSource> {
	await client.query('begin isolation level repeatable read read only');
	try {
		return await currentSource(client, dataset, version, ordered);
	} finally {
		await client.query('commit').catch(() => undefined);
	}
}

/** readCurrent within a transaction the caller holds. */
export async function currentSource(client: Client, dataset: number, version: number, ordered = false): Promise<RecordSource> {
	// Schema 1 (not migrated yet: export and stats do not migrate) has no lines.
	return (version >= 2 ? await currentLines(client, dataset, ordered) : undefined) ?? currentColumns(client, dataset);
}

/** Before the lines: a decisions file's head, which DecisionLines reads past. */
const head = Buffer.from('{\n"decisions": [\n');
/** A decisions file with no decisions, as winnow writes it. */
const empty = Buffer.from('{\n"decisions": []\n}\n');
const tail = Buffer.from('\n]\n}\n');

async function currentLines(client: Client, dataset: number, ordered: boolean): Promise<RecordSource | undefined> {
	const copyStreams = await import('pg-copy-streams');
	// A CommonJS module: its exports are `default` when bundled.
	const copyTo = ((copyStreams as unknown as {default?: typeof copyStreams}).default ?? copyStreams).to;
	// COPY takes no parameters: the id is a number. CSV with a delimiter and a quote that JSON text
	// never holds unescaped (control characters): each line comes out as it is, with a line feed.
	const stream = client.query(copyTo(`copy (select record || ',' from winnow_current where dataset_id = ${Number(dataset)}${ordered ? ' order by seq' : ''})
		to stdout with (format csv, delimiter e'\\x01', quote e'\\x02')`));
	const chunks: Buffer[] = [];
	let length = 0;
	for await (const chunk of stream) {
		chunks.push(chunk as Buffer);
		length += (chunk as Buffer).length;
	}

	let bytes: Buffer;
	if (length === 0) {
		bytes = empty;
	} else {
		// One buffer laid out as a decisions file: the last line's comma and line feed give way to its end.
		bytes = Buffer.allocUnsafe(head.length + length - 2 + tail.length);
		let at = head.copy(bytes, 0);
		for (const chunk of chunks) at += chunk.copy(bytes, at);
		tail.copy(bytes, at - 2);
	}

	chunks.length = 0;
	const lines = DecisionLines.read(bytes);
	if (!lines) return undefined;
	return Object.assign(lines, {all: () => lines.records()});
}

/** The same records from the log's columns, through a cursor. */
async function currentColumns(client: Client, dataset: number): Promise<RecordSource> {
	const records: DecisionRecord[] = [];
	await streamColumns(client, dataset, row => {
		records.push(fromRow(row));
	});
	return Object.assign(new RecordArray(records), {all: () => records});
}

async function streamColumns(client: Client, dataset: number, each: (row: DecisionRow) => void): Promise<void> {
	const {default: Cursor} = await import('pg-cursor');
	const cursor = client.query(new Cursor<DecisionRow>(`select ${rowColumns} from winnow_current c join winnow_decisions d on d.seq = c.seq where c.dataset_id = $1 order by c.seq`, [dataset]));
	for (;;) {
		const rows = await cursor.read(cursorRows);
		if (rows.length === 0) break;
		for (const row of rows) each(row);
	}

	await cursor.close();
}
