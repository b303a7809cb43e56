import type {Dataset} from '../dataset/dataset.js';
import type {SignalConfig, SignalProgress, SignalTable} from '../dataset/signals/index.js';

/**
 * Marks a stretch in which the signals may take the screen's thread for a while at any moment (the
 * decision store's writeAtOnceDuring): their code being loaded, and their last steps (the worker's
 * table handed over, taken in, cached). A decision gathered for a write a few ms later would
 * otherwise wait behind that work.
 */
export type BusyStretch = <T>(stretch: Promise<T>) => Promise<T>;

/**
 * The review screen's signals: computed in the background (a worker) once the file is indexed, after
 * the first frame, so neither the first frame nor a key waits for them. Until the table is there the
 * screen shows its progress (`signals 43%`); afterwards each sample's signals and reasons.
 */
export class ReviewSignals {
	table: SignalTable | undefined;
	/** Progress while computing (0–100), undefined before starting and once done. */
	percent: number | undefined;
	error: string | undefined;
	private readonly abort = new AbortController();
	private started = false;

	constructor(private readonly dataset: Dataset, private readonly config: SignalConfig) {}

	/** What the status bar says while the signals are being computed; undefined otherwise. */
	get status(): string | undefined {
		if (this.error) return 'no signals';
		return this.percent === undefined ? undefined : `signals ${this.percent}%`;
	}

	/** Starts computing (once): `onProgress` after each step, `onDone` when the table (or an error) is there. */
	start(onProgress: () => void, onDone: () => void, busy?: BusyStretch) {
		if (this.started) return;
		this.started = true;
		this.percent = 0;
		let endLastSteps: (() => void) | undefined;
		const progress = (step: SignalProgress) => {
			if (step.phase === 'clustering' && busy && !endLastSteps) {
				void busy(new Promise<void>(resolve => {
					endLastSteps = resolve;
				}));
			}

			// Reading is most of the work; clustering (duplicates, near-duplicates, outliers) the last stretch.
			const read = Math.floor((95 * step.bytesRead) / Math.max(1, step.totalBytes));
			this.percent = step.phase === 'clustering' ? 95 : Math.min(95, read);
			onProgress();
		};

		void (async () => {
			try {
				await this.dataset.whenIndexed;
				this.abort.signal.throwIfAborted();
				// The signals' code (detectors, engine, table: a fifth of the screen's code) is loaded only now,
				// after the first frame and the index: nothing before needs it.
				const loading = import('../dataset/signals/compute.js');
				const {computeSignals} = await (busy ? busy(loading) : loading);
				this.table = await computeSignals(this.dataset, this.config, progress, {signal: this.abort.signal, background: true});
			} catch (error) {
				if ((error as Error).name === 'AbortError') {
					endLastSteps?.();
					return;
				}

				this.error = `signals could not be computed: ${(error as Error).message}`;
			}

			this.percent = undefined;
			onDone();
			endLastSteps?.();
		})();
	}

	stop() {
		this.abort.abort();
	}
}
