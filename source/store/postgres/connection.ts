import {readFile} from 'node:fs/promises';
import {homedir} from 'node:os';
import {join} from 'node:path';
import type {Client, ClientConfig} from 'pg';
import {DecisionsFileError} from '../errors.js';

/** `--db` (or WINNOW_DB) names a PostgreSQL database rather than a file. */
export function isPostgresUrl(spec: string): boolean {
	return /^postgres(?:ql)?:\/\//i.test(spec.trim());
}

/**
 * The URL as it may be shown: the password replaced by ***, wherever it is (user:password@, or a
 * password= parameter). Every message that names the database uses this.
 */
export function maskUrl(spec: string): string {
	let masked = spec.replace(/^(postgres(?:ql)?:\/\/[^:/@?#]*:)[^@/?#]*@/i, '$1***@');
	masked = masked.replace(/([?&]password=)[^&#]*/gi, '$1***');
	return masked;
}

/** node-postgres, loaded only when a database is used: the file store never pays for it. */
export async function loadPg(): Promise<typeof import('pg')> {
	const module = await import('pg');
	return (module as unknown as {default?: typeof import('pg')}).default ?? module;
}

/**
 * Client settings the way libpq reads them: the URL first, then the PG* environment variables
 * (PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD, PGSSLMODE, …), then ~/.pgpass (or PGPASSFILE)
 * for the password. sslmode has libpq's meaning (require encrypts without checking the
 * certificate; verify-full checks it and the host name).
 */
export async function clientConfig(spec: string): Promise<ClientConfig> {
	const {parse} = await import('pg-connection-string');
	let url = spec.trim();
	if (!/[?&]sslmode=/.test(url) && process.env.PGSSLMODE) url += `${url.includes('?') ? '&' : '?'}sslmode=${encodeURIComponent(process.env.PGSSLMODE)}`;
	let parsed;
	try {
		parsed = parse(url, {useLibpqCompat: true}) as Record<string, unknown>;
	} catch {
		throw new DecisionsFileError(`${maskUrl(spec)} is not a valid PostgreSQL URL; write it as postgres://user@host:5432/database.`);
	}

	if (parsed.sslmode === 'prefer' || parsed.sslmode === 'allow') parsed.ssl = false;
	delete parsed.sslmode;
	delete parsed.uselibpqcompat;
	const config: ClientConfig = {};
	for (const [key, value] of Object.entries(parsed)) {
		if (value !== null && value !== '' && value !== undefined) (config as Record<string, unknown>)[key] = value;
	}

	if (config.port !== undefined) config.port = Number(config.port);
	config.application_name ??= 'winnow';
	// A password given nowhere else comes from ~/.pgpass, read here (node-postgres' own reading of it
	// prints a deprecation warning over the review screen).
	if (config.password === undefined && !process.env.PGPASSWORD) {
		config.password = async () => (await passwordFromPgpass(config)) ?? '';
	}

	return config;
}

/** The password ~/.pgpass (or $PGPASSFILE) gives for this host, port, database and user. */
async function passwordFromPgpass(config: ClientConfig): Promise<string | undefined> {
	const file = process.env.PGPASSFILE ?? join(homedir(), '.pgpass');
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch {
		return undefined;
	}

	const host = config.host ?? process.env.PGHOST ?? 'localhost';
	const wanted = [
		host.startsWith('/') ? 'localhost' : host,
		String(config.port ?? process.env.PGPORT ?? 5432),
		config.database ?? process.env.PGDATABASE ?? config.user ?? process.env.PGUSER ?? '',
		config.user ?? process.env.PGUSER ?? '',
	];
	for (const line of text.split(/\r?\n/)) {
		if (line.trim() === '' || line.startsWith('#')) continue;
		const fields = splitPgpassLine(line);
		if (fields.length < 5) continue;
		if (wanted.every((value, i) => fields[i] === '*' || fields[i] === value)) return fields.slice(4).join(':');
	}

	return undefined;
}

/** host:port:database:user:password, where \: and \\ stand for : and \. */
function splitPgpassLine(line: string): string[] {
	const fields: string[] = [];
	let field = '';
	for (let i = 0; i < line.length; i++) {
		const character = line[i];
		if (character === '\\' && i + 1 < line.length) {
			field += line[++i];
		} else if (character === ':') {
			fields.push(field);
			field = '';
		} else {
			field += character;
		}
	}

	fields.push(field);
	return fields;
}

/** A connected client, or one sentence that says why not (the URL masked). */
export async function connect(spec: string): Promise<Client> {
	const pg = await loadPg();
	const client = new pg.Client(await clientConfig(spec));
	try {
		await client.connect();
	} catch (error) {
		client.end().catch(() => undefined);
		throw new DecisionsFileError(`${maskUrl(spec)} cannot be reached (${connectionProblem(error)}); check the URL, that PostgreSQL runs there, and your PG* variables and ~/.pgpass.`);
	}

	// A dropped connection reports an error on the client; whoever uses it sees its queries fail.
	client.on('error', () => undefined);
	return client;
}

const problems: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'unknown host',
	EAI_AGAIN: 'unknown host',
	ETIMEDOUT: 'timed out',
	ECONNRESET: 'connection reset',
	EHOSTUNREACH: 'host unreachable',
	'28P01': 'password authentication failed',
	'28000': 'no access for this user',
	'3D000': 'no such database',
	'57P01': 'the server terminated the connection',
	'57P03': 'the server is starting up',
	'42501': 'permission denied',
};

/** A failed connection or query in a few words, never with the password. */
export function connectionProblem(error: unknown): string {
	const {code, message} = error as {code?: string; message?: string};
	const known = code ? problems[code] : undefined;
	if (known) return known;
	const text = (message ?? String(error)).split('\n')[0];
	return text.replace(/password[^,;]*/gi, 'password …');
}
