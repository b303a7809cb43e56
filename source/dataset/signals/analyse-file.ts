import {statSync} from 'node:fs';
import {EntryReader, type ScanStats} from '../entry-scanner.js';
import {decodeEntry} from '../parse-entry.js';
import {SignalEngine, type EngineOptions, type EnginePart, type SignalTableData} from './engine.js';
import {NearDuplicateFinder} from './near-duplicate.js';
import {closeSpillSource, ShingleSpill, spilledShingles, type SpillIndex, type SpillSource} from './shingle-spill.js';
import {splitFile, type ByteRange, type SplitOptions} from './split-file.js';
import {UnionFind} from './union-find.js';

export {splitFile, type ByteRange, type SplitOptions} from './split-file.js';

export type SignalProgress = {
	/** Samples read so far. */
	samples: number;
	bytesRead: number;
	totalBytes: number;
	/** reading: per-sample signals; clustering: duplicate and near-duplicate clusters, length outliers. */
	phase: 'reading' | 'clustering';
};

/** One stretch of the file read: the engine's part, with the words of its samples' shingles spilled (shingle-spill.ts). */
export type FilePart = EnginePart & {wordCounts: Uint32Array; spill: SpillSource};


/** The parsed sample, or undefined when the entry is not a JSON object in valid UTF-8 (export skips those). */
function parsed(bytes: Uint8Array): unknown {
	const entry = decodeEntry(bytes);
	return entry.error === undefined ? entry.value : undefined;
}

/**
 * Reads the entries of `range` (the whole file when undefined) one by one, with the same reader and
 * numbering as Dataset and the scans, and computes each sample's signals. Between chunks it awaits
 * `pause` (the in-process fallback yields to the event loop there). `onProgress` gets the bytes of
 * the range read so far. `firstOfSeveral`: the file's first stretch of several, whose signatures are
 * then reserved in shared memory for the whole file (finishParts takes them as they are, no copy).
 */
export async function analysePart(path: string, options: EngineOptions, range: ByteRange | undefined, onProgress?: (bytesRead: number, samples: number) => void, pause?: () => Promise<void>, firstOfSeveral = false): Promise<FilePart> {
	const stats: ScanStats = {bytesRead: 0, totalBytes: 0, blankLines: 0, layout: 'jsonl'};
	const reader = await EntryReader.open(path, stats, {chunkSize: 1024 * 1024, synchronous: pause === undefined, range});
	const from = range?.from ?? 0;
	const engine = new SignalEngine(options);
	const spill = new ShingleSpill();
	engine.spillTo(spill);
	let done = false;
	try {
		const sink = (buffer: Buffer, start: number, end: number) => {
			engine.add(parsed(buffer.subarray(start, end)));
		};

		let reserved = false;
		const length = (range?.to ?? reader.size) - from;
		// The first of several stretches: signatures in shared memory, with room for the whole file's samples at the average entry size so far (and 5% more).
		const reserveShared = () => engine.reserveSharedSignatures(Math.ceil((statSync(path).size / Math.max(1, stats.bytesRead - from)) * engine.count * 1.05));
		while (await reader.next(sink)) {
			if (!reserved && engine.count > 0) {
				// After the first chunk, room for the whole range at its average entry size (and 5% more).
				reserved = true;
				const expected = Math.ceil((length / Math.max(1, stats.bytesRead - from)) * engine.count * 1.05);
				if (firstOfSeveral) reserveShared();
				engine.reserve(expected);
			}

			onProgress?.(stats.bytesRead - from, engine.count);
			if (pause) await pause();
		}
		// A stretch read in one chunk: its signatures are moved to shared memory now.
		if (firstOfSeveral && !reserved) reserveShared();
		done = true;
	} finally {
		await reader.close();
		// The spill is closed by whoever joins the parts (finishParts), once every check has read it.
		if (!done) spill.close();
	}

	const part = engine.part();
	return {...part, wordCounts: part.wordCounts!, spill: part.spill!};
}

/** What a helper worker needs to find the candidate pairs of some bands of the near-duplicate signatures: in shared memory. */
export type BandPairsRequest = {signatures: Uint8Array; has: Uint8Array; count: number; fromBand: number; toBand: number};
export type BandPairsResult = {pairs: Float64Array; candidatePairs: number};
/** What a helper worker needs to check a share of the candidate pairs by exact Jaccard (where the samples' words are spilled, in shared memory). */
export type PairCheckRequest = {pairs: Float64Array; count: number; spills: SpillIndex};
export type PairCheckResult = {alike: Float64Array; checkedPairs: number};
/**
 * A helper worker's shares of the near-duplicate search: some bands' candidates, then a stretch of the
 * joined candidates checked; then it closes the words file of the part it read (its thread opened it).
 */
export type NearDuplicateHelper = {
	bandPairs(request: BandPairsRequest): Promise<BandPairsResult>;
	checkPairs(request: PairCheckRequest): Promise<PairCheckResult>;
	closeSpill(): Promise<unknown>;
};

/** The parts' spills as one index by sample number (shared memory when `shared`, for helper workers). */
function spillIndex(parts: ReadonlyArray<FilePart | undefined>, shared: boolean): SpillIndex {
	const total = parts.reduce((sum, part) => sum + part!.count, 0);
	const at = shared ? new Float64Array(new SharedArrayBuffer(Math.max(8, 8 * total))) : new Float64Array(total);
	const count = shared ? new Int32Array(new SharedArrayBuffer(Math.max(4, 4 * total))) : new Int32Array(total);
	const sources: SpillSource[] = [];
	const first: number[] = [];
	let offset = 0;
	for (const part of parts) {
		const {wordCounts, spill} = part!;
		sources.push(spill);
		first.push(offset);
		let words = 0;
		for (let index = 0; index < part!.count; index++) {
			at[offset + index] = words;
			count[offset + index] = wordCounts[index];
			words += wordCounts[index];
		}

		offset += part!.count;
	}

	return {sources, first, at, count};
}

/** A helper's candidate pairs of its bands. */
export function bandPairs(options: EngineOptions, request: BandPairsRequest): BandPairsResult {
	const {threshold, shingleWords} = options.config.nearDuplicate;
	const finder = NearDuplicateFinder.over(threshold, shingleWords, request);
	const pairs = finder.bandPairs(request.count, request.fromBand, request.toBand);
	return {pairs, candidatePairs: finder.candidatePairs};
}

/** A helper's share of the candidate pairs checked by exact Jaccard, the samples read again from the file. */
export function checkPairs(_path: string, options: EngineOptions, request: PairCheckRequest): PairCheckResult {
	const {threshold, shingleWords} = options.config.nearDuplicate;
	const finder = NearDuplicateFinder.over(threshold, shingleWords, {signatures: new Uint8Array(0), has: new Uint8Array(0)});
	const alike = finder.checkPairs(request.count, request.pairs, index => spilledShingles(request.spills, index, shingleWords));
	return {alike, checkedPairs: finder.checkedPairs};
}

/** Where the sorted candidate list is cut into `shares` stretches of about equal length. */
function shareBounds(length: number, shares: number): number[] {
	return Array.from({length: shares + 1}, (_, share) => Math.round((length * share) / shares));
}

/**
 * Joins the parts read (in file order) and finishes: duplicate and near-duplicate clusters (candidate
 * near-duplicates checked from the words the parts spilled), length outliers, counts; then closes the spills. With
 * `helpers`, the near-duplicate bands are searched side by side: this thread takes the first share.
 * The list of parts is emptied as they are joined (their memory can go).
 */
export async function finishParts(path: string, options: EngineOptions, parts: Array<FilePart | undefined>, helpers: readonly NearDuplicateHelper[] = []): Promise<SignalTableData> {
	const shared = helpers.length > 0;
	const total = parts.reduce((sum, part) => sum + part!.count, 0);
	const spills = spillIndex(parts, shared);
	const {shingleWords} = options.config.nearDuplicate;
	const shinglesOf = (index: number) => spilledShingles(spills, index, shingleWords);
	try {
		// The parts are let go of as they are joined.
		const engine = SignalEngine.fromParts(options, parts, shared);
		const read = () => {
			throw new Error('finishParts: samples are not read again (their words are spilled)');
		};

		if (!shared) return engine.finish(read, undefined, 0, shinglesOf);
		const started = performance.now();
		const finder = engine.nearDuplicates;
		const shares = helpers.length + 1;
		// Each thread finds the candidates of some bands; the joined list is then checked in stretches,
		// so that each sample is read again from the file by one thread, mostly.
		const band = (share: number) => Math.round((finder.bands * share) / shares);
		const theirPairs = helpers.map(async (helper, index) => helper.bandPairs({...finder.arrays, count: total, fromBand: band(index + 1), toBand: band(index + 2)}));
		for (const search of theirPairs) search.catch(() => undefined);
		const lists = [finder.bandPairs(total, band(0), band(1))];
		for (const result of await Promise.all(theirPairs)) {
			finder.candidatePairs += result.candidatePairs;
			lists.push(result.pairs);
		}

		finder.releaseSignatures();
		const pairs = NearDuplicateFinder.joinPairs(lists);
		lists.length = 0;
		const bounds = shareBounds(pairs.length, shares);
		const theirChecks = helpers.map(async (helper, index) => helper.checkPairs({pairs: pairs.slice(bounds[index + 1], bounds[index + 2]), count: total, spills}));
		for (const check of theirChecks) check.catch(() => undefined);
		const mine = finder.checkPairs(total, pairs.subarray(bounds[0], bounds[1]), shinglesOf);
		const sets = new UnionFind(total);
		for (const alike of [mine, ...(await Promise.all(theirChecks)).map(result => {
			finder.checkedPairs += result.checkedPairs;
			return result.alike;
		})]) {
			for (const pair of alike) sets.union(Math.floor(pair / 4_294_967_296), pair % 4_294_967_296);
		}

		return engine.finish(read, sets, performance.now() - started);
	} finally {
		// Each words file is closed by the thread that opened it: the first part's here, the others' by their helpers.
		closeSpillSource(spills.sources[0]);
		await Promise.all(helpers.map(async helper => helper.closeSpill().catch(() => undefined)));
	}
}

/**
 * Every signal of a dataset file, computed here (the in-process fallback, and the tests): the file
 * read in `parts` stretches one after the other and joined, as the workers do side by side.
 */
export async function analyseFile(path: string, options: EngineOptions, onProgress?: (progress: SignalProgress) => void, pause?: () => Promise<void>, split: SplitOptions = {parts: 1}): Promise<SignalTableData> {
	const ranges = splitFile(path, split);
	const totalBytes = ranges.at(-1)!.to;
	const done: Array<FilePart | undefined> = [];
	let bytesBefore = 0;
	let samplesBefore = 0;
	try {
		for (const range of ranges) {
			done.push(await analysePart(path, options, ranges.length === 1 ? undefined : range, (bytesRead, samples) => {
				onProgress?.({samples: samplesBefore + samples, bytesRead: bytesBefore + bytesRead, totalBytes, phase: 'reading'});
			}, pause, ranges.length > 1 && range === ranges[0]));
			bytesBefore += range.to - range.from;
			samplesBefore += done.at(-1)!.count;
		}
	} catch (error) {
		// Stopped (aborted, or a stretch failed): the words files of the stretches read so far go too.
		for (const part of done) closeSpillSource(part!.spill);
		throw error;
	}

	onProgress?.({samples: samplesBefore, bytesRead: totalBytes, totalBytes, phase: 'clustering'});
	// As the workers share the near-duplicate search, one share per part (here one after the other).
	const spills = done.map(part => part!.spill);
	return finishParts(path, options, done, ranges.slice(1).map((_, at) => ({
		bandPairs: async (request: BandPairsRequest) => bandPairs(options, request),
		checkPairs: async (request: PairCheckRequest) => checkPairs(path, options, request),
		closeSpill: async () => closeSpillSource(spills[at + 1]),
	})));
}

/** The buffers of a part's typed arrays, each once, to transfer it to another thread. */
export function transferablesOf(part: FilePart): ArrayBuffer[] {
	const arrays: Array<ArrayBufferView | undefined> = [part.mask, part.lengths, part.keysA, part.keysB, part.signatures, part.has, part.wordCounts, part.groups?.of];
	for (const diversity of [part.diversity, ...(part.groups?.diversity ?? [])]) {
		for (const counter of [diversity.unigrams, diversity.bigrams]) arrays.push(counter.exact, counter.registers);
	}

	return [...new Set(arrays.filter(array => array !== undefined).map(array => array.buffer as ArrayBuffer))];
}
