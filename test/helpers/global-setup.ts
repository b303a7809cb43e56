// Runs in Vitest's main process before any test file: says once, for the whole run, when the
// PostgreSQL tests will be skipped (or, with WINNOW_REQUIRE_PG=1 as in CI, fails the run instead).
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pgAvailable, testPgUrl} from './postgres.js';

export async function setup() {
	// The signals cache of the run (winnow in-process and every process a test starts): its own
	// folder, never the user's ~/.cache, removed at the end.
	let cacheFolder: string | undefined;
	if (!process.env.WINNOW_CACHE_DIR) {
		cacheFolder = mkdtempSync(join(tmpdir(), 'winnow-test-cache-'));
		process.env.WINNOW_CACHE_DIR = cacheFolder;
	}

	const teardown = () => {
		if (cacheFolder) rmSync(cacheFolder, {recursive: true, force: true});
	};

	await reportPostgres();
	return teardown;
}

async function reportPostgres() {
	// Both projects (unit, process) run this; say it once.
	if (process.env.WINNOW_PG_REPORTED) return;
	process.env.WINNOW_PG_REPORTED = '1';
	if (await pgAvailable()) return;
	const where = testPgUrl.replace(/\/\/[^@/]*:[^@/]*@/, '//…@');
	if (process.env.WINNOW_REQUIRE_PG === '1') {
		throw new Error(`PostgreSQL is required (WINNOW_REQUIRE_PG=1) but ${where} does not answer.`);
	}

	console.log(`PostgreSQL tests skipped: ${where} does not answer; start PostgreSQL or set WINNOW_TEST_PG to a postgres:// URL to run them.`);
}
