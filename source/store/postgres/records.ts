import type {DecisionRecord, Verdict} from '../schema.js';

/** A decisions log row as node-postgres returns it. */
export type DecisionRow = {
	seq: string;
	sample: string;
	reviewer: string;
	verdict: Verdict | null;
	categories: string[];
	note: string;
	reasons: string[] | null;
	rule: string | null;
	resolution: boolean | null;
	correction: unknown;
	extra: Record<string, unknown> | null;
	at: string;
};

/** The columns a row of the log is read with. */
export const rowColumns = 'd.seq, d.sample, d.reviewer, d.verdict, d.categories, d.note, d.reasons, d.rule, d.resolution, d.correction, d.extra, d.at';

const known = new Set(['sample', 'reviewer', 'verdict', 'categories', 'note', 'at', 'resolution', 'reasons', 'rule', 'correction']);

/** A record as the JSON object jsonb_to_recordset reads: known fields in columns, any other kept in `extra`, and the whole record as its line. */
export function toRow(record: DecisionRecord): Record<string, unknown> {
	const fields = record as Record<string, unknown>;
	const extra: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(fields)) if (!known.has(key) && value !== undefined) extra[key] = value;
	const row: Record<string, unknown> = {
		sample: record.sample,
		reviewer: record.reviewer,
		verdict: record.verdict,
		categories: record.categories,
		note: record.note,
		at: record.at,
		resolution: null,
		reasons: null,
		rule: null,
		correction: fields.correction ?? null,
	};
	// A field of an unexpected type goes to `extra` as it is rather than fail the write.
	for (const [key, fits] of [['resolution', typeof fields.resolution === 'boolean'], ['reasons', isStrings(fields.reasons)], ['rule', typeof fields.rule === 'string']] as const) {
		if (fields[key] === undefined) continue;
		if (fits) row[key] = fields[key];
		else extra[key] = fields[key];
	}

	if (fields.correction === null) extra.correction = null;
	row.extra = Object.keys(extra).length > 0 ? extra : null;
	// The line a decisions file holds for it: what export, stats and db pull read (see read.ts).
	row.record = JSON.stringify(record);
	return row;
}

export function fromRow(row: DecisionRow): DecisionRecord {
	const record: Record<string, unknown> = {
		sample: row.sample,
		reviewer: row.reviewer,
		verdict: row.verdict,
		categories: row.categories,
		note: row.note,
		at: row.at,
	};
	if (row.resolution !== null) record.resolution = row.resolution;
	if (row.reasons !== null) record.reasons = row.reasons;
	if (row.rule !== null) record.rule = row.rule;
	if (row.correction !== null && row.correction !== undefined) record.correction = row.correction;
	if (row.extra) Object.assign(record, row.extra);
	return record as DecisionRecord;
}

function isStrings(value: unknown): boolean {
	return Array.isArray(value) && value.every(item => typeof item === 'string');
}
