import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {scanDataset, type ScanOptions} from '../source/dataset/dataset-scan.js';
import {factsCacheFolder} from '../source/dataset/facts-cache.js';
import {IdFieldCheck} from '../source/dataset/id-field-check.js';
import {StatsAccumulator} from '../source/report/stats.js';
import type {DecisionRecord} from '../source/store/schema.js';
import {datasetLine, decisionTuple} from './helpers/scan-arbitraries.js';
import {useTempDir} from './helpers/temp.js';
import {useCacheDir} from './helpers/cache-dir.js';

const tempDir = useTempDir();

/*
Export and stats count the entries nobody decided without visiting them (ScanOptions.undecided,
StatsAccumulator.addUndecided, IdFieldCheck.needsBytes), and a scan that reads the facts cache takes
each entry's first entry with its id from it. Either way, every figure, warning and visited entry
must be the one a scan that visits every entry and works every fact out gives.
*/

useCacheDir(tempDir);

const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();

type Run = {trackRepeats: boolean; named: boolean; quiet: boolean};

/** One scan as export (trackRepeats false) or stats does it: what it visits, counts and warns of. */
async function scan(path: string, records: DecisionRecord[], {trackRepeats, named, quiet}: Run, options: ScanOptions) {
	const accumulator = new StatsAccumulator(records, {listLimit: 5, trackRepeats});
	const idCheck = new IdFieldCheck('id', named);
	const visited: unknown[] = [];
	let sampleIndex = -1;
	const result = await scanDataset(path, 'id', (entry, malformed) => {
		sampleIndex++;
		idCheck.seeEntry(entry, malformed);
		const status = accumulator.add(entry, entry.lineNumber, malformed);
		if (malformed || status.status !== 'undecided' || status.deciders > 0) visited.push([sampleIndex, entry.id, entry.lineNumber, malformed, status.status]);
	}, undefined, undefined, accumulator.scanLookup(), false, {
		...options,
		...(quiet && {undecided(hashId: boolean, lineNumber: number, firstSeen: number) {
			if (idCheck.needsBytes(hashId) || !accumulator.addUndecided(lineNumber, firstSeen)) return false;
			sampleIndex++;
			idCheck.see(hashId, false);
			return true;
		}}),
	});
	return {visited, sampleIndex, entries: result.entries, stats: accumulator.finish(), warnings: idCheck.warnings(path)};
}

function cacheFiles(): string[] {
	const folder = factsCacheFolder();
	return existsSync(folder) ? readdirSync(folder) : [];
}

/** Lines that make the id check look at bytes: ids no id can be made of, after (or among) entries without ids. */
const unusableLine = fc.constantFrom('{"id":true,"t":1}', '{"id":null}', '{"id":"","t":2}', '{"id":{},"t":3}');

describe('entries nobody decided, counted without a visit', () => {
	it('give the figures, warnings and visits that visiting every entry gives (with and without the facts cache)', async () => {
		const line = fc.oneof({weight: 8, arbitrary: datasetLine({textLength: 30, noIdText: fc.string({maxLength: 20})})}, {weight: 1, arbitrary: unusableLine});
		const dir = tempDir();
		let run = 0;
		await fc.assert(fc.asyncProperty(
			// Entries without ids first (up to past the id check's 1000), then a mix.
			fc.integer({min: 0, max: 1100}),
			fc.array(line, {minLength: 1, maxLength: 120}),
			fc.array(decisionTuple, {maxLength: 40}),
			fc.integer({min: 64, max: 4096}),
			fc.boolean(),
			fc.boolean(),
			async (noIds, lines, decisions, chunkSize, trackRepeats, named) => {
				const path = join(dir, `d${run++}.jsonl`);
				const head = Array.from({length: noIds}, (_, i) => `{"text":"no id ${i % 700}"}`);
				writeFileSync(path, `${[...head, ...lines].join('\n')}\n`);
				const records: DecisionRecord[] = decisions.map(([n, reviewer, verdict], i) => ({sample: n === 34 ? 'sha1:0000000000000000' : `s${n}`, reviewer, verdict, categories: [], note: '', at: at(i)}));
				const visitAll = await scan(path, records, {trackRepeats, named, quiet: false}, {chunkSize});
				expect(await scan(path, records, {trackRepeats, named, quiet: true}, {chunkSize})).toEqual(visitAll);
				const cache = {chunkSize, factsCache: true, factsCacheMinimumSize: 0};
				expect(await scan(path, records, {trackRepeats, named, quiet: true}, cache)).toEqual(visitAll);
				expect(await scan(path, records, {trackRepeats, named, quiet: true}, cache)).toEqual(visitAll);
			},
		), {numRuns: 60});
	}, 60_000);
});

describe('first entries by id from the facts cache', () => {
	it('are worked on from the cache\'s ids when the cache turns out stale in the middle of a scan', async () => {
		// Ids repeated across many small chunks; an entry in the middle of the file whose length the
		// cache has wrong: the chunks before it come from the cache, the rest are worked out.
		const lines = Array.from({length: 200}, (_, i) => (i % 9 === 4 ? `{"text":"no id ${i % 27}"}` : `{"id":"s${(i * 7) % 61}","n":${i % 5}}`));
		const path = join(tempDir(), 'd.jsonl');
		writeFileSync(path, `${lines.join('\n')}\n`);
		const records: DecisionRecord[] = [{sample: 's3', reviewer: 'ann', verdict: 'accepted', categories: [], note: '', at: at(1)}];
		const run: Run = {trackRepeats: true, named: false, quiet: false};
		const worked = await scan(path, records, run, {chunkSize: 256});
		expect(worked.stats.repeatedIds.ids).toBeGreaterThan(20);
		const cache = {chunkSize: 256, factsCache: true, factsCacheMinimumSize: 0};
		expect(await scan(path, records, run, cache)).toEqual(worked);
		const [name] = cacheFiles();
		const file = join(factsCacheFolder(), name);
		const bytes = readFileSync(file);
		// The arrays, each at an 8-byte boundary: malformed, kinds (a byte an entry), idStarts, idEnds, lengths.
		const align = (n: number) => Math.ceil(n / 8) * 8;
		const count = lines.length;
		const lengthsAt = align(15 + 4 + bytes.readUInt32LE(15)) + 8 + (2 * align(count)) + (2 * align(count * 4));
		const entry = 150;
		expect(bytes.readInt32LE(lengthsAt + (entry * 4))).toBe(Buffer.byteLength(lines[entry]));
		bytes.writeInt32LE(Buffer.byteLength(lines[entry]) + 1, lengthsAt + (entry * 4));
		writeFileSync(file, bytes);
		expect(await scan(path, records, run, cache)).toEqual(worked);
		// The stale cache was removed, and the next scan fills it afresh.
		expect(cacheFiles()).toEqual([]);
		expect(await scan(path, records, {...run, quiet: true}, cache)).toEqual(worked);
		expect(await scan(path, records, {...run, quiet: true}, cache)).toEqual(worked);
	});
});
