import {newer} from '../store/merge.js';
import {verdicts, type DecisionRecord, type Verdict} from '../store/schema.js';
import {defaultPolicy, sampleStatus, type Policy, type SampleStatus, type StatusResult} from '../store/verdict-policy.js';
import {isDecisionSource, RecordArray, type DecisionSource} from '../store/decision-source.js';
import {FingerprintTable, fingerprintOf} from '../dataset/id-fingerprints.js';
import {notDecided, notLookedUp} from '../dataset/entry-facts.js';
import type {ScanLookup} from '../dataset/dataset-scan.js';
import {agreementOf, type Agreement} from './agreement.js';
import {contentHash, madeOnOtherBytes} from '../dataset/content-hash.js';
import {ContentPresence} from '../dataset/content-presence.js';

/*
The figures behind `winnow stats`, `winnow export`'s summary and the review screen's stats panel.
Plain computation, no I/O: feed the accumulator every entry of the dataset in order (its id, line
number, and whether it is malformed), then call finish(). Memory is bounded by the decisions, plus a
compact fingerprint table for repeated ids (16 bytes a sample; turn it off with trackRepeats: false).
*/

export type StatsOptions = {
	/** How several reviewers' decisions on one sample combine (default majority). */
	policy?: Policy;
	/** Look for ids that occur more than once (default true). */
	trackRepeats?: boolean;
	/**
	 * Work out the per-reviewer figures and agreement (default true). Without, `reviewers` is empty
	 * and `agreement` is that of no samples: export's summary uses neither.
	 */
	reviewers?: boolean;
	/** Longest list kept for malformed lines, repeated ids and missing samples (default 1000). */
	listLimit?: number;
	/** For tests: a replacement for fingerprintOf, to force ids to share fingerprints. */
	fingerprintOf?: (id: string) => void;
	/**
	 * The dataset the entries come from: where a line of a repeated id does not hold the bytes a
	 * decision on the id was made on, whether another line does (ContentPresence) is read from it.
	 * Without, such a line counts as changed since decided.
	 */
	dataset?: {path: string; idField: string};
};

export type ReviewerStats = {
	reviewer: string;
	/** The reviewer's current decisions (undone ones are not counted), on any sample. */
	decisions: number;
	accepted: number;
	rejected: number;
	flagged: number;
	/** Resolutions among `decisions` (decisions made as lead). */
	resolutions: number;
	/** Time of the earliest and the latest of those decisions (ISO 8601, as recorded), or null. */
	first: string | null;
	last: string | null;
	/** Time spent deciding: gaps of more than 30 minutes between decisions count as breaks. */
	activeHours: number;
	/** decisions / activeHours (at least one minute), or null with fewer than two decisions. */
	perHour: number | null;
};

/** A reject reason: samples and decisions giving it (on samples in the dataset). */
export type ReasonStats = {reason: string; samples: number; decisions: number};

export type CategoryStats = {
	category: string;
	/** Samples in the dataset that at least one reviewer flagged with this category. */
	samples: number;
	/** Decisions (one per reviewer and sample) carrying this category, on samples in the dataset. */
	decisions: number;
};

export type Stats = {
	policy: Policy;
	samples: {
		/** Entries in the dataset (JSONL lines that are not blank, or top-level array elements). */
		total: number;
		/** Entries that are samples: total less the malformed ones (not JSON objects), which export skips. */
		wellFormed: number;
		/** Entries whose status is not undecided. */
		decided: number;
		/** decided / total × 100, rounded to two decimals (0 for an empty dataset). */
		percentDecided: number;
		/** Entries whose reviewers disagree, with no resolution (decided or not by the policy). */
		conflicts: number;
		/** Conflicts the policy leaves undecided: they need a lead's resolution to be exported. */
		unsettled: number;
		/** Entries decided by a resolution. */
		resolved: number;
		/** Entries with decisions from two or more reviewers. */
		multiReviewed: number;
		/**
		 * Entries whose bytes changed since they were decided (a decision's recorded hash is not
		 * theirs): those decisions are left out, so most count as undecided, to be decided again.
		 */
		changed: number;
	};
	/** Entries per status. Under the any policy a disputed entry counts under each verdict it got. */
	status: Record<SampleStatus, number>;
	categories: CategoryStats[];
	/** Reject reasons given, most samples first. */
	reasons: ReasonStats[];
	reviewers: ReviewerStats[];
	decisions: {
		/** Current decisions in the decisions file (one per sample and reviewer). */
		total: number;
		/** Records that hold an undone or cleared decision (verdict null): not counted anywhere. */
		cleared: number;
		/** Current decisions made by a rule (winnow decide --where) rather than one sample at a time. */
		byRule: number;
		/** Current decisions made one sample at a time (total - byRule). */
		oneByOne: number;
		/** The rules behind byRule, most decisions first. */
		rules: Array<{rule: string; decisions: number}>;
	};
	/** Agreement between reviewers on the samples in the dataset that two or more decided. */
	agreement: Agreement;
	/** `elements`: the same entries' numbers in the file from 0 (what a file that is one JSON array calls them). */
	malformed: {count: number; lines: number[]; elements?: number[]; truncated: boolean};
	repeatedIds: {
		/** Distinct ids that occur more than once. */
		ids: number;
		/** Entries beyond each id's first occurrence. */
		extraEntries: number;
		examples: Array<{id: string; count: number; lines: number[]; samples: number[]}>;
		truncated: boolean;
		/** False when repeats were not looked for. */
		checked: boolean;
	};
	missingSamples: {
		/** Decisions whose sample id is not in the dataset (edited, removed, or another dataset's). */
		decisions: number;
		/** Distinct sample ids behind them. */
		samples: number;
		ids: string[];
		truncated: boolean;
	};
};

/** An id that can say its text and set `fingerprint` to the text's fingerprint (see EntrySpan). */
export type SampleId = {
	readonly id: string;
	fingerprint(): void;
	/** The entry's bytes, read only when a decision on it recorded a hash (to check they are the same). */
	readonly bytes?: Uint8Array;
	/**
	 * Where the id is in the table sharedLookup() gave (looked up by the scan workers), or
	 * notDecided, or notLookedUp (entry-facts.ts).
	 */
	readonly decidedSlot?: number;
	/** The number of the scan's first entry with this id (ScanLookup.firstSeen), or 0. */
	readonly firstSeen?: number;
	/** source.sampleIs(index, this.id), answered from the id's bytes where it can. */
	isSampleOf?(source: DecisionSource, index: number): boolean;
};

const undecided = sampleStatus(undefined);

/** sampleStatus of a sample with one record, by whether it is a resolution and its verdict. */
const singleRecordStatus = Object.fromEntries((['plain', 'resolved'] as const).map(kind => [kind, Object.fromEntries(verdicts.map(verdict => {
	const record: DecisionRecord = {sample: '', reviewer: '', verdict, categories: [], note: '', at: ''};
	if (kind === 'resolved') record.resolution = true;
	return [verdict, Object.freeze(sampleStatus([record]))];
}))])) as Record<'plain' | 'resolved', Record<Verdict, StatusResult>>;
const breakAfterMs = 30 * 60 * 1000;
const examplePositions = 5;

/** Current records grouped by sample, newest per sample and reviewer. */
export function groupBySample(records: Iterable<DecisionRecord>): Map<string, DecisionRecord[]> {
	const bySample = new Map<string, DecisionRecord[]>();
	for (const record of records) {
		const list = bySample.get(record.sample);
		if (list) addToGroup(list, record);
		else bySample.set(record.sample, [record]);
	}

	return bySample;
}

/** Adds a record to its sample's group, keeping the newest per reviewer. */
function addToGroup(group: DecisionRecord[], record: DecisionRecord) {
	// A sample has a handful of reviewers: a linear search beats a map keyed by sample and reviewer.
	for (let i = 0; i < group.length; i++) {
		if (group[i].reviewer === record.reviewer) {
			group[i] = newer(group[i], record);
			return;
		}
	}

	group.push(record);
}

export class StatsAccumulator {
	readonly policy: Policy;
	private readonly listLimit: number;
	private readonly status: Record<SampleStatus, number> = {accepted: 0, rejected: 0, flagged: 0, undecided: 0};
	private total = 0;
	private conflicts = 0;
	private unsettled = 0;
	private resolved = 0;
	private multiReviewed = 0;
	private changed = 0;
	/** 1 for each group with a record that carries a hash of the bytes it was made on. */
	private readonly groupHashed: Uint8Array;
	/** 1 for a group of one record once a line with its id held the bytes it was made on. */
	private readonly groupMatched: Uint8Array;
	/** Where the decided bytes of a repeated id are looked for in the whole file (StatsOptions.dataset). */
	private readonly presence: ContentPresence | undefined;
	/** The last entry's records when some were left out as made on other bytes (recordsFor answers with them). */
	private lastCurrent: {id: string; records: DecisionRecord[]} | undefined;
	private readonly malformedLines: number[] = [];
	/** The malformed entries' numbers in the file (from 0): a file that is one JSON array names them as elements. */
	private readonly malformedElements: number[] = [];
	private malformedCount = 0;
	/**
	 * One table for both look-ups made on every entry, keyed by the id's fingerprint: a = index + 1 of
	 * the id's decisions in `groups` (0: nobody decided it), b = the sample number where the id first
	 * appeared (0: not seen yet). Decided ids are put in up front; with trackRepeats every id seen is.
	 */
	private readonly table: FingerprintTable;
	/**
	 * The decisions, record by record, grouped by sample: group g's records are source records
	 * groupFirst[g], nextInGroup[groupFirst[g]], … (-1 ends). Record objects are made from the
	 * source only for groups that need more than one record's verdict.
	 */
	private readonly source: DecisionSource;
	private readonly groupFirst: Int32Array;
	private readonly nextInGroup: Int32Array;
	private groupCount = 0;
	/** Samples whose fingerprint another decided sample already has (about never), by id. */
	private readonly sharedFingerprint = new Map<string, DecisionRecord[]>();
	/** 1 for each group whose sample was found in the dataset. */
	private readonly groupSeen: Uint8Array;
	/** Groups found through the map because their fingerprint is shared (about never). */
	private readonly seenByName = new Set<string>();
	private readonly trackRepeats: boolean;
	private readonly withReviewers: boolean;
	private readonly fingerprintOf: (id: string) => void;
	/** Line number of each sample number (1-based), kept only to report where repeated ids first were. */
	private sampleLines = new Uint32Array(1024);
	private readonly repeats = new Map<string, {count: number; lines: number[]; samples: number[]}>();
	/** Repeated ids past the list limit: remembered only so a third occurrence is not counted as a new id. */
	private readonly unlistedRepeats = new Set<string>();
	private repeatedIdCount = 0;
	private extraEntries = 0;
	private readonly categories = new Map<string, {samples: number; decisions: number}>();
	private readonly reasons = new Map<string, {samples: number; decisions: number}>();
	/** The decided sample of the entry last added: its group, or its records (a shared fingerprint). */
	private last: number | DecisionRecord[] | undefined;

	constructor(records: Iterable<DecisionRecord> | DecisionSource, options: StatsOptions = {}) {
		this.policy = options.policy ?? defaultPolicy;
		this.listLimit = options.listLimit ?? 1000;
		this.trackRepeats = options.trackRepeats !== false;
		this.withReviewers = options.reviewers !== false;
		this.fingerprintOf = options.fingerprintOf ?? fingerprintOf;
		const source = isDecisionSource(records) ? records : new RecordArray(Array.isArray(records) ? records as DecisionRecord[] : [...records]);
		this.source = source;
		const count = source.length;
		this.groupFirst = new Int32Array(count);
		this.nextInGroup = new Int32Array(count).fill(-1);
		const groupLast = new Int32Array(count);
		this.groupHashed = new Uint8Array(count);
		this.groupMatched = new Uint8Array(count);
		if (options.dataset) {
			const {path, idField} = options.dataset;
			this.presence = new ContentPresence(path, idField, id => {
				const group = this.groupOf(id);
				return group !== -1 && this.groupHashed[group] === 1;
			});
		}

		// Group the records by sample straight into the table: no Map of hundreds of thousands of ids.
		// In shared memory from the start when it is big: the scan's workers will likely look ids up in
		// it (scanLookup()), and a copy of megabytes of slots would be on the way to the scan.
		this.table = new FingerprintTable(count, count >= 100_000);
		for (let index = 0; index < count; index++) {
			if (this.fingerprintOf === fingerprintOf) source.fingerprintSample(index);
			else this.fingerprintOf(source.sample(index));
			const slot = this.table.slot();
			if (this.table.isEmpty(slot)) {
				this.groupFirst[this.groupCount] = index;
				groupLast[this.groupCount] = index;
				if (source.hasHash(index)) this.groupHashed[this.groupCount] = 1;
				this.table.insert(slot, ++this.groupCount, 0);
				continue;
			}

			const group = this.table.a(slot) - 1;
			const sample = source.sample(index);
			if (source.sampleIs(this.groupFirst[group], sample)) {
				this.nextInGroup[groupLast[group]] = index;
				groupLast[group] = index;
				if (source.hasHash(index)) this.groupHashed[group] = 1;
			} else {
				const record = source.record(index);
				const shared = this.sharedFingerprint.get(sample);
				if (shared) addToGroup(shared, record);
				else this.sharedFingerprint.set(sample, [record]);
			}
		}

		this.groupSeen = new Uint8Array(this.groupCount);
	}

	/** The current records on a sample (undefined when nobody decided it). */
	recordsFor(id: string): DecisionRecord[] | undefined {
		if (this.lastCurrent?.id === id) return this.lastCurrent.records;
		this.fingerprintOf(id);
		const slot = this.table.slot();
		if (this.table.isEmpty(slot)) return undefined;
		const a = this.table.a(slot);
		if (a === 0) return undefined;
		if (this.source.sampleIs(this.groupFirst[a - 1], id)) return this.groupRecords(a - 1);
		// Another id with the same fingerprint holds the slot (about never): ask the map.
		return this.sharedFingerprint.get(id);
	}

	/** Group g's records less those made on other bytes than the entry's, or undefined when none was. */
	private currentRecords(group: number, id: SampleId): DecisionRecord[] | undefined {
		const {bytes} = id;
		if (!bytes) return undefined;
		const hash = contentHash(bytes);
		// Most groups are one record: checked on the source, without making it.
		if (this.isSingle(group)) {
			if (!this.source.madeOnOtherBytes(this.groupFirst[group], hash)) {
				this.groupMatched[group] = 1;
				return undefined;
			}

			// A repeated id whose decided line came before: it covers this line too.
			if (this.groupMatched[group] === 1) return undefined;
		}

		const records = this.groupRecords(group);
		if (!records.some(record => madeOnOtherBytes(record, hash))) return undefined;
		// Made on other bytes than this line's: still the id's decision if another line holds those.
		const {presence} = this;
		const stale = (record: DecisionRecord) => madeOnOtherBytes(record, hash) && !presence?.holds(id.id, record.hash!);
		if (!records.some(record => stale(record))) {
			if (this.isSingle(group)) this.groupMatched[group] = 1;
			return undefined;
		}

		return records.filter(record => !stale(record));
	}

	/** The group of the records on sample `id`, or -1 (none, or an id sharing a decided one's fingerprint). */
	private groupOf(id: string): number {
		this.fingerprintOf(id);
		const slot = this.table.slot();
		if (this.table.isEmpty(slot)) return -1;
		const a = this.table.a(slot);
		return a !== 0 && this.source.sampleIs(this.groupFirst[a - 1], id) ? a - 1 : -1;
	}

	/** Group g's current records (the newest per reviewer), as objects. */
	private groupRecords(group: number): DecisionRecord[] {
		let index = this.groupFirst[group];
		const records = [this.source.record(index)];
		for (index = this.nextInGroup[index]; index !== -1; index = this.nextInGroup[index]) addToGroup(records, this.source.record(index));
		return records;
	}

	/** Whether group g is one record (most are): its verdict alone then says everything. */
	private isSingle(group: number): boolean {
		return this.nextInGroup[this.groupFirst[group]] === -1;
	}

	/** sampleStatus of group g's records. */
	private groupStatus(group: number): StatusResult {
		if (!this.isSingle(group)) return sampleStatus(this.groupRecords(group), this.policy);
		const index = this.groupFirst[group];
		const verdict = this.source.verdict(index);
		if (verdict === null) return undecided;
		return singleRecordStatus[this.source.isResolution(index) ? 'resolved' : 'plain'][verdict];
	}

	/** countCategories of group g's records, without making them when they have no categories or reasons. */
	private countGroupCategories(group: number) {
		if (this.isSingle(group)) {
			const index = this.groupFirst[group];
			if (this.source.verdict(index) === null || (!this.source.hasCategories(index) && !this.source.hasReasons(index))) return;
		}

		this.countCategories(this.groupRecords(group));
	}

	/**
	 * What the scan's workers are to look up for add() (dataset-scan.ts, ScanLookup): each entry's
	 * id in the decided ids' table, moved to shared memory, and, where repeated ids are tracked, the
	 * first entry with the same id, so that add() makes no look-up of its own for most entries (a
	 * probe of a table of hundreds of thousands of ids is a cache miss). From then on the table
	 * holds the decided ids alone, and every add() must be given the scan's entries, all of them, in
	 * order (their firstSeen numbers are entry numbers); undefined with another fingerprint function.
	 */
	scanLookup(): ScanLookup | undefined {
		if (this.fingerprintOf !== fingerprintOf) return undefined;
		this.lookupShared = true;
		return {decided: this.table.shared(), firstSeen: this.trackRepeats};
	}

	private lookupShared = false;

	/** A hint: the dataset holds about this many entries (saves regrowing the tables). */
	expect(entries: number) {
		if (!this.trackRepeats || !Number.isFinite(entries) || entries <= 0) return;
		const expected = Math.min(Math.ceil(entries), 1 << 27);
		if (!this.lookupShared) this.table.reserve(expected + this.groupCount);
		if (this.sampleLines.length < expected) this.sampleLines = growTo(this.sampleLines, expected);
	}

	/**
	 * Counts the next entry of the dataset and returns its status. The id is a string, or an entry
	 * of the scan (EntrySpan) whose id text is made only if someone decided it or it is repeated.
	 */
	add(id: string | SampleId, lineNumber: number, malformed = false): StatusResult {
		const sample = ++this.total;
		if (malformed) {
			this.malformedCount++;
			if (this.malformedLines.length < this.listLimit) {
				this.malformedLines.push(lineNumber);
				this.malformedElements.push(sample - 1);
			}
		}

		const known = this.lookupShared && typeof id !== 'string' ? id.decidedSlot ?? notLookedUp : notLookedUp;
		// With the scan's look-ups and repeated ids tracked: the first entry with this id, else 0.
		let firstSeen = 0;
		if (this.lookupShared && this.trackRepeats) {
			firstSeen = typeof id === 'string' ? 0 : id.firstSeen ?? 0;
			if (firstSeen === 0) throw new Error('StatsAccumulator.add: an entry without the scan\'s look-ups, after scanLookup()');
			if (sample > this.sampleLines.length) this.sampleLines = growTo(this.sampleLines, sample * 2);
			this.sampleLines[sample - 1] = lineNumber;
		}

		if (known === notDecided) {
			// The scan's workers looked it up: nobody decided it (most samples).
			this.last = undefined;
			if (firstSeen !== 0 && firstSeen !== sample) this.repeat((id as SampleId).id, firstSeen, lineNumber);
			this.status.undecided++;
			return undecided;
		}

		let slot = known;
		if (slot === notLookedUp) {
			if (typeof id === 'string') this.fingerprintOf(id);
			else if (this.fingerprintOf === fingerprintOf) id.fingerprint();
			else this.fingerprintOf(id.id);
			slot = this.table.slot();
		}

		if (this.trackRepeats && !this.lookupShared) {
			if (sample > this.sampleLines.length) this.sampleLines = growTo(this.sampleLines, sample * 2);
			this.sampleLines[sample - 1] = lineNumber;
		}

		this.last = undefined;
		if (this.table.isEmpty(slot)) {
			// Nobody decided it, and it was not seen before (or, with the scan's look-ups, was seen
			// only as firstSeen says): most samples.
			if (firstSeen !== 0 && firstSeen !== sample) this.repeat((id as SampleId).id, firstSeen, lineNumber);
			else if (this.trackRepeats && !this.lookupShared) this.table.insert(slot, 0, sample);
			this.status.undecided++;
			return undecided;
		}

		let result: StatusResult;
		const a = this.table.a(slot);
		this.lastCurrent = undefined;
		if (a !== 0 && !this.isSample(id, this.groupFirst[a - 1])) {
			const text = typeof id === 'string' ? id : id.id;
			// Another, decided id has this fingerprint (about never): exact answers from the map;
			// this id's repeats are not tracked.
			const records = this.sharedFingerprint.get(text);
			if (records && !this.seenByName.has(text)) {
				this.seenByName.add(text);
				this.countCategories(records);
			}

			result = sampleStatus(records, this.policy);
			this.last = records;
		} else {
			// The id's text is made only where it is kept (a repeat, a changed sample).
			const text = () => (typeof id === 'string' ? id : id.id);
			// Only a sample whose decisions recorded a hash has its bytes hashed (few, and only those).
			const current = a !== 0 && this.groupHashed[a - 1] === 1 && typeof id !== 'string' ? this.currentRecords(a - 1, id) : undefined;
			// The table's b is the first entry's number, unless the scan says it (firstSeen).
			const first = this.lookupShared && this.trackRepeats ? (firstSeen === sample ? 0 : firstSeen) : this.table.b(slot);
			if (first === 0) {
				this.table.setB(slot, sample);
				if (a !== 0) {
					this.groupSeen[a - 1] = 1;
					if (current) this.countCategories(current);
					else this.countGroupCategories(a - 1);
				}
			} else if (this.trackRepeats) {
				this.repeat(text(), first, lineNumber);
			}

			if (current) {
				this.changed++;
				this.lastCurrent = {id: text(), records: current};
				result = {...sampleStatus(current, this.policy), changed: true};
				this.last = current;
			} else {
				result = a === 0 ? undecided : this.groupStatus(a - 1);
				if (a !== 0) this.last = a - 1;
			}
		}

		const {matches} = result;
		for (let i = 0; i < matches.length; i++) this.status[matches[i]]++;
		if (result.conflict) {
			this.conflicts++;
			if (result.status === 'undecided') this.unsettled++;
		}

		if (result.resolved) this.resolved++;
		if (result.deciders >= 2) this.multiReviewed++;
		return result;
	}

	/**
	 * add() of a well-formed entry that the scan's look-ups found nobody decided (ScanOptions.undecided),
	 * counted without the entry: given its line number and, with repeated ids tracked, the number of
	 * the first entry with its id (EntrySpan.firstSeen). False, with nothing counted, for an entry
	 * add() must be given instead: a repeated id (its text is kept), or before scanLookup().
	 */
	addUndecided(lineNumber: number, firstSeen: number): boolean {
		if (!this.lookupShared) return false;
		const sample = this.total + 1;
		if (this.trackRepeats) {
			if (firstSeen !== sample) return false;
			if (sample > this.sampleLines.length) this.sampleLines = growTo(this.sampleLines, sample * 2);
			this.sampleLines[sample - 1] = lineNumber;
		}

		this.total = sample;
		this.last = undefined;
		this.status.undecided++;
		return true;
	}

	/** Whether record `index` is on the sample `id`, without making the id's text when the entry can say (EntrySpan.isSampleOf). */
	private isSample(id: string | SampleId, index: number): boolean {
		if (typeof id === 'string') return this.source.sampleIs(index, id);
		return id.isSampleOf ? id.isSampleOf(this.source, index) : this.source.sampleIs(index, id.id);
	}

	/**
	 * The reject reasons on the entry last added (given by its sample's current rejections), each with
	 * how many rejections give it; undefined when there are none (most entries). For stats --by.
	 */
	reasonsOfLast(): Map<string, number> | undefined {
		const {last} = this;
		if (last === undefined) return undefined;
		if (typeof last === 'number' && this.isSingle(last) && !this.source.hasReasons(this.groupFirst[last])) return undefined;
		let reasons: Map<string, number> | undefined;
		for (const record of typeof last === 'number' ? this.groupRecords(last) : last) {
			if (record.verdict !== 'rejected' || !Array.isArray(record.reasons)) continue;
			for (const reason of new Set(record.reasons)) {
				reasons ??= new Map();
				reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
			}
		}

		return reasons;
	}

	finish(): Stats {
		const missing = this.missing();
		const repeatExamples = [...this.repeats.entries()].map(([id, entry]) => ({id, ...entry}));
		return {
			policy: this.policy,
			samples: {
				total: this.total,
				wellFormed: this.total - this.malformedCount,
				decided: this.total - this.status.undecided,
				percentDecided: this.total === 0 ? 0 : Math.round(((this.total - this.status.undecided) / this.total) * 10_000) / 100,
				conflicts: this.conflicts,
				unsettled: this.unsettled,
				resolved: this.resolved,
				multiReviewed: this.multiReviewed,
				changed: this.changed,
			},
			status: {...this.status},
			categories: [...this.categories.entries()]
				.map(([category, counts]) => ({category, ...counts}))
				.sort((a, b) => b.samples - a.samples || b.decisions - a.decisions || compare(a.category, b.category)),
			reasons: [...this.reasons.entries()]
				.map(([reason, counts]) => ({reason, ...counts}))
				.sort((a, b) => b.samples - a.samples || b.decisions - a.decisions || compare(a.reason, b.reason)),
			reviewers: this.withReviewers ? this.reviewers() : [],
			decisions: this.decisionCounts(),
			agreement: this.agreement(),
			malformed: {count: this.malformedCount, lines: [...this.malformedLines], elements: [...this.malformedElements], truncated: this.malformedCount > this.malformedLines.length},
			repeatedIds: {
				ids: this.repeatedIdCount,
				extraEntries: this.extraEntries,
				examples: repeatExamples,
				truncated: this.repeatedIdCount > repeatExamples.length,
				checked: this.trackRepeats,
			},
			missingSamples: missing,
		};
	}

	/** The id was seen before, first as sample number `first`. */
	private repeat(id: string, first: number, lineNumber: number) {
		this.extraEntries++;
		const known = this.repeats.get(id);
		if (known) {
			known.count++;
			if (known.lines.length < examplePositions) {
				known.lines.push(lineNumber);
				known.samples.push(this.total);
			}

			return;
		}

		if (this.unlistedRepeats.has(id)) return;
		this.repeatedIdCount++;
		if (this.repeats.size < this.listLimit) this.repeats.set(id, {count: 2, lines: [this.sampleLines[first - 1], lineNumber], samples: [first, this.total]});
		else this.unlistedRepeats.add(id);
	}

	/** Counts the bias categories and the reject reasons of one sample's records. */
	private countCategories(records: DecisionRecord[]) {
		const onSample = new Set<string>();
		const reasonsOnSample = new Set<string>();
		for (const record of records) {
			if (record.verdict === null) continue;
			for (const category of record.categories) countName(this.categories, category, onSample);
			if (record.verdict === 'rejected' && Array.isArray(record.reasons)) {
				for (const reason of new Set(record.reasons)) countName(this.reasons, reason, reasonsOnSample);
			}
		}
	}

	/**
	 * Reviewer -> verdict for each decided sample that is in the dataset, for agreement. A lead's
	 * resolution is left out: it settles a disagreement after seeing it, it is not an independent rating.
	 */
	private agreement(): Stats['agreement'] {
		if (!this.withReviewers) return agreementOf([]);
		let blindSamples = 0;
		const agreement = agreementOf(this.verdictsOfSeenSamples(group => {
			if (group.length >= 2 && group.every(record => record.blind === true)) blindSamples++;
		}));
		return {...agreement, blindSamples};
	}

	private * verdictsOfSeenSamples(visit: (rated: DecisionRecord[]) => void = () => undefined): Iterable<Map<string, Verdict>> {
		const verdicts = (group: DecisionRecord[]) => {
			const rated = group.filter(record => record.verdict !== null && record.resolution !== true);
			visit(rated);
			return new Map(rated.map(record => [record.reviewer, record.verdict!]));
		};
		// A sample with one record has one verdict at most, which agreement leaves out.
		for (let group = 0; group < this.groupCount; group++) if (this.groupSeen[group] === 1 && !this.isSingle(group)) yield verdicts(this.groupRecords(group));
		for (const [sample, group] of this.sharedFingerprint) if (this.seenByName.has(sample)) yield verdicts(group);
	}

	private missing(): Stats['missingSamples'] {
		let decisions = 0;
		const ids: string[] = [];
		const note = (sample: string, records: DecisionRecord[]) => {
			const live = records.filter(record => record.verdict !== null).length;
			if (live === 0) return;
			decisions += live;
			ids.push(sample);
		};

		for (let group = 0; group < this.groupCount; group++) {
			if (this.groupSeen[group] === 1) continue;
			const index = this.groupFirst[group];
			if (!this.isSingle(group)) {
				note(this.source.sample(index), this.groupRecords(group));
			} else if (this.source.verdict(index) !== null) {
				decisions++;
				ids.push(this.source.sample(index));
			}
		}

		for (const [sample, group] of this.sharedFingerprint) {
			if (!this.seenByName.has(sample)) note(sample, group);
		}

		ids.sort(compare);
		return {decisions, samples: ids.length, ids: ids.slice(0, this.listLimit), truncated: ids.length > this.listLimit};
	}

	private decisionCounts(): Stats['decisions'] {
		let total = 0;
		let cleared = 0;
		const rules = new Map<string, number>();
		const byRule = (rule: unknown) => {
			if (typeof rule === 'string') rules.set(rule, (rules.get(rule) ?? 0) + 1);
		};

		const count = (records: DecisionRecord[]) => {
			for (const record of records) {
				if (record.verdict === null) {
					cleared++;
				} else {
					total++;
					byRule(record.rule);
				}
			}
		};

		for (let group = 0; group < this.groupCount; group++) {
			const index = this.groupFirst[group];
			if (!this.isSingle(group)) {
				count(this.groupRecords(group));
			} else if (this.source.verdict(index) === null) {
				cleared++;
			} else {
				total++;
				byRule(this.source.rule ? this.source.rule(index) : this.source.record(index).rule);
			}
		}

		for (const records of this.sharedFingerprint.values()) count(records);
		const ruled = [...rules.values()].reduce((sum, n) => sum + n, 0);
		return {
			total,
			cleared,
			byRule: ruled,
			oneByOne: total - ruled,
			rules: [...rules.entries()].map(([rule, decisions]) => ({rule, decisions})).sort((a, b) => b.decisions - a.decisions || compare(a.rule, b.rule)),
		};
	}

	private reviewers(): ReviewerStats[] {
		const byReviewer = new Map<string, {stats: ReviewerStats; times: number[]}>();
		const count = (reviewer: string, verdict: Verdict, resolution: boolean, at: string) => {
			let entry = byReviewer.get(reviewer);
			if (!entry) {
				entry = {stats: {reviewer, decisions: 0, accepted: 0, rejected: 0, flagged: 0, resolutions: 0, first: null, last: null, activeHours: 0, perHour: null}, times: []};
				byReviewer.set(reviewer, entry);
			}

			const {stats} = entry;
			stats.decisions++;
			stats[verdict]++;
			if (resolution) stats.resolutions++;
			const time = Date.parse(at);
			if (Number.isFinite(time)) {
				entry.times.push(time);
				if (stats.first === null || at < stats.first) stats.first = at;
				if (stats.last === null || at > stats.last) stats.last = at;
			}
		};

		const countRecords = (records: DecisionRecord[]) => {
			for (const record of records) if (record.verdict !== null) count(record.reviewer, record.verdict, record.resolution === true, record.at);
		};

		// Most groups are one record: its reviewer and time are read without making it, where the source can.
		const {source} = this;
		const one = {reviewer: '', at: ''};
		for (let group = 0; group < this.groupCount; group++) {
			const index = this.groupFirst[group];
			if (!this.isSingle(group) || !source.reviewerAndTime) {
				countRecords(this.groupRecords(group));
				continue;
			}

			const verdict = source.verdict(index);
			if (verdict === null) continue;
			source.reviewerAndTime(index, one);
			count(one.reviewer, verdict, source.isResolution(index), one.at);
		}

		for (const records of this.sharedFingerprint.values()) countRecords(records);

		const result: ReviewerStats[] = [];
		for (const {stats, times} of byReviewer.values()) {
			times.sort((a, b) => a - b);
			let activeMs = 0;
			for (let i = 1; i < times.length; i++) {
				const gap = times[i] - times[i - 1];
				if (gap <= breakAfterMs) activeMs += gap;
			}

			stats.activeHours = Math.round((activeMs / 3_600_000) * 100) / 100;
			stats.perHour = times.length >= 2 ? Math.round((stats.decisions / (Math.max(activeMs, 60_000) / 3_600_000)) * 10) / 10 : null;
			result.push(stats);
		}

		return result.sort((a, b) => b.decisions - a.decisions || compare(a.reviewer, b.reviewer));
	}
}

function growTo(array: Uint32Array, length: number): Uint32Array<ArrayBuffer> {
	const grown = new Uint32Array(length);
	grown.set(array);
	return grown;
}

/** Convenience for callers holding the whole list of ids in memory (the review screen's panel). */
export function computeStats(entries: Iterable<{id: string; lineNumber: number; malformed?: boolean}>, records: Iterable<DecisionRecord>, options?: StatsOptions): Stats {
	const accumulator = new StatsAccumulator(records, options);
	for (const entry of entries) accumulator.add(entry.id, entry.lineNumber, entry.malformed === true);
	return accumulator.finish();
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** One more decision giving `name`, and one more sample the first time this sample gives it. */
function countName(table: Map<string, {samples: number; decisions: number}>, name: string, onSample: Set<string>) {
	let counts = table.get(name);
	if (!counts) {
		counts = {samples: 0, decisions: 0};
		table.set(name, counts);
	}

	counts.decisions++;
	if (!onSample.has(name)) {
		onSample.add(name);
		counts.samples++;
	}
}
