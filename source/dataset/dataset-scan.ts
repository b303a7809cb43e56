import {setFlagsFromString} from 'node:v8';
import {ChunkEntries} from './chunk-entries.js';
import {rm, stat} from 'node:fs/promises';
import {ChunkFacts, IdKind, inspectEntries, lookUpDecided, markFirstSeen, notDecided} from './entry-facts.js';
import {factsCacheKey, factsCacheMinimumSize, FactsRecorder, readCachedFacts, writeCachedFacts, type CachedFacts, type FactsCacheKey} from './facts-cache.js';
import {FingerprintTable} from './id-fingerprints.js';
import {ArrayLayoutError, layoutErrorMessage, EntryReader, type ScanStats} from './entry-scanner.js';
import {EntrySpan} from './entry-span.js';
import {DatasetError, describeFsError} from './errors.js';
import {needleFor} from './identity.js';
import {checkDatasetFile, FirstEntries, malformedReason, noEntriesError} from './opening-checks.js';
import type {ScanWorkers} from './scan-workers.js';

/*
Streams a dataset for the non-interactive commands (export, stats): every entry with its id and
whether it is malformed, in file order. The file is read once, in 4 MB chunks, by this thread; each
chunk's entries get their facts (entry-facts.ts: well-formed or not, the id, its fingerprint) from
the scan workers, one per core, while the next chunk is read, and are then handed out here. Two
chunks are held at a time; nothing is allocated per entry. Makes the same opening checks as
Dataset.open (opening-checks.ts) and reports them, and a cut short JSON array, as DatasetError
sentences naming the file and line.
*/

export type EntryVisitor = (entry: EntrySpan, malformed: boolean) => void;

export type ScanResult = ScanStats & {entries: number};

/**
 * Look-ups made with each entry's facts (StatsAccumulator.scanLookup()): `decided`, a table of
 * decided ids (FingerprintTable.shared()) to look every id up in (EntrySpan.decidedSlot); with
 * `firstSeen`, also the number of the first entry with the same id (EntrySpan.firstSeen), each
 * scan worker keeping its share of the ids.
 */
export type ScanLookup = {decided: Uint32Array; firstSeen: boolean};

/**
 * With `factsCache`, the entries' facts of a file of at least `factsCacheMinimumSize` bytes (default
 * 16 MB) are read from the facts cache (facts-cache.ts) when it holds them for the file as it is,
 * else worked out and then stored there (after a whole scan).
 */
export type ScanOptions = {
	/** true, or the cache already being opened (openFactsCache, started while the caller reads its decisions). */
	factsCache?: boolean | Promise<OpenedFactsCache>;
	factsCacheMinimumSize?: number;
	/** The read size (tests: many chunks from a small file). */
	chunkSize?: number;
	/**
	 * Takes, instead of `visit`, each well-formed entry that the look-ups (ScanLookup) found nobody
	 * decided: most entries of a big file, which export and stats only count. Given whether its id is
	 * a hash id, its line number and its first entry's number (ScanLookup.firstSeen; 0 when not
	 * worked out); false to have the entry visited after all (nothing counted). Never called for the
	 * entries held by the opening checks.
	 */
	undecided?: (hashId: boolean, lineNumber: number, firstSeen: number) => boolean;
};

/** The facts cache of a dataset: its key (undefined: not used for this file), and the facts it holds for the file as it is. */
export type OpenedFactsCache = {cacheKey?: FactsCacheKey; cached?: CachedFacts};

/**
 * Looks up the facts cache of a dataset file of at least `minimumSize` bytes: its key and the facts
 * it holds for the file as it is. Never fails (an error is a miss). Started early (by export and
 * stats, before they read their decisions), its reads overlap that work.
 */
export async function openFactsCache(path: string, idField: string, minimumSize = factsCacheMinimumSize): Promise<OpenedFactsCache> {
	if ((await stat(path).then(stats => stats.size, () => 0)) < minimumSize) return {};
	const cacheKey = await factsCacheKey(path, idField).catch(() => undefined);
	const cached = cacheKey && await readCachedFacts(cacheKey).catch(() => undefined);
	return {cacheKey, cached};
}

/** One read chunk: its entries and their facts, being worked out until `inspected` resolves. */
type Slot = {entries: ChunkEntries; facts: ChunkFacts; inspected: Promise<void>};

/**
 * Calls `visit` for every entry (synchronously, chunk by chunk; the entry object is reused and its
 * bytes are valid only during the call) and awaits `afterBatch` between chunks, where the caller
 * writes what it gathered. Nothing is visited until the file has passed the opening checks. With
 * ScanWorkers (started by the caller as early as it can), the entries' facts are worked out on
 * every core; they are stopped when the scan ends. With `lookup`, each entry's id is also looked up
 * there (ScanLookup). With `retain`, the bytes of the entries (entry.buffer) stay as they are until
 * the second afterBatch after their visit returns: a caller may start writing them where they are
 * in one afterBatch and wait for that write in the next.
 */
export async function scanDataset(path: string, idField: string, visit: EntryVisitor, afterBatch?: () => Promise<void>, workers?: ScanWorkers, lookup?: ScanLookup, retain = false, options: ScanOptions = {}): Promise<ScanResult> {
	const cleanUp: Array<() => void> = [];
	try {
		return await visitEntries(path, idField, visit, afterBatch, workers, lookup, retain, options, cleanUp);
	} finally {
		workers?.stop();
		for (const step of cleanUp) step();
	}
}

async function visitEntries(path: string, idField: string, visit: EntryVisitor, afterBatch: (() => Promise<void>) | undefined, workers: ScanWorkers | undefined, lookup: ScanLookup | undefined, retain: boolean, options: ScanOptions, cleanUp: Array<() => void>): Promise<ScanResult> {
	keepScanGarbageYoung();
	checkDatasetFile(path);
	// The facts cache: read back when it holds this file's facts, else filled by this scan.
	let cacheKey: FactsCacheKey | undefined;
	let cached: CachedFacts | undefined;
	let recorder: FactsRecorder | undefined;
	let staleCache = false;
	if (options.factsCache) {
		({cacheKey, cached} = await (options.factsCache === true ? openFactsCache(path, idField, options.factsCacheMinimumSize) : options.factsCache));
		// The cache file is read as the scan goes: let go of it when the scan ends.
		const opened = cached;
		if (opened) cleanUp.push(() => opened.close());
		if (cacheKey && !cached) recorder = new FactsRecorder();
	}

	const scan: ScanStats = {bytesRead: 0, totalBytes: 0, blankLines: 0, layout: 'jsonl'};
	const needle = needleFor(idField);
	const shared = workers !== undefined;
	let entries = 0;
	const opening = new FirstEntries(path);
	// The first entries are held (copied) until the file is known to be JSON Lines.
	let held: Array<{entry: EntrySpan; malformed: boolean}> | undefined = [];
	const release = () => {
		for (const {entry, malformed} of held!) visit(entry, malformed);
		held = undefined;
	};

	const entry = EntrySpan.forField(idField);
	let reader: EntryReader;
	try {
		// hold: 1, since a chunk's entries are handed out after the next chunk is read; one more
		// with `retain`, for the write of a chunk's entries in progress while the next is handed out.
		reader = await EntryReader.open(path, scan, {shared, hold: retain ? 2 : 1, ...(options.chunkSize && {chunkSize: options.chunkSize})});
	} catch (error) {
		throw new DatasetError(describeFsError(path, error));
	}

	/** The cache that turned out stale after handing out some entries' facts (their fingerprints are still wanted). */
	let staleFrom: CachedFacts | undefined;
	/** Works out the chunk's facts; true when they came from the cache (ChunkFacts.firsts too). */
	const inspect = async (slot: Slot): Promise<boolean> => {
		const {entries: chunk, facts} = slot;
		if (cached) {
			if (cached.fill(chunk.froms, chunk.tos, chunk.count, facts)) {
				// The look-ups (a cache miss each) on the workers, as they would be with the rest.
				if (workers && lookup && await workers.inspect(chunk, facts, lookup.decided, true)) return true;
				lookUpDecided(facts, 0, chunk.count, lookup?.decided);
				return true;
			}

			// The file is not what the cache says after all: worked out from here on, and the cache
			// removed after the scan (the next one fills it afresh).
			cached.stop();
			staleFrom = cached;
			cached = undefined;
			staleCache = true;
		}

		if (workers && await workers.inspect(chunk, facts, lookup?.decided)) return false;
		inspectEntries(chunk.buffer, chunk.froms, chunk.tos, 0, chunk.count, needle, facts, lookup?.decided);
		return false;
	};

	// First entries by id (ScanLookup.firstSeen): on the workers, chunk after chunk in file order,
	// else here. Should the workers fail on the first chunk, this thread takes over; later, the ids
	// they kept are lost, and the scan cannot go on.
	let firstsOnWorkers = workers !== undefined;
	let seen: FingerprintTable | undefined;
	let firstsDone = Promise.resolve();
	let loaded = 0;
	// How many entries the file holds, estimated from the first chunk: the tables of ids seen are
	// made that big at once, rather than doubled on the way (each doubling writes fresh memory).
	let expected = 0;
	/** Entries whose ChunkFacts.firsts came from the cache: their ids are in no table of ids seen. */
	let firstsFromCache = 0;
	const markFirsts = async ({entries: chunk, facts}: Slot, base: number) => {
		if (firstsFromCache > 0 && !seen) {
			// The cache went stale after handing out the first `base` entries (their firsts with
			// them): the ids seen so far are put in a table here, from the fingerprints it gave.
			firstsOnWorkers = false;
			seen = new FingerprintTable(Math.max(1 << 16, expected));
			const fingerprints = staleFrom!.fingerprintsBefore(firstsFromCache);
			markFirstSeen({fingerprints, firsts: new Int32Array(firstsFromCache)} as unknown as ChunkFacts, firstsFromCache, 0, 0, 1, seen);
		}

		if (firstsOnWorkers && await workers!.markFirstSeen(facts, chunk.count, base, expected)) return;
		if (firstsOnWorkers && base > 0) throw new DatasetError(`${path}: a scan worker stopped before the end of the file (out of memory?); run the command again.`);
		firstsOnWorkers = false;
		seen ??= new FingerprintTable(Math.max(1 << 16, expected));
		markFirstSeen(facts, chunk.count, base, 0, 1, seen);
	};

	/** Reads the next chunk into `slot` and starts working out its facts; false at the end of the file. */
	const load = async (slot: Slot): Promise<boolean> => {
		slot.entries.clear();
		let more;
		try {
			more = await reader.next(slot.entries.sink);
		} catch (error) {
			if (error instanceof DatasetError) throw error;
			if (error instanceof ArrayLayoutError) throw new DatasetError(layoutErrorMessage(path, error));
			throw new DatasetError(describeFsError(path, error));
		}

		slot.facts.ensure(slot.entries.count);
		const inspecting = inspect(slot);
		const inspected = inspecting.then(() => undefined);
		if (loaded === 0 && scan.bytesRead > 0) {
			expected = Math.min(Math.ceil((slot.entries.count * scan.totalBytes / scan.bytesRead) * 1.05), 1 << 27);
			recorder?.expect(expected);
		}

		// Worked out also for the facts cache, when filling it: a later scan reads them back.
		if (lookup?.firstSeen || recorder) {
			const base = loaded;
			const {count} = slot.entries;
			const before = firstsDone;
			firstsDone = (async () => {
				const fromCache = await inspecting;
				await before;
				if (fromCache) firstsFromCache += count;
				else await markFirsts(slot, base);
			})();
			slot.inspected = firstsDone;
		} else {
			slot.inspected = inspected;
		}

		loaded += slot.entries.count;
		return more;
	};

	/** Hands out the entries of a chunk whose facts are worked out. */
	const handOut = ({entries: chunk, facts}: Slot) => {
		const {buffer, froms, tos, starts, lines, count} = chunk;
		recorder?.add(froms, tos, count, facts);
		entry.isLine = scan.layout === 'jsonl';
		const {undecided} = options;
		for (let index = 0; index < count; index++) {
			entries++;
			const malformed = facts.malformed[index] === 1;
			// Nobody decided it: counted without making the entry (setFromFacts) or visiting it. (An
			// id with escapes is decoded by setFromFacts, and may turn out to be a hash id: visited.)
			if (undecided && !malformed && !held && facts.decided[index] === notDecided && facts.kinds[index] !== IdKind.Escaped && undecided(facts.kinds[index] === IdKind.Hash, lines[index], facts.firsts[index])) continue;
			entry.setFromFacts(buffer, froms[index], tos[index], starts[index], lines[index], facts, index);
			if (held) {
				opening.note(entry.bytes, entry.lineNumber, !malformed);
				held.push({entry: entry.copy(), malformed});
				if (opening.done) release();
				continue;
			}

			visit(entry, malformed);
		}
	};

	const slots: Slot[] = [0, 1].map(() => ({entries: new ChunkEntries(shared), facts: new ChunkFacts(1024, shared), inspected: Promise.resolve()}));
	try {
		let current = 0;
		let more = await load(slots[current]);
		while (more) {
			const slot = slots[current];
			// The next chunk is read (and its facts started) before this one's entries are handed
			// out; an error reading it is reported after them, as a reader in order would.
			let failure: unknown;
			more = await load(slots[1 - current]).catch((error: unknown) => {
				failure = error;
				return false;
			});
			await slot.inspected;
			handOut(slot);
			if (failure !== undefined) throw failure;
			// With `retain`, also after a chunk without entries (the middle of a very long one): the
			// write started after the chunk before must be waited for before its buffer is read into.
			if (afterBatch && !held && (slot.entries.count > 0 || retain)) await afterBatch();
			current = 1 - current;
		}
	} finally {
		await reader.close(); // closes the file when a visitor gave up early
		// Workers still busy with a chunk must finish before its memory is dropped: wait for them.
		await Promise.all(slots.map(async slot => slot.inspected.catch(() => undefined)));
	}

	if (entries === 0) throw noEntriesError(path, scan.blankLines);
	if (held) {
		opening.finish(entries === 1);
		release();
		if (afterBatch) await afterBatch();
	}

	// A file with fewer entries than the cache holds is not the one cached either.
	if (cached && !cached.done) staleCache = true;
	if (cacheKey && staleCache) await rm(cacheKey.file, {force: true}).catch(() => undefined);
	else if (cacheKey && recorder) await writeCachedFacts(cacheKey, path, recorder);

	return {...scan, entries};
}

/**
 * Once a decisions file is parsed (hundreds of thousands of objects that all survive), V8's
 * allocation-site pretenuring starts allocating the scan's short-lived objects (entries, ids) straight
 * into the old generation, where they pile up until a full collection: measured on 1,000,000 lines
 * with 310,000 decisions, peak RSS 453 MB with it and 308 MB without, for the same CPU time. V8 reads
 * the flag when it makes those decisions, so setting it at run time, before the scan, works; should
 * that ever change, only memory use does.
 */
function keepScanGarbageYoung() {
	try {
		setFlagsFromString('--no-allocation-site-pretenuring');
	} catch {}
}

export {checkDatasetFile, malformedReason};
