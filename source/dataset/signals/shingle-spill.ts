import {closeSync, mkdtempSync, openSync, readSync, rmdirSync, rmSync, unlinkSync, writeSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {shingleHashes} from './minhash.js';

/*
The words near-duplicate checking needs again (shingle-spill): when a sample gets a MinHash signature,
the hashes of the words its shingles are made of (shingleSource) are appended here, in file order.
A candidate pair is then checked by exact Jaccard from these words (one read, a hash per shingle and a
sort) instead of the sample read again from the dataset, parsed, rendered and tokenized (~30 µs of
CPU a sample; a million bench samples were read again ~490,000 times, ~15 s of the 65 s the signals
took). The words are 4 bytes each: about 40% of the dataset's size for the bench's chats, in a temporary
file unlinked as soon as it is open (nothing is left behind; on a system that cannot unlink an open
file it is removed at close). The first MiB stays in a shared buffer and a small stretch never touches
the disk. Any thread of the process can read a spill (a file descriptor is the process's).
*/

/** Words kept in memory before the first write (1 MiB). */
const bufferWords = 256 * 1024;

/** What another thread needs to read a spill: its file (-1 before the first write), how many words are in it, and the words after those. */
export type SpillSource = {fd: number; written: number; tail: Uint32Array};

export class ShingleSpill {
	private fd = -1;
	private leftover: {path: string; folder: string} | undefined;
	private readonly buffer = new Uint32Array(new SharedArrayBuffer(bufferWords * 4));
	private used = 0;
	private written = 0;

	constructor(private readonly folder = tmpdir()) {}

	/** Words appended so far. */
	get length(): number {
		return this.written + this.used;
	}

	/** Appends one sample's word hashes; returns where they start (in words). */
	add(words: Uint32Array): number {
		const at = this.length;
		if (this.used + words.length > this.buffer.length) {
			this.flush();
			if (words.length > this.buffer.length) {
				this.write(words);
				return at;
			}
		}

		this.buffer.set(words, this.used);
		this.used += words.length;
		return at;
	}

	/** The spill for readers: the words written so far and the buffer's tail (shared memory). */
	source(): SpillSource {
		return {fd: this.fd, written: this.written, tail: this.buffer.subarray(0, this.used)};
	}

	/** Closes the file (readers are done). */
	close() {
		if (this.fd !== -1) closeSync(this.fd);
		this.fd = -1;
		if (this.leftover) rmSync(this.leftover.folder, {recursive: true, force: true});
		this.leftover = undefined;
	}

	private flush() {
		if (this.used === 0) return;
		this.write(this.buffer.subarray(0, this.used));
		this.used = 0;
	}

	private write(words: Uint32Array) {
		if (this.fd === -1) this.open();
		const bytes = new Uint8Array(words.buffer, words.byteOffset, words.byteLength);
		let done = 0;
		while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done, (this.written * 4) + done);
		this.written += words.length;
	}

	private open() {
		const folder = mkdtempSync(join(this.folder, 'winnow-shingles-'));
		const path = join(folder, 'words');
		this.fd = openSync(path, 'w+', 0o600);
		try {
			unlinkSync(path);
			rmdirSync(folder);
		} catch {
			this.leftover = {path, folder};
		}
	}
}

/** Closes a spill from its source (the thread that wrote it may be gone); the file was unlinked when opened. */
export function closeSpillSource(source: SpillSource) {
	if (source.fd === -1) return;
	try {
		closeSync(source.fd);
	} catch {}
}

/** `count` words from word `at` of a spill. */
export function readSpilled(source: SpillSource, at: number, count: number): Uint32Array {
	if (at >= source.written) return source.tail.slice(at - source.written, at - source.written + count);
	const words = new Uint32Array(count);
	const bytes = new Uint8Array(words.buffer);
	let done = 0;
	while (done < bytes.length) {
		const read = readSync(source.fd, bytes, done, bytes.length - done, (at * 4) + done);
		if (read === 0) throw new Error('the near-duplicate words file ended early');
		done += read;
	}

	return words;
}

/**
 * Where each sample's words are among several spills (one per stretch of the file read): `first[p]`
 * is the first sample of spill p; `at` and `count` per sample (count 0: no words kept). Typed arrays,
 * in shared memory when helpers read them too.
 */
export type SpillIndex = {sources: SpillSource[]; first: number[]; at: Float64Array; count: Int32Array};

/** The sorted, distinct shingle hashes of sample `index` (as shinglesOfValue of the sample read again). */
export function spilledShingles(index: SpillIndex, sample: number, shingleWords: number): Uint32Array {
	const count = index.count[sample];
	if (count === 0) return new Uint32Array(0);
	let part = index.first.length - 1;
	while (index.first[part] > sample) part--;
	return shingleHashes(readSpilled(index.sources[part], index.at[sample], count), shingleWords);
}
