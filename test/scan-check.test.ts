import {existsSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {needleFor, sampleId} from '../source/dataset/identity.js';
import {ChunkFacts, inspectEntries} from '../source/dataset/entry-facts.js';
import {EntrySpan} from '../source/dataset/entry-span.js';
import {fingerprint, fingerprintOf, fingerprintOfBytes} from '../source/dataset/id-fingerprints.js';
import {isJsonObject} from '../source/dataset/json-check.js';
import {scanDataset} from '../source/dataset/dataset-scan.js';
import {isWellFormed} from '../source/dataset/well-formed.js';
import {cliPath, runCli} from './helpers/cli-run.js';
import {useTempDir} from './helpers/temp.js';
import {StatsAccumulator} from '../source/report/stats.js';
import {parseDecisionsFile} from '../source/store/decisions-file.js';

const tempDir = useTempDir();

const fingerprintOfString = (id: string) => {
	fingerprintOf(id);
	return [...fingerprint];
};

describe('the scan\'s per-entry shortcuts agree with the plain functions', () => {
	it('fingerprintOfBytes is fingerprintOf of the Latin-1 text of the bytes', () => {
		fc.assert(fc.property(fc.uint8Array({maxLength: 80}), fc.nat(10), fc.nat(10), (bytes, before, after) => {
			const buffer = Buffer.concat([Buffer.alloc(before, 0x7b), bytes, Buffer.alloc(after, 0x7d)]);
			fingerprintOfBytes(buffer, before, before + bytes.length);
			expect([...fingerprint]).toEqual(fingerprintOfString(Buffer.from(bytes).toString('latin1')));
		}), {numRuns: 2000});
	});

	it('isJsonObject on a span of a larger buffer agrees with it on a copy of the span', () => {
		const text = fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()).map(value => JSON.stringify(value)), fc.string(), fc.constantFrom('{"a":tru', '{"a":1', '{"a":"x', '{"a":-', '{"a":[', '{"a"', '{'));
		const around = fc.constantFrom('', '\n', '\r\n', 'e}', '"}', '0}', ':1}', ']}', 'x');
		fc.assert(fc.property(fc.string(), text, around, (prefix, entry, suffix) => {
			const buffer = Buffer.from(prefix + entry + suffix);
			const start = Buffer.byteLength(prefix);
			const end = start + Buffer.byteLength(entry);
			expect(isJsonObject(buffer, start, end)).toBe(isJsonObject(Buffer.from(buffer.subarray(start, end))));
		}), {numRuns: 3000});
	});

	it('EntrySpan gives sampleId\'s id, and fingerprintOf of it', () => {
		const id = fc.oneof(fc.uuid(), fc.string(), fc.string({unit: 'binary'}), fc.integer().map(String), fc.constant(''));
		const line = fc.tuple(id, fc.constantFrom('string', 'number', 'none', 'nested', 'raw'), fc.string()).map(([value, how, text]) => {
			switch (how) {
				case 'string': return JSON.stringify({id: value, text});
				case 'number': return `{"text":${JSON.stringify(text)},"id":${Number.parseInt(value, 10) || 7}}`;
				case 'nested': return JSON.stringify({meta: {id: value}, text});
				case 'raw': return `{"id":"${value}","text":${JSON.stringify(text)}}`;
				default: return JSON.stringify({text});
			}
		});
		const span = EntrySpan.forField('id');
		fc.assert(fc.property(fc.string(), line, (prefix, entry) => {
			const buffer = Buffer.from(`${prefix}\n${entry}\n`);
			const from = Buffer.byteLength(prefix) + 1;
			const to = from + Buffer.byteLength(entry);
			span.set(buffer, from, to, 0, 1);
			const expected = sampleId(Buffer.from(entry), 'id');
			span.fingerprint();
			const found = [...fingerprint];
			expect(span.id).toBe(expected);
			expect(found).toEqual(fingerprintOfString(expected));
		}), {numRuns: 2000});
	});
});

describe('malformed lines over several read chunks', () => {
	// Over 16 MB, so the file is read in several chunks and the built command works out the entries'
	// facts in its scan workers; malformed lines here and there, one invalid UTF-8, one with a BOM
	// (well formed), and, from line 7000 on, lines without an id (identified by their hash).
	const lines: string[] = [];
	const malformed: number[] = [];
	for (let i = 1; i <= 14_000; i++) {
		let line = JSON.stringify(i < 7000 ? {id: `s${i}`, text: 'x'.repeat(1200 + (i % 50))} : {text: `${i} ${'x'.repeat(1200 + (i % 50))}`});
		if (i % 997 === 0 || i === 1 || i === 14_000) {
			line = line.slice(0, -1);
			malformed.push(i);
		}

		lines.push(line);
	}

	const file = () => {
		const dir = tempDir();
		const parts = lines.map(line => Buffer.from(`${line}\n`));
		parts[5000] = Buffer.concat([Buffer.from('{"id":"bad-utf8","t":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]);
		parts[6000] = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), parts[6000]]);
		const path = join(dir, 'big.jsonl');
		writeFileSync(path, Buffer.concat(parts));
		return {dir, path, expected: [...malformed, 5001].sort((a, b) => a - b)};
	};

	it('the built command (with its scan workers) and the in-process scan find the same ones', async () => {
		const {dir, path, expected} = file();
		expect(statSync(path).size).toBeGreaterThan(16 * 1024 * 1024);
		expect(existsSync(join(dirname(cliPath), 'scan-worker.js'))).toBe(true);
		const result = runCli(['stats', path, '--json'], {cwd: dir});
		expect(result.status, result.stderr).toBe(0);
		const json = JSON.parse(result.stdout) as {malformed: {count: number; lines: number[]}};
		expect(json.malformed).toMatchObject({count: expected.length, lines: expected});

		const found: number[] = [];
		await scanDataset(path, 'id', (entry, isMalformed) => {
			if (isMalformed) found.push(entry.lineNumber);
		});
		expect(found).toEqual(expected);
	});

	it('the built command exports the same lines, by the same ids, as the in-process scan selects', async () => {
		const {dir, path} = file();
		// Every twentieth line accepted, by its id (its id field, or its hash): some of them malformed.
		const ids = new Map<number, string>();
		await scanDataset(path, 'id', entry => {
			if (entry.lineNumber % 20 === 0) ids.set(entry.lineNumber, entry.id);
		});
		const decisions = [...ids.values()].map((sample, i) => JSON.stringify({sample, reviewer: 'ann', verdict: 'accepted', categories: [], note: '', at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString()}));
		writeFileSync(join(dir, 'big.decisions.json'), `{\n"schema": 1,\n"dataset": "big.jsonl",\n"createdAt": "2026-01-01T00:00:00.000Z",\n"decisions": [\n${decisions.join(',\n')}\n]\n}\n`);
		const result = runCli(['export', path, '--out', join(dir, 'accepted.jsonl')], {cwd: dir});
		expect(result.status, result.stderr).toBe(0);
		const bytes = readFileSync(path);
		const lines = bytes.toString('latin1').split('\n');
		const wanted = [...ids.keys()].filter(line => isWellFormed(Buffer.from(lines[line - 1], 'latin1')));
		expect(wanted.length).toBeGreaterThan(600);
		expect(readFileSync(join(dir, 'accepted.jsonl'), 'latin1')).toBe(wanted.map(line => `${lines[line - 1].replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '')}\n`).join(''));
	});
});

describe('repeated ids and decisions over several read chunks (the scan workers\' look-ups)', () => {
	it('the built command counts what the in-process scan, looking every id up itself, counts', async () => {
		// Over 16 MB: the built command looks ids up on its scan workers, each keeping a share of
		// the ids seen (ScanLookup). Ids repeated near and far (across chunks), hash ids repeated,
		// ids with escapes, numbers, malformed lines; decisions on some of each.
		const dir = tempDir();
		const lines: string[] = [];
		for (let i = 0; i < 30_000; i++) {
			const text = 'x'.repeat(600 + (i % 37));
			switch (i % 5) {
				case 0: lines.push(JSON.stringify({id: `s${i % 7000}`, text})); break;
				case 1: lines.push(JSON.stringify({text: `same ${i % 900} ${'y'.repeat(600)}`})); break;
				case 2: lines.push(`{"id":"\\u0073${i % 5000}","text":"${text}"}`); break;
				default: lines.push(i % 97 === 0 ? `{"id":"s${i}","text":"cut` : JSON.stringify({id: i % 3 === 0 ? i % 4000 : `s${i}`, text}));
			}
		}

		const path = join(dir, 'big.jsonl');
		writeFileSync(path, `${lines.join('\n')}\n`);
		expect(statSync(path).size).toBeGreaterThan(16 * 1024 * 1024);
		const ids: string[] = [];
		await scanDataset(path, 'id', entry => {
			if (entry.lineNumber % 9 === 0) ids.push(entry.id);
		});
		const records = ids.map((sample, i) => ({sample, reviewer: i % 4 === 0 ? 'bob' : 'ann', verdict: (['accepted', 'rejected', 'flagged'] as const)[i % 3], categories: i % 5 === 0 ? ['bias'] : [], note: '', at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString()}));
		writeFileSync(join(dir, 'big.decisions.json'), `{\n"schema": 1,\n"dataset": "big.jsonl",\n"createdAt": "2026-01-01T00:00:00.000Z",\n"decisions": [\n${records.map(record => JSON.stringify(record)).join(',\n')}\n]\n}\n`);
		const accumulator = new StatsAccumulator(records);
		await scanDataset(path, 'id', (entry, malformed) => {
			accumulator.add(entry, entry.lineNumber, malformed);
		});
		const expected = accumulator.finish();
		expect(expected.repeatedIds.ids).toBeGreaterThan(1000);

		const result = runCli(['stats', path, '--json'], {cwd: dir, env: {WINNOW_CACHE_DIR: join(dir, 'cache')}});
		expect(result.status, result.stderr).toBe(0);
		const json = JSON.parse(result.stdout) as typeof expected;
		for (const key of ['samples', 'status', 'categories', 'malformed', 'repeatedIds', 'missingSamples', 'decisions'] as const) expect(json[key], key).toEqual(expected[key]);
	});
});

describe('a big decisions file, its second half read by a scan worker (DecisionLines.readShared)', () => {
	it('the built command exports and counts what the in-process scan over the parsed records does', async () => {
		// A dataset over 16 MB (the scan workers start) and a decisions file over 4 MB (one of them
		// reads its second half): two or three decisions a sample, some newer than others, a few lines
		// in another key order (parsed whole) in both halves, and samples without ids (hash ids).
		const dir = tempDir();
		const lines = Array.from({length: 14_000}, (_, i) => JSON.stringify(i % 7 === 3 ? {text: `${i} ${'x'.repeat(1200)}`} : {id: `s${i}`, text: 'x'.repeat(1200 + (i % 50))}));
		const path = join(dir, 'big.jsonl');
		writeFileSync(path, `${lines.join('\n')}\n`);
		expect(statSync(path).size).toBeGreaterThan(16 * 1024 * 1024);
		const ids = lines.map(line => sampleId(Buffer.from(line), 'id'));
		const records: string[] = [];
		const verdicts = ['accepted', 'rejected', 'flagged', null] as const;
		for (const [i, sample] of ids.entries()) {
			for (const [k, reviewer] of ['ann', 'bob', 'cy'].slice(0, 2 + (i % 2)).entries()) {
				const record = {sample, reviewer, verdict: verdicts[(i + k) % 4], categories: k === 2 ? ['bias'] : [], note: 'n'.repeat(80), at: new Date(Date.UTC(2026, 0, 1, 0, 0, i, k)).toISOString()};
				records.push(i % 1999 === 5 ? JSON.stringify({reviewer: record.reviewer, ...record}) : JSON.stringify(record));
			}
		}

		// A later decision of ann's on every tenth sample: accepted after all.
		for (let i = 0; i < ids.length; i += 10) records.push(JSON.stringify({sample: ids[i], reviewer: 'ann', verdict: 'accepted', categories: [], note: '', at: '2026-02-01T00:00:00.000Z'}));
		const text = `{\n"schema": 1,\n"dataset": "big.jsonl",\n"createdAt": "2026-01-01T00:00:00.000Z",\n"decisions": [\n${records.join(',\n')}\n]\n}\n`;
		writeFileSync(join(dir, 'big.decisions.json'), text);
		expect(text.length).toBeGreaterThan(4 * 1024 * 1024);

		// The plain path: the records parsed whole, the scan in this process (no workers).
		const parsed = parseDecisionsFile(text, 'big.decisions.json', 'big.jsonl').decisions;
		const accumulator = new StatsAccumulator(parsed, {trackRepeats: false, reviewers: false});
		const expected: string[] = [];
		await scanDataset(path, 'id', (entry, malformed) => {
			const result = accumulator.add(entry, entry.lineNumber, malformed);
			if (!malformed && result.matches.includes('accepted')) expected.push(`${entry.bytes.toString('latin1')}\n`);
		});
		expect(expected.length).toBeGreaterThan(500);
		const env = {WINNOW_CACHE_DIR: join(dir, 'cache')};
		const result = runCli(['export', path, '--out', join(dir, 'accepted.jsonl')], {cwd: dir, env});
		expect(result.status, result.stderr).toBe(0);
		expect(readFileSync(join(dir, 'accepted.jsonl'), 'latin1')).toBe(expected.join(''));

		const stats = runCli(['stats', path, '--json'], {cwd: dir, env});
		expect(stats.status, stats.stderr).toBe(0);
		const reference = new StatsAccumulator(parsed);
		await scanDataset(path, 'id', (entry, malformed) => {
			reference.add(entry, entry.lineNumber, malformed);
		});
		const json = JSON.parse(stats.stdout) as ReturnType<StatsAccumulator['finish']>;
		const figures = reference.finish();
		for (const key of ['samples', 'status', 'categories', 'decisions', 'reviewers'] as const) expect(json[key], key).toEqual(figures[key]);
	});
});

describe('what the scan says of each entry without making its id', () => {
	it('whether it is a line of a JSON Lines file (no line break inside), and whether its id is a hash, as sampleId says', async () => {
		const seen = async (name: string, text: string) => {
			const path = join(tempDir(), name);
			writeFileSync(path, text);
			const entries: Array<{isLine: boolean; isHashId: boolean; id: string}> = [];
			await scanDataset(path, 'id', entry => {
				entries.push({isLine: entry.isLine, isHashId: entry.isHashId, id: entry.id});
			});
			return entries;
		};

		const lines = await seen('lines.jsonl', '{"id":"a","x":1}\n{"x":2}\n{"id":"b\\u0041"}\n{"id":{"no":1}}\n');
		expect(lines.map(entry => entry.isHashId)).toEqual([false, true, false, true]);
		expect(lines.map(entry => entry.isHashId)).toEqual(lines.map(entry => entry.id.startsWith('sha1:')));
		expect(lines[2].id).toBe('bA');
		expect(lines.every(entry => entry.isLine)).toBe(true);

		const array = await seen('array.json', '[\n{"id":"a",\n"x":1},\n{"x":2}\n]\n');
		expect(array.map(entry => entry.isHashId)).toEqual([false, true]);
		expect(array.some(entry => entry.isLine)).toBe(false);
	});
});

describe('the facts of a chunk\'s entries (what the scan workers work out)', () => {
	it('say what isWellFormed and sampleId say, entry by entry, wherever the entries lie in the chunk', () => {
		const id = fc.oneof(fc.uuid(), fc.string(), fc.string({unit: 'binary'}), fc.integer().map(String), fc.constant(''));
		const entry = fc.oneof(
			fc.tuple(id, fc.string(), fc.constantFrom('first', 'last', 'nested', 'none', 'twice')).map(([value, text, how]) => {
				switch (how) {
					case 'first': return JSON.stringify({id: value, text});
					case 'last': return JSON.stringify({text, id: value});
					case 'nested': return JSON.stringify({meta: {id: value}, text});
					case 'twice': return `{"id":${JSON.stringify(value)},"text":${JSON.stringify(text)},"id":"second"}`;
					default: return JSON.stringify({text});
				}
			}),
			fc.constantFrom('{"id":"cut', 'not json', '["id"]', '{"id":"a" "b"}', '\uFEFF{"id":"bom"}', '{"id":"tab\there"}', '{"id" : 7 , "x":[1,{"id":2}]}', '{}'),
		);
		const needle = needleFor('id');
		fc.assert(fc.property(fc.array(entry, {minLength: 1, maxLength: 12}), fc.boolean(), (entries, badUtf8) => {
			const parts = entries.map(text => Buffer.from(text));
			if (badUtf8) parts[0] = Buffer.concat([parts[0], Buffer.from([0xff])]);
			const buffer = Buffer.concat(parts.flatMap(part => [part, Buffer.from('\n')]));
			const froms = new Int32Array(parts.length);
			const tos = new Int32Array(parts.length);
			let at = 0;
			for (const [i, part] of parts.entries()) {
				froms[i] = at;
				tos[i] = at + part.length;
				at += part.length + 1;
			}

			const facts = new ChunkFacts(parts.length, false);
			inspectEntries(buffer, froms, tos, 0, parts.length, needle, facts);
			const span = EntrySpan.forField('id');
			for (const [i, part] of parts.entries()) {
				expect(facts.malformed[i] === 1, part.toString('latin1')).toBe(!isWellFormed(part));
				span.setFromFacts(buffer, froms[i], tos[i], froms[i], i + 1, facts, i);
				expect(span.id).toBe(sampleId(part, 'id'));
				span.fingerprint();
				expect([...fingerprint]).toEqual(fingerprintOfString(sampleId(part, 'id')));
			}
		}), {numRuns: 1500});
	});
});
