import {chmodSync, mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {Dataset} from '../source/dataset/dataset.js';
import {DatasetError} from '../source/dataset/errors.js';
import {findNextMatch} from '../source/dataset/search.js';
import {useTempDir, writeFile} from './helpers/temp.js';

const tempDir = useTempDir();

const lines = (n: number, make = (i: number) => ({id: `s${i}`, text: `sample ${i}`})) =>
	Array.from({length: n}, (_, i) => JSON.stringify(make(i))).join('\n') + '\n';

async function open(content: string | Buffer, options = {}) {
	return Dataset.open(writeFile(tempDir(), 'data.jsonl', content), options);
}

describe('Dataset', () => {
	it('indexes every sample, reads them on demand, and knows ids and line numbers', async () => {
		const dataset = await open(`${lines(3)}\n{"text":"no id"}\n`);
		expect(dataset.count).toBe(4);
		expect(dataset.sample(1)).toMatchObject({id: 's1', lineNumber: 2, value: {id: 's1', text: 'sample 1'}});
		expect(dataset.sample(3).lineNumber).toBe(5);
		expect(dataset.idOf(3)).toMatch(/^sha1:/);
		expect(dataset.raw(0).toString()).toBe('{"id":"s0","text":"sample 0"}');
	});

	it('indexes a large file in the background after the first batch', async () => {
		const dataset = await open(lines(5000), {firstBatch: 10});
		expect(dataset.count).toBeGreaterThanOrEqual(10);
		await dataset.whenIndexed;
		expect(dataset.indexed).toBe(true);
		expect(dataset.count).toBe(5000);
		expect(dataset.sample(4999).id).toBe('s4999');
	});

	it('keeps malformed lines as samples with an error, never fatal', async () => {
		const dataset = await open('{"id":"a"}\n{"id": "b", oops}\n[1,2]\n{"id":"c"}\n');
		expect(dataset.count).toBe(4);
		expect(dataset.sample(1).error).toMatch(/not valid JSON/);
		expect(dataset.sample(2).error).toMatch(/not an object/);
		expect(dataset.sample(3).error).toBeUndefined();
	});

	it('a line with Python\'s NaN or Infinity says to write null', async () => {
		const dataset = await open('{"id":"a","score":NaN}\n{"id":"b","scores":[1, -Infinity]}\n{"id":"c","text":"NaN, as a word"}\n');
		expect(dataset.sample(0).error).toBe('not valid JSON: NaN is not a JSON value (Python\'s json.dumps writes it); write null instead');
		expect(dataset.sample(1).error).toMatch(/^not valid JSON: -Infinity is not a JSON value .*write null instead$/);
		expect(dataset.sample(2).error).toBeUndefined();
	});

	it('flags invalid UTF-8 on the line it occurs', async () => {
		const dataset = await open(Buffer.concat([Buffer.from('{"id":"a"}\n{"t":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]));
		expect(dataset.sample(1).error).toMatch(/UTF-8/);
	});

	it('counts repeated ids', async () => {
		const dataset = await open('{"id":"a"}\n{"id":"a","v":2}\n{"id":"b"}\n');
		expect(dataset.occurrences('a')).toBe(2);
		expect(dataset.occurrences('b')).toBe(1);
		expect(dataset.occurrences('zz')).toBe(0);
	});

	it('opens a JSON-array file', async () => {
		const dataset = await open('[{"id":"a","instruction":"x"},{"id":"b","instruction":"y"}]');
		expect(dataset.count).toBe(2);
		expect(dataset.sample(1).id).toBe('b');
	});

	const refusals: Array<[string, (dir: string) => string, RegExp]> = [
		['a missing file', dir => join(dir, 'nope.jsonl'), /no such file/],
		['a directory', dir => {
			mkdirSync(join(dir, 'folder'));
			return join(dir, 'folder');
		}, /is a directory/],
		['an empty file', dir => writeFile(dir, 'e.jsonl', ''), /is empty/],
		['a file of blank lines', dir => writeFile(dir, 'b.jsonl', '\n\n  \n'), /only blank lines/],
		['a file that is not JSONL', dir => writeFile(dir, 'n.jsonl', 'hello world\nthis is prose\n'), /does not look like JSON Lines.*line 1/],
		['a binary file', dir => writeFile(dir, 'bin.jsonl', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3])), /binary/],
		['a pretty-printed object holding the samples in a list', dir => writeFile(dir, 'wrapped.json', `${JSON.stringify({version: '1.0', meta: {count: 3, tags: ['a']}, data: [1, 2, 3].map(id => ({id, instruction: `Q${id}`, output: `A${id}`}))}, undefined, 2)}\n`),
			/wrapped\.json is one JSON object holding its samples in a list under "data", not JSON Lines: write them one a line with jq -c '\.data\[\]' \S*wrapped\.json > \S*wrapped\.jsonl and open that\.$/],
		['an object holding the samples in a list, on one line', dir => writeFile(dir, 'oneline.json', `${JSON.stringify({data: [1, 2, 3].map(id => ({id, messages: [{role: 'user', content: `Q${id}`}, {role: 'assistant', content: `A${id}`}]}))})}\n`),
			/oneline\.json is one JSON object holding its samples in a list under "data", not JSON Lines: write them one a line with jq -c '\.data\[\]' \S*oneline\.json > \S*oneline\.jsonl and open that\.$/],
		['an object holding the samples in a list beside other fields, on one line', dir => writeFile(dir, 'squad.jsonl', JSON.stringify({version: '1.1', rows: [{instruction: 'Q', output: 'A'}, {instruction: 'Q2', output: 'A2'}]})),
			/squad\.jsonl is one JSON object holding its samples in a list under "rows"/],
	];
	for (const [what, make, message] of refusals) {
		it(`refuses ${what} with one sentence naming it`, async () => {
			const path = make(tempDir());
			const error = await Dataset.open(path).catch((error_: unknown) => error_);
			expect(error).toBeInstanceOf(DatasetError);
			expect((error as Error).message).toMatch(message);
			expect((error as Error).message).toContain(path);
		});
	}

	it('reads a one-sample JSON Lines file whose sample holds a list, and a wrapped list on two lines or more, as JSON Lines', async () => {
		// The object is a sample itself (a chat), or its list is not of samples, or it has two lists of samples: one sample.
		const chat = {messages: [{role: 'user', content: 'Q'}, {role: 'assistant', content: 'A'}], data: [{instruction: 'x', output: 'y'}]};
		for (const sample of [chat, {data: [{x: 1}, {x: 2}]}, {train: [{instruction: 'a', output: 'b'}], test: [{instruction: 'c', output: 'd'}]}, {data: []}]) {
			const dataset = await open(`${JSON.stringify(sample)}\n`);
			expect(dataset.count, JSON.stringify(sample)).toBe(1);
		}

		const wrapped = JSON.stringify({data: [{instruction: 'x', output: 'y'}, {instruction: 'z', output: 'w'}]});
		const dataset = await open(`${wrapped}\n${wrapped}\n`);
		expect(dataset.count).toBe(2);
	});

	it('refuses an unreadable file', async () => {
		if (process.getuid?.() === 0) return; // root reads everything; covered by describeFsError's own test
		const path = writeFile(tempDir(), 'locked.jsonl', lines(1));
		chmodSync(path, 0o000);
		await expect(Dataset.open(path)).rejects.toThrow(/permission denied/);
	});
});

describe('findNextMatch', () => {
	it('finds the next sample holding the text, case-insensitively, wrapping around', async () => {
		const dataset = await open(lines(10, i => ({id: `s${i}`, text: i % 4 === 0 ? 'The Needle' : 'hay'})));
		expect(await findNextMatch(dataset, 0, 1, 'needle')).toEqual({index: 4, wrapped: false});
		expect(await findNextMatch(dataset, 8, 1, 'needle')).toEqual({index: 0, wrapped: true});
		expect(await findNextMatch(dataset, 4, -1, 'NEEDLE')).toEqual({index: 0, wrapped: false});
		expect(await findNextMatch(dataset, 0, 1, 'absent')).toBeUndefined();
	});

	it('matches text hidden behind JSON escapes', async () => {
		const dataset = await open('{"text":"plain"}\n{"text":"caf\\u00e9 line\\nbreak"}\n');
		expect(await findNextMatch(dataset, 0, 1, 'café')).toEqual({index: 1, wrapped: false});
	});
});
