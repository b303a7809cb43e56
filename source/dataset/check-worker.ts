// The checking worker: reads a dataset with the same reader as the scan and tells the main thread
// which entries are malformed (not strict UTF-8, not a JSON object), so that export and stats
// check every entry's JSON on the second core while the main thread reads the decisions file and
// looks up ids. Started by LineCheck (line-check.ts), which falls back to checking on the main
// thread where this file cannot be run (in the TypeScript sources under test).
import {parentPort, workerData} from 'node:worker_threads';
import {EntryReader} from './entry-scanner.js';
import {ChunkEntries} from './chunk-entries.js';
import {isMalformed} from './well-formed.js';

export type CheckRequest = {path: string};

/** One message a chunk: how many entries are checked, and which of them (0-based) are malformed. */
export type CheckProgress = {
	checked: number;
	malformed: number[];
	done?: boolean;
	/** The file could not be read or split: the main thread's own scan reports why. */
	failed?: boolean;
};

const {path} = workerData as CheckRequest;
const chunk = new ChunkEntries();
let checked = 0;
try {
	const reader = await EntryReader.open(path);
	try {
		for (;;) {
			chunk.clear();
			// eslint-disable-next-line no-await-in-loop
			if (!await reader.next(chunk.sink)) break;
			const malformed: number[] = [];
			const utf8 = chunk.isUtf8();
			const {buffer, froms, tos} = chunk;
			for (let index = 0; index < chunk.count; index++) {
				if (isMalformed(buffer, froms[index], tos[index], utf8)) malformed.push(checked + index);
			}

			checked += chunk.count;
			parentPort!.postMessage({checked, malformed} satisfies CheckProgress);
		}
	} finally {
		await reader.close();
	}

	parentPort!.postMessage({checked, malformed: [], done: true} satisfies CheckProgress);
} catch {
	parentPort!.postMessage({checked, malformed: [], failed: true} satisfies CheckProgress);
}
