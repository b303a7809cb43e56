import {DecisionStore} from '../decision-store.js';
import {reviewModes, type ReviewMode} from '../schema.js';
import type {DatasetRef, OpenedStore, OpenOptions} from '../open-store.js';
import {PgDecisionBackend} from './backend.js';
import {resolveDataset} from './datasets.js';
import {PgLive} from './live.js';
import {ensureSchema} from './migrations.js';
import {PgGuidelinesSeen, PgPosition} from './position.js';
import {PgSession} from './session.js';

/**
 * A DecisionStore on PostgreSQL: connects, creates or upgrades the schema when this user may,
 * finds the dataset (or registers it), and loads the current decisions. For the review screen
 * also its presence and leases (PgLive, which is split mode's rule at commit too) and position.
 */
export async function openPostgresStore(url: string, dataset: DatasetRef, options: OpenOptions): Promise<OpenedStore> {
	const session = await PgSession.open(url);
	try {
		const id = await session.run(async client => {
			await ensureSchema(client, url);
			return resolveDataset(client, url, dataset.name, dataset.path, options.reviewer);
		});
		// The dataset's review mode is the first review session's: stored now if none is (as the file
		// stores it in the decisions file), so every later session, a lead's with no flag too, uses it.
		const mode = options.live ? await adoptMode(session, id, options.mode ?? 'split') : undefined;
		const split = mode === 'split';
		let store: DecisionStore | undefined;
		let live: PgLive | undefined;
		const backend: PgDecisionBackend = new PgDecisionBackend(session, id, split ? {
			basisFor: sample => live?.basisFor(sample),
			keepLeases: written => live?.keepLeases(written) ?? [],
			get staleSeconds() {
				return live?.staleSeconds ?? 5;
			},
			refused: records => live?.refused(records),
		} : undefined);
		backend.mode = mode;
		// No gathering delay, unlike the file: a write is one round trip, and keys that come while
		// one is on its way go together in the next.
		store = await DecisionStore.openWith(session.name, backend, {writeDelay: 0, ...options.store});
		if (!options.live) return {store, name: session.name};
		const opened = store;
		live = new PgLive(session, id, options.reviewer, mode!, () => backend.seen, () => opened.unsavedSamples(), {
			upcoming: options.upcoming,
			isDecided: sample => opened.forSample(sample).some(record => record.verdict !== null),
		});
		await live.prime();
		const position = await PgPosition.open(session, id, options.reviewer);
		const guidelinesSeen = await PgGuidelinesSeen.open(session, id, options.reviewer);
		return {store, live, position, guidelinesSeen, name: session.name};
	} catch (error) {
		await session.close(0);
		throw error;
	}
}

/** The dataset's stored mode, storing `mode` first if it has none (the first review session's). */
async function adoptMode(session: PgSession, dataset: number, mode: string): Promise<ReviewMode> {
	const {rows} = await session.run(async client => client.query<{mode: ReviewMode}>(
		'update winnow_datasets set mode = coalesce(mode, $2) where id = $1 returning mode',
		[dataset, (reviewModes as readonly string[]).includes(mode) ? mode : 'split'],
	));
	return rows[0].mode;
}
