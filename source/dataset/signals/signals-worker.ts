// The signals worker: reads a dataset and computes every signal off the screen's thread, after the
// review screen's first frame (or beside stats' own scan), and hands back the table's typed arrays.
// Started by computeSignals (compute.ts), which computes in-process where this file cannot be run
// (in the TypeScript sources under test). On a big JSON Lines file it reads the first stretch itself
// and starts one more worker (this file, `part` request) per other core for the other stretches,
// then joins the parts and clusters.
// This file itself is small: it starts the helpers first, and only then loads the signals' code
// (analyse-file.ts and the detectors, ~0.1 s to load), which each helper loads at the same time,
// instead of a helper starting only once the first worker had loaded it all.
import {availableParallelism} from 'node:os';
import {parentPort, Worker, workerData} from 'node:worker_threads';
import type {BandPairsRequest, FilePart, NearDuplicateHelper, PairCheckRequest, SignalProgress} from './analyse-file.js';
import type {EngineOptions, SignalTableData} from './engine.js';
import {splitFile, type ByteRange} from './split-file.js';
import {lowerSignalsPriority} from './worker-priority.js';

export type SignalRequest = {path: string; options: EngineOptions; parts?: number};
/** One stretch of the file, for a helper worker; it adds the bytes it has read to progress[slot]. */
type PartRequest = SignalRequest & {part: ByteRange; progress: Float64Array; slot: number};
export type SignalMessage = {progress: SignalProgress} | {done: SignalTableData} | {error: string};
/** What the first worker asks a helper once the parts are joined: its bands' candidate pairs, then its share of them checked. */
type HelperRequest = {bandPairs: BandPairsRequest} | {checkPairs: PairCheckRequest} | {closeSpill: true};
type PartMessage = {part: FilePart} | {answer: unknown} | {error: string};

/** At most this many threads read one file (each holds its own heap). */
const maxParts = 4;

const request = workerData as SignalRequest | PartRequest;

// As the indexing worker: a lower priority than the screen's thread, so keys are served first (a
// helper inherits it from the first worker, which starts it).
lowerSignalsPriority('part' in request);

if ('part' in request) {
	try {
		const {analysePart, bandPairs, checkPairs, transferablesOf} = await import('./analyse-file.js');
		const {closeSpillSource} = await import('./shingle-spill.js');
		const part = await analysePart(request.path, request.options, request.part, bytesRead => {
			request.progress[request.slot] = bytesRead;
		});
		// Then its shares of the near-duplicate search, once all parts are joined.
		parentPort!.on('message', (asked: HelperRequest) => {
			try {
				if ('closeSpill' in asked) {
					// Its words file is closed by this thread, which opened it (Node warns when another thread closes it).
					closeSpillSource(part.spill);
					parentPort!.postMessage({answer: true} satisfies PartMessage);
				} else if ('bandPairs' in asked) {
					const found = bandPairs(request.options, asked.bandPairs);
					parentPort!.postMessage({answer: found} satisfies PartMessage, [found.pairs.buffer as ArrayBuffer]);
				} else {
					const checked = checkPairs(request.path, request.options, asked.checkPairs);
					parentPort!.postMessage({answer: checked} satisfies PartMessage, [checked.alike.buffer as ArrayBuffer]);
				}
			} catch (error) {
				parentPort!.postMessage({error: error instanceof Error ? error.message : String(error)} satisfies PartMessage);
			}
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
	const totalBytes = ranges.at(-1)!.to;
	// Each helper writes how far it has read here; this thread reads it when it reports its own progress.
	const progress = new Float64Array(new SharedArrayBuffer(8 * ranges.length));
	// The helpers start before this thread loads the signals' code: they load theirs meanwhile.
	const helpers = ranges.slice(1).map((range, index) => readInHelper({path, options, part: range, progress, slot: index + 1}));
	// A helper that fails is reported once all are settled (not as an unhandled rejection meanwhile).
	for (const helper of helpers) helper.catch(() => undefined);
	const {analyseFile, analysePart, finishParts} = await import('./analyse-file.js');
	if (ranges.length === 1) return analyseFile(path, options, post);
	const parts: Array<FilePart | undefined> = [await analysePart(path, options, ranges[0], (bytesRead, samples) => {
		progress[0] = bytesRead;
		const read = progress.reduce((sum, bytes) => sum + bytes, 0);
		post({samples: Math.round(samples * (read / Math.max(1, bytesRead))), bytesRead: read, totalBytes, phase: 'reading'});
	}, undefined, true)];
	const rest = await Promise.all(helpers);
	for (const helper of rest) {
		parts.push(helper.part);
		// Held only by `parts`, which finishParts empties as it joins them.
		helper.part = undefined;
	}

	post({samples: parts.reduce((sum, part) => sum + part!.count, 0), bytesRead: totalBytes, totalBytes, phase: 'clustering'});
	try {
		return await finishParts(path, options, parts, rest.map(helper => helper.search));
	} finally {
		for (const helper of rest) void helper.worker.terminate();
	}
}

/** A helper worker reading one stretch: its part, then (asked one at a time) its shares of the near-duplicate search. */
async function readInHelper(part: PartRequest): Promise<{part: FilePart | undefined; search: NearDuplicateHelper; worker: Worker}> {
	// A small young generation, as for the first worker: much short-lived garbage (parsed samples).
	const worker = new Worker(new URL(import.meta.url), {workerData: part, resourceLimits: {maxYoungGenerationSizeMb: 8}});
	let settle: {resolve: (answer: unknown) => void; reject: (error: Error) => void} | undefined;
	const fail = (error: Error) => {
		settle?.reject(error);
		settle = undefined;
	};

	const ask = async <T>(request: HelperRequest, transfer: ArrayBuffer[] = []) => new Promise<T>((resolve, reject) => {
		settle = {resolve: resolve as (answer: unknown) => void, reject};
		worker.postMessage(request, transfer);
	});

	return new Promise((resolve, reject) => {
		const failed = (error: Error) => {
			reject(error);
			fail(error);
		};

		worker.on('message', (message: PartMessage) => {
			if ('error' in message) {
				failed(new Error(message.error));
			} else if ('part' in message) {
				resolve({
					part: message.part,
					worker,
					search: {
						bandPairs: async request => ask({bandPairs: request}),
						checkPairs: async request => ask({checkPairs: request}, [request.pairs.buffer as ArrayBuffer]),
						closeSpill: async () => ask({closeSpill: true}),
					},
				});
			} else {
				settle?.resolve(message.answer);
				settle = undefined;
			}
		});
		worker.once('error', failed);
		worker.once('exit', code => {
			failed(new Error(`a signals worker stopped with code ${code}`));
		});
	});
}
