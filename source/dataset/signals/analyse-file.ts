import {closeSync, openSync, readSync} from 'node:fs';
import {EntryReader, type ScanStats} from '../entry-scanner.js';
import {decodeEntry} from '../parse-entry.js';
import {SignalEngine, type EngineOptions, type SignalTableData} from './engine.js';

export type SignalProgress = {
	/** Samples read so far. */
	samples: number;
	bytesRead: number;
	totalBytes: number;
	/** reading: per-sample signals; clustering: duplicate and near-duplicate clusters, length outliers. */
	phase: 'reading' | 'clustering';
};

/** The parsed sample, or undefined when the entry is not a JSON object in valid UTF-8 (export skips those). */
function parsed(bytes: Uint8Array): unknown {
	const entry = decodeEntry(bytes);
	return entry.error === undefined ? entry.value : undefined;
}

/**
 * Reads a dataset file entry by entry (the same reader and numbering as Dataset and the scans) and
 * computes every signal. Between chunks it awaits `pause` (the in-process fallback yields to the
 * event loop there). Candidate near-duplicates are read again from the file by their offsets.
 */
export async function analyseFile(path: string, options: EngineOptions, onProgress?: (progress: SignalProgress) => void, pause?: () => Promise<void>): Promise<SignalTableData> {
	const stats: ScanStats = {bytesRead: 0, totalBytes: 0, blankLines: 0, layout: 'jsonl'};
	const reader = await EntryReader.open(path, stats, {chunkSize: 1024 * 1024, synchronous: pause === undefined});
	const engine = new SignalEngine(options);
	let starts = new Float64Array(1024);
	let lengths = new Int32Array(1024);
	try {
		const sink = (buffer: Buffer, from: number, to: number, start: number) => {
			const index = engine.count;
			if (index === starts.length) {
				const biggerStarts = new Float64Array(starts.length * 2);
				biggerStarts.set(starts);
				starts = biggerStarts;
				const biggerLengths = new Int32Array(lengths.length * 2);
				biggerLengths.set(lengths);
				lengths = biggerLengths;
			}

			starts[index] = start;
			lengths[index] = to - from;
			engine.add(parsed(buffer.subarray(from, to)));
		};

		let reserved = false;
		while (await reader.next(sink)) {
			if (!reserved && engine.count > 0) {
				// After the first chunk, room for the whole file at its average entry size (and 5% more).
				reserved = true;
				const expected = Math.ceil((stats.totalBytes / Math.max(1, stats.bytesRead)) * engine.count * 1.05);
				engine.reserve(expected);
				const moreStarts = new Float64Array(Math.max(starts.length, expected));
				moreStarts.set(starts);
				starts = moreStarts;
				const moreLengths = new Int32Array(Math.max(lengths.length, expected));
				moreLengths.set(lengths);
				lengths = moreLengths;
			}

			onProgress?.({samples: engine.count, bytesRead: stats.bytesRead, totalBytes: stats.totalBytes, phase: 'reading'});
			if (pause) await pause();
		}
	} finally {
		await reader.close();
	}

	onProgress?.({samples: engine.count, bytesRead: stats.bytesRead, totalBytes: stats.totalBytes, phase: 'clustering'});
	const fd = openSync(path, 'r');
	try {
		return engine.finish(index => {
			const bytes = Buffer.allocUnsafe(lengths[index]);
			readSync(fd, bytes, 0, bytes.length, starts[index]);
			return parsed(bytes);
		});
	} finally {
		closeSync(fd);
	}
}
