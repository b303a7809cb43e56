import {createHash} from 'node:crypto';
import {constants, readSync} from 'node:fs';
import {open, type FileHandle} from 'node:fs/promises';
import {join, resolve} from 'node:path';
import {cacheBaseFolder, signalsCode, winnowVersion} from './code-version.js';
import {writeDatasetCache} from './cache-file.js';
import {markUsed} from './signals/cache-pruning.js';
import {align, decodeCacheHead, encodeCacheHead} from './cache-head.js';
import {hashIdLength, IdKind, type ChunkFacts} from './entry-facts.js';
import {datasetIdentity, type DatasetIdentity} from './signals/dataset-identity.js';

/*
The facts cache: what the scan behind export and stats works out for each entry of a dataset
(entry-facts.ts: malformed or not, where the id is, its fingerprint, the hash id of an entry without
an id) is the same every time the file is the same, and it is most of the scan's work (the JSON check
of every byte, and a SHA-1 of every line without an id). After a whole scan it is kept in the
user's cache folder (`facts/`, beside the signals cache, README "The caches"), under the same key
the signals cache uses for "the same file" (device, inode, size, modification time, a hash of the
first and last 64 KB: dataset-identity.ts) with winnow's version, the dataset code's hash and the id
field. Each entry's first entry with the same id (ChunkFacts.firsts) is kept too: worked out in
file order, it is the same every time. A later scan of the same file reads the facts back instead of working them out; each entry's
length is kept too, and an entry whose length differs is worked out afresh (and the cache rewritten).
The cache is a help, never a failure: any error reading or writing it is a miss.
*/

const magic = 'winnow-facts 2\n';
const extension = 'facts';

/** Files smaller than this are scanned without the cache (their scan takes less than reading it). */
export const factsCacheMinimumSize = 16 * 1024 * 1024;

export type FactsCacheKey = {file: string; key: string; identity: DatasetIdentity};

export function factsCacheFolder(environment: NodeJS.ProcessEnv = process.env): string {
	return join(cacheBaseFolder(environment), 'facts');
}

export async function factsCacheKey(path: string, idField: string): Promise<FactsCacheKey> {
	const identity = await datasetIdentity(path);
	const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
	const file = join(factsCacheFolder(), `${sha256(JSON.stringify([resolve(path), idField])).slice(0, 32)}.${extension}`);
	const key = JSON.stringify({winnow: winnowVersion(), code: signalsCode, dataset: identity, idField});
	return {file, key, identity};
}

/** The arrays a cache file holds, entry by entry (hashes: only the entries of IdKind.Hash, in order). */
type FactArrays = {
	malformed: Uint8Array;
	kinds: Uint8Array;
	/** Where the id is, from the entry's first byte. */
	idStarts: Int32Array;
	idEnds: Int32Array;
	lengths: Int32Array;
	fingerprints: Uint32Array;
	/** ChunkFacts.firsts: the number (from 1) of the file's first entry with the same id's fingerprint. */
	firsts: Int32Array;
	hashes: Uint8Array;
};

const arrayNames = ['malformed', 'kinds', 'idStarts', 'idEnds', 'lengths', 'fingerprints', 'firsts', 'hashes'] as const;

/** Where a cache file's bytes are read from: a part of them into `into` (all of it, or it throws). */
type ByteSource = (position: number, into: Uint8Array) => void;

type ArrayName = (typeof arrayNames)[number];

/**
 * Facts read from the cache, handed out chunk by chunk in file order (fill): each chunk's share of
 * every array is read from the file when it is handed out, into buffers reused chunk after chunk,
 * so the file is never held whole (tens of megabytes of fresh memory: on some machines touching
 * fresh memory costs more than reading the file).
 */
export class CachedFacts {
	/** Entries handed out so far, and hash ids. */
	private next = 0;
	private nextHash = 0;
	/** Where each array starts in the file. */
	private readonly at: Record<ArrayName, number>;
	/** Reused buffers, one per array, grown as needed. */
	private readonly scratch = new Map<ArrayName, ArrayBuffer>();

	constructor(private readonly read: ByteSource, readonly count: number, private readonly hashCount: number, arraysAt: number, private readonly release: () => void = () => undefined) {
		const sizes = arraySizes(count, hashCount);
		const at = {} as Record<ArrayName, number>;
		let offset = arraysAt;
		for (const name of arrayNames) {
			at[name] = offset;
			offset += align(sizes[name]);
		}

		this.at = at;
	}

	/** `length` elements of array `name` from element `first`, read into its reused buffer. */
	private part<T extends Uint8Array | Int32Array | Uint32Array>(name: ArrayName, make: new (buffer: ArrayBuffer, byteOffset: number, length: number) => T, bytesPerElement: number, first: number, length: number): T {
		const bytes = length * bytesPerElement;
		let buffer = this.scratch.get(name);
		if (!buffer || buffer.byteLength < bytes) {
			buffer = new ArrayBuffer(Math.max(bytes, 64 * 1024));
			this.scratch.set(name, buffer);
		}

		this.read(this.at[name] + (first * bytesPerElement), new Uint8Array(buffer, 0, bytes));
		return new make(buffer, 0, length);
	}

	/**
	 * Fills `facts` for the `count` entries of a chunk (entry i is buffer[froms[i], tos[i])), the
	 * next ones of the file; false (nothing to trust: work them out) when the cache has no more
	 * entries, an entry's length is not the one cached, or the file cannot be read. Leaves `decided` alone.
	 */
	fill(froms: Int32Array, tos: Int32Array, count: number, facts: ChunkFacts): boolean {
		const base = this.next;
		if (base + count > this.count) return false;
		try {
			const lengths = this.part('lengths', Int32Array, 4, base, count);
			for (let i = 0; i < count; i++) if (tos[i] - froms[i] !== lengths[i]) return false;
			const kinds = this.part('kinds', Uint8Array, 1, base, count);
			let hashes = 0;
			for (let i = 0; i < count; i++) if (kinds[i] === IdKind.Hash) hashes++;
			if (this.nextHash + hashes > this.hashCount) return false;
			facts.kinds.set(kinds);
			facts.malformed.set(this.part('malformed', Uint8Array, 1, base, count));
			facts.fingerprints.set(this.part('fingerprints', Uint32Array, 4, base * 2, count * 2));
			facts.firsts.set(this.part('firsts', Int32Array, 4, base, count));
			const idStarts = this.part('idStarts', Int32Array, 4, base, count);
			const idEnds = this.part('idEnds', Int32Array, 4, base, count);
			const hashText = hashes > 0 ? this.part('hashes', Uint8Array, 1, this.nextHash * hashIdLength, hashes * hashIdLength) : undefined;
			let hash = 0;
			for (let i = 0; i < count; i++) {
				const from = froms[i];
				facts.idStarts[i] = from + idStarts[i];
				facts.idEnds[i] = from + idEnds[i];
				if (kinds[i] === IdKind.Hash) {
					facts.hashes.set(hashText!.subarray(hash * hashIdLength, (hash + 1) * hashIdLength), i * hashIdLength);
					hash++;
				}
			}

			this.next = base + count;
			this.nextHash += hashes;
			return true;
		} catch {
			return false;
		}
	}

	/** The fingerprints (two words an entry) of the file's first `count` entries (empty if they cannot be read). */
	fingerprintsBefore(count: number): Uint32Array {
		const fingerprints = new Uint32Array(count * 2);
		try {
			this.read(this.at.fingerprints, new Uint8Array(fingerprints.buffer));
		} catch {
			return new Uint32Array(0);
		}

		return fingerprints;
	}

	/** Whether every cached entry was handed out. */
	get done(): boolean {
		return this.next === this.count;
	}

	/** Stops handing out entries (a chunk was worked out afresh: the later ones cannot be matched up). */
	stop() {
		this.next = this.count;
	}

	/** Lets go of the file (after the scan). */
	close() {
		this.release();
	}
}

/** The facts of a whole scan, gathered chunk by chunk (add), to be written to the cache. */
export class FactsRecorder {
	count = 0;
	private hashCount = 0;
	private arrays: FactArrays = {
		malformed: new Uint8Array(1024),
		kinds: new Uint8Array(1024),
		idStarts: new Int32Array(1024),
		idEnds: new Int32Array(1024),
		lengths: new Int32Array(1024),
		fingerprints: new Uint32Array(2048),
		firsts: new Int32Array(1024),
		hashes: new Uint8Array(1024 * hashIdLength),
	};

	/** About how many entries the file holds (saves regrowing). */
	expect(entries: number) {
		if (entries > this.arrays.malformed.length) this.grow(Math.min(entries, 1 << 27));
	}

	/** The facts of a chunk's `count` entries (after they were worked out, ChunkFacts.firsts too). */
	add(froms: Int32Array, tos: Int32Array, count: number, facts: ChunkFacts) {
		const base = this.count;
		if (base + count > this.arrays.malformed.length) this.grow(Math.max((base + count) * 1.5, 1024));
		const {malformed, kinds, idStarts, idEnds, lengths, fingerprints, firsts} = this.arrays;
		malformed.set(facts.malformed.subarray(0, count), base);
		kinds.set(facts.kinds.subarray(0, count), base);
		fingerprints.set(facts.fingerprints.subarray(0, count * 2), base * 2);
		firsts.set(facts.firsts.subarray(0, count), base);
		for (let i = 0; i < count; i++) {
			const from = froms[i];
			lengths[base + i] = tos[i] - from;
			if (facts.kinds[i] === IdKind.Hash) {
				idStarts[base + i] = 0;
				idEnds[base + i] = 0;
				if ((this.hashCount + 1) * hashIdLength > this.arrays.hashes.length) this.arrays.hashes = grown(this.arrays.hashes, Math.max(this.arrays.malformed.length, Math.ceil((this.hashCount + 1) * 1.5)) * hashIdLength);
				this.arrays.hashes.set(facts.hashes.subarray(i * hashIdLength, (i + 1) * hashIdLength), this.hashCount * hashIdLength);
				this.hashCount++;
			} else {
				idStarts[base + i] = facts.idStarts[i] - from;
				idEnds[base + i] = facts.idEnds[i] - from;
			}
		}

		this.count = base + count;
	}

	/** The file's pieces: magic, key, the counts, then each array (8-byte aligned). */
	encode(key: string): Uint8Array[] {
		const {count, hashCount} = this;
		const sizes = arraySizes(count, hashCount);
		const pieces: Uint8Array[] = [encodeCacheHead(magic, key, count, hashCount)];
		for (const name of arrayNames) {
			const array = this.arrays[name];
			const bytes = sizes[name];
			pieces.push(new Uint8Array(array.buffer, array.byteOffset, bytes));
			if (align(bytes) > bytes) pieces.push(new Uint8Array(align(bytes) - bytes));
		}

		return pieces;
	}

	private grow(capacity: number) {
		capacity = Math.ceil(capacity);
		const {malformed, kinds, idStarts, idEnds, lengths, fingerprints, firsts} = this.arrays;
		this.arrays.malformed = grown(malformed, capacity);
		this.arrays.kinds = grown(kinds, capacity);
		this.arrays.idStarts = grown(idStarts, capacity);
		this.arrays.idEnds = grown(idEnds, capacity);
		this.arrays.lengths = grown(lengths, capacity);
		this.arrays.fingerprints = grown(fingerprints, capacity * 2);
		this.arrays.firsts = grown(firsts, capacity);
	}
}

function grown<T extends Uint8Array | Int32Array | Uint32Array>(array: T, length: number): T {
	const bigger = new (array.constructor as new (length: number) => T)(length);
	bigger.set(array);
	return bigger;
}


function arraySizes(count: number, hashCount: number): Record<(typeof arrayNames)[number], number> {
	return {malformed: count, kinds: count, idStarts: count * 4, idEnds: count * 4, lengths: count * 4, fingerprints: count * 8, firsts: count * 4, hashes: hashCount * hashIdLength};
}

/** The facts in a cache file's bytes (its own ArrayBuffer, from offset 0) under `key`, or undefined. */
export function decodeFacts(bytes: Uint8Array, key: string): CachedFacts | undefined {
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
	const head = decodeCacheHead(buffer, magic, key);
	if (!head || fileSize(head.end, head.count, head.hashCount) !== buffer.length) return undefined;
	return new CachedFacts((position, into) => {
		if (position + into.length > buffer.length) throw new RangeError('past the end of the cache');
		into.set(buffer.subarray(position, position + into.length));
	}, head.count, head.hashCount, head.end);
}

function fileSize(arraysAt: number, count: number, hashCount: number): number {
	const sizes = arraySizes(count, hashCount);
	let total = arraysAt;
	for (const name of arrayNames) total += align(sizes[name]);
	return total;
}

/**
 * The cached facts for `key`, or undefined (none, another key's, unreadable, corrupt, not a plain
 * file of this user's). The file stays open, read as the scan goes (CachedFacts.close lets it go).
 */
export async function readCachedFacts({file, key}: FactsCacheKey): Promise<CachedFacts | undefined> {
	let handle: FileHandle;
	try {
		handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
	} catch {
		return undefined;
	}

	let keep = false;
	try {
		const stats = await handle.stat();
		if (!stats.isFile() || (typeof process.getuid === 'function' && stats.uid !== process.getuid())) return undefined;
		const headBytes = Buffer.alloc(Math.min(stats.size, magic.length + 4 + Buffer.byteLength(key) + 16));
		const {bytesRead} = await handle.read(headBytes, 0, headBytes.length, 0);
		const head = decodeCacheHead(headBytes.subarray(0, bytesRead), magic, key);
		if (!head || fileSize(head.end, head.count, head.hashCount) !== stats.size) return undefined;
		await markUsed(file);
		const {fd} = handle;
		const cached = new CachedFacts((position, into) => {
			let done = 0;
			while (done < into.length) {
				const read = readSync(fd, into, done, into.length - done, position + done);
				if (read === 0) throw new RangeError('past the end of the cache');
				done += read;
			}
		}, head.count, head.hashCount, head.end, () => {
			void handle.close().catch(() => undefined);
		});
		keep = true;
		return cached;
	} catch {
		return undefined;
	} finally {
		// A cache that cannot even be closed is still only a miss: the command goes on without it.
		if (!keep) await handle.close().catch(() => undefined);
	}
}

/**
 * Stores the recorded facts under `key` if the dataset is still the one they were worked out for:
 * a new file (0600, created exclusively under an unpredictable name, never through a link) renamed
 * over the old one, in a 0700 folder. Errors are swallowed (the next scan works the facts out again).
 */
export async function writeCachedFacts({file, key, identity}: FactsCacheKey, path: string, recorder: FactsRecorder): Promise<boolean> {
	return writeDatasetCache(file, identity, path, () => recorder.encode(key), extension);
}
