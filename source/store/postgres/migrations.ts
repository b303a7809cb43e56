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
`,
	},
];

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
	try {
		await client.query('begin');
		// One migrating process at a time per database (the key is arbitrary: "winnow" in ASCII).
		await client.query('select pg_advisory_xact_lock($1)', [0x77_69_6E_6E_6F_77]);
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
			// eslint-disable-next-line no-await-in-loop
			await client.query(step.sql);
			// eslint-disable-next-line no-await-in-loop
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
