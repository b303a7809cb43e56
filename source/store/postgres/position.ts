import type {Position} from '../reviewer-position.js';
import type {PgSession} from './session.js';

const saveDelay = 500;

/**
 * Where a reviewer was in a dataset when they last left it, in winnow_positions (the file store
 * keeps it in the live folder): read once when the review opens, written at most every 500 ms.
 * So a reviewer resumes where they were on any machine.
 */
export class PgPosition {
	private pending: Position | undefined;
	private timer: NodeJS.Timeout | undefined;
	private last: string | undefined;

	private constructor(private readonly session: PgSession, private readonly dataset: number, private readonly reviewer: string, private readonly remembered: Position | undefined) {
		this.last = remembered && JSON.stringify(remembered);
	}

	static async open(session: PgSession, dataset: number, reviewer: string): Promise<PgPosition> {
		const {rows} = await session.run(async client => client.query<Position>('select sample, filter from winnow_positions where dataset_id = $1 and reviewer = $2', [dataset, reviewer]));
		return new PgPosition(session, dataset, reviewer, rows[0] && {sample: rows[0].sample, filter: rows[0].filter});
	}

	read(): Position | undefined {
		return this.remembered;
	}

	update(position: Position) {
		const text = JSON.stringify(position);
		if (text === this.last && this.pending === undefined) return;
		this.pending = position;
		this.timer ??= setTimeout(() => {
			this.save();
		}, saveDelay);
		this.timer.unref();
	}

	save() {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		const position = this.pending;
		this.pending = undefined;
		if (!position) return;
		const text = JSON.stringify(position);
		if (text === this.last) return;
		this.last = text;
		void this.session.run(async client => client.query(
			`insert into winnow_positions (dataset_id, reviewer, sample, filter) values ($1, $2, $3, $4)
			on conflict (dataset_id, reviewer) do update set sample = excluded.sample, filter = excluded.filter`,
			[this.dataset, this.reviewer, position.sample, position.filter],
		)).catch(() => {
			// Only a convenience: the decisions themselves are in the database.
			this.last = undefined;
		});
	}
}
