import {access, stat} from 'node:fs/promises';
import {basename} from 'node:path';
import {UsageError} from '../cli/options.js';
import {sanitizeLine} from '../dataset/sanitize.js';
import {AtomicFileOutput} from '../report/output.js';
import {count} from '../report/render.js';
import {readDecisionsFile, serializeDecisionsFile} from '../store/decisions-file.js';
import {DecisionsFileError} from '../store/errors.js';
import {isPostgresUrl, maskUrl} from '../store/postgres/connection.js';
import {PgDecisionBackend} from '../store/postgres/backend.js';
import {resolveDataset} from '../store/postgres/datasets.js';
import {checkNotNewer, ensureSchema, latestSchema, migrate, schemaVersion} from '../store/postgres/migrations.js';
import {readCurrent} from '../store/postgres/read.js';
import {PgSession} from '../store/postgres/session.js';
import {schemaVersion as fileSchemaVersion, type ReviewMode} from '../store/schema.js';

export type DbFlags = {db?: string; out?: string; dataset?: string; datasetName?: string; reviewer?: string};

const usage = 'winnow db migrate --db URL · winnow db push FILE.decisions.json --db URL · winnow db pull --db URL --dataset-name NAME --out FILE.decisions.json';

/** winnow db migrate|push|pull: the schema, and moving a review between a decisions file and a database. */
export async function runDb(input: string[], flags: DbFlags, env: NodeJS.ProcessEnv = process.env): Promise<number> {
	const [sub, ...rest] = input;
	const url = (flags.db ?? env.WINNOW_DB ?? '').trim();
	if (!sub) throw new UsageError(`winnow db needs a command: ${usage}.`);
	if (!url) throw new UsageError(`winnow db ${sub} needs the database: --db postgres://user@host/database (or WINNOW_DB).`);
	if (!isPostgresUrl(url)) throw new UsageError(`--db ${url} is not a postgres:// URL; winnow db works on a PostgreSQL database.`);
	switch (sub) {
		case 'migrate': {
			noArguments(rest, sub);
			return dbMigrate(url);
		}

		case 'push': {
			if (rest.length !== 1) throw new UsageError(`winnow db push takes one decisions file: winnow db push FILE.decisions.json --db URL.`);
			return dbPush(url, rest[0], flags);
		}

		case 'pull': {
			noArguments(rest, sub);
			return dbPull(url, flags);
		}

		default: {
			throw new UsageError(`unknown command "winnow db ${sub}": use ${usage}.`);
		}
	}
}

function noArguments(rest: string[], sub: string) {
	if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}" for winnow db ${sub} (winnow --help shows the usage).`);
}

async function dbMigrate(url: string): Promise<number> {
	const session = await PgSession.open(url);
	try {
		const before = await session.run(async client => schemaVersion(client));
		checkNotNewer(before, url);
		const applied = await session.run(async client => migrate(client, url));
		process.stderr.write(applied.length === 0
			? `winnow: ${maskUrl(url)} is up to date (schema ${latestSchema}).\n`
			: `winnow: ${maskUrl(url)} migrated from schema ${before} to ${latestSchema}.\n`);
		return 0;
	} finally {
		await session.close();
	}
}

/** The dataset a push or pull is about: its name in the database, and the file to check it against. */
function datasetOf(flags: DbFlags, fileDataset?: string): {name: string; path?: string} {
	const name = flags.datasetName?.trim() || (flags.dataset ? basename(flags.dataset) : fileDataset);
	if (!name) throw new UsageError('name the dataset: --dataset DATA.jsonl (the file, checked against the review), or --dataset-name NAME.');
	return {name, path: flags.dataset};
}

async function dbPush(url: string, file: string, flags: DbFlags): Promise<number> {
	const head = await readHeadDataset(file);
	const dataset = datasetOf(flags, head);
	const data = await readDecisionsFile(file, head ?? dataset.name);
	if (!data) throw new DecisionsFileError(`${file} does not exist; name a decisions file, e.g. data.decisions.json.`);
	const session = await PgSession.open(url);
	try {
		const id = await session.run(async client => {
			await ensureSchema(client, url);
			const found = await resolveDataset(client, url, dataset.name, dataset.path, flags.reviewer ?? 'winnow db push');
			// The file's review mode becomes the dataset's, unless its review already has one: then they must agree
			// (split decisions merged into a blind overlap round would count in its agreement figures).
			if (data.mode) {
				const existing = await client.query<{mode: ReviewMode | null}>('select mode from winnow_datasets where id = $1', [found]);
				const mode = existing.rows[0]?.mode;
				if (mode && mode !== data.mode) {
					throw new UsageError(`${sanitizeLine(file)} is a ${data.mode}-mode review and the review of ${sanitizeLine(dataset.name)} in ${maskUrl(url)} is in ${mode} mode: nothing was pushed; push it under another name (--dataset-name NAME) to keep the rounds apart.`);
				}

				await client.query('update winnow_datasets set mode = coalesce(mode, $2) where id = $1', [found, data.mode]);
			}

			return found;
		});
		const backend = new PgDecisionBackend(session, id);
		await backend.readAll();
		const before = await countCurrent(session, id);
		await backend.writeChanges(data.decisions);
		const after = await countCurrent(session, id);
		process.stderr.write(`winnow: pushed ${count(data.decisions.length)} ${data.decisions.length === 1 ? 'decision' : 'decisions'} from ${sanitizeLine(file)} to ${maskUrl(url)} as ${sanitizeLine(dataset.name)} (${count(after - before)} new${after - before < data.decisions.length && before > 0 ? '; newer ones already there were kept' : ''}).\n`);
		return 0;
	} finally {
		await session.close();
	}
}

async function dbPull(url: string, flags: DbFlags): Promise<number> {
	if (!flags.out?.trim()) throw new UsageError('winnow db pull needs --out FILE.decisions.json (the decisions file to write).');
	const dataset = datasetOf(flags);
	const out = flags.out;
	if (await access(out).then(() => true, () => false)) {
		throw new UsageError(`${out} exists; winnow db pull writes a new decisions file: choose another name or move it aside.`);
	}

	const folder = await stat(out.includes('/') ? out.slice(0, out.lastIndexOf('/')) || '/' : '.').catch(() => undefined);
	if (!folder?.isDirectory()) throw new UsageError(`cannot write ${out}: its folder does not exist; create it first.`);
	const session = await PgSession.open(url);
	try {
		const {records, createdAt, mode} = await session.run(async client => {
			const version = await schemaVersion(client);
			checkNotNewer(version, url);
			if (version === 0) throw new DecisionsFileError(`${maskUrl(url)} has no winnow tables yet: nothing to pull (winnow db migrate creates them).`);
			const id = await resolveDataset(client, url, dataset.name, dataset.path, '', false);
			const created = await client.query<{created_at: Date; mode?: ReviewMode | null}>('select * from winnow_datasets where id = $1', [id]);
			const current = await readCurrent(client, id, version, true);
			return {records: current.all(), createdAt: created.rows[0].created_at.toISOString(), mode: created.rows[0].mode ?? undefined};
		});
		const output = await AtomicFileOutput.create(out);
		try {
			await output.write(Buffer.from(serializeDecisionsFile({schema: fileSchemaVersion, dataset: dataset.name, createdAt, mode, decisions: records})));
			await output.commit();
		} catch (error) {
			await output.abort();
			throw error;
		}

		process.stderr.write(`winnow: pulled ${count(records.length)} ${records.length === 1 ? 'decision' : 'decisions'} on ${sanitizeLine(dataset.name)} from ${maskUrl(url)} to ${sanitizeLine(out)}.\n`);
		return 0;
	} finally {
		await session.close();
	}
}

async function countCurrent(session: PgSession, dataset: number): Promise<number> {
	const {rows} = await session.run(async client => client.query<{n: string}>('select count(*) as n from winnow_current where dataset_id = $1', [dataset]));
	return Number(rows[0].n);
}

/** The "dataset" a decisions file names in its head, if it names one. */
async function readHeadDataset(file: string): Promise<string | undefined> {
	const {open} = await import('node:fs/promises');
	let handle;
	try {
		handle = await open(file, 'r');
	} catch {
		throw new DecisionsFileError(`${file} cannot be read; name a decisions file, e.g. data.decisions.json.`);
	}

	try {
		const buffer = Buffer.alloc(4096);
		const {bytesRead} = await handle.read(buffer, 0, buffer.length, 0);
		const match = /"dataset"\s*:\s*("(?:[^"\\]|\\.)*")/.exec(buffer.toString('utf8', 0, bytesRead));
		return match ? JSON.parse(match[1]) as string : undefined;
	} finally {
		await handle.close();
	}
}
