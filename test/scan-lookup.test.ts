import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {scanDataset} from '../source/dataset/dataset-scan.js';
import {ChunkFacts, markFirstSeen} from '../source/dataset/entry-facts.js';
import {FingerprintTable} from '../source/dataset/id-fingerprints.js';
import {StatsAccumulator} from '../source/report/stats.js';
import type {DecisionRecord} from '../source/store/schema.js';
import {policies} from '../source/store/verdict-policy.js';
import {datasetLine, decisionTuple} from './helpers/scan-arbitraries.js';
import {useTempDir} from './helpers/temp.js';

const tempDir = useTempDir();

/*
The look-ups the scan workers make for export and stats (ScanLookup): each entry's id in the decided
ids' table, and the first entry with the same id, worked out in shares, one per worker. Both must
give exactly what the accumulator's own look-ups, entry by entry in file order, give.
*/

describe('first entries by id, worked out in shares (one per scan worker)', () => {
	it('give, chunk after chunk, the first occurrence a single pass in file order gives', () => {
		const fingerprints = fc.array(fc.tuple(fc.nat(40), fc.nat(3)), {minLength: 1, maxLength: 300});
		fc.assert(fc.property(fingerprints, fc.integer({min: 1, max: 5}), fc.array(fc.integer({min: 1, max: 60}), {minLength: 1, maxLength: 20}), (ids, parts, chunkSizes) => {
			// A few fingerprints, often repeated: high words that share remainders, low words never 0.
			const expected: number[] = [];
			const first = new Map<string, number>();
			for (const [i, [high, low]] of ids.entries()) {
				const key = `${high}:${low}`;
				if (!first.has(key)) first.set(key, i + 1);
				expected.push(first.get(key)!);
			}

			const shares = Array.from({length: parts}, () => new FingerprintTable(16));
			const found: number[] = [];
			let base = 0;
			for (let chunk = 0; base < ids.length; chunk++) {
				const count = Math.min(chunkSizes[chunk % chunkSizes.length], ids.length - base);
				const facts = new ChunkFacts(count, false);
				for (let i = 0; i < count; i++) {
					const [high, low] = ids[base + i];
					facts.fingerprints[i * 2] = high * 7;
					facts.fingerprints[(i * 2) + 1] = (low * 2) + 1;
				}

				// The shares in any order: each looks only at its own ids.
				for (let part = parts - 1; part >= 0; part--) markFirstSeen(facts, count, base, part, parts, shares[part]);
				found.push(...facts.firsts.subarray(0, count));
				base += count;
			}

			expect(found).toEqual(expected);
		}), {numRuns: 500});
	});
});

describe('StatsAccumulator with the scan\'s look-ups', () => {
	const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();

	it('counts, entry by entry and in the end, what it counts with its own look-ups', async () => {
		// Ids from a small set (so repeated), some without an id (a hash id), some with escapes,
		// some malformed; decisions on some of the ids, some with several reviewers.
		const line = datasetLine({textLength: 8, noIdText: fc.nat(8)});
		const decision = decisionTuple;
		const dir = tempDir();
		let run = 0;
		await fc.assert(fc.asyncProperty(fc.array(line, {minLength: 1, maxLength: 80}), fc.array(decision, {maxLength: 40}), fc.constantFrom(...policies), async (lines, decisions, policy) => {
			const path = join(dir, `d${run++}.jsonl`);
			// Well formed first: a file whose first entries are all malformed is refused as not JSON Lines.
			writeFileSync(path, `{"id":"s0","text":"first"}\n${lines.join('\n')}\n`);
			const records: DecisionRecord[] = decisions.map(([n, reviewer, verdict], i) => ({sample: n >= 31 ? `sha1:${'0'.repeat(15)}${n % 10}` : `s${n}`, reviewer, verdict, categories: verdict === 'rejected' ? ['bias'] : [], note: '', at: at(i)}));
			const count = async (withLookup: boolean) => {
				const accumulator = new StatsAccumulator(records, {policy, listLimit: 5});
				const results: unknown[] = [];
				await scanDataset(path, 'id', (entry, malformed) => {
					results.push(accumulator.add(entry, entry.lineNumber, malformed));
				}, undefined, undefined, withLookup ? accumulator.scanLookup() : undefined);
				return {results, stats: accumulator.finish()};
			};

			const own = await count(false);
			const scanned = await count(true);
			expect(scanned.results).toEqual(own.results);
			expect(scanned.stats).toEqual(own.stats);
		}), {numRuns: 60});
	});

	it('without repeated ids tracked (export) gives each entry the status its own look-up gives', async () => {
		const dir = tempDir();
		const path = join(dir, 'd.jsonl');
		const lines = Array.from({length: 400}, (_, i) => (i % 7 === 3 ? JSON.stringify({text: `t${i % 50}`}) : JSON.stringify({id: `s${i % 120}`, text: 'x'})));
		writeFileSync(path, `${lines.join('\n')}\n`);
		const records: DecisionRecord[] = Array.from({length: 90}, (_, i) => ({sample: `s${i * 2}`, reviewer: i % 3 === 0 ? 'bob' : 'ann', verdict: i % 4 === 0 ? 'rejected' : 'accepted', categories: [], note: '', at: at(i)}));
		const statuses = async (withLookup: boolean) => {
			const accumulator = new StatsAccumulator(records, {trackRepeats: false, reviewers: false});
			const found: string[] = [];
			await scanDataset(path, 'id', entry => {
				found.push(accumulator.add(entry, entry.lineNumber).status);
			}, undefined, undefined, withLookup ? accumulator.scanLookup() : undefined);
			return found;
		};

		const scanned = await statuses(true);
		expect(scanned).toEqual(await statuses(false));
		expect(scanned.filter(status => status === 'accepted').length).toBeGreaterThan(50);
	});
});
