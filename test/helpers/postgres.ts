// PostgreSQL for the tests: WINNOW_TEST_PG (default postgres://postgres@127.0.0.1:5432/test), each
// test in a schema of its own, created and dropped. Without a PostgreSQL the tests that need one are
// skipped with one line saying how to run them; with WINNOW_REQUIRE_PG=1 (CI) they fail instead.
import {randomBytes} from 'node:crypto';
import pg from 'pg';
import {afterEach, describe, it} from 'vitest';

export const testPgUrl = process.env.WINNOW_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether the test database answers (checked once, within 3 s). */
export async function pgAvailable(): Promise<boolean> {
	const client = new pg.Client({connectionString: testPgUrl, connectionTimeoutMillis: 3000});
	client.on('error', () => undefined);
	try {
		await client.connect();
		await client.query('select 1');
		return true;
	} catch {
		return false;
	} finally {
		await client.end().catch(() => undefined);
	}
}

const available = await pgAvailable();

/** describe() when PostgreSQL is there; otherwise skipped, saying so once (or failing under WINNOW_REQUIRE_PG). */
export function describeWithPostgres(name: string, body: () => void) {
	if (available) {
		describe(name, body);
		return;
	}

	if (process.env.WINNOW_REQUIRE_PG === '1') {
		describe(name, () => {
			it('needs PostgreSQL', () => {
				throw new Error(`PostgreSQL is required here (WINNOW_REQUIRE_PG=1) and ${masked(testPgUrl)} does not answer`);
			});
		});
		return;
	}

	describe.skip(name, body);
}

function masked(url: string): string {
	return url.replace(/(:\/\/[^:/@]*:)[^@]*@/, '$1***@');
}

/** The test database URL with a search path (and an application name) of its own. */
export function schemaUrl(schema: string, base = testPgUrl): string {
	const parameters = `options=${encodeURIComponent(`-c search_path=${schema}`)}&application_name=${encodeURIComponent(`winnow-${schema}`)}`;
	return `${base}${base.includes('?') ? '&' : '?'}${parameters}`;
}

/** Runs SQL on the test database as the superuser the URL names. */
export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, parameters: unknown[] = []): Promise<pg.QueryResult<T>> {
	const client = new pg.Client({connectionString: testPgUrl});
	client.on('error', () => undefined);
	await client.connect();
	try {
		return await client.query<T>(sql, parameters);
	} finally {
		await client.end().catch(() => undefined);
	}
}

/** A fresh schema per test (dropped afterwards): returns its URL and name. */
export function useSchema(): () => Promise<{url: string; schema: string}> {
	const made: string[] = [];
	afterEach(async () => {
		for (const schema of made.splice(0)) {
			// Connections of the test's processes may linger a moment: end them first.
			await adminQuery('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()', [`winnow-${schema}`]);
			await adminQuery(`drop schema if exists ${schema} cascade`);
		}
	});
	return async () => {
		const schema = `winnow_t_${randomBytes(5).toString('hex')}`;
		await adminQuery(`create schema ${schema}`);
		made.push(schema);
		return {url: schemaUrl(schema), schema};
	};
}
