import {mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {shingleHashes} from '../source/dataset/signals/minhash.js';
import {closeSpillSource, readSpilled, ShingleSpill, spilledShingles, type SpillIndex} from '../source/dataset/signals/shingle-spill.js';

const folders: string[] = [];
afterEach(() => {
	for (const folder of folders.splice(0)) rmSync(folder, {recursive: true, force: true});
});

function folder(): string {
	const made = mkdtempSync(join(tmpdir(), 'winnow-spill-test-'));
	folders.push(made);
	return made;
}

/** `count` made-up word hashes, different for each `seed`. */
function words(count: number, seed: number): Uint32Array {
	return Uint32Array.from({length: count}, (_, i) => Math.imul(i + 1, 0x9E_37_79_B1) ^ Math.imul(seed + 7, 0x85_EB_CA_6B));
}

/** Whether two word lists are the same (compared as bytes: a deep equality over 300,000 numbers is slow). */
function same(first: Uint32Array, second: Uint32Array): boolean {
	return Buffer.from(first.buffer, first.byteOffset, first.byteLength).equals(Buffer.from(second.buffer, second.byteOffset, second.byteLength));
}

describe('shingle spill', () => {
	it('gives back each sample’s words, from the file or from the buffer, and leaves no file behind', () => {
		const into = folder();
		const spill = new ShingleSpill(into);
		// Small samples, then one bigger than the buffer (1 MiB), then small ones again: some written, some still buffered.
		const samples = [...Array.from({length: 300}, (_, i) => words(50 + (i % 40), i)), words(300_000, 1000), ...Array.from({length: 200}, (_, i) => words(20 + i, 2000 + i))];
		const at = samples.map(sample => spill.add(sample));
		expect(spill.length).toBe(samples.reduce((sum, sample) => sum + sample.length, 0));
		const source = spill.source();
		expect(source.fd).not.toBe(-1);
		expect(source.written).toBeGreaterThan(0);
		expect(source.tail.length).toBeGreaterThan(0);
		// The file was unlinked as soon as it was open: nothing in the folder.
		expect(readdirSync(into)).toEqual([]);
		for (const [index, sample] of samples.entries()) expect(same(readSpilled(source, at[index], sample.length), sample), `sample ${index}`).toBe(true);
		closeSpillSource(source);
	});

	it('a short stretch stays in memory (no file at all)', () => {
		const spill = new ShingleSpill(folder());
		const sample = words(100, 1);
		expect(spill.add(sample)).toBe(0);
		const source = spill.source();
		expect(source.fd).toBe(-1);
		expect(readSpilled(source, 0, 100)).toEqual(sample);
		spill.close();
	});

	it('finds a sample’s shingles among several spills, as shingleHashes of its words', () => {
		const into = folder();
		const first = new ShingleSpill(into);
		const second = new ShingleSpill(into);
		const a = words(400_000, 1);
		const b = words(30, 2);
		const c = words(12, 3);
		first.add(a);
		first.add(b);
		second.add(c);
		// Samples 0–2 are the first spill's (sample 1 has no words), 3–4 the second's (sample 4 has c).
		const index: SpillIndex = {sources: [first.source(), second.source()], first: [0, 3], at: Float64Array.from([0, 0, a.length, 0, 0]), count: Int32Array.from([a.length, 0, b.length, 0, c.length])};
		expect(same(spilledShingles(index, 0, 5), shingleHashes(a, 5))).toBe(true);
		expect(spilledShingles(index, 1, 5)).toEqual(new Uint32Array(0));
		expect(spilledShingles(index, 2, 5)).toEqual(shingleHashes(b, 5));
		expect(spilledShingles(index, 4, 5)).toEqual(shingleHashes(c, 5));
		first.close();
		second.close();
	});
});
