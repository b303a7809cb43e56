import {existsSync} from 'node:fs';
import {userInfo} from 'node:os';
import {basename, dirname, extname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {loadProjectConfig} from '../config/load-config.js';
import type {ProjectConfig} from '../config/schema.js';
import {parseQuery, QueryError, type Query, type Vocabulary} from '../query/index.js';
import {defaultPolicy, policies, statuses, type Policy, type SampleStatus} from '../store/verdict-policy.js';
import {dbSpecOf, describeDb, type DbSpec} from '../store/open-store.js';
import {UsageError} from './usage-error.js';

export {UsageError};

export type CommonOptions = {
	dataset: string;
	/** The decisions' place as messages name it: the file's path, or the URL with its password masked. */
	db: string;
	/** The file or database (--db, else $WINNOW_DB, else the file beside the dataset). */
	dbSpec: DbSpec;
	/** The name the review goes by in a database: --dataset-name, else the dataset file's name. */
	datasetName: string;
	reviewer: string;
	idField: string;
	/** The project config (winnow.config.json beside the dataset, or --config FILE). */
	config: ProjectConfig;
};

/** samples.jsonl -> samples.decisions.json, in the dataset's folder. */
export function defaultDbPath(dataset: string): string {
	const extension = extname(dataset);
	const stem = basename(dataset, extension === '.jsonl' || extension === '.json' || extension === '.ndjson' ? extension : '');
	return join(dirname(dataset), `${stem}.decisions.json`);
}

export function defaultReviewer(env: NodeJS.ProcessEnv = process.env): string {
	const fromEnv = env.WINNOW_REVIEWER?.trim();
	if (fromEnv) return fromEnv;
	try {
		return userInfo().username || 'reviewer';
	} catch {
		return env.USER ?? 'reviewer';
	}
}

export function resolveCommon(input: string[], flags: {db?: string; reviewer?: string; idField?: string; config?: string; categories?: string; datasetName?: string}, command: string, env: NodeJS.ProcessEnv = process.env): CommonOptions {
	const [dataset, ...extra] = input;
	if (!dataset) throw new UsageError(`no dataset given: name a .jsonl file, as in winnow ${command === 'review' ? '' : `${command} `}data.jsonl (winnow --help shows the usage).`);
	// `winnow frobnicate data.jsonl`, `winnow statz`: a word that names no file, where a command goes.
	if (command === 'review' && /^[\p{L}][\p{L}\p{N}_-]*$/u.test(dataset) && !existsSync(dataset)) {
		const meant = closeCommand(dataset);
		const file = extra.length > 0 ? ` ${extra[0]}` : '';
		if (meant) throw new UsageError(`unknown command "${dataset}": did you mean winnow ${meant}${file}? (winnow --help lists the commands.)`);
		throw new UsageError(`unknown command "${dataset}": the commands are ${commands.join(', ')}; to review a file, name it alone (winnow data.jsonl).`);
	}

	if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}": give one dataset (winnow --help shows the usage).`);

	const reviewer = flags.reviewer?.trim() || defaultReviewer();
	if (flags.idField !== undefined && flags.idField.trim() === '') throw new UsageError('--id-field needs a field name, e.g. --id-field uuid.');
	if (flags.datasetName !== undefined && flags.datasetName.trim() === '') throw new UsageError('--dataset-name needs a name, e.g. --dataset-name round2.jsonl.');
	if (flags.db !== undefined && flags.db.trim() === '') throw new UsageError('--db needs a file name or a postgres:// URL.');
	const given = flags.db ?? (env.WINNOW_DB?.trim() || defaultDbPath(dataset));
	// A file:// URL names a decisions file's path.
	const dbValue = /^\s*file:\/\//i.test(given) ? fileUrlPath(given.trim(), flags.db === undefined ? 'WINNOW_DB' : '--db') : given;
	const dbSpec = dbSpecOf(dbValue);
	// A URL of another scheme ("postgress://", "mysql://") would be a decisions file of that odd name: nothing decided, everything exported as undecided.
	const scheme = /^\s*([a-z][a-z\d+.-]*):\/\//i.exec(dbValue);
	if (dbSpec.kind === 'file' && scheme) throw new UsageError(`${flags.db === undefined ? 'WINNOW_DB' : '--db'} ${scheme[1]}://… is not a database winnow knows: give a decisions file's path or a postgres:// (postgresql://) URL${/^postg/i.test(scheme[1]) ? ' (is postgres:// misspelt?)' : ''}.`);
	if (flags.datasetName !== undefined && dbSpec.kind === 'file') throw new UsageError('--dataset-name names a review in a PostgreSQL database (--db postgres://…); with a decisions file, pass --db to use another file.');
	return {
		dataset,
		db: describeDb(dbSpec),
		dbSpec,
		datasetName: flags.datasetName?.trim() ?? basename(dataset),
		reviewer,
		idField: flags.idField ?? 'id',
		config: withCategories(loadProjectConfig(dataset, flags.config), flags.categories),
	};
}

/** --categories overrides the config file's categories, for every command. */
function withCategories(config: ProjectConfig, categories: string | undefined): ProjectConfig {
	if (categories === undefined) return config;
	const list = listFlag(categories);
	if (list.length === 0) throw new UsageError('--categories needs at least one category, e.g. --categories "tone,stereotype,other".');
	return {...config, categories: list};
}

/** export's --status: repeated or comma-separated statuses (default accepted); `all` is every status. */
export function parseStatuses(values: string[] | undefined): Set<SampleStatus> {
	const list = listFlag(values);
	if (list.length === 0) return new Set(['accepted']);
	if (list.includes('all')) return new Set(statuses);
	return new Set(list.map(value => oneOf('--status', value, [...statuses, 'all']) as SampleStatus));
}

/** --policy: how several reviewers' decisions on a sample combine. */
export function parsePolicy(value: string | undefined): Policy {
	return value === undefined ? defaultPolicy : oneOf('--policy', value, policies);
}

/** --where QUERY (the query language); a bad query is a usage error saying where it is wrong. */
export function parseWhere(value: string | undefined, vocabulary?: Vocabulary, flag = '--where'): Query | undefined {
	if (value === undefined) return undefined;
	// `--where` with nothing after it (or only "--", or blanks): a forgotten query, never "every sample".
	if (value.trim() === '') throw new UsageError(`${flag} is empty: give it a query, as in ${flag} 'model:gpt-4o' (README: The query language).`);
	try {
		return parseQuery(value, vocabulary);
	} catch (error) {
		if (error instanceof QueryError) throw new UsageError(`${flag} ${JSON.stringify(value)}: ${error.message}.`);
		throw error;
	}
}

/** Which commands take the options that only some do (the others refuse them rather than ignore them). */
const commandsOf: Record<string, readonly string[]> = {
	where: ['stats', 'export', 'decide'],
	verdict: ['decide'],
	category: ['decide'],
	reason: ['decide'],
	note: ['decide'],
	dryRun: ['decide'],
	undoRule: ['decide'],
	lead: ['review', 'decide'],
	categories: ['review', 'decide'],
};

/** Refuses an option given to a command that does not take it, naming the command that does. */
export function checkOptionsFor(command: string, flags: Record<string, unknown>) {
	for (const [name, commands] of Object.entries(commandsOf)) {
		const value = flags[name];
		const given = value === true || typeof value === 'string' || (Array.isArray(value) && value.length > 0);
		if (!given || commands.includes(command)) continue;
		const flag = `--${name.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)}`;
		const where = commands.map(other => (other === 'review' ? 'winnow DATASET (review)' : `winnow ${other}`)).join(' and ');
		throw new UsageError(`${flag} applies to ${where}, not ${command === 'review' ? 'the review screen' : `winnow ${command}`}.`);
	}
}

/** Accepts repeated and comma-separated values: --status accepted,flagged --status undecided. */
export function listFlag(values: string[] | string | undefined): string[] {
	const list = Array.isArray(values) ? values : values === undefined ? [] : [values];
	return list.flatMap(value => value.split(',')).map(value => value.trim()).filter(Boolean);
}

export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
	if (!allowed.includes(value as T)) throw new UsageError(`unknown ${flag} "${value}": use one of ${allowed.join(', ')}.`);
	return value as T;
}

const commands = ['export', 'stats', 'decide', 'review', 'db'];

/** The option an unknown one was probably meant to be (--statuss: --status), if any: one or two edits off. */
export function closeOption(written: string, known: readonly string[]): string | undefined {
	const name = written.replace(/^--?/, '').split('=')[0].toLowerCase();
	// A one-letter option (-w): the long ones it starts (--where), not the nearest by spelling (--db).
	if (/^-[a-z]$/i.test(written)) {
		const starting = known.filter(option => option.startsWith(name));
		return starting.length > 0 && starting.length <= 3 ? starting.map(option => `--${option}`).join(' or ') : undefined;
	}

	let best: string | undefined;
	let distance = 3;
	for (const option of known) {
		const d = editDistance(option, name);
		if (d < distance) {
			best = option;
			distance = d;
		}
	}

	return best === undefined ? undefined : `--${best}`;
}

/** The command a word was probably meant to be (one or two letters off, or two swapped), if any. */
export function closeCommand(word: string): string | undefined {
	const lower = word.toLowerCase();
	if (lower.includes('.') || lower.includes('/')) return undefined;
	return commands.find(command => command !== lower && editDistance(command, lower) <= 2);
}

/** Levenshtein distance with adjacent swaps counting as one edit. */
function editDistance(a: string, b: string): number {
	const rows = Array.from({length: a.length + 1}, (_, i) => Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
		}
	}

	return rows[a.length][b.length];
}

/** The path a file:// URL names, or one sentence saying it names none. */
function fileUrlPath(url: string, source: string): string {
	try {
		return fileURLToPath(url);
	} catch {
		throw new UsageError(`${source} ${url} is not a file URL winnow can read: give the decisions file's path (file:///path/to/decisions.json, or the path itself).`);
	}
}
