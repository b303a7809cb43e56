import {createHash} from 'node:crypto';
import {join, resolve} from 'node:path';
import {cacheBaseFolder, signalsCode, winnowVersion} from './code-version.js';
import {readCache, writeDatasetCache} from './cache-file.js';
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

/** Facts read from the cache, handed out chunk by chunk in file order (fill). */
export class CachedFacts {
	/** Entries handed out so far, and hash ids. */
	private next = 0;
	private nextHash = 0;

	constructor(private readonly arrays: FactArrays, readonly count: number) {}

	/**
	 * Fills `facts` for the `count` entries of a chunk (entry i is buffer[froms[i], tos[i])), the
	 * next ones of the file; false (nothing to trust: work them out) when the cache has no more
	 * entries or an entry's length is not the one cached. Leaves `decided` alone.
	 */
	fill(froms: Int32Array, tos: Int32Array, count: number, facts: ChunkFacts): boolean {
		const {malformed, kinds, idStarts, idEnds, lengths, fingerprints, firsts, hashes} = this.arrays;
		const base = this.next;
		if (base + count > this.count) return false;
		for (let i = 0; i < count; i++) if (tos[i] - froms[i] !== lengths[base + i]) return false;
		facts.malformed.set(malformed.subarray(base, base + count));
		facts.kinds.set(kinds.subarray(base, base + count));
		facts.fingerprints.set(fingerprints.subarray(base * 2, (base + count) * 2));
		facts.firsts.set(firsts.subarray(base, base + count));
		let hash = this.nextHash;
		for (let i = 0; i < count; i++) {
			const from = froms[i];
			facts.idStarts[i] = from + idStarts[base + i];
			facts.idEnds[i] = from + idEnds[base + i];
			if (kinds[base + i] === IdKind.Hash) {
				facts.hashes.set(hashes.subarray(hash * hashIdLength, (hash + 1) * hashIdLength), i * hashIdLength);
				hash++;
			}
		}

		this.next = base + count;
		this.nextHash = hash;
		return true;
	}

	/** The fingerprints (two words an entry) of the file's first `count` entries. */
	fingerprintsBefore(count: number): Uint32Array {
		return this.arrays.fingerprints.subarray(0, count * 2);
	}

	/** Whether every cached entry was handed out. */
	get done(): boolean {
		return this.next === this.count;
	}

	/** Stops handing out entries (a chunk was worked out afresh: the later ones cannot be matched up). */
	stop() {
		this.next = this.count;
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
	if (!head) return undefined;
	const {count, hashCount} = head;
	const sizes = arraySizes(count, hashCount);
	let at = head.end;
	let total = at;
	for (const name of arrayNames) total += align(sizes[name]);
	if (total !== buffer.length) return undefined;
	const view = <T>(make: new (buffer: ArrayBuffer, byteOffset: number, length: number) => T, bytesPerElement: number, name: (typeof arrayNames)[number]): T => {
		const array = new make(bytes.buffer as ArrayBuffer, bytes.byteOffset + at, sizes[name] / bytesPerElement);
		at += align(sizes[name]);
		return array;
	};

	const arrays: FactArrays = {
		malformed: view(Uint8Array, 1, 'malformed'),
		kinds: view(Uint8Array, 1, 'kinds'),
		idStarts: view(Int32Array, 4, 'idStarts'),
		idEnds: view(Int32Array, 4, 'idEnds'),
		lengths: view(Int32Array, 4, 'lengths'),
		fingerprints: view(Uint32Array, 4, 'fingerprints'),
		firsts: view(Int32Array, 4, 'firsts'),
		hashes: view(Uint8Array, 1, 'hashes'),
	};
	return new CachedFacts(arrays, count);
}

/** The cached facts for `key`, or undefined (none, another key's, unreadable, corrupt, not a plain file of this user's). */
export async function readCachedFacts({file, key}: FactsCacheKey): Promise<CachedFacts | undefined> {
	return readCache(file, bytes => decodeFacts(bytes, key));
}

/**
 * Stores the recorded facts under `key` if the dataset is still the one they were worked out for:
 * a new file (0600, created exclusively under an unpredictable name, never through a link) renamed
 * over the old one, in a 0700 folder. Errors are swallowed (the next scan works the facts out again).
 */
export async function writeCachedFacts({file, key, identity}: FactsCacheKey, path: string, recorder: FactsRecorder): Promise<boolean> {
	return writeDatasetCache(file, identity, path, () => recorder.encode(key), extension);
}
