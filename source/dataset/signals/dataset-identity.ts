import {createHash} from 'node:crypto';
import {open} from 'node:fs/promises';

/*
What says a dataset file is the one the signals were computed for, without reading it all: where it
is (device, inode), its size and modification time, and a hash of its first and last 64 KB (an
edit that keeps the size and restores the mtime still changes bytes there in most cases; a file up
to 128 KB is hashed whole).
*/

const edge = 64 * 1024;

export type DatasetIdentity = {device: string; inode: string; size: string; mtimeNs: string; edges: string};

export async function datasetIdentity(path: string): Promise<DatasetIdentity> {
	const file = await open(path, 'r');
	try {
		const stats = await file.stat({bigint: true});
		const size = Number(stats.size);
		const hash = createHash('sha256');
		const head = Buffer.alloc(Math.min(edge, size));
		const {bytesRead} = await file.read(head, 0, head.length, 0);
		hash.update(head.subarray(0, bytesRead));
		const tailStart = Math.max(bytesRead, size - edge);
		if (tailStart < size) {
			const tail = Buffer.alloc(size - tailStart);
			const {bytesRead: tailRead} = await file.read(tail, 0, tail.length, tailStart);
			hash.update(tail.subarray(0, tailRead));
		}

		return {device: String(stats.dev), inode: String(stats.ino), size: String(stats.size), mtimeNs: String(stats.mtimeNs), edges: hash.digest('hex')};
	} finally {
		await file.close();
	}
}

export function sameIdentity(first: DatasetIdentity, second: DatasetIdentity): boolean {
	return first.device === second.device && first.inode === second.inode && first.size === second.size && first.mtimeNs === second.mtimeNs && first.edges === second.edges;
}
