import {createHash} from 'node:crypto';
import {dirname, join} from 'node:path';
import {canonicalPath} from './canonical-path.js';
import {ensureSharedFolder, readPeerFile, replaceExclusive} from './shared-folder.js';

/**
 * Whether a reviewer has been shown a dataset's guidelines (once, on their first visit): one small
 * file per reviewer in the live folder beside the decisions file (`<db>.live/guidelines-seen/`),
 * next to the positions. Losing it costs one more showing of the guidelines.
 */
export class GuidelinesSeen {
	private readonly file: string;

	constructor(dbPath: string, reviewer: string) {
		const name = createHash('sha1').update(reviewer).digest('hex').slice(0, 16);
		this.file = join(`${canonicalPath(dbPath)}.live`, 'guidelines-seen', `${name}.json`);
	}

	seen(): boolean {
		// Read as a peer's file: anyone who can write the live folder could have put something there.
		return readPeerFile(this.file) !== undefined;
	}

	markSeen() {
		try {
			const folder = dirname(this.file);
			ensureSharedFolder(folder, dirname(dirname(folder)));
			replaceExclusive(this.file, `${JSON.stringify({seen: new Date().toISOString()})}\n`);
		} catch {
			// Only a convenience: at worst the guidelines open once more.
		}
	}
}
