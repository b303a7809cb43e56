// The signals worker: reads a dataset and computes every signal off the screen's thread, after the
// review screen's first frame (or beside stats' own scan), and hands back the table's typed arrays.
// Started by computeSignals (compute.ts), which computes in-process where this file cannot be run
// (in the TypeScript sources under test). On a big JSON Lines file it reads the first stretch itself
// and starts one more worker (this file, `part` request) per other core for the other stretches,
// then joins the parts and clusters.
import {availableParallelism, getPriority, setPriority} from 'node:os';
import {parentPort, Worker, workerData} from 'node:worker_threads';
import {analyseFile, analysePart, finishParts, splitFile, transferablesOf, type ByteRange, type FilePart, type SignalProgress} from './analyse-file.js';
import type {EngineOptions, SignalTableData} from './engine.js';

export type SignalRequest = {path: string; options: EngineOptions; parts?: number};
/** One stretch of the file, for a helper worker; it adds the bytes it has read to progress[slot]. */
type PartRequest = SignalRequest & {part: ByteRange; progress: Float64Array; slot: number};
export type SignalMessage = {progress: SignalProgress} | {done: SignalTableData} | {error: string};
type PartMessage = {part: FilePart} | {error: string};

/** At most this many threads read one file (each holds its own heap). */
const maxParts = 4;

const request = workerData as SignalRequest | PartRequest;

// As the indexing worker: a lower priority than the screen's thread, so keys are served first.
if (process.platform === 'linux') {
	try {
		setPriority(Math.min(19, getPriority() + 5));
	} catch {}
}

if ('part' in request) {
	try {
		const part = await analysePart(request.path, request.options, request.part, bytesRead => {
			request.progress[request.slot] = bytesRead;
		});
		parentPort!.postMessage({part} satisfies PartMessage, transferablesOf(part));
	} catch (error) {
		parentPort!.postMessage({error: error instanceof Error ? error.message : String(error)} satisfies PartMessage);
	}
} else {
	try {
		const data = await computeWhole(request);
		const transfer = [data.mask, data.duplicate.of, data.duplicate.position, data.nearDuplicate.of, data.nearDuplicate.position, data.lengths].map(array => array.buffer as ArrayBuffer);
		parentPort!.postMessage({done: data} satisfies SignalMessage, transfer);
	} catch (error) {
		parentPort!.postMessage({error: error instanceof Error ? error.message : String(error)} satisfies SignalMessage);
	}
}

async function computeWhole({path, options, parts: wanted}: SignalRequest): Promise<SignalTableData> {
	let postedAt = Number.NEGATIVE_INFINITY;
	const post = (progress: SignalProgress) => {
		const now = performance.now();
		if (progress.phase === 'reading' && now - postedAt < 100) return;
		postedAt = now;
		parentPort!.postMessage({progress} satisfies SignalMessage);
	};

	const ranges = splitFile(path, {parts: Math.max(1, Math.min(wanted ?? maxParts, maxParts, availableParallelism()))});
	if (ranges.length === 1) return analyseFile(path, options, post);
	const totalBytes = ranges.at(-1)!.to;
	// Each helper writes how far it has read here; this thread reads it when it reports its own progress.
	const progress = new Float64Array(new SharedArrayBuffer(8 * ranges.length));
	const helpers = ranges.slice(1).map((range, index) => readInHelper({path, options, part: range, progress, slot: index + 1}));
	// A helper that fails is reported once all are settled (not as an unhandled rejection meanwhile).
	for (const helper of helpers) helper.catch(() => undefined);
	const first = await analysePart(path, options, ranges[0], (bytesRead, samples) => {
		progress[0] = bytesRead;
		const read = progress.reduce((sum, bytes) => sum + bytes, 0);
		post({samples: Math.round(samples * (read / Math.max(1, bytesRead))), bytesRead: read, totalBytes, phase: 'reading'});
	});
	const rest = await Promise.all(helpers);
	const parts = [first, ...rest];
	post({samples: parts.reduce((sum, part) => sum + part.count, 0), bytesRead: totalBytes, totalBytes, phase: 'clustering'});
	return finishParts(path, options, parts);
}

async function readInHelper(part: PartRequest): Promise<FilePart> {
	// A small young generation, as for the first worker: much short-lived garbage (parsed samples).
	const worker = new Worker(new URL(import.meta.url), {workerData: part, resourceLimits: {maxYoungGenerationSizeMb: 8}});
	return new Promise<FilePart>((resolve, reject) => {
		worker.once('message', (message: PartMessage) => {
			void worker.terminate();
			if ('part' in message) resolve(message.part);
			else reject(new Error(message.error));
		});
		worker.once('error', reject);
		worker.once('exit', code => {
			reject(new Error(`a signals worker stopped with code ${code}`));
		});
	});
}
