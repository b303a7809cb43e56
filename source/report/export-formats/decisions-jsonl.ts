import type {DecisionRecord} from '../../store/schema.js';

/* winnow export --decisions (--format jsonl, the default): one JSON object per decision. */

/** rule is null for a decision made one sample at a time; reasons is empty for none. */
export function decisionJson(record: DecisionRecord): string {
	const reasons = Array.isArray(record.reasons) ? record.reasons.filter(reason => typeof reason === 'string') : [];
	return JSON.stringify({sample: record.sample, reviewer: record.reviewer, verdict: record.verdict, categories: record.categories, note: record.note, at: record.at, resolution: record.resolution === true, reasons, rule: typeof record.rule === 'string' ? record.rule : null});
}
