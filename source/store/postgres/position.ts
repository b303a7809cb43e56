import {PositionSaver, type Position} from '../position-saver.js';
import type {PgSession} from './session.js';

/**
 * Where a reviewer was in a dataset when they last left it, in winnow_positions (the file store
 * keeps it in the live folder): read once when the review opens, written as the file store writes
 * it (PositionSaver: at most every half second, only when changed). So a reviewer resumes where
 * they were on any machine.
 */
export class PgPosition {
	private readonly saver: PositionSaver;

	private constructor(session: PgSession, dataset: number, reviewer: string, private readonly remembered: Position | undefined) {
		this.saver = new PositionSaver(async position => session.run(async client => client.query(
			`insert into winnow_positions (dataset_id, reviewer, sample, filter) values ($1, $2, $3, $4)
			on conflict (dataset_id, reviewer) do update set sample = excluded.sample, filter = excluded.filter`,
			[dataset, reviewer, position.sample, position.filter],
		)), remembered);
	}

	static async open(session: PgSession, dataset: number, reviewer: string): Promise<PgPosition> {
		const {rows} = await session.run(async client => client.query<Position>('select sample, filter from winnow_positions where dataset_id = $1 and reviewer = $2', [dataset, reviewer]));
		return new PgPosition(session, dataset, reviewer, rows[0] && {sample: rows[0].sample, filter: rows[0].filter});
	}

	read(): Position | undefined {
		return this.remembered;
	}

	update(position: Position) {
		this.saver.update(position);
	}

	save() {
		this.saver.save();
	}
}

/**
 * Whether a reviewer has been shown the dataset's guidelines, in winnow_guidelines_seen (the file
 * store keeps it in the live folder): read when the review opens, so the guidelines open once per
 * reviewer on whichever machine they first review.
 */
export class PgGuidelinesSeen {
	private constructor(private readonly session: PgSession, private readonly dataset: number, private readonly reviewer: string, private wasSeen: boolean) {}

	static async open(session: PgSession, dataset: number, reviewer: string): Promise<PgGuidelinesSeen> {
		const {rows} = await session.run(async client => client.query('select 1 from winnow_guidelines_seen where dataset_id = $1 and reviewer = $2', [dataset, reviewer]));
		return new PgGuidelinesSeen(session, dataset, reviewer, rows.length > 0);
	}

	seen(): boolean {
		return this.wasSeen;
	}

	markSeen() {
		this.wasSeen = true;
		this.session.run(async client => client.query(
			'insert into winnow_guidelines_seen (dataset_id, reviewer) values ($1, $2) on conflict do nothing',
			[this.dataset, this.reviewer],
		)).catch(() => {
			// Only a convenience: at worst the guidelines open once more.
		});
	}
}
