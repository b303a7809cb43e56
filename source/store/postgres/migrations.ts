import type {Client} from 'pg';
import {DecisionsFileError} from '../errors.js';
import {connectionProblem, maskUrl} from './connection.js';

/**
 * The schema, as numbered plain SQL steps. A step is never changed once released: a new one is
 * added. `winnow db migrate` (and the first review on an empty database) applies the missing ones,
 * in one transaction each, under an advisory lock so two processes cannot apply one twice.
 */
export const migrations: ReadonlyArray<{version: number; name: string; sql: string}> = [
	{
		version: 1,
		name: 'datasets, decisions log, current decisions, leases, presence, positions',
		sql: `
create table winnow_datasets (
	id serial primary key,
	name text not null unique,
	-- sha-256 of the file's first fingerprint_bytes bytes: copies of one file meet, another file with the same name does not
	fingerprint text not null,
	fingerprint_bytes bigint not null,
	created_at timestamptz not null default now(),
	created_by text not null
);

-- Every change ever made, never updated or deleted: the audit trail.
create table winnow_decisions (
	seq bigserial primary key,
	dataset_id integer not null references winnow_datasets (id),
	sample text not null,
	reviewer text not null,
	verdict text check (verdict in ('accepted', 'rejected', 'flagged')),
	categories text[] not null default '{}',
	note text not null default '',
	reasons text[],
	rule text,
	resolution boolean,
	correction jsonb,
	-- fields a newer winnow adds to a decision, kept as they are
	extra jsonb,
	-- the record's own time, ISO 8601 as written; the newest per sample and reviewer is current
	at text not null,
	-- set when split mode turned the decision down: another reviewer had the sample
	refused_by text,
	session text not null,
	recorded_at timestamptz not null default now(),
	unique (dataset_id, sample, reviewer, at)
);
create index winnow_decisions_dataset_seq on winnow_decisions (dataset_id, seq);

-- The current decision per sample and reviewer: a row of the log.
create table winnow_current (
	dataset_id integer not null references winnow_datasets (id),
	sample text not null,
	reviewer text not null,
	seq bigint not null references winnow_decisions (seq),
	at text not null,
	verdict text,
	primary key (dataset_id, sample, reviewer)
);

-- Split mode: the sample each live process has open, renewed by its heartbeat.
create table winnow_leases (
	dataset_id integer not null references winnow_datasets (id),
	sample text not null,
	session text not null,
	reviewer text not null,
	renewed_at timestamptz not null default now(),
	primary key (dataset_id, sample)
);
create index winnow_leases_session on winnow_leases (session);

-- Who is reviewing now, and which sample each has open.
create table winnow_presence (
	session text primary key,
	dataset_id integer not null references winnow_datasets (id),
	reviewer text not null,
	host text not null,
	pid integer not null,
	mode text not null,
	sample text,
	renewed_at timestamptz not null default now()
);

-- Where each reviewer was when they last left a dataset.
create table winnow_positions (
	dataset_id integer not null references winnow_datasets (id),
	reviewer text not null,
	sample text not null,
	filter text not null,
	primary key (dataset_id, reviewer)
);

-- One write of a process, in one round trip: writers of a dataset take turns (the row lock), so the
-- log's order is the order of commits and "rows after N" misses nothing. Split mode's rule (see
-- source/store/postgres/backend.ts) decides which decisions become current.
create function winnow_write(p_dataset integer, p_rows jsonb, p_session text, p_stale double precision, p_seen bigint, p_keep text[], p_channel text, p_notice text)
returns table (kind text, seq bigint, sample text, reviewer text, verdict text, categories text[], note text, reasons text[], rule text,
	resolution boolean, correction jsonb, extra jsonb, at text, refused_by text)
language plpgsql as $fn$
#variable_conflict use_column
begin
	perform 1 from winnow_datasets where id = p_dataset for update;
	with incoming as (
		select * from jsonb_to_recordset(p_rows) as r(sample text, reviewer text, verdict text, categories text[], note text, reasons text[], rule text,
			resolution boolean, correction jsonb, extra jsonb, at text, basis bigint, checked boolean)
	), judged as (
		select i.*, case when i.checked and i.verdict is not null then coalesce(
			(select c.reviewer from winnow_current c
				where c.dataset_id = p_dataset and c.sample = i.sample and c.reviewer <> i.reviewer and c.verdict is not null and c.seq > i.basis
				limit 1),
			(select l.reviewer from winnow_leases l
				where l.dataset_id = p_dataset and l.sample = i.sample and l.session <> p_session and l.renewed_at > now() - make_interval(secs => p_stale))
		) end as refused_by
		from incoming i
	), logged as (
		insert into winnow_decisions (dataset_id, sample, reviewer, verdict, categories, note, reasons, rule, resolution, correction, extra, at, refused_by, session)
		select p_dataset, j.sample, j.reviewer, j.verdict, coalesce(j.categories, '{}'), coalesce(j.note, ''), j.reasons, j.rule, j.resolution, j.correction, j.extra, j.at, j.refused_by, p_session
		from judged j
		on conflict (dataset_id, sample, reviewer, at) do nothing
		returning seq, sample, reviewer, at, verdict, refused_by
	)
	insert into winnow_current as c (dataset_id, sample, reviewer, seq, at, verdict)
	select p_dataset, l.sample, l.reviewer, l.seq, l.at, l.verdict from logged l where l.refused_by is null
	on conflict (dataset_id, sample, reviewer) do update set seq = excluded.seq, at = excluded.at, verdict = excluded.verdict
		where c.at < excluded.at;

	-- What became of each incoming decision (also when a retry finds it written already).
	return query select 'mine'::text, d.seq, d.sample, d.reviewer, d.verdict, d.categories, d.note, d.reasons, d.rule, d.resolution, d.correction, d.extra, d.at, d.refused_by
		from jsonb_to_recordset(p_rows) as i(sample text, reviewer text, at text)
		join winnow_decisions d on d.dataset_id = p_dataset and d.sample = i.sample and d.reviewer = i.reviewer and d.at = i.at;
	-- Other processes' decisions since the caller last looked.
	return query select 'other'::text, d.seq, d.sample, d.reviewer, d.verdict, d.categories, d.note, d.reasons, d.rule, d.resolution, d.correction, d.extra, d.at, d.refused_by
		from winnow_decisions d
		where d.dataset_id = p_dataset and d.seq > p_seen and d.refused_by is null and d.session <> p_session
		order by d.seq;
	if p_keep is not null then
		delete from winnow_leases l where l.session = p_session and not (l.sample = any(p_keep));
	end if;
	perform pg_notify(p_channel, p_notice);
end
$fn$;
`,
	},
	{
		version: 2,
		name: 'current decisions as record lines, the review mode per dataset, guidelines seen',
		sql: `
-- Each current decision also as the line a decisions file holds for it (JSON.stringify of the
-- record, as winnow_write is given it): export, stats and db pull stream these lines in one COPY
-- and read them as they read a decisions file, with no per-column parsing and no join with the log.
alter table winnow_current add column record text;
update winnow_current c set record = '{"sample":' || to_json(d.sample)::text || ',"reviewer":' || to_json(d.reviewer)::text
	|| ',"verdict":' || coalesce(to_json(d.verdict)::text, 'null') || ',"categories":' || to_json(d.categories)::text
	|| ',"note":' || to_json(d.note)::text || ',"at":' || to_json(d.at)::text
	|| case when d.resolution is null then '' else ',"resolution":' || d.resolution::text end
	|| case when d.reasons is null then '' else ',"reasons":' || to_json(d.reasons)::text end
	|| case when d.rule is null then '' else ',"rule":' || to_json(d.rule)::text end
	|| case when d.correction is null then '' else ',"correction":' || d.correction::text end
	|| case when d.extra is null or d.extra = '{}' then '' else ',' || substr(d.extra::text, 2, length(d.extra::text) - 2) end || '}'
	from winnow_decisions d where d.seq = c.seq;
alter table winnow_current alter column record set not null;
-- Read in the order of commits without sorting the lines.
create index winnow_current_dataset_seq on winnow_current (dataset_id, seq);

-- split or overlap, set by the first review session on the dataset: every later one uses it.
alter table winnow_datasets add column mode text check (mode in ('split', 'overlap'));

-- Which reviewers have been shown the dataset's guidelines (once, on their first visit).
create table winnow_guidelines_seen (
	dataset_id integer not null references winnow_datasets (id),
	reviewer text not null,
	seen_at timestamptz not null default now(),
	primary key (dataset_id, reviewer)
);

create or replace function winnow_write(p_dataset integer, p_rows jsonb, p_session text, p_stale double precision, p_seen bigint, p_keep text[], p_channel text, p_notice text)
returns table (kind text, seq bigint, sample text, reviewer text, verdict text, categories text[], note text, reasons text[], rule text,
	resolution boolean, correction jsonb, extra jsonb, at text, refused_by text)
language plpgsql as $fn$
#variable_conflict use_column
begin
	perform 1 from winnow_datasets where id = p_dataset for update;
	with incoming as (
		select * from jsonb_to_recordset(p_rows) as r(sample text, reviewer text, verdict text, categories text[], note text, reasons text[], rule text,
			resolution boolean, correction jsonb, extra jsonb, at text, record text, basis bigint, checked boolean)
	), judged as (
		select i.*, case when i.checked and i.verdict is not null then coalesce(
			(select c.reviewer from winnow_current c
				where c.dataset_id = p_dataset and c.sample = i.sample and c.reviewer <> i.reviewer and c.verdict is not null and c.seq > i.basis
				limit 1),
			(select l.reviewer from winnow_leases l
				where l.dataset_id = p_dataset and l.sample = i.sample and l.session <> p_session and l.renewed_at > now() - make_interval(secs => p_stale))
		) end as refused_by
		from incoming i
	), logged as (
		insert into winnow_decisions (dataset_id, sample, reviewer, verdict, categories, note, reasons, rule, resolution, correction, extra, at, refused_by, session)
		select p_dataset, j.sample, j.reviewer, j.verdict, coalesce(j.categories, '{}'), coalesce(j.note, ''), j.reasons, j.rule, j.resolution, j.correction, j.extra, j.at, j.refused_by, p_session
		from judged j
		on conflict (dataset_id, sample, reviewer, at) do nothing
		returning seq, sample, reviewer, at, verdict, refused_by
	)
	insert into winnow_current as c (dataset_id, sample, reviewer, seq, at, verdict, record)
	-- One row per sample and reviewer (the newest), however often the batch names it; inserted in the
	-- log's order, so that reading the table as stored mostly follows it (see read.ts).
	select p_dataset, n.sample, n.reviewer, n.seq, n.at, n.verdict, n.record from (
		select l.*, j.record, row_number() over (partition by l.sample, l.reviewer order by l.at desc) as newest
		from logged l join judged j on j.sample = l.sample and j.reviewer = l.reviewer and j.at = l.at
		where l.refused_by is null
	) n where n.newest = 1
	order by n.seq
	on conflict (dataset_id, sample, reviewer) do update set seq = excluded.seq, at = excluded.at, verdict = excluded.verdict, record = excluded.record
		where c.at < excluded.at;

	-- What became of each incoming decision (also when a retry finds it written already).
	return query select 'mine'::text, d.seq, d.sample, d.reviewer, d.verdict, d.categories, d.note, d.reasons, d.rule, d.resolution, d.correction, d.extra, d.at, d.refused_by
		from jsonb_to_recordset(p_rows) as i(sample text, reviewer text, at text)
		join winnow_decisions d on d.dataset_id = p_dataset and d.sample = i.sample and d.reviewer = i.reviewer and d.at = i.at;
	-- Other processes' decisions since the caller last looked.
	return query select 'other'::text, d.seq, d.sample, d.reviewer, d.verdict, d.categories, d.note, d.reasons, d.rule, d.resolution, d.correction, d.extra, d.at, d.refused_by
		from winnow_decisions d
		where d.dataset_id = p_dataset and d.seq > p_seen and d.refused_by is null and d.session <> p_session
		order by d.seq;
	if p_keep is not null then
		delete from winnow_leases l where l.session = p_session and not (l.sample = any(p_keep));
	end if;
	perform pg_notify(p_channel, p_notice);
end
$fn$;
`,
	},
];

const migrationLock = 0x77_69_6E_6E_6F_77;

export const latestSchema = migrations.at(-1)!.version;

/** The version the database's schema is at (0: no winnow tables yet). */
export async function schemaVersion(client: Client): Promise<number> {
	const {rows} = await client.query<{exists: boolean}>('select to_regclass($1) is not null as exists', ['winnow_schema_migrations']);
	if (!rows[0].exists) return 0;
	const result = await client.query<{version: number | null}>('select max(version) as version from winnow_schema_migrations');
	return result.rows[0].version ?? 0;
}

/** Refuses a schema newer than this winnow knows. */
export function checkNotNewer(version: number, url: string) {
	if (version > latestSchema) {
		throw new DecisionsFileError(`${maskUrl(url)} has winnow's schema version ${version}, newer than this winnow knows (${latestSchema}); upgrade winnow on this machine.`);
	}
}

/** Applies the missing steps; returns the versions applied (none when up to date). */
export async function migrate(client: Client, url: string): Promise<number[]> {
	const applied: number[] = [];
	// One migrating process at a time per database (the key is arbitrary: "winnow" in ASCII), taken
	// before the transaction begins so that it sees what the previous holder committed.
	await client.query('select pg_advisory_lock($1)', [migrationLock]);
	try {
		await client.query('begin');
		const version = await schemaVersion(client);
		checkNotNewer(version, url);
		if (version === 0) {
			await client.query(`create table if not exists winnow_schema_migrations (
				version integer primary key,
				name text not null,
				applied_at timestamptz not null default now()
			)`);
		}

		for (const step of migrations) {
			if (step.version <= version) continue;
			await client.query(step.sql);
			await client.query('insert into winnow_schema_migrations (version, name) values ($1, $2)', [step.version, step.name]);
			applied.push(step.version);
		}

		await client.query('commit');
	} catch (error) {
		await client.query('rollback').catch(() => undefined);
		if (error instanceof DecisionsFileError) throw error;
		const code = (error as {code?: string}).code;
		if (code === '42501') {
			throw new DecisionsFileError(`${maskUrl(url)}: this user may not create winnow's tables (permission denied); ask the database's owner to run winnow db migrate --db URL once.`);
		}

		throw new DecisionsFileError(`${maskUrl(url)}: winnow's tables could not be created (${connectionProblem(error)}).`);
	} finally {
		await client.query('select pg_advisory_unlock($1)', [migrationLock]).catch(() => undefined);
	}

	return applied;
}

/**
 * Makes sure the schema is there and current before a command uses it: applies missing steps when
 * this user may (the first reviewer on an empty database), refuses a newer schema.
 */
export async function ensureSchema(client: Client, url: string): Promise<void> {
	const version = await schemaVersion(client);
	checkNotNewer(version, url);
	if (version < latestSchema) await migrate(client, url);
}
