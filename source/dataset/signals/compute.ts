import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {Worker} from 'node:worker_threads';
import type {Dataset} from '../dataset.js';
import {DatasetError} from '../errors.js';
import type {SignalProgress} from './analyse-file.js';
import type {SignalConfig} from './config.js';
import type {EngineOptions, SignalTableData} from './engine.js';
import {loadSampleSignals} from './detector-registry.js';
import {cacheKey, readCachedTable, writeCachedTable} from './signal-cache.js';
import type {SignalMessage, SignalRequest} from './signals-worker.js';
import {SignalTable} from './table.js';

/**
 * The signals worker: beside this module once built (dist/dataset/signals/signals-worker.js), or
 * beside the bundle (dist/signals-worker.js). Not there when running the TypeScript sources (tests):
 * the signals are then computed in-process, yielding to the event loop between chunks.
 */
const workerFile = fileURLToPath(new URL('signals-worker.js', import.meta.url));

export type ComputeOptions = {
	/** Break diversity down by this metadata field (dotted path): SignalTableData.groups. */
	by?: string;
	/** Use a worker thread when one can be started (default true). */
	worker?: boolean;
	/** At most this many worker threads read the file side by side (default: one per core, at most 4). */
	parts?: number;
	/** Stops the computation (the promise then rejects with an AbortError). */
	signal?: AbortSignal;
	/**
	 * The review screen's case: the worker does not keep the process alive (quitting does not wait
	 * for the signals). Commands that await the table leave it false.
	 */
	background?: boolean;
	/** Read and write the signals cache (signal-cache.ts; default true). The benchmarks measure the computation itself. */
	cache?: boolean;
	/**
	 * Load the detectors' code, which the table's reasons need (default true; stats, which shows no
	 * reasons, saves loading it). In the background it is loaded a module at a time, yielding between.
	 */
	reasons?: boolean;
};

/**
 * Every signal of a dataset, computed in a worker thread (off the thread that draws the screen),
 * with progress. Give the Dataset the review screen has open (its samples are then read through it
 * for reasons) or a path (headless commands).
 */
export async function computeSignals(source: string | Dataset, config: SignalConfig, onProgress?: (progress: SignalProgress) => void, options: ComputeOptions = {}): Promise<SignalTable> {
	const path = typeof source === 'string' ? source : source.path;
	const read = typeof source === 'string' ? undefined : (index: number) => source.sample(index).value;
	const key = options.cache === false ? undefined : await cacheKey(path, config, options.by).catch(() => undefined);
	const cached = key && await readCachedTable(key);
	options.signal?.throwIfAborted();
	if (cached) return tableOf(cached, config, read, options);
	const engineOptions = {config, by: options.by};
	const useWorker = options.worker !== false && existsSync(workerFile);
	const data = useWorker
		? await inWorker({path, options: engineOptions, parts: options.parts}, onProgress, options.signal, options.background === true)
		: await inProcess(path, engineOptions, onProgress, options.signal);
	if (key) await writeCachedTable(key, path, data);
	return tableOf(data, config, read, options);
}

/** The table, once the detectors its reasons need are loaded (a piece at a time in the background). */
async function tableOf(data: SignalTableData, config: SignalConfig, read: ((index: number) => unknown) | undefined, options: ComputeOptions): Promise<SignalTable> {
	if (options.reasons !== false) {
		await loadSampleSignals(options.background ? async () => new Promise(resolve => {
			setImmediate(resolve);
		}) : undefined);
	}

	options.signal?.throwIfAborted();
	return new SignalTable(data, config, read);
}

/** Where no worker can be started (the TypeScript sources under test): here, yielding to the event loop between chunks. */
async function inProcess(path: string, options: EngineOptions, onProgress: ((progress: SignalProgress) => void) | undefined, signal: AbortSignal | undefined): Promise<SignalTableData> {
	const {analyseFile} = await import('./analyse-file.js');
	return analyseFile(path, options, onProgress, async () => {
		signal?.throwIfAborted();
		await new Promise(resolve => {
			setImmediate(resolve);
		});
	}).catch((error: unknown) => {
		throw error instanceof DatasetError || (error as Error).name === 'AbortError' ? error : new DatasetError(`${path}: signals could not be computed (${(error as Error).message}).`);
	});
}

async function inWorker(request: SignalRequest, onProgress: ((progress: SignalProgress) => void) | undefined, signal: AbortSignal | undefined, background: boolean): Promise<SignalTableData> {
	signal?.throwIfAborted();
	// A small young generation: the worker makes much short-lived garbage (parsed samples) and keeps its data in typed arrays.
	const worker = new Worker(workerFile, {workerData: request, resourceLimits: {maxYoungGenerationSizeMb: 8}});
	if (background) worker.unref();
	return new Promise<SignalTableData>((resolve, reject) => {
		const stop = () => {
			void worker.terminate();
			reject(signal!.reason as Error);
		};

		signal?.addEventListener('abort', stop, {once: true});
		const finish = () => signal?.removeEventListener('abort', stop);
		worker.on('message', (message: SignalMessage) => {
			if ('progress' in message) {
				onProgress?.(message.progress);
			} else if ('done' in message) {
				finish();
				void worker.terminate();
				resolve(message.done);
			} else {
				finish();
				void worker.terminate();
				reject(new DatasetError(`${request.path}: signals could not be computed (${message.error}).`));
			}
		});
		worker.on('error', error => {
			finish();
			reject(new DatasetError(`${request.path}: signals could not be computed (${error.message}).`));
		});
		worker.on('exit', code => {
			finish();
			if (code !== 0) reject(new DatasetError(`${request.path}: signals could not be computed (the worker stopped with code ${code}).`));
		});
	});
}
