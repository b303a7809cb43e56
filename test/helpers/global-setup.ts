// Runs in Vitest's main process before any test file: says once, for the whole run, when the
// PostgreSQL tests will be skipped (or, with WINNOW_REQUIRE_PG=1 as in CI, fails the run instead).
import {pgAvailable, testPgUrl} from './postgres.js';

export async function setup() {
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
