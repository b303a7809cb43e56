import {existsSync, readdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {scanDataset, type ScanOptions} from '../source/dataset/dataset-scan.js';
import {ChunkFacts, IdKind} from '../source/dataset/entry-facts.js';
import {decodeFacts, factsCacheFolder, FactsRecorder} from '../source/dataset/facts-cache.js';
import {StatsAccumulator} from '../source/report/stats.js';
import type {DecisionRecord} from '../source/store/schema.js';
import {datasetLine, decisionTuple} from './helpers/scan-arbitraries.js';
import {useTempDir} from './helpers/temp.js';
import {useCacheDir} from './helpers/cache-dir.js';

const tempDir = useTempDir();

/*
The facts cache (facts-cache.ts): a scan that reads the entries' facts back from the cache must
give, entry by entry and in the end, exactly what a scan that works them out gives.
*/

useCacheDir(tempDir);

const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();

/** Every entry as the visitor sees it, and the statistics, from one scan. */
async function scan(path: string, records: DecisionRecord[], options: ScanOptions) {
	const accumulator = new StatsAccumulator(records, {listLimit: 5});
	const entries: unknown[] = [];
	await scanDataset(path, 'id', (entry, malformed) => {
		const result = accumulator.add(entry, entry.lineNumber, malformed);
		entries.push([entry.id, entry.isHashId, entry.lineNumber, entry.bytes.toString('latin1'), malformed, result.status]);
	}, undefined, undefined, accumulator.scanLookup(), false, options);
	return {entries, stats: accumulator.finish()};
}

function cacheFiles(): string[] {
	const folder = factsCacheFolder();
	return existsSync(folder) ? readdirSync(folder) : [];
}

describe('the facts cache', () => {
	it('gives, read back, what working the facts out gives (ids, hash ids, escapes, malformed lines, many chunks)', async () => {
		const line = datasetLine({textLength: 40, noIdText: fc.string({maxLength: 30})});
		const decision = decisionTuple;
		const dir = tempDir();
		let run = 0;
		await fc.assert(fc.asyncProperty(fc.array(line, {minLength: 1, maxLength: 120}), fc.array(decision, {maxLength: 40}), fc.integer({min: 64, max: 2048}), async (lines, decisions, chunkSize) => {
			const path = join(dir, `d${run++}.jsonl`);
			writeFileSync(path, `{"id":"s0","text":"first"}\n${lines.join('\n')}\n`);
			const records: DecisionRecord[] = decisions.map(([n, reviewer, verdict], i) => ({sample: `s${n}`, reviewer, verdict, categories: [], note: '', at: at(i)}));
			const worked = await scan(path, records, {chunkSize});
			const before = cacheFiles().length;
			const filled = await scan(path, records, {chunkSize, factsCache: true, factsCacheMinimumSize: 0});
			expect(cacheFiles().length).toBe(before + 1);
			const read = await scan(path, records, {chunkSize, factsCache: true, factsCacheMinimumSize: 0});
			expect(filled).toEqual(worked);
			expect(read).toEqual(worked);
		}), {numRuns: 40});
	});

	it('is read back (facts changed in the cache show), and not made for a small file', async () => {
		const {readFileSync} = await import('node:fs');
		const dir = tempDir();
		const path = join(dir, 'd.jsonl');
		writeFileSync(path, '{"id":"a","n":1}\n{"id":"b","n":2}\n');
		await scan(path, [], {factsCache: true});
		expect(cacheFiles()).toEqual([]);
		await scan(path, [], {factsCache: true, factsCacheMinimumSize: 0});
		expect(cacheFiles()).toHaveLength(1);
		// The second entry marked malformed in the cache: a scan that reads the cache says so.
		const file = join(factsCacheFolder(), cacheFiles()[0]);
		const bytes = readFileSync(file);
		const malformedAt = (Math.ceil((15 + 4 + bytes.readUInt32LE(15)) / 8) * 8) + 8;
		bytes[malformedAt + 1] = 1;
		writeFileSync(file, bytes);
		const read = await scan(path, [], {factsCache: true, factsCacheMinimumSize: 0});
		expect(read.entries.map(entry => (entry as unknown[])[4])).toEqual([false, true]);
		expect((await scan(path, [], {})).entries.map(entry => (entry as unknown[])[4])).toEqual([false, false]);
	});

	it('works an entry out afresh, and removes the cache, when its length is not the one cached', async () => {
		const dir = tempDir();
		const path = join(dir, 'd.jsonl');
		writeFileSync(path, '{"id":"a","n":1}\n{"id":"b","n":2}\n');
		await scan(path, [], {factsCache: true, factsCacheMinimumSize: 0});
		const [file] = cacheFiles();
		// The same facts under a length that is not the entry's: the scan must not trust them.
		const {readFileSync} = await import('node:fs');
		const bytes = readFileSync(join(factsCacheFolder(), file));
		const key = bytes.toString('utf8', 19, 19 + bytes.readUInt32LE(15));
		const cached = decodeFacts(new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)), key)!;
		expect(cached.count).toBe(2);
		const facts = new ChunkFacts(2, false);
		expect(cached.fill(Int32Array.of(0, 17), Int32Array.of(16, 33), 2, facts)).toBe(true);
		const again = decodeFacts(new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)), key)!;
		expect(again.fill(Int32Array.of(0, 17), Int32Array.of(16, 34), 2, facts)).toBe(false);
		expect(decodeFacts(new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)), `${key} `)).toBeUndefined();
	});

	it('keeps hash ids and positions through encode and decode', () => {
		const recorder = new FactsRecorder();
		const facts = new ChunkFacts(3, false);
		facts.kinds.set([IdKind.Span, IdKind.Hash, IdKind.Escaped]);
		facts.malformed.set([0, 1, 0]);
		facts.idStarts.set([12, 0, 47]);
		facts.idEnds.set([15, 0, 50]);
		facts.fingerprints.set([1, 3, 5, 7, 9, 11]);
		facts.hashes.set(Buffer.from('sha1:0123456789abcdef'), 21);
		recorder.add(Int32Array.of(5, 20, 40), Int32Array.of(19, 39, 60), 3, facts);
		const bytes = Buffer.concat(recorder.encode('k'));
		const cached = decodeFacts(new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)), 'k')!;
		const read = new ChunkFacts(3, false);
		// Another place in another buffer: positions move with the entries.
		expect(cached.fill(Int32Array.of(105, 120, 140), Int32Array.of(119, 139, 160), 3, read)).toBe(true);
		expect([...read.kinds]).toEqual([IdKind.Span, IdKind.Hash, IdKind.Escaped]);
		expect([...read.malformed]).toEqual([0, 1, 0]);
		expect([read.idStarts[0], read.idEnds[0], read.idStarts[2], read.idEnds[2]]).toEqual([112, 115, 147, 150]);
		expect([...read.fingerprints]).toEqual([1, 3, 5, 7, 9, 11]);
		expect(Buffer.from(read.hashes.subarray(21, 42)).toString('latin1')).toBe('sha1:0123456789abcdef');
		expect(cached.done).toBe(true);
	});
});
