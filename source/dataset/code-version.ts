import {readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {join} from 'node:path';

/*
What the caches (the signals cache, the scan's facts cache) put in their keys so that another build
never reads what this one wrote: winnow's version and a hash of the dataset code the build runs.
*/

let version: string | undefined;

/** winnow's version, from its package.json (beside dist/ or source/, or above the bundle). */
export function winnowVersion(): string {
	if (version !== undefined) return version;
	for (const relative of ['../package.json', '../../package.json', '../../../package.json']) {
		try {
			const found = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as {name?: string; version?: string};
			if (found.name === 'winnow' && typeof found.version === 'string') return (version = found.version);
		} catch {}
	}

	return (version = 'unknown');
}

/** Set by the bundle (scripts/bundle.js): a hash of the dataset and signals code this build runs. */
declare const __WINNOW_SIGNALS_CODE__: string | undefined;
export const signalsCode = typeof __WINNOW_SIGNALS_CODE__ === 'string' ? __WINNOW_SIGNALS_CODE__ : 'unbundled';

/** The user's cache folder: WINNOW_CACHE_DIR, else $XDG_CACHE_HOME/winnow, else ~/.cache/winnow (not created). */
export function cacheBaseFolder(environment: NodeJS.ProcessEnv = process.env): string {
	return environment.WINNOW_CACHE_DIR || (environment.XDG_CACHE_HOME ? join(environment.XDG_CACHE_HOME, 'winnow') : join(homedir(), '.cache', 'winnow'));
}
