import type {DecisionRecord, Verdict} from './schema.js';
import {fingerprintOf} from '../dataset/id-fingerprints.js';
import {madeOnOtherBytes} from '../dataset/content-hash.js';

/**
 * The decisions the statistics are made from, record by record (in the file's order), as the
 * StatsAccumulator reads them: the few facts it needs on every decided sample without a record
 * object, and the record itself when it needs more. A list of records is one (RecordArray); a
 * decisions file kept as its bytes is another (DecisionLines, source/store/decision-lines.ts),
 * which then makes record objects only for the samples that need them.
 */
export type DecisionSource = {
	readonly length: number;
	record(index: number): DecisionRecord;
	sample(index: number): string;
	/** Whether record `index` is on the sample with this id. */
	sampleIs(index: number, id: string): boolean;
	/** sampleIs(index, the Latin-1 text of bytes[start, end)), without making the text. */
	sampleBytesAre?(index: number, bytes: Uint8Array, start: number, end: number): boolean;
	/** Sets id-fingerprints' `fingerprint` to fingerprintOf(sample(index)). */
	fingerprintSample(index: number): void;
	verdict(index: number): Verdict | null;
	/** record(index).resolution === true */
	isResolution(index: number): boolean;
	/** record(index).categories is not empty. */
	hasCategories(index: number): boolean;
	/** record(index).rule: the rule that made the decision (winnow decide), if one did. */
	rule?(index: number): string | undefined;
	/** record(index).reviewer and .at, into `into`, without making the record (optional). */
	reviewerAndTime?(index: number, into: {reviewer: string; at: string}): void;
	/** record(index).reasons is not empty. */
	hasReasons(index: number): boolean;
	/** record(index) carries a correction. */
	hasCorrection(index: number): boolean;
	/** record(index) carries the hash of the bytes it was made on. */
	hasHash(index: number): boolean;
	/** madeOnOtherBytes(record(index), hash), without making the record. */
	madeOnOtherBytes(index: number, hash: string): boolean;
};

export class RecordArray implements DecisionSource {
	constructor(private readonly records: DecisionRecord[]) {}

	get length(): number {
		return this.records.length;
	}

	record(index: number): DecisionRecord {
		return this.records[index];
	}

	sample(index: number): string {
		return this.records[index].sample;
	}

	sampleIs(index: number, id: string): boolean {
		return this.records[index].sample === id;
	}

	fingerprintSample(index: number) {
		fingerprintOf(this.records[index].sample);
	}

	verdict(index: number): Verdict | null {
		return this.records[index].verdict;
	}

	isResolution(index: number): boolean {
		return this.records[index].resolution === true;
	}

	hasCategories(index: number): boolean {
		return this.records[index].categories.length > 0;
	}

	rule(index: number): string | undefined {
		const {rule} = this.records[index];
		return typeof rule === 'string' ? rule : undefined;
	}

	hasReasons(index: number): boolean {
		return (this.records[index].reasons?.length ?? 0) > 0;
	}

	hasCorrection(index: number): boolean {
		return this.records[index].correction !== undefined;
	}

	hasHash(index: number): boolean {
		return typeof this.records[index].hash === 'string';
	}

	madeOnOtherBytes(index: number, hash: string): boolean {
		return madeOnOtherBytes(this.records[index], hash);
	}
}

export function isDecisionSource(value: unknown): value is DecisionSource {
	return typeof (value as DecisionSource).fingerprintSample === 'function';
}
