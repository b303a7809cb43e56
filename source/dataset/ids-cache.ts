import {createHash} from 'node:crypto';
import {join, resolve} from 'node:path';
import {readCache, writeDatasetCache} from './cache-file.js';
import {align, decodeCacheHead, encodeCacheHead} from './cache-head.js';
import {cacheBaseFolder, signalsCode, winnowVersion} from './code-version.js';
import {hashIdLength} from './entry-facts.js';
import {datasetIdentity, type DatasetIdentity} from './signals/dataset-identity.js';

/*
The ids cache: the hash ids (identity.ts: a SHA-1 of the entry's bytes, for a sample without a
usable id field) the review's indexing worked out for a dataset, kept for the next time the same file
is opened. Hashing every line is most of indexing a file without ids (a million lines: about a second
of one core, against half a second for everything else), and a review is opened again and again on
the same file. Kept beside the facts cache (`facts/`, README "The caches"), under the same key (the
file's identity: device, inode, size, modification time, a hash of its first and last 64 KB; winnow's
version and the dataset code's hash; the id field), with each entry's length: an entry whose length
differs from the cached one ends the cache's use (the rest is hashed, and the cache is written afresh).
A help, never a failure: any error reading or writing it is a miss. The ids are the same hash in the
same form either way, so decisions recorded on them stay theirs.
*/

const magic = 'winnow-ids 1\n';
const extension = 'ids';

/** Files smaller than this are indexed without the cache (hashing them takes less than the cache's reads). */
export const idsCacheMinimumSize = 16 * 1024 * 1024;

export type IdsCacheKey = {file: string; key: string; identity: DatasetIdentity};

export async function idsCacheKey(path: string, idField: string): Promise<IdsCacheKey> {
	const identity = await datasetIdentity(path);
	const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
	const file = join(cacheBaseFolder(), 'facts', `${sha256(JSON.stringify([resolve(path), idField])).slice(0, 32)}.${extension}`);
	const key = JSON.stringify({winnow: winnowVersion(), code: signalsCode, dataset: identity, idField});
	return {file, key, identity};
}

/**
 * The hash ids of a file as it was indexed, entry by entry: `entry(length)` for every entry in file
 * order says whether the cache holds its id (a hash id, then copied by `hashInto`); false for an
 * entry with an id of its own, or once an entry's length is not the cached one (nothing further is
 * trusted: `stale`).
 */
export class CachedIds {
	private next = 0;
	private nextHash = 0;
	private trusted = true;

	constructor(private readonly lengths: Int32Array, private readonly kinds: Uint8Array, private readonly hashes: Uint8Array, readonly hashCount: number) {}

	/** The next entry, `length` bytes long: whether its id is a hash id the cache holds. */
	entry(length: number): boolean {
		if (!this.trusted) return false;
		const index = this.next;
		if (index >= this.lengths.length || this.lengths[index] !== length) {
			this.trusted = false;
			return false;
		}

		this.next = index + 1;
		if (this.kinds[index] !== hashed) return false;
		if (this.nextHash >= this.hashCount) {
			this.trusted = false;
			return false;
		}

		return true;
	}

	/** Copies the hash id of the entry `entry` said the cache holds into out[0, hashIdLength). */
	hashInto(out: Uint8Array) {
		const {hashes} = this;
		const at = this.nextHash++ * hashIdLength;
		for (let k = 0; k < hashIdLength; k++) out[k] = hashes[at + k];
	}

	/** The entry last given turned out to need a hash id the cache says it does not: the file is not the one cached. */
	markStale() {
		this.trusted = false;
	}

	/** Whether every entry and hash id of the cache was used, and all matched. */
	get matched(): boolean {
		return this.trusted && this.next === this.lengths.length && this.nextHash === this.hashCount;
	}

	/** Whether an entry did not match (the cache is then stale). */
	get stale(): boolean {
		return !this.trusted;
	}
}

/** An entry whose id is a hash id (IdsRecorder's kinds). */
const hashed = 1;

/** The lengths and hash ids of an indexing, gathered entry by entry, to be written to the cache. */
export class IdsRecorder {
	count = 0;
	hashCount = 0;
	private lengths = new Int32Array(1024);
	private kinds = new Uint8Array(1024);
	private hashes = new Uint8Array(1024 * hashIdLength);

	/** About how many entries the file holds (saves regrowing). */
	expect(entries: number) {
		if (entries > this.lengths.length) this.grow(Math.min(entries, 1 << 27));
	}

	entry(length: number) {
		if (this.count === this.lengths.length) this.grow(this.lengths.length * 2);
		this.kinds[this.count] = 0;
		this.lengths[this.count++] = length;
	}

	/** The hash id (hashIdLength bytes of `text` from `at`) of the entry last given. */
	hash(text: Uint8Array, at: number) {
		if ((this.hashCount + 1) * hashIdLength > this.hashes.length) this.hashes = grown(this.hashes, this.hashes.length * 2);
		this.hashes.set(text.subarray(at, at + hashIdLength), this.hashCount * hashIdLength);
		this.hashCount++;
		this.kinds[this.count - 1] = hashed;
	}

	/** The file's pieces: magic, key, the counts, the lengths, the kinds (8-byte aligned), the hash ids. */
	encode(key: string): Uint8Array[] {
		return [encodeCacheHead(magic, key, this.count, this.hashCount), new Uint8Array(this.lengths.buffer, 0, this.count * 4), this.kinds.subarray(0, this.count), new Uint8Array(align(this.count) - this.count), this.hashes.subarray(0, this.hashCount * hashIdLength)];
	}

	private grow(capacity: number) {
		this.lengths = grown(this.lengths, capacity);
		this.kinds = grown(this.kinds, capacity);
	}
}

/** The cached ids in a cache file's bytes (its own ArrayBuffer) under `key`, or undefined. */
export function decodeIds(bytes: Uint8Array, key: string): CachedIds | undefined {
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
	const head = decodeCacheHead(buffer, magic, key);
	if (!head) return undefined;
	const {count, hashCount} = head;
	const lengthsAt = head.end;
	const kindsAt = lengthsAt + (count * 4);
	const hashesAt = kindsAt + align(count);
	if (hashCount > count || hashesAt + (hashCount * hashIdLength) !== buffer.length || (bytes.byteOffset + lengthsAt) % 4 !== 0) return undefined;
	const lengths = new Int32Array(bytes.buffer, bytes.byteOffset + lengthsAt, count);
	const kinds = new Uint8Array(bytes.buffer, bytes.byteOffset + kindsAt, count);
	let kindsHashed = 0;
	for (let i = 0; i < count; i++) if (kinds[i] === hashed) kindsHashed++;
	if (kindsHashed !== hashCount) return undefined;
	const hashes = new Uint8Array(bytes.buffer, bytes.byteOffset + hashesAt, hashCount * hashIdLength);
	return new CachedIds(lengths, kinds, hashes, hashCount);
}

/** The cached ids for `key`, or undefined (none, another key's, unreadable, corrupt, not a plain file of this user's). */
export async function readCachedIds({file, key}: IdsCacheKey): Promise<CachedIds | undefined> {
	return readCache(file, bytes => decodeIds(bytes, key));
}

/** Stores the recorded ids under `key` if the dataset is still the one they were worked out for. Errors are swallowed. */
export async function writeCachedIds({file, key, identity}: IdsCacheKey, path: string, recorder: IdsRecorder): Promise<boolean> {
	return writeDatasetCache(file, identity, path, () => recorder.encode(key), extension);
}

function grown<T extends Uint8Array | Int32Array>(array: T, length: number): T {
	const bigger = new (array.constructor as new (length: number) => T)(length);
	bigger.set(array);
	return bigger;
}

