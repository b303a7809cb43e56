import type {Dataset} from '../dataset/dataset.js';
import {renderSample, searchableText} from '../dataset/formats/index.js';
import type {SignalTable} from '../dataset/signals/index.js';
import {isSignalName, SIGNALS} from '../dataset/signals/types.js';
import {formatQuery, matchesQuery, needsOf, parseQuery, QueryError, type Query, type QueryNeeds, type SampleFacts} from '../query/index.js';
import {FieldCheck} from '../query/field-check.js';
import type {AnswerSide, ClusterKind} from '../query/vocabulary.js';
import type {DecisionRecord} from '../store/schema.js';
import {sampleStatus, type StatusResult} from '../store/verdict-policy.js';

/** A sample's current records (those made on other bytes than it holds now left out: then `changed`). */
export type RecordsOf = (id: string) => {records: readonly DecisionRecord[]; changed: boolean};

/** The review screen's sample `index` as the query language sees it: each part worked out when asked. */
class ScreenFacts implements SampleFacts {
	private parsed: {value: unknown; text: string} | undefined;
	private heldRecords: readonly DecisionRecord[] | undefined;

	constructor(private readonly dataset: Dataset, private readonly index: number, private readonly recordsOf: RecordsOf, private readonly table: SignalTable | undefined) {}

	private changed = false;

	get records(): readonly DecisionRecord[] {
		if (!this.heldRecords) ({records: this.heldRecords, changed: this.changed} = this.recordsOf(this.dataset.idOf(this.index)));
		return this.heldRecords;
	}

	get status(): StatusResult {
		const status = sampleStatus(this.records);
		return this.changed ? {...status, changed: true} : status;
	}

	get value(): unknown {
		return this.read().value;
	}

	get bytes(): Uint8Array {
		return this.dataset.raw(this.index);
	}

	get text(): string {
		return this.read().text;
	}

	hasSignal(name: string, side?: AnswerSide): boolean {
		if (!isSignalName(name) || this.table === undefined) return false;
		return side === undefined ? this.table.has(this.index, name) : this.table.hasIn(this.index, name, side, this.value);
	}

	cluster(kind: ClusterKind) {
		return this.table?.clusterOf(this.index, kind);
	}

	private read(): {value: unknown; text: string} {
		if (!this.parsed) {
			const sample = this.dataset.sample(this.index);
			this.parsed = sample.error === undefined
				? {value: sample.value, text: searchableText(renderSample(sample.value))}
				: {value: undefined, text: sample.text};
		}

		return this.parsed;
	}
}

/**
 * A query about signals and clusters only: one object answers for whichever sample `index` names
 * (no object per sample, nothing parsed), so a million samples are counted in a few milliseconds.
 */
class TableFacts implements SampleFacts {
	index = 0;

	constructor(private readonly table: SignalTable | undefined) {}

	get records(): readonly DecisionRecord[] {
		return [];
	}

	get status(): StatusResult {
		return sampleStatus([]);
	}

	get value(): unknown {
		return undefined;
	}

	get text(): string {
		return '';
	}

	hasSignal(name: string): boolean {
		return isSignalName(name) && (this.table?.has(this.index, name) ?? false);
	}

	cluster(kind: ClusterKind) {
		return this.table?.clusterOf(this.index, kind);
	}
}

/** Milliseconds of background counting before yielding to keys and redraws (a cheap query counts a million samples in a few slices). */
const countSliceMs = 12;
/** Samples counted between looks at the clock. */
const countBatch = 256;

/**
 * The query the review screen filters by (`f`): the same language as `winnow stats --where`. Which
 * samples match is remembered per sample (unless the query asks about decisions, which change as
 * the reviewer decides). How many the screen shows (the matches the status filter shows too) is
 * counted in the background, a slice at a time, and kept up to date sample by sample as they are
 * decided (update).
 */
export class QuerySlice {
	readonly text: string;
	readonly needs: QueryNeeds;
	/** How many samples match, once counted; `counted` of them looked at so far. */
	matching = 0;
	counted = 0;
	private readonly known: Uint8Array;
	private stopped = false;
	/** The counting pass under way: a new one (after decisions changed) supersedes it. */
	private pass = 0;
	private readonly rememberable: boolean;
	/** Set when the query asks only about signals and clusters. */
	private readonly tableFacts: TableFacts | undefined;
	/** Whether the status filter shows a sample: what is counted is the matches it shows. */
	private shown: (index: number) => boolean = () => true;
	/** Per sample counted so far: 1 when it is in `matching`. */
	private inCount = new Uint8Array(0);
	/** The query's metadata fields, watched for on the first count over the whole file (a misspelt field matches nothing). */
	private fields: FieldCheck | undefined;

	constructor(readonly query: Query, private readonly dataset: Dataset, private readonly recordsOf: RecordsOf, private readonly table: SignalTable | undefined) {
		this.text = formatQuery(query);
		this.needs = needsOf(query);
		this.rememberable = !this.needs.decisions;
		this.known = new Uint8Array(dataset.count);
		const {decisions, value, text} = this.needs;
		if (!decisions && !value && !text) this.tableFacts = new TableFacts(table);
		const fields = FieldCheck.of(query);
		if (fields.watching) this.fields = fields;
	}

	/**
	 * Once a count has gone over every sample: one sentence naming the query's fields that no sample
	 * has (with a guess at what was meant), else undefined.
	 */
	missingFields(datasetName: string): string | undefined {
		return this.fieldsChecked ? this.fields?.problem(datasetName) : undefined;
	}

	private fieldsChecked = false;

	/** Reads a query line: the slice, or the parse error's one sentence. */
	static parse(line: string): Query | string {
		try {
			return parseQuery(line, {signals: SIGNALS});
		} catch (error) {
			if (error instanceof QueryError) return error.message;
			throw error;
		}
	}

	get done(): boolean {
		return this.counted >= this.dataset.count;
	}

	matches(index: number): boolean {
		if (this.rememberable && index < this.known.length && this.known[index] !== 0) return this.known[index] === 2;
		let facts: SampleFacts;
		if (this.tableFacts) {
			this.tableFacts.index = index;
			facts = this.tableFacts;
		} else {
			facts = new ScreenFacts(this.dataset, index, this.recordsOf, this.table);
		}

		const result = matchesQuery(this.query, facts);
		if (this.rememberable && index < this.known.length) this.known[index] = result ? 2 : 1;
		return result;
	}

	/** Is sample `index` one the screen shows: a match the status filter shows? */
	private counts(index: number): boolean {
		const shows = this.matches(index) && this.shown(index);
		if (index < this.inCount.length) this.inCount[index] = shows ? 1 : 0;
		return shows;
	}

	/**
	 * Counts, in the background, the matches `shown` (the status filter) shows; `onProgress` after
	 * each slice, and when done. A new count (the filter changed, or decisions changed anywhere)
	 * supersedes one under way.
	 */
	count(onProgress: () => void, shown?: (index: number) => boolean) {
		if (shown) this.shown = shown;
		this.counted = 0;
		this.matching = 0;
		if (this.inCount.length < this.dataset.count) this.inCount = new Uint8Array(this.dataset.count);
		const pass = ++this.pass;
		const step = () => {
			if (this.stopped || pass !== this.pass) return;
			const total = this.dataset.count;
			const started = performance.now();
			let i = this.counted;
			while (i < total) {
				const end = Math.min(total, i + countBatch);
				for (; i < end; i++) {
					if (this.counts(i)) this.matching++;
					if (this.fields && !this.fieldsChecked) this.seeFields(i);
				}

				if (performance.now() - started >= countSliceMs) break;
			}

			this.counted = i;
			if (i >= total) this.fieldsChecked = true;
			onProgress();
			if (!this.done) setImmediate(step);
		};

		setImmediate(step);
	}

	/** Samples whose decisions changed: counted again one by one (those not counted yet will be). */
	update(indices: Iterable<number>) {
		for (const index of indices) {
			if (index >= this.counted || index >= this.inCount.length) continue;
			const before = this.inCount[index];
			const now = this.counts(index) ? 1 : 0;
			this.matching += now - before;
		}
	}

	private seeFields(index: number) {
		const fields = this.fields!;
		if (!fields.watching) return;
		fields.see(this.dataset.raw(index), () => {
			const sample = this.dataset.sample(index);
			return sample.error === undefined ? sample.value : undefined;
		}, new ScreenFacts(this.dataset, index, this.recordsOf, this.table));
	}

	stop() {
		this.stopped = true;
	}

	/** The status bar's part: the query and how many samples match (while counting: how far). */
	label(): string {
		const n = this.matching.toLocaleString('en');
		return this.done ? `${this.text} (${n})` : `${this.text} (${n}+, counting ${Math.floor((100 * this.counted) / Math.max(1, this.dataset.count))}%)`;
	}
}
