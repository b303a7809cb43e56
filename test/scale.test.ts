// The parts of winnow built for big files (issue 5), checked against plain reference versions:
// the chunked entry reader, the dataset index built on the main thread and in the worker, the
// decisions file written incrementally, and the counts kept sample by sample. Speed is measured by
// `npm run bench`, not here.
import {existsSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import fc from 'fast-check';
import {afterEach, beforeEach, describe, expect, test, vi} from 'vitest';
import {EntryReader, type ScanStats} from '../source/dataset/entry-scanner.js';
import {Dataset} from '../source/dataset/dataset.js';
import {sampleId} from '../source/dataset/identity.js';
import {DecisionStore} from '../source/store/decision-store.js';
import {ReviewController} from '../source/review/controller.js';
import {defaultCategories} from '../source/review/categories.js';
import {parseDecisionsFile} from '../source/store/decisions-file.js';
import {mergeRecords} from '../source/store/merge.js';
import type {DecisionRecord} from '../source/store/schema.js';
import {StatusCounter, type SampleState} from '../source/store/status-counts.js';
import type {SampleStatus} from '../source/store/verdict-policy.js';
import {ensureBuilt, repoRoot} from './helpers/store-processes.js';
import {prng} from './helpers/sequence.mjs';
import {letRun} from './helpers/wait-for.js';
import {useTempDir} from './helpers/temp.js';

let dir: string;
const tempDir = useTempDir();
beforeEach(() => {
	dir = tempDir();
});

type Found = {text: string; start: number; end: number; line: number};

async function read(path: string, options: {chunkSize: number; firstChunk: number; synchronous?: boolean}): Promise<{found: Found[]; stats: ScanStats}> {
	const stats: ScanStats = {bytesRead: 0, totalBytes: 0, blankLines: 0, layout: 'jsonl'};
	const reader = await EntryReader.open(path, stats, options);
	const found: Found[] = [];
	try {
		while (await reader.next((buffer, from, to, start, line) => {
			found.push({text: buffer.toString('latin1', from, to), start, end: start + (to - from), line});
		})) {
			// Each chunk's entries are handed over during next().
		}
	} finally {
		await reader.close();
	}

	return {found, stats};
}

/** JSON Lines split the plain way: the reference for the reader. */
function reference(bytes: Buffer): {found: Found[]; blank: number} {
	const found: Found[] = [];
	let blank = 0;
	let start = bytes[0] === 0xEF && bytes[1] === 0xBB && bytes[2] === 0xBF ? 3 : 0;
	let line = 1;
	while (start <= bytes.length) {
		let end = bytes.indexOf(0x0A, start);
		const last = end === -1;
		if (last) end = bytes.length;
		let stop = end;
		if (stop > start && bytes[stop - 1] === 0x0D) stop--;
		const text = bytes.toString('latin1', start, stop);
		if (text.trim() === '') {
			if (!last || end > start) blank++;
		} else {
			found.push({text, start, end: stop, line});
		}

		if (last) break;
		start = end + 1;
		line++;
	}

	return {found, blank};
}

const lineText = fc.oneof(
	{weight: 6, arbitrary: fc.string({maxLength: 60}).map(text => JSON.stringify({id: text, text}))},
	{weight: 2, arbitrary: fc.constantFrom('', '   ', '\t', '\r')},
	// Longer than the reader's 64 KB gap: such an entry gets a buffer of its own.
	{weight: 1, arbitrary: fc.integer({min: 65_000, max: 70_000}).map(n => JSON.stringify({long: 'x'.repeat(n)}))},
);

describe('EntryReader', () => {
	test('hands out exactly the lines of the file, whatever the chunk sizes (CRLF, blank lines, a BOM, lines longer than a chunk), with blocking reads or not', async () => {
		await fc.assert(fc.asyncProperty(
			fc.array(lineText, {maxLength: 30}),
			fc.boolean(), fc.boolean(), fc.boolean(),
			fc.integer({min: 1, max: 300}), fc.integer({min: 1, max: 300}), fc.boolean(),
			async (lines, crlf, bom, finalNewline, small, firstChunk, synchronous) => {
				// Tiny chunks, but not for files with long lines (thousands of reads each).
				const chunkSize = lines.some(line => line.length > 1000) ? 4096 + small : small;
				const body = lines.join(crlf ? '\r\n' : '\n') + (finalNewline ? '\n' : '');
				const bytes = Buffer.concat([Buffer.from(bom ? [0xEF, 0xBB, 0xBF] : []), Buffer.from(body, 'latin1')]);
				const path = join(dir, 'x.jsonl');
				writeFileSync(path, bytes);
				const {found, stats} = await read(path, {chunkSize, firstChunk, synchronous});
				const expected = reference(bytes);
				expect(found).toEqual(expected.found);
				expect(stats.blankLines).toBe(expected.blank);
			},
		), {numRuns: 150});
	});

	test('splits a top-level JSON array into its elements across chunk boundaries', async () => {
		await fc.assert(fc.asyncProperty(
			fc.array(fc.oneof(fc.string({maxLength: 30}).map(text => ({text, q: '"]},['})), fc.integer().map(n => ({n, nested: [[n], {a: [n]}]}))), {minLength: 1, maxLength: 20}),
			fc.constantFrom('', ' ', '\n', '\n  '),
			fc.integer({min: 1, max: 64}),
			async (elements, space, chunkSize) => {
				const text = `[${space}${elements.map(element => JSON.stringify(element)).join(`,${space}`)}${space}]${space}`;
				const path = join(dir, 'x.json');
				writeFileSync(path, text);
				const {found} = await read(path, {chunkSize, firstChunk: chunkSize});
				expect(found.map(entry => JSON.parse(entry.text) as unknown)).toEqual(elements);
				for (const entry of found) expect(Buffer.from(text).toString('latin1', entry.start, entry.end)).toBe(entry.text);
			},
		), {numRuns: 150});
	});
});

describe('Dataset index', () => {
	function writeSamples(count: number): string {
		const lines = [];
		for (let i = 0; i < count; i++) {
			// UUIDs, plain ids, numbers, escaped ids, no id (hashed), repeats.
			const kind = i % 7;
			const id = kind === 0 ? `${(i * 2_654_435_761 >>> 0).toString(16).padStart(8, '0')}-b5c7-4a7e-ad24-9116f8de761c`
				: kind === 1 ? `sample-${i}` : kind === 2 ? i : kind === 3 ? `é\\"${i}` : kind === 4 ? undefined : kind === 5 ? `repeat-${i % 50}` : `n${i}`;
			lines.push(id === undefined ? JSON.stringify({text: `no id ${i}`}) : typeof id === 'string' && id.includes('\\') ? `{"id":"${id}","text":"t"}` : JSON.stringify({id, text: `sample ${i} ${'x'.repeat(i % 300)}`}));
		}

		const path = join(dir, 'samples.jsonl');
		writeFileSync(path, `${lines.join('\n')}\n`);
		return path;
	}

	test('ids, spans, repeats and look-ups agree with the plain definition', async () => {
		const path = writeSamples(20_000);
		const dataset = await Dataset.open(path, {firstChunk: 4096});
		await dataset.whenIndexed;
		const lines = readFileSync(path, 'utf8').split('\n').slice(0, -1);
		expect(dataset.count).toBe(lines.length);
		const first = new Map<string, number>();
		for (const [i, line] of lines.entries()) {
			const id = sampleId(Buffer.from(line), 'id');
			expect(dataset.idOf(i)).toBe(id);
			expect(dataset.raw(i).toString()).toBe(line);
			if (!first.has(id)) first.set(id, i);
		}

		for (const [id, i] of first) expect(dataset.indexOfId(id)).toBe(i);
		expect(dataset.occurrences('repeat-5')).toBe(lines.filter(line => line.includes('"repeat-5"')).length);
		expect(dataset.occurrences('no such id')).toBe(0);
		dataset.close();
	});

	test('the worker thread builds the same index as the main thread (built code)', async () => {
		ensureBuilt();
		const built = join(repoRoot, 'dist', 'dataset', 'dataset.js');
		expect(existsSync(join(repoRoot, 'dist', 'dataset', 'index-worker.js'))).toBe(true);
		const {Dataset: BuiltDataset} = await import(built) as {Dataset: typeof Dataset};
		const path = writeSamples(30_000);
		const here = await BuiltDataset.open(path, {firstChunk: 4096, worker: false});
		const there = await BuiltDataset.open(path, {firstChunk: 4096, worker: true});
		const seen: Array<[number, number]> = [];
		there.onChange((from, to) => seen.push([from, to]));
		await Promise.all([here.whenIndexed, there.whenIndexed]);
		expect(there.count).toBe(here.count);
		for (let i = 0; i < here.count; i += 7) {
			expect(there.idOf(i)).toBe(here.idOf(i));
			expect(there.index.start(i)).toBe(here.index.start(i));
			expect(there.lineNumber(i)).toBe(here.lineNumber(i));
			expect(there.indexOfId(here.idOf(i))).toBe(here.indexOfId(here.idOf(i)));
		}

		expect([...there.repeats].sort()).toEqual([...here.repeats].sort());
		// Change events cover every sample past the first batch, in order, once.
		for (let k = 1; k < seen.length; k++) expect(seen[k][0]).toBe(seen[k - 1][1]);
		expect(seen.at(-1)?.[1]).toBe(there.count);
		here.close();
		there.close();
	});

	test('a worker started ahead of open() (Dataset.prepare) builds the same index; one for another file or id field is not used (built code)', async () => {
		ensureBuilt();
		const {Dataset: BuiltDataset} = await import(join(repoRoot, 'dist', 'dataset', 'dataset.js')) as {Dataset: typeof Dataset};
		const path = writeSamples(30_000);
		const here = await BuiltDataset.open(path, {firstChunk: 4096, worker: false});
		await here.whenIndexed;
		for (const [preparedPath, idField] of [[path, 'id'], [path, 'text'], [join(dir, 'missing.jsonl'), 'id']]) {
			BuiltDataset.prepare(preparedPath, {idField});
			// The worker gets ahead of open(): its first messages wait for the dataset.
			await letRun(300);
			const there = await BuiltDataset.open(path, {firstChunk: 4096});
			await there.whenIndexed;
			expect(there.count).toBe(here.count);
			for (let i = 0; i < here.count; i += 7) {
				expect(there.idOf(i)).toBe(here.idOf(i));
				expect(there.index.end(i)).toBe(here.index.end(i));
				expect(there.lineNumber(i)).toBe(here.lineNumber(i));
			}

			expect([...there.repeats].sort()).toEqual([...here.repeats].sort());
			there.close();
		}

		here.close();
	});
});

describe('decisions file written incrementally', () => {
	const dataset = 'samples.jsonl';
	const record = (sample: string, reviewer: string, verdict: 'accepted' | 'rejected', at: string) => ({sample, reviewer, verdict, categories: [], note: '', at});

	test('another writer\'s changes in winnow\'s layout, in another layout, a deleted file: the file ends as the union', async () => {
		const file = join(dir, 'samples.decisions.json');
		// A decision changed later is appended as a newer line: the file's records are the newest of each.
		const current = () => {
			const newest = new Map<string, DecisionRecord>();
			mergeRecords(newest, parseDecisionsFile(readFileSync(file, 'utf8'), file, dataset).decisions);
			return [...newest.values()];
		};

		const a = await DecisionStore.open(file, dataset, {watchInterval: 0});
		for (let i = 0; i < 50; i++) a.set({sample: `s${i}`, reviewer: 'ann', verdict: 'accepted'});
		await a.flush();
		const b = await DecisionStore.open(file, dataset, {watchInterval: 0});
		b.set({sample: 's1', reviewer: 'bob', verdict: 'rejected'});
		b.set({sample: 's60', reviewer: 'bob', verdict: 'accepted'});
		await b.flush();
		// a has not read b's write: its next write must take it in (only the changed lines parsed).
		a.set({sample: 's2', reviewer: 'ann', verdict: 'rejected'});
		await a.flush();
		expect(a.forSample('s1').map(r => r.reviewer).sort()).toEqual(['ann', 'bob']);
		let onDisk = current();
		expect(onDisk).toHaveLength(52);

		// Someone rewrites the file pretty-printed and reordered, with one more decision.
		const pretty = {schema: 1, dataset, createdAt: '2020-01-01T00:00:00.000Z', decisions: [...onDisk].reverse()};
		pretty.decisions.push(record('s99', 'cy', 'accepted', '2030-01-01T00:00:00.000Z'));
		writeFileSync(file, JSON.stringify(pretty, null, 2));
		a.set({sample: 's3', reviewer: 'ann', verdict: 'rejected'});
		await a.flush();
		expect(a.get('s99', 'cy')?.verdict).toBe('accepted');
		onDisk = current();
		expect(onDisk).toHaveLength(53);
		expect(onDisk.find(r => r.sample === 's3' && r.reviewer === 'ann')?.verdict).toBe('rejected');

		// The file is deleted: the next write puts back everything this store knows.
		rmSync(file);
		a.set({sample: 's4', reviewer: 'ann', verdict: 'rejected'});
		await a.flush();
		onDisk = current();
		expect(onDisk).toHaveLength(53);
		// b catches up with all of it on reload: only what changed since its write comes back.
		await b.reload();
		expect(b.size).toBe(53);
		expect(b.get('s4', 'ann')?.verdict).toBe('rejected');
		a.close();
		b.close();
	});

	test('a line broken by hand is not skipped: the store reports the file as not valid JSON', async () => {
		const file = join(dir, 'samples.decisions.json');
		const a = await DecisionStore.open(file, dataset, {watchInterval: 0});
		for (let i = 0; i < 5; i++) a.set({sample: `s${i}`, reviewer: 'ann', verdict: 'accepted'});
		await a.flush();
		writeFileSync(file, readFileSync(file, 'utf8').replace('"sample":"s2"', '"sample":"s2'));
		await a.reload();
		expect(a.status.error).toMatch(/not valid JSON/);
		a.close();
	});
});

describe('StatusCounter', () => {
	test('counts kept one id at a time equal counts made from scratch', () => {
		const statuses: SampleStatus[] = ['undecided', 'accepted', 'rejected', 'flagged'];
		const step = fc.record({id: fc.integer({min: 0, max: 9}), status: fc.constantFrom(...statuses), conflict: fc.boolean(), occurrences: fc.integer({min: 0, max: 3})});
		fc.assert(fc.property(fc.array(step, {maxLength: 60}), steps => {
			const state = new Map<string, SampleState & {occurrences: number}>();
			const counter = new StatusCounter(id => state.get(id)!, id => state.get(id)?.occurrences ?? 0);
			counter.rebuild(100, []);
			for (const {id, ...now} of steps) {
				state.set(`s${id}`, now);
				counter.update(`s${id}`);
			}

			const scratch = new StatusCounter(id => state.get(id)!, id => state.get(id)?.occurrences ?? 0);
			scratch.rebuild(100, state.keys());
			expect(counter.counts).toEqual(scratch.counts);
			const {counts} = counter;
			expect(counts.decided).toBe(counts.accepted + counts.rejected + counts.flagged);
			expect(counts.undecided).toBe(100 - counts.decided);
		}));
	});

	test('refreshes while a dataset is indexed end with the counts made from scratch, and look only at what indexing can change', async () => {
		// 1,000 decided ids, indexed 100 samples at a time in shuffled order, some ids occurring twice.
		const statuses: SampleStatus[] = ['accepted', 'rejected', 'flagged', 'undecided'];
		const random = prng(7);
		const status = new Map(Array.from({length: 1000}, (_, i) => [`s${i}`, statuses[i % 4]]));
		const order = [...status.keys(), 's3', 's10', 's500', 'other'].sort(() => random() - 0.5);
		const occurrences = new Map<string, number>();
		const repeats = new Map<string, number>();
		const stateOf = (id: string): SampleState => ({status: status.get(id) ?? 'undecided', conflict: false});
		let looked = 0;
		const counter = new StatusCounter(stateOf, id => {
			looked++;
			return occurrences.get(id) ?? 0;
		});
		counter.rebuild(0, []);
		for (let from = 0; from < order.length; from += 100) {
			const unfoundBefore = [...status.keys()].filter(id => !occurrences.has(id)).length;
			for (const id of order.slice(from, from + 100)) {
				const seen = occurrences.get(id) ?? 0;
				occurrences.set(id, seen + 1);
				if (seen > 0) repeats.set(id, seen);
			}

			counter.total = Math.min(order.length, from + 100);
			looked = 0;
			await new Promise<void>(resolve => {
				counter.refreshAfterIndexing(() => status.keys(), () => repeats.keys(), resolve);
			});
			// The first pass looks at every decided id; later ones at those not found yet, and repeats.
			expect(looked).toBe(from === 0 ? status.size : unfoundBefore + repeats.size);
			const scratch = new StatusCounter(stateOf, id => occurrences.get(id) ?? 0);
			scratch.rebuild(counter.counts.total, status.keys());
			expect(counter.counts).toEqual(scratch.counts);
		}

		expect(counter.counts.decided).toBe(752);
		counter.stop();
	});

	test('a rebuild from every decided id makes the next refresh look only at the ids not found', async () => {
		const occurrences = new Map([['s1', 1], ['s2', 1]]);
		let looked = 0;
		const counter = new StatusCounter(() => ({status: 'accepted', conflict: false}), id => {
			looked++;
			return occurrences.get(id) ?? 0;
		});
		counter.rebuild(2, ['s1', 's2', 's3'], true);
		expect(counter.counts.decided).toBe(2);
		occurrences.set('s3', 1);
		looked = 0;
		await new Promise<void>(resolve => {
			counter.refreshAfterIndexing(() => ['s1', 's2', 's3'], () => [], resolve);
		});
		expect(looked).toBe(1);
		expect(counter.counts.decided).toBe(3);
		counter.stop();
	});

	test('a background refresh of many ids ends with the counts made from scratch, and runs again if asked meanwhile', async () => {
		const occurrences = new Map<string, number>();
		const ids = Array.from({length: 20_000}, (_, i) => `s${i}`);
		const counter = new StatusCounter(id => ({status: Number(id.slice(1)) % 3 === 0 ? 'accepted' : 'rejected', conflict: false}), id => occurrences.get(id) ?? 0);
		counter.rebuild(40_000, ids);
		expect(counter.counts.decided).toBe(0);
		for (const id of ids.slice(0, 10_000)) occurrences.set(id, 1);
		let passes = 0;
		let settled: () => void;
		const done = new Promise<void>(resolve => {
			settled = resolve;
		});
		const afterPass = () => {
			passes++;
			if (passes === 2) settled();
		};

		counter.refreshAll(() => ids, afterPass);
		// More samples arrive while the first pass runs: a second pass takes them in.
		for (const id of ids.slice(10_000)) occurrences.set(id, 2);
		counter.refreshAll(() => ids, afterPass);
		await done;
		const scratch = new StatusCounter(id => ({status: Number(id.slice(1)) % 3 === 0 ? 'accepted' : 'rejected', conflict: false}), id => occurrences.get(id) ?? 0);
		scratch.rebuild(40_000, ids);
		expect(counter.counts).toEqual(scratch.counts);
		expect(counter.counts.decided).toBe(30_000);
		counter.stop();
	});
});

describe('reviewing while the file is still being read', () => {
	test('deciding the last sample read so far moves on to the next one once it is read, not back to the start', async () => {
		const path = join(dir, 'samples.jsonl');
		writeFileSync(path, Array.from({length: 5000}, (_, i) => JSON.stringify({id: `s${i + 1}`, text: `sample ${i + 1}`})).join('\n'));
		const store = await DecisionStore.open(join(dir, 'samples.decisions.json'), 'samples.jsonl', {watchInterval: 0});
		const dataset = await Dataset.open(path, {firstBatch: 5, firstChunk: 512, worker: false});
		// No await from here until the decision: the rest of the file is read in later turns.
		expect(dataset.indexed).toBe(false);
		const controller = new ReviewController(dataset, store, {reviewer: 'ann', categories: defaultCategories});
		controller.dispatch({type: 'last'});
		const lastRead = controller.state.cursor;
		expect(lastRead).toBe(dataset.count - 1);
		controller.dispatch({type: 'decide', verdict: 'accepted'});
		expect(controller.state.cursor).toBe(lastRead);
		expect(controller.state.message).toMatch(/still reading the file/);
		await dataset.whenIndexed;
		await new Promise(resolve => {
			setImmediate(resolve);
		});
		expect(controller.state.cursor).toBe(lastRead + 1);
		expect(store.get(`s${lastRead + 1}`, 'ann')?.verdict).toBe('accepted');
		controller.close();
		store.close();
		dataset.close();
	});
});

describe('npm run bench reads the screen', () => {
	test('the header\'s position, count (with thousands separators, + while reading) and id', async () => {
		const {header, indexing} = await import('../bench/pty.js') as {header: (lines: string[]) => unknown; indexing: (lines: string[]) => boolean};
		expect(header(['winnow big.jsonl 1/1,000,000 id ed252be3 · chat · line 1'])).toEqual({number: 1, count: 1_000_000, partial: false, id: 'ed252be3'});
		expect(header(['winnow big.jsonl 12,345/324,007+ id s1 · chat · line 12345'])).toEqual({number: 12_345, count: 324_007, partial: true, id: 's1'});
		expect(indexing(['', ' root · 0/324,007 decided (0%) · reading 32%'])).toBe(true);
	});
});

describe('counts read from the decision table\'s columns', () => {
	const modes = [{mode: 'split' as const}, {mode: 'overlap' as const}, {mode: 'overlap' as const, lead: true}];
	for (const {mode, lead} of modes) {
		test(`equal each sample's status from its records (${mode}${lead ? ', lead' : ''}): resolutions, undone, tied to bytes, repeated ids`, async () => {
			const path = join(dir, 'samples.jsonl');
			// 300 samples, ids s0…s239 (s0…s59 twice); decisions also on ids no sample carries.
			writeFileSync(path, Array.from({length: 300}, (_, i) => JSON.stringify({id: `s${i % 240}`, text: `sample ${i}`})).join('\n'));
			const dataset = await Dataset.open(path);
			await dataset.whenIndexed;
			const store = await DecisionStore.open(join(dir, 'samples.decisions.json'), dataset.name, {watchInterval: 0, writeDelay: 60_000});
			const random = prng(mode.length + (lead ? 1 : 0));
			const verdicts = ['accepted', 'rejected', 'flagged', null] as const;
			const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
			const decide = () => {
				store.set({
					sample: `s${Math.floor(random() * 260)}`,
					reviewer: pick(['cy', 'ann', 'bob', 'dee']),
					verdict: pick(verdicts),
					resolution: random() < 0.05 ? true : undefined,
					hash: random() < 0.05 ? 'sha1:0123456789abcdef' : undefined,
				});
			};

			for (let i = 0; i < 600; i++) decide();
			const controller = new ReviewController(dataset, store, {reviewer: 'cy', categories: defaultCategories, mode, lead});
			const fromRecords = () => {
				const counts = {accepted: 0, rejected: 0, flagged: 0, undecided: 0, conflicts: 0};
				for (let i = 0; i < dataset.count; i++) {
					const {status, conflict} = controller.statusAt(i);
					counts[status]++;
					if (conflict) counts.conflicts++;
				}

				return counts;
			};

			expect(controller.counts).toMatchObject(fromRecords());
			// Later decisions are counted as they come.
			for (let i = 0; i < 200; i++) decide();
			expect(controller.counts).toMatchObject(fromRecords());
			expect(controller.counts.conflicts).toBeGreaterThan(0);
			controller.close();
			store.close();
			dataset.close();
		});
	}
});

describe('opening with many decisions', () => {
	/** 6,000 samples, decisions written by another session (`decide`), then a review opened on them once indexed. */
	async function reviewOpenedOn(name: string, decide: (writer: DecisionStore) => void) {
		const path = join(dir, `${name}.jsonl`);
		writeFileSync(path, Array.from({length: 6000}, (_, i) => JSON.stringify({id: `s${i + 1}`, text: `sample ${i + 1}`})).join('\n'));
		const db = join(dir, `${name}.decisions.json`);
		const writer = await DecisionStore.open(db, `${name}.jsonl`, {watchInterval: 0, writeDelay: 60_000});
		decide(writer);
		await writer.flush();
		writer.close();

		const dataset = await Dataset.open(path);
		await dataset.whenIndexed;
		const store = await DecisionStore.open(db, dataset.name, {watchInterval: 0});
		const controller = new ReviewController(dataset, store, {reviewer: 'cy', categories: defaultCategories});
		const close = () => {
			controller.close();
			store.close();
			dataset.close();
		};

		return {controller, close};
	}

	test('the counts are made in the background after the screen opens, and say so meanwhile', async () => {
		const {controller, close} = await reviewOpenedOn('samples', writer => {
			for (let i = 1; i <= 6000; i++) writer.set({sample: `s${i}`, reviewer: i % 2 ? 'ann' : 'bob', verdict: i % 3 ? 'accepted' : 'rejected'});
		});
		expect(controller.counting).toBe(true);
		// Where the session starts does not wait for the counts: every sample is decided by someone.
		expect(controller.state.cursor).toBe(0);
		await vi.waitFor(() => {
			expect(controller.counting).toBe(false);
		}, {timeout: 10_000, interval: 10});
		expect(controller.counts).toMatchObject({total: 6000, decided: 6000, accepted: 4000, rejected: 2000});
		close();
	});

	test('more decisions than samples, on many samples (a finished review): counted in the background too, and a decision made meanwhile is counted once', async () => {
		// Every sample but s1 decided by ann and bob alike: 11,998 decisions on 5,999 samples.
		const {controller, close} = await reviewOpenedOn('finished', writer => {
			for (let i = 2; i <= 6000; i++) {
				for (const reviewer of ['ann', 'bob']) writer.set({sample: `s${i}`, reviewer, verdict: i % 3 ? 'accepted' : 'rejected'});
			}
		});
		expect(controller.counting).toBe(true);
		expect(controller.state.cursor).toBe(0);
		controller.dispatch({type: 'decide', verdict: 'accepted'});
		await vi.waitFor(() => {
			expect(controller.counting).toBe(false);
		}, {timeout: 10_000, interval: 10});
		const rejected = Math.floor(6000 / 3);
		expect(controller.counts).toMatchObject({total: 6000, decided: 6000, accepted: 6000 - rejected, rejected});
		close();
	});
});
