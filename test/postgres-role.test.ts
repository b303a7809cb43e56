import {randomBytes} from 'node:crypto';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import pg from 'pg';
import {expect, it} from 'vitest';
import {runCli} from './helpers/cli-run.js';
import {adminQuery, describeWithPostgres, schemaUrl, testPgUrl, useSchema} from './helpers/postgres.js';
import {useTempDir} from './helpers/temp.js';
import {dbSpecOf, openDecisionStore} from '../source/store/open-store.js';
import {latestSchema} from '../source/store/postgres/migrations.js';

const tempDir = useTempDir();
const newSchema = useSchema();

/** The role SQL of the README's "Teams on several machines", for this test's role, database and schema. */
function readmeGrants(role: string, database: string, schema: string): string {
	const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
	const section = readme.slice(readme.indexOf('## Teams on several machines'));
	const sql = /```sql\n([\s\S]*?)```/.exec(section)?.[1];
	if (!sql) throw new Error('README: no sql block in "Teams on several machines"');
	return sql.replaceAll('winnow_review', role).replace('on database winnow', `on database ${database}`).replace('on schema public', `on schema ${schema}`);
}

describeWithPostgres('the role winnow needs (README), as a non-superuser', () => {
	it('reviews, exports, pulls and sees stats with only the README\'s grants, and cannot migrate or rewrite the log', async () => {
		const {url: ownerUrl, schema} = await newSchema();
		const role = `winnow_role_${randomBytes(4).toString('hex')}`;
		const dir = tempDir();
		const path = join(dir, 'data.jsonl');
		writeFileSync(path, Array.from({length: 10}, (_, i) => JSON.stringify({id: `s${i}`, text: `t${i}`})).join('\n') + '\n');
		const database = new URL(testPgUrl).pathname.slice(1);
		try {
			const migrateAsOwner = runCli(['db', 'migrate', '--db', ownerUrl]);
			expect(migrateAsOwner.status, migrateAsOwner.stderr).toBe(0);
			await adminQuery(`set search_path to ${schema}; ${readmeGrants(role, database, schema)}`);
			const base = new URL(testPgUrl);
			base.username = role;
			base.password = '';
			const url = schemaUrl(schema, base.toString());
			const superuser = await adminQuery<{rolsuper: boolean}>('select rolsuper from pg_roles where rolname = $1', [role]);
			expect(superuser.rows[0].rolsuper).toBe(false);

			const {store, live, guidelinesSeen} = await openDecisionStore(dbSpecOf(url), {path, name: 'data.jsonl'}, {reviewer: 'ana', live: true, mode: 'split'});
			live!.start();
			// The guidelines, shown once: remembered in the database, for this reviewer only.
			expect(guidelinesSeen!.seen()).toBe(false);
			guidelinesSeen!.markSeen();
			expect(live!.claim('s1')).toBe(true);
			store.set({sample: 's1', reviewer: 'ana', verdict: 'accepted'});
			store.set({sample: 's2', reviewer: 'ana', verdict: 'flagged', categories: ['age']});
			await store.flush();
			store.set({sample: 's2', reviewer: 'ana', verdict: null});
			await store.flush();
			expect(store.status.error).toBeUndefined();
			live!.stop();
			store.close();
			const again = await openDecisionStore(dbSpecOf(url), {path, name: 'data.jsonl'}, {reviewer: 'ana', live: true, mode: 'split'});
			const other = await openDecisionStore(dbSpecOf(url), {path, name: 'data.jsonl'}, {reviewer: 'ben', live: true, mode: 'split'});
			expect([again.guidelinesSeen!.seen(), other.guidelinesSeen!.seen()]).toEqual([true, false]);
			for (const opened of [again, other]) opened.store.close();

			const stats = runCli(['stats', path, '--db', url, '--json']);
			expect(stats.status, stats.stderr).toBe(0);
			expect(JSON.parse(stats.stdout).status.accepted).toBe(1);
			const exported = runCli(['export', path, '--db', url, '--out', join(dir, 'accepted.jsonl')]);
			expect(exported.status, exported.stderr).toBe(0);
			expect(readFileSync(join(dir, 'accepted.jsonl'), 'utf8')).toBe('{"id":"s1","text":"t1"}\n');
			const pulled = runCli(['db', 'pull', '--db', url, '--dataset', path, '--out', join(dir, 'pulled.json')]);
			expect(pulled.status, pulled.stderr).toBe(0);

			const migrate = runCli(['db', 'migrate', '--db', url]);
			expect(migrate.status).toBe(0); // up to date: nothing to create
			await adminQuery(`delete from ${schema}.winnow_schema_migrations where version = ${latestSchema}`);
			const refused = runCli(['db', 'migrate', '--db', url]);
			expect(refused.status).toBe(1);
			expect(refused.stderr).toContain('this user may not create winnow\'s tables (permission denied); ask the database\'s owner to run winnow db migrate');

			// The log is append-only for the role.
			const client = new pg.Client({connectionString: url});
			await client.connect();
			try {
				await expect(client.query('delete from winnow_decisions')).rejects.toThrow(/permission denied/);
				await expect(client.query('update winnow_decisions set verdict = null')).rejects.toThrow(/permission denied/);
			} finally {
				await client.end();
			}
		} finally {
			await adminQuery(`drop owned by ${role} cascade; drop role if exists ${role}`).catch(() => undefined);
		}
	});
});
