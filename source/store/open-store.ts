import {DecisionStore, type StoreOptions} from './decision-store.js';
import {readDecisionSource, readDecisionsFile} from './decisions-file.js';
import type {LiveChannel} from './live-channel.js';
import {LiveSession} from './live-session.js';
import {ReviewerPosition} from './reviewer-position.js';
import type {DecisionSource} from './decision-source.js';
import type {LinesHelper} from './decision-lines.js';
import type {DecisionRecord} from './schema.js';
import {isPostgresUrl, maskUrl} from './postgres/connection.js';

/** Where the decisions are: a lowdb file, or a PostgreSQL database (`--db postgres://…`). */
export type DbSpec = {kind: 'file'; path: string} | {kind: 'postgres'; url: string};

export function dbSpecOf(value: string): DbSpec {
	return isPostgresUrl(value) ? {kind: 'postgres', url: value.trim()} : {kind: 'file', path: value};
}

/** The place as messages name it: the file's path, or the URL with its password masked. */
export function describeDb(spec: DbSpec): string {
	return spec.kind === 'file' ? spec.path : maskUrl(spec.url);
}

export type DatasetRef = {
	/** The dataset file (its content is fingerprinted in a database). */
	path: string;
	/** The name the review goes by: the file's name, or --dataset-name. */
	name: string;
};

export type OpenOptions = {
	reviewer: string;
	/** Split or overlap: the review screen's mode, for presence and split mode's rule. */
	mode?: string;
	/** Presence, leases and the remembered position, for the review screen. */
	live?: boolean;
	store?: StoreOptions;
	/** Split mode in a database: the samples that would be handed out after this one (see PgLiveOptions). */
	upcoming?: (sample: string, skip: (sample: string) => boolean, count: number) => string[];
};

export type OpenedStore = {
	store: DecisionStore;
	/** Presence and leases (with `live`). */
	live?: LiveChannel;
	/** Where this reviewer left off (with `live`). */
	position?: Pick<ReviewerPosition, 'read' | 'update' | 'save'>;
	/** Whether this reviewer was shown the guidelines (with `live`, in a database; the file's are in its live folder). */
	guidelinesSeen?: {seen(): boolean; markSeen(): void};
	/** The place as messages name it (password masked). */
	name: string;
};

/**
 * The decision store every command uses (review, decide), on the file or the database the
 * `--db` value names, with its presence and leases for the review screen.
 */
export async function openDecisionStore(spec: DbSpec, dataset: DatasetRef, options: OpenOptions): Promise<OpenedStore> {
	if (spec.kind === 'file') {
		const store = await DecisionStore.open(spec.path, dataset.name, options.store);
		if (!options.live) return {store, name: spec.path};
		return {
			store,
			live: new LiveSession(spec.path, options.reviewer, options.mode ?? 'split'),
			position: new ReviewerPosition(spec.path, options.reviewer),
			name: spec.path,
		};
	}

	const {openPostgresStore} = await import('./postgres/open.js');
	return openPostgresStore(spec.url, dataset, options);
}

/**
 * Every current decision on the dataset, for winnow stats and export, as a DecisionSource;
 * undefined when there are none yet (no decisions file, or no such dataset in the database).
 */
export async function readDecisions(spec: DbSpec, dataset: DatasetRef, helper?: LinesHelper): Promise<DecisionSource | undefined> {
	// A decisions file's second half may be read by `helper`, another thread (DecisionLines.readShared).
	if (spec.kind === 'file') return readDecisionSource(spec.path, dataset.name, helper);
	const {readPostgresDecisions} = await import('./postgres/read.js');
	return readPostgresDecisions(spec.url, dataset);
}

/** readDecisions as a list of records (export --decisions). */
export async function readDecisionList(spec: DbSpec, dataset: DatasetRef): Promise<DecisionRecord[] | undefined> {
	if (spec.kind === 'file') return (await readDecisionsFile(spec.path, dataset.name))?.decisions;
	const {readPostgresDecisions} = await import('./postgres/read.js');
	const source = await readPostgresDecisions(spec.url, dataset);
	return source?.all();
}
