// The signals worker: reads a dataset and computes every signal on the second core, after the
// review screen's first frame (or beside stats' own scan), and hands back the table's typed arrays.
// Started by computeSignals (compute.ts), which computes in-process where this file cannot be run
// (in the TypeScript sources under test).
import {getPriority, setPriority} from 'node:os';
import {parentPort, workerData} from 'node:worker_threads';
import {analyseFile, type SignalProgress} from './analyse-file.js';
import type {EngineOptions, SignalTableData} from './engine.js';

export type SignalRequest = {path: string; options: EngineOptions};
export type SignalMessage = {progress: SignalProgress} | {done: SignalTableData} | {error: string};

const {path, options} = workerData as SignalRequest;

// As the indexing worker: a lower priority than the screen's thread, so keys are served first.
if (process.platform === 'linux') {
	try {
		setPriority(Math.min(19, getPriority() + 5));
	} catch {}
}

let postedAt = Number.NEGATIVE_INFINITY;
try {
	const data = await analyseFile(path, options, progress => {
		const now = performance.now();
		if (progress.phase === 'reading' && now - postedAt < 100) return;
		postedAt = now;
		parentPort!.postMessage({progress} satisfies SignalMessage);
	});
	const transfer = [data.mask, data.duplicate.of, data.duplicate.position, data.nearDuplicate.of, data.nearDuplicate.position, data.lengths].map(array => array.buffer as ArrayBuffer);
	parentPort!.postMessage({done: data} satisfies SignalMessage, transfer);
} catch (error) {
	parentPort!.postMessage({error: error instanceof Error ? error.message : String(error)} satisfies SignalMessage);
}
