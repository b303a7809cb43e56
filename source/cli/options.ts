import {userInfo} from 'node:os';
import {basename, dirname, extname, join} from 'node:path';

/** A mistake in how winnow was called: told in one sentence, exit code 2. */
export class UsageError extends Error {}

export type CommonOptions = {
	dataset: string;
	db: string;
	reviewer: string;
	idField: string;
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

export function resolveCommon(input: string[], flags: {db?: string; reviewer?: string; idField?: string}, command: string): CommonOptions {
	const [dataset, ...extra] = input;
	if (!dataset) throw new UsageError(`${command === 'review' ? 'winnow' : `winnow ${command}`} needs a dataset: give the path of a .jsonl file (winnow --help shows the usage).`);
	if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}": give one dataset (winnow --help shows the usage).`);
	const reviewer = flags.reviewer?.trim() || defaultReviewer();
	if (flags.idField !== undefined && flags.idField.trim() === '') throw new UsageError('--id-field needs a field name, e.g. --id-field uuid.');
	return {
		dataset,
		db: flags.db ?? defaultDbPath(dataset),
		reviewer,
		idField: flags.idField ?? 'id',
	};
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
