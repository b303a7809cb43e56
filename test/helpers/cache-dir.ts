import {afterEach, beforeEach} from 'vitest';

/** Each test gets WINNOW_CACHE_DIR set to a fresh folder made by `folder`; it is put back after. */
export function useCacheDir(folder: () => string) {
	let saved: string | undefined;
	beforeEach(() => {
		saved = process.env.WINNOW_CACHE_DIR;
		process.env.WINNOW_CACHE_DIR = folder();
	});
	afterEach(() => {
		if (saved === undefined) delete process.env.WINNOW_CACHE_DIR;
		else process.env.WINNOW_CACHE_DIR = saved;
	});
}
