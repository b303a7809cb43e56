import {spawnSync} from 'node:child_process';
import {chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import fc from 'fast-check';
import {afterEach, beforeEach, describe, expect, test, vi} from 'vitest';
import {lockSync} from 'proper-lockfile';
import {DecisionStore, DecisionsFileError} from '../source/store/decision-store.js';
import {lockPath} from '../source/store/locked-merge-adapter.js';
import {parseDecisionsFile, readDecisionsFile, serializeDecisionsFile} from '../source/store/decisions-file.js';
import {mergeRecords, newer} from '../source/store/merge.js';
import {emptyDecisionsFile, recordKey, schemaVersion, type DecisionRecord, type DecisionsFile} from '../source/store/schema.js';
import {expectSentence} from './helpers/one-sentence.js';
import {useTempDir} from './helpers/temp.js';

const dataset = 'samples.jsonl';
let dir: string;
let file: string;
const open: DecisionStore[] = [];

const tempDir = useTempDir();
beforeEach(() => {
	dir = tempDir();
	file = join(dir, 'samples.decisions.json');
});

afterEach(() => {
	for (const store of open.splice(0)) store.close();
	vi.useRealTimers();
});

async function openStore(path = file, options: Parameters<typeof DecisionStore.open>[2] = {}): Promise<DecisionStore> {
	const store = await DecisionStore.open(path, dataset, {watchInterval: 0, ...options});
	open.push(store);
	return store;
}

function record(sample: string, reviewer: string, verdict: DecisionRecord['verdict'], at: string, note = ''): DecisionRecord {
	return {sample, reviewer, verdict, categories: [], note, at};
}

function onDisk(path = file): DecisionsFile {
	return parseDecisionsFile(readFileSync(path, 'utf8'), path, dataset);
}

function diskVerdicts(path = file): Map<string, DecisionRecord['verdict']> {
	return new Map(onDisk(path).decisions.map(r => [recordKey(r.sample, r.reviewer), r.verdict]));
}

async function refusal(promise: Promise<unknown>): Promise<DecisionsFileError> {
	const error = await promise.then(() => undefined, (error: unknown) => error);
	expect(error).toBeInstanceOf(DecisionsFileError);
	return error as DecisionsFileError;
}

describe('decisions file', () => {
	test('a missing file reads as undefined, and a store opens empty on it without creating it', async () => {
		expect(await readDecisionsFile(file, dataset)).toBeUndefined();
		const store = await openStore();
		expect(store.size).toBe(0);
		expect(existsSync(file)).toBe(false);
	});

	test('a read that catches an append half-written reads again; a damaged file still says so', async () => {
		const whole = serializeDecisionsFile({schema: schemaVersion, dataset, createdAt: '2024-01-01T00:00:00.000Z', decisions: [record('s1', 'ana', 'accepted', '2024-01-01T00:00:01.000Z'), record('s2', 'ana', 'rejected', '2024-01-01T00:00:02.000Z')]});
		// The second record's line cut where a reader may meet it while the writer's append is under way.
		writeFileSync(file, whole.slice(0, whole.indexOf('"s2"') + 3));
		const completed = new Promise<void>(resolve => {
			setTimeout(() => {
				writeFileSync(file, whole);
				resolve();
			}, 30);
		});
		const read = await readDecisionsFile(file, dataset);
		await completed;
		expect(read?.decisions.map(item => item.sample)).toEqual(['s1', 's2']);
		writeFileSync(file, whole.slice(0, whole.indexOf('"s2"') + 3));
		expect((await refusal(readDecisionsFile(file, dataset))).message).toMatch(/is not valid JSON/);
	});

	test('serialize then parse gives the same data back, for any strings', () => {
		const text = fc.string({unit: 'binary', maxLength: 12});
		const decision = fc.record({
			sample: text,
			reviewer: text,
			verdict: fc.constantFrom('accepted', 'rejected', 'flagged', null) as fc.Arbitrary<DecisionRecord['verdict']>,
			categories: fc.array(text, {maxLength: 3}),
			note: text,
			at: fc.date({noInvalidDate: true, min: new Date('2000-01-01'), max: new Date('2100-01-01')}).map(d => d.toISOString()),
		});
		fc.assert(fc.property(text, fc.array(decision, {maxLength: 6}), (name, decisions) => {
			const data: DecisionsFile = {schema: schemaVersion, dataset: name, createdAt: '2024-01-01T00:00:00.000Z', decisions};
			const serialized = serializeDecisionsFile(data);
			expect(JSON.parse(serialized)).toEqual(data);
			expect(parseDecisionsFile(serialized, file, name)).toEqual(data);
		}));
	});

	test('corrupt JSON is refused in one sentence and the file is left byte for byte as it was', async () => {
		const corrupt = Buffer.from('{\n"schema": 1,\n"dataset": "samples.jsonl",\n"decisions": [\n{"sample": "a", "reviewer": "ann", "verd');
		writeFileSync(file, corrupt);
		const error = await refusal(openStore());
		expect(error.message).toContain(file);
		expect(error.message).toContain('not valid JSON');
		expect(error.message).toContain('will not overwrite');
		expectSentence(error.message);
		expect(readFileSync(file).equals(corrupt)).toBe(true);
		// Where: a line and column to open the file at.
		writeFileSync(file, '{\n"schema": 1,\n"dataset": "samples.jsonl",\n"decisions": [\n{"sample": "a", reviewer: "ann"}\n]\n}\n');
		expect((await refusal(openStore())).message).toContain('not valid JSON at line 5, column 17');
		writeFileSync(file, corrupt);
		expect(readdirSync(dir)).toEqual(['samples.decisions.json']);
	});

	test('a file that turns corrupt while a store runs is not overwritten; the decisions stay in memory', async () => {
		const store = await openStore(file, {writeDelay: 60_000, retryDelay: 60_000});
		store.set({sample: 'a', reviewer: 'ann', verdict: 'accepted'});
		await store.flush();
		const corrupt = Buffer.from('{"schema": 1, "decisions": [{"sample": "a",');
		writeFileSync(file, corrupt);
		store.set({sample: 'b', reviewer: 'ann', verdict: 'rejected'});
		const error = await refusal(store.flush());
		expectSentence(error.message);
		expect(store.status.error).toBe(error.message);
		expect(store.status.unsaved).toBe(1);
		expect(store.get('b', 'ann')?.verdict).toBe('rejected');
		expect(readFileSync(file).equals(corrupt)).toBe(true);
	});

	test.each([
		['an array', '[]'],
		['an object without schema and decisions', '{"name": "something else"}'],
		['decisions that are not a list', '{"schema": 1, "decisions": {}}'],
		['an empty file', ''],
	])('%s is refused as not a decisions file, untouched', async (_name, text) => {
		writeFileSync(file, text);
		const error = await refusal(openStore());
		expectSentence(error.message);
		if (text) expect(error.message).toContain('not a winnow decisions file');
		expect(readFileSync(file, 'utf8')).toBe(text);
	});

	test('a file broken while a store watches it shows an error until it is repaired', async () => {
		const store = await openStore();
		store.set({sample: 'a', reviewer: 'ann', verdict: 'accepted'});
		await store.flush();
		const good = readFileSync(file);
		writeFileSync(file, '{"schema": 1, "decis');
		await store.reload();
		expect(store.status.error).toContain('not valid JSON');
		expect(store.get('a', 'ann')?.verdict).toBe('accepted');
		writeFileSync(file, good);
		await store.reload();
		expect(store.status.error).toBeUndefined();
	});

	test('a malformed decision inside is refused, naming which one', async () => {
		const text = JSON.stringify({schema: 1, dataset, decisions: [record('a', 'ann', 'accepted', '2024-01-01T00:00:00.000Z'), {sample: 'b', verdict: 'maybe'}]});
		writeFileSync(file, text);
		const error = await refusal(openStore());
		expect(error.message).toContain('line 1: decision 2 has no "reviewer"');
		expectSentence(error.message);
		expect(readFileSync(file, 'utf8')).toBe(text);
	});

	test('a newer schema version is refused with advice to upgrade, untouched', async () => {
		const text = JSON.stringify({schema: schemaVersion + 1, dataset, decisions: []});
		writeFileSync(file, text);
		const error = await refusal(openStore());
		expect(error.message).toContain('newer winnow');
		expect(error.message).toContain(`schema ${schemaVersion + 1}`);
		expectSentence(error.message);
		expect(readFileSync(file, 'utf8')).toBe(text);
	});

	test('a file that belongs to another dataset is refused, naming both', async () => {
		const text = serializeDecisionsFile({...emptyDecisionsFile('other.jsonl'), decisions: [record('a', 'ann', 'accepted', '2024-01-01T00:00:00.000Z')]});
		writeFileSync(file, text);
		const error = await refusal(openStore());
		expect(error.message).toContain('other.jsonl');
		expect(error.message).toContain(dataset);
		expectSentence(error.message);
		expect(readFileSync(file, 'utf8')).toBe(text);
	});

	test('a directory in the file\'s place is refused in one sentence', async () => {
		mkdirSync(file);
		const error = await refusal(openStore());
		expect(error.message).toContain('is a directory');
		expectSentence(error.message);
	});
});

describe('merge', () => {
	const older = record('s1', 'ann', 'accepted', '2024-05-01T10:00:00.000Z');
	const newerUndo = record('s1', 'ann', null, '2024-05-01T10:00:00.001Z');

	test('the newest record wins whichever side it is on', () => {
		expect(newer(older, newerUndo)).toBe(newerUndo);
		expect(newer(newerUndo, older)).toBe(newerUndo);
	});

	test('an undo (a newer null verdict) wins over the older verdict it undoes, in any merge order', () => {
		for (const order of [[older, newerUndo], [newerUndo, older]]) {
			const map = new Map<string, DecisionRecord>();
			mergeRecords(map, order);
			expect(map.get(recordKey('s1', 'ann'))?.verdict).toBeNull();
		}
	});

	test('equal times pick the same record whichever side it is on', () => {
		const a = record('s1', 'ann', 'accepted', '2024-05-01T10:00:00.000Z');
		const b = record('s1', 'ann', 'rejected', '2024-05-01T10:00:00.000Z');
		expect(newer(a, b)).toBe(newer(b, a));
	});

	test('mergeRecords reports only the keys that changed', () => {
		const map = new Map<string, DecisionRecord>();
		expect(mergeRecords(map, [older])).toEqual([recordKey('s1', 'ann')]);
		expect(mergeRecords(map, [older, record('s2', 'bob', 'flagged', '2024-01-01T00:00:00.000Z')])).toEqual([recordKey('s2', 'bob')]);
		expect(mergeRecords(map, [newerUndo])).toEqual([recordKey('s1', 'ann')]);
		expect(mergeRecords(map, [older])).toEqual([]);
	});

	test('property: merging the same records in any order and grouping gives the same result', () => {
		const decision = fc.record({
			sample: fc.constantFrom('s1', 's2', 's3'),
			reviewer: fc.constantFrom('ann', 'bob'),
			verdict: fc.constantFrom('accepted', 'rejected', 'flagged', null) as fc.Arbitrary<DecisionRecord['verdict']>,
			categories: fc.constant([] as string[]),
			note: fc.constantFrom('', 'x', 'y'),
			// Few distinct times, so ties are common.
			at: fc.integer({min: 0, max: 3}).map(ms => new Date(Date.UTC(2024, 0, 1, 0, 0, 0, ms)).toISOString()),
		});
		fc.assert(fc.property(fc.array(decision, {maxLength: 12}), fc.nat(), (records, cut) => {
			const once = new Map<string, DecisionRecord>();
			mergeRecords(once, records);
			const reversed = new Map<string, DecisionRecord>();
			mergeRecords(reversed, [...records].reverse());
			// Two "files" merged into each other, as the adapter does.
			const split = cut % (records.length + 1);
			const left = new Map<string, DecisionRecord>();
			mergeRecords(left, records.slice(split));
			mergeRecords(left, records.slice(0, split));
			const canonical = (map: Map<string, DecisionRecord>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, value]) => [key, JSON.stringify(value)]);
			expect(canonical(reversed)).toEqual(canonical(once));
			expect(canonical(left)).toEqual(canonical(once));
			// The winner for each key is the newest record of that key.
			for (const [key, winner] of once) {
				const latest = records.filter(r => recordKey(r.sample, r.reviewer) === key).map(r => r.at).sort().at(-1);
				expect(winner.at).toBe(latest);
			}
		}));
	});
});

describe('DecisionStore', () => {
	test('set, get, forSample and size reflect changes at once', async () => {
		const store = await openStore(file, {writeDelay: 60_000});
		const changes: string[][] = [];
		store.onChange(samples => changes.push([...samples]));
		store.set({sample: 's1', reviewer: 'ann', verdict: 'accepted'});
		store.set({sample: 's1', reviewer: 'bob', verdict: 'flagged', categories: ['age'], note: 'stereotype'});
		store.set({sample: 's2', reviewer: 'ann', verdict: 'rejected'});
		expect(store.get('s1', 'ann')?.verdict).toBe('accepted');
		expect(store.get('s1', 'bob')).toMatchObject({verdict: 'flagged', categories: ['age'], note: 'stereotype'});
		expect(store.get('s3', 'ann')).toBeUndefined();
		expect(store.forSample('s1').map(r => r.reviewer).sort()).toEqual(['ann', 'bob']);
		expect(store.forSample('nothing')).toEqual([]);
		expect(store.size).toBe(3);
		expect(store.status.unsaved).toBe(3);
		expect(changes).toEqual([['s1'], ['s1'], ['s2']]);
		// Undo is a newer record with verdict null: it replaces, it does not delete.
		store.set({sample: 's1', reviewer: 'ann', verdict: null});
		expect(store.get('s1', 'ann')?.verdict).toBeNull();
		expect(store.size).toBe(3);
	});

	test('each change of one store is strictly newer than the one before it', async () => {
		const store = await openStore(file, {writeDelay: 60_000});
		let last = '';
		for (let i = 0; i < 200; i++) {
			const {at} = store.set({sample: 's', reviewer: 'ann', verdict: i % 2 ? null : 'accepted'});
			expect(at > last).toBe(true);
			last = at;
		}
	});

	test('flush writes everything to disk, and a new store reads it back', async () => {
		const store = await openStore();
		store.set({sample: 's1', reviewer: 'ann', verdict: 'accepted', note: 'fine'});
		store.set({sample: 's2', reviewer: 'ann', verdict: 'flagged', categories: ['religion']});
		await store.flush();
		expect(store.status).toMatchObject({unsaved: 0, error: undefined});
		expect(store.status.lastSavedAt).toBeTypeOf('number');
		const data = onDisk();
		expect(data.dataset).toBe(dataset);
		expect(data.schema).toBe(schemaVersion);
		expect(data.decisions).toHaveLength(2);
		const again = await openStore();
		expect(again.get('s1', 'ann')).toEqual(store.get('s1', 'ann'));
		expect(again.get('s2', 'ann')).toEqual(store.get('s2', 'ann'));
		// No lock directory or temporary file is left behind.
		expect(readdirSync(dir)).toEqual(['samples.decisions.json']);
	});

	test('a write keeps the file\'s permissions and writes through a symbolic link', async () => {
		const store = await openStore();
		store.set({sample: 's1', reviewer: 'ann', verdict: 'accepted'});
		await store.flush();
		chmodSync(file, 0o664);
		const link = join(dir, 'link.decisions.json');
		symlinkSync(file, link);
		const viaLink = await openStore(link);
		viaLink.set({sample: 's2', reviewer: 'bob', verdict: 'rejected'});
		await viaLink.flush();
		expect(lstatSync(link).isSymbolicLink()).toBe(true);
		expect(statSync(file).mode & 0o777).toBe(0o664);
		viaLink.set({sample: 's3', reviewer: 'bob', verdict: 'accepted'});
		if (process.getuid?.() === 0) {
			// As root, the owner is kept too.
			chownSync(file, 1234, 1234);
			await viaLink.flush();
			expect(statSync(file)).toMatchObject({uid: 1234, gid: 1234});
		} else {
			await viaLink.flush();
		}

		expect(diskVerdicts().size).toBe(3);
	});

	test('a file named through a link, even before it exists, shares its lock and its file with the target', async () => {
		// Reviewers who reach one decisions file by different paths (a link to a file still to be made,
		// a linked folder) must take the same lock and write the same file, or their writes race.
		const real = join(dir, 'real');
		mkdirSync(real);
		const target = join(real, 'shared.decisions.json');
		const link = join(dir, 'link.decisions.json');
		const linkedFolder = join(dir, 'folder-link');
		symlinkSync(target, link);
		symlinkSync(real, linkedFolder);
		expect(lockPath(link)).toBe(lockPath(target));
		expect(lockPath(join(linkedFolder, 'shared.decisions.json'))).toBe(lockPath(target));

		const held = lockSync(target, {realpath: false, lockfilePath: lockPath(target)});
		const viaLink = await openStore(link, {timeout: 300, retryDelay: 60_000});
		viaLink.set({sample: 's1', reviewer: 'ann', verdict: 'accepted'});
		await expect(viaLink.flush()).rejects.toThrow(/locked by another winnow process/);
		expect(existsSync(target)).toBe(false);
		held();

		await viaLink.flush();
		expect(lstatSync(link).isSymbolicLink()).toBe(true);
		expect(diskVerdicts(target).get(recordKey('s1', 'ann'))).toBe('accepted');
		const viaFolder = await openStore(join(linkedFolder, 'shared.decisions.json'));
		expect(viaFolder.get('s1', 'ann')?.verdict).toBe('accepted');
	});

	test('opening removes the temporary files of writers killed mid-write, and only those', async () => {
		const store = await openStore();
		store.set({sample: 's1', reviewer: 'ann', verdict: 'accepted'});
		await store.flush();
		const gone = spawnSync(process.execPath, ['-e', '']).pid;
		const old = new Date(Date.now() - 120_000);
		const leftover = `${file}.${gone}.0123abcd.tmp`;
		const fresh = `${file}.${gone}.89abcdef.tmp`;
		const running = `${file}.${process.pid}.deadbeef.tmp`;
		const unrelated = join(dir, `other.decisions.json.${gone}.0123abcd.tmp`);
		for (const path of [leftover, fresh, running, unrelated]) writeFileSync(path, '{"half": ');
		for (const path of [leftover, running, unrelated]) utimesSync(path, old, old);
		const again = await openStore();
		expect(again.get('s1', 'ann')?.verdict).toBe('accepted');
		// Killed a while ago: removed. Just made (its writer may be a process in another pid namespace
		// or host), still being written by a live process, or another file's: kept.
		expect(existsSync(leftover)).toBe(false);
		expect([fresh, running, unrelated].map(path => existsSync(path))).toEqual([true, true, true]);
	});

	test('a change reaches the disk on its own shortly after it is made (no flush)', async () => {
		const store = await openStore(file, {writeDelay: 25});
		store.set({sample: 's1', reviewer: 'ann', verdict: 'accepted'});
		await vi.waitFor(() => {
			expect(existsSync(file) && diskVerdicts().get(recordKey('s1', 'ann'))).toBe('accepted');
		}, {timeout: 5000, interval: 10});
		await vi.waitFor(() => {
			expect(store.status.unsaved).toBe(0);
		});
	});

	test('reload merges another writer\'s records and keeps local unsaved ones', async () => {
		const mine = await openStore(file, {writeDelay: 60_000});
		mine.set({sample: 's1', reviewer: 'ann', verdict: 'accepted'});
		await mine.flush();
		mine.set({sample: 's2', reviewer: 'ann', verdict: 'rejected'});
		mine.set({sample: 's3', reviewer: 'ann', verdict: 'flagged'});

		const theirs = await openStore();
		theirs.set({sample: 's2', reviewer: 'bob', verdict: 'accepted'});
		theirs.set({sample: 's4', reviewer: 'bob', verdict: 'rejected'});
		await theirs.flush();

		const seen: string[] = [];
		mine.onChange(samples => seen.push(...samples));
		await mine.reload();
		expect(mine.get('s2', 'bob')?.verdict).toBe('accepted');
		expect(mine.get('s4', 'bob')?.verdict).toBe('rejected');
		expect(mine.get('s2', 'ann')?.verdict).toBe('rejected');
		expect(mine.get('s3', 'ann')?.verdict).toBe('flagged');
		expect(mine.forSample('s2').map(r => r.reviewer).sort()).toEqual(['ann', 'bob']);
		expect(mine.status.unsaved).toBe(2);
		expect(seen.sort()).toEqual(['s2', 's4']);

		await mine.flush();
		expect(diskVerdicts()).toEqual(new Map([
			[recordKey('s1', 'ann'), 'accepted'],
			[recordKey('s2', 'ann'), 'rejected'],
			[recordKey('s3', 'ann'), 'flagged'],
			[recordKey('s2', 'bob'), 'accepted'],
			[recordKey('s4', 'bob'), 'rejected'],
		]));
	});

	test('a write merges what others wrote since, instead of overwriting it', async () => {
		const one = await openStore();
		const two = await openStore();
		one.set({sample: 's1', reviewer: 'ann', verdict: 'accepted'});
		two.set({sample: 's1', reviewer: 'bob', verdict: 'rejected'});
		await one.flush();
		await two.flush();
		expect(diskVerdicts().size).toBe(2);
		// After its write a store holds the union.
		expect(two.get('s1', 'ann')?.verdict).toBe('accepted');
	});

	test('catchUpSample finds another writer\'s decision at every step of a write that reads it', async () => {
		// Split mode asks catchUpSample before handing a sample out. Bob's write catches up with ann's
		// decision under the lock, into the table the store answers from, in the same turn of the event
		// loop as its append: there is no moment when the file holds it and bob's store does not.
		const path = join(dir, 'in-flight.decisions.json');
		const ann = await openStore(path);
		const bob = await openStore(path);
		bob.set({sample: 's2', reviewer: 'bob', verdict: 'accepted'});
		await bob.flush();
		ann.set({sample: 's1', reviewer: 'ann', verdict: 'accepted'});
		await ann.flush();
		bob.set({sample: 's3', reviewer: 'bob', verdict: 'rejected'});
		let done = false;
		const writing = bob.flush().finally(() => {
			done = true;
		});
		// At every step of the write: once asked, the store holds ann's decision.
		let steps = 0;
		while (!done) {
			bob.catchUpSample('s1');
			expect(bob.get('s1', 'ann')?.verdict).toBe('accepted');
			steps++;
			// A turn of the event loop, not only of microtasks: the write's fdatasync completes on Node's thread pool.
			await new Promise(resolve => {
				setImmediate(resolve);
			});
		}

		await writing;
		expect(steps).toBeGreaterThan(0);
		expect(bob.get('s3', 'bob')?.verdict).toBe('rejected');
	});

	test('the same reviewer in two processes: the later change wins, and an undo survives the merge', async () => {
		const first = await openStore();
		const second = await openStore();
		first.set({sample: 's1', reviewer: 'ann', verdict: 'accepted'});
		await first.flush();
		await second.reload();
		expect(second.get('s1', 'ann')?.verdict).toBe('accepted');
		second.set({sample: 's1', reviewer: 'ann', verdict: null});
		await second.flush();
		// The first process still holds its older "accepted" and writes it again with its next change.
		first.set({sample: 's9', reviewer: 'ann', verdict: 'rejected'});
		await first.flush();
		expect(diskVerdicts().get(recordKey('s1', 'ann'))).toBeNull();
		expect(first.get('s1', 'ann')?.verdict).toBeNull();
	});

	test('a change made in the same millisecond as the record it replaces still wins (clock did not move)', async () => {
		vi.useFakeTimers({toFake: ['Date']});
		vi.setSystemTime(new Date('2025-03-01T12:00:00.000Z'));
		const first = await openStore();
		first.set({sample: 's1', reviewer: 'ann', verdict: 'rejected'});
		await first.flush();
		first.close();
		// A new session by the same reviewer, with the clock showing the same millisecond (or earlier).
		const second = await openStore();
		expect(second.get('s1', 'ann')?.verdict).toBe('rejected');
		second.set({sample: 's1', reviewer: 'ann', verdict: 'accepted'});
		await second.flush();
		expect(second.get('s1', 'ann')?.verdict).toBe('accepted');
		expect(diskVerdicts().get(recordKey('s1', 'ann'))).toBe('accepted');
		vi.setSystemTime(new Date('2025-03-01T11:59:00.000Z'));
		second.set({sample: 's1', reviewer: 'ann', verdict: null});
		await second.flush();
		expect(diskVerdicts().get(recordKey('s1', 'ann'))).toBeNull();
	});

	test('watching picks up another writer\'s decisions', async () => {
		const watcher = await openStore(file, {watchInterval: 20});
		watcher.set({sample: 's0', reviewer: 'ann', verdict: 'accepted'});
		await watcher.flush();
		watcher.startWatching();
		const seen = new Set<string>();
		watcher.onChange(samples => {
			for (const sample of samples) seen.add(sample);
		});
		const writer = await openStore();
		writer.set({sample: 's1', reviewer: 'bob', verdict: 'rejected'});
		await writer.flush();
		await vi.waitFor(() => {
			expect(watcher.get('s1', 'bob')?.verdict).toBe('rejected');
		}, {timeout: 10_000, interval: 20});
		expect(seen.has('s1')).toBe(true);
	});

	test('closing one store does not stop another store in the same process from watching the file', async () => {
		const watcher = await openStore(file, {watchInterval: 20});
		watcher.startWatching();
		const other = await openStore(file, {watchInterval: 20});
		other.startWatching();
		other.close();
		const writer = await openStore();
		writer.set({sample: 's1', reviewer: 'bob', verdict: 'rejected'});
		await writer.flush();
		await vi.waitFor(() => {
			expect(watcher.get('s1', 'bob')?.verdict).toBe('rejected');
		}, {timeout: 10_000, interval: 20});
	});

	describe('a write that fails', () => {
		// Tests run as root, where chmod does not stop writes: make the file's directory a regular file.
		let parent: string;
		let path: string;
		beforeEach(() => {
			parent = join(dir, 'reviews');
			path = join(parent, 'samples.decisions.json');
			mkdirSync(parent);
		});

		function breakDirectory() {
			rmSync(parent, {recursive: true, force: true});
			writeFileSync(parent, 'not a directory');
		}

		function repairDirectory() {
			unlinkSync(parent);
			mkdirSync(parent);
		}

		test('keeps the decisions in memory, says why, and a later write succeeds once the cause is fixed', async () => {
			const store = await openStore(path, {writeDelay: 10, retryDelay: 50});
			store.set({sample: 's1', reviewer: 'ann', verdict: 'accepted'});
			await store.flush();
			breakDirectory();
			const errors: Array<string | undefined> = [];
			store.onChange(() => errors.push(store.status.error));
			store.set({sample: 's2', reviewer: 'ann', verdict: 'rejected'});
			store.set({sample: 's1', reviewer: 'ann', verdict: null});
			await vi.waitFor(() => {
				expect(store.status.error).toBeDefined();
			}, {timeout: 10_000, interval: 10});
			const message = store.status.error!;
			expect(message).toContain(path);
			expect(message).toContain('kept in memory');
			expectSentence(message);
			expect(errors).toContain(message);
			expect(store.status.unsaved).toBe(2);
			expect(store.get('s2', 'ann')?.verdict).toBe('rejected');
			expect(store.get('s1', 'ann')?.verdict).toBeNull();
			await refusal(store.flush());
			expect(store.status.unsaved).toBe(2);

			repairDirectory();
			// The store retries on its own: no further change and no flush needed.
			await vi.waitFor(() => {
				expect(store.status.error).toBeUndefined();
				expect(store.status.unsaved).toBe(0);
			}, {timeout: 10_000, interval: 10});
			expect(diskVerdicts(path)).toEqual(new Map([
				[recordKey('s1', 'ann'), null],
				[recordKey('s2', 'ann'), 'rejected'],
			]));
		});

		test('a failed flush() is retried on its own too', async () => {
			const store = await openStore(path, {writeDelay: 60_000, retryDelay: 50});
			breakDirectory();
			store.set({sample: 's1', reviewer: 'ann', verdict: 'accepted'});
			await refusal(store.flush());
			expect(store.status.error).toBeDefined();
			repairDirectory();
			await vi.waitFor(() => {
				expect(store.status.unsaved).toBe(0);
			}, {timeout: 10_000, interval: 10});
			expect(diskVerdicts(path).get(recordKey('s1', 'ann'))).toBe('accepted');
		});

		test('flush after the cause is fixed writes at once', async () => {
			const store = await openStore(path, {writeDelay: 60_000, retryDelay: 60_000});
			breakDirectory();
			store.set({sample: 's1', reviewer: 'ann', verdict: 'flagged'});
			await refusal(store.flush());
			repairDirectory();
			await store.flush();
			expect(store.status).toMatchObject({unsaved: 0, error: undefined});
			expect(diskVerdicts(path).get(recordKey('s1', 'ann'))).toBe('flagged');
		});
	});
});
