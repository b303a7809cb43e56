/*
The head both scan caches (facts, ids) open with: their magic line, the key's length and the key,
then, 8-byte aligned, two counts (entries, hash ids). What follows is each cache's own arrays.
*/

/** Bytes rounded up to a multiple of 8 (arrays in a cache file start on an 8-byte boundary). */
export function align(bytes: number): number {
	return Math.ceil(bytes / 8) * 8;
}

export type CacheHead = {count: number; hashCount: number; /** Where the arrays start. */ end: number};

export function encodeCacheHead(magic: string, key: string, count: number, hashCount: number): Buffer {
	const keyBytes = Buffer.from(key);
	const countsAt = align(magic.length + 4 + keyBytes.length);
	const head = Buffer.alloc(countsAt + 8);
	head.write(magic, 0, 'latin1');
	head.writeUInt32LE(keyBytes.length, magic.length);
	keyBytes.copy(head, magic.length + 4);
	head.writeUInt32LE(count, countsAt);
	head.writeUInt32LE(hashCount, countsAt + 4);
	return head;
}

/** The head of a cache file's bytes, or undefined when it is not `magic`'s or not under `key`. */
export function decodeCacheHead(buffer: Buffer, magic: string, key: string): CacheHead | undefined {
	if (buffer.length < magic.length + 4 || buffer.toString('latin1', 0, magic.length) !== magic) return undefined;
	const keyLength = buffer.readUInt32LE(magic.length);
	if (magic.length + 4 + keyLength + 8 > buffer.length || buffer.toString('utf8', magic.length + 4, magic.length + 4 + keyLength) !== key) return undefined;
	const countsAt = align(magic.length + 4 + keyLength);
	if (countsAt + 8 > buffer.length) return undefined;
	return {count: buffer.readUInt32LE(countsAt), hashCount: buffer.readUInt32LE(countsAt + 4), end: countsAt + 8};
}
