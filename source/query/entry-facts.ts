import {renderSample, searchableText} from '../dataset/formats/index.js';
import {decodeEntry} from '../dataset/parse-entry.js';
import type {DecisionRecord} from '../store/schema.js';
import type {StatusResult} from '../store/verdict-policy.js';
import type {Query} from './ast.js';
import {matchesQuery} from './evaluate.js';
import {FieldCheck} from './field-check.js';
import type {SampleFacts} from './facts.js';
import {prefilterOf, rejects, type Prefilter} from './prefilter.js';
import type {SignalLookup} from './signal-lookup.js';
import type {AnswerSide, ClusterKind} from './vocabulary.js';

const noRecords: readonly DecisionRecord[] = Object.freeze([]);

/**
 * SampleFacts for one entry of a dataset at a time, as the commands scan it: point it at the next
 * entry with set(); the entry is parsed, rendered and its records looked up only when the query asks.
 */
export class EntryFacts implements SampleFacts {
	bytes: Uint8Array = new Uint8Array(0);
	private index = 0;
	private result!: StatusResult;
	private lookUp: () => readonly DecisionRecord[] | undefined = () => undefined;
	private held: readonly DecisionRecord[] | undefined;
	private decoded: {value: unknown; text: string} | undefined;
	private rendered: string | undefined;

	constructor(private readonly signals?: SignalLookup) {}

	/** The next entry: its bytes (read only during the evaluation), number in the file (0-based), status and records. */
	set(bytes: Uint8Array, index: number, status: StatusResult, records: () => readonly DecisionRecord[] | undefined) {
		this.bytes = bytes;
		this.index = index;
		this.result = status;
		this.lookUp = records;
		this.held = undefined;
		this.decoded = undefined;
		this.rendered = undefined;
	}

	get status(): StatusResult {
		return this.result;
	}

	get records(): readonly DecisionRecord[] {
		this.held ??= this.lookUp() ?? noRecords;
		return this.held;
	}

	get value(): unknown {
		return this.decode().value;
	}

	get text(): string {
		if (this.rendered === undefined) {
			const {value, text} = this.decode();
			this.rendered = value === undefined ? text : searchableText(renderSample(value));
		}

		return this.rendered;
	}

	hasSignal(name: string, side?: AnswerSide): boolean {
		if (side !== undefined) return this.signals?.hasIn(this.index, name, side, this.value) ?? false;
		return this.signals?.has(this.index, name) ?? false;
	}

	cluster(kind: ClusterKind) {
		return this.signals?.clusterOf(this.index, kind);
	}

	private decode(): {value: unknown; text: string} {
		if (!this.decoded) {
			const entry = decodeEntry(this.bytes);
			this.decoded = {value: entry.error === undefined ? entry.value : undefined, text: entry.text};
		}

		return this.decoded;
	}
}

/**
 * A query applied to the entries of a scan, one after another (see EntryFacts), with the prefilter
 * first; `fields` notes which of the query's metadata fields the entries have (see FieldCheck).
 */
export class EntryMatcher {
	readonly fields: FieldCheck;
	private readonly facts: EntryFacts;
	private readonly filter: Prefilter | undefined;

	constructor(private readonly query: Query, signals?: SignalLookup) {
		this.facts = new EntryFacts(signals);
		this.filter = prefilterOf(query);
		this.fields = FieldCheck.of(query);
	}

	/** Whether the entry matches; `records` is called only if the query asks about decisions. */
	matches(bytes: Uint8Array, index: number, status: StatusResult, records: () => readonly DecisionRecord[] | undefined): boolean {
		this.facts.set(bytes, index, status, records);
		this.fields.see(bytes, () => this.facts.value, this.facts);
		if (this.filter && rejects(this.filter, bytes)) return false;
		return matchesQuery(this.query, this.facts);
	}

	/** An entry the query is not asked about (another status): still one whose fields count. */
	see(bytes: Uint8Array) {
		this.fields.see(bytes, () => {
			const entry = decodeEntry(bytes);
			return entry.error === undefined ? entry.value : undefined;
		});
	}
}
