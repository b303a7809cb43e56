import {chmodSync, existsSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, utimesSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {computeSignals, defaultSignalConfig, resolveSignalConfig, type SignalTable} from '../source/dataset/signals/index.js';
import {cacheKey, signalCacheFolder} from '../source/dataset/signals/signal-cache.js';
import {decodeTable, encodeTable} from '../source/dataset/signals/table-file.js';
import {useTempDir, writeFile} from './helpers/temp.js';

// Counts the computations: a table read from the cache does not run the engine.
const engine = vi.hoisted(() => ({runs: 0, before: undefined as undefined | ((path: string) => void)}));
vi.mock('../source/dataset/signals/analyse-file.js', async importOriginal => {
	const original = await importOriginal<typeof import('../source/dataset/signals/analyse-file.js')>();
	return {
		...original,
		async analyseFile(...args: Parameters<typeof original.analyseFile>) {
			engine.runs++;
			const data = await original.analyseFile(...args);
			engine.before?.(args[0]);
			return data;
		},
	};
});

const chat = (assistant: string, extra: Record<string, unknown> = {}) => JSON.stringify({messages: [{role: 'user', content: 'Can you help me with this?'}, {role: 'assistant', content: assistant}], ...extra});
const refusal = 'As an AI language model, I cannot browse the web.';
const fill = 'x'.repeat(70 * 1024);

/** A dataset over 128 KB (its first and last 64 KB are not the whole file): a refusal, a duplicate pair, a long middle sample. */
function lines(first = 'Returns are accepted within thirty days of purchase with a receipt.'): string {
	return `${[
		chat(first, {model: 'a'}),
		chat(refusal, {model: 'b'}),
		chat('Paris is the capital of France, and it is known for the Eiffel Tower.', {model: 'a'}),
		chat(`A long answer: ${fill}`, {model: 'b'}),
		chat('Paris is the capital of France, and it is known for the Eiffel Tower.', {model: 'a'}),
		chat(`The end of the file is here. ${'y'.repeat(70 * 1024)}`, {model: 'c'}),
	].join('\n')}\n`;
}

const compute = async (path: string, config = defaultSignalConfig, by?: string) => computeSignals(path, config, undefined, {worker: false, by});

function sameTable(first: SignalTable, second: SignalTable) {
	expect(second.count).toBe(first.count);
	expect([...second.data.mask]).toEqual([...first.data.mask]);
	expect([...second.data.lengths]).toEqual([...first.data.lengths]);
	for (const kind of ['duplicate', 'nearDuplicate'] as const) {
		for (const key of ['of', 'position', 'sizes', 'first'] as const) expect([...second.data[kind][key]], `${kind}.${key}`).toEqual([...first.data[kind][key]]);
	}

	expect(second.data.counts).toEqual(first.data.counts);
	expect(second.data.diversity).toEqual(first.data.diversity);
	expect(second.data.lengthStats).toEqual(first.data.lengthStats);
}

const cacheFiles = (folder: string) => (existsSync(folder) ? readdirSync(folder).filter(name => name.endsWith('.signals')) : []);

describe('the signals cache', () => {
	const tempDir = useTempDir();
	let cacheDir: string;
	let folder: string;
	const saved = process.env.WINNOW_CACHE_DIR;

	beforeEach(() => {
		cacheDir = join(tempDir(), 'cache');
		process.env.WINNOW_CACHE_DIR = cacheDir;
		folder = signalCacheFolder();
		engine.runs = 0;
		engine.before = undefined;
	});

	afterEach(() => {
		process.env.WINNOW_CACHE_DIR = saved;
	});

	it('keys a table on the code that computed it (set by the bundle; unbundled here) as well as the version and dataset', async () => {
		const path = writeFile(tempDir(), 'data.jsonl', lines());
		const key = JSON.parse((await cacheKey(path, defaultSignalConfig, undefined)).key) as Record<string, unknown>;
		expect(key).toMatchObject({code: 'unbundled', winnow: expect.any(String), dataset: expect.any(Object)});
		expect(readFileSync(join(import.meta.dirname, '..', 'scripts', 'bundle.js'), 'utf8')).toContain('__WINNOW_SIGNALS_CODE__: signalsCode');
	});

	it('is in WINNOW_CACHE_DIR, else $XDG_CACHE_HOME/winnow, else ~/.cache/winnow', () => {
		expect(signalCacheFolder({WINNOW_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x'})).toBe('/c/signals');
		expect(signalCacheFolder({XDG_CACHE_HOME: '/x'})).toBe('/x/winnow/signals');
		expect(signalCacheFolder({HOME: '/home/someone'})).toMatch(/\/\.cache\/winnow\/signals$/);
	});

	it('computes a dataset\'s signals once: the second time they are read back, the same, from a 0600 file in a 0700 folder', async () => {
		const path = writeFile(tempDir(), 'data.jsonl', lines());
		const first = await compute(path);
		expect(engine.runs).toBe(1);
		expect(first.signalsOf(1)).toEqual(['refusal']);
		expect(first.signalsOf(4)).toEqual(['duplicate']);
		const second = await compute(path);
		expect(engine.runs).toBe(1);
		sameTable(first, second);
		expect(second.reasons(4)[0].reason).toMatch(/cluster of 2, this is 2 of 2/);
		const [name] = cacheFiles(folder);
		expect(statSync(join(folder, name)).mode & 0o777).toBe(0o600);
		expect(statSync(folder).mode & 0o777).toBe(0o700);
		expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
		// Nothing beside the dataset.
		expect(readdirSync(join(path, '..'))).toEqual(['data.jsonl']);
	});

	it('recomputes a dataset touched (same size, new mtime) or changed in its first 64 KB (same size and mtime)', async () => {
		const path = writeFile(tempDir(), 'data.jsonl', lines());
		utimesSync(path, 1_700_000_000, 1_700_000_000);
		await compute(path);
		utimesSync(path, 1_700_000_100, 1_700_000_100);
		await compute(path);
		expect(engine.runs).toBe(2);
		await compute(path);
		expect(engine.runs).toBe(2);

		// The first answer becomes a refusal of the same length; the mtime is put back.
		const original = 'Returns are accepted within thirty days of purchase with a receipt.';
		const changed = `As an AI language model, I cannot help.${' '.repeat(original.length - 39)}`.slice(0, original.length);
		expect(changed.length).toBe(original.length);
		writeFileSync(path, lines(changed));
		utimesSync(path, 1_700_000_100, 1_700_000_100);
		expect(statSync(path).size).toBe(Buffer.byteLength(lines()));
		const after = await compute(path);
		expect(engine.runs).toBe(3);
		expect(after.signalsOf(0)).toContain('refusal');
	});

	it('recomputes a dataset changed between its first and last 64 KB with its size and mtime put back (its ctime moved)', async () => {
		const path = writeFile(tempDir(), 'data.jsonl', lines());
		utimesSync(path, 1_700_000_000, 1_700_000_000);
		await compute(path);
		// Sample 5 lies after the first 64 KB and before the last: it becomes a refusal of the same length.
		const paris = 'Paris is the capital of France, and it is known for the Eiffel Tower.';
		const rows = lines().split('\n');
		expect(rows[4]).toBe(chat(paris, {model: 'a'}));
		const start = Buffer.byteLength(rows.slice(0, 4).join('\n')) + 1;
		expect(start).toBeGreaterThan(64 * 1024);
		expect(statSync(path).size - start).toBeGreaterThan(64 * 1024);
		rows[4] = chat(`As an AI language model, I cannot help.${' '.repeat(paris.length - 39)}`, {model: 'a'});
		const before = statSync(path, {bigint: true}).ctimeNs;
		writeFileSync(path, rows.join('\n'));
		utimesSync(path, 1_700_000_000, 1_700_000_000);
		// The system sets the ctime on every change (the computation in between outlasts its clock's tick).
		expect(statSync(path, {bigint: true}).ctimeNs).not.toBe(before);

		expect(statSync(path).size).toBe(Buffer.byteLength(lines()));
		const after = await compute(path);
		expect(engine.runs).toBe(2);
		expect(after.signalsOf(4)).toContain('refusal');
	});

	it('recomputes when the signal settings or the --by field change, and keeps --by groups', async () => {
		const path = writeFile(tempDir(), 'data.jsonl', lines());
		await compute(path);
		const config = resolveSignalConfig({refusal: {addPhrases: ['returns are accepted']}}, 'winnow.config.json');
		const other = await compute(path, config);
		expect(engine.runs).toBe(2);
		expect(other.signalsOf(0)).toContain('refusal');
		const byModel = await compute(path, defaultSignalConfig, 'model');
		expect(engine.runs).toBe(3);
		const again = await compute(path, defaultSignalConfig, 'model');
		expect(engine.runs).toBe(3);
		expect(again.data.groups?.names).toEqual(['a', 'b', 'c']);
		expect([...again.data.groups!.of]).toEqual([...byModel.data.groups!.of]);
		expect(again.data.groups?.diversity).toEqual(byModel.data.groups?.diversity);
	});

	it('ignores a truncated, altered, foreign or garbage cache file and computes again (no error)', async () => {
		const path = writeFile(tempDir(), 'data.jsonl', lines());
		const reference = await compute(path);
		const [name] = cacheFiles(folder);
		const file = join(folder, name);
		const good = readFileSync(file);
		const damages: Array<[string, () => void]> = [
			['truncated', () => truncateSync(file, good.length - 3)],
			['a byte of the arrays changed', () => {
				const bad = Buffer.from(good);
				bad[bad.length - 1] ^= 0xFF;
				writeFileSync(file, bad);
			}],
			['garbage', () => writeFileSync(file, 'not a cache file')],
			['empty', () => writeFileSync(file, '')],
			['the header of another winnow version', () => {
				const text = good.toString('latin1');
				const other = text.replace(/\\"winnow\\":\\"./, found => `${found.slice(0, -1)}X`);
				expect(other).not.toBe(text);
				writeFileSync(file, other, 'latin1');
			}],
		];
		for (const [what, damage] of damages) {
			damage();
			const runs = engine.runs;
			const table = await compute(path);
			expect(engine.runs, what).toBe(runs + 1);
			sameTable(reference, table);
			// Stored again, whole: read back next time.
			await compute(path);
			expect(engine.runs, what).toBe(runs + 1);
		}
	});

	it('does not take another dataset\'s cache file for this one\'s', async () => {
		const one = writeFile(tempDir(), 'one.jsonl', lines());
		const two = writeFile(tempDir(), 'two.jsonl', lines('Shipping takes five business days within the country.'));
		await compute(one);
		const keyOne = await cacheKey(one, defaultSignalConfig, undefined);
		const keyTwo = await cacheKey(two, defaultSignalConfig, undefined);
		writeFileSync(keyTwo.file, readFileSync(keyOne.file));
		await compute(two);
		expect(engine.runs).toBe(2);
	});

	it('rejects a file whose checksum is right but whose cluster numbers point outside the table', async () => {
		const path = writeFile(tempDir(), 'data.jsonl', lines());
		const table = await compute(path);
		const key = 'k';
		const whole = (pieces: Uint8Array[]) => new Uint8Array(Buffer.concat(pieces));
		expect(decodeTable(whole(encodeTable(table.data, key)), key)).toBeDefined();
		expect(decodeTable(whole(encodeTable(table.data, key)), 'another')).toBeUndefined();
		const of = table.data.duplicate.of.slice();
		expect(of[4]).toBe(0);
		of[4] = 99;
		expect(decodeTable(whole(encodeTable({...table.data, duplicate: {...table.data.duplicate, of}}, key)), key)).toBeUndefined();
		const mask = table.data.mask.slice(1);
		expect(decodeTable(whole(encodeTable({...table.data, mask}, key)), key)).toBeUndefined();
	});

	it('neither writes through nor reads through a link planted under the cache file\'s name', async () => {
		const path = writeFile(tempDir(), 'data.jsonl', lines());
		const {file} = await cacheKey(path, defaultSignalConfig, undefined);
		const elsewhere = writeFile(tempDir(), 'victim.txt', 'keep me');
		await compute(path);
		const good = readFileSync(file);
		// A good cache file elsewhere, reached through a link: not read.
		const copy = writeFile(tempDir(), 'copy.signals', good);
		chmodSync(copy, 0o600);
		symlinkSync(copy, `${file}.link`);
		const {rmSync, renameSync} = await import('node:fs');
		rmSync(file);
		renameSync(`${file}.link`, file);
		await compute(path);
		expect(engine.runs).toBe(2);
		expect(lstatSync(file).isSymbolicLink()).toBe(false);
		expect(statSync(file).mode & 0o777).toBe(0o600);

		rmSync(file);
		symlinkSync(elsewhere, file);
		await compute(path);
		expect(engine.runs).toBe(3);
		expect(readFileSync(elsewhere, 'utf8')).toBe('keep me');
		expect(lstatSync(file).isSymbolicLink()).toBe(false);
		await compute(path);
		expect(engine.runs).toBe(3);
	});

	it('does not store what was computed from a dataset that changed meanwhile', async () => {
		const path = writeFile(tempDir(), 'data.jsonl', lines());
		engine.before = changed => {
			writeFileSync(changed, lines('Shipping takes five business days within the country.'));
			utimesSync(changed, 1_700_000_200, 1_700_000_200);
		};

		await compute(path);
		expect(cacheFiles(folder)).toEqual([]);
		engine.before = undefined;
		await compute(path);
		expect(engine.runs).toBe(2);
		expect(cacheFiles(folder)).toHaveLength(1);
	});

	it('removes files unused for 30 days when it writes one, keeps those in use (a read marks a file used)', async () => {
		const kept = writeFile(tempDir(), 'kept.jsonl', lines());
		await compute(kept);
		const [keptName] = cacheFiles(folder);
		const old = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
		// A dataset's file unused for 40 days, another's used now (read from the cache), a temporary left by a crash, a stranger's file.
		const stale = join(folder, `${'a'.repeat(32)}.signals`);
		const leftover = join(folder, `${'b'.repeat(32)}.signals.${'c'.repeat(16)}.tmp`);
		const stranger = join(folder, 'notes.txt');
		for (const file of [stale, leftover, stranger]) writeFileSync(file, 'x');
		for (const file of [stale, leftover, stranger, join(folder, keptName)]) utimesSync(file, old, old);
		await compute(kept);
		expect(engine.runs).toBe(1);
		expect(statSync(join(folder, keptName)).mtimeMs).toBeGreaterThan(old.getTime() + 1000);
		await compute(writeFile(tempDir(), 'other.jsonl', lines('Another first answer, long enough to differ.')));
		expect(existsSync(stale)).toBe(false);
		expect(existsSync(leftover)).toBe(false);
		expect(existsSync(stranger)).toBe(true);
		expect(existsSync(join(folder, keptName))).toBe(true);
		expect(cacheFiles(folder)).toHaveLength(2);
	});

	it('computes as usual when the cache folder cannot be made', async () => {
		const path = writeFile(tempDir(), 'data.jsonl', lines());
		process.env.WINNOW_CACHE_DIR = writeFile(tempDir(), 'a-file', 'not a folder');
		const table = await compute(path);
		expect(table.signalsOf(1)).toEqual(['refusal']);
		await compute(path);
		expect(engine.runs).toBe(2);
	});
});
