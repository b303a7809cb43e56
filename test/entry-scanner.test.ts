import {describe, expect, it} from 'vitest';
import {EntryReader, scanEntries, type ScanStats} from '../source/dataset/entry-scanner.js';
import {useTempDir, writeFile} from './helpers/temp.js';

const tempDir = useTempDir();

async function entries(content: string | Buffer) {
	const path = writeFile(tempDir(), 'x.jsonl', content);
	const stats: ScanStats = {bytesRead: 0, totalBytes: 0, blankLines: 0, layout: 'jsonl'};
	const found: Array<{text: string; line: number; start: number; end: number}> = [];
	for await (const batch of scanEntries(path, stats)) {
		for (const entry of batch) found.push({text: entry.bytes.toString('utf8'), line: entry.lineNumber, start: entry.start, end: entry.end});
	}

	return {found, stats};
}

describe('scanEntries', () => {
	it('splits lines, strips CR of CRLF, skips blank lines and a BOM, keeps line numbers', async () => {
		const {found, stats} = await entries('\uFEFF{"a":1}\r\n\n  \n{"b":2}\n{"c":3}');
		expect(found.map(e => [e.text, e.line])).toEqual([['{"a":1}', 1], ['{"b":2}', 4], ['{"c":3}', 5]]);
		expect(stats.blankLines).toBe(2);
		expect(found[0].start).toBe(3);
	});

	it('byte offsets point at the exact bytes in the file', async () => {
		const content = '{"t":"é"}\n{"t":"日本"}\r\n';
		const {found} = await entries(content);
		const bytes = Buffer.from(content);
		for (const entry of found) expect(bytes.subarray(entry.start, entry.end).toString()).toBe(entry.text);
	});

	it('reads a line of many chunks with copying linear in its length, not quadratic', async () => {
		const length = 8 * 1024 * 1024;
		const path = writeFile(tempDir(), 'x.jsonl', `{"a":1}\n${JSON.stringify({text: 'x'.repeat(length)})}\n{"b":2}\n`);
		const reader = await EntryReader.open(path, undefined, {chunkSize: 64 * 1024});
		const lengths: number[] = [];
		while (await reader.next((_buffer, from, to) => lengths.push(to - from))) {}
		await reader.close();
		expect(lengths).toEqual([7, length + 11, 7]);
		// Copying the growing line into a new buffer per 64 KB chunk moved ~512 MB here.
		expect(reader.copiedBytes).toBeLessThan(4 * length);
	});

	it('handles lines longer than one read chunk', async () => {
		const long = JSON.stringify({text: 'x'.repeat(9 * 1024 * 1024)});
		const {found} = await entries(`{"a":1}\n${long}\n{"b":2}\n`);
		expect(found).toHaveLength(3);
		expect(found[1].text.length).toBe(long.length);
		expect(found[2].line).toBe(3);
	});

	it('splits a top-level JSON array into its elements', async () => {
		const {found, stats} = await entries(' [ {"a":"x,]"} ,\n {"b":[1,{"c":"\\"]"}]} , 3 ]\n');
		expect(stats.layout).toBe('array');
		expect(found.map(e => e.text)).toEqual(['{"a":"x,]"}', '{"b":[1,{"c":"\\"]"}]}', '3']);
		expect(found[1].line).toBe(2);
	});

	it('reports an array that is never closed', async () => {
		await expect(entries('[{"a":1},')).rejects.toThrow(/not closed/);
	});
});
