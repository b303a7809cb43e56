import {createHash} from 'node:crypto';
import {open} from 'node:fs/promises';

/*
What says a dataset file is the one the signals were computed for, without reading it all: where it
is (device, inode), its size, modification and change times, and a hash of its first and last 64 KB
(a file up to 128 KB is hashed whole). The change time (ctime) is set by the system on every write
and cannot be put back as the mtime can (touch -r): an edit in the middle that keeps the size and
restores the mtime still changes it.
*/

const edge = 64 * 1024;

export type DatasetIdentity = {device: string; inode: string; size: string; mtimeNs: string; ctimeNs: string; edges: string};

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

		return {device: String(stats.dev), inode: String(stats.ino), size: String(stats.size), mtimeNs: String(stats.mtimeNs), ctimeNs: String(stats.ctimeNs), edges: hash.digest('hex')};
	} finally {
		await file.close();
	}
}

export function sameIdentity(first: DatasetIdentity, second: DatasetIdentity): boolean {
	return first.device === second.device && first.inode === second.inode && first.size === second.size && first.mtimeNs === second.mtimeNs && first.ctimeNs === second.ctimeNs && first.edges === second.edges;
}
