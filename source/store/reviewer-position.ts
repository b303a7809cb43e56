import {createHash} from 'node:crypto';
import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {canonicalPath} from './canonical-path.js';

export type Position = {sample: string; filter: string};

/** Longest wait before a move is written down (ms): often enough for a crash, not a write per key. */
const saveDelay = 500;

/**
 * Where a reviewer was in a dataset when they last left it: the sample they had open and the
 * filter, one small file per reviewer in the live folder beside the decisions file
 * (`<db>.live/positions/`). Starting again opens there, so a reviewer resumes exactly where they
 * were, skipped samples and all. Losing it costs nothing but that: the session then starts at the
 * first undecided sample.
 */
export class ReviewerPosition {
	private readonly file: string;
	private pending: Position | undefined;
	private timer: NodeJS.Timeout | undefined;
	private last: string | undefined;

	constructor(dbPath: string, reviewer: string) {
		const name = createHash('sha1').update(reviewer).digest('hex').slice(0, 16);
		this.file = join(`${canonicalPath(dbPath)}.live`, 'positions', `${name}.json`);
	}

	read(): Position | undefined {
		try {
			const value = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<Position>;
			if (typeof value.sample === 'string' && typeof value.filter === 'string') return {sample: value.sample, filter: value.filter};
		} catch {}

		return undefined;
	}

	/** Notes a new position, written within saveDelay ms (or at save()). */
	update(position: Position) {
		const text = JSON.stringify(position);
		if (text === this.last && this.pending === undefined) return;
		this.pending = position;
		this.timer ??= setTimeout(() => {
			this.save();
		}, saveDelay);
		this.timer.unref();
	}

	/** Writes the latest position now, if it changed. */
	save() {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		const position = this.pending;
		this.pending = undefined;
		if (!position) return;
		const text = JSON.stringify(position);
		if (text === this.last) return;
		try {
			mkdirSync(join(this.file, '..'), {recursive: true});
			const temporary = `${this.file}.${process.pid}.tmp`;
			writeFileSync(temporary, `${text}\n`);
			renameSync(temporary, this.file);
			this.last = text;
		} catch {
			// Only a convenience: the decisions themselves are in the decisions file.
		}
	}
}
