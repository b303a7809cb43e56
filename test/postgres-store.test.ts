import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {expect, it} from 'vitest';
import {runCli} from './helpers/cli-run.js';
import {adminQuery, describeWithPostgres, testPgUrl, useSchema} from './helpers/postgres.js';
import {useTempDir} from './helpers/temp.js';
import {openDecisionStore, dbSpecOf, type OpenedStore} from '../source/store/open-store.js';
import {maskUrl, isPostgresUrl} from '../source/store/postgres/connection.js';
import pg from 'pg';
import {latestSchema, migrations} from '../source/store/postgres/migrations.js';
import {readCurrent} from '../source/store/postgres/read.js';
import {PgSession} from '../source/store/postgres/session.js';
import {toRow} from '../source/store/postgres/records.js';
import {DecisionLines} from '../source/store/decision-lines.js';
import {serializeDecisionsFile} from '../source/store/decisions-file.js';
import type {DecisionRecord} from '../source/store/schema.js';
import {waitFor} from './helpers/wait-for.js';
import {expectOneSentence} from './helpers/one-sentence.js';

const tempDir = useTempDir();
const newSchema = useSchema();

function dataset(dir: string, n = 20, name = 'data.jsonl'): string {
	const path = join(dir, name);
	writeFileSync(path, Array.from({length: n}, (_, i) => JSON.stringify({id: `s${i}`, text: `sample ${i}`})).join('\n') + '\n');
	return path;
}

const opened: OpenedStore[] = [];
async function open(url: string, path: string, reviewer: string, live = false, name = 'data.jsonl'): Promise<OpenedStore> {
	const store = await openDecisionStore(dbSpecOf(url), {path, name}, {reviewer, live, mode: 'split'});
	opened.push(store);
	return store;
}

function closeAll() {
	for (const {store, live} of opened.splice(0)) {
		live?.stop();
		store.close();
	}
}

it('masks the password in every form of URL, and tells a URL from a file', () => {
	expect(maskUrl('postgres://review:s3cr%40t@db.internal:5432/winnow')).toBe('postgres://review:***@db.internal:5432/winnow');
	expect(maskUrl('postgresql://u:p@h/db?sslmode=require&password=x')).toBe('postgresql://u:***@h/db?sslmode=require&password=***');
	expect(maskUrl('postgres://review@db/winnow')).toBe('postgres://review@db/winnow');
	expect(isPostgresUrl('postgresql://h/db')).toBe(true);
	expect(isPostgresUrl('POSTGRES://h/db')).toBe(true);
	expect(isPostgresUrl('data.decisions.json')).toBe(false);
	expect(isPostgresUrl('postgres.decisions.json')).toBe(false);
});

it('never prints the password when the database cannot be reached', () => {
	const dir = tempDir();
	const path = dataset(dir);
	const result = runCli(['stats', path, '--db', 'postgres://review:hunter2@127.0.0.1:1/winnow']);
	expect(result.status).toBe(1);
	expect(result.stderr).toContain('postgres://review:***@127.0.0.1:1/winnow cannot be reached');
	expect(result.stderr + result.stdout).not.toContain('hunter2');
	expect(result.stderr.trim().split('\n')).toHaveLength(1);
});

describeWithPostgres('PostgreSQL store', () => {
	it('commits a decision within a fraction of a second, and another store sees it by NOTIFY', async () => {
		const {url, schema} = await newSchema();
		const path = dataset(tempDir());
		const alice = await open(url, path, 'alice');
		const bob = await open(url, path, 'bob');
		bob.store.startWatching();
		try {
			const started = Date.now();
			alice.store.set({sample: 's1', reviewer: 'alice', verdict: 'accepted', note: 'ok ✓'});
			await alice.store.flush();
			expect(Date.now() - started).toBeLessThan(1000);
			const rows = await adminQuery(`select d.sample, d.reviewer, d.verdict, d.note from ${schema}.winnow_current c join ${schema}.winnow_decisions d using (seq)`);
			expect(rows.rows).toEqual([{sample: 's1', reviewer: 'alice', verdict: 'accepted', note: 'ok ✓'}]);
			await waitFor(() => bob.store.get('s1', 'alice')?.verdict === 'accepted', 'bob to hear of alice\'s decision');
		} finally {
			closeAll();
		}
	});

	it('runs a decision\'s write before the presence and lease statements waiting for the connection', async () => {
		const {url} = await newSchema();
		const session = await PgSession.open(url);
		try {
			const order: string[] = [];
			const statement = (name: string, urgent = false) => session.run(async client => {
				await client.query(name === 'first' ? 'select pg_sleep(0.2)' : 'select 1');
				order.push(name);
			}, urgent);
			const all = [statement('first'), statement('lease'), statement('presence'), statement('write', true)];
			await Promise.all(all);
			expect(order).toEqual(['first', 'write', 'lease', 'presence']);
		} finally {
			await session.close();
		}
	});

	it('keeps the full history in the log and the newest as current (undo included)', async () => {
		const {url, schema} = await newSchema();
		const path = dataset(tempDir());
		const {store} = await open(url, path, 'alice');
		try {
			store.set({sample: 's2', reviewer: 'alice', verdict: 'flagged', categories: ['age', 'religion'], note: 'n'});
			await store.flush();
			store.set({sample: 's2', reviewer: 'alice', verdict: null});
			await store.flush();
			const log = await adminQuery(`select verdict, categories from ${schema}.winnow_decisions order by seq`);
			expect(log.rows).toEqual([{verdict: 'flagged', categories: ['age', 'religion']}, {verdict: null, categories: []}]);
			const current = await adminQuery(`select verdict from ${schema}.winnow_current`);
			expect(current.rows).toEqual([{verdict: null}]);
		} finally {
			closeAll();
		}

		const again = await open(url, path, 'alice');
		try {
			expect(again.store.get('s2', 'alice')?.verdict).toBeNull();
		} finally {
			closeAll();
		}
	});

	it('migrates idempotently and refuses a schema newer than it knows', async () => {
		const {url, schema} = await newSchema();
		const first = runCli(['db', 'migrate', '--db', url]);
		expect(first.stderr).toContain(`migrated from schema 0 to ${latestSchema}`);
		const second = runCli(['db', 'migrate', '--db', url]);
		expect(second.status).toBe(0);
		expect(second.stderr).toContain(`is up to date (schema ${latestSchema})`);
		await adminQuery(`insert into ${schema}.winnow_schema_migrations (version, name) values (99, 'from the future')`);
		const path = dataset(tempDir());
		const refused = runCli(['stats', path, '--db', url]);
		expect(refused.status).toBe(1);
		expect(refused.stderr).toContain('schema version 99, newer than this winnow knows');
	});

	it('schema 2 gives decisions made under schema 1 their record lines, read back as the log\'s columns give them', async () => {
		const {url, schema} = await newSchema();
		await adminQuery(`set search_path to ${schema}; create table winnow_schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now());
			${migrations[0].sql}; insert into winnow_schema_migrations (version, name) values (1, 'v1')`);
		const records: DecisionRecord[] = [
			{sample: 's0', reviewer: 'ana', verdict: 'accepted', categories: [], note: '', at: '2025-05-01T09:00:00.000Z'},
			{sample: 's0', reviewer: 'ben', verdict: null, categories: [], note: 'tab\there, "quoted" \\ ☃ \u0001 \u2028', at: '2025-05-01T09:00:01.000Z'},
			{sample: 's1', reviewer: 'lead', verdict: 'flagged', categories: ['age', 'a "b"'], note: '', at: '2025-05-01T09:00:02.000Z', resolution: false},
			{sample: 's2', reviewer: 'ana', verdict: 'rejected', categories: [], note: '', at: '2025-05-01T09:00:03.000Z', reasons: ['unsafe'], rule: 'signal:refusal', correction: {text: 'fixed', n: 1.5}, blind: true, future: {x: [1, null]}} as DecisionRecord,
		];
		await adminQuery(`set search_path to ${schema}; insert into winnow_datasets (name, fingerprint, fingerprint_bytes, created_by) values ('data.jsonl', 'x', 1, 'test')`);
		const client = new pg.Client({connectionString: url});
		await client.connect();
		try {
			await client.query(`select * from winnow_write(1, $1::jsonb, 'old-session', 5, 0, null, 'c', 'n')`, [JSON.stringify(records.map(record => toRow(record)))]);
			const columns = await readCurrent(client, 1, 1, true);
			expect(columns.all()).toEqual(records);
			const migrated = runCli(['db', 'migrate', '--db', url]);
			expect(migrated.stderr).toContain(`migrated from schema 1 to ${latestSchema}`);
			const lines = await readCurrent(client, 1, latestSchema, true);
			expect(lines).toBeInstanceOf(DecisionLines);
			expect(lines.all()).toEqual(columns.all());
			// And what winnow writes from now on is read the same way.
			const more: DecisionRecord = {sample: 's3', reviewer: 'ana', verdict: 'accepted', categories: [], note: 'ü', at: '2025-05-01T09:00:04.000Z', correction: {b: 1, a: 2}};
			await client.query(`select * from winnow_write(1, $1::jsonb, 'new-session', 5, 0, null, 'c', 'n')`, [JSON.stringify([toRow(more)])]);
			const after = await readCurrent(client, 1, latestSchema);
			expect(after).toBeInstanceOf(DecisionLines);
			expect(after.all().find(record => record.sample === 's3')).toEqual(more);
			expect(Object.keys(after.all().find(record => record.sample === 's3')!.correction!)).toEqual(['b', 'a']);
			// A dataset with no decisions yet: none, read the same way.
			const {rows} = await client.query<{id: number}>(`insert into winnow_datasets (name, fingerprint, fingerprint_bytes, created_by) values ('empty.jsonl', 'y', 1, 'test') returning id`);
			const none = await readCurrent(client, rows[0].id, latestSchema);
			expect(none).toBeInstanceOf(DecisionLines);
			expect(none.length).toBe(0);
		} finally {
			await client.end();
		}
	});

	it('meets copies of one file, refuses another file under the same name, and reviews it apart with --dataset-name', async () => {
		const {url} = await newSchema();
		const one = tempDir();
		const two = tempDir();
		const path = dataset(one);
		writeFileSync(join(two, 'data.jsonl'), readFileSync(path));
		const a = await open(url, path, 'alice');
		a.store.set({sample: 's3', reviewer: 'alice', verdict: 'rejected'});
		await a.store.flush();
		closeAll();
		const copy = await open(url, join(two, 'data.jsonl'), 'bob');
		expect(copy.store.get('s3', 'alice')?.verdict).toBe('rejected');
		closeAll();

		const other = join(tempDir(), 'data.jsonl');
		writeFileSync(other, '{"id":"x1","text":"another file"}\n');
		const refused = runCli(['stats', other, '--db', url]);
		expect(refused.status).toBe(1);
		expect(refused.stderr).toMatch(/is not the file reviewed as data\.jsonl .* review this one separately with --dataset-name NAME\./);
		const apart = runCli(['stats', other, '--db', url, '--dataset-name', 'data-v2.jsonl', '--json']);
		expect(apart.status).toBe(0);
		expect(JSON.parse(apart.stdout).samples.decided).toBe(0);
	});

	it('push then pull gives back the same decisions, every field kept', async () => {
		const {url} = await newSchema();
		const dir = tempDir();
		const path = dataset(dir);
		const records: DecisionRecord[] = [
			{sample: 's0', reviewer: 'ana', verdict: 'accepted', categories: [], note: '', at: '2025-05-01T09:00:00.000Z'},
			{sample: 's0', reviewer: 'ben', verdict: 'rejected', categories: [], note: 'line one\nline "two" ☃', at: '2025-05-01T09:00:01.000Z'},
			{sample: 's1', reviewer: 'ana', verdict: 'flagged', categories: ['gender identity', 'a;b'], note: '', at: '2025-05-01T09:00:02.000Z'},
			{sample: 's1', reviewer: 'lead', verdict: 'accepted', categories: [], note: '', at: '2025-05-01T09:00:03.000Z', resolution: true},
			{sample: 's2', reviewer: 'ana', verdict: null, categories: [], note: '', at: '2025-05-01T09:00:04.000Z'},
			{sample: 'gone', reviewer: 'ben', verdict: 'accepted', categories: [], note: '', at: '2025-05-01T09:00:05.000Z', resolution: false},
			// Fields of the workflow's records: reasons, a rule from a bulk decision, a correction, and one this version does not know.
			{sample: 's3', reviewer: 'ana', verdict: 'rejected', categories: [], note: '', at: '2025-05-01T09:00:06.000Z', reasons: ['unsafe', 'off-topic'], rule: 'signal:refusal', correction: {messages: [{role: 'user', content: 'hi'}], id: 'c1'}, future: {x: [1, 2]}} as DecisionRecord,
		];
		const file = join(dir, 'data.decisions.json');
		writeFileSync(file, serializeDecisionsFile({schema: 1, dataset: 'data.jsonl', createdAt: '2025-05-01T08:00:00.000Z', decisions: records}));
		const push = runCli(['db', 'push', file, '--db', url, '--dataset', path]);
		expect(push.stderr).toContain('pushed 7 decisions');
		expect(push.status).toBe(0);
		const out = join(dir, 'pulled.decisions.json');
		const pull = runCli(['db', 'pull', '--db', url, '--dataset', path, '--out', out]);
		expect(pull.status, pull.stderr).toBe(0);
		const pulled = JSON.parse(readFileSync(out, 'utf8')) as {dataset: string; decisions: DecisionRecord[]};
		expect(pulled.dataset).toBe('data.jsonl');
		const byKey = (list: DecisionRecord[]) => [...list].sort((a, b) => `${a.sample} ${a.reviewer}`.localeCompare(`${b.sample} ${b.reviewer}`));
		expect(byKey(pulled.decisions)).toEqual(byKey(records));
		// Line for line the pushed file's (the correction's and the unknown field's key order too).
		const body = (text: string) => text.slice(text.indexOf('"decisions": ['));
		expect(body(readFileSync(out, 'utf8'))).toBe(body(readFileSync(file, 'utf8')));
		// And the pulled file is a decisions file winnow reads: the same stats as the original.
		const fromFile = JSON.parse(runCli(['stats', path, '--db', file, '--json']).stdout);
		const fromPulled = JSON.parse(runCli(['stats', path, '--db', out, '--json']).stdout);
		delete fromFile.decisionsFile;
		delete fromPulled.decisionsFile;
		expect(fromPulled).toEqual(fromFile);
	});

	it('keeps decisions in memory while the connection is killed, says not saved, and writes them once back', async () => {
		const {url, schema} = await newSchema();
		const path = dataset(tempDir());
		const {store} = await open(url, path, 'alice');
		try {
			await adminQuery('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [`winnow-${schema}`]);
			store.set({sample: 's4', reviewer: 'alice', verdict: 'accepted'});
			await expect(store.flush()).rejects.toThrow(/cannot be reached/);
			expect(store.status.unsaved).toBe(1);
			expect(store.status.error).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:5432\/test\?.* cannot be reached .* kept in memory/);
			await waitFor(() => store.status.unsaved === 0, 'the retry after reconnecting');
			const rows = await adminQuery(`select verdict from ${schema}.winnow_current where sample = 's4'`);
			expect(rows.rows).toEqual([{verdict: 'accepted'}]);
		} finally {
			closeAll();
		}
	});

	it('split mode: a sample another process holds is not handed out, and a decision on it made without knowing is refused', async () => {
		const {url, schema} = await newSchema();
		const path = dataset(tempDir());
		const alice = await open(url, path, 'alice', true);
		const bob = await open(url, path, 'bob', true);
		alice.live!.start();
		bob.live!.start();
		alice.store.startWatching();
		bob.store.startWatching();
		try {
			expect(alice.live!.claim('s5')).toBe(true);
			await waitFor(() => bob.live!.isTakenByOther('s5'), 'bob to see alice\'s lease');
			await waitFor(() => bob.live!.others().some(peer => peer.reviewer === 'alice' && peer.sample === 's5'), 'bob to see alice\'s presence');
			expect(bob.live!.claim('s5')).toBe(false);

			// A race neither saw: both open s6 at once and decide it; the database keeps exactly one.
			expect(alice.live!.claim('s6')).toBe(true);
			expect(bob.live!.claim('s6')).toBe(true);
			alice.store.set({sample: 's6', reviewer: 'alice', verdict: 'accepted'});
			await alice.store.flush();
			bob.store.set({sample: 's6', reviewer: 'bob', verdict: 'rejected'});
			await bob.store.flush();
			const current = await adminQuery<{reviewer: string; verdict: string}>(`select reviewer, verdict from ${schema}.winnow_current where sample = 's6' and verdict is not null`);
			expect(current.rows).toHaveLength(1);
			const winner = current.rows[0].reviewer;
			const loser = winner === 'alice' ? 'bob' : 'alice';
			const refused = await adminQuery(`select reviewer, refused_by from ${schema}.winnow_decisions where refused_by is not null`);
			expect(refused.rows).toEqual([{reviewer: loser, refused_by: winner}]);
			// The loser's screen takes its decision back and shows the winner's.
			const loserStore = (loser === 'bob' ? bob : alice).store;
			await waitFor(() => loserStore.get('s6', loser)?.verdict === null && loserStore.get('s6', winner)?.verdict === current.rows[0].verdict, 'the loser to see the winner\'s decision');
		} finally {
			closeAll();
		}
	});

	it('export and stats read from the database give the same figures and bytes as from the file', async () => {
		const {url} = await newSchema();
		const dir = tempDir();
		const path = join(dir, 'data.jsonl');
		const lines = Array.from({length: 3000}, (_, i) => (i === 17 ? '{not json' : JSON.stringify(i % 3 === 0 ? {text: `hash-identified ${i}`} : {id: `s${i}`, text: `sample ${i}`, model: i % 2 ? 'a' : 'b'})));
		writeFileSync(path, lines.join('\n') + '\n');
		const ids = lines.map((line, i) => (i % 3 === 0 || i === 17 ? undefined : `s${i}`)).filter(Boolean) as string[];
		let seed = 7;
		const random = () => {
			seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
			return seed / 2_147_483_648;
		};

		const verdicts = ['accepted', 'rejected', 'flagged', null] as const;
		const records: DecisionRecord[] = [];
		for (const reviewer of ['ana', 'ben', 'cy']) {
			for (const sample of ids) {
				if (random() < 0.5) continue;
				const verdict = verdicts[Math.floor(random() * 4)];
				records.push({sample, reviewer, verdict, categories: verdict === 'flagged' ? ['age', 'religion'].slice(0, 1 + Math.floor(random() * 2)) : [], note: random() < 0.1 ? 'a note, with "quotes"' : '', at: new Date(Date.UTC(2025, 4, 1, 9) + Math.floor(random() * 36e6)).toISOString(), ...(random() < 0.02 ? {resolution: true} : {})});
			}
		}

		records.push({sample: 'not-in-dataset', reviewer: 'ana', verdict: 'accepted', categories: [], note: '', at: '2025-05-01T10:00:00.000Z'});
		const file = join(dir, 'data.decisions.json');
		writeFileSync(file, serializeDecisionsFile({schema: 1, dataset: 'data.jsonl', createdAt: '2025-05-01T08:00:00.000Z', decisions: records}));
		expect(runCli(['db', 'push', file, '--db', url, '--dataset', path]).status).toBe(0);

		for (const policy of ['majority', 'unanimous', 'any']) {
			const fromFile = JSON.parse(runCli(['stats', path, '--db', file, '--json', '--policy', policy]).stdout);
			const fromDb = JSON.parse(runCli(['stats', path, '--db', url, '--json', '--policy', policy]).stdout);
			expect(fromDb.decisionsFile.exists).toBe(true);
			delete fromFile.decisionsFile;
			delete fromDb.decisionsFile;
			expect(fromDb).toEqual(fromFile);
		}

		for (const args of [['--annotate', '--status', 'accepted,rejected,flagged,undecided'], ['--decisions', '--format', 'csv'], ['--status', 'flagged', '--policy', 'any']]) {
			const a = join(dir, 'from-file.out');
			const b = join(dir, 'from-db.out');
			expect(runCli(['export', path, '--db', file, '--out', a, ...args]).status).toBe(0);
			expect(runCli(['export', path, '--db', url, '--out', b, ...args]).status).toBe(0);
			expect(readFileSync(b, 'utf8')).toBe(readFileSync(a, 'utf8'));
		}
	});

	it('db push refuses a file whose mode contradicts the review in the database', async () => {
		const {url} = await newSchema();
		const dir = tempDir();
		const path = join(dir, 'data.jsonl');
		writeFileSync(path, '{"id":"s1","text":"one"}\n{"id":"s2","text":"two"}\n');
		const record = (sample: string, reviewer: string): DecisionRecord => ({sample, reviewer, verdict: 'accepted', categories: [], note: '', at: '2025-05-01T10:00:00.000Z'});
		const overlap = join(dir, 'overlap.decisions.json');
		writeFileSync(overlap, serializeDecisionsFile({schema: 1, dataset: 'data.jsonl', createdAt: '2025-05-01T08:00:00.000Z', mode: 'overlap', decisions: [record('s1', 'ana')]}));
		expect(runCli(['db', 'push', overlap, '--db', url, '--dataset', path]).status).toBe(0);
		const split = join(dir, 'split.decisions.json');
		writeFileSync(split, serializeDecisionsFile({schema: 1, dataset: 'data.jsonl', createdAt: '2025-05-01T08:00:00.000Z', mode: 'split', decisions: [record('s2', 'ben')]}));
		const refused = runCli(['db', 'push', split, '--db', url, '--dataset', path]);
		expect(refused.status).toBe(2);
		expectOneSentence(refused.stderr, 'split-mode review', 'overlap mode', 'nothing was pushed', '--dataset-name');
		const stats = JSON.parse(runCli(['stats', path, '--db', url, '--json']).stdout) as {samples: {decided: number}};
		expect(stats.samples.decided).toBe(1);
	});

	it('takes the database from WINNOW_DB, and refuses --dataset-name with a decisions file', async () => {
		const {url} = await newSchema();
		const dir = tempDir();
		const path = dataset(dir);
		const {store} = await open(url, path, 'ana');
		store.set({sample: 's1', reviewer: 'ana', verdict: 'accepted'});
		await store.flush();
		closeAll();
		const stats = runCli(['stats', path, '--json'], {env: {WINNOW_DB: url}});
		expect(stats.status, stats.stderr).toBe(0);
		expect(JSON.parse(stats.stdout).status.accepted).toBe(1);
		const refused = runCli(['stats', path, '--dataset-name', 'x.jsonl']);
		expect(refused.status).toBe(2);
		expect(refused.stderr).toContain('--dataset-name names a review in a PostgreSQL database');
		// A dataset the database holds no decisions for: said so, not that the database "does not exist".
		const fresh = runCli(['stats', path, '--dataset-name', 'never-reviewed.jsonl'], {env: {WINNOW_DB: url, COLUMNS: '160'}});
		expect(fresh.status, fresh.stderr).toBe(0);
		expect(fresh.stdout).toMatch(/^decisions: postgres:\/\/\S+ holds none for this dataset/m);
		expect(fresh.stdout).not.toContain('does not exist');
	});

	it('the test URL is a real server', () => {
		expect(testPgUrl).toMatch(/^postgres/);
	});
});
