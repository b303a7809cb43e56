import {createHash} from 'node:crypto';
import {open} from 'node:fs/promises';
import type {Client} from 'pg';
import {DecisionsFileError} from '../errors.js';
import {maskUrl} from './connection.js';

/** How much of the file its fingerprint covers: enough to tell files apart, quick for any size. */
export const fingerprintBytes = 1024 * 1024;

/** sha-256 of the file's first `length` bytes; undefined when the file is shorter than that. */
export async function fingerprintFile(path: string, length: number): Promise<string | undefined> {
	const handle = await open(path, 'r');
	try {
		const buffer = Buffer.alloc(length);
		let filled = 0;
		while (filled < length) {
			const {bytesRead} = await handle.read(buffer, filled, length - filled, filled);
			if (bytesRead === 0) break;
			filled += bytesRead;
		}

		if (filled < length) return undefined;
		return createHash('sha256').update(buffer).digest('hex');
	} finally {
		await handle.close();
	}
}

export async function fileSize(path: string): Promise<number> {
	const handle = await open(path, 'r');
	try {
		return (await handle.stat()).size;
	} finally {
		await handle.close();
	}
}

export type DatasetRow = {id: number; name: string; fingerprint: string; fingerprint_bytes: string; created_at: Date; created_by: string};

/**
 * The dataset's row: found by name and checked against the file's content (its first megabyte, or
 * the whole file if smaller), or made on first use. A copy of the same file on another machine
 * meets the same review; a file that grew by appended samples still does (the fingerprint then
 * covers more of it); another file under the same name is refused.
 */
export async function resolveDataset(client: Client, url: string, name: string, path: string | undefined, reviewer: string, create = true): Promise<number> {
	const found = await client.query<DatasetRow>('select * from winnow_datasets where name = $1', [name]);
	if (found.rows.length === 0) {
		if (!create) throw new DecisionsFileError(`${maskUrl(url)} has no review of a dataset named ${name}; winnow db pull lists none to pull (check the name, or --dataset-name).`);
		if (path === undefined) throw new DecisionsFileError(`${maskUrl(url)} has no dataset named ${name} yet; name the dataset file (winnow db push FILE.decisions.json --dataset DATA.jsonl).`);
		const size = await fileSize(path);
		const length = Math.min(size, fingerprintBytes);
		const fingerprint = await fingerprintFile(path, length);
		await client.query(
			'insert into winnow_datasets (name, fingerprint, fingerprint_bytes, created_by) values ($1, $2, $3, $4) on conflict (name) do nothing',
			[name, fingerprint, length, reviewer],
		);
		// Another process may have made it at the same moment: check against whatever is there now.
		return resolveDataset(client, url, name, path, reviewer, false);
	}

	const row = found.rows[0];
	if (path === undefined) return row.id;
	const length = Number(row.fingerprint_bytes);
	const fingerprint = await fingerprintFile(path, length);
	if (fingerprint !== row.fingerprint) {
		const when = row.created_at.toISOString().slice(0, 16).replace('T', ' ');
		throw new DecisionsFileError(`${path} is not the file reviewed as ${name} in ${maskUrl(url)} (its content differs from the one ${row.created_by} started on ${when} UTC); open the same file, or review this one separately with --dataset-name NAME.`);
	}

	// The file grew since the fingerprint was taken (samples appended): cover more of it from now on.
	const size = await fileSize(path);
	if (length < fingerprintBytes && size > length) {
		const longer = Math.min(size, fingerprintBytes);
		await client.query('update winnow_datasets set fingerprint = $1, fingerprint_bytes = $2 where id = $3 and fingerprint_bytes = $4', [await fingerprintFile(path, longer), longer, row.id, length]);
	}

	return row.id;
}
