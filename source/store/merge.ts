import {recordKey, type DecisionRecord} from './schema.js';

/** Newest wins; equal times fall back to a stable order so every process picks the same record. */
export function newer(a: DecisionRecord, b: DecisionRecord): DecisionRecord {
	if (a.at !== b.at) return a.at > b.at ? a : b;
	return JSON.stringify(a) >= JSON.stringify(b) ? a : b;
}

/** Merges records into `into` per sample and reviewer; returns the keys whose record changed. */
export function mergeRecords(into: Map<string, DecisionRecord>, records: Iterable<DecisionRecord>): string[] {
	const changed: string[] = [];
	for (const record of records) {
		const key = recordKey(record.sample, record.reviewer);
		const current = into.get(key);
		const winner = current ? newer(current, record) : record;
		if (winner !== current) {
			into.set(key, winner);
			changed.push(key);
		}
	}

	return changed;
}
