import type {DecisionRecord} from '../../store/schema.js';

/* winnow export --decisions --format csv: one row per decision, RFC 4180. */

/** reasons and rule came later: new columns go at the end, so scripts reading by position still work. */
export const csvColumns = ['sample', 'reviewer', 'verdict', 'categories', 'note', 'at', 'resolution', 'reasons', 'rule'] as const;

export function decisionCells(record: DecisionRecord): string[] {
	const reasons = Array.isArray(record.reasons) ? record.reasons.filter(reason => typeof reason === 'string') : [];
	return [record.sample, record.reviewer, record.verdict ?? '', record.categories.join(';'), record.note, record.at, record.resolution === true ? 'true' : 'false', reasons.join(';'), typeof record.rule === 'string' ? record.rule : ''];
}

/** One CSV record, RFC 4180: fields with a comma, quote, CR or LF are quoted, quotes doubled; CRLF ends it. */
export function csvRow(cells: readonly string[]): string {
	return cells.map(cell => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(',') + '\r\n';
}
