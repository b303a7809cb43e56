import {createHash} from 'node:crypto';
import {dirname, join} from 'node:path';
import {canonicalPath} from './canonical-path.js';
import {PositionSaver, type Position} from './position-saver.js';
import {ensureSharedFolder, readPeerFile, replaceExclusive} from './shared-folder.js';

export type {Position} from './position-saver.js';

/**
 * Where a reviewer was in a dataset when they last left it: the sample they had open, the
 * filter and the query, one small file per reviewer in the live folder beside the decisions file
 * (`<db>.live/positions/`). Starting again opens there, so a reviewer resumes exactly where they
 * were, skipped samples and all. Losing it costs nothing but that: the session then starts at the
 * first undecided sample.
 */
export class ReviewerPosition {
	private readonly file: string;
	private readonly saver = new PositionSaver(position => {
		const folder = dirname(this.file);
		ensureSharedFolder(folder, dirname(dirname(folder)));
		replaceExclusive(this.file, `${JSON.stringify(position)}\n`);
	});

	constructor(dbPath: string, reviewer: string) {
		const name = createHash('sha1').update(reviewer).digest('hex').slice(0, 16);
		this.file = join(`${canonicalPath(dbPath)}.live`, 'positions', `${name}.json`);
	}

	read(): Position | undefined {
		// Read as a peer's file: anyone who can write the live folder could have put something there.
		const file = readPeerFile(this.file);
		try {
			const value = file && JSON.parse(file.text) as Partial<Position> | null;
			if (typeof value?.sample === 'string' && typeof value.filter === 'string') {
				return {sample: value.sample, filter: value.filter, ...(typeof value.query === 'string' && value.query.trim() !== '' ? {query: value.query} : {})};
			}
		} catch {}

		return undefined;
	}

	/** Notes a new position, written within half a second (or at save()). */
	update(position: Position) {
		this.saver.update(position);
	}

	/** Writes the latest position now, if it changed (a failed write costs only that). */
	save() {
		this.saver.save();
	}
}
