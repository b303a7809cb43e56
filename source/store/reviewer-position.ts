import {createHash} from 'node:crypto';
import {dirname, join} from 'node:path';
import {canonicalPath} from './canonical-path.js';
import {ensureSharedFolder, readPeerFile, replaceExclusive} from './shared-folder.js';

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
		// Read as a peer's file: anyone who can write the live folder could have put something there.
		const file = readPeerFile(this.file);
		try {
			const value = file && JSON.parse(file.text) as Partial<Position> | null;
			if (typeof value?.sample === 'string' && typeof value.filter === 'string') return {sample: value.sample, filter: value.filter};
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
			const folder = dirname(this.file);
			ensureSharedFolder(folder, dirname(dirname(folder)));
			replaceExclusive(this.file, `${text}\n`);
			this.last = text;
		} catch {
			// Only a convenience: the decisions themselves are in the decisions file.
		}
	}
}
