import {createHash} from 'node:crypto';
import {join, resolve} from 'node:path';
import type {SignalConfig} from './config.js';
import {datasetIdentity, type DatasetIdentity} from './dataset-identity.js';
import type {SignalTableData} from './engine.js';
import {decodeTable, encodeTable} from './table-file.js';
import {cacheBaseFolder, signalsCode, winnowVersion} from '../code-version.js';
import {readCache, writeDatasetCache} from '../cache-file.js';

/*
The signals cache: a dataset's signals are computed once per content and configuration, then read
back (stats, export, decide and the review screen all go through computeSignals). It lives in the
user's own cache folder (WINNOW_CACHE_DIR, else $XDG_CACHE_HOME/winnow, else ~/.cache/winnow), in
`signals/`, never beside the dataset: a shared folder is hostile ground (README "Security in a shared
folder"). One file per dataset path and --by field; its header holds the whole key (the dataset's
identity, a hash of the signal settings, winnow's version and the format's), and anything that does
not match, or does not read back whole, is recomputed. The cache is a help, never a failure: any
error reading or writing it is the same as a miss. A file's modification time is its last use; each
write removes the files unused for 30 days (cache-pruning.ts).
*/

export type CacheKey = {file: string; key: string; identity: DatasetIdentity};

/** The folder the cache files are in (not created). */
export function signalCacheFolder(environment: NodeJS.ProcessEnv = process.env): string {
	return join(cacheBaseFolder(environment), 'signals');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The cache file and full key for a dataset, computed now (the dataset's identity is read from disk). */
export async function cacheKey(path: string, config: SignalConfig, by: string | undefined): Promise<CacheKey> {
	const identity = await datasetIdentity(path);
	const file = join(signalCacheFolder(), `${sha256(JSON.stringify([resolve(path), by ?? null])).slice(0, 32)}.signals`);
	const key = JSON.stringify({winnow: winnowVersion(), code: signalsCode, dataset: identity, config: sha256(JSON.stringify(config)), by: by ?? null});
	return {file, key, identity};
}

/** The cached table for `key`, or undefined (none, another key's, unreadable, corrupt, not a plain file). */
export async function readCachedTable({file, key}: CacheKey): Promise<SignalTableData | undefined> {
	return readCache(file, bytes => decodeTable(bytes, key));
}

/**
 * Stores `data` under `key`, if the dataset is still the one it was computed from: a new file (0600,
 * created exclusively under an unpredictable name, never through a link) renamed over the old one,
 * in a 0700 folder. Errors are swallowed (the next run computes again).
 */
export async function writeCachedTable({file, key, identity}: CacheKey, path: string, data: SignalTableData): Promise<boolean> {
	return writeDatasetCache(file, identity, path, () => encodeTable(data, key), 'signals');
}
