import type {SignalConfig} from './config.js';
import type {SampleDetector} from './detector.js';
import {DiversityAccumulator, type DiversityFigures, type DiversityState} from './diversity.js';
import {ContentTable, contentKey, isNoContentKey} from './duplicate.js';
import {isLengthOutlier, lengthStats, type LengthStats} from './length-outlier.js';
import {NearDuplicateFinder, shingleSource} from './near-duplicate.js';
import type {ShingleSpill, SpillSource} from './shingle-spill.js';
import type {UnionFind} from './union-find.js';
import {shingleHashes} from './minhash.js';
import {sampleText} from './sample-text.js';
import {sampleSignals} from './sample-signals.js';
import {wordTokens} from './text.js';
import {missingGroup, otherGroup, SIGNALS, signalBit, type SignalName} from './types.js';
import {fieldPathOf, valuesAtPath} from '../../query/field-path.js';

/*
The signals of a whole dataset, in two steps: add() each sample in file order (per-sample signals,
content keys, MinHash band keys, lengths, diversity counts), then finish() (duplicate and
near-duplicate clusters, length outliers, counts). Everything per sample is in typed arrays.
*/

export type ClusterData = {
	/** Cluster number of each sample, -1 for none. */
	of: Int32Array;
	/** 1-based position of each sample in its cluster, in file order (1: the representative). */
	position: Int32Array;
	/** Samples in each cluster. */
	sizes: Int32Array;
	/** Index of each cluster's first sample (its representative). */
	first: Int32Array;
};

export type GroupData = {
	field: string;
	/** The field's values, in order of first appearance; the last may be "(other values)". */
	names: string[];
	/** Group number of each sample. */
	of: Int32Array;
	diversity: DiversityFigures[];
};

export type SignalTableData = {
	count: number;
	/** Bit i set when the sample has SIGNALS[i]. */
	mask: Uint16Array;
	duplicate: ClusterData;
	nearDuplicate: ClusterData;
	/** Characters in each sample's responses. */
	lengths: Float64Array;
	lengthStats: LengthStats;
	/** Samples per signal, in SIGNALS order. */
	counts: number[];
	diversity: DiversityFigures;
	groups?: GroupData;
	/** Milliseconds spent on each signal, in SIGNALS order. */
	timings: number[];
	/** LSH candidate pairs compared by their signatures, and pairs checked by exact Jaccard. */
	candidatePairs: number;
	checkedPairs: number;
};

/**
 * What add() has gathered over one stretch of the file, to be joined with the other stretches'
 * (fromParts) when the file is read by several workers. Typed arrays, so they can be transferred.
 */
export type EnginePart = {
	count: number;
	mask: Uint16Array;
	lengths: Float64Array;
	/** Each sample's content key (contentKey): duplicates across parts are found when the parts are joined. */
	keysA: Uint32Array;
	keysB: Uint32Array;
	signatures: Uint8Array;
	has: Uint8Array;
	diversity: DiversityState;
	groups?: {names: string[]; of: Int32Array; diversity: DiversityState[]};
	timings: number[];
	/** With a spill (spillTo): how many words of each sample it holds (0: none), in file order, and the spill. */
	wordCounts?: Uint32Array;
	spill?: SpillSource;
};

export type EngineOptions = {
	config: SignalConfig;
	/** Break diversity down by this metadata field (dotted path). */
	by?: string;
};

/** Per-sample signals are timed on one sample in this many (timing each call would cost more than some signals). */
const timingStride = 16;
const maxGroups = 1000;

export class SignalEngine {
	count = 0;
	private mask: Uint16Array = new Uint16Array(1024);
	private firstOf: Int32Array = new Int32Array(1024);
	private lengths: Float64Array = new Float64Array(1024);
	private keysA: Uint32Array = new Uint32Array(1024);
	private keysB: Uint32Array = new Uint32Array(1024);
	private wordCounts: Uint32Array | undefined;
	private spill: ShingleSpill | undefined;

	private groupOf: Int32Array | undefined;
	private readonly contents = new ContentTable();
	private readonly near: NearDuplicateFinder;
	private readonly detectors: Array<{bit: number; index: number; detect: SampleDetector}>;
	private readonly timings = new Float64Array(SIGNALS.length);
	private readonly diversity = new DiversityAccumulator({openings: true});
	private readonly groupNames: string[] = [];
	private readonly groupIndex = new Map<string, number>();
	private readonly groupDiversity: DiversityAccumulator[] = [];
	private readonly enabled: (name: SignalName) => boolean;
	private readonly path: string[] | undefined;

	constructor(private readonly options: EngineOptions) {
		const {config} = options;
		const disabled = new Set(config.disabled);
		this.enabled = name => !disabled.has(name);
		this.detectors = sampleSignals.filter(signal => this.enabled(signal.name)).map(signal => ({bit: signalBit[signal.name], index: SIGNALS.indexOf(signal.name), detect: signal.make(config)}));
		this.near = new NearDuplicateFinder(config.nearDuplicate.threshold, config.nearDuplicate.shingleWords);
		if (options.by !== undefined) {
			this.path = fieldPathOf(options.by) ?? options.by.split('.');
			this.groupOf = new Int32Array(1024);
		}
	}

	/** Makes room for about `count` samples at once, so the arrays are not copied as they grow. */
	reserve(count: number, signatures = true) {
		if (this.mask.length < count) this.grow(count);
		if (signatures) this.near.reserve(count);
	}

	/**
	 * Puts the near-duplicate signatures in shared memory with room for `count` samples: the first
	 * stretch of a file read by several workers, reserved for the whole file, is then not copied when
	 * the parts are joined (fromParts).
	 */
	reserveSharedSignatures(count: number) {
		this.near.reserveShared(count);
	}

	/**
	 * Keeps the words of each sample that gets a near-duplicate signature in `spill` (shingle-spill.ts),
	 * so that candidate pairs are checked from them rather than from the samples read again. Before add().
	 */
	spillTo(spill: ShingleSpill) {
		this.spill = spill;
		this.wordCounts = new Uint32Array(this.mask.length);
	}

	/** The next sample in file order: its parsed value, or undefined when the entry is malformed. */
	add(value: unknown) {
		const index = this.count++;
		if (index === this.mask.length) this.grow();
		this.firstOf[index] = index;
		if (this.groupOf) this.groupOf[index] = this.groupFor(value);
		if (value === undefined) {
			this.keysA[index] = 0;
			this.keysB[index] = 0;
			return;
		}

		const timed = index % timingStride === 0;
		const text = sampleText(value);
		let mask = 0;
		for (const detector of this.detectors) {
			const started = timed ? performance.now() : 0;
			if (detector.detect(text) !== undefined) mask |= detector.bit;
			if (timed) this.timings[detector.index] += (performance.now() - started) * timingStride;
		}

		let length = 0;
		for (const response of text.responses) length += response.length;
		this.lengths[index] = length;
		this.mask[index] = mask;

		let started = timed ? performance.now() : 0;
		const key = contentKey(text);
		this.keysA[index] = key.a;
		this.keysB[index] = key.b;
		const first = this.contents.firstOf(key, index);
		this.firstOf[index] = first;
		if (timed) {
			const now = performance.now();
			this.timings[0] += (now - started) * timingStride;
			started = now;
		}

		if (first === index && this.enabled('near-duplicate')) {
			const words = shingleSource(text);
			if (this.near.add(index, words) && this.wordCounts) {
				this.spill!.add(words);
				this.wordCounts[index] = words.length;
			}

			if (timed) this.timings[1] += (performance.now() - started) * timingStride;
		}

		const group = this.groupOf ? this.groupDiversity[this.groupOf[index]] : undefined;
		const {responses, responseKinds} = text;
		for (let i = 0; i < responses.length; i++) {
			// A reasoning block (<think>…</think>) leads to the answer: not a response of its own here.
			if (responseKinds[i] !== undefined && responseKinds[i] !== 'answer') continue;
			const response = responses[i];
			const tokens = wordTokens(response, text.tokens);
			this.diversity.add(tokens, response);
			group?.add(tokens);
		}
	}

	/** The near-duplicate finder, whose bands workers search side by side (finishParts), then finish(read, sets). */
	get nearDuplicates(): NearDuplicateFinder {
		return this.near;
	}

	/** What add() has gathered, for fromParts() (here or in another worker); the engine is done with after this (the part shares its arrays). */
	part(): EnginePart {
		const {count} = this;
		return {
			count,
			mask: this.mask.subarray(0, count),
			lengths: this.lengths.subarray(0, count),
			keysA: this.keysA.subarray(0, count),
			keysB: this.keysB.subarray(0, count),
			...this.near.part(count),
			diversity: this.diversity.state(),
			groups: this.groupOf ? {names: this.groupNames, of: this.groupOf.slice(0, count), diversity: this.groupDiversity.map(group => group.state())} : undefined,
			timings: [...this.timings],
			...(this.wordCounts ? {wordCounts: this.wordCounts.subarray(0, count), spill: this.spill!.source()} : {}),
		};
	}

	/**
	 * An engine that has read the parts one after the other, as if it had read them itself: the
	 * samples numbered on from part to part, a sample duplicating one of an earlier part found by
	 * its content key, the diversity counts added up. The list is emptied as the parts are joined.
	 */
	static fromParts(options: EngineOptions, parts: Array<EnginePart | undefined>, shared = false): SignalEngine {
		const engine = new SignalEngine(options);
		const total = parts.reduce((sum, part) => sum + part!.count, 0);
		const count = parts.length;
		if (count === 1) {
			// One part: its arrays are taken as they are (no copy of the signatures, the biggest).
			const part = parts[0]!;
			engine.mask = part.mask;
			engine.lengths = part.lengths;
			engine.keysA = part.keysA;
			engine.keysB = part.keysB;
			engine.firstOf = new Int32Array(total);
			if (engine.groupOf) engine.groupOf = new Int32Array(total);
		} else {
			// Shared: the signatures go straight into shared memory (not into a private array first).
			engine.reserve(total, !shared);
		}

		// The first part may have been read into shared memory with room for all: then it is not copied.
		const takesFirst = shared && count > 1 && NearDuplicateFinder.canTakeShared(parts[0]!, total);
		if (shared && !takesFirst) engine.near.reserveShared(total);

		let offset = 0;
		for (let at = 0; at < count; at++) {
			const part = parts[at]!;
			// Let each part go once it is copied (a million samples' parts are ~100 MB).
			parts[at] = undefined;
			if (count > 1) {
				engine.mask.set(part.mask, offset);
				engine.lengths.set(part.lengths, offset);
				engine.keysA.set(part.keysA, offset);
				engine.keysB.set(part.keysB, offset);
			}

			engine.near.adopt(part, offset, count === 1 && !shared, takesFirst && at === 0);
			engine.diversity.merge(part.diversity);
			for (let signal = 0; signal < SIGNALS.length; signal++) engine.timings[signal] += part.timings[signal];
			if (engine.groupOf && part.groups) {
				const numbers = part.groups.names.map(name => engine.groupNumber(name));
				for (const [group, state] of part.groups.diversity.entries()) engine.groupDiversity[numbers[group]].merge(state);
				for (let index = 0; index < part.count; index++) engine.groupOf[offset + index] = numbers[part.groups.of[index]];
			}

			offset += part.count;
		}

		engine.count = total;
		const started = performance.now();
		engine.contents.reserve(total);
		for (let index = 0; index < total; index++) {
			// A malformed entry has no signals (README): no duplicate of another malformed one either.
			const first = isNoContentKey(engine.keysA[index], engine.keysB[index]) ? index : engine.contents.firstOfKey(engine.keysA[index], engine.keysB[index], index);
			engine.firstOf[index] = first;
			if (first !== index) engine.near.drop(index);
		}

		engine.timings[0] += performance.now() - started;
		// The content keys have done their work (firstOf): their memory can go before clustering.
		engine.keysA = new Uint32Array(0);
		engine.keysB = new Uint32Array(0);
		return engine;
	}

	/**
	 * Clusters, outliers and counts; `read` gives a sample's parsed value again (for exact Jaccard),
	 * unless `shinglesOf` gives its shingles (from a spill).
	 */
	finish(read: (index: number) => unknown, nearSets?: UnionFind, nearMs = 0, shinglesOf?: (index: number) => Uint32Array): SignalTableData {
		const {count, mask, firstOf} = this;
		const duplicate = this.duplicateClusters();
		if (this.enabled('duplicate')) {
			for (let index = 0; index < count; index++) if (firstOf[index] !== index) mask[index] |= signalBit.duplicate;
		}

		let started = performance.now();
		const {shingleWords: size} = this.options.config.nearDuplicate;
		const sets = nearSets ?? this.near.cluster(count, shinglesOf ?? (index => shinglesOfValue(read(index), size)));
		const nearDuplicate = this.nearClusters(sets);
		if (this.enabled('near-duplicate')) {
			// An exact copy of an earlier sample is its duplicate (it stays in the cluster, unflagged here).
			for (let index = 0; index < count; index++) if (nearDuplicate.position[index] > 1 && firstOf[index] === index) mask[index] |= signalBit['near-duplicate'];
		}

		this.timings[1] += performance.now() - started + nearMs;
		started = performance.now();
		const lengths = this.lengths.slice(0, count);
		const stats = lengthStats(lengths, count);
		const {minSamples} = this.options.config.lengthOutlier;
		if (this.enabled('length-outlier') && stats.samples >= minSamples) {
			for (let index = 0; index < count; index++) {
				if (isLengthOutlier(lengths[index], stats, this.options.config.lengthOutlier)) mask[index] |= signalBit['length-outlier'];
			}
		}

		this.timings[SIGNALS.indexOf('length-outlier')] += performance.now() - started;
		const counts = SIGNALS.map(() => 0);
		const finalMask = mask.slice(0, count);
		for (let index = 0; index < count; index++) {
			const bits = finalMask[index];
			if (bits === 0) continue;
			for (let bit = 0; bit < SIGNALS.length; bit++) if (bits & (1 << bit)) counts[bit]++;
		}

		const groups: GroupData | undefined = this.groupOf ? {
			field: this.options.by!,
			names: this.groupNames,
			of: this.groupOf.slice(0, count),
			diversity: [],
		} : undefined;
		const figures = clusterFigures(count, duplicate, nearDuplicate, groups?.of, groups?.names.length ?? 1);
		if (groups) groups.diversity = this.groupDiversity.map((accumulator, group) => accumulator.figures(figures[group]));

		return {
			count,
			mask: finalMask,
			duplicate,
			nearDuplicate,
			lengths,
			lengthStats: stats,
			counts,
			diversity: this.diversity.figures(clusterFigures(count, duplicate, nearDuplicate, undefined, 1)[0]),
			groups,
			timings: [...this.timings],
			candidatePairs: this.near.candidatePairs,
			checkedPairs: this.near.checkedPairs,
		};
	}

	private duplicateClusters(): ClusterData {
		const {count, firstOf} = this;
		const members = new Int32Array(count);
		for (let index = 0; index < count; index++) members[firstOf[index]]++;
		return clustersOf(count, index => (members[firstOf[index]] > 1 ? firstOf[index] : -1));
	}

	private nearClusters(sets: {find(index: number): number}): ClusterData {
		const {count, firstOf} = this;
		// A component is a near-duplicate cluster when it joins two or more different contents.
		const contents = new Int32Array(count);
		for (let index = 0; index < count; index++) if (firstOf[index] === index && this.near.hasShingles(index)) contents[sets.find(index)]++;
		return clustersOf(count, index => {
			const first = firstOf[index];
			if (!this.near.hasShingles(first)) return -1;
			const root = sets.find(first);
			return contents[root] > 1 ? root : -1;
		});
	}

	private groupFor(value: unknown): number {
		// The path as a query's field term follows it (through lists, list indices too); several values are grouped as their list.
		const values = valuesAtPath(value, this.path!);
		const current = values.length <= 1 ? values[0] : values;
		if (current === undefined || current === null) return this.groupNumber(missingGroup);
		// The empty string is shown as "" (a blank row names nothing).
		return this.groupNumber(typeof current === 'string' && current !== '' ? current : JSON.stringify(current).slice(0, 200));
	}

	/** The group of a field value: a new one for a value not met yet, "(other values)" past the limit. */
	private groupNumber(value: string): number {
		let name = value;
		let group = this.groupIndex.get(name);
		if (group === undefined) {
			if (this.groupNames.length >= maxGroups) {
				group = this.groupIndex.get(otherGroup);
				if (group !== undefined) return group;
				name = otherGroup;
			}

			group = this.groupNames.length;
			this.groupNames.push(name);
			this.groupIndex.set(name, group);
			this.groupDiversity.push(new DiversityAccumulator({openings: false, precision: 10, exactLimit: 1 << 14}));
		}

		return group;
	}

	private grow(size = this.mask.length * 2) {
		const grown = <T extends Uint16Array | Uint32Array | Int32Array | Float64Array>(array: T, make: (length: number) => T) => {
			const bigger = make(size);
			bigger.set(array);
			return bigger;
		};

		this.mask = grown(this.mask, length => new Uint16Array(length));
		this.firstOf = grown(this.firstOf, length => new Int32Array(length));
		this.lengths = grown(this.lengths, length => new Float64Array(length));
		this.keysA = grown(this.keysA, length => new Uint32Array(length));
		this.keysB = grown(this.keysB, length => new Uint32Array(length));
		if (this.wordCounts) this.wordCounts = grown(this.wordCounts, length => new Uint32Array(length));
		if (this.groupOf) this.groupOf = grown(this.groupOf, length => new Int32Array(length));
	}
}

/** A parsed sample's shingle hashes (sorted, distinct) for exact Jaccard; none for a malformed entry. */
export function shinglesOfValue(value: unknown, size: number): Uint32Array {
	return value === undefined ? new Uint32Array(0) : shingleHashes(shingleSource(sampleText(value)), size);
}

/** Numbers clusters by their first member's position in the file; `keyOf` gives a sample's cluster key or -1. */
function clustersOf(count: number, keyOf: (index: number) => number): ClusterData {
	const of = new Int32Array(count).fill(-1);
	const position = new Int32Array(count);
	const numberOfKey = new Map<number, number>();
	const sizes: number[] = [];
	const first: number[] = [];
	for (let index = 0; index < count; index++) {
		const key = keyOf(index);
		if (key === -1) continue;
		let cluster = numberOfKey.get(key);
		if (cluster === undefined) {
			cluster = sizes.length;
			numberOfKey.set(key, cluster);
			sizes.push(0);
			first.push(index);
		}

		of[index] = cluster;
		position[index] = ++sizes[cluster];
	}

	return {of, position, sizes: Int32Array.from(sizes), first: Int32Array.from(first)};
}

type ClusterFigures = {duplicateShare: number; nearDuplicateShare: number; duplicateClusters: number; nearDuplicateClusters: number};

/** Share of samples in clusters and clusters met, for the whole file or per group, in one pass. */
function clusterFigures(count: number, duplicate: ClusterData, nearDuplicate: ClusterData, groupOf: Int32Array | undefined, groups: number): ClusterFigures[] {
	const samples = new Float64Array(groups);
	const inDuplicates = new Float64Array(groups);
	const inNear = new Float64Array(groups);
	const duplicateClusters = Array.from({length: groups}, () => new Set<number>());
	const nearClusters = Array.from({length: groups}, () => new Set<number>());
	for (let index = 0; index < count; index++) {
		const group = groupOf ? groupOf[index] : 0;
		samples[group]++;
		if (duplicate.of[index] !== -1) {
			inDuplicates[group]++;
			duplicateClusters[group].add(duplicate.of[index]);
		}

		if (nearDuplicate.of[index] !== -1) {
			inNear[group]++;
			nearClusters[group].add(nearDuplicate.of[index]);
		}
	}

	return Array.from({length: groups}, (_, group) => ({
		duplicateShare: samples[group] === 0 ? 0 : inDuplicates[group] / samples[group],
		nearDuplicateShare: samples[group] === 0 ? 0 : inNear[group] / samples[group],
		duplicateClusters: duplicateClusters[group].size,
		nearDuplicateClusters: nearClusters[group].size,
	}));
}
